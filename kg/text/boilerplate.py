"""Portal boilerplate: navigation, reading tools, sharing buttons, counters, footers and
the lists of related links that follow "Tin liên quan", kept out of the graph.

A line is boilerplate when nothing but the labels of lexicon/boilerplate.tsv, bullets,
punctuation and numbers is left once those labels are removed ("Chế độ ban đêm In trang
Xuất PDF Đọc nội dung", "• CHƯƠNG TRÌNH PHÁT THANH"), or when it starts with a footer
label ("Điện thoại: …", "Bản quyền thuộc về …"). After a heading of related links ("Tin liên
quan", "Các tin khác"), the short lines that follow are links, up to the first long
paragraph or the next widget. The result is ``doc.zones``: ranges of the normalised text that no extractor
reads. The article itself, a slogan banner, the publisher's address and the credit of
the portal's developer ("Phát triển bởi …", which names an organisation) are kept.
"""
from __future__ import annotations

import re
from functools import cache
from importlib import resources

from ..model import Doc
from ..pipeline import component
from .normalise import fold

#: Labels after which the rest of the line is footer data, not text.
_FOOTER_STARTS = ("bản quyền thuộc về", "ghi rõ nguồn", "điện thoại", "fax", "email", "giấy phép",
                  "chịu trách nhiệm", "trưởng ban biên tập", "cơ quan chủ quản", "©", "copyright")
_RELATED = ("tin liên quan", "bài viết liên quan", "tin khác", "các tin khác", "tin cùng chuyên mục",
            "tin mới nhất", "tin đọc nhiều", "xem thêm")
#: A related link is a title: short, with no sentence inside it.
LINK_MAX = 160


@cache
def _labels() -> re.Pattern:
    text = resources.files("kg.lexicon").joinpath("boilerplate.tsv").read_text(encoding="utf-8")
    labels = [fold(line.split("\t")[0]).lower() for line in text.splitlines()
              if line.strip() and not line.startswith("#")]
    labels.sort(key=len, reverse=True)
    return re.compile("|".join(re.escape(x) for x in labels))


_LEFTOVER = re.compile(r"[\W\d_]*")


def _is_label_line(line: str) -> bool:
    low = " ".join(line.lower().split())
    if not low:
        return False
    if low.lstrip("•-–*· ").startswith(_FOOTER_STARTS):
        return True
    rest = _labels().sub(" ", low)
    return rest != low and _LEFTOVER.fullmatch(rest) is not None


def boilerplate_zones(text: str) -> list[tuple[int, int]]:
    zones: list[tuple[int, int]] = []
    pos, in_links = 0, False
    for line in text.splitlines(keepends=True):
        begin, end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        stripped = line.strip()
        if not stripped:
            continue
        low = " ".join(stripped.lower().split()).rstrip(":")
        if low in _RELATED:
            in_links = True
            zones.append((begin, end))
            continue
        if _is_label_line(stripped):  # another widget: the list of links is over
            zones.append((begin, end))
            in_links = False
            continue
        if in_links and len(stripped) <= LINK_MAX and not re.search(r"[.!?]\s+\S", stripped):
            zones.append((begin, end))
            continue
        in_links = False
    return zones


@component("boilerplate", requires=("norm",), assigns=("zones",), stage="segment")
def find_boilerplate(doc: Doc) -> Doc:
    doc.zones = boilerplate_zones(doc.norm.text)
    return doc
