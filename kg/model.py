"""The pipeline's state: plain Python objects, no RDF.

Offsets of spans (``Span``: mentions, sentences) are Python string indices (code points)
into ``Doc.text``, the document text exactly as decoded from the file, so that
``doc.text[m.span.begin:m.span.end] == m.text``. Tokens, zones, ``norm_sentences``,
``Mention.norm`` and footnotes point into the normalised text (``Doc.norm``), which maps back.
Components read and write the attributes of ``Doc``; each declares which (pipeline.py).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, fields
from pathlib import Path

#: The six scored entity types, then the unscored ones an extractor may also emit.
ENTITY_TYPES = ("Organisation", "Person", "Resolution", "Project", "Ward", "Event")
ALL_TYPES = ENTITY_TYPES + ("Place",)

#: Relations between entities (GUIDELINES.md). ``holdsPost`` and ``memberOf`` become
#: org:Membership nodes in RDF; the others are direct edges.
RELATIONS = ("holdsPost", "memberOf", "subOrganizationOf", "issuedBy", "locatedIn",
             "organisedBy", "participant", "about")


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range ``[begin, end)`` of ``Doc.text``."""

    begin: int
    end: int

    def __post_init__(self):
        if not 0 <= self.begin <= self.end:
            raise ValueError(f"bad span {self.begin}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.begin

    def overlaps(self, other: "Span") -> bool:
        return self.begin < other.end and other.begin < self.end

    def contains(self, other: "Span") -> bool:
        return self.begin <= other.begin and other.end <= self.end


@dataclass(frozen=True)
class Token:
    """A word (one or more syllables) of the normalised text, with its part of speech."""

    begin: int  # into Doc.norm.text
    end: int
    tag: str  # underthesea's tag set: N, Np, V, A, M, CH, ...


@dataclass
class Attrs:
    """What an extractor knows of a mention beyond its name and key: the declared fields,
    each with the component that writes it and those that read it. An extractor passes
    them as keywords to ``extract._base.add_mention``; an undeclared one is an error
    (``TypeError``), so a field is added here, with its readers, before it is used. An
    entity's fields are the first value its mentions give (resolve/entities.py)."""

    # Resolution (resolution, heading -> issued, rdf.emit)
    number: str | None = None  # the document's number as written: "21-NQ/TU"
    date: str | None = None  # its date, ISO: "2023-02-03"
    doc_type: str | None = None  # the ontology concept of its type: "NghiQuyet"
    issuer: str | None = None  # key of the body at the head of the document itself (heading)
    issuer_code: str | None = None  # the issuer code of its number: "TU"
    list_end: int | None = None  # the end of the list it stands in ("Chỉ thị số 04, 05 … của X")
    # Ward and Place (ward, place -> structure, located, rdf.emit)
    code: str | None = None  # the official code of the unit
    era: str | None = None  # which official list has it: "2025" or "legacy"
    official_name: str | None = None  # its name in that list
    successor: object = None  # lexicon.units.Unit it was merged into (2025 reform)
    level: str | None = None  # the level word written: "xã", "thôn", "khu phố"
    located_in: str | None = None  # key of the Place it lies in, as stated or listed
    # Organisation (organisation -> structure, resolve)
    parent: str | None = None  # key of the body it is part of, as its name says
    alt: str | None = None  # another label of the same body (a spelled-out abbreviation)
    # Person (signature -> posts)
    post: str | None = None  # the post title the layout states (a signature block)
    post_org: str | None = None  # key of the body of that post
    # Event (visit -> eventroles)
    participants: tuple = ()  # (type, key) of those the visit's sentence lists

    def items(self):
        """(name, value) of the fields that hold a value."""
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None and value != ():
                yield f.name, value


@dataclass
class Mention:
    """One occurrence of an entity in the text, found by an extractor."""

    type: str  # one of ALL_TYPES
    span: Span  # into Doc.text
    text: str  # Doc.text[span.begin:span.end], verbatim
    label: str  # the surface form, normalised (NFC, one tone placement, single spaces)
    name: str  # the fullest name the mention stands for (abbreviations expanded)
    key: str  # what identifies the thing: same key, same entity (see resolve/)
    source: str  # the extractor that found it
    norm: tuple[int, int] = (0, 0)  # the same range in Doc.norm.text
    attrs: Attrs = field(default_factory=Attrs)
    entity: "Entity | None" = None  # set by the resolver


@dataclass
class Entity:
    """A real-world thing: all mentions that share a type and a key."""

    type: str
    key: str
    name: str  # skos:prefLabel: the fullest form seen
    labels: set[str] = field(default_factory=set)  # every surface form (skos:altLabel)
    mentions: list[Mention] = field(default_factory=list)
    attrs: Attrs = field(default_factory=Attrs)


@dataclass
class Fact:
    """A relation between two entities, with the sentence it was read from."""

    predicate: str  # one of RELATIONS
    subject: Entity
    object: Entity
    sentence: Span
    role: str | None = None  # post title for holdsPost/memberOf (a lexicon role key)
    source: str = ""  # the component that found it
    date: str | None = None  # memberships: the date that attests it (ISO; set by dating)


@dataclass
class Doc:
    """A document and everything the pipeline has learnt about it so far."""

    path: Path
    text: str  # as decoded, never modified
    sha256: str
    norm: "NormText | None" = None
    sentences: list[Span] = field(default_factory=list)  # into Doc.text
    norm_sentences: list[tuple[int, int]] = field(default_factory=list)  # into norm.text
    tokens: list[Token] = field(default_factory=list)  # words of norm.text, in order
    syllables: object = None  # the token layer: a spaCy Doc of norm.text (text/syllables.py)
    zones: list[tuple[int, int]] = field(default_factory=list)  # boilerplate, into norm.text
    footnotes: list = field(default_factory=list)  # text.footnotes.Footnote
    dates: list = field(default_factory=list)  # text.dates.DateExpr, into norm.text
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    context: dict = field(default_factory=dict)  # the document's home jurisdiction, date, ...
    event_dates: dict = field(default_factory=dict)  # event key -> (ISO date, trust); see dating
    warnings: list[str] = field(default_factory=list)
    source: object = None  # readers.Part: its format and what the file says of it (title, URL, …)
    file: Path | None = None  # the file it was read from: ``path`` itself, or the archive of a page
    _sentence_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.path.name

    def lighten(self) -> "Doc":
        """The document without what only the components read (the normalised text and its
        map, tokens, the token layer, zones, dates, footnotes, the components' caches in
        ``context``): what is left -- text, sentences, mentions, entities, facts, context,
        warnings, source -- is what the corpus steps and build.json read once its named
        graph is emitted."""
        self.norm, self.syllables = None, None
        self.tokens, self.zones, self.footnotes, self.dates, self.norm_sentences = [], [], [], [], []
        self._sentence_starts = []
        self.context = {k: v for k, v in self.context.items() if not k.startswith("_")}
        return self

    @property
    def stem(self) -> str:
        """What the document's IRIs are made of: its file name without ".txt", and whole for
        the other formats, so that "a.pdf" and "a.docx" are two documents."""
        return self.path.stem if self.path.suffix == ".txt" else self.path.name

    def sentence_of(self, span: Span) -> Span:
        """The sentence that holds ``span`` (the whole text if none does). Sentences are in
        text order and do not overlap, so the one that begins last at or before ``span``
        is the only one that can."""
        starts = self._sentence_starts
        if len(starts) != len(self.sentences):
            starts = self._sentence_starts = [s.begin for s in self.sentences]
        i = bisect_right(starts, span.begin) - 1
        if i >= 0 and self.sentences[i].contains(span):
            return self.sentences[i]
        return Span(0, len(self.text))


@dataclass
class NormText:
    """Normalised text plus the map of each of its positions back to ``Doc.text``.

    ``to_orig[i]`` is the original offset of normalised character ``i``;
    ``to_orig[len(text)]`` is ``len(original)``.
    """

    text: str
    to_orig: list[int]

    def span(self, begin: int, end: int) -> Span:
        """The original span of the normalised range ``[begin, end)``."""
        return Span(self.to_orig[begin], self.to_orig[max(begin, end)])
