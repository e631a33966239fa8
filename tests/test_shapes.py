"""The SHACL shapes (shapes/kg-shapes.ttl): each shape against its fixtures, and the
bundled corpus against all of them.

Every node shape ``kgsh:X`` has ``tests/data/shapes/X.violating.ttl`` and
``X.conforming.ttl``; ``X.violating.<variant>.ttl`` and ``X.conforming.<variant>.ttl``
exercise more of its constraints. A fixture's first lines say what to expect:

``# focus: <iri>``  (violating) the one focus node of every result of the shape;
``# path: <iri>``   (optional) a result of the shape has this sh:resultPath;
``# audit: true``   (optional) validate with the deactivated audit constraints switched on.

Results belong to a shape when their sh:sourceShape is the node shape or one of the
property shapes it holds (sh:property). Validation is called as the build calls it:
pyshacl with the ontology as ont_graph, no inference, advanced mode, warnings allowed.
"""
from __future__ import annotations

import re
from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SH

ROOT = Path(__file__).resolve().parent.parent
SHAPES_FILE = ROOT / "shapes" / "kg-shapes.ttl"
ONTOLOGY_FILE = ROOT / "ontology" / "kg.ttl"
FIXTURES = ROOT / "tests" / "data" / "shapes"
KGSH = rdflib.Namespace("https://w3id.org/vn-gov-kg/shapes#")
SHAPES_IRI = rdflib.URIRef("https://w3id.org/vn-gov-kg/shapes")
ONTOLOGY_IRI = rdflib.URIRef("https://w3id.org/vn-gov-kg/ontology")

_HEADER = re.compile(r"#\s*(focus|path|audit)\s*:\s*(\S+)")


# -- helpers ----------------------------------------------------------------------------
def _load_shapes(audit: bool = False) -> rdflib.Graph:
    g = rdflib.Graph().parse(SHAPES_FILE, format="turtle")
    if audit:  # switch on the constraints kept for audits
        g.remove((None, SH.deactivated, None))
    return g


SHAPES = _load_shapes()
AUDIT_SHAPES = _load_shapes(audit=True)
ONTOLOGY = rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")


def node_shapes(g: rdflib.Graph = SHAPES) -> list[rdflib.URIRef]:
    return sorted(s for s in g.subjects(RDF.type, SH.NodeShape)
                  if isinstance(s, rdflib.URIRef) and str(s).startswith(str(KGSH)))


def family(shape: rdflib.URIRef, g: rdflib.Graph = SHAPES) -> set:
    """The node shape and the property shapes it holds (sh:property, transitively)."""
    seen, todo = {shape}, [shape]
    while todo:
        for prop in g.objects(todo.pop(), SH.property):
            if prop not in seen:
                seen.add(prop)
                todo.append(prop)
    return seen


def validate(data: rdflib.Graph, shapes: rdflib.Graph = SHAPES):
    return pyshacl.validate(data, shacl_graph=shapes, ont_graph=ONTOLOGY, inference="none",
                            advanced=True, allow_warnings=True)


def results(report: rdflib.Graph, sources: set | None = None) -> list[dict]:
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        source = report.value(r, SH.sourceShape)
        if sources is not None and source not in sources:
            continue
        out.append({"focus": report.value(r, SH.focusNode), "path": report.value(r, SH.resultPath),
                    "severity": report.value(r, SH.resultSeverity), "source": source,
                    "message": str(report.value(r, SH.resultMessage))})
    return out


def read_fixture(path: Path) -> tuple[rdflib.Graph, dict]:
    header: dict = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if m:
            key, value = m.groups()
            header[key] = rdflib.URIRef(value.strip("<>")) if key in ("focus", "path") else value == "true"
    return rdflib.Graph().parse(path, format="turtle"), header


def _shape_of(path: Path) -> rdflib.URIRef:
    return KGSH[path.name.split(".", 1)[0]]


def _expected_severity(shape: rdflib.URIRef, source, g: rdflib.Graph) -> rdflib.URIRef:
    return g.value(source, SH.severity) or g.value(shape, SH.severity) or SH.Violation


def _shapes_for(header: dict) -> rdflib.Graph:
    """The shapes graph a fixture is validated with. Its anonymous property shapes are
    its own: walk sh:property in this graph, not in another parse of the file."""
    return AUDIT_SHAPES if header.get("audit") else SHAPES


VIOLATING = sorted(FIXTURES.glob("*.violating*.ttl"))
CONFORMING = sorted(FIXTURES.glob("*.conforming*.ttl"))


# -- the shapes file --------------------------------------------------------------------
def test_every_shape_has_a_fixture_pair():
    names = {s.split("#", 1)[1] for s in node_shapes()}
    assert len(names) >= 12
    for name in sorted(names):
        assert (FIXTURES / f"{name}.violating.ttl").is_file(), name
        assert (FIXTURES / f"{name}.conforming.ttl").is_file(), name
    fixture_shapes = {p.name.split(".", 1)[0] for p in VIOLATING + CONFORMING}
    assert fixture_shapes <= names, f"fixtures for unknown shapes: {fixture_shapes - names}"


def test_a_node_shape_for_each_class():
    targeted = {o for s in node_shapes() for o in SHAPES.objects(s, SH.targetClass)}
    kg = rdflib.Namespace("https://w3id.org/vn-gov-kg/ontology#")
    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    for cls in (kg.Organisation, kg.Person, kg.Resolution, kg.Project, kg.Ward, kg.Place, kg.Event,
                kg.Document, kg.Mention, kg.Role, org.Membership):
        assert cls in targeted, cls


def test_shapes_graph_header_and_prefixes():
    assert (SHAPES_IRI, RDF.type, OWL.Ontology) in SHAPES
    assert (SHAPES_IRI, OWL.imports, ONTOLOGY_IRI) in SHAPES
    declared = {str(SHAPES.value(d, SH.prefix)) for d in SHAPES.objects(SHAPES_IRI, SH.declare)}
    for constraint in SHAPES.subjects(SH.select, None):
        assert SHAPES.value(constraint, SH.prefixes) == SHAPES_IRI
        used = set(re.findall(r"\b([a-z]+):[A-Za-z]", str(SHAPES.value(constraint, SH.select))))
        assert used <= declared, f"undeclared prefixes {used - declared}"


def test_every_shape_is_named_and_explained():
    node_level = (SH["class"], SH.nodeKind, SH["or"], SH.xone, SH["not"], SH["and"], SH.datatype)
    for shape in node_shapes():
        assert SHAPES.value(shape, SH.name) is not None, shape
        assert SHAPES.value(shape, RDFS.label) is not None, shape
        if any(SHAPES.value(shape, p) is not None for p in node_level):
            assert SHAPES.value(shape, SH.message) is not None, shape
        for prop in family(shape) - {shape}:
            assert SHAPES.value(prop, SH.message) is not None, (shape, SHAPES.value(prop, SH.path))
            assert SHAPES.value(prop, SH.name) is not None, (shape, SHAPES.value(prop, SH.path))
        for constraint in SHAPES.objects(shape, SH.sparql):
            assert SHAPES.value(constraint, SH.message) is not None, shape


def test_no_values_in_sparql():
    """pySHACL rejects VALUES in a SPARQL constraint; other engines pre-bind with it."""
    queries = [str(q) for p in (SH.select, SH.ask) for q in SHAPES.objects(None, p)]
    assert queries
    for q in queries:
        assert not re.search(r"\bVALUES\b", q, re.IGNORECASE), q


def test_shapes_do_not_depend_on_the_base_iri():
    text = SHAPES_FILE.read_text(encoding="utf-8")
    assert "vn-gov-kg/id/" not in text


# -- the fixtures -----------------------------------------------------------------------
@pytest.mark.parametrize("path", VIOLATING, ids=lambda p: p.name)
def test_violating_fixture(path: Path):
    shape = _shape_of(path)
    data, header = read_fixture(path)
    assert "focus" in header, f"{path.name}: no '# focus: <iri>' line"
    shapes = _shapes_for(header)
    _, report, _ = validate(data, shapes)
    found = results(report, family(shape, shapes))
    assert found, f"{path.name}: no result from {shape}"
    assert {r["focus"] for r in found} == {header["focus"]}, found
    for r in found:
        assert r["severity"] == _expected_severity(shape, r["source"], shapes), r
        assert r["message"] and r["message"] != "None", r
    if "path" in header:
        assert header["path"] in {r["path"] for r in found}, found


@pytest.mark.parametrize("path", CONFORMING, ids=lambda p: p.name)
def test_conforming_fixture(path: Path):
    shape = _shape_of(path)
    data, header = read_fixture(path)
    shapes = _shapes_for(header)
    _, report, _ = validate(data, shapes)
    assert results(report, family(shape, shapes)) == []


@pytest.mark.parametrize("path", VIOLATING + CONFORMING, ids=lambda p: p.name)
def test_fixtures_are_self_contained(path: Path):
    """Without the ontology graph a fixture gives its shape the same results."""
    shape = _shape_of(path)
    data, header = read_fixture(path)
    shapes = _shapes_for(header)
    with_ontology = results(validate(data, shapes)[1], family(shape, shapes))
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True,
                                    allow_warnings=True)
    alone = results(report, family(shape, shapes))

    def key(rs):
        return sorted((str(r["focus"]), str(r["path"]) if isinstance(r["path"], rdflib.URIRef) else "",
                       r["message"]) for r in rs)
    assert key(alone) == key(with_ontology)
    for s, _, o in data:
        for term in (s, o):
            assert not str(term).startswith("https://w3id.org/vn-gov-kg/id/"), term


# -- the corpus -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory):
    import kg

    out = tmp_path_factory.mktemp("shapes") / "out"
    result = kg.build([ROOT / "corpus"], out)
    assert result.ok, result.failures
    return result, rdflib.Graph().parse(out / "graph.ttl", format="turtle")


def test_corpus_conforms(corpus_graph):
    result, data = corpus_graph
    # the build validates with these shapes itself: nothing may have been quarantined
    assert getattr(result, "quarantined", 0) == 0
    conforms, report, text = validate(data)
    violations = [r for r in results(report) if r["severity"] == SH.Violation]
    assert conforms and not violations, text


@pytest.mark.parametrize("engine", ["oxigraph", "pyshacl"])
def test_validating_in_place_gives_the_same_report_and_a_copy_leaves_the_data_alone(corpus_graph, engine):
    """kg.validate's ``inplace`` (the build's and kg validate's own data) mixes the
    ontology into the data instead of a copy: the same report, byte for byte, here with
    violations made on purpose; without it the caller's data is left as it was. The data
    is each engine's own: an Oxigraph store, an rdflib graph."""
    import pyoxigraph as ox

    from kg.validate import store_of
    from kg.validate import validate as kg_validate

    _, data = corpus_graph
    broken = rdflib.Graph()
    for triple in data:
        broken.add(triple)
    organisation = next(data.subjects(RDF.type, rdflib.URIRef("https://w3id.org/vn-gov-kg/ontology#Organisation")))
    broken.add((organisation, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
                rdflib.Literal("Tên thứ hai", lang="vi")))
    if engine == "oxigraph":
        broken = store_of(ox.parse(broken.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))
    before = len(broken)
    kept = kg_validate(broken, engine=engine)
    assert len(broken) == before
    assert kept.violations
    mixed = kg_validate(broken, engine=engine, inplace=True)
    assert len(broken) > before  # the ontology's definitions went into the data itself
    assert mixed.to_turtle() == kept.to_turtle() and mixed.to_json() == kept.to_json()
