"""The span model: a linear-chain CRF (CRFsuite) over the syllables of each sentence,
trained on gold names, that proposes mentions the rules did not find.

A model is two files side by side: ``NAME.crfsuite`` (CRFsuite's own format) and
``NAME.json`` (which entity types its spans are used for, what it was trained on, and
its cross-validated figures).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pycrfsuite

from ..errors import Errors, KGError
from ..model import Doc
from ._features import sentence_features, syllables

#: CRFsuite's training parameters: L-BFGS with elastic-net regularisation; no randomness,
#: so the same examples give the same model file.
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
FORMAT = 1


#: How the model's spans are combined with the rules' mentions, per entity type:
#: add: a span that overlaps no rule mention becomes a mention;
#: veto: a rule mention none of whose syllables the model gives its type is dropped;
#: bounds: a rule mention that one span of its type overlaps takes the span's bounds.
POLICIES = ("add", "veto", "bounds")


@dataclass
class ModelInfo:
    """What ``NAME.json`` says of a model."""

    uses: dict[str, list[str]]  # entity type -> the POLICIES it is used with
    documents: list[str] = field(default_factory=list)  # what it was trained on
    params: dict = field(default_factory=lambda: dict(PARAMS))
    seed: int = 0
    cross_validation: dict = field(default_factory=dict)
    format: int = FORMAT

    def write(self, path: Path) -> None:
        data = {"format": self.format, "uses": self.uses, "seed": self.seed, "params": self.params,
                "documents": self.documents, "cross_validation": self.cross_validation}
        path.with_suffix(".json").write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                             encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> "ModelInfo":
        try:
            data = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError(f"format {data.get('format')!r}, this kg reads format {FORMAT}")
            uses = {str(t): [str(p) for p in ps] for t, ps in dict(data["uses"]).items()}
            if unknown := {p for ps in uses.values() for p in ps} - set(POLICIES):
                raise ValueError(f"unknown policies {sorted(unknown)} (known: {', '.join(POLICIES)})")
            return cls(uses=uses, documents=list(data.get("documents", [])),
                       params=dict(data.get("params", {})), seed=int(data.get("seed", 0)),
                       cross_validation=dict(data.get("cross_validation", {})))
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise KGError(Errors.E704.format(path=path.with_suffix(".json"), reason=err)) from None


def decode(tokens: list[tuple[int, int]], labels: list[str]) -> list[tuple[str, int, int]]:
    """(type, begin, end) of each run of labels of one type that a B- opens (an I- after
    O or after another type opens one too)."""
    spans: list[list] = []
    previous = "O"
    for (b, e), label in zip(tokens, labels):
        if label != "O":
            kind, type_ = label.split("-", 1)
            if kind == "I" and previous != "O" and previous[2:] == type_:
                spans[-1][2] = e
            else:
                spans.append([type_, b, e])
        previous = label
    return [tuple(s) for s in spans]


def train_crf(sequences, path: Path, params: dict | None = None) -> None:
    """Train on (features, labels) sequences and write the CRFsuite file at ``path``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in sequences:
        trainer.append(xseq, yseq)
    trainer.set_params(params or PARAMS)
    trainer.train(str(path))


class SpanModel:
    """A trained model, ready to tag documents."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.info = ModelInfo.read(self.path)
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(self.path))
        except (OSError, ValueError) as err:
            raise KGError(Errors.E704.format(path=self.path, reason=err)) from None

    def tag(self, doc: Doc) -> list[tuple[list[tuple[int, int]], list[str], list[dict[str, float]]]]:
        """(tokens, labels, the probability of each entity type at each token) of each sentence."""
        out = []
        labels = self._tagger.labels()
        for tokens in syllables(doc):
            if not tokens:
                out.append(([], [], []))
                continue
            tags = self._tagger.tag(sentence_features(doc, tokens))
            probs = []
            for i in range(len(tokens)):
                p: dict[str, float] = {}
                for label in labels:
                    if label != "O":
                        p[label[2:]] = p.get(label[2:], 0.0) + self._tagger.marginal(label, i)
                probs.append(p)
            out.append((tokens, tags, probs))
        return out

    def spans(self, doc: Doc, tagged=None) -> list[tuple[str, int, int]]:
        """(type, begin, end) into ``Doc.norm.text`` of every span the model finds."""
        return [s for tokens, labels, _ in (tagged or self.tag(doc)) for s in decode(tokens, labels)]
