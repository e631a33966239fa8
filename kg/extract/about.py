"""What a resolution is about: the wards, places, projects and organisations named in the
"về …" clause that follows it ("Nghị quyết số 40-NQ/TU … về xây dựng và phát triển thành
phố Lạng Sơn …"), up to the end of the clause.
"""
from __future__ import annotations

import re

from ..model import Doc
from ..pipeline import component
from ._relate import add_fact, mentions_in, sentence_range

_ABOUT = re.compile(r"[\s,]*(?:ngày\s+[\d/.\-]+\s*)?(?:của\s+[^;:]*?)?\bvề\s+(?:việc\s+)?")
_CLAUSE_END = re.compile(r"[;:]|\.\s|\.$")
_TOPICS = ("Ward", "Place", "Project", "Organisation")
#: "… của Bộ Chính trị": the issuer of another document named in the clause, not a topic.
_ISSUER_BEFORE = re.compile(r"(?:của|do)\s+$")


@component("about", requires=("entities",), assigns=("facts",))
def find_topics(doc: Doc) -> Doc:
    text = doc.norm.text
    for res in (m for m in doc.mentions if m.type == "Resolution"):
        b, e = sentence_range(doc, res.norm[0])
        about = _ABOUT.match(text, res.norm[1], e)
        if not about or len(text[res.norm[1]:about.end()]) > 200:
            continue
        stop = _CLAUSE_END.search(text, about.end(), e)
        end = stop.start() if stop else e
        for topic in mentions_in(doc, about.end(), end):
            if topic.type in _TOPICS and not _ISSUER_BEFORE.search(text, max(0, topic.norm[0] - 8), topic.norm[0]):
                add_fact(doc, "about", res.entity, topic.entity, res, "about")
    return doc
