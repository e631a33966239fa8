"""Events: conferences, congresses, sessions, festivals, fairs, ceremonies, contests and
working visits, by their head noun: "hội nghị lần thứ 8", "Hội chợ Hoa Đào Quảng Lạc lần
thứ VIII năm 2025", "Lễ hội Văn hóa ẩm thực Xứ Lạng", "đoàn công tác".

An event is identified within its document: the same words in two documents may be two
meetings.
"""
from __future__ import annotations

import re

from ..model import Doc
from ..pipeline import component
from ._base import CAP, WB, WE, add_mention, alternation, sentences

_HEADS = ["hội nghị", "đại hội", "kỳ họp", "lễ hội", "hội chợ", "hội thi", "hội diễn",
          "lễ kỷ niệm", "lễ khai mạc", "lễ phát động", "lễ ra quân", "giải", "buổi làm việc",
          "đoàn công tác", "hội thảo", "tọa đàm"]
_FORMS = [v for h in _HEADS for v in (h, h.capitalize())]
_ORDINAL = r"lần[ ]+thứ[ ]+(?:[IVXLC]+|\d+)"
_TAIL = rf"(?:[ ]+(?:{CAP}|{_ORDINAL}|năm[ ]+\d{{4}}|nhiệm[ ]+kỳ[ ]+\d{{4}}[ ]*[–\-][ ]*\d{{4}}|[\d/]+{WE}))*"
_EVENT_RE = re.compile(rf"{WB}(?P<head>{alternation(_FORMS)}){WE}(?P<name>{_TAIL})")


@component("event", requires=("norm", "norm_sentences"), assigns=("mentions",))
def find_events(doc: Doc) -> Doc:
    for base, text in sentences(doc):
        for m in _EVENT_RE.finditer(text):
            head = " ".join(m.group("head").split())
            tail = " ".join(m.group("name").split())
            if not tail and head.lower() not in ("đoàn công tác", "buổi làm việc"):
                continue  # a bare "hội nghị" names no particular event
            name = f"{head[0].upper()}{head[1:]} {tail}".strip()
            add_mention(doc, "Event", base + m.start(), base + m.end(), name=name,
                        key=f"{doc.stem} {name}".lower(), source="event")
    return doc
