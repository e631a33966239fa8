"""The readers of kg.readers on files the tests make (tests/makers.py): an HTML page in the
shape of a portal's article, a PDF, a DOCX and a WARC each build to the entities of the
same text given as plain text, and carry what the file says of itself into the graph."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg import ingest, readers
from kg.readers import _html, _pdf
from kg.text.footnotes import SEPARATOR

sys.path.insert(0, str(Path(__file__).parent))
import makers  # noqa: E402
from helpers import as_a_user  # noqa: E402

TEXT = makers.TITLE + "\n" + "\n".join(makers.PARAGRAPHS)


def _entities(out: Path) -> dict[str, set[str]]:
    """Per document name, the (type, label) of every entity it mentions."""
    store = kg.open(out)
    rows = store.query("""SELECT ?name ?type ?label WHERE {
        ?e kg:mentionedIn ?d ; a ?type ; skos:prefLabel ?label . ?d kg:fileName ?name .
        FILTER(STRSTARTS(STR(?type), STR(kg:))) }""")
    found: dict[str, set[str]] = {}
    for name, type_, label in rows:
        found.setdefault(str(name), set()).add((str(type_).rsplit("#", 1)[-1], str(label)))
    return found


@pytest.fixture(scope="module")
def formats(tmp_path_factory):
    """One build of the article as text, HTML, PDF, DOCX and inside a WARC."""
    folder = tmp_path_factory.mktemp("formats")
    (folder / "article.txt").write_text(TEXT, encoding="utf-8")
    (folder / "article.html").write_bytes(makers.portal_page())
    (folder / "article.pdf").write_bytes(makers.pdf([[makers.TITLE] + makers.PARAGRAPHS[:2], makers.PARAGRAPHS[2:]],
                                                    header=None))
    (folder / "article.docx").write_bytes(makers.docx([makers.TITLE] + makers.PARAGRAPHS, title=makers.TITLE))
    (folder / "portal.warc.gz").write_bytes(makers.warc([(makers.URL, "text/html; charset=utf-8",
                                                          makers.portal_page(url=makers.URL + "?v=2"))]))
    out = tmp_path_factory.mktemp("formats-out") / "out"
    result = kg.build([folder], out)
    return folder, out, result


def test_every_format_builds_to_the_entities_of_its_plain_text(formats):
    folder, out, result = formats
    assert result.ok, result.failures
    found = _entities(out)
    plain = found.pop("article.txt")
    assert len(plain) >= 5
    assert len(found) == 4, sorted(found)
    for name, entities in found.items():
        assert entities == plain, (name, entities ^ plain)


def test_the_documents_carry_what_their_files_say(formats):
    _, out, result = formats
    rows = kg.open(out).query("""SELECT ?name ?format ?title ?url ?site ?published ?captured WHERE {
        ?d a kg:Document ; kg:fileName ?name ; dcterms:format ?format .
        OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d schema:url ?url }
        OPTIONAL { ?d kg:publisherName ?site } OPTIONAL { ?d kg:publicationDate ?published }
        OPTIONAL { ?d kg:capturedAt ?captured } }""")
    said = {str(r[0]): [None if v is None else str(v) for v in r[1:]] for r in rows}
    assert said["article.txt"] == ["text/plain", None, None, None, None, None]
    assert said["article.html"] == ["text/html", makers.TITLE, makers.URL, makers.SITE, makers.PUBLISHED, None]
    assert said["article.pdf"][0] == "application/pdf"
    assert said["article.docx"][:2] == ["application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                        makers.TITLE]
    [page] = [name for name in said if name.endswith(".html") and name != "article.html"]
    assert said[page][0] == "text/html" and said[page][2] == makers.URL + "?v=2"
    assert said[page][5].startswith("2025-02-13T01:02:03")  # Z or +00:00, as the reader writes it
    report = json.loads((out / "build.json").read_text(encoding="utf-8"))
    archived = [d for d in report["documents"] if d.get("archive")]
    assert len(archived) == 1 and archived[0]["archive"].endswith("portal.warc.gz")


def test_a_pdf_mention_knows_its_page(formats):
    _, out, _ = formats
    rows = kg.open(out).query("""SELECT ?anchor ?page WHERE {
        ?m nif:referenceContext ?d ; nif:anchorOf ?anchor ; kg:pageNumber ?page . ?d kg:fileName "article.pdf" }""")
    pages = {str(a): int(p.value) for a, p in rows}
    assert [p for a, p in pages.items() if a.startswith("Nghị quyết số 15-NQ/TU")] == [2], pages
    assert pages.get("Hoàng Văn Nam") == 1, pages


def test_an_html_mention_knows_its_element(formats):
    """Each mention of the page (alone and inside the archive) names the element of the page
    its text stands in, and the element's text in the page holds it."""
    import lxml.html

    _, out, _ = formats
    rows = kg.open(out).query("""SELECT ?name ?anchor ?path WHERE {
        ?m nif:referenceContext ?d ; nif:anchorOf ?anchor ; kg:elementPath ?path . ?d kg:fileName ?name }""")
    by_name: dict[str, list] = {}
    for name, anchor, path in rows:
        by_name.setdefault(str(name), []).append((str(anchor), str(path)))
    assert set(by_name) == {"article.html"} | {n for n in by_name if n.endswith(".html") and "example-gov-vn" in n}
    assert len(by_name) == 2, sorted(by_name)
    page = lxml.html.fromstring(makers.portal_page()).getroottree()
    for name, found in by_name.items():
        assert len(found) >= 5, name
        for anchor, path in found:
            [element] = page.xpath(path)
            assert anchor in " ".join("".join(element.itertext()).split()), (anchor, path)
        assert {path for _, path in found} >= {"/html/body/main/article/h1", "/html/body/main/article/p[2]"}


def test_locate_finds_a_repeated_line_further_on_and_names_no_element_for_a_rebuilt_one():
    page = (b"<html><body><nav><p>Tin</p></nav><article><p>Tin</p><p>Hai</p><table><tr><td>a</td><td>b</td></tr>"
            b"</table></article></body></html>")
    assert _html.locate(page, "Tin\nTin\nHai\na | b") == (
        (0, "/html/body/nav/p"), (4, "/html/body/article/p[1]"), (8, "/html/body/article/p[2]"), (12, None))
    assert _html.locate(b"", "x") == ()


def test_the_html_reader_drops_navigation_related_links_and_footer():
    [part] = readers.READERS["html"].read(makers.portal_page(), "a.html")
    assert "Trang chủ" not in part.text and "Tin liên quan" not in part.text
    assert "Tam Thanh tổng kết" not in part.text and "Bản quyền" not in part.text
    assert all(p in part.text for p in makers.PARAGRAPHS)


def test_an_html_page_without_main_text_is_an_error(tmp_path):
    path = tmp_path / "menu.html"
    path.write_bytes(b"<html><head><title>Trang ch\xe1\xbb\xa7</title></head><body><div></div></body></html>")
    with pytest.raises(kg.errors.InputError, match=r"\[E011\]") as info:
        ingest.read(path)
    assert str(path) in str(info.value)


def test_pdf_lines_are_rejoined_and_page_furniture_dropped():
    pages = [[p] for p in makers.PARAGRAPHS] * 2  # six pages: running header and page numbers on each
    [part] = readers.READERS["pdf"].read(makers.pdf(pages, width=60), "a.pdf")
    lines = part.text.splitlines()
    assert lines == makers.PARAGRAPHS * 2, lines  # one line per paragraph, nothing else
    assert len(part.pages) == 6 and part.pages[0] == 0
    assert all(part.text[b:].startswith(p) for b, p in zip(part.pages, makers.PARAGRAPHS * 2))


def test_pdf_footnotes_are_kept_apart_and_read_as_footnotes(tmp_path):
    """A footnote in smaller type at the foot of a page is not run into the text: it follows
    the page's text after a separator line, and the pipeline reads it as footnote 1 of the
    marker glued to "2024" (so that the year stays a year)."""
    from kg.pipeline import Pipeline

    note = ("1 Gồm dự án đường Bà Triệu và dự án trường Tiểu học Đông Kinh, khởi công theo Quyết định "
            "số 15/QĐ-UBND ngày 12/3/2024 của Ủy ban nhân dân thành phố Lạng Sơn.")
    first = makers.PARAGRAPHS[0] + " Trong năm 20241, phường hoàn thành 03 dự án."
    path = tmp_path / "report.pdf"
    path.write_bytes(makers.pdf([[first, makers.PARAGRAPHS[1]], makers.PARAGRAPHS[2:]], footnotes={0: [note]}))
    [doc] = ingest.read(path)
    page_one = doc.text[:doc.source.pages[1]]
    body, _, notes = page_one.partition("\n" + SEPARATOR + "\n")
    assert "Bà Triệu" not in body and "năm 20241, phường" in body
    assert " ".join(notes.split()) == note
    doc = Pipeline()(doc)
    [footnote] = doc.footnotes
    assert footnote.number == 1 and doc.text[footnote.marker:footnote.marker + 5] == "1, ph"
    assert any(m.type == "Resolution" and m.text.startswith("Quyết định số 15/QĐ-UBND") for m in doc.mentions), \
        [(m.type, m.text) for m in doc.mentions]


def test_rejoin_keeps_headings_and_items_apart():
    assert _pdf.rejoin(["QUYẾT ĐỊNH", "Về việc giao chỉ tiêu", "1. Mục tiêu:", "a) Làm đường;"]) == \
        "QUYẾT ĐỊNH\nVề việc giao chỉ tiêu\n1. Mục tiêu:\na) Làm đường;"


@pytest.mark.parametrize("case,make,code", [
    ("scanned", makers.scanned_pdf, "E014"),
    ("corrupt", lambda: makers.CORRUPT_PDF, "E013"),
    ("encrypted", makers.encrypted_pdf, "E012"),
])
def test_pdfs_that_cannot_be_read_say_why(tmp_path, case, make, code):
    data = make()
    path = tmp_path / f"{case}.pdf"
    path.write_bytes(data)
    with pytest.raises(kg.errors.InputError, match=rf"\[{code}\]") as info:
        ingest.read(path)
    assert str(path) in str(info.value)


def test_docx_keeps_the_tables_in_their_place():
    data = makers.docx(makers.PARAGRAPHS, table=[["STT", "Công trình"], ["1", "Đường Bà Triệu"]])
    [part] = readers.READERS["docx"].read(data, "a.docx")
    lines = part.text.splitlines()
    assert lines == [makers.PARAGRAPHS[0], "STT | Công trình", "1 | Đường Bà Triệu"] + makers.PARAGRAPHS[1:]


def test_a_web_archive_is_read_as_a_stream_page_by_page(tmp_path):
    pages = [(f"https://example.gov.vn/tin/{i}.html", "text/html", makers.portal_page(url=f"https://example.gov.vn/tin/{i}.html"))
             for i in range(3)]
    pdf = ("https://example.gov.vn/vb/qd.pdf", "application/pdf", makers.pdf([makers.PARAGRAPHS]))
    for gzipped in (True, False):
        path = tmp_path / ("a.warc.gz" if gzipped else "a.warc")
        path.write_bytes(makers.warc(pages + [pdf], gzipped=gzipped))
        before = set(tmp_path.iterdir())
        docs = ingest.read(path)
        assert set(tmp_path.iterdir()) == before  # nothing unpacked beside it
        assert [d.source.url for d in docs] == [u for u, _, _ in pages] + [pdf[0]]
        assert [d.source.format for d in docs] == ["text/html"] * 3 + ["application/pdf"]
        assert len({d.name for d in docs}) == 4 and all(d.file == path for d in docs)


def test_a_page_captured_twice_is_built_as_last_captured_and_the_earlier_capture_named(tmp_path):
    url = "https://example.gov.vn/tin/1.html"
    old = makers.portal_page(paragraphs=makers.PARAGRAPHS[:1], url=url)
    new = makers.portal_page(paragraphs=makers.PARAGRAPHS, url=url)
    other = ("https://example.gov.vn/tin/2.html", "text/html", makers.portal_page(url="https://example.gov.vn/tin/2.html"))
    path = tmp_path / "a.warc.gz"
    path.write_bytes(makers.warc([(url, "text/html", new, "2025-03-01T00:00:00Z"), other,
                                  (url, "text/html", old, "2025-01-01T00:00:00Z")]))
    docs = ingest.read(path)
    assert [d.source.url for d in docs] == [url, other[0]]
    assert makers.PARAGRAPHS[-1] in docs[0].text and docs[0].source.captured == "2025-03-01T00:00:00Z"
    said = [w for d in docs for w in d.source.warnings]
    assert len(said) == 1 and "[W005]" in said[0] and url in said[0] and "2025-01-01" in said[0], said
    result = kg.build([path], tmp_path / "out")
    assert result.ok and len(result.documents) == 2 and any("[W005]" in w for w in result.warnings), result.failures


def test_a_file_without_a_suffix_is_read_by_its_first_bytes(tmp_path):
    (tmp_path / "trang").write_bytes(makers.portal_page())
    (tmp_path / "van-ban").write_bytes(makers.pdf([makers.PARAGRAPHS]))
    (tmp_path / "ghi-chu").write_text(TEXT, encoding="utf-8")
    (tmp_path / "kho").write_bytes(makers.warc([(makers.URL, "text/html", makers.portal_page())]))
    formats = {p.name: ingest.read(p)[0].source.format for p in tmp_path.iterdir()}
    assert formats == {"trang": "text/html", "van-ban": "application/pdf", "ghi-chu": "text/plain", "kho": "text/html"}


def test_every_file_under_an_input_is_read_or_named_as_skipped(tmp_path):
    inp = tmp_path / "in"
    (inp / "sub").mkdir(parents=True)
    (inp / "UPPER.TXT").write_text(TEXT, encoding="utf-8")
    (inp / "notes.md").write_text(TEXT, encoding="utf-8")
    (inp / "sub" / "page.HTML").write_bytes(makers.portal_page())
    (inp / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (inp / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    (inp / "dangling.txt").symlink_to(inp / "gone.txt")
    (inp / "loop").symlink_to(inp / "loop")
    (inp / "sub" / "back").symlink_to(inp)
    found = ingest.collect([inp])
    assert [p.name for p in found.files] == ["UPPER.TXT", "notes.md", "page.HTML"]
    assert sorted(Path(p).name for p, _ in found.skipped) == [".hidden.txt", "logo.png"]
    assert all(reason for _, reason in found.skipped)
    errors = sorted(str(e) for e in found.errors)
    assert len(errors) == 3, errors
    assert any("[E019]" in e and "dangling.txt" in e and "does not exist" in e for e in errors)
    assert any("[E019]" in e and "loop" in e and "a loop of links" in e for e in errors)
    assert any("[E019]" in e and "back" in e and "leads back" in e for e in errors)


def test_an_unreadable_directory_and_an_unreadable_file_are_named(open_folder):
    inp = open_folder / "in"
    (inp / "closed").mkdir(parents=True)
    for path in (inp / "a.txt", inp / "secret.txt", inp / "closed" / "b.txt"):
        path.write_text(TEXT, encoding="utf-8")
    inp.chmod(0o755)
    (inp / "a.txt").chmod(0o644)
    (inp / "secret.txt").chmod(0)
    (inp / "closed").chmod(0)
    script = ("import json; from pathlib import Path; from kg import ingest\n"
              "found = ingest.collect([Path('in')])\n"
              "read = []\n"
              "for f in found.files:\n"
              "    try: read.append(ingest.read(f)[0].name)\n"
              "    except ingest.InputError as err: read.append(str(err))\n"
              "print(json.dumps({'errors': [str(e) for e in found.errors], 'read': read}))")
    proc = as_a_user([sys.executable, "-c", script], open_folder)
    assert proc.returncode == 0, proc.stderr[-2000:]
    said = json.loads(proc.stdout)
    assert len(said["errors"]) == 1 and "[E020]" in said["errors"][0] and "closed" in said["errors"][0]
    assert said["read"][0] == "a.txt"
    assert len(said["read"]) == 2 and "[E006]" in said["read"][1] and "secret.txt" in said["read"][1]
    assert "Permission denied" in said["read"][1]


def test_the_same_bytes_under_two_names_are_built_once(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a.txt").write_text(TEXT, encoding="utf-8")
    (inp / "copy-of-a.txt").write_text(TEXT, encoding="utf-8")
    result = kg.build([inp], tmp_path / "out")
    assert [d["name"] for d in result.documents] == ["a.txt"]
    assert len(result.failures) == 1 and "[E018]" in result.failures[0]["error"]
    assert "copy-of-a.txt" in result.failures[0]["error"] and "a.txt" in result.failures[0]["error"]


def test_names_with_terminal_escapes_are_printed_escaped(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a.txt").write_text(TEXT, encoding="utf-8")
    (inp / "\x1b[31mred\x1b[0m.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["build", str(inp), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\\x1b[31mred" in result.output


def test_fail_fast_stops_at_the_first_bad_document(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a.txt").write_bytes(b"")
    (inp / "b.txt").write_text(TEXT, encoding="utf-8")
    (inp / "c.txt").write_bytes(b"\x00\x01")
    going = CliRunner().invoke(main, ["build", str(inp), "-o", str(tmp_path / "one"), "-q"])
    fast = CliRunner().invoke(main, ["build", str(inp), "-o", str(tmp_path / "two"), "--fail-fast", "-q"])
    assert going.exit_code == fast.exit_code == 1
    assert "[E002]" in going.output and "[E003]" in going.output
    assert "[E002]" in fast.output and "[E003]" not in fast.output
    built = json.loads((tmp_path / "one" / "build.json").read_text(encoding="utf-8"))
    assert [d["name"] for d in built["documents"]] == ["b.txt"] and len(built["failures"]) == 2


def test_an_archived_url_that_is_not_an_iri_is_left_out_with_a_warning(tmp_path):
    """Every IRI the build writes is valid: a page archived under a URI with spaces and
    angle brackets is built without its URL, and says so."""
    bad = "https://example.gov.vn/tin tức/<b>.html"
    path = tmp_path / "a.warc.gz"
    path.write_bytes(makers.warc([(bad, "text/html", makers.portal_page(url=bad))]))
    [doc] = ingest.read(path)
    assert doc.source.url in (None, "https://example.gov.vn/tin%20t%E1%BB%A9c/%3Cb%3E.html")
    if doc.source.url is None:
        assert any("[W003]" in w for w in doc.warnings)
    result = kg.build([path], tmp_path / "out")
    assert result.ok, result.failures
    for quad in ox.parse(path=str(tmp_path / "out" / "graph.trig"), format=ox.RdfFormat.TRIG):
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.NamedNode):
                assert term.value.startswith(("http://", "https://")) and " " not in term.value, term


@pytest.mark.parametrize("url,ok", [("https://example.gov.vn/a.html", True), ("javascript:alert(1)", False),
                                    ("https://example.gov.vn/a b", False), ("/tin/a.html", False),
                                    ("https:///a", False), ("http://[bad/x", False)])
def test_only_absolute_http_iris_are_kept_as_urls(url, ok):
    assert ingest._is_url(url) is ok


def test_the_views_and_the_id_pages_show_what_a_page_says_of_itself(formats, tmp_path):
    import html as _html
    import urllib.request

    from kg.server import Limits, Server
    from kg.viz import write_views

    _, out, _ = formats
    views = {v.title: v for v in write_views(kg.to_networkx(kg.open(out)), tmp_path / "views")}
    page = (tmp_path / "views" / views["article.html"].name).read_text(encoding="utf-8")
    for said in (makers.TITLE, makers.SITE, makers.PUBLISHED, makers.URL):
        assert _html.escape(said) in page, said
    iri = next(iter(kg.open(out).query(
        'SELECT ?d WHERE { ?d kg:fileName "article.html" }')))[0]
    with Server(out, port=0, limits=Limits(workers=1)) as server:
        url = server.url + "id/" + str(iri).removeprefix("https://w3id.org/vn-gov-kg/id/")
        request = urllib.request.Request(url, headers={"Accept": "text/html"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read().decode("utf-8")
    assert _html.escape(makers.TITLE) in body and makers.URL in body and makers.SITE in body


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b"\xef\xbb\xbf")])
def test_a_text_with_a_byte_order_mark_is_read_in_its_encoding(tmp_path, encoding, bom):
    path = tmp_path / "a.txt"
    path.write_bytes(bom + TEXT.encode(encoding))
    [doc] = ingest.read(path)
    assert doc.text == TEXT and doc.source.encoding.startswith(encoding)


#: What each legacy encoding can carry of a UTF-8 text: TCVN3 writes a capital vowel with
#: a tone as its lower-case letter (the .VnTimeH fonts drew it from those bytes); VIQR is
#: ASCII, so typographic signs become their ASCII forms.
_CARRIED = {
    "tcvn3": makers.tcvn3_view,
    "viqr": lambda t: t.translate({0xA0: " ", 0x201C: '"', 0x201D: '"', 0x2018: "'", 0x2019: "'",
                                   0x2013: "-", 0x2014: "-", 0x2026: "..."}),
}


@pytest.mark.parametrize("encoding", sorted(makers.ENCODERS))
def test_a_legacy_text_builds_to_the_entities_of_its_utf8_original(tmp_path, encoding):
    """A seed document in each legacy encoding builds to the entities of the UTF-8 text
    it carries, and no mojibake reaches the graph."""
    inp = tmp_path / "in"
    inp.mkdir()
    original = (Path(__file__).parent.parent / "corpus" / "001_66a585b55fd60d04.txt").read_text(encoding="utf-8")
    original = _CARRIED.get(encoding, lambda t: t)(original)
    (inp / "utf8.txt").write_text(original, encoding="utf-8")
    (inp / "legacy.txt").write_bytes(makers.ENCODERS[encoding](original))
    result = kg.build([inp], tmp_path / "out")
    assert result.ok, result.failures
    found = _entities(tmp_path / "out")
    assert len(found["utf8.txt"]) >= 8 and found["legacy.txt"] == found["utf8.txt"]
    report = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    said = {d["name"]: d for d in report["documents"]}
    assert said["legacy.txt"]["encoding"] == encoding and said["utf8.txt"]["encoding"] == "utf-8", said
    assert said["legacy.txt"]["characters"] == said["utf8.txt"]["characters"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_told_by_its_nul_bytes(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode(encoding))
    [doc] = ingest.read(path)
    assert doc.text == TEXT and doc.source.encoding == encoding
    binary = tmp_path / "b.txt"  # NUL bytes in no such pattern: still binary
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    with pytest.raises(kg.errors.InputError, match=r"\[E003\]"):
        ingest.read(binary)
