"""The learned part of extraction: a span model trained on gold annotations, used where
the rules run out (see ``_train`` for how it is trained and scored).

    from kg.learn import SpanModel, collect_examples, train, cross_validate
"""
from __future__ import annotations

from ..config import DEFAULT_MODEL
from ._gold import Example, gold_spans
from ._model import POLICIES, ModelInfo, SpanModel
from ._train import agreed_uses, candidate_variants, collect_examples, cross_validate, folds_of, helpful_uses, train

__all__ = ["DEFAULT_MODEL", "agreed_uses", "candidate_variants", "Example", "ModelInfo", "POLICIES", "SpanModel", "collect_examples", "cross_validate",
           "folds_of", "gold_spans", "helpful_uses", "train"]
