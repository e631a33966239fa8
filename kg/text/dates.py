"""The document's own date, as the text states it.

In order of trust:

1. the header of an administrative document: "Lạng Sơn, ngày 15 tháng 01 năm 2025";
2. a portal's dateline in the first lines: "Thứ tư, 22/03/2023", "Cập nhật lúc: 27/09/2024";
3. the date that opens the lead: "Chiều ngày 15/11/2017, …", "LSO-Ngày 30/9/2011, …";
4. a report's month: "… tháng 01 năm 2025" (a year and month only).

The result is ``doc.context["date"]`` (ISO 8601: "2023-03-22", or "2025-01" for a month)
and ``doc.context["date_source"]`` (header, dateline, lead, month).
"""
from __future__ import annotations

import datetime as dt
import re

from ..model import Doc
from ..pipeline import component

_HEADER = re.compile(r"\w[\w ]*,\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_DATELINE = re.compile(r"^\s*(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy|Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ\s+nhật)"
                       r"\s*,\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})", re.MULTILINE)
_UPDATED = re.compile(r"(?:[Cc]ập nhật(?: lúc| ngày)?|[Nn]gày đăng|[Đđ]ăng ngày|[Nn]gày cập nhật)\s*:?\s*"
                      r"(?:\d{1,2}:\d{2}\s*,?\s*)?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})")
_LEAD = re.compile(r"(?:^|\n)[^\n]{0,40}?(?:[Nn]gày|NGÀY)\s+(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})")
_MONTH = re.compile(r"tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")


def iso_date(y: str, m: str, d: str | None = None) -> str | None:
    """"2023-03-22" (or "2025-01" without a day) for a real date, else None."""
    try:
        if d is None:
            dt.date(int(y), int(m), 1)
            return f"{int(y):04d}-{int(m):02d}"
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def document_date(text: str) -> tuple[str | None, str | None]:
    """(ISO date, where it was found) of a document's own date."""
    head = text[:3000]
    for source, regex in (("header", _HEADER), ("dateline", _DATELINE), ("dateline", _UPDATED), ("lead", _LEAD)):
        m = regex.search(head)
        if m and (date := iso_date(m["y"], m["m"], m["d"])):
            return date, source
    m = _MONTH.search(text)
    if m and (date := iso_date(m["y"], m["m"])):
        return date, "month"
    return None, None


@component("dates", requires=("norm",), assigns=("context",), stage="segment")
def find_date(doc: Doc) -> Doc:
    doc.context["date"], doc.context["date_source"] = document_date(doc.norm.text)
    return doc
