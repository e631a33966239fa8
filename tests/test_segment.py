from kg.text.segment import split_sentences


def _sentences(text):
    return [text[b:e] for b, e in split_sentences(text)]


def test_splits_at_sentence_punctuation_before_a_capital():
    assert _sentences("Hội nghị đã kết thúc. Đồng chí Bí thư phát biểu! Tiếp theo?") == [
        "Hội nghị đã kết thúc.", "Đồng chí Bí thư phát biểu!", "Tiếp theo?"]


def test_no_split_inside_numbers_or_before_lower_case():
    assert _sentences("Thu ngân sách đạt 311,7 tỷ đồng, tăng 19.7% so với 2017.") == [
        "Thu ngân sách đạt 311,7 tỷ đồng, tăng 19.7% so với 2017."]


def test_pdf_line_breaks_inside_a_sentence_are_joined():
    text = "các cơ sở sản xuất trên địa \n\nbàn thành phố đã chuẩn bị tốt.\n\nNhằm ổn định thị trường."
    assert _sentences(text) == ["các cơ sở sản xuất trên địa \n\nbàn thành phố đã chuẩn bị tốt.",
                                "Nhằm ổn định thị trường."]


def test_title_lines_are_sentences_of_their_own():
    text = "Thứ tư, 22/03/2023\n\nBan Chấp hành tổ chức hội nghị\n\nLSO-Ngày 30/9/2011, hội nghị họp."
    assert _sentences(text) == ["Thứ tư, 22/03/2023", "Ban Chấp hành tổ chức hội nghị",
                                "LSO-Ngày 30/9/2011, hội nghị họp."]


def test_offsets_are_trimmed_of_white_space():
    text = "  Một câu.  \n\n  Hai câu.  "
    for b, e in split_sentences(text):
        assert text[b:e] == text[b:e].strip()
