import pytest

from kg.text.dates import document_date


@pytest.mark.parametrize("text, expected", [
    ("ỦY BAN NHÂN DÂN\nBắc Giang, ngày 05 tháng 3 năm 2024\nBÁO CÁO", ("2024-03-05", "header")),
    ("Chủ nhật, 07/04/2024\n\nHuyện đoàn ra quân\n\nSáng 6/4, …", ("2024-04-07", "dateline")),
    ("Sáng ngày 6/4/2024, Huyện đoàn ra quân làm sạch bờ kênh.", ("2024-04-06", "lead")),
    ("BÁO CÁO\nKết quả công tác tháng 02 năm 2024 và nhiệm vụ tháng 3", ("2024-02", "month")),
    ("Không có ngày tháng nào ở đây.", (None, None)),
    ("Thứ hai, 31/02/2024\n\nNgày không có thật.", (None, None)),
])
def test_document_date(text, expected):
    assert document_date(text) == expected


def test_an_updated_at_line_is_a_dateline():
    assert document_date("Tin tức\nCập nhật lúc: 08:30, 27/09/2024\n\nNội dung bài.") == ("2024-09-27", "dateline")
