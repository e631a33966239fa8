"""kg evaluate on a document and a gold file written for the test, and against the
project's reference scorer where it is beside the repository."""
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.evaluate import evaluate, fold

from conftest import SHARED

TEXT = ("Chủ nhật, 07/04/2024\n\nSáng 6/4, Ban Thường vụ Tỉnh ủy Bắc Giang tổ chức hội nghị lần thứ 12. "
        "Đồng chí Trần Văn Bình, Bí thư Tỉnh ủy Bắc Giang phát biểu. "
        "Thực hiện Nghị quyết số 21-NQ/TU ngày 3/2/2023 của Tỉnh ủy Bắc Giang.\n")
GOLD = {
    "doc": "doc_a.txt",
    "entities": [
        {"id": "o1", "type": "Organisation", "name": "Tỉnh ủy Bắc Giang", "aliases": ["Tỉnh ủy"]},
        {"id": "o2", "type": "Organisation", "name": "Ban Thường vụ Tỉnh ủy Bắc Giang"},
        {"id": "p1", "type": "Person", "name": "Trần Văn Bình"},
        {"id": "r1", "type": "Resolution", "name": "Nghị quyết số 21-NQ/TU", "number": "21-NQ/TU",
         "date": "2023-02-04"},
        {"id": "v1", "type": "Event", "name": "Hội nghị lần thứ 12", "date": "2024-04-06"},
        {"id": "w1", "type": "Ward", "name": "phường Không Có"},
    ],
    "relations": [
        {"s": "p1", "p": "holdsPost", "o": "o1", "role": "Bí thư"},
        {"s": "r1", "p": "issuedBy", "o": "o1"},
        {"s": "o2", "p": "subOrganizationOf", "o": "o1"},
        {"s": "v1", "p": "organisedBy", "o": "o2"},
    ],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("eval")
    (root / "docs").mkdir()
    (root / "docs" / "doc_a.txt").write_text(TEXT, encoding="utf-8")
    (root / "gold").mkdir()
    (root / "gold" / "doc_a.txt.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    assert kg.build([root / "docs"], root / "out").ok
    return root


def test_fold_ignores_case_tone_placement_and_punctuation():
    assert fold("Uỷ ban nhân dân, TP. Lạng Sơn") == fold("ủy ban nhân dân tp lạng sơn")
    assert fold("2020 – 2025") == fold("2020 - 2025") == "2020 2025"
    assert fold("81-NQ/TU") == "81-nq/tu"


def test_counts_hits_misses_and_false_hits(built):
    report = evaluate(built / "out", built / "gold").as_dict()
    ents = report["entities"]
    assert ents["Person"]["tp"] == 1 and ents["Resolution"]["tp"] == 1
    assert ents["Organisation"]["tp"] == 2
    assert ents["Ward"]["fn"] == 1  # the gold names a ward the text does not
    rel = report["relations"]
    assert rel["membership"]["tp"] == 1 and rel["issuedBy"]["tp"] == 1
    assert report["role_accuracy"] == 1.0
    assert report["documents_not_in_graph"] == []


def test_dates_of_found_entities_are_checked_against_the_gold(built):
    dates = evaluate(built / "out", built / "gold").as_dict()["dates"]
    assert dates["Event"] == {"right": 1, "dated": 1, "gold_dated": 1, "accuracy": 1.0}
    # the text says 3/2/2023; this gold says 4/2: a wrong date, counted and listed
    assert dates["Resolution"] == {"right": 0, "dated": 1, "gold_dated": 1, "accuracy": 0.0}
    details = evaluate(built / "out", built / "gold").details
    assert any("\tDATE\tResolution\t" in line and "2023-02-03" in line for line in details)


def test_cli_table_json_and_details(built):
    runner = CliRunner()
    res = runner.invoke(main, ["evaluate", "--gold", str(built / "gold"), "--build", str(built / "out"),
                               "--format", "json", "--details"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["entities_micro"]["tp"] >= 5
    assert "FN\tWard\tphường Không Có" in res.stderr
    res = runner.invoke(main, ["evaluate", "--gold", str(built / "gold"), "--build", str(built / "out")])
    assert res.exit_code == 0 and "role accuracy" in res.stdout


def test_an_empty_gold_directory_is_a_usage_error(built, tmp_path):
    res = CliRunner().invoke(main, ["evaluate", "--gold", str(tmp_path), "--build", str(built / "out")])
    assert res.exit_code == 2 and "E207" in res.stderr


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="the shared scorer is not beside the repo")
def test_same_figures_as_the_reference_scorer(corpus_build):
    out, _ = corpus_build
    ours = evaluate(out, SHARED / "eval" / "gold").as_dict()
    proc = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(out / "graph.trig"),
                           "--gold", str(SHARED / "eval" / "gold"), "--json"],
                          capture_output=True, text=True, check=True)
    theirs = json.loads(proc.stdout)
    for key in ("entities_micro", "relations_micro", "role_accuracy"):
        assert ours[key] == theirs[key], key


OTHER = ("Ngày 2/5/2024, UBND tỉnh Hà Giang ban hành Kế hoạch số 88/KH-UBND. "
         "Đồng chí Nguyễn Văn Sơn, Chủ tịch UBND tỉnh Hà Giang chủ trì hội nghị.\n")
OTHER_GOLD = {
    "doc": "B07_other.txt",
    "entities": [
        {"id": "o1", "type": "Organisation", "name": "Ủy ban nhân dân tỉnh Hà Giang", "aliases": ["UBND tỉnh Hà Giang"]},
        {"id": "p1", "type": "Person", "name": "Nguyễn Văn Sơn"},
        {"id": "r1", "type": "Resolution", "name": "Kế hoạch số 88/KH-UBND", "number": "88/KH-UBND"},
    ],
    "relations": [
        {"s": "p1", "p": "holdsPost", "o": "o1", "role": "Chủ tịch"},
        {"s": "r1", "p": "issuedBy", "o": "o1"},
        {"s": "p1", "p": "memberOf", "o": "o1"},
    ],
}


def test_several_gold_folders_each_scored_as_if_built_alone(tmp_path):
    """A build of two folders' documents, scored per folder, per file-name group and in
    all: each folder's figures are those of a build of that folder alone."""
    for name, text, gold in (("one", TEXT, GOLD), ("two", OTHER, OTHER_GOLD)):
        (tmp_path / name / "docs").mkdir(parents=True)
        (tmp_path / name / "docs" / gold["doc"]).write_text(text, encoding="utf-8")
        (tmp_path / name / "gold").mkdir()
        (tmp_path / name / "gold" / f"{gold['doc']}.json").write_text(json.dumps(gold, ensure_ascii=False),
                                                                        encoding="utf-8")
        assert kg.build([tmp_path / name / "docs"], tmp_path / name / "out").ok
    assert kg.build([tmp_path / "one" / "docs", tmp_path / "two" / "docs"], tmp_path / "both").ok
    folders = [str(tmp_path / "one" / "gold"), str(tmp_path / "two" / "gold")]
    res = CliRunner().invoke(main, ["evaluate", "--build", str(tmp_path / "both"), "--format", "json",
                                    *(a for f in folders for a in ("--gold", f))])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    for name, folder in zip(("one", "two"), folders):
        alone = evaluate(tmp_path / name / "out", tmp_path / name / "gold").as_dict()
        for key in ("entities_micro", "relations_micro", "role_accuracy", "documents"):
            assert data["folders"][folder][key] == alone[key], (name, key)
    assert list(data["groups"]) == ["B"]  # doc_a.txt has no group letter
    assert data["groups"]["B"]["entities_micro"] == data["folders"][folders[1]]["entities_micro"]
    assert data["documents"] == 2
    assert data["entities_micro"]["tp"] == sum(data["folders"][f]["entities_micro"]["tp"] for f in folders)
    table = CliRunner().invoke(main, ["evaluate", "--build", str(tmp_path / "both"),
                                      *(a for f in folders for a in ("--gold", f))])
    assert table.exit_code == 0 and "group B" in table.stdout and "all" in table.stdout
