"""Baseline: underthesea's CRF named-entity recogniser, mapped to kg's types, scored
the same way as kg's own extraction.

    .venv/bin/python bench/baseline_underthesea.py [CORPUS] --gold DIR

PER -> Person, ORG -> Organisation, LOC -> Ward when it starts with phường/xã/thị trấn,
else Place (unscored). The tagger has no Resolution, Project or Event. Prints the per-type
table of kg's build next to the baseline's, measured in one run on the same documents.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import pyoxigraph as ox
from underthesea import ner

import kg
from kg import store
from kg.evaluate import evaluate
from kg.rdf.iri import IRIs
from kg.rdf.vocab import DEFAULT_BASE_IRI, KG, RDF, SKOS
from kg.text.normalise import normalise
from kg.text.segment import split_sentences

TYPES = {"PER": "Person", "ORG": "Organisation", "LOC": "Place"}


def spans(sentence: str):
    """(type, text) of each entity underthesea tags in a sentence."""
    current: list[str] = []
    kind = None
    for word, _pos, _chunk, tag in ner(" ".join(sentence.split())) + [("", "", "", "O")]:
        if tag.startswith("I-") and kind == tag[2:]:
            current.append(word)
            continue
        if current and kind:
            yield kind, " ".join(current)
        current, kind = ([word], tag[2:]) if tag.startswith("B-") else ([], None)


def baseline_build(corpus: Path, out: Path) -> None:
    iris = IRIs(DEFAULT_BASE_IRI)
    g = ox.NamedNode(iris.corpus_graph())
    quads = []
    for path in sorted(corpus.glob("*.txt")):
        d = ox.NamedNode(iris.document(path.stem))
        quads += [ox.Quad(d, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(KG.Document)), g),
                  ox.Quad(d, ox.NamedNode(str(KG.fileName)), ox.Literal(path.name), g)]
        text = normalise(path.read_text(encoding="utf-8")).text
        for b, e in split_sentences(text):
            for kind, name in spans(text[b:e]):
                type_ = TYPES[kind]
                if kind == "LOC" and name.lower().startswith(("phường", "xã", "thị trấn")):
                    type_ = "Ward"
                node = ox.NamedNode(iris.entity(type_, f"{path.stem} {name}"))
                quads += [ox.Quad(node, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(KG[type_])), g),
                          ox.Quad(node, ox.NamedNode(str(SKOS.prefLabel)), ox.Literal(name, language="vi"), g),
                          ox.Quad(node, ox.NamedNode(str(KG.mentionedIn)), d, g)]
    out.mkdir(parents=True)
    store.create(out / store.STORE_DIR, quads)
    (out / "build.json").write_text("{}", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=Path("corpus"))
    ap.add_argument("--gold", type=Path, required=True)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ours, base = Path(tmp) / "kg", Path(tmp) / "baseline"
        kg.build([args.corpus], ours)
        baseline_build(args.corpus, base)
        a, b = evaluate(ours, args.gold).as_dict(), evaluate(base, args.gold).as_dict()
    print(f"{'type':14} {'kg F1':>7} {'baseline F1':>12}")
    for t in a["entities"]:
        print(f"{t:14} {a['entities'][t]['f1']:7.3f} {b['entities'][t]['f1']:12.3f}")
    print(f"{'ALL (micro)':14} {a['entities_micro']['f1']:7.3f} {b['entities_micro']['f1']:12.3f}")


if __name__ == "__main__":
    main()
