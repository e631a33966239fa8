"""The learned span model: labels from gold, training, the ways it is used, and
cross-validation by document (on ../shared's real documents when they are there)."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg import ingest
from kg.cli import main
from kg.pipeline import Pipeline
from kg.learn import SpanModel, collect_examples, cross_validate, folds_of, gold_spans, train
from kg.learn._gold import bio
from kg.learn._model import decode

from conftest import SHARED

# Written for the tests: three short pages and their gold, each naming a fair ("Hội chợ …").
PAGES = {
    "a.txt": "Sáng 3/3/2024, UBND huyện Văn Quan khai mạc Hội chợ nông sản Văn Quan lần thứ nhất. "
             "Hội chợ nông sản Văn Quan thu hút nhiều du khách.\n",
    "b.txt": "Chiều 5/4/2024, UBND huyện Bình Gia tổ chức Hội chợ nông sản Bình Gia lần thứ hai. "
             "Hội chợ nông sản Bình Gia có 80 gian hàng.\n",
    "c.txt": "Ngày 9/5/2024, UBND huyện Tràng Định khai mạc Hội chợ nông sản Tràng Định lần thứ ba. "
             "Hội chợ nông sản Tràng Định kéo dài 3 ngày.\n",
}
FAIR = {"a.txt": "Văn Quan", "b.txt": "Bình Gia", "c.txt": "Tràng Định"}


def _gold(name: str) -> dict:
    place = FAIR[name]
    return {"doc": name, "entities": [
        {"id": "v1", "type": "Event", "name": f"Hội chợ nông sản {place}",
         "aliases": [f"Hội chợ nông sản {place} lần thứ {w}" for w in ("nhất", "hai", "ba")]},
        {"id": "o1", "type": "Organisation", "name": f"Ủy ban nhân dân huyện {place}",
         "aliases": [f"UBND huyện {place}"]},
    ], "relations": [{"s": "v1", "p": "organisedBy", "o": "o1"}]}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("learn")
    (root / "texts").mkdir()
    (root / "gold").mkdir()
    for name, text in PAGES.items():
        (root / "texts" / name).write_text(text, encoding="utf-8")
        (root / "gold" / f"{name}.json").write_text(json.dumps(_gold(name), ensure_ascii=False), encoding="utf-8")
    return root


def test_gold_names_are_found_in_the_text_longest_first_whole_words():
    text = "UBND huyện Văn Quan khai mạc Hội chợ nông sản Văn Quan lần thứ nhất; Hội chợ kết thúc."
    spans = gold_spans(text, _gold("a.txt")["entities"] + [{"type": "Event", "name": "Hội chợ"},
                                                             {"type": "Place", "name": "Văn Quan"}])
    assert [text[b:e] for b, e, _ in spans] == [
        "UBND huyện Văn Quan", "Hội chợ nông sản Văn Quan lần thứ nhất", "Hội chợ"]  # places are not scored types


def test_bio_labels_and_decoding_are_inverse():
    tokens = [(0, 3), (4, 7), (8, 11), (12, 15), (16, 19)]
    labels = bio(tokens, [(4, 11, "Event"), (16, 19, "Ward")])
    assert labels == ["O", "B-Event", "I-Event", "O", "B-Ward"]
    assert decode(tokens, labels) == [("Event", 4, 11), ("Ward", 16, 19)]
    assert decode(tokens, ["I-Event", "I-Event", "B-Event", "I-Ward", "O"]) == [
        ("Event", 0, 7), ("Event", 8, 11), ("Ward", 12, 15)]


def test_training_is_deterministic_and_the_model_tags_a_new_text(data, tmp_path):
    examples = collect_examples([data / "gold"], [data / "texts"])
    assert len(examples) == 3
    one, two = tmp_path / "one.crfsuite", tmp_path / "two.crfsuite"
    train(examples, one, {"Event": ["add"]})
    train(examples, two, {"Event": ["add"]})
    assert one.read_bytes() == two.read_bytes()
    info = json.loads(one.with_suffix(".json").read_text(encoding="utf-8"))
    assert info["uses"] == {"Event": ["add"]} and info["documents"] == ["a.txt", "b.txt", "c.txt"]
    model = SpanModel(one)
    [doc] = ingest.read(data / "texts" / "a.txt")
    doc = Pipeline(upto="mentions")(doc)
    assert ("Event" in {t for t, _, _ in model.spans(doc)})


def test_the_model_adds_what_the_rules_missed_and_rules_only_builds_ignore_it(data, tmp_path):
    examples = collect_examples([data / "gold"], [data / "texts"])
    model = tmp_path / "m.crfsuite"
    train(examples, model, {"Event": ["add"]})
    page = tmp_path / "new"
    page.mkdir()
    (page / "d.txt").write_text("Sáng 1/6/2024, UBND huyện Lộc Bình khai mạc Hội chợ nông sản Lộc Bình lần thứ tư.\n",
                                encoding="utf-8")
    with_model = kg.build([page], tmp_path / "out-model", model=model)
    rules_only = kg.build([page], tmp_path / "out-rules", model=None)
    assert with_model.ok and rules_only.ok
    assert with_model.entities["Event"] >= rules_only.entities["Event"] >= 1
    assert json.loads((tmp_path / "out-model" / "build.json").read_text())["model"]["file"] == "m.crfsuite"
    assert json.loads((tmp_path / "out-rules" / "build.json").read_text())["model"] is None


def test_folds_hold_each_document_once():
    class Ex:
        def __init__(self, name):
            self.doc = type("D", (), {"name": name})()

    examples = [Ex(f"{i:02d}.txt") for i in range(11)]
    folds = folds_of(examples, 4, seed=7)
    names = [ex.doc.name for fold in folds for ex in fold]
    assert sorted(names) == sorted(ex.doc.name for ex in examples) and len(folds) == 4
    assert [[e.doc.name for e in f] for f in folds] == [[e.doc.name for e in f] for f in folds_of(examples, 4, 7)]


def test_kg_train_writes_a_model_and_bad_input_is_named(data, tmp_path):
    out = tmp_path / "cli.crfsuite"
    res = CliRunner().invoke(main, ["train", "--gold", str(data / "gold"), "--texts", str(data / "texts"),
                                    "--folds", "0", "--use", "Event:add", "-o", str(out), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["uses"] == {"Event": ["add"]} and out.exists()
    bad = tmp_path / "badgold"
    bad.mkdir()
    (bad / "x.txt.json").write_text("{not json", encoding="utf-8")
    res = CliRunner().invoke(main, ["train", "--gold", str(bad), "--texts", str(data / "texts"), "--folds", "0"])
    assert res.exit_code == 2 and "E701" in res.output and "x.txt.json" in res.output
    res = CliRunner().invoke(main, ["train", "--gold", str(data / "gold"), "--texts", str(data / "texts"),
                                    "--folds", "9", "-o", str(out)])
    assert res.exit_code == 2 and "E705" in res.output
    res = CliRunner().invoke(main, ["build", str(data / "texts"), "-o", str(tmp_path / "b"), "-q",
                                    "--model", str(data / "gold" / "a.txt.json")])
    assert res.exit_code == 2 and "E704" in res.output


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "eval" / "provinces" / "gold").is_dir(),
                    reason="../shared is not beside the repository")
def test_cross_validation_scores_each_document_by_a_model_that_never_saw_it():
    gold = SHARED / "eval" / "provinces" / "gold"
    texts = SHARED / "eval" / "provinces" / "corpus"
    picked = sorted(gold.glob("A*.json"))[:6]
    sub = Path(picked[0]).parent
    examples = [ex for ex in collect_examples([sub], [texts]) if ex.gold in picked]
    cv = cross_validate(examples, k=3, seed=0, variants={"veto:Event": {"Event": ["veto"]}})
    assert cv["documents"] == 6 and set(cv["variants"]) == {"rules", "veto:Event"}
    rules = cv["variants"]["rules"]
    assert 0 < rules["entities"] <= 1 and rules["counts"]["Person"][0] > 0


def _doc(text):
    return Pipeline(upto="mentions")(ingest.Doc(path=Path("t.txt"), text=text, sha256="0" * 64))


def test_the_three_ways_of_combining_spans_with_the_rules():
    from kg.extract.learned import _add, _bounds, _veto

    text = "Sáng 3/3/2024, UBND huyện Văn Quan tổ chức buổi giao lưu văn nghệ mừng xuân tại nhà văn hóa."
    doc = _doc(text)
    rules = {(m.type, doc.norm.text[m.norm[0]:m.norm[1]]) for m in doc.mentions}
    at = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731  (norm = text here)
    # add: a span that overlaps no rule mention becomes one; one that overlaps is ignored
    _add(doc, [("Event", *at("buổi giao lưu văn nghệ mừng xuân")), ("Event", *at("UBND huyện"))], {"Event"})
    added = {(m.type, m.text, m.source) for m in doc.mentions} - {(t, s, None) for t, s in rules}
    assert ("Event", "buổi giao lưu văn nghệ mừng xuân", "learned") in added
    assert not any(m.source == "learned" and m.text == "UBND huyện" for m in doc.mentions)
    # bounds: the rule mention that one span of its type overlaps takes its bounds
    org = next(m for m in doc.mentions if m.type == "Organisation" and m.text == "UBND huyện Văn Quan")
    _bounds(doc, [("Organisation", *at("UBND huyện"))], {"Organisation"})
    moved = [m for m in doc.mentions if m.type == "Organisation" and m.source == "learned"]
    assert [(m.text, m.key) for m in moved] == [("UBND huyện", org.key)] and org not in doc.mentions
    # veto: a rule mention where the model sees nothing of its type goes
    tokens = [(m.start(), m.end()) for m in __import__("re").finditer(r"\w+|[^\w\s]", text)]
    tagged = [(tokens, ["O"] * len(tokens), [{"Event": 0.05} for _ in tokens])]
    _veto(doc, tagged, {"Event"})
    assert not any(m.type == "Event" for m in doc.mentions)
    assert any(m.type == "Organisation" for m in doc.mentions)  # other types untouched


def test_a_way_of_using_the_model_is_kept_only_if_every_repeat_keeps_it():
    from kg.learn import agreed_uses

    assert agreed_uses([{"Event": ["veto"], "Project": ["add"]}, {"Event": ["veto", "add"]}]) == {"Event": ["veto"]}
    assert agreed_uses([{"Event": ["veto"]}, {}]) == {}
    assert agreed_uses([]) == {}
