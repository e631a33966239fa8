"""Structure stated by names: sub-organisations and the units places lie in.

An organ named after a body is part of it (Ban Thường vụ Tỉnh ủy ⊂ Tỉnh ủy); a Phòng,
Văn phòng or Sở named with its jurisdiction is part of that jurisdiction's People's
Committee; a ward written with its city or district is located in it. Only links whose
both ends the document mentions are recorded.

Structure stated in words: "X (là cơ quan chuyên môn) (trực) thuộc Y", when X is named
("các phòng thuộc UBND" names none).
"""
from __future__ import annotations

from ..model import Doc
from ..pipeline import component
from ._relate import add_fact, entity_by_key, linked



@component("structure",
           requires=("entities", "syllables", "attrs.parent", "attrs.located_in"),
           assigns=("facts",))
def find_structure(doc: Doc) -> Doc:
    for m in doc.mentions:
        parent_key = m.attrs.parent
        if m.type == "Organisation" and parent_key:
            parent = entity_by_key(doc, "Organisation", parent_key)
            if parent:
                add_fact(doc, "subOrganizationOf", m.entity, parent, m, "structure")
        if m.type == "Organisation":
            for parent in linked(doc, m, "Organisation", before=None, after="subOrganizationOf.after"):
                if parent.entity is not m.entity:
                    add_fact(doc, "subOrganizationOf", m.entity, parent.entity, m, "structure")
        place_key = m.attrs.located_in
        if place_key:
            place = entity_by_key(doc, "Place", place_key)
            if place:
                add_fact(doc, "locatedIn", m.entity, place, m, "structure")
    return doc
