"""Score a build against gold annotations (the format and the rules of the project's
evaluation: one JSON file per document with its entities and relations).

Entities are scored per document: a node of one of the six types that the graph says is
mentioned in the document is a hit when one of its labels equals the gold entity's name
or one of its aliases, after folding case, Unicode form, tone placement, dashes and
punctuation (a resolution may match by its number instead). Each gold entity is matched
to at most one node, best evidence first. Relations are hits when both ends are matched
to the gold entities of one document and the graph has that relation between them; posts
(holdsPost, memberOf) are ``org:Membership`` nodes, and their role labels are compared.
Entries marked optional neither earn nor cost.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import Errors, KGError
from .model import ENTITY_TYPES
from .rdf.vocab import EDGE_PROPERTIES, KG, ORG, SKOS
from .store import open_build
from .text.normalise import normalise

_PUNCT = re.compile(r"[\"'“”‘’«»()\[\],.;:!?]")
_DASHES = re.compile("[\u2010-\u2015\u2212]")


def fold(text: str) -> str:
    """A name reduced to what the scoring compares."""
    text = normalise(str(text)).text.lower()
    text = _DASHES.sub("-", text)
    text = re.sub(r"(?<!\S)-+|-+(?!\S)|(?<=\b\d{4})-(?=\d{4}\b)", " ", text)
    return " ".join(_PUNCT.sub(" ", text).split())


def fold_number(text: str) -> str:
    return fold(text).replace(" ", "")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class Report:
    entities: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in ENTITY_TYPES})
    relations: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    roles_right: int = 0
    roles_total: int = 0
    # per type, over found entities whose gold has a date: [right, dated, gold-dated]
    dates: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    documents: int = 0
    missing_documents: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    @staticmethod
    def _micro(counts) -> Counts:
        return Counts(*(sum(getattr(c, k) for c in counts) for k in ("tp", "fp", "fn")))

    def as_dict(self) -> dict:
        return {
            "entities": {t: c.as_dict() for t, c in self.entities.items()},
            "entities_micro": self._micro(self.entities.values()).as_dict(),
            "relations": {p: c.as_dict() for p, c in sorted(self.relations.items())},
            "relations_micro": self._micro(self.relations.values()).as_dict(),
            "role_accuracy": round(self.roles_right / self.roles_total, 4) if self.roles_total else None,
            "dates": {t: {"right": r, "dated": d, "gold_dated": n, "accuracy": round(r / n, 4) if n else None}
                      for t, (r, d, n) in sorted(self.dates.items())},
            "documents": self.documents,
            "documents_not_in_graph": self.missing_documents,
        }


class _Graph:
    """What the scoring reads from a build's store."""

    def __init__(self, store: ox.Store):
        def q(query):
            return store.query(query)

        self.type: dict[str, str] = {}
        for t in ENTITY_TYPES + ("Place",):  # places are aligned for relations, not scored
            for row in q(f"SELECT DISTINCT ?e WHERE {{ ?e a <{KG[t]}> }}"):
                self.type.setdefault(row["e"].value, t)
        self.labels: dict[str, set[str]] = defaultdict(set)
        for row in q(f"SELECT ?e ?l WHERE {{ ?e <{SKOS.prefLabel}>|<{SKOS.altLabel}> ?l }}"):
            self.labels[row["e"].value].add(fold(row["l"].value))
        self.numbers: dict[str, set[str]] = defaultdict(set)
        for row in q(f"SELECT ?e ?n WHERE {{ ?e <{KG.documentNumber}> ?n }}"):
            self.numbers[row["e"].value].add(fold_number(row["n"].value))
        self.dates: dict[str, set[str]] = defaultdict(set)  # an event's start, a document's date
        for row in q(f"SELECT ?e ?d WHERE {{ ?e <{KG.startDate}>|<{KG.documentDate}> ?d }}"):
            self.dates[row["e"].value].add(row["d"].value)
        self.documents: dict[str, str] = {}
        self.graph_of: dict[str, str] = {}  # document -> the named graph of its facts
        for row in q(f"SELECT ?d ?f ?g WHERE {{ GRAPH ?g {{ ?d a <{KG.Document}> ; <{KG.fileName}> ?f }} }}"):
            self.documents[row["f"].value.rsplit(".", 1)[0]] = row["d"].value
            self.graph_of[row["d"].value] = row["g"].value
        document_graphs = set(self.graph_of.values())
        self.mentioned: dict[str, set[str]] = defaultdict(set)
        for row in q(f"SELECT ?e ?d WHERE {{ ?e <{KG.mentionedIn}> ?d }}"):
            self.mentioned[row["d"].value].add(row["e"].value)
        # each edge with the document graphs that state it ("" for the other graphs), so that
        # a subset of the documents is scored as a build of those documents alone would be
        self.edges: dict[str, dict[tuple[str, str], set[str]]] = defaultdict(lambda: defaultdict(set))
        for name, prop in EDGE_PROPERTIES.items():
            for row in q(f"SELECT ?s ?o ?g WHERE {{ GRAPH ?g {{ ?s <{prop}> ?o }} }}"):
                s, o, graph = row["s"].value, row["o"].value, row["g"].value
                self.edges[name][(o, s) if name == "participant" else (s, o)].add(
                    graph if graph in document_graphs else "")
        self.memberships: dict[tuple[str, str], set[str]] = defaultdict(set)
        for row in q(f"""SELECT ?p ?o ?l ?g WHERE {{ GRAPH ?g {{ ?m a <{ORG.Membership}> ; <{ORG.member}> ?p ;
                         <{ORG.organization}> ?o }} OPTIONAL {{ ?m <{ORG.role}>/<{SKOS.prefLabel}> ?l }} }}"""):
            key = (row["p"].value, row["o"].value)
            self.edges["membership"][key].add(row["g"].value if row["g"].value in document_graphs else "")
            if row["l"] is not None:
                self.memberships[key].add(fold(row["l"].value))

    def edges_in(self, graphs: set[str]) -> dict[str, set[tuple[str, str]]]:
        """The edges of each relation stated in ``graphs`` or outside every document's graph."""
        graphs = graphs | {""}
        return {p: {e for e, where in edges.items() if where & graphs} for p, edges in self.edges.items()}


def _fit(node: str, g: _Graph, gold: dict) -> int:
    """How well a node fits a gold entity: 3 number and name, 2 number or full name, 1 alias."""
    if g.type.get(node) != gold["type"]:
        return 0
    labels, numbers = g.labels.get(node, set()), g.numbers.get(node, set())
    name = fold(gold["name"])
    aliases = {fold(a) for a in gold.get("aliases", [])}
    if gold.get("number") and numbers:
        if fold_number(gold["number"]) not in numbers:
            return 0
        return 3 if labels & (aliases | {name}) else 2
    if name in labels:
        return 2
    return 1 if labels & aliases else 0


def _match(nodes: list[str], golds: list[dict], g: _Graph) -> dict[int, str]:
    """A one-to-one matching of gold entities to nodes, the best fits first (augmenting paths)."""
    fit = {(i, j): _fit(n, g, gd) for i, n in enumerate(nodes) for j, gd in enumerate(golds)}
    owner: dict[int, int] = {}  # gold index -> node index

    def augment(i: int, tier: int, seen: set[int]) -> bool:
        for j in range(len(golds)):
            if fit[(i, j)] == tier and j not in seen and (j not in owner or owner[j] in free):
                seen.add(j)
                if j not in owner or augment(owner[j], tier, seen):
                    owner[j] = i
                    return True
        return False

    for tier in (3, 2, 1):
        free = set(range(len(nodes))) - set(owner.values())
        for i in sorted(free):
            augment(i, tier, set())
    return {j: nodes[i] for j, i in owner.items()}


def gold_files(gold_dir: Path) -> list[Path]:
    """The gold files of a folder (E207 when it holds none)."""
    files = sorted(Path(gold_dir).glob("*.json"))
    if not files:
        raise KGError(Errors.E207.format(path=gold_dir))
    return files


def group_of(path: Path) -> str:
    """The group a document belongs to by its file name's letters before its number
    (``A06_…`` → ``A``); none for a name that starts with its number."""
    m = re.match(r"[A-Za-z]+(?=\d)", Path(path).name)
    return m.group().upper() if m else ""


def evaluate(build: Path, gold_dir: Path) -> Report:
    """The scores of the build in ``build`` against the gold files of ``gold_dir``."""
    return score(_Graph(open_build(build)), gold_files(gold_dir))


@dataclass
class Evaluation:
    """Scores over several gold folders: all of them, each folder, each file-name group."""

    overall: Report
    folders: dict[str, Report]
    groups: dict[str, Report]

    def as_dict(self) -> dict:
        return {**self.overall.as_dict(),
                "folders": {k: r.as_dict() for k, r in self.folders.items()},
                "groups": {k: r.as_dict() for k, r in self.groups.items()}}


def evaluate_sets(build: Path, gold_dirs: list[Path]) -> Evaluation:
    """Scores of ``build`` against each of ``gold_dirs``, each file-name group (A, B, …)
    across them, and all of them: each as the scorer would give with those gold files only."""
    g = _Graph(open_build(build))
    folders = {str(d): gold_files(d) for d in gold_dirs}
    every = [f for files in folders.values() for f in files]
    groups: dict[str, list[Path]] = defaultdict(list)
    for f in every:
        if group_of(f):
            groups[group_of(f)].append(f)
    return Evaluation(score(g, every), {k: score(g, v) for k, v in folders.items()},
                      {k: score(g, v) for k, v in sorted(groups.items())})


def score(g: _Graph, files: list[Path]) -> Report:
    """Entities per document, relations over the documents of ``files``, as the project's
    scorer counts them."""
    report = Report()
    aligned: dict[tuple[str, str], set[str]] = defaultdict(set)  # (doc, gold id) -> nodes
    aligned_nodes: set[str] = set()
    scored_docs: set[str | None] = set()
    gold_relations = []
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        report.documents += 1
        doc = gold["doc"]
        stem = Path(doc).stem
        doc_iri = g.documents.get(stem)
        scored_docs.add(doc_iri)
        if doc_iri is None:
            report.missing_documents.append(doc)
        nodes = sorted(n for n in g.mentioned.get(doc_iri, ()) if n in g.type)
        golds = gold["entities"]
        pairs = _match(nodes, golds, g)
        matched = set(pairs.values())
        for j, node in pairs.items():
            aligned[(doc, golds[j]["id"])].add(node)
            aligned_nodes.add(node)
            if golds[j]["type"] in report.entities and not golds[j].get("optional"):
                report.entities[golds[j]["type"]].tp += 1
                if golds[j].get("date"):
                    tally = report.dates[golds[j]["type"]]
                    tally[0] += golds[j]["date"] in g.dates.get(node, ())
                    tally[1] += bool(g.dates.get(node))
                    tally[2] += 1
                    if golds[j]["date"] not in g.dates.get(node, ()):
                        report.details.append(f"{doc}\tDATE\t{golds[j]['type']}\t{golds[j]['name']}: "
                                              f"{golds[j]['date']}, found {sorted(g.dates.get(node, ())) or '-'}")
        for node in nodes:
            if node not in matched and g.type[node] in report.entities:
                report.entities[g.type[node]].fp += 1
                report.details.append(f"{doc}\tFP\t{g.type[node]}\t{' | '.join(sorted(g.labels[node]))}")
        for j, gd in enumerate(golds):
            if gd["type"] in report.entities and not gd.get("optional") and j not in pairs:
                report.entities[gd["type"]].fn += 1
                report.details.append(f"{doc}\tFN\t{gd['type']}\t{gd['name']}")
        gold_relations += [(doc, r) for r in gold.get("relations", [])]

    edges = g.edges_in({g.graph_of[d] for d in scored_docs if d in g.graph_of})
    found: dict[str, set] = defaultdict(set)
    for doc, rel in gold_relations:
        p = "membership" if rel["p"] in ("holdsPost", "memberOf") else rel["p"]
        pairs = {(s, o) for s in aligned.get((doc, rel["s"]), ()) for o in aligned.get((doc, rel["o"]), ())}
        hits = pairs & edges.get(p, set())
        found[p] |= hits
        if rel.get("optional"):
            continue
        if not hits:
            report.relations[p].fn += 1
            report.details.append(f"{doc}\tFN\t{rel['p']}\t{rel['s']} -> {rel['o']}")
            continue
        report.relations[p].tp += 1
        if p == "membership" and rel.get("role"):
            report.roles_total += 1
            want = fold(rel["role"])
            if any(want in r for h in hits for r in (g.memberships[h] or {""})):
                report.roles_right += 1
    for p, stated in edges.items():
        for s, o in sorted(stated - found[p]):
            if s in aligned_nodes or o in aligned_nodes:
                report.relations[p].fp += 1
                report.details.append(f"*\tFP\t{p}\t{s} -> {o}")
    return report
