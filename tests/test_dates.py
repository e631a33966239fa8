"""Dates: the posting date, the content date, each stated date, and what they date."""
import json

import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import main
from kg.rdf.vocab import KG
from kg.text.dates import document_dates, find_dates

from helpers import entities, run


def _content(text):
    found = document_dates(text)
    return found["posted"], found["date"], found["date_source"]


@pytest.mark.parametrize("text, expected", [
    ("ỦY BAN NHÂN DÂN\nBắc Giang, ngày 05 tháng 3 năm 2024\nBÁO CÁO", (None, "2024-03-05", "header")),
    # the dateline is when the page was posted; the lead says when it happened
    ("Chủ nhật, 07/04/2024\n\nHuyện đoàn ra quân\n\nSáng 6/4, Huyện đoàn ra quân.", ("2024-04-07", "2024-04-06", "lead")),
    ("Sáng ngày 6/4/2024, Huyện đoàn ra quân làm sạch bờ kênh.", (None, "2024-04-06", "lead")),
    ("BÁO CÁO\nKết quả công tác tháng 02 năm 2024 và nhiệm vụ tháng 3", (None, "2024-02", "month")),
    ("Không có ngày tháng nào ở đây.", (None, None, None)),
    ("Thứ hai, 31/02/2024\n\nNgày không có thật.", (None, None, None)),
    ("Tin tức\nCập nhật lúc: 08:30, 27/09/2024\n\nNội dung bài.", ("2024-09-27", None, None)),
    ("Thông báo triệu tập kỳ họp\n\n14/06/2019\n\nNội dung bài.", ("2019-06-14", None, None)),
    ("Tin hoạt động\n\n09/08/2019 - 07:34\n\n - Chiều 8-8, phường tổ chức họp mặt.", ("2019-08-09", "2019-08-08", "lead")),
    # a page re-dated years later: the year the text states wins over the date line's
    ("Chủ nhật, 05/04/2020\nTin\nSáng nay (22/10), HĐND họp.\n\nKỳ họp diễn ra trong 3 ngày (5,6,7/12/2018).",
     ("2020-04-05", "2018-10-22", "lead")),
    ("Tin\nChiều 26/7, UBND tỉnh tổ chức phiên họp thường kỳ tháng 7/2022.", (None, "2022-07-26", "lead")),
    ("date 2020-08\nBHG - Sáng 14.8, Đảng bộ huyện khai mạc Đại hội, nhiệm kỳ 2020 – 2025.", (None, "2020-08-14", "lead")),
    ("Thứ ba - 12/03/2019 09:15\nXã tổ chức hội nghị\nBQT - Chiều nay (11/3), xã tổ chức hội nghị.",
     ("2019-03-12", "2019-03-11", "lead")),
    ("Đoàn kiểm tra làm việc\n(TTX)- Chiều 27-8, Đoàn kiểm tra làm việc tại huyện. Huyện đạt chuẩn từ ngày 20/8/2019.",
     (None, "2019-08-27", "lead")),
    ("TIN HOẠT ĐỘNG\nTrong hai ngày 14 và 15/5/2024, Đảng bộ phường tổ chức Đại hội.", (None, "2024-05-14", "lead")),
])
def test_posting_and_content_dates(text, expected):
    assert _content(text) == expected


def test_a_day_without_a_year_takes_the_posting_year_or_the_year_before():
    # posted on 3 January: "28/12" is of the year before; "10/1" of the same year
    text = "Thứ tư, 03/01/2024\nTin\nSáng 28/12, huyện họp. Ngày 10/1 sẽ tổng kết."
    assert [d.date for d in document_dates(text)["dates"][1:]] == ["2023-12-28", "2024-01-10"]


def test_a_day_takes_the_year_of_a_cited_document_when_nothing_else_states_one():
    text = "Tin\nSáng 14/9, Đảng ủy xã triển khai Nghị quyết số 05-NQ/ĐU ngày 16/6/2025 của Đảng ủy xã."
    assert document_dates(text)["date"] == "2025-09-14"
    # a date line outranks the year of a cited document: posted in April 2024, 14/9 is of 2023
    assert document_dates("Chủ nhật, 07/04/2024\n" + text)["date"] == "2023-09-14"


def test_a_day_without_a_year_and_without_a_posting_date_takes_the_texts_year():
    assert [d.date for d in find_dates("Sáng 21/3, xã khánh thành cổng chào, thi công từ ngày 14-21/3/2021.")] \
        == ["2021-03-21", "2021-03-14"]
    assert find_dates("Sáng 21/3, xã khánh thành cổng chào.") == []  # no year anywhere: no date


@pytest.mark.parametrize("text", [
    "Thực hiện Quyết định số 1234/QĐ-UBND ngày 5/6/2023 của UBND tỉnh",
    "theo Nghị quyết 05-NQ/TU, ngày 5/6/2023",
    "Thực hiện Luật Tổ chức chính quyền địa phương ngày 19/6/2015",
    "Ông Nguyễn Văn A sinh ngày 5/6/1970",
])
def test_dates_of_cited_documents_and_births_are_cited(text):
    dates = find_dates(text)
    assert dates and all(d.cited for d in dates)


def test_an_anniversary_is_dated_by_its_day_not_the_day_it_counts_from():
    dates = find_dates("kỷ niệm 90 năm Ngày thành lập Đảng (3/2/1930 - 3/2/2020)")
    assert [(d.date, d.cited) for d in dates] == [("1930-02-03", True), ("2020-02-03", False)]


@pytest.mark.parametrize("text", ["Đã có 3/4 số xã đạt chuẩn.", "Đội bóng thắng 14-1.", "Tỉ lệ 25.4 phần trăm.",
                                  "nhiệm kỳ 2016-2021", "Quyết định số 12/2023/QĐ-UBND"])
def test_figures_that_are_not_dates(text):
    assert find_dates(text) == []


def test_each_date_dates_the_event_named_after_it_in_its_sentence():
    doc = run("Thứ hai, 15/07/2019\nTin hoạt động\nSáng 12/7, Huyện ủy tổ chức Hội nghị sơ kết 6 tháng. "
              "Chiều cùng ngày, Ban Chấp hành họp. Ngày 20/7 sẽ diễn ra Lễ ra quân hè.")
    dates = {entities(doc, "Event")[name].key: name for name in entities(doc, "Event")}
    named = {dates[k]: v for k, v in doc.event_dates.items()}
    assert named["Hội nghị sơ kết 6 tháng"] == ("2019-07-12", 0)
    assert named["Lễ ra quân hè"] == ("2019-07-20", 0)


def test_an_event_in_a_documents_title_is_not_dated_by_the_sentence():
    doc = run("Ngày 5/9/2020, Đảng ủy xã triển khai Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.")
    events = entities(doc, "Event")
    assert all(e.key not in doc.event_dates for e in events.values())


def test_the_pages_own_event_takes_the_leads_date():
    doc = run("HỘI NGHỊ TỔNG KẾT CÔNG TÁC NĂM 2023\n\nSáng 9/1/2024, UBND huyện tổ chức tổng kết công tác năm. "
              "Hội nghị đã thống nhất các chỉ tiêu.")
    event = entities(doc, "Event")
    assert event and any(doc.event_dates.get(e.key) == ("2024-01-09", 1) for e in event.values())


def test_posts_are_dated_by_their_sentence_else_the_content_date_never_the_posting_date_alone():
    posted_only = run("Thứ hai, 15/07/2019\nTin\nĐồng chí Nguyễn Văn An, Chủ tịch UBND huyện phát biểu.")
    assert [f.date for f in posted_only.facts if f.predicate == "holdsPost"] == [None]
    lead = run("Thứ hai, 15/07/2019\nTin\nSáng 12/7, huyện họp. Đồng chí Nguyễn Văn An, Chủ tịch UBND huyện phát biểu.")
    assert [f.date for f in lead.facts if f.predicate == "holdsPost"] == ["2019-07-12"]
    said = run("Sáng 12/7/2019, huyện họp.\nNgày 14/7/2019, đồng chí Nguyễn Văn An, Chủ tịch UBND huyện dự lễ.")
    assert [f.date for f in said.facts if f.predicate == "holdsPost"] == ["2019-07-14"]


def test_build_records_content_dates_and_lists_undated_documents(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Thứ hai, 15/07/2019\nTin\nSáng 12/7, Huyện ủy tổ chức Hội nghị sơ kết 6 tháng.\n",
                               encoding="utf-8")
    (src / "b.txt").write_text("Tin\nChiều 13/7/2019, Huyện ủy tiếp tục Hội nghị sơ kết 6 tháng.\n", encoding="utf-8")
    (src / "c.txt").write_text("Tin\nĐồng chí Nguyễn Văn An, Chủ tịch UBND huyện phát biểu.\n", encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["build", str(src), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    manifest = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert manifest["undated"] == ["c.txt"]
    docs = {d["name"]: d for d in manifest["documents"]}
    assert (docs["a.txt"]["posted"], docs["a.txt"]["content_date"]) == ("2019-07-15", "2019-07-12")
    g = rdflib.Graph().parse(out / "graph.ttl")
    by_file = {str(g.value(d, KG.fileName)): d for d in g.subjects(KG.fileName, None)}
    assert str(g.value(by_file["a.txt"], KG.publicationDate)) == "2019-07-15"
    assert str(g.value(by_file["a.txt"], KG.contentDate)) == "2019-07-12"
    assert g.value(by_file["c.txt"], KG.contentDate) is None
    # each document's meeting its own start date, one each
    starts = sorted((str(s), str(o)) for s, o in g.subject_objects(KG.startDate))
    assert [d for _, d in starts] == ["2019-07-12", "2019-07-13"] and len({s for s, _ in starts}) == 2
    assert manifest["validation"]["violations"] == 0


def test_the_date_line_dates_no_event():
    doc = run("Thông báo triệu tập Kỳ họp thứ 5 Hội đồng nhân dân tỉnh\n\n26/06/2012\n\n"
              "Thường trực HĐND tỉnh thông báo triệu tập kỳ họp. Kỳ họp tổ chức từ ngày 11/7 đến 13/7/2012.")
    assert doc.context["posted"] == "2012-06-26"
    assert "2012-06-26" not in {d for d, _ in doc.event_dates.values()}
