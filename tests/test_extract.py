"""Each extractor on sentences written for the test (the language of administration,
not the corpus)."""
import pytest

from helpers import entities, facts, run


HOME = "Thành phố Bắc Giang thuộc tỉnh Bắc Giang. Thành phố Bắc Giang phát triển. "


def test_bare_committee_is_the_home_citys_and_province_is_the_provinces():
    doc = run(HOME + "UBND thành phố và UBND tỉnh đã chỉ đạo; HĐND thành phố giám sát.")
    orgs = entities(doc, "Organisation")
    assert "Ủy ban nhân dân thành phố Bắc Giang" in orgs
    assert "Ủy ban nhân dân tỉnh Bắc Giang" in orgs
    assert "Hội đồng nhân dân thành phố Bắc Giang" in orgs
    assert "UBND thành phố" in orgs["Ủy ban nhân dân thành phố Bắc Giang"].labels


def test_committee_of_several_units_is_no_single_body():
    doc = run(HOME + "Chủ tịch UBND các phường, xã tiếp công dân.")
    assert not any("các" in name for name in entities(doc, "Organisation"))


def test_party_committee_and_its_executive_committee_are_one():
    doc = run(HOME + "Ban Chấp hành Đảng bộ thành phố họp. Thành ủy Bắc Giang chỉ đạo.")
    orgs = entities(doc, "Organisation")
    assert "Thành ủy Bắc Giang" in orgs
    assert "Ban Chấp hành Đảng bộ thành phố Bắc Giang" in orgs["Thành ủy Bắc Giang"].labels


def test_organ_of_a_committee_is_part_of_it():
    doc = run(HOME + "Ban Thường vụ Tỉnh ủy Bắc Giang làm việc với Tỉnh ủy Bắc Giang.")
    assert ("subOrganizationOf", "Ban Thường vụ Tỉnh ủy Bắc Giang", "Tỉnh ủy Bắc Giang", None) in facts(doc)


def test_department_named_with_jurisdiction_belongs_to_its_peoples_committee():
    doc = run(HOME + "Phòng Tài nguyên và Môi trường thành phố phối hợp với UBND thành phố.")
    assert ("subOrganizationOf", "Phòng Tài nguyên và Môi trường thành phố Bắc Giang",
            "Ủy ban nhân dân thành phố Bắc Giang", None) in facts(doc)


def test_person_with_posts_after_the_name():
    doc = run(HOME + "Đồng chí Trần Văn Bình, Phó Bí thư Thành ủy, Chủ tịch UBND thành phố phát biểu.")
    assert "Trần Văn Bình" in entities(doc, "Person")
    got = facts(doc)
    assert ("holdsPost", "Trần Văn Bình", "Thành ủy Bắc Giang", "Phó Bí thư") in got
    assert ("holdsPost", "Trần Văn Bình", "Ủy ban nhân dân thành phố Bắc Giang", "Chủ tịch") in got


def test_a_bare_title_is_not_a_person():
    doc = run(HOME + "Đồng chí Bí thư Thành ủy phát biểu chỉ đạo.")
    assert entities(doc, "Person") == {}


def test_resolution_number_date_and_issuer_code():
    doc = run(HOME + "Thực hiện Nghị quyết số 21-NQ/TU ngày 3/2/2023 của Tỉnh ủy Bắc Giang.")
    res = entities(doc, "Resolution")["Nghị quyết số 21-NQ/TU"]
    assert res.attrs.number == "21-NQ/TU"
    assert res.attrs.date == "2023-02-03"
    assert res.attrs.issuer_code == "TU"
    assert ("issuedBy", "Nghị quyết số 21-NQ/TU", "Tỉnh ủy Bắc Giang", None) in facts(doc)


def test_resolution_types_and_number_formats():
    doc = run("Căn cứ Quyết định số 1234/QĐ-UBND và Kế hoạch số 56/KH-UBND; Thông tư 12/2021/TT-BTC.")
    numbers = {e.attrs.number for e in entities(doc, "Resolution").values()}
    assert {"1234/QĐ-UBND", "56/KH-UBND", "12/2021/TT-BTC"} <= numbers


def test_wards_and_places():
    doc = run("Tại phường Hoàng Văn Thụ, thành phố Bắc Giang và xã Tân Mỹ, huyện Yên Dũng.")
    wards = entities(doc, "Ward")
    assert {"phường Hoàng Văn Thụ", "xã Tân Mỹ"} <= set(wards)
    assert "Hoàng Văn Thụ" not in entities(doc, "Person")  # a ward named after a person
    assert ("locatedIn", "xã Tân Mỹ", "huyện Yên Dũng", None) in facts(doc)
    assert "xã hội" not in " ".join(wards)


def test_projects_and_events():
    doc = run("Khởi công dự án Cầu Đồng Sơn; tổ chức Lễ hội Đền Thượng năm 2024. "
              "Thành ủy Bắc Giang tổ chức hội nghị lần thứ 5.")
    assert "Dự án Cầu Đồng Sơn" in entities(doc, "Project")
    events = entities(doc, "Event")
    assert "Lễ hội Đền Thượng năm 2024" in events
    assert "Hội nghị lần thứ 5" in events
    assert ("organisedBy", "Hội nghị lần thứ 5", "Thành ủy Bắc Giang", None) in facts(doc)


def test_every_mention_quotes_the_source_exactly():
    text = "Uỷ ban nhân dân tỉnh Bắc Giang  ban hành Kế hoạch số 7/KH-UBND.\u00a0Xã Tân Mỹ."
    doc = run(text)
    assert doc.mentions
    for m in doc.mentions:
        assert text[m.span.begin:m.span.end] == m.text


def test_wards_are_checked_against_the_official_list():
    doc = run(HOME + "Tại phường Hoàng văn thụ và xã hội hóa giáo dục.")
    wards = entities(doc, "Ward")
    ward = wards["phường Hoàng Văn Thụ"]  # spelt as in the official list
    assert ward.attrs.code == "07210"  # the one in Bắc Giang, the document's city
    assert ward.attrs.successor.era == "2025"
    assert len(wards) == 1  # "xã hội" is no commune


def test_one_level_word_for_several_wards():
    doc = run(HOME + "Quy hoạch phường Trần Phú, Thọ Xương và Ngô Quyền được duyệt.")
    assert {"phường Trần Phú", "phường Thọ Xương", "phường Ngô Quyền"} <= set(entities(doc, "Ward"))


def test_a_list_of_communes_each_placed_by_its_district_in_brackets():
    doc = run("Tỉnh Hà Giang công nhận các xã Thanh Vân (Quản Bạ), Lũng Cú (Đồng Văn) và Ngọc Đường "
              "(Hà Giang) đạt chuẩn nông thôn mới.")
    wards = entities(doc, "Ward")
    assert {"xã Thanh Vân", "xã Lũng Cú", "xã Ngọc Đường"} <= set(wards)
    located = {(s, o) for p, s, o, _ in facts(doc) if p == "locatedIn"}
    assert ("xã Thanh Vân", "huyện Quản Bạ") in located and ("xã Lũng Cú", "huyện Đồng Văn") in located
    assert ("xã Ngọc Đường", "thành phố Hà Giang") in located


def test_a_colon_may_open_a_list_of_communes():
    doc = run("Xã mới được thành lập trên cơ sở sáp nhập 3 xã: Quảng Tân, Quảng Trạch và Quảng Phúc thuộc "
              "huyện Quảng Xương, tỉnh Thanh Hóa.")
    assert {"xã Quảng Tân", "xã Quảng Trạch", "xã Quảng Phúc"} <= set(entities(doc, "Ward"))


def test_a_list_does_not_run_into_words_that_merely_fold_to_a_ward():
    doc = run(HOME + "Khởi công ở phường Đa Mai và Đảng bộ phường biểu dương; đường từ xã Đồng Phúc đến "
                     "xã Quỳnh Sơn được mở rộng.")
    assert set(entities(doc, "Ward")) == {"phường Đa Mai", "xã Đồng Phúc", "xã Quỳnh Sơn"}


def test_a_document_after_the_2025_reorganisation_gets_the_new_units():
    doc = run("Thứ hai, 18/08/2025\n\nPhường Bắc Giang, tỉnh Bắc Ninh tổ chức hội nghị.")
    ward = entities(doc, "Ward")["phường Bắc Giang"]
    assert ward.attrs.era == "2025" and ward.key.endswith("-2025")


def test_a_2025_commune_and_an_old_one_merged_into_it_in_one_list():
    doc = run("Sáng 20/8/2025, Đảng bộ xã Huy Giáp tổ chức Đại hội. Xã Huy Giáp, tỉnh Cao Bằng được "
              "thành lập trên cơ sở sáp nhập hai xã Huy Giáp và Đình Phùng.")
    wards = entities(doc, "Ward")
    assert wards["xã Huy Giáp"].attrs.era == "2025"
    assert wards["xã Đình Phùng"].attrs.era == "legacy"  # only the old list has it


def test_a_misspelt_ward_of_the_home_district_is_recognised():
    doc = run(HOME + "Nhân dân phường Trằn Phú tham gia.")
    assert entities(doc, "Ward")["phường Trần Phú"].attrs.code == "07213"


def test_a_ward_of_another_province_is_not_forced_into_the_home_one():
    doc = run("Đoàn đến thăm xã Tân Mỹ.")  # many communes bear this name; no home to choose by
    ward = entities(doc, "Ward")["xã Tân Mỹ"]
    assert ward.attrs.code is None


def test_a_name_ends_where_its_words_stop_being_a_name():
    doc = run(HOME + "Chỉ đạo Trung tâm Phát triển quỹ đất thành phố phối hợp với Công ty TNHH Minh Long "
                     "thực hiện; Sở Tài chính triển khai kế hoạch.")
    orgs = entities(doc, "Organisation")
    assert "Trung tâm Phát triển quỹ đất thành phố Bắc Giang" in orgs
    assert "Công ty trách nhiệm hữu hạn Minh Long" in orgs
    assert "Công ty TNHH Minh Long" in orgs["Công ty trách nhiệm hữu hạn Minh Long"].labels
    assert "Sở Tài chính tỉnh Bắc Giang" in orgs


def test_heads_that_begin_common_words_need_a_capital():
    doc = run(HOME + "Các lễ hội Xuân và cơ sở Giáo dục được kiểm tra; ban hành Quyết định số 5/QĐ-UBND.")
    assert not [n for n in entities(doc, "Organisation") if n.startswith(("Hội", "Sở", "Ban"))]


def test_words_and_parts_of_speech_carry_offsets():
    doc = run("Phòng Nội vụ kiểm tra hồ sơ.")
    words = [doc.norm.text[t.begin:t.end] for t in doc.tokens]
    assert "kiểm tra" in words
    assert all(t.end > t.begin for t in doc.tokens)


def test_signature_block_gives_the_signer_and_the_post():
    text = (HOME + "Ủy ban giao các phòng thực hiện./.\n\n"
            "TM. ỦY BAN NHÂN DÂN\n\nKT. CHỦ TỊCH\n\nPHÓ CHỦ TỊCH\n\n\n\nNguyễn Văn Khải\n")
    doc = run(text)
    assert ("holdsPost", "Nguyễn Văn Khải", "Ủy ban nhân dân thành phố Bắc Giang", "Phó Chủ tịch") in facts(doc)


def test_byline_after_the_last_paragraph():
    doc = run("Hội nghị đã bế mạc sau hai ngày làm việc.\n\nTRẦN MINH\n\nTin liên quan\n")
    assert "Trần Minh" in entities(doc, "Person")
    doc = run("Hội nghị đã bế mạc.\n\nKẾT QUẢ NỔI BẬT\n\n" + "Năm nay thành phố hoàn thành nhiều chỉ tiêu. " * 5)
    assert entities(doc, "Person") == {}


def test_a_person_named_in_an_event_is_kept_and_a_ward_named_after_one_is_not_a_person():
    doc = run("Kỷ niệm 120 năm ngày sinh đồng chí Trần Văn Bình; họp tại phường Hoàng Văn Thụ.")
    assert "Trần Văn Bình" in entities(doc, "Person")
    assert "Hoàng Văn Thụ" not in entities(doc, "Person")


def test_projects_from_enumerations_and_where_they_are():
    doc = run(HOME + "Các công trình hoàn thành gồm: (1) Cải tạo, nâng cấp đường Hùng Vương, phường Trần Phú; "
                     "(2) Xây mới trường Tiểu học Lê Lợi; (3) Kè suối Thương.")
    projects = entities(doc, "Project")
    assert {"Cải tạo, nâng cấp đường Hùng Vương, phường Trần Phú", "Xây mới trường Tiểu học Lê Lợi",
            "Kè suối Thương"} <= set(projects)
    assert ("locatedIn", "Cải tạo, nâng cấp đường Hùng Vương, phường Trần Phú", "phường Trần Phú", None) in facts(doc)


def test_an_event_held_somewhere():
    doc = run(HOME + "Đoàn dự Hội chợ Thương mại Biên giới năm 2024 tại thành phố Bắc Giang.")
    assert ("locatedIn", "Hội chợ Thương mại Biên giới năm 2024", "thành phố Bắc Giang", None) in facts(doc)


def test_what_a_resolution_is_about():
    doc = run(HOME + "Nghị quyết số 12-NQ/TU ngày 1/2/2024 của Tỉnh ủy về phát triển phường Trần Phú; "
                     "Kế hoạch số 9/KH-UBND về thực hiện Nghị quyết số 3-NQ/TW của Bộ Chính trị.")
    got = facts(doc)
    assert ("about", "Nghị quyết số 12-NQ/TU", "phường Trần Phú", None) in got
    assert not any(f[0] == "about" and f[2] == "Bộ Chính trị" for f in got)


def test_a_list_of_numbers_shares_type_date_and_issuer():
    doc = run(HOME + "Thực hiện Chỉ thị số 07, 08 ngày 2/3/2019 của Ban Thường vụ Tỉnh ủy Bắc Giang.")
    res = entities(doc, "Resolution")
    assert {"Chỉ thị số 07", "Chỉ thị số 08"} <= set(res)
    assert res["Chỉ thị số 08"].attrs.date == "2019-03-02"
    got = facts(doc)
    for name in ("Chỉ thị số 07", "Chỉ thị số 08"):
        assert ("issuedBy", name, "Ban Thường vụ Tỉnh ủy Bắc Giang", None) in got


def test_a_resolution_named_by_its_congress():
    doc = run(HOME + "Quyết tâm thực hiện Nghị quyết Đại hội Đảng bộ tỉnh Bắc Giang lần thứ XX, nhiệm kỳ 2025 - 2030.")
    assert "Nghị quyết Đại hội Đảng bộ tỉnh Bắc Giang lần thứ XX, nhiệm kỳ 2025 - 2030" in entities(doc, "Resolution")
    assert "Đại hội Đảng bộ tỉnh Bắc Giang lần thứ XX, nhiệm kỳ 2025 - 2030" in entities(doc, "Event")


def test_provinces_and_districts_carry_their_official_codes():
    doc = run("Đoàn công tác của tỉnh Bắc Giang làm việc tại huyện Lục Nam.")
    places = entities(doc, "Place")
    assert places["tỉnh Bắc Giang"].attrs.code == "24"
    assert places["huyện Lục Nam"].attrs.code == "218"


def test_a_working_session_is_named_by_who_meets_whom():
    doc = run(HOME + "Thường trực Tỉnh ủy Bắc Giang làm việc với Ban Thường vụ Thành ủy Bắc Giang và "
                     "phường Trần Phú.")
    name = ("Buổi làm việc của Thường trực Tỉnh ủy Bắc Giang với Ban Thường vụ Thành ủy Bắc Giang "
            "và phường Trần Phú")
    assert name in entities(doc, "Event")
    got = facts(doc)
    for agent in ("Thường trực Tỉnh ủy Bắc Giang", "Ban Thường vụ Thành ủy Bắc Giang"):
        assert ("participant", name, agent, None) in got
    assert ("participant", name, "phường Trần Phú", None) not in got  # a ward is no agent


def test_a_working_visit_is_named_by_its_purpose():
    doc = run(HOME + "Ngày 3/5, đoàn công tác Thành ủy, HĐND thành phố do đồng chí Trần Văn Bình làm "
                     "trưởng đoàn đã đến trao đổi kinh nghiệm cải cách hành chính tại huyện Lục Nam.")
    name = "Trao đổi kinh nghiệm cải cách hành chính tại huyện Lục Nam"
    assert name in entities(doc, "Event")
    got = facts(doc)
    assert ("participant", name, "Trần Văn Bình", None) in got
    assert ("participant", name, "Hội đồng nhân dân thành phố Bắc Giang", None) in got
    assert ("locatedIn", name, "huyện Lục Nam", None) in got


def test_names_with_lists_and_two_names_joined_by_va():
    doc = run(HOME + "Sở Văn hóa, Thể thao và Du lịch phối hợp; Trường Tiểu học Đa Mai và Trường THCS "
                     "Ngô Sĩ Liên tham gia; Công ty TNHH Minh Long trưng bày sản phẩm.")
    orgs = entities(doc, "Organisation")
    assert "Sở Văn hóa, Thể thao và Du lịch tỉnh Bắc Giang" in orgs
    assert "Trường Tiểu học Đa Mai" in orgs
    assert "Trường Trung học cơ sở Ngô Sĩ Liên" in orgs
    assert "Công ty trách nhiệm hữu hạn Minh Long" in orgs


def test_a_post_title_before_a_body_and_a_name():
    doc = run(HOME + "Giám đốc Sở Tài chính Hoàng Thị Lan trình bày; Chủ tịch HĐND tỉnh Trần Văn Bình phát biểu.")
    orgs = entities(doc, "Organisation")
    assert "Sở Tài chính tỉnh Bắc Giang" in orgs
    assert "Hội đồng nhân dân tỉnh Bắc Giang" in orgs
    assert not any("Lan" in n or "Bình" in n for n in orgs)


def test_standing_in_a_post_title_is_no_organ():
    doc = run(HOME + "Đồng chí Trần Văn Bình, Phó Chủ tịch Thường trực UBND tỉnh phát biểu.")
    assert ("holdsPost", "Trần Văn Bình", "Ủy ban nhân dân tỉnh Bắc Giang", "Phó Chủ tịch Thường trực") in facts(doc)
    assert not any(n.startswith("Thường trực") for n in entities(doc, "Organisation"))


def test_the_fatherland_front_committee_in_its_short_forms():
    doc = run(HOME + "Ủy ban MTTQ Việt Nam tỉnh và UB MTTQ thành phố phát động.")
    orgs = entities(doc, "Organisation")
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Giang" in orgs
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Bắc Giang" in orgs


def test_boards_of_a_committee_or_council_and_their_heads():
    doc = run(HOME + "Đồng chí Trần Văn Bình, Trưởng Ban Tổ chức Tỉnh ủy; bà Hoàng Thị Lan, "
                     "Trưởng ban Kinh tế - Ngân sách HĐND tỉnh dự họp.")
    got = facts(doc)
    assert ("holdsPost", "Trần Văn Bình", "Ban Tổ chức Tỉnh ủy Bắc Giang", "Trưởng ban") in got \
        or ("holdsPost", "Trần Văn Bình", "Ban Tổ chức Tỉnh ủy", "Trưởng ban") in got
    assert any(f[0] == "subOrganizationOf" and f[1].startswith("Ban Tổ chức Tỉnh ủy") and f[2] == "Tỉnh ủy Bắc Giang"
               for f in got)
    assert ("holdsPost", "Hoàng Thị Lan", "Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh Bắc Giang", "Trưởng ban") in got
    assert ("subOrganizationOf", "Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh Bắc Giang",
            "Hội đồng nhân dân tỉnh Bắc Giang", None) in got


def test_posts_after_a_title_before_the_name():
    doc = run(HOME + "Giám đốc Sở Tài chính Hoàng Thị Lan trình bày tờ trình.")
    assert ("holdsPost", "Hoàng Thị Lan", "Sở Tài chính tỉnh Bắc Giang", "Giám đốc") in facts(doc)


def test_attendees_of_the_main_event_in_later_sentences():
    doc = run("Chủ nhật, 07/04/2024\n\nSáng 6/4, Tỉnh ủy Bắc Giang tổ chức Hội nghị lần thứ 12. "
              "Cùng dự có đồng chí Trần Văn Bình, Chủ tịch UBND tỉnh. "
              "Tại hội nghị, bà Hoàng Thị Lan trình bày báo cáo.")
    got = facts(doc)
    assert ("organisedBy", "Hội nghị lần thứ 12", "Tỉnh ủy Bắc Giang", None) in got
    assert ("participant", "Hội nghị lần thứ 12", "Trần Văn Bình", None) in got
    assert ("participant", "Hội nghị lần thứ 12", "Hoàng Thị Lan", None) in got


def test_a_meeting_named_by_its_ordinal_without_its_body_is_the_one_meeting_of_that_ordinal():
    doc = run("ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ XÃ TÂN MỸ LẦN THỨ I, NHIỆM KỲ 2025-2030\n\n"
              "Ngày 20/7/2025, Đảng bộ xã Tân Mỹ đã long trọng tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025-2030. "
              "Kỳ họp thứ chín HĐND tỉnh khóa XVI sẽ khai mạc. Sau đó kỳ họp HĐND tỉnh lần thứ chín bế mạc.")
    events = entities(doc, "Event")
    congress = [e for e in events.values() if e.name.lower().startswith("đại hội")]
    sessions = [e for e in events.values() if e.name.lower().startswith("kỳ họp")]
    assert len(congress) == 1 and len(congress[0].mentions) == 2
    assert len(sessions) == 1 and len(sessions[0].mentions) == 2
    assert ("organisedBy", congress[0].name, "Đảng bộ xã Tân Mỹ", None) in facts(doc)  # "đã long trọng tổ chức"


def test_a_bare_meeting_of_an_ordinal_two_bodies_share_is_merged_with_neither():
    doc = run("Đại hội Đảng bộ xã Tân Mỹ lần thứ I và Đại hội Đảng bộ xã Tân Lập lần thứ I được tổ chức. "
              "Sau đó Đại hội lần thứ I của huyện diễn ra.")
    keys = {e.key for e in entities(doc, "Event").values()}
    assert len(keys) == 3, keys


def test_each_body_of_a_list_before_the_organising_verb_organises():
    doc = run("Ngày 25/7/2022, Huyện ủy, HĐND, UBND, UBMTTQ huyện Văn Lãng đã tổ chức Lễ viếng nghĩa trang liệt sĩ "
              "huyện.")
    organisers = {o for p, _, o, _ in facts(doc) if p == "organisedBy"}
    assert {"Huyện ủy Văn Lãng", "Hội đồng nhân dân huyện Văn Lãng", "Ủy ban nhân dân huyện Văn Lãng",
            "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Văn Lãng"} <= organisers


def test_a_unit_name_may_open_with_a_one_letter_syllable():
    doc = run("Hội đồng nhân dân huyện A Lưới tổ chức kỳ họp chuyên đề lần thứ hai. UBND HUYỆN A LƯỚI họp.")
    assert {"Hội đồng nhân dân huyện A Lưới", "Ủy ban nhân dân huyện A Lưới"} <= set(entities(doc, "Organisation"))
    assert ("organisedBy", "Kỳ họp chuyên đề lần thứ hai", "Hội đồng nhân dân huyện A Lưới", None) in facts(doc)


def test_an_event_is_located_at_the_venue_where_it_is_said_to_take_place():
    doc = run("Theo kế hoạch, Lễ công bố quyết định công nhận thành phố sẽ được tổ chức vào ngày 25-9-2020 "
              "tại Hội trường 19-5 (TP. Pleiku).")
    assert ("Place", "Hội trường 19-5") in {(e.type, e.name) for e in doc.entities}
    assert ("locatedIn", "Lễ công bố quyết định công nhận thành phố", "Hội trường 19-5", None) in facts(doc)
    venue = run("Đoàn đến thăm tại cửa khẩu quốc tế Hữu Nghị, tỉnh Lạng Sơn.")
    assert "cửa khẩu quốc tế Hữu Nghị" in {e.name for e in venue.entities if e.type == "Place"}


def test_hamlets_and_neighbourhoods_are_places_and_an_event_may_be_held_in_one():
    doc = run("Sáng 11/11/2025, ấp Đồn Điền 1, xã La Ngà tổ chức Ngày hội Đại đoàn kết toàn dân tộc. "
              "Hội nghị đại biểu Nhân dân tổ dân phố số 8 được tổ chức tại khu phố 6.")
    places = {e.name for e in doc.entities if e.type == "Place"}
    assert {"ấp Đồn Điền 1", "tổ dân phố số 8", "khu phố 6"} <= places


def test_an_office_that_issues_is_an_organisation_where_it_issues_not_as_a_post():
    doc = run("Thực hiện Quyết định số 1234/QĐ-TTg của Thủ tướng Chính phủ về việc công nhận.")
    assert ("issuedBy", "Quyết định số 1234/QĐ-TTg", "Thủ tướng Chính phủ", None) in facts(doc)
    post = run("Đồng chí Phạm Minh Chính, Thủ tướng Chính phủ phát biểu. Thủ tướng Chính phủ Phạm Minh Chính chủ trì.")
    assert "Thủ tướng Chính phủ" not in entities(post, "Organisation")
    assert ("holdsPost", "Phạm Minh Chính", "Chính phủ", "Thủ tướng") in facts(post)


def test_a_national_body_written_short_gets_its_official_name():
    doc = run("Theo Chỉ thị số 05-CT/TW của Ban Bí thư và kết luận của Trung ương Đảng.")
    assert {"Ban Bí thư Trung ương Đảng", "Ban Chấp hành Trung ương Đảng"} <= set(entities(doc, "Organisation"))
    assert "Ban Bí thư" in entities(doc, "Organisation")["Ban Bí thư Trung ương Đảng"].labels


def test_the_party_organisation_of_an_agency_and_of_a_bloc():
    doc = run("Đảng ủy Thanh tra tỉnh Lâm Đồng và Đảng bộ Ủy ban nhân dân tỉnh Lâm Đồng được khen. Có mặt đại diện "
              "Đảng ủy Khối Doanh nghiệp thành phố Hải Phòng, Đảng ủy Khu Kinh tế thành phố Hải Phòng.")
    assert {"Đảng ủy Thanh tra tỉnh Lâm Đồng", "Đảng bộ Ủy ban nhân dân tỉnh Lâm Đồng",
            "Đảng ủy Khối Doanh nghiệp thành phố Hải Phòng",
            "Đảng ủy Khu Kinh tế thành phố Hải Phòng"} <= set(entities(doc, "Organisation"))
    assert "Đảng ủy phường Vĩnh Trại" in entities(run("Bí thư Đảng ủy phường Vĩnh Trại dự."), "Organisation")


def test_a_sentence_end_after_a_level_word_is_no_unit_name_and_a_term_is_no_name():
    doc = run("Dự có Chủ tịch Hội Nông dân huyện. Về phía xã có ông Trần Văn An. HĐND xã Khóa XX họp. "
              "UBND TP. Hạ Long và UBND Tp. Hạ Long là một.")
    names = set(entities(doc, "Organisation"))
    assert not any(n.endswith(("Về", "Khóa XX", "Khóa")) for n in names), names
    assert "Ủy ban nhân dân thành phố Hạ Long" in names


def test_a_name_goes_on_over_a_list_of_activities_a_list_of_numbers_and_the_kind_of_session():
    doc = run("Sáng 14/9, Đảng ủy xã tổ chức Hội nghị học tập, quán triệt và triển khai Nghị quyết Đại hội đại biểu "
              "Đảng bộ xã Tân Mỹ lần thứ I. Tối 6/3, Hội nghị đại biểu Nhân dân tổ dân phố số 8,9 phường Vĩnh Trại "
              "được tổ chức. Sáng 18/10, HĐND tỉnh tổ chức Kỳ họp thứ mười ba (kỳ họp chuyên đề) HĐND tỉnh Lạng Sơn "
              "khóa XVII.")
    names = set(entities(doc, "Event"))
    assert "Hội nghị học tập, quán triệt và triển khai Nghị quyết Đại hội đại biểu Đảng bộ xã Tân Mỹ lần thứ I" in names
    assert "Hội nghị đại biểu Nhân dân tổ dân phố số 8,9 phường Vĩnh Trại" in names
    assert any(n.startswith("Kỳ họp thứ mười ba (kỳ họp chuyên đề) Hội đồng nhân dân tỉnh Lạng Sơn") for n in names)
    clause = run("Sáng 3/4, UBND tỉnh tổ chức Hội nghị tổng kết, thu hút 200 đại biểu.")
    assert "Hội nghị tổng kết" in entities(clause, "Event")  # a clause after the comma is no part of it


def test_an_event_named_again_with_a_determiner_or_followed_by_its_predicate_is_no_new_event():
    for text in ("Kỳ họp chuyên đề lần này có ý nghĩa quan trọng.", "Kỳ họp tổ chức trong 3 ngày, từ ngày 11/7.",
                 "Ngày hội không chỉ là dịp gặp gỡ."):
        assert not entities(run(text), "Event"), text
    doc = run("Chiều 27-8, UBND tỉnh họp triển khai kế hoạch tổ chức lễ công bố quyết định công nhận TP. Pleiku là "
              "đô thị loại I.")
    assert "Lễ công bố quyết định công nhận TP. Pleiku" in entities(doc, "Event")


def test_a_meeting_in_lower_case_that_is_chaired_is_a_particular_meeting():
    doc = run("Ngày 14/8/2013, Phó Chủ tịch UBND Quận 8 Võ Văn Hùng đã chủ trì buổi hội nghị tiếp xúc, đối thoại "
              "trực tiếp với nhân dân.")
    assert ("participant", "Hội nghị tiếp xúc, đối thoại trực tiếp với nhân dân", "Võ Văn Hùng", None) in facts(doc)
    assert not entities(run("Các hội nghị tiếp xúc cử tri được duy trì."), "Event")


def test_a_notices_venue_line_locates_its_event():
    doc = run("THÔNG BÁO\nTriệu tập Kỳ họp thứ 16 HĐND tỉnh khóa XVII\nThời gian: 1 ngày.\n"
              "Địa điểm: Tại Hội trường HĐND – UBND tỉnh.\n")
    assert ("locatedIn", "Kỳ họp thứ 16 Hội đồng nhân dân tỉnh khóa XVII", "Hội trường HĐND – UBND tỉnh",
            None) in facts(doc)


def test_a_name_with_dashes_between_words_is_also_labelled_with_spaced_dashes():
    doc = run("Sáng 29/5/2016, UBND phường tổ chức Lễ phát động phong trào “Vì thành phố văn minh-sạch đẹp-an toàn”.")
    (event,) = entities(doc, "Event").values()
    assert "Lễ phát động phong trào “Vì thành phố văn minh - sạch đẹp - an toàn”" in event.labels
    assert not any("2021 - 2026" in label for e in run("Nhiệm kỳ 2021-2026 của Hội nghị lần thứ 3.").entities
                   for label in e.labels)


def test_the_commune_of_the_headline_named_most_is_home_though_another_is_named_often():
    filler = "Các đại biểu đã thảo luận sôi nổi, thẳng thắn về nội dung của các tờ trình. " * 8
    text = ("HĐND xã Tân Mỹ tổ chức kỳ họp chuyên đề\n\nSáng 29/9/2024, HĐND xã Tân Mỹ tổ chức kỳ họp. "
            + filler + "Kỳ họp xem xét đề án của xã Tân Mỹ về việc sáp nhập thôn Đông của xã Tân Lập. "
            "Xã Tân Lập có 5 thôn. Xã Tân Lập đồng ý. Xã Tân Mỹ có 7 thôn. Đại biểu HĐND xã biểu quyết.")
    doc = run(text)
    assert str(doc.context["home"]["xã"]) == "xã Tân Mỹ"
    assert "Hội đồng nhân dân xã" not in entities(doc, "Organisation")


def test_a_body_in_a_documents_clause_is_its_topic_only_after_what_is_done_to_it():
    doc = run("Ban Bí thư ban hành Chỉ thị số 42-CT/TW về tiếp tục đổi mới, nâng cao chất lượng hoạt động của "
              "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam. UBND tỉnh ban hành Kế hoạch số 15/KH-UBND về việc "
              "tổ chức hội nghị của HĐND tỉnh Bắc Giang.")
    about = {(s, o) for p, s, o, _ in facts(doc) if p == "about"}
    assert any(o.startswith("Liên hiệp các Hội Khoa học") for _, o in about), about
    assert not any(o.startswith("Hội đồng nhân dân tỉnh") for _, o in about), about


def test_the_unit_of_the_body_a_meeting_is_of_is_not_where_it_is_held():
    doc = run("Sáng 15/7/2019, Đại hội Đảng bộ quận Hai Bà Trưng lần thứ XXVI khai mạc. Sáng 2/8/2019, UBND phường "
              "tổ chức Lễ khánh thành nhà văn hóa thôn Bản Làn, xã Mai Pha.")
    located = {(s, o) for p, s, o, _ in facts(doc) if p == "locatedIn"}
    assert not any(o == "quận Hai Bà Trưng" for _, o in located), located
    assert any(o == "xã Mai Pha" for _, o in located), located
    caps = run("KỲ HỌP THỨ NHẤT HĐND HUYỆN VĂN LÃNG KHÓA XX")
    assert not any("Khóa" in e.name or "KHÓA" in e.name for e in caps.entities if e.type == "Place")


def test_a_headline_in_capitals_keeps_the_year_after_its_quoted_title():
    doc = run('LỄ PHÁT ĐỘNG PHONG TRÀO "VÌ THÀNH PHỐ VĂN MINH" NĂM 2016\n\nLễ phát động được tổ chức tại phường.')
    assert any(e.name.endswith("NĂM 2016") or e.name.endswith("năm 2016") for e in entities(doc, "Event").values())


def test_the_signer_field_of_a_legal_document_database_and_a_broadcaster_with_a_dash():
    doc = run("Loại văn bản : Quyết định Số hiệu : 15/2014/QĐ-UBND\nNgười ký : Dương Ngọc Long Nơi ban hành : "
              "UBND TỈNH THÁI NGUYÊN\nĐài Phát thanh - Truyền hình Hậu Giang đưa tin.")
    assert "Dương Ngọc Long" in entities(doc, "Person")
    assert "Đài Phát thanh - Truyền hình Hậu Giang" in entities(doc, "Organisation")


def test_names_listed_after_a_plural_honorific_are_persons():
    doc = run("Các đồng chí Hoàng Văn Nghiệm, Hồ Tiến Thiệu và Lâm Thị Phương Thanh tái đắc cử. "
              "Các đồng chí lãnh đạo tỉnh dự.")
    assert set(entities(doc, "Person")) == {"Hoàng Văn Nghiệm", "Hồ Tiến Thiệu", "Lâm Thị Phương Thanh"}


def test_a_known_programme_in_quotes_runs_to_its_closing_quote():
    doc = run("Biểu dương các tập thể tiêu biểu trong phong trào thi đua “Toàn dân đoàn kết xây dựng đời sống văn hóa "
              "ở khu dân cư”. Thực hiện phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”, xã đạt chuẩn.")
    names = set(entities(doc, "Project"))
    assert "Phong trào thi đua “Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư”" in names
    assert "Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”" in names


def test_bodies_whose_representatives_attend_take_part_and_organisers_do_not():
    doc = run("Thứ hai, 15/07/2019\nTin\nSáng 12/7, UBND huyện Yên Dũng tổ chức Hội nghị sơ kết công tác 6 tháng. "
              "Tham dự có đại diện lãnh đạo Huyện ủy, HĐND huyện Yên Dũng và Ủy ban MTTQ huyện. "
              "Đồng chí Nguyễn Văn An, Chủ tịch UBND huyện chủ trì.")
    got = {o for p, s, o, _ in facts(doc) if p == "participant" and s == "Hội nghị sơ kết công tác 6 tháng"}
    assert {"Huyện ủy Yên Dũng", "Hội đồng nhân dân huyện Yên Dũng",
            "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Yên Dũng"} <= got
    assert "Ủy ban nhân dân huyện Yên Dũng" not in got  # it organises


def test_the_bodies_of_a_delegation_take_part_in_its_visit():
    doc = run("Tin\nChiều 20/5/2024, đoàn công tác Huyện ủy, HĐND, UBND huyện Yên Dũng đến thăm và làm việc "
              "tại Hội chợ nông sản Lục Ngạn.")
    got = {o for p, _, o, _ in facts(doc) if p == "participant"}
    assert {"Huyện ủy Yên Dũng", "Hội đồng nhân dân huyện Yên Dũng", "Ủy ban nhân dân huyện Yên Dũng"} <= got


def test_a_word_of_the_token_layer_is_a_word_not_a_syllable_of_another():
    from kg.extract._relate import words_in

    doc = run("Đoàn đã dự hội nghị về dự án đường và dự kiến kế hoạch.")
    found = [doc.norm.text[b:e] for b, e in words_in(doc, 0, len(doc.norm.text), ("dự",))]
    assert found == ["dự"]


def test_the_main_event_is_the_one_the_lead_holds_not_the_one_the_headline_plans():
    doc = run("Thường trực HĐND tỉnh cho ý kiến về nội dung Kỳ họp thứ 20 HĐND tỉnh\n\n"
              "Chiều 3/11/2024, Thường trực HĐND tỉnh Bắc Giang tổ chức Hội nghị liên tịch cho ý kiến về "
              "nội dung Kỳ họp thứ 20. Dự hội nghị có đồng chí Trần Văn Bình, Phó Chủ tịch UBND tỉnh.")
    got = {(p, s, o) for p, s, o, _ in facts(doc) if p == "participant"}
    assert any(s.startswith("Hội nghị liên tịch") and o == "Trần Văn Bình" for _, s, o in got), got
    assert not any(s.startswith("Kỳ họp thứ 20") for _, s, _ in got)


def test_a_meeting_is_organised_by_the_body_it_is_of_and_by_co_organisers():
    doc = run(HOME + "Kỳ họp thứ 15 HĐND tỉnh khóa XIX bế mạc. Sở Công Thương phối hợp với "
                     "UBND thành phố tổ chức Hội chợ Thương mại Biên giới năm 2024.")
    got = facts(doc)
    assert ("organisedBy", "Kỳ họp thứ 15 Hội đồng nhân dân tỉnh khóa XIX", "Hội đồng nhân dân tỉnh Bắc Giang", None) in got
    for org in ("Sở Công Thương tỉnh Bắc Giang", "Ủy ban nhân dân thành phố Bắc Giang"):
        assert ("organisedBy", "Hội chợ Thương mại Biên giới năm 2024", org, None) in got


def test_one_meeting_under_several_wordings_and_a_venue_named_after_meetings():
    doc = run(HOME + "Bế mạc Kỳ họp thứ 15 HĐND tỉnh khóa XIX. Kỳ họp thứ 15 (kỳ họp thường lệ) đã thông qua "
                     "12 nghị quyết tại Trung tâm Hội nghị tỉnh.")
    events = entities(doc, "Event")
    assert list(events) == ["Kỳ họp thứ 15 Hội đồng nhân dân tỉnh khóa XIX"]
    assert len(events["Kỳ họp thứ 15 Hội đồng nhân dân tỉnh khóa XIX"].mentions) == 2


def test_numbers_with_a_legislature_term():
    doc = run("Căn cứ Nghị quyết số 1679/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội.")
    res = entities(doc, "Resolution")["Nghị quyết số 1679/NQ-UBTVQH15"]
    assert res.attrs.number == "1679/NQ-UBTVQH15" and res.attrs.issuer_code == "UBTVQH"
    assert ("issuedBy", "Nghị quyết số 1679/NQ-UBTVQH15", "Ủy ban Thường vụ Quốc hội", None) in facts(doc)


def test_projects_listed_after_gom_and_ended_by_their_place():
    doc = run(HOME + "Hoàn thành 03 công trình, gồm: Nhà văn hóa thôn Đông, xã Đồng Phúc; Kè ao thôn Bắc, "
                     "xã Quỳnh Sơn; Đường giao thông nội đồng xã Tân Tiến. Triển khai Chương trình mục tiêu "
                     "quốc gia giảm nghèo bền vững tại thành phố Bắc Giang.")
    projects = entities(doc, "Project")
    assert {"Nhà văn hóa thôn Đông, xã Đồng Phúc", "Kè ao thôn Bắc, xã Quỳnh Sơn"} <= set(projects)
    name = "Chương trình mục tiêu quốc gia giảm nghèo bền vững"
    assert name in projects
    assert ("locatedIn", name, "thành phố Bắc Giang", None) in facts(doc)


def test_a_comma_does_not_join_a_place_and_the_next_clause():
    doc = run(HOME + "Sáng 6/4, tại Trung tâm Hội nghị tỉnh, Tỉnh ủy Bắc Giang tổ chức Hội nghị lần thứ 12.")
    assert list(entities(doc, "Event")) == ["Hội nghị lần thứ 12"]


def test_numbers_name_villages_not_districts_and_peers_are_not_nested():
    doc = run(HOME + "Ngân sách huyện 427,5 tỷ đồng; khối 2 và thôn 5 được hỗ trợ; tại huyện Lục Nam, huyện Lục Ngạn.")
    places = entities(doc, "Place")
    assert "khối 2" in places and "thôn 5" in places
    assert not any(n.startswith("huyện 4") for n in places)
    assert not any(f[0] == "locatedIn" and f[1] == "huyện Lục Nam" for f in facts(doc))


def test_a_unit_named_once_in_passing_beside_others_is_not_the_home():
    doc = run("UBND tỉnh Bắc Giang chỉ đạo. " + "Công tác được triển khai đồng bộ. " * 30 +
              "Đoàn đã đến huyện Lục Nam và huyện Lạng Giang. UBND huyện kiểm tra.")
    assert "huyện" not in doc.context["home"]


def test_odd_inputs_do_not_break_a_document():
    assert run("UBND Tp Bắc Giang tổ chức hội nghị.").entities  # "Tp" as well as "TP"
    assert "Tỉnh ủy" in entities(run("Thực hiện kế hoạch của  Tỉnh  ủy,  UBND tỉnh."), "Organisation")  # spaced twice
    doc = run("Căn cứ Quyết định số 12/QĐ-UBND ngày 31/02/2020 của UBND tỉnh.")
    assert entities(doc, "Resolution")["Quyết định số 12/QĐ-UBND"].attrs.date is None  # no such day
    long_text = "các đơn vị phối hợp thực hiện nhiệm vụ " * 400  # a text with no full stop
    assert run(long_text).tokens



def test_a_programme_named_by_an_abbreviation_runs_through_its_verbs():
    doc = run("Huyện thực hiện chương trình MTQG giảm nghèo bền vững, chương trình MTQG phát triển KTXH "
              "vùng đồng bào dân tộc thiểu số và miền núi theo kế hoạch.")
    assert set(entities(doc, "Project")) == {
        "Chương trình mục tiêu quốc gia giảm nghèo bền vững",
        "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi"}


def test_a_named_urban_area_is_a_project_once():
    doc = run("Đẩy nhanh Khu đô thị Nam Sơn II; Khu tái định cư Đồng Bẩm tại phường Hoàng Văn Thụ. "
              "Khởi công Dự án Khu đô thị mới Bắc Giang. Cải tạo hệ thống thoát nước khu đô thị phía Tây.")
    projects = set(entities(doc, "Project"))
    assert {"Khu đô thị Nam Sơn II", "Khu tái định cư Đồng Bẩm", "Dự án Khu đô thị mới Bắc Giang"} <= projects
    assert "Khu đô thị mới Bắc Giang" not in projects
    assert not any("phía Tây" in p and p.startswith("Khu") for p in projects)


def test_a_heading_in_capitals_does_not_run_into_the_next_line():
    doc = run("ỦY BAN NHÂN DÂN THÀNH PHỐ HÒA BÌNH\nBáo cáo kết quả công tác tháng 3 năm 2024\n"
              "Phòng Tài chính - Kế hoạch thành phố báo cáo tiến độ giải ngân.")
    names = set(entities(doc, "Organisation"))
    assert "Phòng Tài chính - Kế hoạch thành phố Hòa Bình" in names
    assert not any("Báo" in n for n in names)


def test_a_nationwide_programme_keeps_its_commas_and_ends_with_its_unit_or_period():
    doc = run("Huyện hoàn thành Chương trình xóa nhà tạm, nhà dột nát trên địa bàn huyện Bảo Lạc trước ngày 30/8. "
              "Các xã thực hiện chương trình MTQG giảm nghèo bền vững giai đoạn 2021 - 2025, đạt kế hoạch.")
    assert set(entities(doc, "Project")) == {
        "Chương trình xóa nhà tạm, nhà dột nát trên địa bàn huyện Bảo Lạc",
        "Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021 - 2025"}


def test_the_only_province_a_document_names_is_its_own():
    filler = "Các xã tiếp tục thực hiện nhiệm vụ phát triển kinh tế, bảo đảm an sinh xã hội trên địa bàn. " * 8
    doc = run(filler + "Huyện đã báo cáo UBND tỉnh Hà Giang kết quả thực hiện. UBND tỉnh giao chỉ tiêu mới.")
    assert "Ủy ban nhân dân tỉnh Hà Giang" in entities(doc, "Organisation")
    assert "Ủy ban nhân dân tỉnh" not in entities(doc, "Organisation")
    two = run(filler + "Đoàn công tác tỉnh Hà Giang làm việc với tỉnh Cao Bằng. UBND tỉnh giao chỉ tiêu mới.")
    assert "Ủy ban nhân dân tỉnh Hà Giang" not in entities(two, "Organisation")
    assert "Ủy ban nhân dân tỉnh Cao Bằng" not in entities(two, "Organisation")


def test_a_ceremony_of_giving_is_named_with_whom_it_gives_to():
    doc = run("Hội Chữ thập đỏ huyện tổ chức lễ trao 30 suất quà Tết cho người cao tuổi, người khuyết tật "
              "tại xã Bằng Khánh. Lễ khai mạc Hội chợ Xuân cho thấy sức sống mới của địa phương.")
    events = set(entities(doc, "Event"))
    assert "Lễ trao 30 suất quà Tết cho người cao tuổi, người khuyết tật" in events
    assert not any("cho thấy" in e for e in events)


def test_a_verb_glued_to_the_last_syllable_of_a_name_is_cut_off():
    doc = run("Tại hội chợ, Công ty TNHH Thực phẩm Sạch Hạ Lang trưng bày nhiều sản phẩm. Sở Xây dựng tỉnh kiểm tra.")
    names = set(entities(doc, "Organisation"))
    assert "Công ty trách nhiệm hữu hạn Thực phẩm Sạch Hạ Lang" in names
    assert any(n.startswith("Sở Xây dựng") for n in names)  # a compound word, not a glued verb


def test_a_quoted_title_keeps_its_ordinal_and_period_and_is_one_thing_with_or_without_them():
    doc = run("Hội Liên hiệp Phụ nữ huyện Bảo Yên tổ chức Hội thi “Phụ nữ khéo tay” lần thứ III năm 2024. "
              "Huyện phát động phong trào thi đua “Chung sức xây dựng nông thôn mới” giai đoạn 2021 - 2025. "
              "Sau 3 năm, phong trào thi đua “Chung sức xây dựng nông thôn mới” đạt kết quả tốt.")
    assert "Hội thi “Phụ nữ khéo tay” lần thứ III năm 2024" in entities(doc, "Event")
    projects = entities(doc, "Project")
    assert list(projects) == ["Phong trào thi đua “Chung sức xây dựng nông thôn mới” giai đoạn 2021 - 2025"]


def test_a_sentence_that_opens_with_the_honorific_ong_does_not_make_it_a_surname():
    doc = run("Ông Lê Minh Tuấn, Giám đốc Sở Giáo dục và Đào tạo tỉnh Nghệ An cho biết kết quả.")
    assert set(entities(doc, "Person")) == {"Lê Minh Tuấn"}


def test_a_work_after_its_head_ends_before_a_clause_about_it():
    doc = run("Dự án Nâng cấp, mở rộng Quốc lộ 4B đoạn qua xã Đông Xá có tổng mức đầu tư 150 tỷ đồng. "
              "Hạng mục: Cải tạo, nâng cấp đường Trần Phú (đoạn từ cầu A đến cầu B) đã hoàn thành.")
    assert set(entities(doc, "Project")) == {"Dự án Nâng cấp, mở rộng Quốc lộ 4B đoạn qua xã Đông Xá",
                                              "Hạng mục Cải tạo, nâng cấp đường Trần Phú (đoạn từ cầu A đến cầu B)"}


def test_a_council_session_is_named_with_its_term_and_more_public_bodies_are_known():
    doc = run("Kỳ họp thứ 15 HĐND tỉnh Yên Bái khóa XVI, nhiệm kỳ 2021 - 2026 đã bế mạc. Viện Kiểm sát nhân dân "
              "huyện Văn Chấn, Tòa án nhân dân tỉnh Yên Bái và Bảo hiểm xã hội huyện Văn Chấn phối hợp kiểm tra.")
    assert "Kỳ họp thứ 15 Hội đồng nhân dân tỉnh Yên Bái khóa XVI, nhiệm kỳ 2021 - 2026" in entities(doc, "Event")
    assert {"Viện Kiểm sát nhân dân huyện Văn Chấn", "Tòa án nhân dân tỉnh Yên Bái",
            "Bảo hiểm xã hội huyện Văn Chấn"} <= set(entities(doc, "Organisation"))


def test_a_post_body_and_name_read_as_a_post_not_as_a_unit_named_like_a_person():
    doc = run("Đồng chí Chủ tịch UBND tỉnh Vũ Đức Minh trao quà cho các gia đình chính sách. "
              "UBND phường Hoàng Văn Thụ tổ chức hội nghị.")
    assert ("holdsPost", "Vũ Đức Minh", "Ủy ban nhân dân tỉnh", "Chủ tịch") in facts(doc)
    organisations = set(entities(doc, "Organisation"))
    assert "Ủy ban nhân dân phường Hoàng Văn Thụ" in organisations  # an official ward with a person's name
    assert not any("Vũ Đức Minh" in o for o in organisations)


def test_youth_union_committees_campaigns_and_the_organiser_of_a_meeting_on_a_directive():
    doc = run("Huyện đoàn Bảo Lâm tổ chức Chiến dịch Thanh niên tình nguyện hè năm 2024. "
              "Đảng ủy xã Hợp Thành tổ chức Hội nghị sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị.")
    assert "Huyện đoàn Bảo Lâm" in entities(doc, "Organisation")
    assert "Chiến dịch Thanh niên tình nguyện hè năm 2024" in entities(doc, "Project")
    organisers = {f[2] for f in facts(doc) if f[0] == "organisedBy"}
    assert organisers == {"Đảng ủy xã Hợp Thành"}  # the Politburo issued the directive


def test_the_office_of_the_council_and_committee_is_one_body_even_abbreviated():
    doc = run("Văn phòng HĐND và UBND huyện Tràng Định tham mưu tổ chức hội nghị.")
    assert "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Tràng Định" in entities(doc, "Organisation")
    assert "Văn phòng Hội đồng nhân dân" not in entities(doc, "Organisation")


def test_a_body_said_to_belong_to_another_is_its_sub_organisation():
    doc = run("Phòng Giáo dục và Đào tạo là cơ quan chuyên môn thuộc UBND huyện Văn Lãng. "
              "Các phòng, ban thuộc UBND huyện gồm Phòng Tư pháp.")
    subs = {(f[1], f[2]) for f in facts(doc) if f[0] == "subOrganizationOf"}
    assert subs == {("Phòng Giáo dục và Đào tạo", "Ủy ban nhân dân huyện Văn Lãng")}


def test_a_signature_without_its_tm_line_is_signed_for_the_body_at_the_head():
    doc = run("ỦY BAN NHÂN DÂN\nHUYỆN NGUYÊN BÌNH\nBÁO CÁO\nKết quả công tác tháng 4 năm 2024 của huyện Nguyên Bình.\n"
              "Các xã hoàn thành kế hoạch.\n\n        KT. CHỦ TỊCH\n        PHÓ CHỦ TỊCH\n        Đàm Văn Lực\n")
    assert ("holdsPost", "Đàm Văn Lực", "Ủy ban nhân dân huyện Nguyên Bình", "Phó Chủ tịch") in facts(doc)


# -- the header of an administrative document ------------------------------------------

LETTER = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN TIÊN YÊN Độc lập - Tự do - Hạnh phúc

Số: 218/UBND-VP Tiên Yên, ngày 3 tháng 5 năm 2022

V/v tăng cường công tác phòng chống cháy rừng

Kính gửi: Ủy ban nhân dân các xã, thị trấn.

Ủy ban nhân dân huyện đề nghị các đơn vị chủ động thực hiện./.

KT. CHỦ TỊCH

PHÓ CHỦ TỊCH



Hoàng Văn Minh
"""

DECISION = """HỘI ĐỒNG NHÂN DÂN
TỈNH QUẢNG TRỊ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 45/NQ-HĐND
Quảng Trị, ngày 8 tháng 12 năm 2023
NGHỊ QUYẾT
VỀ KẾ HOẠCH ĐẦU TƯ CÔNG NĂM 2024
Nghị quyết này có hiệu lực từ ngày thông qua./.
CHỦ TỊCH     Nguyễn Đăng Quang
"""


def test_an_official_letter_is_a_resolution_of_the_body_at_its_head():
    doc = run(LETTER, "letter.txt")
    res = entities(doc, "Resolution")["Công văn số 218/UBND-VP"]
    assert res.attrs.date == "2022-05-03"
    assert "Ủy ban nhân dân huyện Tiên Yên" in entities(doc, "Organisation")
    got = facts(doc)
    assert ("issuedBy", "Công văn số 218/UBND-VP", "Ủy ban nhân dân huyện Tiên Yên", None) in got
    assert ("holdsPost", "Hoàng Văn Minh", "Ủy ban nhân dân huyện Tiên Yên", "Phó Chủ tịch") in got
    assert not any("cộng hòa" in name.lower() for name in entities(doc, "Organisation"))


def test_a_resolution_takes_its_type_from_its_title_and_its_signer_from_one_line():
    doc = run(DECISION, "decision.txt")
    assert "Nghị quyết số 45/NQ-HĐND" in entities(doc, "Resolution")
    got = facts(doc)
    assert ("issuedBy", "Nghị quyết số 45/NQ-HĐND", "Hội đồng nhân dân tỉnh Quảng Trị", None) in got
    assert ("holdsPost", "Nguyễn Đăng Quang", "Hội đồng nhân dân tỉnh Quảng Trị", "Chủ tịch") in got


def test_a_news_page_has_no_header():
    from kg.text.header import parse

    assert parse("Thứ hai, 08/01/2024\n\nSáng 8/1, UBND tỉnh tổ chức hội nghị. Số: 12 người dự.") is None


def test_a_document_number_may_follow_a_colon():
    doc = run("Ban hành kèm theo Quyết định số: 59/QĐ-UBND ngày 22/7/2021 của Ủy ban nhân dân xã Tân Hòa.")
    assert "Quyết định số 59/QĐ-UBND" in entities(doc, "Resolution")


def test_a_meeting_is_named_with_the_body_whose_meeting_it_is_and_its_term():
    doc = run("Chiều 3/3/2023, Thường trực HĐND tỉnh tổ chức Hội nghị giao ban quý I năm 2023 của HĐND tỉnh "
              "khóa XVII, nhiệm kỳ 2021 - 2026. Hội nghị giao ban đã thống nhất nhiều nội dung.")
    events = entities(doc, "Event")
    full = "Hội nghị giao ban quý I năm 2023 của Hội đồng nhân dân tỉnh khóa XVII, nhiệm kỳ 2021 - 2026"
    assert full in events
    assert len(events) == 1  # "Hội nghị giao ban" names it again
    assert "Hội nghị giao ban" in events[full].labels


def test_a_headline_in_capitals_keeps_the_term_of_its_congress():
    doc = run("ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ XÃ TÂN LẬP LẦN THỨ I, NHIỆM KỲ 2025-2030 THÀNH CÔNG TỐT ĐẸP\n\n"
              "Ngày 2/8/2025, Đảng bộ xã Tân Lập tổ chức Đại hội.")
    assert any(name.upper().endswith("NHIỆM KỲ 2025-2030") for name in entities(doc, "Event"))


def test_a_body_that_opens_a_clause_after_cua_is_not_part_of_the_meeting():
    doc = run("Hội nghị tổng kết năm 2023 của UBND tỉnh đã diễn ra sáng nay.")
    assert "Hội nghị tổng kết năm 2023 của Ủy ban nhân dân tỉnh" in entities(doc, "Event")
    doc = run("Sau hội nghị tổng kết năm 2023 của ngành, UBND tỉnh đã ban hành kế hoạch.")
    assert not any("Ủy ban" in name for name in entities(doc, "Event"))
    doc = run("Kế hoạch tổ chức hội nghị tổng kết năm 2023 của UBND tỉnh ban hành ngày 2/1/2024.")
    assert not any("Ủy ban" in name for name in entities(doc, "Event"))


def test_a_commune_portal_completes_a_bare_commune_body_with_its_commune():
    doc = run("Kỳ họp thứ 5 HĐND xã Tân Lập\n\nSáng 2/3, HĐND xã Tân Lập tổ chức kỳ họp. Đồng chí Lê Văn Hải, "
              "Chủ tịch HĐND xã phát biểu. Nhân dân xã Tân Lập phấn khởi; xã Tân Lập đạt chuẩn nông thôn mới.")
    assert ("holdsPost", "Lê Văn Hải", "Hội đồng nhân dân xã Tân Lập", "Chủ tịch") in facts(doc)


def test_a_city_report_naming_several_wards_has_no_home_commune():
    doc = run("Thành phố Lạng Sơn: phường Vĩnh Trại, phường Chi Lăng và phường Tam Thanh hoàn thành kế hoạch; "
              "phường Vĩnh Trại, phường Chi Lăng vượt chỉ tiêu. UBND phường chủ động triển khai.")
    assert "phường" not in doc.context["home"]


def test_the_inspection_committee_of_a_party_committee_is_part_of_it():
    doc = run("Dự có đồng chí Lê Văn Thành, Phó Chủ nhiệm Ủy ban Kiểm tra Huyện ủy Bảo Lâm.")
    assert ("subOrganizationOf", "Ủy ban Kiểm tra Huyện ủy Bảo Lâm", "Huyện ủy Bảo Lâm", None) in facts(doc)
    assert ("holdsPost", "Lê Văn Thành", "Ủy ban Kiểm tra Huyện ủy Bảo Lâm", "Phó Chủ nhiệm") in facts(doc)


def test_the_inspectorate_of_a_unit_is_named_with_its_unit_and_the_field_of_work_is_not():
    doc = run(HOME + "Thanh tra tỉnh Bắc Giang công bố kết luận. 7. Công tác Nội vụ, Thanh tra, Tư pháp được tăng cường.")
    assert set(entities(doc, "Organisation")) == {"Thanh tra tỉnh Bắc Giang"}


def test_the_title_of_a_cited_document_is_not_part_of_its_issuer():
    doc = run("Căn cứ Thông tư số 58/2016/TT-BTC ngày 29/3/2016 của Bộ Tài chính Quy định chi tiết việc sử dụng vốn.")
    assert "Bộ Tài chính" in entities(doc, "Organisation")
    assert ("issuedBy", "Thông tư số 58/2016/TT-BTC", "Bộ Tài chính", None) in facts(doc)


def test_a_unit_name_does_not_take_the_first_word_of_a_cited_title_or_a_v_v():
    doc = run(HOME + "Dự thảo Nghị quyết của HĐND tỉnh Quyết định chủ trương đầu tư. Công văn số 15/UBND-VX "
                     "ngày 3/3/2011 của UBND tỉnh Quảng Ninh V/v phối hợp tuyên truyền.")
    orgs = set(entities(doc, "Organisation"))
    assert "Hội đồng nhân dân tỉnh Bắc Giang" in orgs and "Ủy ban nhân dân tỉnh Quảng Ninh" in orgs
    assert not any(name.endswith((" Quyết", " V")) for name in orgs)


@pytest.mark.parametrize("text, names", [
    ("Lãnh đạo quận tiếp thu ý kiến của người dân.\n(Thu Trang – VP UBND Q5)\n", {"Thu Trang"}),
    ("Người dân dọn vệ sinh đường thôn.\nLê Minh- Phạm Hòa\n", {"Lê Minh", "Phạm Hòa"}),
    ("Đồng chí phát biểu tại cuộc họp. Ảnh: Hải Yến |\nTiếp đó, hội nghị thảo luận.", {"Hải Yến"}),
    ("Ngày hội kết thúc.\n\nTác giả: UBND xã Tân Phú, Lò Văn Sơn\n", {"Lò Văn Sơn"}),
])
def test_bylines_and_credits_name_their_authors(text, names):
    assert set(entities(run(text), "Person")) == names


def test_a_last_line_that_is_a_place_or_a_signer_is_no_byline():
    assert not entities(run("UBND tỉnh Cao Bằng họp thường kỳ.\nCao Bằng\n"), "Person")
    doc = run("ỦY BAN NHÂN DÂN\nHUYỆN BẢO LÂM\nCác xã thực hiện tốt.\n\nCHỦ TỊCH\n\nLê Văn Hào\n")
    assert entities(doc, "Person")["Lê Văn Hào"].mentions[0].attrs.post == "Chủ tịch"


@pytest.mark.parametrize("text, names", [
    ("Hội nghị lần thứ 15 Ban Chấp hành Đảng bộ huyện thảo luận và cho ý kiến về nhiều nội dung.",
     {"Hội nghị lần thứ 15 Ban Chấp hành Đảng bộ huyện"}),
    ("Lễ công bố quyết định của Thủ tướng Chính phủ khẳng định sự nỗ lực của Nhân dân.",
     {"Lễ công bố quyết định của Thủ tướng Chính phủ"}),
    ("Sáng nay diễn ra Hội nghị đánh giá kết quả thực hiện Chỉ thị năm 2023.",
     {"Hội nghị đánh giá kết quả thực hiện Chỉ thị năm 2023"}),
    ("Đại hội tiếp tục làm việc với các nội dung quan trọng.", set()),
    ("Hội nghị cũng bầu 9 đồng chí vào Ủy ban Kiểm tra Huyện ủy.", set()),
])
def test_a_meeting_name_ends_where_the_sentence_says_what_the_meeting_did(text, names):
    assert set(entities(run(text), "Event")) == names


def test_those_who_chair_a_meeting_listed_after_semicolons_all_take_part():
    doc = run("Ngày 5/8/2023, Ban Chấp hành Đảng bộ huyện tổ chức Hội nghị lần thứ 12 dưới sự chủ trì của các "
              "đồng chí: Lê Văn An - Bí thư Huyện ủy; Trần Thị Bình - Phó Bí thư Thường trực Huyện ủy; "
              "Hoàng Văn Cường - Chủ tịch UBND huyện.")
    assert {"Hội nghị lần thứ 12"} == set(entities(doc, "Event"))
    taking_part = {s for p, e, s, _ in facts(doc) if p == "participant"}
    assert taking_part == {"Lê Văn An", "Trần Thị Bình", "Hoàng Văn Cường"}


def test_a_meeting_in_lower_case_is_named_by_the_period_it_is_of():
    doc = run("Chiều 26/7, UBND tỉnh tổ chức phiên họp thường kỳ tháng 7/2023.")
    assert "Phiên họp thường kỳ tháng 7/2023" in entities(doc, "Event")
    assert not entities(run("Các sở tổ chức hội nghị thường xuyên."), "Event")


def test_a_resolution_is_about_the_communes_it_establishes_and_dissolves():
    doc = run("Ủy ban Thường vụ Quốc hội ban hành Nghị quyết số 855/NQ-UBTVQH14 về việc sắp xếp các đơn vị hành "
              "chính cấp xã tỉnh Cao Bằng. Theo đó, huyện Bảo Lâm thành lập xã Quảng Lâm và giải thể xã Nam Quang."
              "\nNgoài ra, xã Lý Bôn vẫn giữ nguyên.")
    about = {o for p, s, o, _ in facts(doc) if p == "about"}
    assert {"xã Quảng Lâm", "tỉnh Cao Bằng"} <= about
    assert "xã Lý Bôn" not in about and "huyện Bảo Lâm" not in about


def test_what_a_resolution_decides_is_read_past_a_photo_caption():
    doc = run("Ủy ban Thường vụ Quốc hội ban hành Nghị quyết số 855/NQ-UBTVQH14 về việc sắp xếp các đơn vị hành "
              "chính cấp xã tỉnh Cao Bằng.\n\n \n\nẢnh minh họa\n\nTheo đó, huyện Bảo Lâm thành lập xã Quảng Lâm. "
              "Huyện Hà Quảng thành lập xã Lũng Nặm.\n\nNgoài ra, xã Lý Bôn vẫn giữ nguyên.")
    about = {o for p, s, o, _ in facts(doc) if p == "about"}
    assert {"xã Quảng Lâm", "xã Lũng Nặm"} <= about and "xã Lý Bôn" not in about
    long_line = run("Ủy ban Thường vụ Quốc hội ban hành Nghị quyết số 855/NQ-UBTVQH14 về việc sắp xếp đơn vị hành "
                    "chính.\nĐây là một đoạn văn dài hơn tám mươi ký tự nói về một việc khác hẳn, không phải chú thích "
                    "ảnh.\nTheo đó, huyện Bảo Lâm thành lập xã Quảng Lâm.")
    assert "xã Quảng Lâm" not in {o for p, s, o, _ in facts(long_line) if p == "about"}


def test_a_commune_established_according_to_a_resolution_is_what_it_is_about():
    doc = run("Xã Quảng Yên được thành lập trên cơ sở sáp nhập 3 xã: Quảng Hợp, Quảng Văn và Quảng Phúc theo "
              "Nghị quyết số 1686/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội về sắp xếp các xã, phường của tỉnh "
              "Thanh Hóa.")
    about = {o for p, s, o, _ in facts(doc) if p == "about"}
    assert "tỉnh Thanh Hóa" in about
    assert not about & {"xã Quảng Hợp", "xã Quảng Văn", "xã Quảng Phúc"}


def test_numbered_wards_and_urban_districts_and_a_commune_placed_in_its_province():
    doc = run("Hội nghị đối thoại với nhân dân tại Phường 3, Phường 5 Quận 8 diễn ra sáng nay.")
    assert {"Phường 3", "Phường 5"} <= set(entities(doc, "Ward"))
    assert ("locatedIn", "Phường 5", "quận 8", None) in facts(doc)
    doc = run("Thứ hai, 18/08/2025\n\nBộ máy chính quyền xã Bình Sơn, tỉnh Ninh Bình đã ổn định.")
    assert ("locatedIn", "xã Bình Sơn", "tỉnh Ninh Bình", None) in facts(doc)
    assert not entities(run("Kinh phí của huyện 427,5 tỷ đồng."), "Place")  # a number after huyện is no district


def test_an_organ_names_the_body_it_is_part_of_too():
    doc = run(HOME + "Đồng chí Lê Thị Hoa - Ủy viên Ban Thường vụ Tỉnh ủy, Chủ tịch HĐND tỉnh dự hội nghị.")
    assert {"Ban Thường vụ Tỉnh ủy Bắc Giang", "Tỉnh ủy Bắc Giang"} <= set(entities(doc, "Organisation"))
    assert ("subOrganizationOf", "Ban Thường vụ Tỉnh ủy Bắc Giang", "Tỉnh ủy Bắc Giang", None) in facts(doc)


def test_a_space_beside_a_separator_of_a_number_is_one_number():
    doc = run("Thực hiện Quyết định số 2314 -QĐ/TU ngày 20/6/2025 của Tỉnh ủy Lạng Sơn về thành lập Đảng bộ xã.")
    assert ("issuedBy", "Quyết định số 2314-QĐ/TU", "Tỉnh ủy Lạng Sơn", None) in facts(doc)


def test_a_session_with_its_ordinal_in_words_is_one_event_and_a_meeting_about_it_another():
    doc = run("Chiều nay, Thường trực HĐND tỉnh tổ chức cuộc họp liên tịch thống nhất dự kiến nội dung kỳ họp thứ "
              "chín HĐND tỉnh khóa XVI, nhiệm kỳ 2016 – 2021. Kỳ họp thứ chín HĐND tỉnh khóa XVI sắp tới sẽ "
              "xem xét nhiều nội dung.")
    events = entities(doc, "Event")
    assert len(events) == 2
    assert any(name.startswith("Cuộc họp liên tịch") for name in events)
    session = next(e for name, e in events.items() if name.startswith("Kỳ họp thứ chín"))
    assert len(session.mentions) == 2 and not session.name.endswith("sắp tới")


def test_a_headline_does_not_run_into_the_date_on_the_next_line():
    doc = run("Họp mặt truyền thống 40 năm thành lập phường Mỹ Phước\n12/08/2019 07:15\n\nChiều 11-8, phường tổ chức họp mặt.")
    assert "Họp mặt truyền thống 40 năm thành lập phường Mỹ Phước" in entities(doc, "Event")


@pytest.mark.parametrize("text", [
    "Công trình không chỉ tạo cảnh quan mà còn thể hiện tinh thần đoàn kết.",
    "Các đề án để tuyên truyền đến người dân được triển khai.",
    "Dự án UBND tỉnh phê duyệt năm 2020 đã hoàn thành.",
])
def test_a_project_head_followed_by_a_function_word_or_a_body_names_no_project(text):
    assert not entities(run(text), "Project")


def test_a_commune_portal_s_bare_party_committee_is_the_commune_s():
    doc = run("Hội nghị xã Tân Lập\n\nSáng 2/3, xã Tân Lập tổ chức hội nghị. Đồng chí Lê Văn Hải, Bí thư Đảng ủy, "
              "Chủ tịch HĐND xã phát biểu. Nhân dân xã Tân Lập phấn khởi; xã Tân Lập đạt chuẩn.")
    assert ("holdsPost", "Lê Văn Hải", "Đảng ủy xã Tân Lập", "Bí thư") in facts(doc)
    city = run(HOME + "Đồng chí Lê Văn Hải, Bí thư Đảng ủy phát biểu.")
    assert not any(name.startswith("Đảng ủy") for name in entities(city, "Organisation"))


def test_a_rarer_family_name_is_a_person_not_a_commune():
    doc = run("Đồng chí Hàn Duy Điều, Bí thư Đảng ủy xã Quảng Yên phát biểu.")
    assert "Hàn Duy Điều" in entities(doc, "Person")
    assert not any("Hàn" in name for name in entities(doc, "Organisation"))


def test_the_standing_board_of_a_front_committee_is_part_of_it():
    doc = run("Dự hội nghị có đại diện Ban Thường trực Ủy ban Mặt trận Tổ quốc Quận 5; Công an Quận 5.")
    assert ("subOrganizationOf", "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam quận 5",
            "Ủy ban Mặt trận Tổ quốc Việt Nam quận 5", None) in facts(doc)


def test_a_body_that_leads_the_organising_organises():
    # a line of kg/patterns/relations.jsonl (organisedBy.before: "chủ trì tổ chức")
    doc = run(HOME + "Ngày 12/3/2024, Sở Nội vụ tỉnh Bắc Giang chủ trì, phối hợp tổ chức Hội nghị tập huấn "
                     "công tác thi đua, khen thưởng năm 2024.")
    assert ("organisedBy", "Hội nghị tập huấn công tác thi đua, khen thưởng năm 2024",
            "Sở Nội vụ tỉnh Bắc Giang", None) in facts(doc)


def test_mass_organisations_of_a_unit_and_their_standard_abbreviations():
    doc = run(HOME + "Hội Cựu chiến binh huyện Lục Nam, Hội LHPN tỉnh Bắc Giang và Hội Nông dân xã Tân Mỹ "
                     "phối hợp với Đoàn Thanh niên thành phố tổ chức ra quân.")
    orgs = entities(doc, "Organisation")
    for name in ("Hội Cựu chiến binh huyện Lục Nam", "Hội Liên hiệp Phụ nữ tỉnh Bắc Giang",
                 "Hội Nông dân xã Tân Mỹ", "Đoàn Thanh niên thành phố Bắc Giang"):
        assert name in orgs, name


def test_bodies_listed_before_one_unit_are_each_of_that_unit():
    doc = run(HOME + "Dự có Chủ tịch Hội CCB, Chủ tịch LĐLĐ và Bí thư Đoàn Thanh niên huyện Lục Nam; "
                     "đại diện Mặt trận Tổ quốc, Hội LHPN huyện Yên Dũng.")
    orgs = entities(doc, "Organisation")
    for name in ("Hội Cựu chiến binh huyện Lục Nam", "Liên đoàn Lao động huyện Lục Nam",
                 "Đoàn Thanh niên huyện Lục Nam", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Yên Dũng",
                 "Hội Liên hiệp Phụ nữ huyện Yên Dũng"):
        assert name in orgs, name
    assert not any("Chủ tịch" in name for name in orgs)  # a post title ends a body's name


def test_the_issuer_code_of_a_number_is_not_a_mention_of_the_body():
    doc = run(HOME + "Thực hiện Công văn số 454/UBND-VX và Kế hoạch số 68/KH-UBND, HĐND-UBND thành phố họp.")
    labels = [m.label for m in doc.mentions if m.type == "Organisation"]
    assert labels == ["HĐND", "UBND thành phố"]  # the joint "HĐND-UBND" is two bodies, the codes none
    assert "Hội đồng nhân dân thành phố Bắc Giang" in entities(doc, "Organisation")


def test_a_bare_body_in_a_communes_document_is_the_communes():
    commune = "Xã Tân Mỹ thuộc huyện Lục Nam. Nhân dân xã Tân Mỹ đoàn kết. Cán bộ xã Tân Mỹ tận tụy. "
    doc = run(commune + "Lãnh đạo UBND và HĐND dự kỳ họp.")
    orgs = entities(doc, "Organisation")
    assert "Ủy ban nhân dân xã Tân Mỹ" in orgs and "Hội đồng nhân dân xã Tân Mỹ" in orgs


def test_works_named_in_lower_case_and_works_with_a_quoted_title():
    doc = run(HOME + "Theo báo cáo, công trình thủy lợi Nậm Cát đã bàn giao; nâng cao hiệu quả công trình thủy lợi "
                     "và năng lực tưới. Đoàn tổ chức lễ khánh thành công trình thanh niên “Cổng chào thôn Đông, "
                     "xã Tân Mỹ”. Dự án Đường Hùng Vương kéo dài được khởi công.")
    projects = entities(doc, "Project")
    assert "Công trình thủy lợi Nậm Cát" in projects
    assert "Công trình thanh niên “Cổng chào thôn Đông, xã Tân Mỹ”" in projects
    assert "Dự án Đường Hùng Vương kéo dài" in projects  # "kéo dài" (works.tsv, part) is no verb here
    assert not any("năng lực" in name for name in projects)  # no particular work named


def test_one_undertaking_under_two_heads_is_one_project():
    doc = run(HOME + "Đoàn Thanh niên triển khai Chương trình Thắp sáng đường quê. Công trình Thắp sáng đường quê "
                     "hoàn thành.")
    assert len(entities(doc, "Project")) == 1


def test_one_event_named_in_several_ways_is_one_event():
    doc = run("NGÀY HỘI ĐẠI ĐOÀN KẾT TOÀN DÂN TỘC ẤP BÌNH AN\n\nSáng 12/11, ấp Bình An, xã Tân Mỹ tổ chức "
              "Ngày hội Đại đoàn kết toàn dân tộc ấp Bình An, xã Tân Mỹ. Phiên họp UBND tỉnh thường kỳ tháng "
              "7/2022 và Phiên họp thường kỳ tháng 7/2022 của Ủy ban nhân dân tỉnh Bắc Giang đã diễn ra. "
              "Hội nghị lần thứ 21 và Hội nghị lần thứ 22 được tổ chức.")
    events = entities(doc, "Event")
    assert sum(name.lower().startswith("ngày hội") for name in events) == 1
    assert sum(name.lower().startswith("phiên họp") for name in events) == 1
    assert "Hội nghị lần thứ 21" in events and "Hội nghị lần thứ 22" in events  # two, not one


def test_a_short_name_two_events_share_is_left_alone():
    from kg.model import Mention, Span
    from kg.resolve.entities import merge_wordings

    def event(name):
        return Mention(type="Event", span=Span(0, 1), text="", label=name, name=name, key=name.lower(), source="t")

    short = event("Ngày hội Đại đoàn kết")
    mentions = [short, event("Ngày hội Đại đoàn kết ấp A"), event("Ngày hội Đại đoàn kết trên cả nước")]
    assert merge_wordings(mentions) == 0 and short.key == "ngày hội đại đoàn kết"


def test_a_commune_written_before_it_became_a_ward_and_the_communes_listed_with_it():
    # the lists know Hồng Phong, Tràng An, Yên Thọ and Hoàng Quế as wards of Đông Triều (Quảng Ninh)
    doc = run("Nhân dân 4 xã: Hồng Phong, Tràng An, Yên Thọ, Hoàng Quế cho ý kiến về việc thành lập phường.")
    wards = entities(doc, "Ward")
    for name in ("xã Hồng Phong", "xã Tràng An", "xã Yên Thọ", "xã Hoàng Quế"):
        assert name in wards, name
    assert wards["xã Hoàng Quế"].attrs.code is None  # not the ward it became: no code of its own
    doc = run("Thành lập phường Hoàng Quế trên cơ sở nguyên trạng xã Hoàng Quế.")
    assert {"phường Hoàng Quế", "xã Hoàng Quế"} <= set(entities(doc, "Ward"))  # two units, not one


def test_a_town_or_city_with_its_level_abbreviated_and_bodies_of_a_whole_level():
    doc = run("Cử tri thị xã Đông Triều họp. Lễ công nhận TP. Pleiku là đô thị loại I. UBND TX Đông Triều "
              "trình HĐND cấp xã quyết định.")
    places = {m.name for m in doc.mentions if m.type == "Place"}
    assert {"thị xã Đông Triều", "thành phố Pleiku"} <= places
    orgs = entities(doc, "Organisation")
    assert "Ủy ban nhân dân thị xã Đông Triều" in orgs
    assert not any(name.startswith("Hội đồng nhân dân") for name in orgs)  # "HĐND cấp xã": no one body


def test_the_recipients_of_an_official_letter():
    doc = run("Tỉnh Bắc Giang triển khai. Tỉnh Bắc Giang thực hiện.\nNơi nhận:\n- TT. HĐND, UBND tỉnh;\n"
              "- VP. Tỉnh ủy;\n- Chủ tịch UBND huyện, thị xã, thành phố.")
    orgs = entities(doc, "Organisation")
    assert "Thường trực Hội đồng nhân dân tỉnh Bắc Giang" in orgs  # "TT." with its dot
    assert any(name.startswith("Văn phòng Tỉnh ủy") for name in orgs)  # "VP." Văn phòng
    assert not any(name.startswith("Ủy ban nhân dân huyện") for name in orgs)  # every district's: none


def test_a_works_name_goes_on_over_a_comma_between_works_words_and_stops_at_a_clause():
    doc = run(HOME + "Dự án Đường Hùng Vương kéo dài và khu dân cư, tái định cư thành phố Bắc Giang được phê duyệt. "
                     "Đảng ủy thực hiện Công trình Xây dựng nền tảng chuyển đổi số của Đảng bộ tỉnh, thành lập 4 trang "
                     "thông tin. Đoàn tổ chức chương trình ra quân “Vì thành phố văn minh”.")
    projects = entities(doc, "Project")
    assert "Dự án Đường Hùng Vương kéo dài và khu dân cư, tái định cư thành phố Bắc Giang" in projects
    assert "Công trình Xây dựng nền tảng chuyển đổi số của Đảng bộ tỉnh" in projects  # not "…, thành lập"
    campaign = projects["Chương trình ra quân “Vì thành phố văn minh”"]
    assert "Vì thành phố văn minh" in campaign.labels  # known by its quoted title


def test_what_an_event_is_about_the_project_it_names_and_the_unit_whose_founding_it_marks():
    doc = run("LỄ PHÁT ĐỘNG PHONG TRÀO \"VÌ THÀNH PHỐ VĂN MINH\" NĂM 2016\n\nSáng 29/5, Đoàn phường tổ chức chương "
              "trình ra quân “Vì thành phố văn minh”. Ngày 2/9, phường tổ chức Họp mặt kỷ niệm 35 năm ngày thành "
              "lập phường Mỹ Xuyên và lễ khánh thành công trình thanh niên “Cổng chào thôn Đông”.")
    got = facts(doc)
    assert len(entities(doc, "Project")) == 2  # the campaign, under two heads and two spellings, and the gate
    assert any(f[0] == "about" and f[1].startswith("Lễ phát động") and "VĂN MINH" in f[2].upper() for f in got)
    assert ("about", "Họp mặt kỷ niệm 35 năm ngày thành lập phường Mỹ Xuyên", "phường Mỹ Xuyên", None) in got
    assert ("about", "Lễ khánh thành công trình thanh niên “Cổng chào thôn Đông”",
            "Công trình thanh niên “Cổng chào thôn Đông”", None) in got


def test_the_short_name_of_the_pages_own_event_goes_with_its_headline():
    doc = run("NGÀY HỘI ĐẠI ĐOÀN KẾT TOÀN DÂN TỘC ẤP BÌNH AN\n\nHòa chung không khí Ngày hội Đại đoàn kết toàn dân "
              "tộc trên cả nước, sáng 11/11, ấp Bình An tổ chức Ngày hội Đại đoàn kết toàn dân tộc. Tại ngày hội, "
              "đại diện Tỉnh ủy - HĐND - UBND tỉnh Đồng Nai đã trao quà.")
    events = entities(doc, "Event")
    assert len(events) == 2  # the page's own and the nationwide one
    own = next(e for e in events.values() if "bình an" in e.name.lower())
    assert ("participant", own.name, "Ủy ban nhân dân tỉnh Đồng Nai", None) in facts(doc)


def test_the_office_of_a_body_named_by_the_body_alone_is_part_of_it():
    doc = run(HOME + "Dự có lãnh đạo Văn phòng UBND tỉnh, VP. Tỉnh ủy và Văn phòng HĐND và UBND thành phố.")
    got = facts(doc)
    assert ("subOrganizationOf", "Văn phòng Ủy ban nhân dân tỉnh Bắc Giang", "Ủy ban nhân dân tỉnh Bắc Giang",
            None) in got
    assert ("subOrganizationOf", "Văn phòng Tỉnh ủy Bắc Giang", "Tỉnh ủy Bắc Giang", None) in got
    assert "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thành phố Bắc Giang" in entities(doc, "Organisation")


def test_a_bank_is_a_named_body():
    # a line of organisations.tsv: "Ngân hàng	named	none		capitalised_only"
    doc = run(HOME + "Vốn vay của Ngân hàng Chính sách xã hội và Ngân hàng Phát triển Việt Nam được giải ngân; "
                     "ngân hàng thương mại cũng tham gia.")
    banks = [name for name in entities(doc, "Organisation") if name.lower().startswith("ngân hàng")]
    assert sorted(banks) == ["Ngân hàng Chính sách xã hội", "Ngân hàng Phát triển Việt Nam"]


def test_posts_of_the_inspectorate_alternate_members_and_party_members_in_lower_case():
    doc = run("Tỉnh Hà Giang phát triển. Dự có đồng chí Đặng Văn An, Ủy viên Dự khuyết BCH T.Ư Đảng, Bí thư "
              "Tỉnh ủy Hà Giang; đồng chí Lê Thị Bình, Chánh Thanh tra tỉnh Hà Giang; đồng chí Hoàng Văn Cường, "
              "Phó Chủ nhiệm Thường trực Ủy ban Kiểm tra Tỉnh ủy Hà Giang; bà Trần Thị Dung - tỉnh ủy viên, "
              "Chủ tịch Hội Nông dân tỉnh Hà Giang.")
    got = facts(doc)
    assert ("memberOf", "Đặng Văn An", "Ban Chấp hành Trung ương Đảng", "Ủy viên dự khuyết") in got
    assert ("holdsPost", "Đặng Văn An", "Tỉnh ủy Hà Giang", "Bí thư") in got
    assert ("holdsPost", "Lê Thị Bình", "Thanh tra tỉnh Hà Giang", "Chánh Thanh tra") in got
    assert ("holdsPost", "Hoàng Văn Cường", "Ủy ban Kiểm tra Tỉnh ủy Hà Giang", "Phó Chủ nhiệm Thường trực") in got
    assert ("memberOf", "Trần Thị Dung", "Tỉnh ủy Hà Giang", "Ủy viên") in got
    assert ("holdsPost", "Trần Thị Dung", "Hội Nông dân tỉnh Hà Giang", "Chủ tịch") in got


def test_communes_a_district_acts_on_lie_in_it_even_those_the_lists_no_longer_have():
    doc = run("Huyện Văn Lãng thành lập xã Bắc Hùng, Bắc Việt và giải thể các xã Tân Lang, Đông Lâm và Khuê "
              "Hạ, sau khi sắp xếp, huyện Văn Lãng có 17 xã.")
    wards = entities(doc, "Ward")
    for name in ("xã Bắc Hùng", "xã Bắc Việt", "xã Đông Lâm", "xã Khuê Hạ"):
        assert name in wards, name
        assert ("locatedIn", name, "huyện Văn Lãng", None) in facts(doc), name
    doc = run("Đoàn đến xã Tân Mỹ, Hà Nội và các tỉnh.")  # one commune, not a list of several
    assert set(entities(doc, "Ward")) == {"xã Tân Mỹ"}


def test_the_issuer_code_of_a_ministry_names_it_and_the_central_code_names_no_one_body():
    doc = run(HOME + "Căn cứ Quyết định số 2577/QĐ-BTC về giao dự toán; Bộ Tài chính hướng dẫn. Thực hiện Chỉ thị "
                     "số 42-CT/TW, Ban Chấp hành Trung ương Đảng lãnh đạo.")
    got = facts(doc)
    assert ("issuedBy", "Quyết định số 2577/QĐ-BTC", "Bộ Tài chính", None) in got
    assert not any(f[0] == "issuedBy" and f[1] == "Chỉ thị số 42-CT/TW" for f in got)  # BCT or BBT: not said


def test_a_councils_session_as_its_resolutions_name_it_and_bodies_in_capitals():
    doc = run("HỘI ĐỒNG NHÂN DÂN TỈNH PHÚ YÊN  KHÓA VII, KỲ HỌP THỨ 3\n\nNghị quyết này đã được Hội đồng nhân "
              "dân tỉnh Phú Yên khóa VII, kỳ họp thứ 3 thông qua ngày 15/12/2016.\n\nĐẢNG BỘ XÃ TÂN MỸ LẦN THỨ I")
    events = entities(doc, "Event")
    assert list(events) == ["Kỳ họp thứ 3 Hội đồng nhân dân tỉnh Phú Yên khóa VII"]  # one, under three wordings
    assert ("organisedBy", "Kỳ họp thứ 3 Hội đồng nhân dân tỉnh Phú Yên khóa VII",
            "Hội đồng nhân dân tỉnh Phú Yên", None) in facts(doc)
    assert not any(f[0] == "locatedIn" for f in facts(doc))  # the council's unit, not where it meets
    assert "Đảng bộ xã Tân Mỹ" in entities(doc, "Organisation")  # "LẦN THỨ I" is no part of the name


def test_communes_listed_before_a_district_in_brackets_lie_in_it():
    doc = run("Ngày 6/11, nhân dân 4 xã: Hồng Phong, Tràng An, Yên Thọ, Hoàng Quế (TX Đông Triều) cho ý kiến.")
    got = facts(doc)
    for ward in ("xã Hồng Phong", "xã Tràng An", "xã Yên Thọ", "xã Hoàng Quế"):
        assert ("locatedIn", ward, "thị xã Đông Triều", None) in got, ward


def test_those_listed_on_behalf_of_each_level_attend_the_meeting():
    # a line of kg/patterns/relations.jsonl (participant.main_event: "Về phía")
    doc = run("Ngày 5/7, HĐND xã Tân Mỹ tổ chức Kỳ họp thứ hai. Về dự kỳ họp về phía huyện có bà Trần Thị An. "
              "Về phía xã có ông Vũ Văn Bình - Bí thư Đảng ủy xã Tân Mỹ.")
    got = facts(doc)
    assert ("participant", "Kỳ họp thứ hai", "Trần Thị An", None) in got
    assert ("participant", "Kỳ họp thứ hai", "Vũ Văn Bình", None) in got


def test_bodies_of_every_unit_in_a_laws_title_or_a_plural_list_are_no_single_body():
    doc = run("Tỉnh Nghệ An phát triển. Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003; Quy chế hoạt động HĐND "
              "năm 2005. Dự có các quận ủy, huyện ủy và Thường trực HĐND, Ủy ban MTTQ các huyện, thành phố. "
              "UBND tỉnh họp.")
    assert list(entities(doc, "Organisation")) == ["Ủy ban nhân dân tỉnh Nghệ An"]


def test_a_document_named_without_a_number_in_several_ways_is_one():
    doc = run("Xã Tân Mỹ tổ chức hội nghị quán triệt Nghị quyết Đại hội đại biểu Đảng bộ xã lần thứ I, nhiệm kỳ "
              "2025-2030. Đồng chí A quán triệt Nghị quyết Đại hội đại biểu Đảng bộ xã Tân Mỹ lần thứ I, nhiệm kỳ "
              "2025-2030.")
    resolutions = [n for n in entities(doc, "Resolution") if n.startswith("Nghị quyết Đại hội")]
    assert resolutions == ["Nghị quyết Đại hội đại biểu Đảng bộ xã Tân Mỹ lần thứ I, nhiệm kỳ 2025-2030"]


def test_a_unit_in_capitals_is_one_the_lists_know():
    doc = run('LỄ PHÁT ĐỘNG PHONG TRÀO "VÌ THÀNH PHỐ VĂN MINH-SẠCH ĐẸP" NĂM 2016\n\nTHÀNH PHỐ LẠNG SƠN phát triển.')
    places = {m.name for m in doc.mentions if m.type == "Place"}
    assert places == {"thành phố Lạng Sơn"}


def test_an_anniversary_that_is_the_occasion_of_something_else_is_no_event():
    doc = run("Đoàn dâng hương nhân kỷ niệm 47 năm Ngày Giải phóng miền Nam. Phường tổ chức Lễ kỷ niệm 35 năm "
              "thành lập phường. Thành phố tổ chức kỷ niệm 80 năm Cách mạng Tháng Tám.")
    assert set(entities(doc, "Event")) == {"Lễ kỷ niệm 35 năm thành lập phường", "Kỷ niệm 80 năm Cách mạng Tháng Tám"}


def test_foreign_missions_by_the_entity_patterns_and_army_bodies_of_a_unit():
    # kg/patterns/entities.jsonl with the countries of lexicon/countries.tsv; organisations.tsv
    doc = run("Lãnh đạo thành phố tiếp Tổng Lãnh sự quán nước Cộng hòa Dân chủ Nhân dân Lào và Đại sứ quán Nhật "
              "Bản tại Việt Nam; tuyên dương Bộ đội Biên phòng thành phố Đà Nẵng và Bộ Chỉ huy Quân sự tỉnh "
              "Quảng Nam. Sứ quán mới khánh thành.")
    orgs = entities(doc, "Organisation")
    for name in ("Tổng Lãnh sự quán nước Cộng hòa Dân chủ Nhân dân Lào", "Đại sứ quán Nhật Bản tại Việt Nam",
                 "Bộ đội Biên phòng thành phố Đà Nẵng", "Bộ Chỉ huy Quân sự tỉnh Quảng Nam"):
        assert name in orgs, name
    assert orgs["Tổng Lãnh sự quán nước Cộng hòa Dân chủ Nhân dân Lào"].mentions[0].source == "ruler"


def test_the_boards_of_a_party_committee_written_with_the_unit_or_the_committee():
    doc = run("Tỉnh Hậu Giang phát triển. Nơi nhận: Ban TG tỉnh; Ban Tuyên giáo Tỉnh ủy; các Ban HĐND tỉnh; Ban Dân "
              "vận huyện Châu Thành.")
    orgs = entities(doc, "Organisation")
    assert "Ban Tuyên giáo Tỉnh ủy Hậu Giang" in orgs
    assert {"Ban TG tỉnh", "Ban Tuyên giáo Tỉnh ủy"} <= orgs["Ban Tuyên giáo Tỉnh ủy Hậu Giang"].labels  # one board
    assert "Ban Dân vận Huyện ủy Châu Thành" in orgs  # "huyện Châu Thành" is a district, not a person
    assert not any(name.startswith("Ban Hội đồng") for name in orgs)  # "các Ban": several, none named


def test_an_event_named_in_a_documents_title_does_not_take_the_sentence_from_the_main_event():
    doc = run("Sáng 14/9, Đảng bộ xã Tân Mỹ tổ chức hội nghị học tập, quán triệt Nghị quyết Đại hội đại biểu Đảng bộ "
              "xã lần thứ I. Tại hội nghị, Bí thư Đảng ủy xã Hàn Văn An đã quán triệt Nghị quyết Đại hội đại biểu "
              "Đảng bộ xã Tân Mỹ lần thứ I.")
    main = next(n for n in entities(doc, "Event") if n.lower().startswith("hội nghị"))
    assert ("participant", main, "Hàn Văn An", None) in facts(doc)


def test_a_districts_name_with_a_syllable_in_lower_case_is_the_district_the_lists_know():
    doc = run("Kỳ họp chuyên đề HĐND huyện A lưới diễn ra tại huyện A lưới. UBND huyện Chi lăng báo cáo.")
    orgs = entities(doc, "Organisation")
    assert {"Hội đồng nhân dân huyện A Lưới", "Ủy ban nhân dân huyện Chi Lăng"} <= set(orgs)
    assert "huyện A Lưới" in {m.name for m in doc.mentions if m.type == "Place"}
    doc = run("UBND huyện Chi Lăng họp bàn.")  # a name the lists know is not taken on
    assert "Ủy ban nhân dân huyện Chi Lăng" in entities(doc, "Organisation")


def test_review_mends_numbered_items_completed_units_and_the_headlines_event_merged_on():
    assert "Ủy ban nhân dân tỉnh Bắc Giang" in entities(run("1.UBND tỉnh Bắc Giang tổ chức Hội nghị."), "Organisation")
    got = facts(run("Đoàn công tác đến thăm huyện A lưới, tỉnh Thừa Thiên Huế."))
    assert ("locatedIn", "huyện A Lưới", "tỉnh Thừa Thiên Huế", None) in got
    wrapped = run("Ban Thường vụ Tỉnh\nủy họp.")  # a committee's name over a line break
    assert any(m.type == "Organisation" and m.name.startswith("Ban Thường vụ Tỉnh ủy") for m in wrapped.mentions)


def test_the_headlines_event_counts_where_it_was_merged_into_a_longer_name():
    from kg.model import Mention, Span
    from kg.resolve.entities import merge_wordings

    def event(name, pos):
        return Mention(type="Event", span=Span(pos, pos + len(name)), text=name, label=name, name=name,
                       key=name.lower(), source="t", norm=(pos, pos + len(name)))

    short = event("Hội nghị tổng kết", 200)
    mentions = [event("Hội nghị tổng kết năm 2023", 0), short, event("Hội nghị tổng kết năm 2023 của Tỉnh ủy X", 300),
                event("Hội nghị tổng kết công tác Đảng", 400)]
    merge_wordings(mentions, headline_end=40)
    assert short.key == "hội nghị tổng kết năm 2023 của tỉnh ủy x"


def test_an_organ_written_with_more_white_space_is_the_same_organ():
    doc = run(HOME + "Thực hiện Kết luận của Ban   Thường vụ Tỉnh ủy về chuyển đổi số. "
                     "Ban Thường vụ Tỉnh ủy giao nhiệm vụ cho các cơ quan.")
    orgs = entities(doc, "Organisation")
    assert "Ban Thường vụ Tỉnh ủy Bắc Giang" in orgs
    assert not any("  " in name for name in orgs)
    mentions = [m for m in doc.mentions if m.type == "Organisation" and m.name.startswith("Ban Thường vụ")]
    assert len(mentions) == 2 and len({m.key for m in mentions}) == 1


def test_a_committee_member_title_and_an_organ_in_lower_case_name_no_organ():
    doc = run(HOME + "Bà Trần Thị Dung, tỉnh ủy viên, dự họp. Hội nghị ban thường vụ Tỉnh ủy Bắc Giang bế mạc.")
    orgs = entities(doc, "Organisation")
    assert "Tỉnh ủy Bắc Giang" in orgs
    assert not any(name.lower().startswith("ban thường vụ") for name in orgs)
    assert not any(m.text.lower().startswith("tỉnh ủy viên") for m in doc.mentions)


def test_an_office_named_after_what_it_does_issues():
    doc = run("Ngày 5/3/2024, Thủ tướng Chính phủ đã ban hành Chỉ thị số 08/CT-TTg về phát triển du lịch.")
    assert "Thủ tướng Chính phủ" in entities(doc, "Organisation")


def test_a_named_head_before_an_organs_name_is_no_body_of_its_own():
    doc = run(HOME + "Ban Chấp hành Đảng bộ thành phố họp; Văn phòng Thường trực Ban Chỉ đạo báo cáo.")
    assert not any(name.startswith("Văn phòng Thường trực") for name in entities(doc, "Organisation"))


@pytest.mark.parametrize("kind", ["body", "party", "named"])
def test_every_head_of_the_organisation_list_names_a_body(kind):
    """A body's head is a line of lexicon/organisations.tsv: each head of a kind is read
    with what that kind takes after it (a jurisdiction, a unit's name, a proper name)."""
    from kg.lexicon import org_heads

    after = {"body": " tỉnh Bắc Giang", "party": " Bắc Giang", "named": " Hòa Bình tỉnh Bắc Giang"}[kind]
    missed = []
    for head in sorted({h.head for h in org_heads() if h.kind == kind}):
        prefix = HOME + "Đại diện "
        doc = run(prefix + head + after + " dự họp.")
        begin = len(prefix)
        if not any(m.type == "Organisation" and m.span.begin == begin
                   for m in doc.mentions):
            missed.append(head)
    assert not missed
