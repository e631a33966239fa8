"""Organisations by their grammar: a head noun, then a name or a jurisdiction.

Three shapes cover the bodies of Vietnamese administration (heads in lexicon/organisations.tsv):

- a body of a unit: head + jurisdiction ("UBND thành phố Lạng Sơn", "HĐND tỉnh",
  "Đảng ủy phường Vĩnh Trại"); with no jurisdiction, the document's own unit;
- a party committee: "Tỉnh ủy", "Thành ủy Lạng Sơn"; "Ban Chấp hành Đảng bộ thành phố"
  is the same organisation as "Thành ủy" (GUIDELINES: Identity);
- a named body: head + capitalised name (+ jurisdiction): "Phòng Tài nguyên và Môi
  trường", "Trường Mầm non 19/5", "Công ty TNHH Huy Hoàng".

"Ban Thường vụ" and "Thường trực" before a body name an organ of their own, part of it.

Where an organisation is named is the patterns of kg/patterns/organisations.jsonl (a head of
each kind, perhaps after an organ); each label there has a hook here (``HOOKS``) that reads
the jurisdiction or the name after the head. The words around a head that decide whether it
names one body are lexicon/organisation_words.tsv.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import abbreviations, dotted_abbreviations, expand, org_heads, organisation_words, surnames, written_forms
from ..lexicon.units import gazetteer
from ..model import Doc
from ..patterns import Found, patterns
from ..pipeline import component
from ._base import POST_AT, POST_BEFORE, PROPER, UPPER, WB, WE, add_mention, alternation, name_end
from ._jurisdiction import JUR, LEVEL_WORDS, completed, PARTY_COMMITTEE, PARTY_LEVEL, Jurisdiction, from_match, home_of

SOURCE = "organisation"

_ABBR = abbreviations()


_HEADS = org_heads()
_BODY_HEADS = [f for h in _HEADS if h.kind == "body" for f in written_forms(h.head)]
_BODY_HEADS += ["BCH Đảng bộ"]
#: A body's head written in capitals, as administrative documents head their pages ("HỘI
#: ĐỒNG NHÂN DÂN TỈNH PHÚ YÊN"): the head it stands for.
_CAPS_HEADS = {h.head.upper(): h.head for h in _HEADS if h.kind == "body" and len(h.head.split()) > 1}
_BODY_HEADS += list(_CAPS_HEADS)
#: Bodies of the nation, as written in full or short ("BCH T.Ư Đảng"): the head each stands for.
_FIXED_FORMS = {f: h.head for h in _HEADS if h.kind == "fixed" for f in written_forms(h.head)}
_FIXED = list(_FIXED_FORMS)
_OFFICES = [h.head for h in _HEADS if h.kind == "office"]
_PARTY = [v for h in _HEADS if h.kind == "party" for v in (h.head, h.head.lower(), h.head.upper())]
#: Heads that also begin common words in lower case ("lễ hội", "cơ sở", "đảng bộ", "ban
#: hành") name a body only when capitalised.
_CAPITALISED_ONLY = {h.head for h in _HEADS if h.has("capitalised_only")}
_NAMED = [f for h in _HEADS if h.kind == "named"
          for f in ((h.head,) if h.head in _CAPITALISED_ONLY else (h.head, h.head.lower()))]
_NAMED += [f for h in _HEADS if h.kind == "named" for f in written_forms(h.head)[1:]]  # "VP" Văn phòng
_ORGAN = [f for h in _HEADS if h.kind == "organ" for f in written_forms(h.head)]  # "Ban Thường vụ", "BTV"


#: A match of [organ] head: the organ before the head as written, its abbreviation perhaps
#: with a dot ("TT. HĐND, UBND tỉnh"), and the head.
_ORGAN_BEFORE = rf"(?:(?P<organ>{alternation(_ORGAN)})\.?\s+)?"
#: After a body's head, its jurisdiction.
_JUR_AT = re.compile(rf"(?:\s+{JUR})?")
_MEMBER = re.compile(rf"\s+(?:{alternation(organisation_words('member'))}){WE}")  # "Tỉnh ủy | viên"
#: After a party committee's head, the name of its unit.
_PARTY_NAME = re.compile(rf"(?:\s+(?:(?:{alternation(LEVEL_WORDS)})\s+)?(?P<pname>{PROPER}))?")
_PARTY_AT = re.compile(rf"(?:{alternation(_PARTY)}){WE}")
_NOT_NAMED = re.compile(rf"\s+(?:{alternation(organisation_words('organ_name'))}){WE}")
#: A proper name after a head: white space, then a capital or a digit.
_NAME_NEXT = re.compile(rf"\s+(?=[{UPPER}\d])")
_NAMED_FORMS = set(_NAMED)
_DOTTED = set(dotted_abbreviations())
_SEVERAL = alternation(organisation_words("several"))
_JUR_AFTER = re.compile(rf",?\s+{JUR}")
#: Bodies listed before "các huyện" or "những xã": the bodies of every such unit.
_SHARED_PLURAL = re.compile(rf"(?:\s*(?:,|và|&|-|–)\s*(?:{POST_AT.pattern}\s+)?(?:{alternation(_BODY_HEADS)}){WE})*"
                            rf"\s+(?:{_SEVERAL})\s+(?:{alternation(w for w in LEVEL_WORDS if not w.isupper())}){WE}")
#: "các quận ủy, huyện ủy": party committees of every such unit.
_PLURAL_PARTY = re.compile(rf"(?:{_SEVERAL})\s+(?:(?:{alternation(_PARTY)})\s*(?:,|và)\s*)*$")
#: The title of a law or a charter, which names the bodies of every unit ("Luật Tổ chức HĐND
#: và UBND", "Quy chế hoạt động HĐND").
_IN_TITLE = re.compile(rf"{WB}(?:{alternation(organisation_words('law_title'))})(?:\s+[^\s,;.]+){{0,3}}\s+(?:(?:{alternation(_BODY_HEADS)})\s*(?:và|-|–)\s*)?$")
#: Level words listed with no names: the bodies of every unit of those levels.
_LEVEL_LIST = alternation(w for w in LEVEL_WORDS if not w.isupper())
_LEVELS_LISTED = re.compile(rf"\s+(?:{_LEVEL_LIST}){WE}(?:\s*,\s*(?:{_LEVEL_LIST}){WE})+")
#: Bodies listed with one jurisdiction after the last: "HĐND, UBND huyện X", "Mặt trận Tổ
#: quốc, Hội LHPN, Đoàn Thanh niên quận Y", each with its post title perhaps ("Chủ tịch Hội
#: CCB, Chủ tịch LĐLĐ và Bí thư Đoàn Thanh niên quận Z"): the unit is each one's.
_SHARED_JUR = re.compile(rf"(?:\s*(?:,|và|&|-|–)\s*(?:{POST_AT.pattern}\s+)?(?:{alternation(_BODY_HEADS)}){WE})+"
                         rf"\s+{JUR}")
#: Bodies whose names are capitalised word by word: no lower-case noun continues them.
_CAPITALISED_NAMES = {h.head for h in _HEADS if h.has("capitalised_name")}
#: A board's name that ends with the body it belongs to.
_OWNER = re.compile(rf"\s(?P<body>{alternation(h.head for h in _HEADS if h.kind == 'party' or h.has('has_boards'))})"
                    rf"(?:\s+(?P<unit>{PROPER}))?$")
#: Organs named after the body they belong to ("Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Quận ủy X");
#: a Ban or Văn phòng has a name of its own before it.
_ORGAN_HEADS = {h.head for h in _HEADS if h.has("organ_of_body")}
#: The head of another body: "… và Trường X" begins a second name.
_ANY_HEAD = re.compile(rf"(?:{alternation(_NAMED + _BODY_HEADS + _PARTY + _FIXED)}){WE}")
_PERSON_NAME = re.compile(rf"(?:{alternation(surnames())})(?:\s+\S+){{1,3}}")


def _party_name(level_word: str, name: str) -> str:
    head = PARTY_COMMITTEE[level_word]
    return f"{head} {name}".strip()


def _organ(organ: str | None) -> str | None:
    return expand(organ) if organ else None  # "BTV": Ban Thường vụ


#: Bodies that a district or province does not have under this name, so that a bare
#: mention cannot be the home unit's.
#: Bodies whose bare head is not the home unit's: a bare "Đảng ủy" is the committee of some
#: ward or agency; a bare "Thanh tra" is the field of work ("Công tác Nội vụ, Thanh tra").
_NO_DEFAULT = {h.head for h in _HEADS if h.has("no_default")}
#: … unless the document is a commune's (its home commune, kg.text.context): there the
#: party committee named alone is the commune's.
_COMMUNE_DEFAULT = {h.head for h in _HEADS if h.has("commune_default")}
#: "Phó Bí thư Thường trực Tỉnh ủy": "Thường trực" is part of the post title there.
_TITLE_BEFORE = re.compile(rf"(?:{alternation(organisation_words('titled_organ'))})\s+$")


@dataclass(frozen=True)
class _Head:
    """A body's head as matched, with the organ written before it: offsets into ``text``, the
    sentence that begins at normalised offset ``base``."""

    base: int
    text: str
    start: int  # where the mention starts: at the organ, if there is one
    organ: str | None  # as written
    head: str  # as written, white space folded
    head_start: int
    head_end: int


def _splitters(heads: list[str]) -> tuple[re.Pattern, re.Pattern]:
    """A match of [organ] head read as the lists write them, and, where the organ is written
    otherwise, the head alone at the end."""
    heads = alternation(heads)
    return re.compile(rf"{_ORGAN_BEFORE}(?P<head>{heads})"), re.compile(rf".*?[\s.]\s*(?P<head>{heads})")


_BODY_SPLIT = _splitters(_BODY_HEADS)
_PARTY_SPLIT = _splitters(_PARTY)


def _split(found: Found, splitters: tuple[re.Pattern, re.Pattern]) -> _Head | None:
    """The organ and the head of a match, each as the lists write it (capitalised, or a
    body's head in capitals); an organ written otherwise is no part of the mention ("ban
    thường vụ | Tỉnh ủy"); None when the head is not written so either."""
    whole, later = splitters
    m = whole.fullmatch(found.text, found.begin, found.end) or later.fullmatch(found.text, found.begin, found.end)
    if m is None:
        return None
    organ = m.groupdict().get("organ")
    return _Head(found.base, found.text, m.start("organ") if organ else m.start("head"), organ,
                 " ".join(m.group("head").split()), m.start("head"), m.end("head"))


def _checked(doc: Doc, m: re.Match, base: int, jur: Jurisdiction | None) -> tuple[Jurisdiction | None, int]:
    """The jurisdiction a body's name states (``m``, a match of ``_JUR_AT``) and the end of
    the name, once a person's name read as a place is taken off ("Chủ tịch HĐND tỉnh | Nguyễn
    Minh Tiến")."""
    end = m.end()
    if jur is None or not jur.name or jur.level == "commune" or not m.group("jname"):
        return jur, end
    if _PERSON_NAME.fullmatch(jur.name) and not gazetteer().is_area(str(jur)):
        home = doc.context.get("home", {})
        return home.get(jur.level_word) or Jurisdiction(jur.level_word, ""), m.end("jlevel")
    return jur, end


#: Bodies known by a short form: the Fatherland Front of a unit is its committee (the
#: organisation that acts in its name).
_FULL_HEADS = {h.head: h.full for h in _HEADS if h.kind == "body" and h.full}
#: Words after a head that say it names no single body ("UBND | các phường", "HĐND | cấp xã").
_NO_SINGLE = (*organisation_words("several"), *organisation_words("grade"))


def _head_of(label: str, found: Found) -> _Head | None:
    """The head a match of ``label`` ("body" or "party") names, if it is written as the
    lists write it; a party committee's not as a member's title ("Tỉnh ủy | viên")."""
    h = _split(found, _BODY_SPLIT if label == "body" else _PARTY_SPLIT)
    if h is None or (label == "party" and _MEMBER.match(h.text, h.head_end)):
        return None
    return h


def _body(doc: Doc, found: Found) -> None:
    """"UBND | tỉnh Lạng Sơn", "Ban Thường vụ Đảng ủy | phường X", "HĐND | tỉnh": a body of
    a unit, the document's own where none is written."""
    if (h := _head_of("body", found)) and not _in_code(h.text, h.start):
        _read_body(doc, h)


def _read_body(doc: Doc, h: _Head) -> None:
    base = h.base
    m = _JUR_AT.match(h.text, h.head_end)
    if _LEVELS_LISTED.match(doc.norm.text, base + h.head_end) or _SHARED_PLURAL.match(doc.norm.text, base + m.end()):
        return  # "UBND huyện, thị xã, thành phố", "Thường trực HĐND, Ủy ban MTTQ các huyện": every such unit's
    home = doc.context.get("home", {})
    head = _CAPS_HEADS.get(h.head, h.head)
    full_head = _ABBR.get(head) or expand(head)
    full_head = _FULL_HEADS.get(full_head, full_head)
    jur = from_match(m, home) if (m.group("glued") or m.group("jlevel")) else None
    jur, end = _checked(doc, m, base, jur)
    jur, end = completed(doc.norm.text, base + end, jur)
    end -= base
    text_after = doc.norm.text[base + m.end():base + m.end() + 6]
    if jur is None and (shared := _SHARED_JUR.match(doc.norm.text, base + m.end())) \
            and (shared.group("jlevel") or shared.group("glued")):
        jur = from_match(shared, home)
    if jur is None:
        if text_after.lstrip().startswith(_NO_SINGLE):
            return  # "UBND các phường", "HĐND cấp xã": no single body
        if _IN_TITLE.search(doc.norm.text, max(base, base + h.start - 40), base + h.start):
            return  # "Luật Tổ chức HĐND và UBND": bodies of every unit, in the title of a law
        commune = home_of(home, "commune")
        if full_head in _NO_DEFAULT and not (commune and full_head in _COMMUNE_DEFAULT):
            return  # see _NO_DEFAULT
        if full_head in _COMMUNE_DEFAULT and commune:
            jur = commune  # a commune's portal: "Bí thư Đảng ủy" is its own party committee's
        else:
            jur = commune or home.get("thành phố") or next(iter(home.values()), None)
        if jur is None:
            return
    if full_head in ("Ban Chấp hành Đảng bộ",):
        name = _party_name(jur.level_word, jur.name)
        alt = f"Ban Chấp hành Đảng bộ {jur}"
    elif full_head in _PARTY_BOARDS and jur.name:  # "Ban TG tỉnh": the board of the Tỉnh ủy
        committee = _party_name(jur.level_word, jur.name)
        start, _ = _organ_of(doc, h)
        _emit(doc, start, base + end, f"{full_head} {committee}", parent=committee)
        return
    else:
        name, alt = f"{full_head} {jur}".strip(), None
    start, organ = _organ_of(doc, h)
    scope = "" if jur.name else doc.stem  # "UBND tỉnh" of an unknown province: this document's
    if organ:
        _emit(doc, start, base + end, f"{organ} {name}", parent=name, scope=scope)
        _emit(doc, base + h.head_start, base + end, name, alt=alt, scope=scope)
        return
    _emit(doc, start, base + end, name, alt=alt, scope=scope)


def _organ_of(doc: Doc, h: _Head) -> tuple[int, str | None]:
    """Where the mention starts and the organ it names, if any; "Thường trực" after a post
    title belongs to the title ("Phó Chủ tịch Thường trực UBND tỉnh")."""
    organ = _organ(h.organ)
    start = h.base + h.start
    if organ == "Thường trực" and _TITLE_BEFORE.search(doc.norm.text, max(0, start - 20), start):
        return h.base + h.head_start, None
    return start, organ


def _emit(doc: Doc, begin: int, end: int, name: str, parent: str | None = None,
          alt: str | None = None, scope: str = "", **attrs):
    """Add the mention of normalised range [begin, end); ``parent`` names the body it is part
    of; ``scope`` keeps a name that lacks its jurisdiction to one document."""
    mention = add_mention(doc, "Organisation", begin, end, name=name, key=f"{scope} {name.lower()}".strip(),
                          source=SOURCE, **attrs)
    if parent:
        mention.attrs.parent = f"{scope} {parent.lower()}".strip()
    if alt:
        mention.attrs.alt = alt
    return mention


def _party(doc: Doc, found: Found) -> None:
    """"Tỉnh ủy", "Ban Thường vụ Thành ủy | Lạng Sơn": a party committee, of the unit named
    after it or of the document's own."""
    if (h := _head_of("party", found)) and not _in_code(h.text, h.start):
        _read_party(doc, h)


def _read_party(doc: Doc, h: _Head) -> None:
    base = h.base
    if _PLURAL_PARTY.search(doc.norm.text, max(0, base + h.start - 60), base + h.start):
        return  # "các quận ủy, huyện ủy": the committees of every such unit
    home = doc.context.get("home", {})
    level_word = PARTY_LEVEL.get(h.head.capitalize())  # "Tỉnh  ủy", spaced twice
    m = _PARTY_NAME.match(h.text, h.head_end)
    pname = m.group("pname")
    end = m.end()
    if pname and pname not in doc.context.get("place_names", ()):
        end = m.start("pname")  # a person's name after the committee, not a place
        pname = None
    jur = Jurisdiction(level_word, pname) if pname else home.get(level_word)
    name = _party_name(level_word, jur.name if jur else "")
    alt = f"Ban Chấp hành Đảng bộ {jur}" if jur else None
    start, organ = _organ_of(doc, h)
    end = len(doc.norm.text[:base + end].rstrip())
    scope = "" if jur and jur.name else doc.stem
    if organ:
        _emit(doc, start, end, f"{organ} {name}", parent=name, scope=scope)
        # "Ban Thường vụ Tỉnh ủy" names the Tỉnh ủy too: the body its organ is part of
        _emit(doc, base + h.head_start, end, name, alt=alt, scope=scope)
    else:
        _emit(doc, start, end, name, alt=alt, scope=scope)


_FIXED_NAMES = {h.head: h.full for h in _HEADS if h.kind == "fixed" and h.full}


def _fixed(doc: Doc, found: Found) -> None:
    """"Chính phủ", "BCH T.Ư Đảng": a body of the nation."""
    if found.written in _FIXED_FORMS and not _in_code(found.text, found.begin):
        head = _FIXED_FORMS[found.written]
        _emit(doc, found.base + found.begin, found.base + found.end, _FIXED_NAMES.get(head, head))


_OFFICE_AT = re.compile(rf"(?:{alternation(_OFFICES)}){WE}")
_FIRST_WORD = re.compile(r"\S+\s(?=\S)")
_CAPITAL_NEXT = re.compile(rf"\s+[{UPPER}]")


def _office_by(doc: Doc, found: Found) -> None:
    """"của | Thủ tướng Chính phủ": an office that issues in its own name; not the post of
    the person named after it ("Thủ tướng Chính phủ Phạm Minh Chính")."""
    first = _FIRST_WORD.match(found.text, found.begin)
    if first and not _CAPITAL_NEXT.match(found.text, found.end):
        _office(doc, found, _OFFICE_AT.fullmatch(found.text, first.end(), found.end))


def _office_acts(doc: Doc, found: Found) -> None:
    """"Thủ tướng Chính phủ | đã ban hành": an office by what it does."""
    _office(doc, found, _OFFICE_AT.match(found.text, found.begin))


def _office(doc: Doc, found: Found, office: re.Match | None) -> None:
    """The office matched by ``office`` in the sentence of ``found``, unless in a number's code."""
    if office and not _in_code(found.text, office.start()):
        _emit(doc, found.base + office.start(), found.base + office.end(), " ".join(office.group().split()))


#: Heads whose bodies belong to a level by default: a Phòng serves a district-level
#: People's Committee, a Sở a provincial one.
_DEFAULT_LEVEL = {h.head: h.value("level") for h in _HEADS if h.value("level")}


#: A second body joined to the first ("HĐND và UBND tỉnh"), not another office ("… và Văn phòng …").
_JOINED_BODY = re.compile(rf"\s*(?:và|&|-|–)\s*(?:{alternation(h for h in _BODY_HEADS if not h.startswith(('Văn phòng', 'VP')))}){WE}")
#: Heads of the office of a body, named by the body alone: "Văn phòng UBND tỉnh", "VP. Tỉnh ủy".
_OFFICES_OF = {h.head for h in _HEADS if h.has("office_of")}
_PARTY_BOARDS = {h.head for h in _HEADS if h.has("party_board")}
#: Agencies of the People's Committee of the unit written after them ("Sở Tài chính tỉnh X").
_OF_COMMITTEE = {h.head for h in _HEADS if h.has("of_committee")}
#: Organs of a body with a name of their own before it ("Ban Tổ chức | Tỉnh ủy").
_OWN_NAME = {h.head for h in _HEADS if h.has("own_name")}
_SEVERAL_BEFORE = re.compile(rf"(?:{_SEVERAL})\s+$")


def _office_of(doc: Doc, base: int, text: str, start: int, after: int, head: str) -> bool:
    """The office of the body named at ``after``, right after ``head``, part of it; both are
    mentions. False when no single body follows ("Văn phòng HĐND và UBND tỉnh" is a body
    head of its own)."""
    found_in = patterns("organisations")
    for label, reader, after_head in (("body", _read_body, _JUR_AT), ("party", _read_party, _PARTY_NAME)):
        ranges = found_in.search(doc.syllables, base + after, base + len(text), label)
        h = next((h for b, e in ranges if b == base + after
                  if (h := _head_of(label, Found(label, b - base, e - base, base, text)))), None)
        if h is None or h.organ or h.start != after or _JOINED_BODY.match(text, after_head.match(text, h.head_end).end()):
            continue
        before = len(doc.mentions)
        reader(doc, h)
        made = [x for x in doc.mentions[before:] if x.norm[0] == base + h.head_start]
        if not made:
            return False
        body = made[-1]
        office = _emit(doc, base + start, body.norm[1], f"{head} {body.name}")
        office.attrs.parent = body.key
        return True
    return False


def _named(doc: Doc, found: Found) -> None:
    """"Phòng | Tài nguyên và Môi trường", "VP. | Tỉnh ủy": a head and the proper name after
    it; not an organ's name ("Ban | Thường vụ")."""
    text = found.text
    written = text[found.begin:found.end]
    if written.endswith("."):  # "VP. Tỉnh ủy": only an abbreviation written with a dot
        written = written[:-1]
        if written != written.rstrip() or written + "." not in _DOTTED:
            return
    head = " ".join(written.split())
    if head not in _NAMED_FORMS or _in_code(text, found.begin) or _NOT_NAMED.match(text, found.end):
        return
    if after := _NAME_NEXT.match(text, found.end):
        _read_named(doc, found.base, text, found.begin, head, after.end())


def _board(doc: Doc, found: Found) -> None:
    """"Trưởng | ban | Kinh tế - Ngân sách HĐND tỉnh": a board's head written in lower case as
    the end of the post title."""
    start = found.end - len("ban")
    if found.text[start:found.end].islower() and _ONE_WORD.fullmatch(found.text, found.begin, start) \
            and not _in_code(found.text, start) \
            and (after := _NAME_NEXT.match(found.text, found.end)):
        _read_named(doc, found.base, found.text, start, "ban", after.end())


_ONE_WORD = re.compile(r"\S+\s")


def _read_named(doc: Doc, base: int, text: str, start: int, head: str, after: int) -> None:
    """The body of ``head`` (at ``start`` in ``text``, the sentence at ``base``) whose name
    begins at ``after``: where the name ends, its jurisdiction and the body it is part of."""
    if _SEVERAL_BEFORE.search(doc.norm.text, max(0, base + start - 8), base + start):
        return  # "các Ban HĐND tỉnh": several boards, none named
    home = doc.context.get("home", {})
    head = _ABBR.get(head) or head[0].upper() + head[1:]
    sentence_end = base + len(text)
    if head in _OFFICES_OF and _office_of(doc, base, text, start, after, head):
        return
    after_post = bool(POST_BEFORE.search(doc.norm.text, max(0, base + start - 30), base + start))
    name_stop = name_end(doc, base + after, sentence_end, lower_nouns=head not in _CAPITALISED_NAMES,
                         new_name=_ANY_HEAD, person_follows=after_post) - base
    if (party := _PARTY_AT.match(doc.norm.text, base + after)) and name_stop < party.end() - base:
        name_stop = party.end() - base  # "VP. Tỉnh | ủy": the tagger may cut a committee's name
    if name_stop <= after:
        return
    core = f"{head} {expand(' '.join(text[after:name_stop].split()))}"
    end, jur = name_stop, None
    found_after = _JUR_AFTER.match(text, name_stop)
    if found_after and (found_after.group("glued") or found_after.group("jlevel")):
        jur = from_match(found_after, home)
        end = found_after.end()
    if jur is None:
        level_word = _DEFAULT_LEVEL.get(head)
        jur = home.get(level_word) if level_word else None
    name = f"{core} {jur}" if jur and jur.name else core
    parent = None
    if jur and jur.name and head in _OF_COMMITTEE:
        parent = f"Ủy ban nhân dân {jur}"
    owner = _OWNER.search(core)
    if owner and head in _ORGAN_HEADS and (owner.start() > len(head) or head not in _OWN_NAME):
        # "Ban Tổ chức Tỉnh ủy", "Ban Kinh tế - Ngân sách HĐND tỉnh": a board of that body
        body = owner.group("body")
        if body in PARTY_LEVEL:
            level = PARTY_LEVEL[body]
            unit = jur if jur and jur.level_word == level else home.get(level)
            parent = _party_name(level, owner.group("unit") or (unit.name if unit else ""))
            if not owner.group("unit") and unit and unit.name and name == core:
                name = f"{core} {unit.name}"  # "Ban Tuyên giáo Tỉnh ủy": the document's own Tỉnh ủy's
        elif jur and jur.name:
            parent = f"{body} {jur}"
    _emit(doc, base + start, base + end, name, parent=parent)


#: The issuer code of a document's number ("số 68/KH-UBND", "số 454/UBND-VX"): a word with
#: a slash in it is a code, not a mention of the body ("HĐND-UBND huyện" is two, "1.UBND
#: tỉnh" an item of a list).
_WORD_AROUND = re.compile(r"\S*")


def _in_code(text: str, start: int) -> bool:
    begin = start
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    return "/" in _WORD_AROUND.match(text, begin).group()


#: What reads the matches of each label of kg/patterns/organisations.jsonl, in the order
#: they are read within a sentence.
HOOKS = {"body": _body, "party": _party, "fixed": _fixed, "office_by": _office_by, "office_acts": _office_acts,
         "named": _named, "board": _board}


@component("organisation",
           requires=("norm", "norm_sentences", "context", "tokens", "syllables"),
           assigns=("mentions", "attrs.parent", "attrs.alt"))
def find_organisations(doc: Doc) -> Doc:
    for found in patterns("organisations").read(doc, HOOKS, "organisation"):
        HOOKS[found.label](doc, found)
    _agency_party(doc)
    return doc


#: The party organisation of an agency, named before the agency: "Đảng ủy Thanh tra tỉnh X",
#: "Đảng bộ Ủy ban nhân dân tỉnh X", "Chi bộ Trường Tiểu học Y".
_AGENCY_PARTY = re.compile(rf"(?P<head>{alternation(organisation_words('agency_party'))})\s+$")


def _agency_party(doc: Doc) -> None:
    text = doc.norm.text
    for m in [m for m in doc.mentions if m.type == "Organisation" and m.source == SOURCE]:
        before = _AGENCY_PARTY.search(text, max(0, m.norm[0] - 12), m.norm[0])
        if before and not m.name.startswith(("Đảng", "Chi bộ", "Ban Chấp hành")):
            _emit(doc, before.start(), m.norm[1], f"{before['head']} {m.name}")
