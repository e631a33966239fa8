"""Files in the formats kg reads, made by the tests with the libraries that write them: an
HTML page in the shape of a provincial portal's article, a PDF (fpdf2, with a TrueType
font that has the Vietnamese letters), a DOCX (python-docx) and a WARC (warcio). The texts
are written here; no third-party page is copied in. Texts in the legacy Vietnamese
encodings are made with encoders built from the data files the decoder reads
(kg/lexicon/encodings/*.tsv), inverted."""
from __future__ import annotations

import html
import io
from pathlib import Path

#: An article as a portal would post it, paragraph by paragraph.
TITLE = "Hội nghị triển khai nhiệm vụ năm 2025 của Ủy ban nhân dân phường Đông Kinh"
PARAGRAPHS = [
    "Sáng ngày 12/02/2025, Ủy ban nhân dân phường Đông Kinh tổ chức hội nghị triển khai nhiệm vụ phát triển "
    "kinh tế - xã hội năm 2025.",
    "Đồng chí Hoàng Văn Nam, Chủ tịch Ủy ban nhân dân phường Đông Kinh chủ trì hội nghị. Dự hội nghị có đại diện "
    "Thành ủy Lạng Sơn và các ban, ngành của thành phố.",
    "Hội nghị đã quán triệt Nghị quyết số 15-NQ/TU ngày 20/12/2024 của Ban Thường vụ Thành ủy Lạng Sơn về nhiệm vụ "
    "trọng tâm năm 2025.",
]
URL = "https://example.gov.vn/tin-tuc/hoi-nghi-trien-khai-nhiem-vu-2025.html"
SITE = "Cổng thông tin điện tử thành phố Lạng Sơn"
PUBLISHED = "2025-02-12"


def portal_page(title: str = TITLE, paragraphs: list[str] = PARAGRAPHS, url: str = URL) -> bytes:
    """A portal's article page: navigation, the article, a related-links block and a footer."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{html.escape(title)} - {html.escape(SITE)}</title>
<link rel="canonical" href="{html.escape(url)}">
<meta property="og:site_name" content="{html.escape(SITE)}">
<meta property="article:published_time" content="{PUBLISHED}T08:30:00+07:00">
</head><body>
<header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li>
<li><a href="/tin-tuc">Tin tức - Sự kiện</a></li><li><a href="/van-ban">Văn bản</a></li></ul></nav></header>
<main><article><h1>{html.escape(title)}</h1>
<div class="date">Ngày đăng: 12/02/2025</div>
{body}
</article>
<aside class="related"><h3>Tin liên quan</h3><ul>
<li><a href="/tin-tuc/a.html">Phường Tam Thanh tổng kết công tác năm 2024</a></li>
<li><a href="/tin-tuc/b.html">Thành phố Lạng Sơn ra quân làm đường giao thông nông thôn</a></li></ul></aside></main>
<footer><p>Bản quyền thuộc Ủy ban nhân dân thành phố Lạng Sơn</p><p>Điện thoại: 0205 3812 345</p></footer>
</body></html>"""
    return page.encode("utf-8")


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """``text`` in Windows-1258, Microsoft's Vietnamese code page: a letter it has whole, else
    the letter without its tone followed by the tone as a combining mark."""
    import unicodedata

    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONE_MARKS))
        out += base.encode("cp1258") + "".join(c for c in nfd if c in _TONE_MARKS).encode("cp1258")
    return bytes(out)


#: The capitals TCVN3 (VN3) has: the seven letters with a shape and no tone.
TCVN3_CAPITALS = ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"]


def _inverse(name: str) -> dict[str, bytes | str]:
    """Character -> code, from the data file of ``name`` (its alternative spellings aside)."""
    from kg.text.encodings import table_rows

    return {char: code for code, char, kind in table_rows(name) if kind != "alternative"}


def encode_table(text: str, name: str) -> bytes:
    """``text`` in TCVN3 or VNI: ASCII as itself, every other character by the table (a
    KeyError for a character the encoding cannot write)."""
    inverse = _inverse(name)
    return b"".join(c.encode("ascii") if c.isascii() else inverse[c] for c in text)


def encode_viqr(text: str) -> bytes:
    """``text`` in VIQR: each letter as its sequence, and a mark character that follows a
    letter escaped with a backslash, as RFC 1456 asks ("Kinh\\.")."""
    inverse = _inverse("viqr")
    out: list[str] = []
    for c in text:
        if c in inverse:
            out.append(inverse[c])
        elif c in "^(+'`?~.-" and out and (out[-1][-1].isalpha() or out[-1][-1] in "^(+'`?~."):
            out.append("\\" + c)
        else:
            out.append(c)
    return "".join(out).encode("ascii")


def tcvn3_view(text: str) -> str:
    """``text`` as TCVN3 brings it back: a capital vowel with a tone as its lower-case
    letter (what a .VnTimeH heading holds), the other letters as they are."""
    return "".join(c.lower() if c.isupper() and not c.isascii() and c not in TCVN3_CAPITALS else c
                   for c in text)


ENCODERS = {
    "tcvn3": lambda t: encode_table(t, "tcvn3"),
    "vni": lambda t: encode_table(t, "vni"),
    "windows-1258": windows_1258,
    "viqr": encode_viqr,
}


def font() -> Path:
    """A TrueType font with the Vietnamese letters, from the system (Debian's DejaVu or Liberation)."""
    for candidate in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                      "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"):
        if Path(candidate).is_file():
            return Path(candidate)
    import os

    import pytest

    if os.environ.get("CI"):
        pytest.fail("fonts-dejavu-core is missing on CI: .ci/run must install it")
    pytest.skip("no TrueType font with Vietnamese letters (fonts-dejavu-core or fonts-liberation)")


def pdf(pages: list[list[str]], header: str | None = "UBND PHƯỜNG ĐÔNG KINH", numbers: bool = True,
        width: float = 90, footnotes: dict[int, list[str]] | None = None) -> bytes:
    """A PDF whose pages hold ``pages`` (each a list of paragraphs), hard-wrapped at
    ``width`` mm as a word processor would, with a running header and page numbers, and
    ``footnotes`` (page index -> notes, each opening with its number) at the foot of a
    page in a smaller type."""
    from fpdf import FPDF

    doc = FPDF(format="A4")
    doc.add_font("vn", fname=str(font()))
    doc.set_auto_page_break(False)
    for n, paragraphs in enumerate(pages, 1):
        doc.add_page()
        doc.set_font("vn", size=10)
        if header:
            doc.set_xy(20, 10)
            doc.cell(0, 5, header)
        doc.set_xy(20, 25)
        for p in paragraphs:
            doc.multi_cell(width, 5, p, new_x="LMARGIN", new_y="NEXT")
            doc.set_x(20)
        notes = (footnotes or {}).get(n - 1, [])
        if notes:
            doc.set_font("vn", size=8)
            doc.set_xy(20, 280 - 4 * sum(1 + len(note) // 110 for note in notes))
            for note in notes:
                doc.multi_cell(170, 4, note, new_x="LMARGIN", new_y="NEXT")
                doc.set_x(20)
            doc.set_font("vn", size=10)
        if numbers:
            doc.set_xy(100, 285)
            doc.cell(10, 5, str(n))
    return bytes(doc.output())


def scanned_pdf() -> bytes:
    """A PDF of a scanned page: a drawing and no text layer."""
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.rect(20, 20, 100, 100, style="F")
    return bytes(doc.output())


def encrypted_pdf() -> bytes:
    """A PDF that asks for a password to open."""
    from fpdf import FPDF

    doc = FPDF()
    doc.add_font("vn", fname=str(font()))
    doc.add_page()
    doc.set_font("vn", size=12)
    doc.cell(0, 10, "Văn bản mật")
    doc.set_encryption(owner_password="owner", user_password="reader")
    return bytes(doc.output())


#: A PDF whose objects end in garbage.
CORRUPT_PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ngarbage"


def docx(paragraphs: list[str], table: list[list[str]] | None = None, title: str | None = TITLE) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    if title:
        document.core_properties.title = title
    for p in paragraphs[:1]:
        document.add_paragraph(p)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    for p in paragraphs[1:]:
        document.add_paragraph(p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def warc(records: list[tuple], gzipped: bool = True, date: str = "2025-02-13T01:02:03Z") -> bytes:
    """A web archive of ``(url, content type, body)`` responses (or ``(url, content type,
    body, capture date)``), each with status 200, and one request record and one 404
    response that are not documents."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    writer.write_record(writer.create_warc_record("https://example.gov.vn/robots.txt", "request",
                                                  payload=io.BytesIO(b"GET /robots.txt HTTP/1.1\r\n\r\n")))
    for url, media, body, *when in records + [("https://example.gov.vn/missing.html", "text/html", b"<html>404</html>")]:
        status = "404 Not Found" if url.endswith("missing.html") else "200 OK"
        headers = StatusAndHeaders(status, [("Content-Type", media), ("Content-Length", str(len(body)))],
                                   protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                           warc_headers_dict={"WARC-Date": when[0] if when else date})
        writer.write_record(record)
    return out.getvalue()
