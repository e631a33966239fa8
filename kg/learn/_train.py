"""Training and cross-validation of the span model.

Cross-validation is by document: the documents are dealt into k folds (sorted by name,
shuffled with the seed); for each fold a model is trained on the other folds only, and
the fold's documents are built twice, by the rules alone and by the rules with that
model, and scored against their gold as ``kg evaluate`` scores. A document is never
scored by a model that saw it. The figures are pooled over the folds.

How the shipped model is used (per type, which of the POLICIES) is chosen by repeated
cross-validations (other folds each time) that try each policy for each candidate type
alone: those that raise their type's entity F1 without lowering the relation F1 in every
repeat (``agreed_uses``). The figures of that choice are then measured by a further
cross-validation with other folds (the choice saw the same documents: say so when
quoting them).
"""
from __future__ import annotations

import random
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Callable

from .. import ingest
from ..errors import Errors, KGError
from ..model import ENTITY_TYPES
from ..pipeline import Pipeline
from ._features import sentence_features, syllables
from ._gold import Example, bio, find_text, gold_spans, read_gold
from ._model import PARAMS, POLICIES, ModelInfo, train_crf

Say = Callable[[str], None]


def collect_examples(gold_dirs: list[Path], text_dirs: list[Path], say: Say = lambda _: None) -> list[Example]:
    """Every gold file of ``gold_dirs`` whose document is in one of ``text_dirs``, run
    through the rules (up to the stage the model runs in) and labelled from the gold."""
    pipeline = Pipeline(upto="mentions")
    out = []
    files = sorted((f for d in gold_dirs for f in d.glob("*.json")), key=lambda f: f.name)
    for f in files:
        gold = read_gold(f)
        path = find_text(gold["doc"], text_dirs)
        if path is None:
            say(Errors.E702.format(path=f, doc=gold["doc"], dirs=", ".join(map(str, text_dirs))))
            continue
        doc = pipeline(ingest.read(path)[0])
        tokens = syllables(doc)
        spans = gold_spans(doc.norm.text, gold["entities"])
        labels = []
        for (b, e), toks in zip(doc.norm_sentences, tokens):
            labels.append(bio(toks, [s for s in spans if b <= s[0] and s[1] <= e]))
        out.append(Example(doc, f, tokens, labels))
    if not out:
        raise KGError(Errors.E703.format(gold=", ".join(map(str, gold_dirs)), texts=", ".join(map(str, text_dirs))))
    return out


def train(examples: list[Example], path: Path, uses: dict[str, list[str]], seed: int = 0,
          cross_validation: dict | None = None) -> ModelInfo:
    """Train a model on ``examples`` and write it at ``path`` (and its ``.json``)."""
    sequences = [(sentence_features(ex.doc, toks), labels)
                 for ex in examples for toks, labels in zip(ex.tokens, ex.labels) if toks]
    path.parent.mkdir(parents=True, exist_ok=True)
    train_crf(sequences, path, PARAMS)
    info = ModelInfo(uses={t: sorted(p) for t, p in sorted(uses.items())}, documents=sorted(ex.doc.name for ex in examples), seed=seed,
                     cross_validation=cross_validation or {})
    info.write(path)
    return info


def folds_of(examples: list[Example], k: int, seed: int) -> list[list[Example]]:
    """The examples dealt into ``k`` folds: sorted by name, shuffled with ``seed``."""
    if k < 2 or k > len(examples):
        raise KGError(Errors.E705.format(docs=len(examples), folds=k))
    order = sorted(examples, key=lambda ex: ex.doc.name)
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def _add(total: dict, report) -> None:
    for name, counts in list(report.entities.items()) + [("relations:" + p, c) for p, c in report.relations.items()]:
        t = total[name]
        t[0] += counts.tp
        t[1] += counts.fp
        t[2] += counts.fn


def _f1(tp: int, fp: int, fn: int) -> float:
    return round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0


def _summary(total: dict) -> dict:
    ents = [v for k, v in total.items() if not k.startswith("relations:")]
    rels = [v for k, v in total.items() if k.startswith("relations:")]
    micro = lambda rows: [sum(r[i] for r in rows) for i in range(3)]  # noqa: E731
    return {"entities": _f1(*micro(ents)), "relations": _f1(*micro(rels)),
            "types": {t: _f1(*total[t]) for t in ENTITY_TYPES},
            "counts": {k: list(v) for k, v in sorted(total.items())}}


def cross_validate(examples: list[Example], k: int = 5, seed: int = 0,
                   variants: dict[str, dict[str, list[str]]] | None = None, say: Say = lambda _: None) -> dict:
    """The rules alone and the rules with a model used as each of ``variants`` says
    (name -> type -> policies), each fold's documents built and scored with a model
    trained without them: the pooled figures of each."""
    from ..builder import build
    from ..config import Settings
    from ..evaluate import _Graph, score
    from ..store import open_build

    variants = {"rules": {}, **(variants or {})}
    folds = folds_of(examples, k, seed)
    totals = {v: defaultdict(lambda: [0, 0, 0]) for v in variants}
    work = Path(tempfile.mkdtemp(prefix="kg-cv-"))
    try:
        for i, test in enumerate(folds):
            seen = {ex.doc.name for ex in test}
            training = [ex for ex in examples if ex.doc.name not in seen]
            model = work / f"fold{i}.crfsuite"
            info = train(training, model, {}, seed)
            for name, uses in variants.items():
                info.uses = uses
                info.write(model)
                out = work / f"fold{i}-{name}"
                build([ex.doc.path for ex in test], out, Settings(model=model if uses else None))
                _add(totals[name], score(_Graph(open_build(out)), [ex.gold for ex in test]))
            say(f"fold {i + 1}/{k}: {len(test)} documents scored, by a model trained on the other {len(training)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"folds": k, "seed": seed, "documents": len(examples),
            "variants": {name: {"uses": uses, **_summary(totals[name])} for name, uses in variants.items()}}


#: The types a policy is tried for: those whose names are descriptive, where the rules'
#: bounds and recall fall short (docs/extraction.md).
CANDIDATE_TYPES = ("Organisation", "Project", "Event")


def candidate_variants() -> dict[str, dict[str, list[str]]]:
    """One variant per policy and candidate type: "add:Event" uses the model to add events."""
    return {f"{p}:{t}": {t: [p]} for p in POLICIES for t in CANDIDATE_TYPES}


def helpful_uses(cv: dict) -> dict[str, list[str]]:
    """The policies of the variants of ``candidate_variants`` that raise their type's
    entity F1 without lowering the relation F1."""
    v = cv["variants"]
    rules = v["rules"]
    uses: dict[str, list[str]] = {}
    for name, result in v.items():
        if name == "rules":
            continue
        ((t, (policy,)),) = result["uses"].items()
        if result["types"][t] > rules["types"][t] and result["relations"] >= rules["relations"]:
            uses.setdefault(t, []).append(policy)
    return {t: sorted(p) for t, p in sorted(uses.items())}


def agreed_uses(choices: list[dict[str, list[str]]]) -> dict[str, list[str]]:
    """The policies every one of ``choices`` keeps, per type."""
    if not choices:
        return {}
    kept = {t: set(p) for t, p in choices[0].items()}
    for choice in choices[1:]:
        kept = {t: ps & set(choice.get(t, ())) for t, ps in kept.items()}
    return {t: sorted(ps) for t, ps in sorted(kept.items()) if ps}
