"""Projects: named undertakings.

Three shapes:

- a head noun and a name (dự án, công trình, hạng mục, tiểu dự án, đề án, chương trình,
  phong trào, cuộc vận động, chiến dịch): "Dự án Khu đô thị mới Bến Bắc", "công trình kiên cố hóa tuyến mương …",
  "phong trào thi đua “Dân vận khéo”". The name runs to the end of the phrase; a head in
  lower case needs a capitalised word or a quotation in it ("các dự án trên địa bàn" is
  none). Both the name with its head and without it are labels of the project.
- a development named on its own, "Khu đô thị Phú Lộc III", "Khu tái định cư Nam Cầu": an
  urban or resettlement area under development is an investment project. The head must be
  capitalised and followed by a proper name.
- an item of an enumeration, "(3) Cải tạo, mở rộng trường mầm non X; (4) …" or a footnote
  line "12 Xây mới trụ sở …", that starts with the words of a public work (lexicon/works.tsv:
  xây mới, cải tạo, nâng cấp, kè, hạ tầng kỹ thuật …). The name runs to the item's end.

Where a project is named is the patterns of kg/patterns/projects.jsonl; each label there
has a hook here (``HOOKS``) that reads its matches and decides where the name ends.
"""
from __future__ import annotations

import re

from ..lexicon import expand, level_words, programmes, project_heads, works_heads, works_words
from ..model import Doc
from ..patterns import Found, patterns
from ..pipeline import component
from ._base import AT_UNIT, PERIOD, UPPER, WE, add_mention, alternation, phrase_end, same_name_key, verb_stop
from ._jurisdiction import LEVEL_WORDS, UNIT_NAME

_HEADS = [*project_heads("head"), *project_heads("aim"), *project_heads("form")]
_FORMS = [v for h in _HEADS for v in {h, h[0].upper() + h[1:], h.title(), h.upper()}]  # "PHONG TRÀO" in a headline
_HEAD_FORMS = set(_FORMS)
_AFTER_HEAD = re.compile(r":?\s*")
#: Heads followed by these are generic ("dự án trọng điểm") or another kind of thing
#: ("Chương trình hành động số 74-CTr/TU" is a resolution).
#: After a head, words that say no name follows: a generic use ("công tác …"), a function
#: word ("công trình | không chỉ …", "đề án | để …") or the body that decides about it
#: ("dự án | UBND tỉnh phê duyệt").
_GENERIC = re.compile(rf"(?:{alternation(project_heads('generic'))}){WE}")
_AIMS = {h.lower() for h in project_heads("aim")}
_ANOTHER_HEAD = re.compile(rf"(?:{alternation(_FORMS)}){WE}")
#: What ends a project's name: a second project joined by "và", or where it is ("… tại
#: huyện Mèo Vạc"), which the relation stage reads as its place.
_STOP = re.compile(rf"(?:và\s+(?:{alternation(_FORMS)}){WE}"
                   rf"|{AT_UNIT})")
_SPACE = re.compile(r"\s*")
_NEXT_LISTED = re.compile(r";\s*")
#: A programme or campaign named in quotes may be followed by more quoted names of the same
#: kind: phong trào “A”; “B”; “C”.
_MORE_QUOTED = re.compile(r"\s*[;,]\s*(?:và\s+)?(?P<q>“[^”]{3,200}”)")


#: A nationwide programme's name, written out or with MTQG, after its head: it runs through
#: its commas and verbs ("Chương trình xóa nhà tạm, nhà dột nát").
def _flexible(name: str) -> str:
    pattern = r"\s+".join(re.escape(word) for word in name.split())
    return pattern.replace(r"mục\s+tiêu\s+quốc\s+gia", r"(?:mục\s+tiêu\s+quốc\s+gia|MTQG)")


_PROGRAMME = re.compile(rf"[“\"]?(?:{'|'.join(_flexible(n) for n in programmes())}){WE}[”\"]?", re.IGNORECASE)
#: What a programme's name may go on with: the unit it runs in, its period.
#: How far a quoted programme's name may go on after the words the lexicon knows.
QUOTED_TAIL_CHARS = 60
_PROGRAMME_TAIL = re.compile(rf"(?:\s+trên địa bàn\s+(?:{alternation(LEVEL_WORDS)})\s+{UNIT_NAME})?{PERIOD}?")

_WORKS = [v for w in works_heads() for v in (w, w.capitalize())]
_WORKS_AT = re.compile(rf"(?:{alternation(_WORKS)}){WE}")
#: A clause about the work, after its description: its cost, its state, its purpose.
_ITEM_CLAUSE = re.compile(rf"\s+(?:{alternation(project_heads('ends_item'))}){WE}")
_ITEM_END = re.compile(r"\s*(?:;|\(\d{1,2}\)|\.\s|\.$|$)")


_QUOTED_TITLE = re.compile(r"“([^”]{3,200})”|\"([^\"]{3,200})\"")


def _verb_after_comma(doc: Doc, base: int, begin: int, end: int) -> int:
    """Where a clause begins after a comma inside text[begin:end]: a lower-case verb that is
    no work ("…, thành lập 4 trang"; not "Cải tạo, nâng cấp đường X")."""
    from ..text.tokenize import token_index

    text, works = doc.norm.text, set(works_words())
    for comma in re.finditer(r",\s*", text[base + begin:base + end]):
        k = token_index(doc, base + begin + comma.end())
        if k < len(doc.tokens):
            tok = doc.tokens[k]
            word = text[tok.begin:tok.end]
            if tok.begin == base + begin + comma.end() and tok.tag == "V" and word[:1].islower() \
                    and word not in works:
                return begin + comma.start()
    return end


def _clean(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"([“(])\s+", r"\1", text)
    return re.sub(r"\s+([”),])", r"\1", text).strip(" ,;:.-–…")


def _item_end(text: str, pos: int) -> int:
    """The end of an enumerated item: the next ";", "(n)" or the end of the sentence."""
    depth = 0
    for i in range(pos, len(text)):
        ch = text[i]
        if ch == "(" and not re.match(r"\(\d{1,2}\)", text[i:i + 4]):
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif depth == 0 and _ITEM_END.match(text, i) and (ch in ";(." or i == len(text)):
            return i
    return len(text.rstrip())


def _add(doc: Doc, base: int, begin: int, end: int, name: str, alt: str | None = None) -> None:
    """A project named ``name``; ``alt`` is its name without the head noun: two heads with
    the same name are one project ("Chương trình Thắp sáng đường quê", "công trình Thắp sáng
    đường quê"), keyed as the document first names it."""
    name = expand(name)  # "chương trình MTQG …" -> "Chương trình mục tiêu quốc gia …"
    key = same_name_key(name)
    if alt:  # the first project of the document with this name, under whatever head and however
        # its dashes and quotes are written
        title = "".join(c for c in same_name_key(expand(alt)) if c.isalnum())
        key = doc.context.setdefault("_project_names", {}).setdefault(title, key)
    add_mention(doc, "Project", base + begin, base + end, name=name, key=key, source="project", alt=alt)


def _starts_named(doc: Doc, pos: int) -> bool:
    """Whether a lower-case head is followed by a name: a capitalised word, a quotation (after
    up to three words saying what kind: "công trình thanh niên “…”"), or the words of a
    public work ("công trình kiên cố hóa tuyến mương …")."""
    text = doc.norm.text
    return bool(_NAMED_START.match(text, pos))


_NAMED_START = re.compile(rf"[{UPPER}“\"]|(?:{alternation(works_heads())}){WE}"
                          rf"|(?:[^\W\d]+\s+){{1,3}}“")  # "công trình thanh niên “Cổng chào …”"
#: A description that starts with the work done ("Cải tạo, nâng cấp đường X") runs to the
#: end of its item, commas included.
_ACTION_START = re.compile(rf"(?:{alternation(v for w in works_heads('action') for v in (w, w.capitalize()))}){WE}")
#: A work names a particular thing: a proper name, a number or a place in it.
_PARTICULAR = re.compile(rf"[{UPPER}\d]|(?:{alternation((*level_words('commune', 'village'), *project_heads('particular')))}){WE}")


def _from_head(doc: Doc, found: Found) -> None:
    """A project named by its head noun and the name after it."""
    text, base, head = found.text, found.base, found.written
    if head not in _HEAD_FORMS:
        return  # "Dự Án" written so is no way a head is written
    start = found.begin
    after = found.end + len(_AFTER_HEAD.match(text, found.end).group())  # "Hạng mục: …"
    if _GENERIC.match(text, after) or _ANOTHER_HEAD.match(text, after):
        return
    descriptive = head.lower() in _AIMS  # named by what it strives for
    if head[0].islower() and not descriptive and not _starts_named(doc, base + after):
        return
    generic_work = head[0].islower() and _WORKS_AT.match(text, after)  # "công trình thủy lợi …"
    if _ACTION_START.match(text, after):  # "Hạng mục: Cải tạo, nâng cấp đường X": an item
        end = _item_end(text, after)
        if clause := _ITEM_CLAUSE.search(text, after, end):
            end = clause.start()  # "… đoạn qua xã Đông Xá | có tổng mức đầu tư …"
        end = _verb_after_comma(doc, base, after, end)
        if not _PARTICULAR.search(text, after + 1, end):
            return
    elif known := _PROGRAMME.match(text, after):
        end = known.end()
        if text[after] in "“\"" and text[end - 1] not in "”\"":  # “<known name> ở khu dân cư”
            close = text.find("”" if text[after] == "“" else "\"", end, end + QUOTED_TAIL_CHARS)
            end = close + 1 if close >= 0 else end
        end = _PROGRAMME_TAIL.match(text, end).end()
    else:
        end = phrase_end(text, after, stop_after_year=False, max_words=25, stop=_STOP,
                         stop_at=verb_stop(doc, base, after))
    tail = _clean(text[after:end])
    if generic_work and not _PARTICULAR.search(tail):
        return  # "hiệu quả công trình thủy lợi và …": no particular work
    if len(tail.split()) < (2 if head[0].isupper() else 3 if not descriptive else 4) \
            and not tail.startswith(("“", "\"")):
        return
    head = head[0].upper() + head[1:].lower()
    quoted = _QUOTED_TITLE.search(tail)  # "ra quân “Vì thành phố văn minh”": known by its title
    alt = (quoted.group(1) or quoted.group(2)) if quoted else tail[0].upper() + tail[1:]
    _add(doc, base, start, end, f"{head} {tail}", alt)
    while tail.startswith("“") and (more := _MORE_QUOTED.match(text, end)):
        quoted = _clean(more.group("q"))
        short = " ".join(head.split()[:2])  # "Phong trào thi đua" -> "Phong trào"
        _add(doc, base, more.start("q"), more.end("q"), f"{short} {quoted}", f"{head} {quoted}")
        end = more.end()


def _from_item(doc: Doc, found: Found) -> None:
    """An enumerated item, "(3) Cải tạo, mở rộng trường mầm non X", or a footnote line,
    "12 Xây mới trụ sở …": a work named to the item's end."""
    text = found.text
    if text[found.begin].isdigit() and text[:found.begin].rstrip(" \t")[-1:] not in ("", "\n"):
        return  # a number inside a line is no footnote's
    begin = found.end + len(_SPACE.match(text, found.end).group())
    if not _WORKS_AT.match(text, begin):
        return  # no work's words after the number ("(3) XÂY MỚI" is not how they are written)
    end = _item_end(text, begin)
    name = _clean(text[begin:end])
    if 2 <= len(name.split()) <= 40:
        _add(doc, found.base, begin, begin + len(text[begin:end].rstrip()), name[0].upper() + name[1:])


def _from_list(doc: Doc, found: Found) -> None:
    """Works listed after "gồm:", one per item up to ";", over sentence ends at ";"."""
    text = doc.norm.text
    starts = {b for b, _ in doc.norm_sentences}
    pos = found.base + found.end
    pos += len(_SPACE.match(text, pos).group())
    while _WORKS_AT.match(text, pos):
        end = _item_end(text, pos)
        name = _clean(text[pos:end])
        if 2 <= len(name.split()) <= 40 and _PARTICULAR.search(text, pos + 1, end):
            _add(doc, 0, pos, pos + len(text[pos:end].rstrip()), name[0].upper() + name[1:])
        nxt = _NEXT_LISTED.match(text, end)
        if not nxt or (nxt.end() not in starts and "\n" in text[end:nxt.end()]):
            break
        pos = nxt.end()


def _from_area(doc: Doc, found: Found) -> None:
    """A development named on its own ("Khu đô thị Phú Lộc III"), outside a project already
    found ("Dự án Khu đô thị mới Bến Bắc" is one project, not two)."""
    begin = found.base + found.begin
    if not any(b <= begin < e for b, e in (m.norm for m in doc.mentions if m.type == "Project")):
        _add(doc, found.base, found.begin, found.end, found.written)


#: What reads the matches of each label of kg/patterns/projects.jsonl, in the order they are
#: read: heads and items sentence by sentence, then lists, then the areas outside them.
HOOKS = {"head": _from_head, "item": _from_item, "list": _from_list, "area": _from_area}


@component("project", requires=("norm", "norm_sentences", "tokens", "syllables"), assigns=("mentions",))
def find_projects(doc: Doc) -> Doc:
    for found in patterns("projects").read(doc, HOOKS, "project", later=("list", "area")):
        HOOKS[found.label](doc, found)
    return doc
