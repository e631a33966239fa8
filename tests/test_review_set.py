"""A regression floor on the review set: six documents of other provinces and years
written for the project (tests/data/review: portal pages with boilerplate, a hard-wrapped
district report with footnotes and a signature block, a text after the 2025
reorganisation, a truncated article), annotated by the project's guidelines. The floor
sits below the figures measured when the set was made (docs/extraction.md), so that a
change that breaks extraction on unseen kinds of text fails here."""
from pathlib import Path

import pytest

import kg
from kg.evaluate import evaluate

REVIEW = Path(__file__).parent / "data" / "review"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("review") / "out"
    assert kg.build([REVIEW / "docs"], out).ok
    return evaluate(out, REVIEW / "gold").as_dict()


def test_entities_stay_above_the_floor(report):
    assert report["entities_micro"]["f1"] >= 0.85
    for type_, counts in report["entities"].items():
        assert counts["f1"] >= 0.7, type_


def test_relations_stay_above_the_floor(report):
    assert report["relations_micro"]["f1"] >= 0.75
    assert report["role_accuracy"] >= 0.9
