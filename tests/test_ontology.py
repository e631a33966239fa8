"""The ontology file and the closed namespaces of the code agree."""
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.lexicon import doc_types
from kg.rdf.vocab import KG, ONTOLOGY_IRI

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl"


@pytest.fixture(scope="module")
def onto():
    return rdflib.Graph().parse(ONTOLOGY)


def test_ontology_is_an_owl_ontology(onto):
    assert (rdflib.URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) in onto


def test_every_term_the_code_writes_is_defined_with_english_and_vietnamese_labels(onto):
    for name in KG.__annotations__:
        term = KG[name]
        assert (term, RDF.type, None) in onto, f"{term} is not defined in ontology/kg.ttl"
        langs = {o.language for o in onto.objects(term, RDFS.label)}
        assert {"en", "vi"} <= langs, f"{term} lacks an en or vi label"
        comments = {o.language for o in onto.objects(term, RDFS.comment)}
        assert {"en", "vi"} <= comments, f"{term} lacks an en or vi comment"


def test_the_namespace_is_closed():
    with pytest.raises(AttributeError):
        KG.Organization  # noqa: B018 — the project spells it Organisation


@pytest.mark.parametrize("cls, parent", [
    ("Organisation", "http://www.w3.org/ns/org#Organization"),
    ("Person", "http://xmlns.com/foaf/0.1/Person"),
    ("Person", "https://schema.org/Person"),
    ("Resolution", "http://data.europa.eu/eli/ontology#LegalResource"),
    ("Project", "https://schema.org/Project"),
    ("Ward", "https://schema.org/AdministrativeArea"),
    ("Event", "https://schema.org/Event"),
    ("Document", "http://xmlns.com/foaf/0.1/Document"),
    ("Document", "http://www.w3.org/ns/prov#Entity"),
])
def test_alignments(onto, cls, parent):
    assert (KG[cls], RDFS.subClassOf, rdflib.URIRef(parent)) in onto


def test_every_document_type_of_the_lexicon_is_a_concept(onto):
    for d in doc_types():
        assert (KG._NS[d.concept], RDF.type, KG.DocumentType) in onto, d.concept
