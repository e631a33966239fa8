"""Events: meetings, congresses, sessions, ceremonies, festivals, fairs, contests and
working visits, by a head noun (lexicon/events.tsv) and the description after it:
"hội nghị lần thứ 8", "Hội chợ Hoa Đào Quảng Lạc lần thứ VIII năm 2025", "Lễ ra quân tổng
vệ sinh môi trường", "Đại hội Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2020 - 2025", and
anniversaries ("Kỷ niệm 90 năm Ngày thành lập …").

Where an event is named is the patterns of kg/patterns/events.jsonl; each label there has a
hook here that reads its matches. The name runs to the end of the phrase (``phrase_end``).
A head in lower case names an event only when a name or an ordinal follows it ("hội nghị
lần thứ 8", "lễ hội Xuân"), so that "các lễ hội" or "tổ chức hội nghị" are not events. The
words around a head that decide this are lexicon/event_words.tsv. An event is identified
within its document: the same words in two documents may be two meetings.
"""
from __future__ import annotations

import re

from ..lexicon import body_heads, event_heads, event_words, expand, meeting_verbs, numerals, written_forms
from ..model import Doc
from ..patterns import Found, patterns
from ..pipeline import component
from ..text.syllables import pieces
from ._base import AT_UNIT, UNIT_LEVELS, UPPER, WB, WE, add_mention, alternation, phrase_end, same_name_key
from ._jurisdiction import JUR, JUR_RE, from_match

#: The heads as the lexicon writes them ("chợ Tết"), by their lower case: a head is written
#: so, capitalised, or in capitals (a headline).
_HEADS = {h.lower(): h for h in event_heads()}
_FORMS = [v for h in event_heads() for v in {h, h[0].upper() + h[1:], h.upper()}]
#: Words that make an anniversary the occasion of something else ("nhân kỷ niệm …",
#: "hướng đến kỷ niệm …", "chào mừng kỷ niệm …").
_OCCASION = re.compile(rf"(?:{alternation(event_words('occasion'))})\s+$", re.IGNORECASE)
#: What a description after a lower-case head must hold for it to name an event: a name,
#: an ordinal, or the period it is of ("phiên họp thường kỳ tháng 7/2022").
_NAMED = re.compile(rf"[{UPPER}“\"]|lần\s+thứ|(?:tháng|năm|quý)\s+(?:\d|[IV]+{WE})|\d{{1,2}}/\d{{4}}")
#: Before these a head is part of another phrase ("hệ thống hội nghị truyền hình").
_NOT_AFTER = re.compile(rf"(?:{alternation(event_words('inside'))})\s+$", re.IGNORECASE)
#: What ends a description: a second event or programme joined by "và", or the place
#: where the event is held ("… tại thành phố Nam Ninh").
_STOP = re.compile(rf"(?:và\s+(?:{alternation(_FORMS)}|chương trình|phong trào|dự án|kế hoạch){WE}"
                   rf"|(?:{alternation(event_words('ends'))}){WE}"
                   rf"|{AT_UNIT})")
_ALL_LEVELS = re.compile(r"các cấp" + WE)
#: After "của <body>" the body may be the subject of a verb of its own, not the meeting's owner
#: ("… của UBND tỉnh ban hành"); "đã diễn ra" after it is the meeting's.
_CLAUSE_AFTER = re.compile(rf"\s+(?:{alternation(event_words('body_verb'))}){WE}")
#: A meeting is named with the term it opens or belongs to ("Đại hội … lần thứ XVII, nhiệm
#: kỳ 2020 - 2025", "Kỳ họp thứ 15 HĐND tỉnh khóa XVI, nhiệm kỳ …"), in any case (headlines).
_TERM_NUMBER = rf"(?:{alternation(event_words('term_number'))})\s+[IVXLC]+"  # "khóa XVI"
_TERM = re.compile(rf"(?:,?\s*{_TERM_NUMBER}\b)?,?\s*(?:{alternation(event_words('term_years'))})\s+\d{{4}}\s*[-–]\s*\d{{4}}",
                   re.IGNORECASE)
#: … and with the body whose meeting it is, when the description names it after "của"
#: ("Hội nghị liên tịch … cuối năm 2022 của HĐND tỉnh khóa XVII, nhiệm kỳ 2021-2026").
_BODY_FORMS = [f for head in body_heads() for f in written_forms(head)]
_OF_BODY = re.compile(rf"\s+của\s+(?:(?:{alternation(event_words('organ'))})\s+)?(?:{alternation(_BODY_FORMS)}){WE}"
                      rf"(?:\s+{JUR})?(?:\s+{_TERM_NUMBER}{WE})?")


#: A ceremony of giving is named with whom it gives to: "cho" and a noun phrase, with a
#: second one of the same head noun after a comma ("cho hộ nghèo, hộ cận nghèo").
_GIVEN_TO = re.compile(rf"\s+cho\s+(?!(?:{alternation(event_words('not_recipient'))})\b)(?P<noun>[^\W\d]+)(?:\s+[^\W\d]+){{0,5}}?"
                       rf"(?:,\s+(?P=noun)(?:\s+[^\W\d]+){{1,3}}?)?(?=\s*(?:[,.;:]|$|\s+(?:{alternation(event_words('after_recipient'))})\s))")


#: Once a name has said whose meeting it is (a capitalised body, a unit) or which one (its
#: ordinal), a verb of what meetings do begins the predicate: "Hội nghị lần thứ 22 Ban Chấp
#: hành Đảng bộ Quận | thảo luận …", "Đại hội Đảng bộ huyện lần thứ XX | đề ra …".
_IDENTIFIED = re.compile(rf"lần\s+thứ\s+\S+|[{UPPER}]|{WB}(?:{alternation(UNIT_LEVELS)}){WE}")
_PREDICATE = re.compile(rf"(?<!\svà)(?<!,)\s+(?:{alternation(meeting_verbs())}){WE}")
_ALWAYS_PREDICATE = re.compile(rf"\s*(?:{alternation(meeting_verbs('always'))}){WE}")


def _predicate_start(text: str, head_end: int, end: int) -> int | None:
    for m in _PREDICATE.finditer(text, head_end, end):
        if m.start() > head_end and _IDENTIFIED.search(text, head_end, m.start()):
            return m.start()
    return None


#: A meeting in lower case that is chaired, or held with a classifier of one occasion
#: (buổi, cuộc), is one particular meeting: "… đã chủ trì buổi hội nghị tiếp xúc, đối thoại
#: trực tiếp với nhân dân"; not "các sở tổ chức hội nghị thường xuyên".
_CLASSIFIER = alternation(event_words("classifier"))
_HELD = re.compile(rf"{WB}(?:(?:{alternation(event_words('chairs'))})\s+(?:(?:{_CLASSIFIER})\s+)?"
                   rf"|(?:{alternation(event_words('holds'))})\s+(?:{_CLASSIFIER})\s+)$")
#: "kỳ họp chuyên đề lần này", "hội nghị nói trên": an event named again, not named.
_DETERMINED = re.compile(rf"\s+(?:lần\s+)?(?:{alternation(event_words('again'))}){WE}")


def description_end(text: str, head_end: int, head: str) -> int | None:
    """Where the description of an event whose head ends at ``head_end`` ends, or None
    when the words after the head name no particular event."""
    if _ALWAYS_PREDICATE.match(text, head_end):
        return None  # "Đại hội | tiếp tục làm việc …": the meeting is the subject, unnamed
    end = phrase_end(text, head_end, stop=_STOP)
    short = _DETERMINED.search(text, head_end, end + 12)
    if short and len(text[head_end:short.start()].split()) <= 3:
        return None  # "kỳ họp chuyên đề lần này": the meeting named before
    if (cut := _predicate_start(text, head_end, end)) is not None:
        end = cut
    if end == head_end or head[0].islower() and not _NAMED.search(text, head_end, end) and not _HELD.search(
            text, max(0, head_end - len(head) - 30), head_end - len(head)):
        return None
    if _ALL_LEVELS.search(text, head_end, end):
        return None  # "đại hội đại biểu các cấp": every congress, no particular one
    if (of := _OF_BODY.match(text, end)) and not _CLAUSE_AFTER.match(text, of.end()):
        end = of.end()
    if term := _TERM.match(text, end):
        end = term.end()
    if head.lower().startswith("lễ") and (given := _GIVEN_TO.match(text, end)):
        end = given.end()  # "Lễ bàn giao 15 căn nhà … cho hộ nghèo, hộ cận nghèo"
    return end


def _name(head: str, tail: str) -> str:
    head = head.lower() if head.isupper() else head
    return expand(f"{head[0].upper()}{head[1:]} {tail}".strip())


#: "lần thứ 25", "thứ 15", "lần thứ XVII", "thứ chín", "thứ Mười Lăm": what tells one meeting
#: of a series from another.
_UNITS = numerals()
_WORD_NUMBER = rf"(?:mười|{alternation(w for w in _UNITS if w not in ('mốt', 'lăm'))})(?:\s+(?:mươi|mười|{'|'.join(_UNITS)})){{0,2}}"
_ORDINAL = re.compile(rf"\b(?:lần\s+)?thứ\s+(?P<n>[IVXLC]+|\d+|{_WORD_NUMBER})\b", re.IGNORECASE)


def _number(words: str) -> str:
    """"chín" -> "9", "mười ba" -> "13", "hai mươi mốt" -> "21"; digits and Roman numerals as written."""
    parts = words.lower().split()
    if not parts or parts[0] not in {*_UNITS, "mười"}:
        return words.lower()
    if parts[0] == "mười":
        return str(10 + (_UNITS.get(parts[1], 0) if len(parts) > 1 else 0))
    if len(parts) > 1 and parts[1] in ("mươi", "mười"):
        return str(_UNITS[parts[0]] * 10 + (_UNITS.get(parts[2], 0) if len(parts) > 2 else 0))
    return str(_UNITS[parts[0]])


def _key(doc: Doc, name: str) -> str:
    """A meeting's key within its document: its head and its ordinal when it has one, so
    that "Kỳ họp thứ 15", "Kỳ họp thứ 15 HĐND tỉnh khóa XVIII" and "Kỳ họp thứ 15 (…)"
    are one event; otherwise its name."""
    ordinal = _ORDINAL.search(name)
    if ordinal:
        head = name[:ordinal.start()].strip().lower()
        return f"{doc.stem} {head} thứ {_number(ordinal['n'])}"
    return same_name_key(name, doc.stem)


def _from_head(doc: Doc, found: Found) -> None:
    """An event named by its head noun and the description after it."""
    text, head = found.text, found.written
    listed = _HEADS.get(head.lower(), head.lower())  # a head of the lexicon, or of a pattern line
    if head not in (listed, listed[0].upper() + listed[1:], listed.upper()):
        return  # "hội Nghị": no way the head is written
    if _NOT_AFTER.search(text, max(0, found.begin - 20), found.begin):
        return
    end = description_end(text, found.end, head)
    if end is None:
        return
    name = _name(head, " ".join(text[found.end:end].split()))
    add_mention(doc, "Event", found.base + found.begin, found.base + end, name=name,
                key=_key(doc, name), source="event")


def _from_anniversary(doc: Doc, found: Found) -> None:
    """"Kỷ niệm 90 năm Ngày thành lập …": an anniversary, named by what it commemorates."""
    text, written = found.text, found.written
    if written[1:] != written[1:].lower():
        return  # "KỶ NIỆM 90 NĂM" opens a headline's slogan
    opener = " ".join(written.split()[:-2])  # "Lễ kỷ niệm", without "90 năm"
    if not opener.lower().startswith("lễ") and _OCCASION.search(text, max(0, found.begin - 16), found.begin):
        return  # "nhân kỷ niệm 47 năm Ngày Giải phóng …": the occasion, not an event of its own
    head_end = found.begin + text[found.begin:].index(opener.split()[-1]) + len(opener.split()[-1])
    end = phrase_end(text, head_end, stop_after_year=False, max_words=12, parens=False)
    name = _name(opener, " ".join(text[head_end:end].split()))
    add_mention(doc, "Event", found.base + found.begin, found.base + end, name=name,
                key=same_name_key(name, doc.stem), source="event")


def _from_council_session(doc: Doc, found: Found) -> None:
    """"HĐND tỉnh Phú Yên khóa VII, kỳ họp thứ 3": the session, named in full."""
    words = pieces(found.text[found.begin:found.end])
    council = 1 if words[0].lower() == "hđnd" else 4
    term_at = max(i for i, w in enumerate(words) if w.lower() == "khóa")
    jurisdiction = JUR_RE.fullmatch(" ".join(words[council:term_at]))
    number = " ".join(words[next(i for i in range(term_at, len(words)) if words[i].lower() == "thứ") + 1:])
    if jurisdiction is None or not re.fullmatch(rf"[IVXLC]+|\d+|(?i:{_WORD_NUMBER})", number):
        return
    jur = from_match(jurisdiction, doc.context.get("home", {}))
    if jur is None or not jur.name:
        return
    ordinal = number if re.fullmatch(r"\d+|[IVXLC]+", number) else number.lower()
    name = f"Kỳ họp thứ {ordinal} Hội đồng nhân dân {jur} khóa {words[term_at + 1]}"
    add_mention(doc, "Event", found.base + found.begin, found.base + found.end, name=name,
                key=_key(doc, name), source="event")


#: What reads the matches of each label of kg/patterns/events.jsonl.
HOOKS = {"head": _from_head, "anniversary": _from_anniversary, "council_session": _from_council_session}


@component("event", requires=("norm", "norm_sentences", "tokens", "syllables"), assigns=("mentions",))
def find_events(doc: Doc) -> Doc:
    # a council's session is named once the other events are
    for found in patterns("events").read(doc, HOOKS, "event", later=("council_session",)):
        HOOKS[found.label](doc, found)
    _shortened(doc)
    _same_ordinal(doc)
    return doc


def _same_ordinal(doc: Doc) -> None:
    """A meeting named with its ordinal and without the body it is of ("Đại hội đại biểu
    lần thứ I", "kỳ họp HĐND tỉnh lần thứ chín") is the one meeting of that ordinal whose
    name says more ("Đại hội đại biểu Đảng bộ xã X lần thứ I", "Kỳ họp thứ chín HĐND tỉnh
    khóa XVI"), when the document has only one such: keys "<head> thứ <n>" whose heads
    begin alike are one key, the longest head's."""
    prefix = doc.stem + " "
    by_number: dict[str, set[tuple[str, ...]]] = {}
    for m in doc.mentions:
        if m.type == "Event" and m.source == "event" and " thứ " in m.key and m.key.startswith(prefix):
            head, number = m.key[len(prefix):].rsplit(" thứ ", 1)
            by_number.setdefault(number, set()).add(tuple(head.split()))
    merged: dict[str, str] = {}
    for number, heads in by_number.items():
        for head in heads:
            # the heads that extend this one (word for word from its start), or that it
            # extends with the body after the ordinal: "kỳ họp" within "kỳ họp hđnd tỉnh"
            longer = [h for h in heads if h != head and h[:len(head)] == head]
            tops = [h for h in longer if not any(o != h and o[:len(h)] == h for o in longer)]
            if len(tops) == 1:
                merged[f"{prefix}{' '.join(head)} thứ {number}"] = f"{prefix}{' '.join(tops[0])} thứ {number}"
    for m in doc.mentions:
        if m.type == "Event" and m.key in merged:
            m.key = merged[m.key]


def _words(name: str) -> tuple[str, ...]:
    return tuple(re.sub(r"[^\w\s]", " ", name.lower()).split())


def _shortened(doc: Doc) -> None:
    """A meeting named again by the first words of its name ("Hội nghị liên tịch" after
    "Hội nghị liên tịch thống nhất nội dung …") is the same meeting, when no other event of
    the document begins with those words."""
    events = [m for m in doc.mentions if m.type == "Event" and m.source == "event"]
    owner: dict[tuple[str, ...], str | None] = {}
    for m in events:
        words = _words(m.name)
        for n in range(3, len(words)):
            prefix = words[:n]
            owner[prefix] = m.key if owner.get(prefix, m.key) == m.key else None
    for m in events:
        longer = owner.get(_words(m.name))
        if longer and longer != m.key and not _ORDINAL.search(m.name):
            m.key = longer
