"""When things happened: the date of each post a sentence attests and each event's own date.

- A membership is dated by the date its sentence states ("Sáng 9/10, đồng chí …, Chủ tịch
  UBND tỉnh …"), else by the document's content date (``text.dates``); never by the date
  the page was posted alone. ``Fact.date``; None when the document gives neither.
- An event takes a date its sentence states: each date dates one event, the first named
  after it in the sentence ("Chiều 26/7, UBND tỉnh tổ chức phiên họp …"), else the last
  named before it ("… khai mạc Kỳ họp thứ 5 vào ngày 11/7"). An event named inside a
  document's title ("Nghị quyết Đại hội XIII …") is not dated so. Else, when the event
  is named in the title or in the sentence the lead's date opens, it takes that date (the
  page's own event). ``Doc.event_dates[key] = (ISO date, trust)``: trust 0 for a date of
  its sentence, 1 for the lead's. Dates of cited documents, births and anniversary spans
  and the page's own date line are never used (``DateExpr.reported``).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict

from ..model import Doc
from ..pipeline import component
from ..text.dates import date_near
from ._relate import sentence_range

IN_SENTENCE, FROM_LEAD = 0, 1


def _norm_sentence(doc: Doc, starts: list[int], span) -> tuple[int, int]:
    """The range in the normalised text of the sentence ``span`` of ``Doc.text``
    (``starts``: where each sentence of ``Doc.text`` begins)."""
    i = bisect_right(starts, span.begin) - 1
    if 0 <= i < len(doc.norm_sentences) and doc.sentences[i] == span:
        return doc.norm_sentences[i]
    return 0, 0


def _date_memberships(doc: Doc) -> None:
    content = doc.context.get("date")
    starts = [s.begin for s in doc.sentences]
    date_starts = [d.begin for d in doc.dates]
    for f in doc.facts:
        if f.predicate in ("holdsPost", "memberOf"):
            b, e = _norm_sentence(doc, starts, f.sentence)
            said = date_near(doc.dates, b, e, date_starts)
            f.date = said.date if said else content


def _date_events(doc: Doc) -> None:
    titles = [m.norm for m in doc.mentions if m.type == "Resolution"]
    events = sorted((m for m in doc.mentions if m.type == "Event" and m.entity is not None
                     and not any(b <= m.norm[0] and m.norm[1] <= e for b, e in titles)),
                    key=lambda m: m.norm)
    by_sentence = defaultdict(list)
    for m in events:
        by_sentence[sentence_range(doc, m.norm[0])].append(m)
    date_starts = [d.begin for d in doc.dates]
    for sentence, mentions in sorted(by_sentence.items()):
        lo, hi = bisect_left(date_starts, sentence[0]), bisect_left(date_starts, sentence[1])
        for date in (d for d in doc.dates[lo:hi] if d.reported):
            after = [m for m in mentions if m.norm[0] >= date.end]
            before = [m for m in mentions if m.norm[1] <= date.begin]
            target = after[0] if after else before[-1] if before else None
            if target is not None:
                doc.event_dates.setdefault(target.entity.key, (date.date, IN_SENTENCE))
    lead = doc.context.get("date_at") if doc.context.get("date_source") == "lead" else None
    if not lead or len(doc.context["date"]) != 10:
        return
    lead_end = sentence_range(doc, lead[0])[1]
    for m in events:
        if m.norm[0] >= lead_end:
            break
        doc.event_dates.setdefault(m.entity.key, (doc.context["date"], FROM_LEAD))


@component("dating", requires=("dates", "entities", "facts"), assigns=("event_dates",), stage="relations")
def date_facts_and_events(doc: Doc) -> Doc:
    _date_memberships(doc)
    _date_events(doc)
    return doc
