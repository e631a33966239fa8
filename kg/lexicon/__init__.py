"""Reference data as data files, and their loader.

Each ``.tsv`` file beside this module holds public knowledge of Vietnamese administrative
writing (standard abbreviations, organisation head nouns, post titles, document types and
the issuer codes of document numbers), never names taken from a particular document. Lines
starting with ``#`` are comments; the first comment names the columns.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..text.normalise import fold


def _rows(name: str) -> list[list[str]]:
    """The rows of the data file ``name``, each a fresh list of its cells, folded."""
    return [list(row) for row in _read_rows(name)]


@cache
def _read_rows(name: str) -> tuple[tuple[str, ...], ...]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return tuple(tuple(fold(cell) for cell in line.split("\t"))
                 for line in text.splitlines() if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class Role:
    title: str  # Vietnamese, as written in titles: "Phó Bí thư"
    english: str
    kind: str  # "post" or "member"


@dataclass(frozen=True)
class OrgHead:
    head: str  # "Ủy ban nhân dân"
    kind: str  # body | named | party | fixed | office | organ
    jurisdiction: str  # required | optional | none | a level (party committees)
    full: str = ""  # a fixed body's official name, when the head is a short form
    traits: str = ""  # comma-separated: capitalised_only, capitalised_name, organ_of_body, ...

    def has(self, trait: str) -> bool:
        return trait in self.traits.split(",")

    def value(self, trait: str) -> str | None:
        """The value of a trait written ``trait:value`` ("level:tỉnh"), if the head has it."""
        return next((t.split(":", 1)[1] for t in self.traits.split(",") if t.startswith(trait + ":")), None)


@dataclass(frozen=True)
class DocType:
    name: str  # "Nghị quyết"
    code: str  # "NQ"
    concept: str  # local name of the SKOS concept in the ontology


@dataclass(frozen=True)
class Issuer:
    code: str  # "TU"
    head: str  # "Tỉnh ủy"
    level: str  # central | province | district | commune | any
    several: str = ""  # "several": the code does not tell which of several bodies issued


def _longest_first(items, key):
    return tuple(sorted(items, key=lambda x: (-len(key(x)), key(x))))


@cache
def abbreviations() -> dict[str, str]:
    return {a: e for a, e in _rows("abbreviations.tsv")}


@cache
def jurisdiction_levels() -> dict[str, str]:
    return {w: level for w, level in _rows("jurisdictions.tsv")}


def level_words(*levels: str) -> tuple[str, ...]:
    """The level words of units at ``levels`` ("province", "district", "commune",
    "village"), in the order of jurisdictions.tsv."""
    return tuple(w for w, level in jurisdiction_levels().items() if level in levels)


@cache
def roles() -> tuple[Role, ...]:
    return _longest_first((Role(*r) for r in _rows("roles.tsv")), lambda r: r.title)


@cache
def org_heads() -> tuple[OrgHead, ...]:
    return _longest_first((OrgHead(*r) for r in _rows("organisations.tsv")), lambda h: h.head)


@cache
def doc_types() -> tuple[DocType, ...]:
    return _longest_first((DocType(*r) for r in _rows("doctypes.tsv")), lambda d: d.name)


@cache
def issuers() -> dict[str, Issuer]:
    return {r[0]: Issuer(*r) for r in _rows("issuers.tsv")}


@cache
def body_heads() -> tuple[str, ...]:
    """The heads of bodies that stand for a unit or the nation (organisations.tsv kinds body,
    party, fixed: "Ủy ban nhân dân", "Tỉnh ủy", "Chính phủ"), longest first."""
    return tuple(sorted((h.head for h in org_heads() if h.kind in ("body", "party", "fixed")), key=len, reverse=True))


def written_forms(full: str) -> list[str]:
    """A name and the ways it is abbreviated, whole or in part ("Ủy ban nhân dân" and
    "UBND"; "Văn phòng HĐND và UBND")."""
    forms = [full]
    for abbreviation, expansion in abbreviations().items():
        forms += [f.replace(expansion, abbreviation) for f in forms if expansion in f]
    return list(dict.fromkeys(forms))


def expand(text: str) -> str:
    """Expand the standard abbreviations word by word ("UBND TP" -> "Ủy ban nhân dân thành phố")."""
    table = abbreviations()
    words = text.split()
    out, i = [], 0
    while i < len(words):
        two = " ".join(words[i:i + 2])
        if i + 1 < len(words) and two in table:
            out.append(table[two])
            i += 2
        else:
            out.append(table.get(words[i], words[i]))
            i += 1
    return " ".join(out)


@cache
def surnames() -> frozenset[str]:
    return frozenset(r[0] for r in _rows("surnames.tsv"))


def word_list(name: str, column: str | None = None) -> tuple[str, ...]:
    """The first column of the data file ``name``, longest first (then in code-point
    order); with ``column``, only the rows whose second column is that."""
    rows = (r for r in _rows(name) if column is None or (len(r) > 1 and r[1] == column))
    return tuple(sorted({r[0] for r in rows}, key=lambda h: (-len(h), h)))


@cache
def numerals() -> dict[str, int]:
    """Number words for units (numerals.tsv): "chín" 9, "lăm" 5; not the tens."""
    return {r[0]: int(r[1]) for r in _rows("numerals.tsv") if len(r) < 3 or not r[2]}


@cache
def honorifics() -> tuple[str, ...]:
    """What stands before a full name (honorifics.tsv), with its capitalised and upper-case forms."""
    return tuple(dict.fromkeys(f for w in word_list("honorifics.tsv") for f in (w, w[0].upper() + w[1:], w.upper())))


@cache
def relation_names() -> dict[str, tuple[str, str]]:
    """Each relation's name in Vietnamese and in English (relations.tsv)."""
    return {r[0]: (r[1], r[2]) for r in _rows("relations.tsv")}


#: Word lists, each a data file of lexicon/ (see its first comment line for what it holds).
event_heads = cache(lambda: word_list("events.tsv"))
person_words = cache(lambda kind: word_list("person_words.tsv", kind))  # member, not_given, plural, …
event_words = cache(lambda kind: word_list("event_words.tsv", kind))  # occasion, inside, ends, again, …
organisation_words = cache(lambda kind: word_list("organisation_words.tsv", kind))  # organ_name, member, …
attendance_words = cache(lambda: word_list("attendance.tsv"))  # the bodies listed after it take part
venue_heads = cache(lambda: word_list("venues.tsv"))  # kinds of places where events are held
happening_verbs = cache(lambda: word_list("happening.tsv"))  # an event takes place (… tại X)
activities = cache(lambda: word_list("activities.tsv"))  # what meetings and plans do
dayparts = cache(lambda: word_list("dayparts.tsv"))  # "Sáng 9/10": opens a date
unit_changes = cache(lambda: word_list("unit_changes.tsv"))  # what a document does to units, bodies
function_words = cache(lambda kind: word_list("function_words.tsv", kind))  # clause, dangling, ends_body
project_heads = cache(lambda kind: word_list("project_heads.tsv", kind))  # head, aim, form, generic
programmes = cache(lambda: word_list("programmes.tsv"))  # nationwide programmes and movements


@cache
def meeting_verbs(where: str | None = None) -> tuple[str, ...]:
    """What a meeting does, said after its name (meeting_verbs.tsv); those that are a
    predicate ``always`` or only once the name is ``named``."""
    return word_list("meeting_verbs.tsv", where)


@cache
def works_heads(kind: str | None = None) -> tuple[str, ...]:
    """Words that open the name of a public work (``kind``: "action" or "object"; None:
    both)."""
    if kind is None:
        return tuple(sorted(set(word_list("works.tsv", "action") + word_list("works.tsv", "object")),
                            key=lambda w: (-len(w), w)))
    return word_list("works.tsv", kind)


@cache
def works_words() -> tuple[str, ...]:
    """Every word of works.tsv: those that open a work's name and those inside one."""
    return word_list("works.tsv")


@cache
def dotted_abbreviations() -> tuple[str, ...]:
    """Abbreviations written with a dot before a name or title (dotted.tsv), in file order."""
    return tuple(r[0] for r in _rows("dotted.tsv"))
