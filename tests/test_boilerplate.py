from helpers import entities, run

from kg.text.boilerplate import boilerplate_zones

PAGE = """Nhảy đến nội dung
Chế độ ban đêm   In trang   Xuất PDF
-A A +A

Huyện Yên Dũng khánh thành cầu Đồng Việt

Sáng 6/4, UBND huyện Yên Dũng khánh thành cầu Đồng Việt tại xã Đồng Việt.

Tin liên quan
Xã Tân An ra quân làm đường giao thông nông thôn
Hội Nông dân xã Lãng Sơn tập huấn kỹ thuật

 • THƯ VIỆN ẢNH
  Điện thoại: 0204 3.854.000; Email: ubnd@example.vn
  Phát triển bởi Trung tâm Thông tin tỉnh Bắc Giang
"""


def _zone_text(text):
    return [text[b:e].strip() for b, e in boilerplate_zones(text)]


def test_labels_related_links_and_footer_are_zones():
    zones = _zone_text(PAGE)
    assert "Nhảy đến nội dung" in zones
    assert "Chế độ ban đêm   In trang   Xuất PDF" in zones
    assert "Hội Nông dân xã Lãng Sơn tập huấn kỹ thuật" in zones
    assert "• THƯ VIỆN ẢNH" in zones
    assert any(z.startswith("Điện thoại") for z in zones)


def test_the_article_and_the_developer_credit_are_not():
    zones = _zone_text(PAGE)
    assert not any("khánh thành cầu Đồng Việt" in z for z in zones)
    assert not any(z.startswith("Phát triển bởi") for z in zones)


def test_nothing_in_a_zone_reaches_the_graph():
    doc = run(PAGE)
    orgs = entities(doc, "Organisation")
    assert not any("Nông dân" in name for name in orgs)
    assert any(name.startswith("Ủy ban nhân dân huyện Yên Dũng") for name in orgs)
    for m in doc.mentions:
        assert not any(b <= m.norm[0] < e for b, e in doc.zones)


def test_licence_and_editor_lines_are_footer():
    zones = _zone_text("Bài viết.\n\nGiấy phép số 05/GP-TTĐT do Cục Phát thanh cấp\nChịu trách nhiệm: Ban biên tập\n")
    assert any(z.startswith("Giấy phép") for z in zones)
    assert any(z.startswith("Chịu trách nhiệm") for z in zones)
