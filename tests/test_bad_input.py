"""Bad input: unreadable documents are reported by name and skipped, the rest still builds,
and the output directory is never left half-written.

Every test runs the real ``kg build`` (through click's CliRunner) on copies of corpus files.
"""
from __future__ import annotations

import json
import shutil
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import ingest
from kg.cli import main
from kg.errors import InputError

sys.path.insert(0, str(Path(__file__).parent))
from makers import windows_1258  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
GOOD_STEMS = ("000_fa6bdb4d5fc08f99", "001_66a585b55fd60d04")
DATA_BASE = "https://w3id.org/vn-gov-kg/id/"

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
VIETNAMESE = "Ủy ban nhân dân thành phố Lạng Sơn ban hành Nghị quyết số 12/NQ-HĐND.\n"




BAD_FILES = {
    # name: (content, code)
    "empty.txt": (b"", "E002"),
    "image.txt": (PNG_HEADER, "E003"),
    "broken.txt": (b"V\xe1\xbb\x83n b\x81n h\x8dng \x8f", "E022"),
    "blank.txt": (b"  \n\t\r\n   \n", "E005"),
}


# --------------------------------------------------------------------------- helpers

def good_input(tmp_path: Path) -> Path:
    """A writable input directory holding two good corpus documents."""
    inp = tmp_path / "in"
    inp.mkdir()
    for stem in GOOD_STEMS:
        shutil.copy(CORPUS / f"{stem}.txt", inp / f"{stem}.txt")
    return inp


def run_build(*args: str | Path):
    return CliRunner().invoke(main, ["build", *map(str, args)], prog_name="kg")


def stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def doc_iri(stem: str, base: str = DATA_BASE) -> str:
    return f"<{base}document/{stem}>"


def assert_good_built(out: Path, n_failed: int) -> dict:
    """The good documents are in graph.trig and build.json; returns build.json."""
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    for stem in GOOD_STEMS:
        assert doc_iri(stem) in trig, stem
    assert (out / "graph.ttl").is_file()
    assert (out / "store").is_dir()
    report = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert report["counts"]["documents"] == len(GOOD_STEMS)
    assert report["counts"]["failed"] == n_failed
    assert sorted(Path(d["file"]).stem for d in report["documents"]) == sorted(GOOD_STEMS)
    return report


def no_temp_dirs(out: Path) -> list[Path]:
    """Leftovers of a build beside ``out`` (there should be none): folders being written,
    builds that ``out`` no longer names, stray links."""
    builds = out.parent / f".{out.name}.builds"
    current = out.resolve() if out.is_symlink() else None
    kept = sorted(p for p in builds.iterdir() if p != current) if builds.is_dir() else []
    return kept + sorted(out.parent.glob(f".{out.name}.building-*")) + sorted(out.parent.glob(f".{out.name}.old-*")) \
        + sorted(out.parent.glob(f".{out.name}.link-*"))


def check_one_bad_file(tmp_path: Path, name: str) -> None:
    content, code = BAD_FILES[name]
    inp = good_input(tmp_path)
    bad = inp / name
    bad.write_bytes(content)
    out = tmp_path / "out"

    result = run_build(inp, "-o", out)

    assert result.exit_code == 1, result.output
    lines = stderr_lines(result)
    assert len(lines) == 1, result.stderr
    assert "error" in lines[0]
    assert str(bad) in lines[0]
    assert f"[{code}]" in lines[0]

    report = assert_good_built(out, n_failed=1)
    assert len(report["failures"]) == 1
    failure = report["failures"][0]
    assert failure["file"] == str(bad)
    assert f"[{code}]" in failure["error"]
    assert str(bad) in failure["error"]
    # the bad document is not in the graph
    assert doc_iri(Path(name).stem) not in (out / "graph.trig").read_text(encoding="utf-8")
    assert no_temp_dirs(out) == []


# --------------------------------------------------------------------------- one bad file

def test_empty_file_is_reported_and_the_rest_builds(tmp_path):
    check_one_bad_file(tmp_path, "empty.txt")


def test_binary_file_with_txt_name_is_reported_and_the_rest_builds(tmp_path):
    check_one_bad_file(tmp_path, "image.txt")


def test_non_utf8_file_is_reported_and_the_rest_builds(tmp_path):
    check_one_bad_file(tmp_path, "broken.txt")


def test_whitespace_only_file_is_reported_and_the_rest_builds(tmp_path):
    check_one_bad_file(tmp_path, "blank.txt")


def test_quiet_build_still_reports_bad_file(tmp_path):
    inp = good_input(tmp_path)
    bad = inp / "empty.txt"
    bad.write_bytes(b"")
    result = run_build(inp, "-o", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = stderr_lines(result)
    assert len(lines) == 1 and str(bad) in lines[0] and "[E002]" in lines[0]


def test_bad_file_name_with_square_brackets_is_named_exactly(tmp_path):
    """The error line must give the file name as it is, even when it looks like markup."""
    inp = good_input(tmp_path)
    bad = inp / "scan[red]page.txt"
    bad.write_bytes(PNG_HEADER)
    result = run_build(inp, "-o", tmp_path / "out")
    assert result.exit_code == 1
    lines = stderr_lines(result)
    assert len(lines) == 1, result.stderr
    assert str(bad) in lines[0], lines[0]


# --------------------------------------------------------------------------- several bad files

def test_several_bad_files_are_all_listed_and_good_ones_built(tmp_path):
    inp = good_input(tmp_path)
    bad_paths = {}
    for name, (content, code) in BAD_FILES.items():
        (inp / name).write_bytes(content)
        bad_paths[str(inp / name)] = code
    out = tmp_path / "out"

    result = run_build(inp, "-o", out)

    assert result.exit_code == 1, result.output
    lines = stderr_lines(result)
    assert len(lines) == len(BAD_FILES), result.stderr
    for path, code in bad_paths.items():
        matching = [line for line in lines if path in line]
        assert len(matching) == 1, (path, lines)
        assert f"[{code}]" in matching[0]

    report = assert_good_built(out, n_failed=len(BAD_FILES))
    assert {f["file"]: f["error"] for f in report["failures"]}.keys() == bad_paths.keys()
    for failure in report["failures"]:
        assert f"[{bad_paths[failure['file']]}]" in failure["error"]
    assert no_temp_dirs(out) == []


# --------------------------------------------------------------------------- missing / empty inputs

def test_a_missing_input_alone_is_named_and_nothing_is_written(tmp_path):
    missing = tmp_path / "no-such-dir"
    out = tmp_path / "out"
    result = run_build(missing, "-o", out)
    assert result.exit_code == 1
    assert f"{missing}: no such file or directory" in result.stderr
    assert "[E001]" in result.stderr and "was not created" in result.stderr
    assert not out.exists()
    assert no_temp_dirs(out) == []


def test_a_missing_input_next_to_a_good_one_is_named_and_the_rest_builds(tmp_path):
    inp = good_input(tmp_path)
    missing = tmp_path / "gone"
    out = tmp_path / "out"
    result = run_build(inp, missing, "-o", out)
    assert result.exit_code == 1
    assert f"{missing}: no such file or directory" in result.stderr
    manifest = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert [f["file"] for f in manifest["failures"]] == [str(missing)]
    assert len(manifest["documents"]) == len(GOOD_STEMS)


def test_directory_without_documents_is_reported(tmp_path):
    empty_dir = tmp_path / "notes"
    empty_dir.mkdir()
    (empty_dir / "anh.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    out = tmp_path / "out"

    result = run_build(empty_dir, "-o", out)

    assert result.exit_code == 1
    lines = stderr_lines(result)
    assert len(lines) == 2, result.stderr
    assert "[E007]" in lines[0] and str(empty_dir) in lines[0] and "1 other files skipped" in lines[0]
    assert "[E210]" in lines[1] and "nothing is published" in lines[1] and "was not created" in lines[1]
    assert not out.exists() and not out.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes"]


def test_directory_without_txt_files_next_to_good_documents(tmp_path):
    inp = good_input(tmp_path)
    empty_dir = tmp_path / "nothing-here"
    empty_dir.mkdir()
    out = tmp_path / "out"
    result = run_build(inp, empty_dir, "-o", out)
    assert result.exit_code == 1
    lines = stderr_lines(result)
    assert len(lines) == 1 and "[E007]" in lines[0] and str(empty_dir) in lines[0]
    report = assert_good_built(out, n_failed=1)
    assert report["failures"][0]["file"] == str(empty_dir)


# --------------------------------------------------------------------------- atomic output

def _snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.trig", "build.json")}


def test_failed_build_leaves_previous_output_untouched(tmp_path):
    inp = good_input(tmp_path)
    out = tmp_path / "out"
    first = run_build(inp, "-o", out, "--quiet")
    assert first.exit_code == 0, first.output
    before = _snapshot(out)
    listing_before = sorted(p.relative_to(out) for p in out.rglob("*"))

    result = run_build(inp, "-o", out, "--base-iri", "not-an-iri")

    assert result.exit_code == 2
    assert "not-an-iri" in result.stderr
    assert "--base-iri" in result.stderr
    assert _snapshot(out) == before
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == listing_before
    assert no_temp_dirs(out) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.builds", "in", "out"]


@pytest.mark.parametrize("base", ["https://example.org/x", "ftp://example.org/x/", "/relative/"])
def test_other_invalid_base_iris_are_usage_errors(tmp_path, base):
    inp = good_input(tmp_path)
    out = tmp_path / "out"
    result = run_build(inp, "-o", out, "--base-iri", base)
    assert result.exit_code == 2
    assert "[E205]" in result.stderr
    assert not out.exists()
    assert no_temp_dirs(out) == []


def test_unwritable_output_location_is_reported(tmp_path):
    inp = good_input(tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory\n", encoding="utf-8")
    out = blocker / "out"
    result = run_build(inp, "-o", out, "--quiet")
    assert result.exit_code == 2
    assert "[E206]" in result.stderr
    assert str(out) in result.stderr
    assert blocker.read_text(encoding="utf-8") == "not a directory\n"


def test_a_directory_that_is_not_a_build_is_refused_and_kept(tmp_path):
    inp = good_input(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "stale.txt").write_text("from somewhere else\n", encoding="utf-8")
    (out / "sub").mkdir()
    (out / "sub" / "old.ttl").write_text("# old\n", encoding="utf-8")

    result = run_build(inp, "-o", out, "--quiet")

    assert result.exit_code == 2, result.output
    assert "[E208]" in result.stderr and "'stale.txt'" in result.stderr and "'sub'" in result.stderr
    assert (out / "stale.txt").read_text(encoding="utf-8") == "from somewhere else\n"
    assert (out / "sub" / "old.ttl").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]


def test_successful_build_replaces_the_previous_build(tmp_path):
    inp = good_input(tmp_path)
    out = tmp_path / "out"
    assert run_build(inp, "-o", out, "--quiet").exit_code == 0
    first = out.resolve()

    result = run_build(inp, "-o", out, "--quiet")

    assert result.exit_code == 0, result.output
    assert out.is_symlink() and out.resolve() != first and not first.exists()
    assert sorted(p.name for p in out.iterdir()) == ["build.json", "graph.trig", "graph.ttl", "quarantine.trig",
                                                     "store", "validation.ttl"]
    assert_good_built(out, n_failed=0)
    assert no_temp_dirs(out) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.builds", "in", "out"]


def test_rebuild_over_previous_build_leaves_no_temp_dir(tmp_path):
    inp = good_input(tmp_path)
    out = tmp_path / "out"
    assert run_build(inp, "-o", out, "--quiet").exit_code == 0
    (inp / f"{GOOD_STEMS[1]}.txt").unlink()
    assert run_build(inp, "-o", out, "--quiet").exit_code == 0
    report = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert [Path(d["file"]).stem for d in report["documents"]] == [GOOD_STEMS[0]]
    assert doc_iri(GOOD_STEMS[1]) not in (out / "graph.trig").read_text(encoding="utf-8")
    assert no_temp_dirs(out) == []


# --------------------------------------------------------------------------- encodings that are fine

def test_utf8_with_bom_and_crlf_builds(tmp_path):
    stem = GOOD_STEMS[0]
    text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8").replace("\r\n", "\n")
    crlf = tmp_path / "crlf"
    lf = tmp_path / "lf"
    crlf.mkdir()
    lf.mkdir()
    (crlf / f"{stem}.txt").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    (lf / f"{stem}.txt").write_bytes(text.encode("utf-8"))

    result = run_build(crlf, "-o", tmp_path / "out-crlf")
    assert result.exit_code == 0, result.output
    assert "error" not in result.stderr
    assert "documents: 1 built, 0 failed" in result.stdout
    assert run_build(lf, "-o", tmp_path / "out-lf", "--quiet").exit_code == 0

    report = json.loads((tmp_path / "out-crlf" / "build.json").read_text(encoding="utf-8"))
    assert report["counts"]["documents"] == 1 and report["failures"] == [] and report["warnings"] == []
    assert doc_iri(stem) in (tmp_path / "out-crlf" / "graph.trig").read_text(encoding="utf-8")
    doc = report["documents"][0]
    # the BOM is not part of the text; every line break keeps its CR
    assert doc["characters"] == len(text) + text.count("\n")
    # line endings do not change what is found
    plain = json.loads((tmp_path / "out-lf" / "build.json").read_text(encoding="utf-8"))["documents"][0]
    assert doc["entities"] == plain["entities"]
    assert doc["relations"] == plain["relations"]
    assert doc["sentences"] == plain["sentences"]


# --------------------------------------------------------------------------- kg.ingest.read

@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_read_raises_input_error(tmp_path, name):
    content, code = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        ingest.read(path)
    message = str(info.value)
    assert f"[{code}]" in message
    assert str(path) in message
    assert info.value.path == str(path)


def test_read_missing_file_raises_e001(tmp_path):
    path = tmp_path / "missing.txt"
    with pytest.raises(InputError) as info:
        ingest.read(path)
    assert "[E001]" in str(info.value) and str(path) in str(info.value)
    assert info.value.path == str(path)


def test_read_reports_the_offset_of_the_bad_byte(tmp_path):
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"abc\x00def")
    with pytest.raises(InputError, match=r"byte 3\b"):
        ingest.read(binary)
    latin = tmp_path / "l.txt"  # 0x81 is no character of Windows-1258 either
    latin.write_bytes(b"H\x81 rest")
    with pytest.raises(InputError, match=r"\[E004\].*byte 1\b"):
        ingest.read(latin)


def test_read_bom_only_file_is_whitespace_only(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf\r\n")
    with pytest.raises(InputError, match=r"\[E005\]"):
        ingest.read(path)


def test_read_accepts_bom_and_crlf(tmp_path):
    path = tmp_path / "ok.txt"
    path.write_bytes(b"\xef\xbb\xbf" + VIETNAMESE.replace("\n", "\r\n").encode("utf-8"))
    [doc] = ingest.read(path)
    assert doc.text == VIETNAMESE.replace("\n", "\r\n")
    assert doc.warnings == []


def test_collect_reports_directory_without_documents(tmp_path):
    (tmp_path / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    found = ingest.collect([tmp_path])
    assert found.files == []
    assert len(found.errors) == 1
    assert "[E007]" in str(found.errors[0]) and str(tmp_path) in str(found.errors[0])
    assert found.errors[0].path == str(tmp_path)
    assert [path for path, _ in found.skipped] == [str(tmp_path / "a.png")]


def test_two_documents_with_the_same_name_are_not_merged(tmp_path):
    from kg import ingest

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("Văn bản một.", encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text("Văn bản hai.", encoding="utf-8")
    files, errors = ingest.collect([tmp_path])
    assert len(files) == 2 and not errors  # both are read; the second of a name is refused
    identity = ingest.Identity()
    refused = [identity.claim(doc) for f in files for doc in ingest.read(f)]
    assert refused[0] is None and "E008" in str(refused[1]) and "x.txt" in str(refused[1])


# --------------------------------------------------------------------------- size

def test_a_50_mb_file_with_no_line_break_is_refused_unread(tmp_path):
    """Time and memory grow with a document's length: a file too large to be one document is
    refused before it is read (E021), and the others build."""
    inp = good_input(tmp_path)
    line = "Ủy ban nhân dân thành phố Lạng Sơn họp phiên thường kỳ " * 10
    with (inp / "huge.txt").open("w", encoding="utf-8") as f:
        for _ in range(50 * 1024 * 1024 // len(line.encode("utf-8")) + 1):
            f.write(line)
    assert (inp / "huge.txt").stat().st_size >= 50 * 1024 * 1024
    out = tmp_path / "out"
    result = run_build(inp, "-o", out)
    assert result.exit_code == 1
    lines = stderr_lines(result)
    assert len(lines) == 1 and "[E021]" in lines[0] and "huge.txt" in lines[0] and "bytes" in lines[0]
    report = assert_good_built(out, n_failed=1)
    assert "[E021]" in report["failures"][0]["error"]


def test_a_document_longer_than_the_limit_is_refused_by_its_characters(tmp_path):
    inp = good_input(tmp_path)
    out = tmp_path / "out"
    result = run_build(inp, "-o", out, "--max-characters", "3000")
    lines = stderr_lines(result)
    assert result.exit_code == 1 and lines and all("[E021]" in line and "characters" in line for line in lines)
    sizes = {stem: len((CORPUS / f"{stem}.txt").read_text(encoding="utf-8")) for stem in GOOD_STEMS}
    assert len(lines) == sum(1 for n in sizes.values() if n > 3000) > 0


def test_a_windows_1258_text_is_read_as_the_vietnamese_it_is(tmp_path):
    """Microsoft's Vietnamese code page, tone marks as combining characters: read, and
    composed to the NFC text of the UTF-8 original."""
    path = tmp_path / "cp.txt"
    path.write_bytes(windows_1258(VIETNAMESE))
    [doc] = ingest.read(path)
    assert doc.text == unicodedata.normalize("NFC", VIETNAMESE) and doc.source.encoding == "windows-1258"


def test_a_tcvn3_text_is_read_as_the_vietnamese_it_is(tmp_path):
    """TCVN3 (ABC), the font encoding of the .Vn fonts: converted (its capitals with a tone
    were drawn by another font from the lower-case bytes, so they come back in lower case)."""
    path = tmp_path / "abc.txt"
    path.write_bytes("Uû ban nh©n d©n thµnh phè L¹ng S¬n häp phiªn th­êng kú th¸ng 3.\n".encode("latin-1"))
    [doc] = ingest.read(path)
    assert doc.source.encoding == "tcvn3"
    assert doc.text == "Uỷ ban nhân dân thành phố Lạng Sơn họp phiên thường kỳ tháng 3.\n"
