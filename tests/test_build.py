"""A build of the bundled corpus, checked through real parsers and a real store."""
import json
import re
import subprocess
import sys
from collections import Counter

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import RDF, SH, SKOS

import kg
from kg.model import ENTITY_TYPES
from kg.rdf.vocab import KG, NIF, PROV
from kg.store import merged, named_quads

from conftest import CORPUS, SHARED
from helpers import IRI_RE

# RFC 3987 absolute IRI, as far as kg writes them: scheme, authority, no forbidden characters.


@pytest.fixture(scope="module")
def ttl(corpus_build):
    out, _ = corpus_build
    return rdflib.Graph().parse(out / "graph.ttl", format="turtle")


def test_five_documents_and_every_entity_type(corpus_build, ttl):
    out, result = corpus_build
    assert len(result.documents) == 5
    assert len(set(ttl.subjects(RDF.type, KG.Document))) == 5
    for type_ in ENTITY_TYPES:
        assert result.entities[type_] >= 1, type_
        assert any(True for _ in ttl.subjects(RDF.type, KG[type_])), type_


def test_turtle_reparses_to_the_same_triples_with_rdflib_and_oxigraph(corpus_build, ttl):
    out, result = corpus_build
    ox_triples = set(ox.parse(path=str(out / "graph.ttl")))
    assert len(ttl) == len(ox_triples) == result.triples


def test_trig_reparses_to_the_same_quads_as_the_store(corpus_build):
    out, result = corpus_build
    ds = rdflib.Dataset()
    ds.parse(out / "graph.trig", format="trig")
    rdflib_quads = sum(len(g) for g in ds.graphs() if g.identifier != rdflib.Dataset().default_graph.identifier)
    store = ox.Store.read_only(str(out / "store"))
    assert set(ox.parse(path=str(out / "graph.trig"))) == set(named_quads(store))
    assert rdflib_quads == sum(1 for _ in named_quads(store)) == result.quads
    # ... and the store's default graph is their merge, which graph.ttl holds
    assert set(merged(store)) == {q.triple for q in ox.parse(path=str(out / "graph.ttl"))}


def test_one_named_graph_per_document_plus_corpus_entailed_and_ontology(corpus_build):
    out, _ = corpus_build
    store = ox.Store.read_only(str(out / "store"))
    graphs = {g.value for g in store.named_graphs()}
    stems = {p.stem for p in CORPUS.glob("*.txt")}
    assert {g.rsplit("/", 1)[1] for g in graphs if "/graph/" in g} == stems | {"corpus", "entailed"}
    assert "https://w3id.org/vn-gov-kg/ontology" in graphs


def test_build_is_deterministic(tmp_path):
    a = kg.build([CORPUS], tmp_path / "a")
    b = kg.build([CORPUS], tmp_path / "b")
    assert a.ok and b.ok
    for name in ("graph.ttl", "graph.trig", "validation.ttl", "quarantine.trig"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_the_validation_report_says_which_shape_and_which_path(corpus_build):
    """validation.ttl holds the anonymous shapes and paths its results point at, copied
    from the shapes graph, so that a reader of the file alone knows the constraint."""
    out, result = corpus_build
    report = rdflib.Graph().parse(out / "validation.ttl", format="turtle")
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    assert len(results) == result.validation["warnings"] + result.validation["violations"] > 0
    for r in results:
        shape, path = report.value(r, SH.sourceShape), report.value(r, SH.resultPath)
        assert report.value(shape, SH.path) == path, r  # the shape is described, with its path
        assert isinstance(path, rdflib.URIRef) or list(report.predicate_objects(path)), r  # [ sh:inversePath … ]
    assert report.value(predicate=RDF.type, object=SH.ValidationReport) is not None


def test_no_blank_nodes_in_the_data_and_every_iri_is_absolute(corpus_build):
    out, _ = corpus_build
    for quad in ox.parse(path=str(out / "graph.trig")):
        if quad.graph_name.value != "https://w3id.org/vn-gov-kg/ontology":  # OWL lists there
            assert not isinstance(quad.subject, ox.BlankNode) and not isinstance(quad.object, ox.BlankNode)
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode):
                assert IRI_RE.match(term.value), term


def test_every_mention_quotes_its_document_exactly(ttl):
    texts = {}
    for doc, name in ttl.subject_objects(KG.fileName):
        texts[doc] = (CORPUS / str(name)).read_text(encoding="utf-8")
    mentions = list(ttl.subjects(RDF.type, KG.Mention))
    assert len(mentions) > 100
    for m in mentions:
        text = texts[ttl.value(m, NIF.referenceContext)]
        begin, end = int(ttl.value(m, NIF.beginIndex)), int(ttl.value(m, NIF.endIndex))
        assert text[begin:end] == str(ttl.value(m, NIF.anchorOf)), m
        assert str(m).endswith(f"#char={begin},{end}")
        sentence = ttl.value(m, NIF.sentence)
        assert int(ttl.value(sentence, NIF.beginIndex)) <= begin < end <= int(ttl.value(sentence, NIF.endIndex))


def test_every_relation_points_to_the_sentence_it_came_from(ttl):
    statements = list(ttl.subjects(RDF.type, RDF.Statement))
    memberships = list(ttl.subjects(RDF.type, rdflib.URIRef("http://www.w3.org/ns/org#Membership")))
    assert statements and memberships
    for node in statements + memberships:
        sentence = ttl.value(node, PROV.wasDerivedFrom)
        assert (sentence, RDF.type, NIF.Sentence) in ttl, node
    for st in statements:
        s, p, o = (ttl.value(st, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        assert (s, p, o) in ttl


def test_memberships_name_a_person_an_organisation_and_a_labelled_role(ttl):
    ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
    for m in ttl.subjects(RDF.type, ORG.Membership):
        assert (ttl.value(m, ORG.member), RDF.type, KG.Person) in ttl
        assert (ttl.value(m, ORG.organization), RDF.type, KG.Organisation) in ttl
        role = ttl.value(m, ORG.role)
        assert any(lbl.language == "vi" for lbl in ttl.objects(role, SKOS.prefLabel))


def test_each_entity_has_one_vietnamese_preflabel_and_tagged_altlabels(ttl):
    for type_ in ENTITY_TYPES + ("Place",):
        for e in ttl.subjects(RDF.type, KG[type_]):
            pref = list(ttl.objects(e, SKOS.prefLabel))
            assert len(pref) == 1 and pref[0].language == "vi", (e, pref)
            if not list(ttl.objects(e, KG.mentionedIn)):
                # Only a 2025 ward that an older one was merged into comes from the official
                # list rather than from a document.
                assert type_ == "Ward" and (None, KG.mergedInto, e) in ttl, e
                continue
            alts = list(ttl.objects(e, SKOS.altLabel))
            assert alts and all(a.language == "vi" for a in alts), e


def test_wards_carry_official_codes_and_their_2025_successors(ttl):
    wards = list(ttl.subjects(KG.mentionedIn, None))
    coded = [w for w in set(wards) if (w, RDF.type, KG.Ward) in ttl and ttl.value(w, KG.officialCode)]
    assert coded
    for w in coded:
        code = str(ttl.value(w, KG.officialCode))
        assert re.fullmatch(r"\d{5}", code) and str(w).endswith("/ward/" + code)
        successor = ttl.value(w, KG.mergedInto)
        if successor is not None:
            assert str(successor).endswith(str(ttl.value(successor, KG.officialCode)) + "-2025")


def test_the_same_thing_gets_the_same_iri_in_every_document(ttl):
    # An organisation mentioned by several documents is one node linked to all of them.
    per_entity = Counter(s for s, _ in ttl.subject_objects(KG.mentionedIn))
    assert max(per_entity.values()) >= 3


def test_build_json_reports_counts_per_document(corpus_build):
    out, _ = corpus_build
    report = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert report["counts"]["documents"] == 5 and report["counts"]["failed"] == 0
    assert sum(d["mentions"] for d in report["documents"]) == report["counts"]["mentions"]
    assert {"extract", "emit", "write", "total"} <= set(report["timings_s"])


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="the shared scorer is not beside the repo")
def test_the_scorer_finds_every_document(corpus_build):
    out, _ = corpus_build
    proc = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(out / "graph.trig"),
                           "--gold", str(SHARED / "eval" / "gold"), "--json"],
                          capture_output=True, text=True, check=True)
    result = json.loads(proc.stdout)
    assert result["documents_not_in_graph"] == []
    assert result["entities_micro"]["tp"] > 0


def test_who_held_which_post_when(corpus_build):
    out, _ = corpus_build
    store = ox.Store.read_only(str(out / "store"))
    rows = list(store.query("""
        PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX time: <http://www.w3.org/2006/time#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?person ?role ?date WHERE {
          ?m org:member ?p ; org:role ?r ; org:memberDuring/time:inside/time:inXSDDate ?date .
          ?p skos:prefLabel ?person . ?r skos:prefLabel ?role . FILTER(lang(?role) = "vi")
        }""", use_default_graph_as_union=True))
    assert rows
    for row in rows:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"].value)


def test_documents_carry_their_own_dates(ttl):
    content = {str(ttl.value(d, KG.fileName)): ttl.value(d, KG.contentDate)
               for d in ttl.subjects(RDF.type, KG.Document)}
    assert sum(v is not None for v in content.values()) >= 4
    for d in ttl.subjects(RDF.type, KG.Document):  # a page is posted after what it reports
        posted, happened = ttl.value(d, KG.publicationDate), ttl.value(d, KG.contentDate)
        if posted is not None and happened is not None:
            assert str(happened)[:7] <= str(posted)[:7]


def test_footnote_sentences_point_to_the_sentence_citing_them(ttl):
    pairs = list(ttl.subject_objects(KG.footnoteOf))
    assert pairs
    for note, citing in pairs:
        assert (note, RDF.type, NIF.Sentence) in ttl and (citing, RDF.type, NIF.Sentence) in ttl
        assert int(ttl.value(citing, NIF.beginIndex)) < int(ttl.value(note, NIF.beginIndex))
