import unicodedata

from kg.text.normalise import fold, normalise


def test_nfc_and_offsets_map_back_to_the_original():
    # "Hòa" written decomposed: o + combining grave, so the original is longer.
    original = "Xã Ho\u0300a Bình, phường Vi\u0303nh Trại"
    norm = normalise(original)
    assert norm.text == unicodedata.normalize("NFC", original)
    begin = norm.text.index("Hòa")
    span = norm.span(begin, begin + 3)
    assert original[span.begin:span.end] == "Ho\u0300a"
    assert len(norm.to_orig) == len(norm.text) + 1


def test_old_tone_placement_becomes_the_new_one():
    assert normalise("Uỷ ban, hoà bình, thuỷ lợi, khoẻ").text == "Ủy ban, hòa bình, thủy lợi, khỏe"


def test_tone_inside_a_closed_syllable_and_after_qu_is_kept():
    assert normalise("hoàng, quý, quỳnh, thuyền").text == "hoàng, quý, quỳnh, thuyền"


def test_odd_spaces_and_invisible_characters():
    original = "UBND\u00a0tỉnh\u200b Lạng\tSơn"
    norm = normalise(original)
    assert norm.text == "UBND tỉnh Lạng Sơn"
    b = norm.text.index("Lạng")
    s = norm.span(b, len(norm.text))
    assert original[s.begin:s.end] == "Lạng\tSơn"


def test_fold_collapses_white_space():
    assert fold("  Uỷ  ban\nnhân dân ") == "Ủy ban nhân dân"
