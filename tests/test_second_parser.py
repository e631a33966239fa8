"""Every file a user gets is read by a second, independent parser: Raptor's ``rapper``
(Debian ``raptor2-utils``, installed by ``.ci/run``), besides rdflib and Oxigraph. And what
made it refuse files before: noncharacters copied from a source, and base IRIs that
were not IRIs."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.export import export
from kg.store import merged, named_quads, open_build

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
STEM = "000_fa6bdb4d5fc08f99"
RAPPER_INPUT = {"turtle": "turtle", "ntriples": "ntriples", "rdfxml": "rdfxml", "nquads": "nquads", "trig": "trig"}


def rapper() -> str:
    path = shutil.which("rapper")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("rapper (Debian raptor2-utils) is missing on CI: .ci/run must install it")
        pytest.skip("rapper (Debian raptor2-utils) is not installed")
    return path


def rapper_count(path: Path, syntax: str) -> int:
    """The statements ``rapper`` reads from ``path``; fails on any error it reports."""
    proc = subprocess.run([rapper(), "-i", syntax, "-c", str(path)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "Error" not in proc.stderr, proc.stderr[-2000:]
    return int(re.search(r"returned (\d+) (?:triple|statement)", proc.stderr).group(1))


def kg_build(*args):
    result = CliRunner().invoke(main, ["build", "-q", *map(str, args)], prog_name="kg")
    return result


def check_every_file(out: Path, tmp_path: Path) -> None:
    quads = sum(1 for _ in named_quads(open_build(out)))
    triples = len(set(merged(open_build(out))))
    assert rapper_count(out / "graph.ttl", "turtle") == triples
    assert rapper_count(out / "graph.trig", "trig") == quads
    for fmt, syntax in RAPPER_INPUT.items():
        target = tmp_path / f"export.{fmt}"
        n = export(out, fmt, target)
        assert rapper_count(target, syntax) == n, fmt


def test_rapper_reads_every_file_and_export_of_the_corpus(corpus_build, tmp_path):
    check_every_file(corpus_build[0], tmp_path)


def test_noncharacters_of_a_source_reach_no_file(tmp_path):
    text = (CORPUS / f"{STEM}.txt").read_text(encoding="utf-8")
    at = text.index("UBND")
    odd = "\ufffe\uffff\ufdd0\U0001fffe"
    damaged = text[:at + 2] + odd[:2] + text[at + 2:at + 400] + odd[2:] + text[at + 400:]
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / f"{STEM}.txt").write_text(damaged, encoding="utf-8")
    out = tmp_path / "out"

    result = CliRunner().invoke(main, ["build", str(inp), "-o", str(out)], prog_name="kg")

    assert result.exit_code == 0, result.output
    assert "[W002]" in result.output and "4" in result.output
    check_every_file(out, tmp_path)
    for name in ("graph.ttl", "graph.trig"):
        body = (out / name).read_text(encoding="utf-8")
        assert not re.search("[\ufffe\uffff\ufdd0\U0001fffe]|\\\\u(?:FFF[EF]|FDD0)|\\\\U0001FFFE", body, re.I)
    # offsets still index the source: each quote is the source's characters, a
    # noncharacter shown as U+FFFD, one for one
    store = open_build(out)
    quotes = store.query("""PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?q ?b ?e WHERE { ?m nif:anchorOf ?q ; nif:beginIndex ?b ; nif:endIndex ?e }""",
                         use_default_graph_as_union=True)
    seen = 0
    for row in quotes:
        source = damaged[int(row["b"].value):int(row["e"].value)]
        assert row["q"].value == re.sub("[\ufffe\uffff\ufdd0\U0001fffe]", "\ufffd", source)
        seen += source != row["q"].value
    assert seen >= 2  # the sentences holding them
    # the names read are those of the clean text ("UBND" is still one word)
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / f"{STEM}.txt").write_text(text, encoding="utf-8")
    kg_build(clean, "-o", tmp_path / "clean-out")

    def labels(build):
        return {r["l"].value for r in open_build(build).query(
            "SELECT ?l WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }",
            use_default_graph_as_union=True)}

    assert labels(out) == labels(tmp_path / "clean-out")


def test_a_base_ending_in_a_hash_builds_valid_iris(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(CORPUS / f"{STEM}.txt", inp)
    out = tmp_path / "out"
    result = kg_build(inp, "-o", out, "--base-iri", "https://example.org/kg#")
    assert result.exit_code == 0, result.output
    check_every_file(out, tmp_path)
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert f"https://example.org/kg#document/{STEM}/char=" in ttl
    assert not re.search(r"<https://example\.org/kg#[^>]*#", ttl)


@pytest.mark.parametrize("base", ["https://example.org/k g/", "https://example.org/<x>/", "https://example.org/{x}/",
                                  "https://example.org/a|b/", "https://example.org/a^b/", "https://example.org/a`b/",
                                  "https://example.org/a\\b/", "https://example.org/a#b#", "https://example.org/%zz/",
                                  "https://example.org/\ufffe/", "https://example.org/\x7f/"])
def test_bases_that_are_not_iris_are_refused_with_e205(tmp_path, base):
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(CORPUS / f"{STEM}.txt", inp)
    out = tmp_path / "out"
    result = kg_build(inp, "-o", out, "--base-iri", base)
    assert result.exit_code == 2
    assert "[E205]" in result.stderr and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not out.exists()


#: What a source may hold that an output format must escape or keep as it is: markup, quotes,
#: backslashes, control characters (a terminal escape among them), right-to-left marks,
#: decomposed (NFD) Vietnamese, a tab and a carriage return.
HOSTILE = ('<script>alert("x")</script> \'q\' \\ \\n \\u0041 \x07 \x1b[31m đỏ \x1b[0m \u200f\u202e ngược\u202c '
           + unicodedata.normalize("NFD", "Lạng Sơn") + " \t cột\r\n")


def test_hostile_text_is_escaped_in_every_format_and_read_alike(tmp_path):
    """A text and a page title holding HOSTILE build; every file and export is read by rapper,
    rdflib and Oxigraph; the document's text comes back exactly from each of them."""
    import html as _html

    import pyoxigraph as ox
    import rdflib

    from kg.export import FORMATS

    text = (CORPUS / f"{STEM}.txt").read_text(encoding="utf-8")
    hostile_text = text[:200] + HOSTILE + text[200:]
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / f"{STEM}.txt").write_text(hostile_text, encoding="utf-8", newline="")
    title = "Tin " + HOSTILE.replace("\r\n", " ")
    page = (f"<html><head><title>{_html.escape(title)}</title></head><body><article><p>"
            f"{_html.escape(text[:600])}</p><p>{_html.escape(HOSTILE)}</p></article></body></html>")
    (inp / "page.html").write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    result = kg_build(inp, "-o", out)
    assert result.exit_code == 0, result.output
    warnings = json.loads((out / "build.json").read_text(encoding="utf-8"))["warnings"]
    assert any("[W004]" in w for w in warnings)  # the bell and the terminal escapes, shown as U+FFFD
    check_every_file(out, tmp_path)
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString"
    wanted = {re.sub("[\x07\x1b]", "\ufffd", hostile_text)}  # the same length: offsets still hold
    for fmt in FORMATS:
        target = tmp_path / f"x.{fmt}"
        export(out, fmt, target)
        theirs = {q.object.value for q in ox.parse(path=str(target), format=FORMATS[fmt])
                  if q.predicate.value == nif}
        rdflib_format = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig",
                         "jsonld": "json-ld", "rdfxml": "xml"}[fmt]
        graph = rdflib.Dataset() if FORMATS[fmt].supports_datasets else rdflib.Graph()
        graph.parse(target, format=rdflib_format)
        ours = {str(o) for _, p, o, *_ in (graph.quads() if isinstance(graph, rdflib.Dataset) else graph)
                if str(p) == nif}
        assert wanted <= theirs and wanted <= ours, fmt
        if fmt in RAPPER_INPUT:  # rapper's reading, written out as N-Triples, says the same
            proc = subprocess.run([rapper(), "-i", RAPPER_INPUT[fmt], "-o", "ntriples", str(target)],
                                  capture_output=True, timeout=300)
            assert proc.returncode == 0, proc.stderr[-2000:]
            read = {q.object.value for q in ox.parse(proc.stdout, format=ox.RdfFormat.N_TRIPLES)
                    if q.predicate.value == nif}
            assert wanted <= read, fmt
    titles = {q.object.value for q in ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
              if q.predicate.value == "http://purl.org/dc/terms/title" and q.object.value.startswith("Tin ")}
    assert len(titles) == 1 and "<script>" in next(iter(titles)) and "\"x\"" in next(iter(titles))
    assert "\x1b" not in next(iter(titles))


def test_file_names_of_any_characters_give_valid_iris(tmp_path):
    """Names with spaces, Vietnamese letters, markup, '#', '?', '%' and quotes become IRIs
    that every parser reads, and each document is still told apart."""
    text = (CORPUS / f"{STEM}.txt").read_text(encoding="utf-8")
    inp = tmp_path / "in"
    inp.mkdir()
    names = ["Báo cáo tháng 1.txt", 'a<b>"c".txt', "x#y?z=1%20.txt", "trang web.html"]
    for i, name in enumerate(names):
        body = text[: 400 + 50 * i]
        if name.endswith(".html"):
            body = f"<html><head><title>t</title></head><body><article><p>{body}</p></article></body></html>"
        (inp / name).write_text(body, encoding="utf-8")
    out = tmp_path / "out"
    result = kg_build(inp, "-o", out)
    assert result.exit_code == 0, result.output
    check_every_file(out, tmp_path)
    store = open_build(out)
    files = {r["f"].value for r in store.query(
        "SELECT ?f WHERE { ?d <https://w3id.org/vn-gov-kg/ontology#fileName> ?f }")}
    assert files == set(names)
