"""The token layer (kg.text.syllables) and the patterns as data (kg.patterns)."""
from importlib import resources

import pytest

from kg.errors import PipelineError
from kg.patterns import PatternSet, patterns, read_rules
from kg.text.syllables import make_layer, token_range
from helpers import run


def test_the_layer_covers_the_text_exactly_with_offsets_and_tags():
    text = "  Ủy ban nhân dân  tỉnh\ntổ chức Hội nghị, ngày 9/10.\n"
    words = [(2, 9, "N"), (10, 17, "N"), (19, 23, "N"), (24, 31, "V")]
    layer = make_layer(text, words)
    assert layer.text == text
    for tok in layer:
        assert text[tok.idx:tok.idx + len(tok)] == tok.text
    by_text = {t.text: t for t in layer}
    assert by_text["Ủy"]._.word_start and not by_text["ban"]._.word_start
    assert by_text["tổ"].tag_ == "V" and by_text["chức"].tag_ == "V" and by_text["Hội"].tag_ == ""
    assert by_text["\n"].is_space and by_text["\n"].tag_ == ""
    i, j = token_range(layer, 24, 31)
    assert [t.text for t in layer[i:j]] == ["tổ", "chức"]


def test_every_document_gets_a_layer_of_its_normalised_text():
    doc = run("UBND tỉnh Bắc Giang tổ chức Hội nghị tổng kết năm 2024.")
    assert doc.syllables.text == doc.norm.text
    assert any(t.tag_ for t in doc.syllables)


def _rule_files():
    return sorted(p.name for p in resources.files("kg.patterns").iterdir() if p.name.endswith(".jsonl"))


def _examples():
    for name in _rule_files():
        text = resources.files("kg.patterns").joinpath(name).read_text(encoding="utf-8")
        for rule in read_rules(text, name):
            yield pytest.param(name, rule, id=f"{name}:{rule.line}")


@pytest.mark.parametrize(("name", "rule"), list(_examples()))
def test_each_pattern_matches_its_own_example(name, rule):
    """Every line of every pattern file carries an example "left | words | right"; the line
    alone must match the words between the bars, and nothing longer or shorter."""
    left, middle, right = rule.example.split(" | ")
    text = f"{left} {middle} {right}"
    layer = make_layer(text)
    one = PatternSet([rule], name)
    b = len(left) + 1
    assert one.fullmatch(layer, b, b + len(middle), rule.label)
    assert not one.fullmatch(layer, 0, b + len(middle), rule.label)


def test_several_syllables_expand_and_optional_items_may_be_left_out():
    rules = read_rules('{"label": "x", "pattern": [{"LOWER": {"IN": ["đã", "vừa mới"]}, "OP": "?"}, "ban hành"]}',
                       "t.jsonl")
    found = PatternSet(rules, "t.jsonl")
    for text in ("A ban hành B", "A đã ban hành B", "A vừa mới ban hành B", "A Đã\n  ban hành B"):
        layer = make_layer(text)
        assert found.fullmatch(layer, 1, len(text) - 1, "x"), text
    layer = make_layer("A mới ban hành B")
    assert not found.fullmatch(layer, 1, len(layer.text) - 1, "x")


def test_search_finds_the_words_where_they_stand():
    layer = make_layer("Các đồng chí tham dự và chủ trì hội nghị")
    assert patterns("relations").search(layer, 0, len(layer.text), "participant.takes_part") == [(13, 20), (24, 31)]


@pytest.mark.parametrize(("line", "reason"), [
    ('{"label": "x", "pattern": [', "not JSON"),
    ('{"label": "x"}', "needs"),
    ('{"label": "x", "pattern": [{"LOWER": "đã", "OP": "?"}]}', "at least one word"),
    ('{"label": "x", "pattern": [{"LOWER": "ban hành", "OP": "+"}]}', "only '?'"),
    ('{"label": "x", "pattern": [{"LOWER": "a", "OP": "%"}]}', "line 1"),
    ('{"label": "x", "pattern": [{"LEXICON": "no_such_list.tsv"}]}', "no word list"),
    ('{"label": "x", "at": "end", "pattern": ["a"]}', '"at"'),
    ('{"label": "x", "max_words": 0, "pattern": ["a"]}', "max_words"),
    ('{"label": "x", "pattern": [{"LEXICON": ["countries.tsv"]}]}', "LEXICON"),
    ('{"label": "x", "pattern": [{"LEXICON": "../patterns/entities.jsonl"}]}', "LEXICON"),
    ('{"label": "x", "pattern": [{"LOWER": {"IN": ["a b", 3]}}]}', "malformed"),
    ('{"label": "x", "pattern": [{"LOWER": "x", "OP": "{a,b}"}, "y"]}', "line 1"),
    ('{"label": "x", "pattern": ["a", ""]}', "empty string"),
])
def test_a_bad_line_is_refused_with_its_file_and_line(line, reason):
    with pytest.raises(PipelineError) as err:
        PatternSet(read_rules(line, "bad.jsonl"), "bad.jsonl")
    assert "[E105]" in str(err.value) and "bad.jsonl" in str(err.value) and reason in str(err.value)


def test_an_unknown_label_is_an_error_not_a_silent_miss():
    with pytest.raises(PipelineError, match="E105"):
        patterns("relations").fullmatch(make_layer("a b c"), 0, 5, "no.such")


def test_a_line_at_start_matches_only_where_the_stretch_begins():
    rules = read_rules('{"label": "x", "at": "start", "pattern": ["tại", "hội nghị"]}\n'
                       '{"label": "x", "pattern": ["chủ trì"]}', "t.jsonl")
    found = PatternSet(rules, "t.jsonl")
    opening = make_layer("- Tại hội nghị, đồng chí A phát biểu.")
    inside = make_layer("Đồng chí A phát biểu tại hội nghị.")
    assert found.search(opening, 0, len(opening.text), "x") == [(2, 14)]
    assert found.search(inside, 0, len(inside.text), "x") == []
    chaired = make_layer("Đồng chí A chủ trì.")
    assert found.search(chaired, 0, len(chaired.text), "x") == [(11, 18)]  # a line without "at" anywhere


def test_the_opening_words_of_a_clause_end_at_the_first_match():
    text = "Chỉ thị số 05 của Bộ Chính trị về đẩy mạnh học tập về sau"
    layer = make_layer(text)
    end = patterns("relations").opening(layer, 13, len(text), "about.clause")
    assert text[:end].endswith("Bộ Chính trị về")
    assert patterns("relations").opening(layer, 0, len(text), "about.clause") is None  # "Chỉ thị" opens none


def test_a_lexicon_item_stands_for_every_phrase_of_the_word_list():
    rules = read_rules('{"label": "x", "pattern": ["đại sứ quán", {"LEXICON": "countries.tsv"}]}', "t.jsonl")
    found = PatternSet(rules, "t.jsonl")
    for country in ("Lào", "Vương quốc Campuchia", "Cộng hòa Dân chủ Nhân dân Lào"):
        text = f"Đại sứ quán {country}"
        assert found.fullmatch(make_layer(text), 0, len(text), "x"), country
    assert not found.fullmatch(make_layer("Đại sứ quán Xứ Lạ"), 0, 17, "x")


def test_matches_over_the_layer_are_the_same_with_or_without_the_windows_of_first_words():
    rules = read_rules('{"label": "Organisation", "pattern": ["đại sứ quán", {"LEXICON": "countries.tsv"}]}', "t.jsonl")
    found = PatternSet(rules, "t.jsonl")
    text = ("Đại sứ quán Lào và đại sứ quán Nhật Bản. " * 3) + "Sứ quán mới; Đại sứ quán Vương quốc Campuchia."
    layer = make_layer(text)
    windowed = found.matches(layer)
    found._first["Organisation"] = None  # no windows: the matcher over the whole layer
    assert found.matches(layer) == windowed
    assert [text[b:e] for _, b, e in windowed][-1] == "Đại sứ quán Vương quốc Campuchia"
    assert len(windowed) == 7


def test_a_token_that_must_not_match_is_one_word_and_each_line_keeps_its_own_bound():
    found = PatternSet(read_rules('{"label": "L", "pattern": ["a", {"LOWER": "x", "OP": "!"}, "b"]}', "t"), "t")
    layer = make_layer("a c b")
    assert found.fullmatch(layer, 0, 5, "L") and found.matches(layer) == [("L", 0, 5)]
    lines = ('{"label": "L", "max_words": 3, "pattern": ["x", {"OP": "*"}, "y"]}\n'
             '{"label": "L", "pattern": ["p", "q", "r", "s", "t", "u"]}')
    found = PatternSet(read_rules(lines, "t"), "t")
    layer = make_layer("x 1 2 3 4 y")
    assert not found.fullmatch(layer, 0, 11, "L")  # 6 words: more than its line's 3, whatever the other allows
    assert found.search(layer, 0, 11, "L") == [] and found.matches(layer) == []
    assert found.fullmatch(make_layer("x 1 y"), 0, 5, "L")


def test_every_label_of_a_component_file_has_its_hook_and_every_hook_a_label():
    from kg.extract.event import HOOKS

    patterns("events").check_hooks(HOOKS, "event")  # the shipped file and its hooks agree
    extra = read_rules('{"label": "parade", "example": "", "pattern": ["diễu hành"]}', "events.jsonl")
    with pytest.raises(PipelineError, match=r"E105.*events.jsonl, line 1.*no hook for label 'parade'"):
        PatternSet(list(patterns("events").rules) + extra, "events.jsonl").check_hooks(HOOKS, "event")
    with pytest.raises(PipelineError, match=r"no pattern is labelled 'anniversary'"):
        PatternSet([r for r in patterns("events").rules if r.label != "anniversary"],
                   "events.jsonl").check_hooks(HOOKS, "event")


def test_matches_of_two_labels_may_overlap_and_each_label_keeps_its_longest():
    rules = read_rules('{"label": "a", "pattern": ["lễ kỷ niệm"]}\n'
                       '{"label": "b", "pattern": [{"LOWER": "lễ", "OP": "?"}, "kỷ niệm", {"IS_DIGIT": true}, "năm"]}',
                       "t.jsonl")
    layer = make_layer("Lễ kỷ niệm 90 năm Ngày thành lập")
    assert PatternSet(rules, "t.jsonl").matches(layer) == [("a", 0, 10), ("b", 0, 17)]


def test_a_match_across_the_end_of_a_sentence_or_outside_the_sentences_is_not_read():
    doc = run("Ngày 9/10, UBND tỉnh tổ chức hội nghị lần thứ 8.\nHội\nnghị tổng kết công tác năm 2024.")
    found = [(f.label, f.written) for f in patterns("events").in_sentences(doc)]
    assert ("head", "hội nghị") in found
    sentence_ends = [e for _, e in doc.norm_sentences]
    assert all(f.base + f.end <= min(e for e in sentence_ends if e > f.base + f.begin)
               for f in patterns("events").in_sentences(doc))


@pytest.mark.parametrize(("text", "name"), [
    ("Nghị quyết được Hội đồng nhân dân tỉnh Tuyên Quang khóa XIX, kỳ họp thứ mười lăm thông qua.",
     "Kỳ họp thứ mười lăm Hội đồng nhân dân tỉnh Tuyên Quang khóa XIX"),
    ("HỘI ĐỒNG NHÂN DÂN TỈNH PHÚ YÊN KHÓA VII, KỲ HỌP THỨ 3\nCăn cứ Luật Tổ chức chính quyền địa phương;",
     "Kỳ họp thứ 3 Hội đồng nhân dân tỉnh Phú Yên khóa VII"),
])
def test_a_council_session_is_named_in_full_from_its_pattern(text, name):
    from helpers import entities

    assert name in entities(run(text), "Event")


#: The pattern files a component reads through hooks of its own, and the component's module.
HOOKED = {"events": "kg.extract.event", "projects": "kg.extract.project", "persons": "kg.extract.person",
          "resolutions": "kg.extract.resolution", "wards": "kg.extract.ward",
          "places": "kg.extract.place", "organisations": "kg.extract.organisation"}


@pytest.mark.parametrize("name", sorted(HOOKED))
def test_each_hooked_pattern_file_agrees_with_its_component(name):
    import importlib

    patterns(name).check_hooks(importlib.import_module(HOOKED[name]).HOOKS, name)


def test_a_lexicon_item_may_take_only_the_rows_of_some_kinds():
    from kg.lexicon import word_list

    rules = read_rules('{"label": "w", "pattern": [{"LEXICON": "works.tsv", "KIND": "action"}]}', "t.jsonl")
    found = PatternSet(rules, "t.jsonl")
    action, obj = word_list("works.tsv", "action")[0], word_list("works.tsv", "object")[0]
    assert found.fullmatch(make_layer(f"A {action} B"), 2, 2 + len(action), "w")
    assert not found.fullmatch(make_layer(f"A {obj} B"), 2, 2 + len(obj), "w")
    for bad, reason in (('"KIND": 3', "KIND is a kind"), ('"KIND": "nokind"', "no phrase of works.tsv is of kind nokind")):
        with pytest.raises(PipelineError, match=reason):
            PatternSet(read_rules('{"label": "w", "pattern": [{"LEXICON": "works.tsv", %s}]}' % bad, "t.jsonl"), "t.jsonl")


def test_a_development_named_on_its_own_and_a_numbered_work_are_projects_by_their_patterns():
    from helpers import entities

    doc = run("Tiến độ Khu đô thị Phú Lộc III chậm.\n(3) Cải tạo, mở rộng trường mầm non Hoa Sen; (4) Xây mới nhà văn hóa thôn Nà Pò.")
    names = set(entities(doc, "Project"))
    assert {"Khu đô thị Phú Lộc III", "Cải tạo, mở rộng trường mầm non Hoa Sen", "Xây mới nhà văn hóa thôn Nà Pò"} <= names


def test_a_word_list_of_single_capitalised_words_matches_in_any_case_and_a_slash_is_cut_as_the_layer_cuts_it():
    rules = read_rules('{"label": "n", "pattern": [{"LEXICON": "honorifics.tsv"}, {"LEXICON": "surnames.tsv", "_": {"name_word": true}}]}',
                       "t.jsonl")
    found = PatternSet(rules, "t.jsonl")
    for text in ("có đồng chí Nguyễn", "có Đ/c Trần", "có ÔNG NGUYỄN"):
        assert found.fullmatch(make_layer(text), 3, len(text), "n"), text
    assert not found.fullmatch(make_layer("có ông nguyễn"), 3, 13, "n")  # a family name is capitalised


@pytest.mark.parametrize(("text", "names"), [
    ("Dự có đồng chí Nguyễn Quang Tuấn, Bí thư Tỉnh ủy.", {"Nguyễn Quang Tuấn"}),
    ("Ông Lê Minh Tuấn phát biểu.", {"Lê Minh Tuấn"}),
    ("Trình bày có Lê Trí Thức - Tỉnh ủy viên, Bí thư Huyện ủy.", {"Lê Trí Thức"}),
    ("Giám đốc Sở Tài chính Nông Thị Thu Hà trình bày báo cáo.", {"Nông Thị Thu Hà"}),
    ("Tham dự có các đồng chí: Hoàng Văn Nghiệm, Hồ Tiến Thiệu và Lâm Thị Phương Thanh.",
     {"Hoàng Văn Nghiệm", "Hồ Tiến Thiệu", "Lâm Thị Phương Thanh"}),
    ("Số hiệu : 12/QĐ-UBND\nNgười ký : Dương Ngọc Long\nNgày ban hành : 1/1/2014", {"Dương Ngọc Long"}),
    ("Người ký : Dương Ngọc Long Ngày ban hành : 1/1/2014", {"Dương Ngọc Long"}),
    ("đồng chí Hoàng Văn Phó Chủ tịch UBND tỉnh", {"Hoàng Văn"}),
])
def test_persons_are_found_by_their_patterns_and_hooks(text, names):
    from helpers import entities

    assert set(entities(run(text), "Person")) == names


def test_a_new_line_of_a_pattern_file_is_read_by_the_hook_of_its_label(monkeypatch):
    import kg.extract.event as event
    from helpers import entities

    text = "Sáng 9/10, UBND tỉnh tổ chức Lễ phát thưởng học sinh giỏi năm 2024."
    assert not any(name.startswith("Lễ phát thưởng") for name in entities(run(text), "Event"))
    line = '{"label": "head", "example": "tổ chức | Lễ phát thưởng | học sinh giỏi năm 2024", "pattern": ["lễ phát thưởng"]}'
    extended = PatternSet(list(patterns("events").rules) + read_rules(line, "events.jsonl"), "events.jsonl")
    monkeypatch.setattr(event, "patterns", lambda name: extended)
    assert "Lễ phát thưởng học sinh giỏi năm 2024" in entities(run(text), "Event")


def test_labels_of_fixed_phrases_are_looked_up_at_once_and_found_as_the_matcher_finds_them():
    events = patterns("events")
    assert "head" in events._phrases  # a word list of phrases: spaCy's PhraseMatcher
    text = "Sáng nay, Hội nghị lần thứ 8 và hội\nnghị tổng kết, rồi Kỳ  họp thứ 3 và phiên họp thường kỳ."
    layer = make_layer(text)
    plain = PatternSet(list(events.rules), "events.jsonl")
    plain._phrases = {}  # the Matcher alone, over every window
    assert events.matches(layer) == plain.matches(layer)
    heads = [text[b:e] for label, b, e in events.matches(layer) if label == "head"]
    assert heads == ["Hội nghị", "hội\nnghị", "Kỳ  họp", "phiên họp"]


@pytest.mark.parametrize("name", sorted(HOOKED))
def test_every_shipped_file_matches_the_same_with_or_without_its_windows_and_phrase_lookup(name):
    """The windows opened at first words (a phrase, a digit, an optional first token, a
    regular expression on the text) and the phrase lookup only save work: the matches are
    those of the Matcher over the whole layer."""
    text = ("Sáng 9/10, UBND TPLS tổ chức Hội nghị lần thứ 8; (3) Cải tạo đường Bà Triệu;\n"
            "12 Xây mới trụ sở xã. Đồng chí Nguyễn Văn Hùng, Chủ tịch UBND xã Mai Pha, tại Hội trường\n"
            "19-5 và tại TP. Pleiku; Lễ kỷ niệm 90 năm Ngày thành lập; HĐND tỉnh Phú Yên khóa VII, kỳ họp thứ 3, "
            "Nghị quyết số 12-NQ/TU; Khu đô thị Phú Lộc III; các đồng chí: Lê Văn A, Trần Thị B.")
    layer = make_layer(text)
    shipped = patterns(name)
    plain = PatternSet(list(shipped.rules), name)
    plain._phrases = {}
    plain._first = {label: None for label in plain._first}
    assert shipped.matches(layer) == plain.matches(layer)
    assert shipped.matches(layer)  # the text holds something of every file


def test_a_lexicon_item_may_take_the_standard_abbreviations():
    line = '{"label": "b", "pattern": [{"LEXICON": "organisations.tsv", "KIND": "body"%s}]}'
    plain = PatternSet(read_rules(line % "", "t.jsonl"), "t.jsonl")
    short = PatternSet(read_rules(line % ', "ABBREVIATED": true', "t.jsonl"), "t.jsonl")
    layer = make_layer("Chủ tịch UBND tỉnh")
    assert short.fullmatch(layer, 9, 13, "b") and not plain.fullmatch(layer, 9, 13, "b")
    assert short.fullmatch(make_layer("Ủy ban nhân dân tỉnh"), 0, 15, "b")
    with pytest.raises(PipelineError, match="ABBREVIATED is true or false"):
        PatternSet(read_rules(line % ', "ABBREVIATED": "yes"', "t.jsonl"), "t.jsonl")


def test_a_phrase_with_an_optional_caseless_token_is_looked_up_as_phrases_over_line_breaks():
    rules = read_rules('{"label": "o", "pattern": ["tt", {"ORTH": ".", "OP": "?"}, "hđnd"]}\n'
                       '{"label": "c", "pattern": ["tt", {"ORTH": "X", "OP": "?"}, "hđnd"]}', "t.jsonl")
    found = PatternSet(rules, "t.jsonl")
    assert "o" in found._phrases and "c" not in found._phrases  # "X" has a case: the Matcher's
    text = "Họp TT.\n\nHĐND và TT HĐND, TT X HĐND."
    got = [(label, text[b:e]) for label, b, e in found.matches(make_layer(text))]
    assert ("o", "TT.\n\nHĐND") in got and ("o", "TT HĐND") in got
    assert ("c", "TT X HĐND") in got and ("o", "TT X HĐND") not in got
