from kg.text.segment import split_sentences


def _sentences(text):
    return [text[b:e] for b, e in split_sentences(text)]


def test_splits_at_sentence_punctuation_before_a_capital():
    assert _sentences("Hội nghị đã kết thúc. Đồng chí Bí thư phát biểu! Tiếp theo?") == [
        "Hội nghị đã kết thúc.", "Đồng chí Bí thư phát biểu!", "Tiếp theo?"]


def test_no_split_inside_numbers_or_before_lower_case():
    assert _sentences("Tổng vốn giải ngân là 45,2 tỷ đồng, bằng 61.5% kế hoạch năm 2030.") == [
        "Tổng vốn giải ngân là 45,2 tỷ đồng, bằng 61.5% kế hoạch năm 2030."]


def test_pdf_line_breaks_inside_a_sentence_are_joined():
    text = "Ủy ban đã giao chỉ tiêu cho các hợp tác \n\nxã trong vùng dự án.\n\nViệc nghiệm thu hoàn thành."
    assert _sentences(text) == ["Ủy ban đã giao chỉ tiêu cho các hợp tác \n\nxã trong vùng dự án.",
                                "Việc nghiệm thu hoàn thành."]


def test_title_lines_are_sentences_of_their_own():
    text = "Chủ nhật, 07/04/2024\n\nHuyện đoàn ra quân làm sạch bờ kênh\n\nSáng 6/4, đoàn viên dọn kênh."
    assert _sentences(text) == ["Chủ nhật, 07/04/2024", "Huyện đoàn ra quân làm sạch bờ kênh",
                                "Sáng 6/4, đoàn viên dọn kênh."]


def test_offsets_are_trimmed_of_white_space():
    text = "  Một câu.  \n\n  Hai câu.  "
    for b, e in split_sentences(text):
        assert text[b:e] == text[b:e].strip()


def test_the_dot_of_an_abbreviation_before_a_name_ends_no_sentence():
    from kg.text.segment import split_sentences

    text = "Lễ công bố quyết định công nhận TP. Pleiku là đô thị loại I. Sáng nay PGS.TS. Nguyễn Văn An dự."
    assert [text[b:e] for b, e in split_sentences(text)] == [
        "Lễ công bố quyết định công nhận TP. Pleiku là đô thị loại I.", "Sáng nay PGS.TS. Nguyễn Văn An dự."]


def test_a_run_without_an_end_is_cut_into_bounded_pieces():
    """A text with no sentence punctuation (a flattened table, a text stripped of it) is cut
    after a comma or at a space into pieces of at most MAX_SENTENCE characters, each word
    kept whole, so that the work per sentence stays bounded."""
    from kg.text.segment import MAX_SENTENCE

    words = [f"từ{i}" + ("," if i % 97 == 0 else "") for i in range(5000)]
    text = " ".join(words)
    spans = split_sentences(text)
    assert len(spans) > 1 and all(e - b <= MAX_SENTENCE for b, e in spans)
    assert " ".join(text[b:e] for b, e in spans).split() == text.split()  # no word cut or lost
    assert all(text[b:e].endswith(",") for b, e in spans[:-1])  # after a comma where there is one
    nothing = "a" * (3 * MAX_SENTENCE)  # not even a space: cut at the limit
    assert [e - b for b, e in split_sentences(nothing)] == [MAX_SENTENCE] * 3
