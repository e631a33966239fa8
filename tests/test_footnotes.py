from helpers import entities, run

from kg.text.footnotes import find_footnotes

# A page of a report as PDF text gives it: the body cites footnotes 3 and 4 by digits
# glued to words; their bodies follow a separator line at the page's bottom.
PAGE = ("Trong tháng đã khởi công 01 dự án3; hoàn thành bàn giao 02 công trình4. Công tác \n\n"
        "giải phóng mặt bằng được đẩy nhanh vào năm 20245.\n\n"
        "                                           \n"
        "3 Cải tạo, nâng cấp đường Hùng Vương, phường Trần Phú \n"
        "4 (1) Xây mới trường Tiểu học Lê Lợi; (2) Kè suối Thương \n"
        "5 Khu dân cư số 2 \n"
        " Tiếp tục chỉ đạo các phòng chuyên môn.\n")


def test_bodies_and_markers():
    notes = {fn.number: fn for fn in find_footnotes(PAGE)}
    assert set(notes) == {3, 4, 5}
    assert PAGE[notes[3].body[0]:notes[3].body[1]].startswith("3 Cải tạo, nâng cấp đường Hùng Vương")
    assert "Tiếp tục" not in PAGE[notes[5].body[0]:notes[5].body[1]]  # the next page's paragraph
    assert PAGE[notes[4].marker - 9:notes[4].marker] == "công trình"[-9:]
    assert PAGE[notes[5].marker - 4:notes[5].marker] == "2024"  # "năm 20245": the year, then note 5


def test_markers_are_blanked_and_bodies_cite_their_sentence():
    doc = run(PAGE)
    assert "năm 2024 " in doc.norm.text and "dự án " in doc.norm.text
    assert "Kè suối Thương" in entities(doc, "Project")
    for fn in doc.footnotes:
        assert fn.marker is not None


def test_no_footnote_without_a_separator_and_a_numbered_body():
    assert find_footnotes("Diện tích 49m2 và 120 hộ; phòng PC07 tham gia.") == []
