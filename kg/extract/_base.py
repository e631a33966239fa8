"""What the extractors share: character classes, name patterns, and adding a mention."""
from __future__ import annotations

import re
from typing import Iterator

from ..lexicon import activities, function_words, level_words, person_words
from ..model import Attrs, Doc, Mention


def alternation(words) -> str:
    """A regex alternation of fixed words, longest first, spaces matching any white space."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


UPPER = "".join(c for r in ((0x41, 0x5B), (0xC0, 0x250), (0x1E00, 0x1F00))
                for c in map(chr, range(*r)) if c.isupper())
LOWER = "".join(c for r in ((0x61, 0x7B), (0xC0, 0x250), (0x1E00, 0x1F00))
                for c in map(chr, range(*r)) if c.islower())
CAP = rf"[{UPPER}][{LOWER}{UPPER}]*"  # a capitalised syllable: Lạng, TP, HĐND
WB = rf"(?<![{LOWER}{UPPER}\d])"  # word boundary before (\b does not know Vietnamese well)
WE = rf"(?![{LOWER}{UPPER}\d])"  # word boundary after
#: A proper name of a place: one to four capitalised syllables (Lạng Sơn, Vĩnh Trại); one
#: written in capitals is capitals throughout ("LẠNG SƠN"), so that a heading "THÀNH PHỐ
#: LẠNG SƠN" does not run on into the next line's "Báo cáo"; a one-letter syllable opens a
#: capitalised name too ("huyện A Lưới", "xã Ia Grai").
#: A capitalised word that does not go on a name before it: the first word of a cited
#: document's title ("… của HĐND tỉnh | Quyết định chủ trương …", "… Bộ Tài chính | Hướng dẫn …"),
#: or a council's term ("HĐND xã | Khóa XX").
TITLE_WORDS = rf"(?:{alternation(function_words('opens_title'))})"
_NEXT_SYLLABLE = rf"\s+(?!{TITLE_WORDS}{WE})"
_NEXT_CAPS = rf"\s+(?!(?i:{TITLE_WORDS}){WE})"  # "VĂN LÃNG | KHÓA XX"
PROPER = (rf"(?!{TITLE_WORDS}{WE})(?:(?:[{UPPER}]{{2,}}|[{UPPER}](?=\s+[{UPPER}]+{WE})){WE}(?!/)"
          rf"(?:{_NEXT_CAPS}[{UPPER}]+{WE}(?!/)){{0,3}}"
          rf"|{CAP}(?!/)(?:{_NEXT_SYLLABLE}{CAP}(?!/)){{0,3}}{WE})")
#: A number that stands for a name (Phường 1, Trường Mầm non 19/5).
NUMERAL = r"\d+(?:/\d+)?"


def label(text: str) -> str:
    """A surface form as a label: single spaces, no stray punctuation at the ends."""
    return " ".join(text.split()).strip(" ,;:-–")


def sentences(doc: Doc) -> Iterator[tuple[int, str]]:
    """Each sentence of the normalised text as (offset, text)."""
    norm = doc.norm.text
    for b, e in doc.norm_sentences:
        yield b, norm[b:e]


def _post_before() -> re.Pattern:
    from ..lexicon import roles

    return re.compile(rf"(?P<title>{alternation(r.title for r in roles())})\s+$", re.IGNORECASE)


#: A post title ending right before a position ("Giám đốc | Sở Tài chính …").
POST_BEFORE = _post_before()


def _post_at() -> re.Pattern:
    from ..lexicon import roles

    return re.compile(rf"(?:{alternation(r.title for r in roles())}){WE}")


#: A post title beginning at a position: the next item of a list of posts, not more of a
#: name ("Chủ tịch Hội CCB, | Chủ tịch LĐLĐ và | Bí thư Đoàn Thanh niên quận").
POST_AT = _post_at()


def person_name(written: str) -> str:
    """A person's name as a label: "PHÙNG KHIÊM" -> "Phùng Khiêm", spaces folded."""
    words = written.split()
    return " ".join(w.capitalize() for w in words) if written.isupper() else " ".join(words)


def same_name_key(name: str, scope: str = "") -> str:
    """The key of a descriptive name: lower case, "năm 2025" the same as "2025", and a
    quoted title the same with or without its year or period, so that two wordings of one
    event or project are one entity (within ``scope``)."""
    quoted = _QUOTED_NAME.match(name)
    if quoted:  # "phong trào “X” giai đoạn 2011-2020" is "phong trào “X”"; an ordinal stays
        name = quoted.group("title") + (quoted.group("ordinal") or "")
    key = re.sub(r"\bnăm\s+(\d{4})\b", r"\1", name.lower())
    return f"{scope} {key}".strip()


_QUOTED_NAME = re.compile(r"(?P<title>.*”)(?P<ordinal>\s+lần\s+thứ\s+[IVXLC\d]+)?")


def make_mention(doc: Doc, type_: str, begin: int, end: int, *, name: str, key: str,
                 source: str, **attrs) -> Mention:
    """The mention of normalised range [begin, end) of ``doc``, not yet added to it."""
    span = doc.norm.span(begin, end)
    return Mention(type=type_, span=span, text=doc.text[span.begin:span.end],
                   label=label(doc.norm.text[begin:end]), name=label(name), key=key,
                   source=source, norm=(begin, end), attrs=Attrs(**attrs))


def add_mention(doc: Doc, type_: str, begin: int, end: int, *, name: str, key: str,
                source: str, **attrs) -> Mention:
    """Add a mention of normalised range [begin, end) to ``doc`` and return it."""
    mention = make_mention(doc, type_, begin, end, name=name, key=key, source=source, **attrs)
    doc.mentions.append(mention)
    return mention


#: The level words of units of the administration (jurisdictions.tsv): "xã", "huyện", "thành phố".
UNIT_LEVELS = level_words("province", "district", "commune")
#: Words that open a new clause, and so end a descriptive name before them (function_words.tsv).
CLAUSE_WORDS = function_words("clause")
#: ... and so does "trên địa bàn" when no place follows it.
_CLAUSE_RE = re.compile(rf"(?:{alternation(CLAUSE_WORDS)}){WE}"
                        rf"|trên địa bàn(?!\s+(?:{alternation(UNIT_LEVELS)}){WE})")
_YEAR_RE = re.compile(r"(?:năm\s+)?\d{4}(?:\s*[-–]\s*\d{4})?" + WE)
def _level_and_short() -> tuple[str, ...]:
    """The level words of units (jurisdictions.tsv) and those written short ("TP", "TX")."""
    from ..lexicon import abbreviations

    words = level_words("province", "district", "commune", "village")
    return (*words, *(a for a, e in abbreviations().items() if e in words and a.isupper()))


LEVEL_AND_SHORT = _level_and_short()
#: Where a thing is, which ends its name ("… | tại huyện Mèo Vạc", "… | tại Hà Nội"): the
#: relation stage reads it as the place.
AT_UNIT = rf"tại\s+(?:[{UPPER}]|(?:{alternation(UNIT_LEVELS)}){WE})"
#: After a comma a name goes on with its place ("…, phường Chi Lăng").
_LOCATION_RE = re.compile(rf",\s+(?:{alternation(LEVEL_AND_SHORT)})\s+[{UPPER}\d]")
_SPACE_RE = re.compile(r"\s+")
#: What may follow a quoted title in a name: the ordinal of the series, the year or period.
#: The year or period that may close a name: ", giai đoạn 2021 - 2025", " năm 2024" (" NĂM
#: 2016" in a headline in capitals).
PERIOD = r"(?:,?\s+(?i:năm|giai\s+đoạn)\s+\d{4}(?:\s*[-–]\s*\d{4})?" + WE + r")"
_QUOTED_TAIL = re.compile(r"(?:\s+(?i:lần\s+thứ)\s+(?:[IVXLC]+|\d+)" + WE + r")?" + PERIOD + "?")
_DANGLING = set(function_words("dangling"))
#: A parenthesis that is part of a name: the stretch of a road, an extension, dates, the
#: kind of a council's session ("Kỳ họp thứ 13 (kỳ họp chuyên đề) HĐND tỉnh").
_NAMING_PAREN = re.compile(rf"\((?:{alternation(function_words('naming_paren'))}|\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{4}})[^()\n]{{0,100}}\)")
#: A capitalised word after a comma that starts a person's post, not more of a name.
_TITLE_RE = re.compile(rf"(?:{alternation(person_words('post_opens'))}){WE}")
#: A short run of words that ends the name with its year, within the clause.
_YEAR_AHEAD = re.compile(r"(?P<words>[^;:.!?(),]{1,60}?)\snăm\s+\d{4}" + WE)
_TOKEN_RE = re.compile(r"[^\s,;:.!?()“”\"]+")
_NUMBER_LIST = re.compile(r"\d,\d")
_ABBREVIATED_CITY = re.compile(rf"(?<![{LOWER}{UPPER}])T[Pp]\.\s+[{UPPER}]")
def _joined_words() -> tuple[str, ...]:
    from ..lexicon import works_words

    return activities() + works_words()


#: Words that a comma joins inside one name: activities ("học tập, quán triệt") and the
#: words of public works ("khu dân cư, tái định cư"; "cải tạo, nâng cấp").
_ACTIVITY_BEFORE = re.compile(rf"(?<![{LOWER}{UPPER}])(?:{alternation(_joined_words())})$", re.IGNORECASE)
_ACTIVITY_AFTER = re.compile(rf"\s*(?:{alternation(_joined_words())}){WE}")


def phrase_end(text: str, pos: int, *, max_words: int = 30, stop_after_year: bool = True,
               stop: re.Pattern | None = None, stop_at=None, parens: bool = True) -> int:
    """Where a descriptive name that starts at ``pos`` ends: before sentence punctuation,
    a parenthesis, a word that opens a clause, a match of ``stop`` or a position where
    ``stop_at(i)`` is true; after "năm 2025" (a name's last part) or a quoted title; across a comma only before a capitalised word that is not a post title, or a
    place ("…, phường Chi Lăng")."""
    end, words, i = pos, 0, pos
    while i < len(text) and words < max_words:
        ch = text[i]
        if ch in "“\"":
            close = text.find("”" if ch == "“" else "\"", i + 1)
            if close < 0:
                break
            end = i = close + 1
            end += len(_QUOTED_TAIL.match(text, end).group())  # … “Phụ nữ khéo tay” lần thứ III năm 2024
            break  # a quoted title ends the name, but for its ordinal and its year or period
        if ch.isspace():
            if "\n" in text[i:_SPACE_RE.match(text, i).end()] and text[_SPACE_RE.match(text, i).end():][:1].isdigit():
                break  # a headline ends at its line; the next line's date or time is no part of it
            i = _SPACE_RE.match(text, i).end()
            continue
        if ch == ",":
            if _LOCATION_RE.match(text, i) or _NUMBER_LIST.match(text, i - 1):
                i += 1  # "…, phường Chi Lăng"; "tổ dân phố số 8,9"
                continue
            if _ACTIVITY_BEFORE.search(text, max(pos, i - 24), i) and _ACTIVITY_AFTER.match(text, i + 1):
                i += 1  # "học tập, quán triệt và triển khai", "rà soát, điều chỉnh", "khu dân cư, tái định cư"
                continue
            nxt = _SPACE_RE.match(text, i + 1)
            j = nxt.end() if nxt else i + 1
            if _LIST_AHEAD.match(text, i + 1) and not _TITLE_RE.match(text, j):
                i = j  # "Sở Văn hóa, Thể thao và Du lịch": a list that "và" closes
                continue
            ahead = _YEAR_AHEAD.match(text, j)
            if stop_after_year and ahead and not _CLAUSE_RE.search(ahead.group("words")):
                i = j  # "Hội nghị tổng kết công tác Đảng, thi đua khen thưởng năm 2024"
                continue
            break
        if ch == "(" and parens and (paren := _NAMING_PAREN.match(text, i)):
            end = i = paren.end()  # "(đoạn từ … đến …)", "(kéo dài)", "(1969-2019)"
            words += 1
            continue
        if ch == "." and _ABBREVIATED_CITY.match(text, max(0, i - 2)):
            i += 1  # "… công nhận TP. Pleiku là đô thị loại I"
            continue
        if ch in ";:.!?()":
            break
        if i > pos and (_CLAUSE_RE.match(text, i) or (stop and stop.match(text, i))
                        or (stop_at and stop_at(i))):
            break
        year = _YEAR_RE.match(text, i)
        if year and (i == pos or text[i - 1].isspace()):
            end = i = year.end()
            words += 1
            if stop_after_year and not _LOCATION_RE.match(text, i):
                break
            continue
        tok = _TOKEN_RE.match(text, i)
        if not tok:
            break
        i = tok.end()
        if tok.group() not in _DANGLING:  # a name does not end on "và" or "của"
            end = i
        words += 1
    return end


#: Parts of speech a lower-case word may have and still belong to a name (nouns,
#: adjectives, numerals, abbreviations).
NAME_TAGS = {"N", "Np", "Nc", "Nu", "Ny", "A", "M", "Nb"}
def _person_ahead() -> re.Pattern:
    from ..lexicon import surnames

    return re.compile(rf"(?:{alternation(surnames())}){WE}(?:\s+{CAP}){{2,3}}{WE}(?!\s+{CAP})")


_PERSON_AHEAD = _person_ahead()
#: After a comma, a list of name words that "và" closes before the clause ends.
_LIST_AHEAD = re.compile(r"[^,;:.!?()]{1,50}?\svà\s+[" + UPPER + "]")
_CONNECTORS = {"và", "&", "-", "–"}
_ENDS_NAME = {*level_words("province", "district", "commune"), *function_words("ends_body")} - {"đặc khu"}


#: Capitalised syllables followed by lower-case ones, in one token.
_CAP_THEN_LOWER = re.compile(rf"{CAP}(?:\s+{CAP})*(?=\s+[{LOWER}])")


#: Capitalised words that open the title of a document cited after its issuer, not more of
#: the issuer's name ("Thông tư … của Bộ Tài chính Hướng dẫn …").
_TITLE_OPENS = re.compile(rf"{TITLE_WORDS}{WE}(?!\s+(?:và|,))")


def name_end(doc: Doc, pos: int, limit: int, *, lower_nouns: bool = True,
             new_name: re.Pattern | None = None, person_follows: bool = False) -> int:
    """Where a name that starts at normalised offset ``pos`` ends (at most ``limit``).

    A name is a run of words each capitalised ("Tài nguyên", "Huy Hoàng", "TNHH", "19/5"),
    joined by "và", "&", a dash, or a comma in a list that "và" closes ("Văn hóa, Thể thao
    và Du lịch"), plus lower-case nouns and adjectives right after them ("Y học cổ truyền",
    "Phát triển quỹ đất") unless ``lower_nouns`` is false (a company's name is capitalised
    throughout); a verb, a level word or a preposition ends it ("… Môi trường | kiểm tra").
    A joiner before a match of ``new_name`` ("và Trường …") ends it too, and so, when
    ``person_follows`` (the name follows a post title), does a person's full name
    ("Giám đốc Sở Tài chính | Nông Thị Thu Hà").
    """
    from ..text.tokenize import token_index

    text = doc.norm.text
    i = token_index(doc, pos)
    end = pos
    last_cap = False
    while i < len(doc.tokens):
        tok = doc.tokens[i]
        if tok.begin >= limit:
            break
        word = text[max(tok.begin, pos):tok.end]
        nxt_begin = doc.tokens[i + 1].begin if i + 1 < len(doc.tokens) else len(text)
        if tok.begin < pos:  # a word that holds the head and its first name word
            end, last_cap = tok.end, True
        elif person_follows and end > pos and word[:1].isupper() and _PERSON_AHEAD.match(text, tok.begin):
            break
        elif (word[:1].isupper() and tok.tag == "V" and i > 0 and doc.tokens[i - 1].tag == "Np"
              and (glued := _CAP_THEN_LOWER.match(word))):
            end = tok.begin + glued.end()  # a proper name's last syllable glued to a verb: "Hạ Lang trưng bày"
            break
        elif end > pos and last_cap and _TITLE_OPENS.match(text, tok.begin):
            break  # "… của Bộ Tài chính | Hướng dẫn chế độ …": a document's title begins
        elif word[:1].isupper() or (word[:1].isdigit() and last_cap):
            end, last_cap = tok.end, True
        elif (word in _CONNECTORS or (word == "," and _LIST_AHEAD.match(text, tok.end))) \
                and text[nxt_begin:][:1].isupper() and not (new_name and new_name.match(text, nxt_begin)) \
                and not POST_AT.match(text, nxt_begin):
            pass  # joins the next capitalised word; the end moves only with it
        elif lower_nouns and end > pos and word[:1].islower() and tok.tag in NAME_TAGS \
                and word not in _ENDS_NAME:
            end, last_cap = tok.end, False
        else:
            break
        i += 1
    return min(end, limit)


def verb_stop(doc: Doc, base: int, start: int):
    """A ``stop_at`` for ``phrase_end``: a lower-case verb after a proper name ("dự án Khu
    đô thị X | triển khai …"); a description that starts in lower case is itself a verb
    phrase ("sửa chữa và nâng cao an toàn đập …") and is not cut at verbs. The words of
    public works are never cut."""
    from ..lexicon import abbreviations, works_words
    from ..text.tokenize import token_index

    text = doc.norm.text
    works = set(works_words())
    first = re.match(r"\w+", text[base + start:base + start + 40])
    # "chương trình MTQG giảm nghèo …": an abbreviation of common words opens a description
    spelled_out = abbreviations().get(first.group()) if first else None
    named = text[base + start:base + start + 1].isupper() and not (spelled_out and spelled_out[:1].islower())

    def stop(i: int) -> bool:
        if not named:
            return False
        k = token_index(doc, base + i)
        if k >= len(doc.tokens) or doc.tokens[k].begin != base + i:
            return False
        tok = doc.tokens[k]
        word = text[tok.begin:tok.end]
        if tok.tag != "V" or not word[:1].islower() or word in works:
            return False
        return not any(m.start() < tok.begin < m.end()  # "tái | định cư": inside "tái định cư"
                       for m in _WORKS_PHRASE.finditer(text, max(0, tok.begin - 12), tok.end))

    return stop


def _works_phrase() -> re.Pattern:
    from ..lexicon import works_words

    return re.compile(rf"(?<![{LOWER}{UPPER}])(?:{alternation(works_words())}){WE}")


_WORKS_PHRASE = _works_phrase()
