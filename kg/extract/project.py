"""Projects: named undertakings after a head noun (dự án, công trình, chương trình, đề án,
phong trào): "Dự án Khu đô thị mới Bến Bắc", "phong trào thi đua “Chung sức xây dựng …”".

The name runs from the head to the next clause boundary (punctuation, or a word that
starts a new clause), at most sixteen words.
"""
from __future__ import annotations

import re

from ..model import Doc
from ..pipeline import component
from ._base import CAP, WB, WE, add_mention, alternation, sentences

_HEADS = ["dự án", "công trình", "hạng mục", "đề án", "chương trình", "phong trào thi đua",
          "phong trào"]
_FORMS = [v for h in _HEADS for v in (h, h.capitalize())]
_QUOTED = r"[“\"][^”\"\n]{3,160}[”\"]"
#: Words that start a new clause after a name.
_BREAK = ("đã", "đang", "sẽ", "được", "là", "có", "với", "nhằm", "đến", "đạt", "của", "do",
          "theo", "và", "thì", "để", "khi", "tại", "trên", "từ", "cho", "như")
_TAIL = rf"(?:[ ]+(?!(?:{'|'.join(_BREAK)}){WE})[^\s,;:.()“”\"]+){{0,15}}"
_PROJECT_RE = re.compile(
    rf"{WB}(?P<head>{alternation(_FORMS)}){WE}[ ]+(?P<name>{_QUOTED}|{CAP}{_TAIL})")


@component("project", requires=("norm", "norm_sentences"), assigns=("mentions",))
def find_projects(doc: Doc) -> Doc:
    for base, text in sentences(doc):
        for m in _PROJECT_RE.finditer(text):
            head = " ".join(m.group("head").split())
            name = f"{head[0].upper()}{head[1:]} {' '.join(m.group('name').split())}"
            add_mention(doc, "Project", base + m.start(), base + m.end(), name=name,
                        key=name.lower(), source="project")
    return doc
