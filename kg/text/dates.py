"""Dates: when a page was posted, when the things it reports happened, and each date the
text states.

A portal page's date line says when the page was posted, not when things happened; the
two are kept apart:

- ``doc.context["posted"]``: the posting date, from a dateline in the first lines
  ("Thứ tư, 22/03/2023", "Cập nhật lúc: 27/09/2024"), or None;
- ``doc.context["date"]``: the **content date**, the date of what the document reports or
  decides, in order of trust: the header of an administrative document ("Lạng Sơn, ngày
  15 tháng 01 năm 2025"); the date the lead opens with ("Sáng 9/10, …", "LSO-Chiều nay
  (22/10), …", "Ngày 30/9/2011, …", "Trong hai ngày 22 và 23/7/2025, …"); a report's
  month ("… tháng 01 năm 2025", a year and month only); else None.
  ``doc.context["date_source"]`` says which (header, lead, month), and
  ``doc.context["date_at"]`` where the lead's date is (a range of the normalised text).
- ``doc.dates``: every date expression of the text (``DateExpr``, into the normalised
  text), each completed to a full date: a day and month without a year take the year of
  the nearest date that states one, in its paragraph or else in the text (portals re-date
  old pages, so the text outranks the date line), unless that puts the day after the
  posting date; else the posting date's year (a page reports what has happened: a day
  more than 45 days after the posting date is of the year before).

A date that belongs to a cited document ("Quyết định số 12/QĐ-UBND ngày 5/6/2023",
"Luật … ngày 26/11/2003"), to a birth ("sinh ngày …") or the past day an anniversary
counts from ("(3/2/1930 - 3/2/2020)": the second is the anniversary's) is marked ``cited`` and is never taken as the date of an event,
a post or the lead.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass

from ..lexicon import dayparts, doc_types
from ..model import Doc
from ..pipeline import component

#: The place and date of an administrative document's header: "Lạng Sơn, ngày 15 tháng 01 năm 2025".
PLACE_DATE = re.compile(r"(?P<place>[^\W\d][\w ]{1,30}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_DATELINE = re.compile(r"^\s*(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy|Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ\s+nhật)"
                       r"\s*[,-]\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})", re.MULTILINE)
_UPDATED = re.compile(r"(?:[Cc]ập nhật(?: lúc| ngày)?|[Nn]gày đăng|[Đđ]ăng ngày|[Nn]gày cập nhật)\s*:?\s*"
                      r"(?:\d{1,2}:\d{2}\s*,?\s*)?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})")
# A date alone on its line near the top, with or without the time: "26/06/2012 15:30",
# "09/08/2019 - 07:34".
_BARE_DATELINE = re.compile(r"^[ \t]*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
                            r"(?:[ \t]*[-|,]?[ \t]*\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*$", re.MULTILINE)
_MONTH = re.compile(r"tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")

_DAYPART = "|".join(re.escape(w) for w in dayparts())
# "Sáng", "Chiều nay (", "Tối ngày", "Trong hai ngày", "vào ngày", "ngày": what opens a date.
_PREFIX = (rf"(?P<prefix>(?:(?:{_DAYPART})(?:\s+(?:nay|qua|mai))?\s*(?:ngày\s*)?\(?"
           r"|(?:trong\s+(?:hai|ba|\d)\s+)?ngày\s+))")
_RANGE = r"(?:\s*(?:[-–—]|và|,|đến)\s*\d{1,2})*"  # "22 và 23/7", "14-21/3": the first day starts it
_EXPRESSIONS = (
    # ngày 15 tháng 01 năm 2025 (the year may be missing)
    re.compile(r"(?<!\w)(?P<prefix>(?:(?:" + _DAYPART + r")\s+)?ngày\s+)(?P<d>\d{1,2})" + _RANGE +
               r"\s+tháng\s+(?P<m>\d{1,2})(?:\s*(?:năm|/)\s*(?P<y>\d{4}))?(?!\w)", re.IGNORECASE),
    # Sáng 9/10, Chiều nay (22/10), ngày 30/9/2011, 22 và 23/7/2025; Chiều 27-8, Ngày 25-4
    re.compile(r"(?:(?<!\w)" + _PREFIX + r"|(?<![\w/.-]))(?P<d>\d{1,2})" + _RANGE +
               r"\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})(?:\s*(?P=sep)\s*(?P<y>\d{4}))?(?![\w/]|[.-]\d)",
               re.IGNORECASE),
)
# Just before a date: a cited document's number or the word that dates it ("số 12/QĐ-UBND
# ngày …", "Nghị quyết 05-NQ/TU, ngày …"), or a birth.
_CITED = re.compile(r"(?:\d+[\w./-]*[A-ZĐ]{2}[\w./-]*\s*,?\s*(?:ban hành|được ban hành|ký)?\s*(?:vào\s*)?"
                    r"|\bsinh\s*(?:năm|vào)?\s*)$")
# ... or a document named by its type in the same clause ("Luật Tổ chức HĐND và UBND ngày …").
_CITED_TITLE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t.name) for t in doc_types()) + r")(?!\w)[^,;:.()\n]*$")
_NEWLINE = re.compile(r"\n")
_SPAN_JOIN = re.compile(r"\s*(?:[-–—]|đến)\s*")
#: Days after the posting date that a day without a year may still lie (an announced meeting).
AHEAD = 45


@dataclass(frozen=True)
class DateExpr:
    """A date the text states, into ``Doc.norm.text``; ``date`` is ISO 8601 (completed
    with a year when the text gave none: ``year_given`` is then False)."""

    begin: int
    end: int
    date: str
    year_given: bool
    opened: bool  # opened by a part of the day or "ngày" ("Sáng 9/10"), not a bare figure
    cited: bool  # the date of a cited document, a birth or an anniversary span
    dateline: bool = False  # the page's own date line: when it was posted

    @property
    def reported(self) -> bool:
        """Whether it may date what the text reports (an event, a post, the lead)."""
        return not (self.cited or self.dateline)


def iso_date(y: str | int, m: str | int, d: str | int | None = None) -> str | None:
    """"2023-03-22" (or "2025-01" without a day) for a real date, else None."""
    try:
        if d is None:
            dt.date(int(y), int(m), 1)
            return f"{int(y):04d}-{int(m):02d}"
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _posted(head: str) -> tuple[str | None, tuple[int, int] | None]:
    """The posting date and the range of its line."""
    for regex in (_DATELINE, _UPDATED, _BARE_DATELINE):
        m = regex.search(head)
        if m and (date := iso_date(m["y"], m["m"], m["d"])):
            start = head.rfind("\n", 0, m.start()) + 1
            end = head.find("\n", m.end())
            return date, (start, end if end >= 0 else len(head))
    return None, None


def _header(head: str) -> str | None:
    m = PLACE_DATE.search(head)
    return iso_date(m["y"], m["m"], m["d"]) if m else None


def _raw_expressions(text: str):
    """(begin, end, y or None, m, d, opened, cited) of each date-like figure, in order."""
    found = []
    taken: list[tuple[int, int]] = []  # the first expression's matches, in order: none overlap
    for n, regex in enumerate(_EXPRESSIONS):
        first = [b for b, _ in taken]
        for m in regex.finditer(text):
            i = bisect_left(first, m.end())  # those that begin before this one ends
            if n and i and taken[i - 1][1] > m.start():
                continue
            opened = bool(m["prefix"])
            # A bare figure is a date only with its year ("5/6/2023"); "3/4" may be a share,
            # "14-1" a score, "25.4" a figure.
            if not opened and not m["y"]:
                continue
            begin = m.start("d") if not opened else m.start()
            before = text[max(0, m.start() - 80):m.start()]
            cited = bool(_CITED.search(before) or _CITED_TITLE.search(before))
            found.append((begin, m.end(), m["y"], m["m"], m["d"], opened, cited))
            if not n:
                taken.append((m.start(), m.end()))
    found.sort()
    # "(3/2/1930 - 3/2/2020)": an anniversary counts from a day in the past (cited) to its
    # day, which dates the celebration.
    for i in range(len(found) - 1):
        (b1, e1, y1, *r1), (b2, _, y2, *_) = found[i], found[i + 1]
        if y1 and y2 and y1 < y2 and _SPAN_JOIN.fullmatch(text[e1:b2]):
            found[i] = (b1, e1, y1, *r1[:-1], True)
    return found


# "tháng 7/2022", "tháng 7 năm 2022"; an ISO month or day in page metadata ("2020-08").
_MONTH_YEAR = re.compile(r"\btháng\s+(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>\d{4})\b"
                         r"|(?<![\d-])(?P<iy>(?:19|20)\d{2})-(?P<im>0[1-9]|1[0-2])(?:-\d{2})?(?![\d-])")


def _year_sources(text: str, raw, datelines, lines: list[int], posted: bool) -> list[tuple[int, int, int]]:
    """(position, year, line) of what states a year: a full date that is neither cited nor
    the date line, and a month with its year ("Phiên họp thường kỳ tháng 7/2022",
    "2020-08"); failing those, and without a date line (``posted``), the dates of cited
    documents. ``lines``: where each line break is."""
    out = [(b, int(y)) for b, _, y, *_, cited in raw if y and not cited and not _inside(b, datelines)]
    out += [(m.start(), int(m["y"] or m["iy"])) for m in _MONTH_YEAR.finditer(text)]
    if not out and not posted:  # only cited documents state a year, and no date line does
        out = [(b, int(y)) for b, _, y, *_ in raw if y and not _inside(b, datelines)]
    return sorted((pos, year, bisect_left(lines, pos)) for pos, year in out)


def _inside(pos: int, ranges) -> bool:
    return any(b <= pos < e for b, e in ranges)


def _nearest(sources, starts: list[int], begin: int, line: int):
    """The source nearest ``begin`` on its line, else in the whole text: one of the two
    around it (those of a line are side by side)."""
    i = bisect_left(starts, begin)
    around = sources[max(0, i - 1):i + 1]
    pick = [s for s in around if s[2] == line] or around
    return min(pick, key=lambda s: (abs(s[0] - begin), s[0]))


def _complete(begin: int, m, d, ref: str | None, sources, starts: list[int], line: int) -> str | None:
    """The day ``d``/``m`` completed with a year: that of the nearest date on its line (its
    paragraph) that states one, else in the text, unless that puts it after the posting
    date ``ref``; else the posting date's (the year before when the day would lie more
    than ``AHEAD`` days after it)."""
    ref_day = dt.date.fromisoformat(ref) if ref else None

    def too_late(date: str | None) -> bool:
        return bool(date) and ref_day is not None and dt.date.fromisoformat(date) > ref_day + dt.timedelta(days=AHEAD)

    if sources:
        date = iso_date(_nearest(sources, starts, begin, line)[1], m, d)
        if date and not too_late(date):
            return date
    if ref_day is None:
        return None
    date = iso_date(ref_day.year, m, d)
    return iso_date(ref_day.year - 1, m, d) if too_late(date) else date


def find_dates(text: str, ref: str | None = None, datelines: tuple[tuple[int, int], ...] = ()) -> list[DateExpr]:
    """Every date ``text`` states; a day without its year is completed (``_complete``) by
    the text or by ``ref``, the posting date. Dates inside ``datelines`` are marked."""
    raw = _raw_expressions(text)
    lines = [m.start() for m in _NEWLINE.finditer(text)]
    sources = _year_sources(text, raw, datelines, lines, ref is not None)
    starts = [src[0] for src in sources]
    out = []
    for begin, end, y, m, d, opened, cited in raw:
        date = iso_date(y, m, d) if y else _complete(begin, m, d, ref, sources, starts, bisect_left(lines, begin))
        if date:
            out.append(DateExpr(begin, end, date, bool(y), opened, cited, _inside(begin, datelines)))
    return out


def _lead(dates: list[DateExpr], within: int = 1500) -> DateExpr | None:
    """The date the lead opens with: the first opened date in the first characters of
    the text that may date what it reports."""
    return next((e for e in dates if e.begin <= within and e.opened and e.reported), None)


def document_dates(text: str, stated: str | None = None) -> dict:
    """The posting date, the content date and its source, and every date of ``text``;
    ``stated`` is the publication date the file gives beside its text (an HTML page's
    metadata), the posting date when no dateline gives one."""
    head = text[:3000]
    (posted, line), header = _posted(head), _header(head)
    posted = posted or stated
    dates = find_dates(text, posted or header, (line,) if line else ())
    content, source, at = header, "header" if header else None, None
    if not content and (lead := _lead(dates)):
        content, source, at = lead.date, "lead", (lead.begin, lead.end)
    if not content and (m := _MONTH.search(text)) and (month := iso_date(m["y"], m["m"])):
        content, source = month, "month"
    return {"posted": posted, "date": content, "date_source": source, "date_at": at, "dates": dates}


def date_near(dates: list[DateExpr], begin: int, end: int, starts: list[int] | None = None) -> DateExpr | None:
    """The first date stated in the range ``[begin, end)`` of the normalised text (a
    sentence) that may date what the text reports; ``starts``, where each date begins,
    makes it a bisection."""
    i = bisect_left(starts, begin) if starts is not None else 0
    for e in dates[i:]:
        if e.begin >= end:
            break
        if begin <= e.begin and e.end <= end and e.reported:
            return e
    return None


@component("dates", requires=("norm", "source"), assigns=("context", "dates"), stage="segment")
def find_date(doc: Doc) -> Doc:
    found = document_dates(doc.norm.text, doc.source.published if doc.source is not None else None)
    doc.dates = found.pop("dates")
    doc.context.update(found)
    return doc
