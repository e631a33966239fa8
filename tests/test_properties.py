"""Property-based tests (hypothesis): whatever text a file holds, the pipeline reads it or
refuses it with an input error, never crashes; every mention's offsets point at its exact
text; the same text gives the same graph; every IRI is absolute and every literal comes
back alike from each format kg writes.

The texts are drawn from the words of Vietnamese administrative writing the project's
lexicons hold (so that the extractors fire and relate), cut and joined by any Unicode:
punctuation, line breaks, control characters, bidirectional marks, decomposed (NFD)
letters and arbitrary code points. The number of examples is the profile's (conftest.py):
10,000 in CI.
"""
from __future__ import annotations

import unicodedata
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import rdflib
from hypothesis import event, given, settings
from hypothesis import strategies as st

from kg import export, ingest
from kg.errors import InputError
from kg.pipeline import Pipeline
from kg.rdf import jsonld
from kg.rdf.emit import Emitter, order_key
from kg.rdf.iri import IRIs

from helpers import IRI_RE

BASE = "https://w3id.org/vn-gov-kg/"


def _words(name: str, column: int = 0) -> list[str]:
    text = resources.files("kg.lexicon").joinpath(name).read_text(encoding="utf-8")
    return sorted({line.split("\t")[column] for line in text.splitlines()
                   if line.strip() and not line.startswith("#")})


#: The language the extractors read: heads of bodies, their abbreviations, post titles,
#: honorifics, family names, document types, events, projects, venues, unit levels.
HEADS = _words("organisations.tsv") + _words("abbreviations.tsv", 0)
LEVELS = ["phường", "xã", "thị trấn", "thành phố", "tỉnh", "huyện", "thôn", "khu phố", "TP", "P."]
PLACES = ["Lạng Sơn", "Đông Kinh", "Chi Lăng", "Tam Thanh", "Vĩnh Trại", "Hoàng Đồng", "Cao Lộc", "Hà Nội"]
GIVEN = ["Văn", "Thị", "Minh", "Hoàng", "Quang", "Thu", "Hà", "Anh", "Tuấn", "Hùng", "Lan", "Đức", "Thanh"]
WORDS = sorted({*HEADS, *_words("roles.tsv"), *_words("honorifics.tsv"), *_words("surnames.tsv"),
                *_words("doctypes.tsv"), *_words("events.tsv"), *_words("project_heads.tsv"),
                *_words("venues.tsv"), *LEVELS, *PLACES, *GIVEN, "số", "ngày", "tháng", "năm", "về việc",
                "của", "tại", "tổ chức", "chủ trì", "dự", "và", "ban hành", "thuộc", "trực thuộc"})
NUMBERS = st.builds("{}/{}-{}".format, st.integers(1, 999), st.sampled_from(_words("doctypes.tsv", 1)),
                    st.sampled_from(["UBND", "TU", "HĐND", "ĐU", "BCH", "VPCP", "TTg"]))
DATES = st.one_of(st.builds("ngày {}/{}/{}".format, st.integers(0, 40), st.integers(0, 14), st.integers(1900, 2100)),
                  st.builds("ngày {} tháng {} năm {}".format, st.integers(0, 40), st.integers(0, 14),
                            st.integers(1000, 3000)))
_pick = st.sampled_from
ORG = st.builds("{} {} {}".format, _pick(HEADS), _pick(LEVELS), _pick(PLACES))
PERSON = st.builds("{} {} {} {}".format, _pick(_words("honorifics.tsv")), _pick(_words("surnames.tsv")),
                   _pick(GIVEN), _pick(GIVEN))
#: Phrases in the order administrative prose puts them: a person with a post in a body, a
#: numbered document of a body, an event held by a body in a ward.
PHRASE = st.one_of(
    ORG, PERSON,
    st.builds("{}, {} {}".format, PERSON, _pick(_words("roles.tsv")), ORG),
    st.builds("{} số {} {} của {}".format, _pick(_words("doctypes.tsv")), NUMBERS, DATES, ORG),
    st.builds("{} {} tổ chức {} tại {} {}".format, ORG, DATES, _pick(_words("events.tsv")), _pick(LEVELS),
              _pick(PLACES)),
    st.builds("{} {} {} {}".format, _pick(_words("project_heads.tsv")), _pick(WORDS), _pick(LEVELS), _pick(PLACES)),
)
#: What lies between the words: the punctuation and layout of real pages (most often), and
#: what hostile or broken files hold.
GLUE = st.one_of(
    _pick([" ", ", ", ". ", ".\n", "\n", "\n\n", ": ", "; ", " - ", " – ", " (", ") ", " “", "” ", "\r\n"]),
    _pick(["\t", "\u00a0", "\u200b", "\u202e", "\u200f", "\x00", "\x07", "\x1b[31m", "\ufeff", "\ufffe",
           "<script>", "\\", "\"", "'", "*", "#", "…", "/"]),
)
PIECE = st.one_of(
    PHRASE, PHRASE, PHRASE,
    PHRASE.map(lambda w: unicodedata.normalize("NFD", w)),
    PHRASE.map(str.upper),
    st.sampled_from(WORDS), NUMBERS, DATES,
    st.text(max_size=12),  # any code point but surrogates
)
TEXTS = st.one_of(
    st.lists(st.tuples(PIECE, GLUE), max_size=30).map(lambda pairs: "".join(p + g for p, g in pairs)),
    st.text(max_size=300),
)

_PIPELINE = Pipeline()


def _read(tmp: Path, text: str):
    """The document ``text`` is when written to a file as UTF-8 and read as a user's file
    is, or None when kg refuses the file with an input error naming it."""
    path = tmp / "văn bản.txt"
    path.write_bytes(text.encode("utf-8"))
    try:
        docs = ingest.read(path)
    except InputError as err:
        assert "văn bản.txt" in str(err), err  # the refusal names the file
        event(f"refused: {str(err)[:6]}")
        return None
    assert len(docs) == 1
    return docs[0]


def _quads(doc) -> list:
    emitter = Emitter(IRIs(BASE))
    return sorted({*emitter.document(doc), *emitter.corpus([doc])}, key=order_key)


@given(text=TEXTS)
def test_any_text_is_built_or_refused_and_every_offset_points_at_its_text(tmp_path_factory, text):
    tmp = tmp_path_factory.getbasetemp()
    doc = _read(tmp, text)
    if doc is None:
        return
    doc = _PIPELINE(doc)
    event(f"mentions: {'none' if not doc.mentions else 'some' if len(doc.mentions) < 5 else '5 or more'}")
    event(f"relations: {'none' if not doc.facts else 'some'}")
    for m in doc.mentions:
        assert doc.text[m.span.begin:m.span.end] == m.text, m
        assert 0 <= m.norm[0] <= m.norm[1] <= len(doc.norm.text), m
        assert m.text.strip() and m.label.strip(), m
    for s in doc.sentences:
        assert s.end <= len(doc.text)
    for f in doc.facts:
        assert f.sentence.end <= len(doc.text)
        assert f.subject in doc.entities and f.object in doc.entities, f
    quads = _quads(doc)
    for q in quads:
        for term in (q.subject, q.predicate, q.object, q.graph_name):
            if isinstance(term, ox.NamedNode):
                assert IRI_RE.match(term.value), term
    # the same text again, read and built afresh: the same graph
    again = _PIPELINE(_read(tmp, text))
    assert [(m.type, m.span, m.key) for m in again.mentions] == [(m.type, m.span, m.key) for m in doc.mentions]
    assert _quads(again) == quads


def _key(s, p, o, g=None) -> tuple:
    """A statement as both libraries agree to say it: a plain literal is an xsd:string."""
    def term(t):
        if isinstance(t, rdflib.Literal):
            return ("literal", str(t), t.language or "", str(t.datatype or "http://www.w3.org/2001/XMLSchema#string")
                    if not t.language else "")
        return (type(t).__name__, str(t))
    return term(s), term(p), term(o), str(g) if g is not None else ""


def _rdflib_keys(quads) -> set:
    return {_key(jsonld._term(q.subject), jsonld._term(q.predicate), jsonld._term(q.object), q.graph_name.value)
            for q in quads}


@settings(max_examples=max(50, settings().max_examples // 10))
@given(text=TEXTS)
def test_every_literal_and_iri_comes_back_from_each_format(tmp_path_factory, text):
    """A document's graph written in each format kg writes is read by rdflib (a parser
    other than Oxigraph, which wrote it) as the same statements, and by Oxigraph again."""
    doc = _read(tmp_path_factory.getbasetemp(), text)
    if doc is None:
        return
    quads = _quads(_PIPELINE(doc))
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=order_key)
    want_quads = _rdflib_keys(quads)
    want_triples = {k[:3] + ("",) for k in want_quads}
    for fmt, rdflib_format, items, want in (("trig", "trig", quads, want_quads),
                                            ("nquads", "nquads", quads, want_quads),
                                            ("jsonld", "json-ld", quads, want_quads),
                                            ("turtle", "turtle", triples, want_triples),
                                            ("ntriples", "nt", triples, want_triples),
                                            ("rdfxml", "xml", triples, want_triples)):
        data = export.serialize(items, fmt)
        if FORMAT_IS_DATASET[fmt]:
            ds = rdflib.Dataset()
            ds.parse(data=data, format=rdflib_format)
            got = {_key(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in ds.quads((None, None, None, None))}
        else:
            got = {_key(s, p, o) for s, p, o in rdflib.Graph().parse(data=data, format=rdflib_format)}
        assert got == want, fmt
        if fmt != "rdfxml" and fmt != "jsonld":
            back = ox.parse(data, export.FORMATS[fmt])
            assert len({str(x) for x in back}) == len(items), fmt


FORMAT_IS_DATASET = {fmt: f.supports_datasets for fmt, f in export.FORMATS.items()}
