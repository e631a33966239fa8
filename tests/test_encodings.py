"""kg.text.encodings: the bytes of a text file as NFC text, told from UTF-8, UTF-16,
Windows-1258, TCVN3, VNI and VIQR. The legacy texts are made here with encoders built from
the same data files the decoder reads (kg/lexicon/encodings/*.tsv), inverted."""
from __future__ import annotations

import random
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from kg.text.encodings import Decoded, UndecodableText, decode, is_syllable, table_rows

sys.path.insert(0, str(Path(__file__).parent))
from makers import ENCODERS, TCVN3_CAPITALS, encode_table, tcvn3_view, windows_1258  # noqa: E402

TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
VOWELS = "aăâeêioôơuưy"
#: Every Vietnamese letter beyond the consonants of ASCII: each vowel with no tone and
#: with each of the five, and đ; lower case, then capitals.
LOWER = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in ("", *TONES)] + ["đ"]
UPPER = [c.upper() for c in LOWER]

#: Sentences of the kind local-government documents hold (written for these tests).
SENTENCES = [
    "Nghị quyết số 12-NQ/TU của Ban Thường vụ Thành ủy về tăng cường sự lãnh đạo của Đảng "
    "đối với công tác phòng, chống tham nhũng.",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015, Hội đồng nhân dân "
    "tỉnh quyết nghị thông qua dự toán ngân sách năm 2024.",
    "Ông Nguyễn Văn Hưng, Phó Chủ tịch thường trực, đề nghị các xã, thị trấn khẩn trương rà "
    "soát hộ nghèo, báo cáo trước ngày 15/10; Ơn và Ưng được khen thưởng.",
]
#: ... and some with a capital vowel that has a tone, which TCVN3 cannot write.
TONED_CAPITALS = [
    "Ủy ban nhân dân thành phố Lạng Sơn ban hành kế hoạch sắp xếp đơn vị hành chính cấp xã, "
    "trong đó có phường Đông Kinh.",
    "Ấp Bình Đông, xã Ế Khương: Ủy ban Mặt trận Tổ quốc Việt Nam tổ chức hội nghị hiệp thương.",
]


# ------------------------------------------------------------------------------ the tables


def test_the_tables_have_every_letter_once():
    non_ascii = [c for c in LOWER + UPPER if not c.isascii()]
    for name in ("vni", "viqr"):
        letters = [char for _, char, kind in table_rows(name) if kind == "letter"]
        assert sorted(letters) == sorted(non_ascii), name
    tcvn3 = [char for _, char, kind in table_rows("tcvn3") if kind == "letter"]
    assert sorted(tcvn3) == sorted([c for c in LOWER if not c.isascii()] + TCVN3_CAPITALS)
    for name in ("tcvn3", "vni", "viqr"):
        codes = [code for code, _, kind in table_rows(name) if kind != "alternative"]
        assert len(codes) == len(set(codes)), f"{name}: two characters share a code"


def test_tcvn3_has_no_capital_vowel_with_a_tone():
    with pytest.raises(KeyError):
        encode_table("Ủy ban", "tcvn3")
    # a heading in .VnTimeH: the bytes of the lower-case letters, read back as those
    assert decode(encode_table("ủY BAN NHÂN DÂN TỉNH", "tcvn3")) == Decoded("ủY BAN NHÂN DÂN TỉNH", "tcvn3")


@pytest.mark.parametrize("name, code, char", [
    ("tcvn3", b"\xb8", "á"), ("tcvn3", b"\xae", "đ"), ("tcvn3", b"\xa7", "Đ"), ("tcvn3", b"\xad", "ư"),
    ("tcvn3", b"\xf9", "ự"), ("tcvn3", b"\xd6", "ệ"),
    ("vni", b"a\xf9", "á"), ("vni", b"\xf1", "đ"), ("vni", b"\xd1", "Đ"), ("vni", b"\xf6\xf9", "ứ"),
    ("vni", b"e\xe4", "ệ"), ("vni", b"\xee", "ỵ"), ("vni", b"O\xc4", "Ộ"),
    ("viqr", "a('", "ắ"), ("viqr", "u+.", "ự"), ("viqr", "DD", "Đ"), ("viqr", "e^.", "ệ"),
])
def test_known_codes(name, code, char):
    assert (code, char) in {(c, ch) for c, ch, _ in table_rows(name)}


# ------------------------------------------------------------------------ the legacy texts


@pytest.mark.parametrize("name", ["tcvn3", "vni", "windows-1258", "viqr"])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_sentence_comes_back_in_each_encoding(name, sentence):
    decoded = decode(ENCODERS[name](sentence))
    assert decoded == Decoded(sentence, name)


@pytest.mark.parametrize("name", ["vni", "windows-1258", "viqr"])
@pytest.mark.parametrize("sentence", TONED_CAPITALS)
def test_capital_vowels_with_a_tone_come_back_in_vni_windows_1258_and_viqr(name, sentence):
    assert decode(ENCODERS[name](sentence)) == Decoded(sentence, name)


@pytest.mark.parametrize("sentence", TONED_CAPITALS)
def test_tcvn3_brings_capital_vowels_with_a_tone_back_in_lower_case(sentence):
    assert decode(encode_table(tcvn3_view(sentence), "tcvn3")) == Decoded(tcvn3_view(sentence), "tcvn3")


def test_a_whole_paragraph_in_each_encoding():
    paragraph = "\n".join(SENTENCES + TONED_CAPITALS) + "\n"
    for name, encoder in ENCODERS.items():
        text = tcvn3_view(paragraph) if name == "tcvn3" else paragraph
        assert decode(encoder(text)) == Decoded(text, name), name


@pytest.mark.parametrize("name", ["vni", "windows-1258", "viqr"])
def test_every_letter_in_both_cases_comes_back(name):
    letters = " ".join(LOWER + UPPER)
    assert decode(ENCODERS[name](letters)) == Decoded(letters, name)


def test_every_tcvn3_letter_comes_back():
    letters = " ".join(LOWER + TCVN3_CAPITALS)
    assert decode(encode_table(letters, "tcvn3")) == Decoded(letters, "tcvn3")


def test_typographic_punctuation_in_the_legacy_encodings():
    text = "“Đông Kinh” – phường mới… ‘Lạng Sơn’"
    for name in ("tcvn3", "vni", "windows-1258"):
        assert decode(ENCODERS[name](text)) == Decoded(text, name)


def test_a_text_of_signs_only_is_windows_1258():
    # nothing beyond ASCII but typographic quotes and a dash: every reading is the same
    assert decode(b"\x93Report\x94 \x96 2024") == Decoded("“Report” – 2024", "windows-1258")


def test_a_byte_with_no_character_rules_out_its_encoding():
    data = encode_table(SENTENCES[0], "tcvn3") + b" \xb0"  # 0xB0: no letter of TCVN3 (VN3)
    with pytest.raises(UndecodableText) as err:
        decode(data)
    assert err.value.suspected == "tcvn3"
    assert err.value.offset == 3  # the first byte that is not UTF-8: "Ngh\xde" (ị)
    assert "\ufffd" not in str(err.value)


def test_a_legacy_text_that_reads_as_no_vietnamese_is_refused():
    data = "Le café est très bon, très très bon.".encode("cp1252")
    with pytest.raises(UndecodableText) as err:
        decode(data)
    assert err.value.offset == data.index(b"\xe9")


# ------------------------------------------------------------------------ UTF-8 and UTF-16


@pytest.mark.parametrize("text", [
    "The People's Committee met on 12 March. Isn't it? I'm sure: at 9 a.m., e.g. in Room 2.",
    "Uy ban nhan dan thanh pho Lang Son. Nghi quyet so 12-NQ/TU. Co phai khong? Phai.",
    "if (a+b)^2 > c: print('x.y?', d-d) # file.txt, C++, odd, add, dd-mm-yyyy",
    SENTENCES[0],
    "",
])
def test_utf8_stays_utf8(text):
    assert decode(text.encode("utf-8")) == Decoded(text, "utf-8")


def test_a_byte_order_mark_is_dropped():
    assert decode(b"\xef\xbb\xbf" + SENTENCES[1].encode()) == Decoded(SENTENCES[1], "utf-8-sig")


def test_decomposed_utf8_comes_back_composed():
    nfd = unicodedata.normalize("NFD", SENTENCES[2])
    assert nfd != SENTENCES[2]
    assert decode(nfd.encode()) == Decoded(SENTENCES[2], "utf-8")


def test_as_written_keeps_the_form_of_utf8_and_utf16_and_composes_what_it_converts():
    nfd = unicodedata.normalize("NFD", SENTENCES[2])
    assert decode(nfd.encode(), as_written=True) == Decoded(nfd, "utf-8")
    assert decode(nfd.encode("utf-16"), as_written=True) == Decoded(nfd, "utf-16-le")
    assert decode(windows_1258(SENTENCES[2]), as_written=True) == Decoded(SENTENCES[2], "windows-1258")


def test_a_few_stray_nul_bytes_leave_utf8_text_and_many_make_it_binary():
    text = SENTENCES[0] * 3
    stray = text[:50] + "\x00" + text[50:]
    assert decode(stray.encode()) == Decoded(unicodedata.normalize("NFC", stray), "utf-8")
    with pytest.raises(UndecodableText, match="binary") as info:
        decode(("\x00" * 10).join(text.split(" ")).encode())
    assert info.value.binary


def test_windows_1258_as_written_decomposed_comes_back_composed():
    data = windows_1258("Việt")
    assert data == b"Vi\xea\xf2t"  # ê and the combining dot below
    assert decode(data) == Decoded("Việt", "windows-1258")


@pytest.mark.parametrize("name", ["utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_a_byte_order_mark(name):
    text = SENTENCES[0] + "\n" + TONED_CAPITALS[0]
    bom = b"\xff\xfe" if name == "utf-16-le" else b"\xfe\xff"
    assert decode(bom + text.encode(name)) == Decoded(text, name)
    assert decode(text.encode(name)) == Decoded(text, name)
    assert decode(unicodedata.normalize("NFD", text).encode(name)).text == text


def test_a_utf16_byte_order_mark_over_broken_utf16():
    with pytest.raises(UndecodableText) as err:
        decode(b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00\xd8")  # a lone high surrogate
    assert err.value.suspected == "utf-16-le" and err.value.offset == 6


# ------------------------------------------------------------------------------------ VIQR


def test_viqr_is_read_when_the_evidence_is_strong():
    text = "Vie^.t Nam: Ha` No^.i, tha`nh pho^' La.ng So+n, phu+o+`ng DDo^ng Kinh, ddi d-e^'n."
    assert decode(text.encode()) == Decoded(
        "Việt Nam: Hà Nội, thành phố Lạng Sơn, phường Đông Kinh, đi đến.", "viqr")


def test_viqr_escapes_and_punctuation():
    # RFC 1456: a full stop or question mark right after a vowel is escaped, else it is a
    # tone -- at the end of a line too; after a word that has its tone it can only be punctuation
    data = (b"Ba`i ho.c vie^'t: \"Nha` tho+\\.\" Co' pha?i kho^ng? Ta.i sao\\? Va^ng, HDDND tha`nh pho^'.\n"
            b"Trang chu?\nChia se?\n'Ta' no'i: ddu'ng ro^`i.")
    assert decode(data) == Decoded("Bài học viết: \"Nhà thơ.\" Có phải không? Tại sao? Vâng, HĐND thành phố.\n"
                                   "Trang chủ\nChia sẻ\n'Ta' nói: đúng rồi.", "viqr")


def test_a_little_viqr_is_not_enough():
    # two words only: too little to convert an ASCII text
    assert decode(b"Ha` No^.i") == Decoded("Ha` No^.i", "utf-8")


def test_viqr_leaves_addresses_alone():
    text = ("Co^ng va(n so^' 15/UBND-VP gu+?i ca'c so+?, nga`nh; chi tie^'t ta.i "
            "https://langson.gov.vn/tin-tuc?id=1 hoa(.c thu+ ddie^.n tu+? vanthu@langson.gov.vn")
    decoded = decode(text.encode())
    assert decoded.encoding == "viqr"
    assert decoded.text == ("Công văn số 15/UBND-VP gửi các sở, ngành; chi tiết tại "
                            "https://langson.gov.vn/tin-tuc?id=1 hoặc thư điện tử vanthu@langson.gov.vn")


# ------------------------------------------------------------------------------ not text


def test_random_bytes_are_not_text():
    rng = random.Random(20240612)
    for _ in range(20):
        data = rng.randbytes(3000)
        with pytest.raises(UndecodableText) as err:
            decode(data)
        assert isinstance(err.value.offset, int) and 0 <= err.value.offset < len(data)
        assert isinstance(err.value, ValueError) and err.value.reason


def test_random_high_bytes_without_controls_are_not_text():
    rng = random.Random(7)
    for _ in range(20):
        data = bytes(rng.choice(b"abcdefghik  \x80\x90\xa5\xb5\xc3\xd0\xe0\xf0\xff") for _ in range(2000))
        with pytest.raises(UndecodableText) as err:
            decode(data)
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:
            assert err.value.offset == bad.start


# ------------------------------------------------------------------- the syllable checker


@pytest.mark.parametrize("word", [
    "người", "Việt", "quốc", "quyết", "giếng", "gì", "khuya", "thuở", "hoà", "hòa", "khoẻ", "Ủy",
    "nghị", "kỹ", "boong", "uống", "yêu", "ĐỒNG", "thường", "xã", "ấp", "oách",
])
def test_vietnamese_syllables(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", [
    "mat",  # a stop coda needs the sắc or nặng tone
    "màt", "kan", "ci", "nge",  # k / c and ng / ngh spelled wrong
    "nộị", "phốề",  # two tones
    "nh©n", "S¬n", "Vieät", "ǹa", "ăn̂",  # what a wrong reading makes
    "hello", "street",
])
def test_not_syllables(word):
    assert not is_syllable(word)


# ------------------------------------------------------------------------------------ speed


@pytest.mark.parametrize("name", ["tcvn3", "vni", "windows-1258", "viqr"])
def test_a_megabyte_decodes_well_under_a_second(name):
    paragraph = "\n".join(SENTENCES + TONED_CAPITALS) + "\n"
    paragraph = tcvn3_view(paragraph) if name == "tcvn3" else paragraph
    text = paragraph * (1_000_000 // len(paragraph.encode()) + 1)
    data = ENCODERS[name](text)
    start = time.perf_counter()
    decoded = decode(data)
    assert time.perf_counter() - start < 1.0
    assert decoded == Decoded(text, name)
