"""One build of what a user's folder holds: the five seed documents, one good file of each
input format and encoding, and each bad input kg must name and skip. The seeds and the good
files build completely (each seed's graph as in a build of the seeds alone), every bad file
is named with its error on a line of its own and in build.json, and the exit status is 1.
The build runs as an ordinary user, so that a file without read permission is one."""
from __future__ import annotations

import json
import shutil
import sys
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import CORPUS

sys.path.insert(0, str(Path(__file__).parent))
import makers  # noqa: E402
from helpers import as_a_user  # noqa: E402

TEXT = makers.TITLE + "\n" + "\n".join(makers.PARAGRAPHS)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: The good files beside the seeds, each with the format build.json gives it.
GOOD = {
    "article.html": ("text/html", makers.portal_page),
    "article.pdf": ("application/pdf", lambda: makers.pdf([[makers.TITLE] + makers.PARAGRAPHS[:2], makers.PARAGRAPHS[2:]])),
    "article.docx": (DOCX, lambda: makers.docx([makers.TITLE] + makers.PARAGRAPHS)),
    "utf16.txt": ("text/plain", lambda: TEXT.encode("utf-16")),
    "windows-1258.txt": ("text/plain", lambda: makers.windows_1258(TEXT)),
    "vni.txt": ("text/plain", lambda: makers.ENCODERS["vni"](TEXT)),
    "tcvn3.txt": ("text/plain", lambda: makers.ENCODERS["tcvn3"](makers.tcvn3_view(TEXT))),
    "hostile.txt": ("text/plain", lambda: (TEXT + '\n<script>alert("x")</script> \\ "q" \x00 \x1b[31m \u202e'
                                     + unicodedata.normalize("NFD", "Lạng Sơn") + "\n").encode("utf-8")),
}
#: The bad files, each with the code of the error that names it.
BAD = {
    "empty.txt": ("E002", lambda: b""),
    "image.txt": ("E003", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4),
    "broken.txt": ("E022", lambda: b"V\xe1\xbb\x83n b\x81n h\x8dng \x8f"),
    "one-line.txt": ("E021", lambda: b"a" * (50 * 1024 * 1024)),
    "scanned.pdf": ("E014", makers.scanned_pdf),
    "encrypted.pdf": ("E012", makers.encrypted_pdf),
    "corrupt.pdf": ("E013", lambda: makers.CORRUPT_PDF),
    "secret.txt": ("E006", lambda: TEXT.encode("utf-8")),  # made unreadable below
}


@pytest.mark.slow
def test_seeds_every_format_and_every_bad_input_in_one_build(open_folder, corpus_build):
    inp = open_folder / "in"
    inp.mkdir()
    seeds = sorted(CORPUS.glob("*.txt"))
    for seed in seeds:
        shutil.copy(seed, inp / seed.name)
    shutil.copy(seeds[0], inp / "copy-of-the-first-seed.txt")  # the same bytes under a second name
    (inp / "archive").mkdir()
    (inp / "archive" / "portal.warc.gz").write_bytes(
        makers.warc([(makers.URL, "text/html; charset=utf-8", makers.portal_page(url=makers.URL + "?v=2"))]))
    for name, (_, make) in GOOD.items():
        (inp / name).write_bytes(make())
    for name, (_, make) in BAD.items():
        (inp / name).write_bytes(make())
    (inp / "secret.txt").chmod(0)
    (inp / "loop").symlink_to(inp / "loop")
    (inp / "gone.txt").symlink_to(inp / "nowhere.txt")
    for p in [inp, *inp.rglob("*")]:
        if not p.is_symlink() and p.name != "secret.txt":
            p.chmod(0o755 if p.is_dir() else 0o644)
    work = open_folder / "work"
    work.mkdir()
    work.chmod(0o777)
    missing = open_folder / "no-such-folder"

    proc = as_a_user([sys.executable, "-m", "kg", "build", str(inp), str(missing), "-o", str(work / "out"), "-q"],
                     open_folder)

    assert proc.returncode == 1, proc.stderr[-3000:]
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert all(line.startswith("error: [E") for line in lines), lines  # nothing else reaches the terminal
    expected = {**{name: code for name, (code, _) in BAD.items()}, "loop": "E019", "gone.txt": "E019",
                "copy-of-the-first-seed.txt": "E018", missing.name: "E001"}
    assert len(lines) == len(expected), "\n".join(lines)
    for name, code in expected.items():
        assert sum(1 for line in lines if f"[{code}]" in line and name in line) == 1, (name, code, lines)
    out = work / "out"
    manifest = json.loads((out / "build.json").read_text(encoding="utf-8"))
    failed = {Path(f["file"]).name: f["error"] for f in manifest["failures"]}
    assert set(failed) == set(expected), failed
    for name, code in expected.items():
        assert f"[{code}]" in failed[name], failed[name]
    built = {d["name"]: d for d in manifest["documents"]}
    pages = [name for name, d in built.items() if d.get("archive", "").endswith("portal.warc.gz")]
    assert len(pages) == 1 and built[pages[0]]["url"].startswith(makers.URL), pages
    assert set(built) == {s.name for s in seeds} | set(GOOD) | set(pages), sorted(built)
    for name, (fmt, _) in GOOD.items():
        assert built[name]["format"] == fmt and built[name]["mentions"] > 0, built[name]

    # each seed's graph is the graph of a build of the seeds alone
    seeds_alone = ox.Store.read_only(str(corpus_build[0] / "store"))
    mixed = ox.Store.read_only(str(out / "store"))
    for seed in seeds:
        graph = ox.NamedNode(f"https://w3id.org/vn-gov-kg/id/graph/{seed.stem}")
        ours = {str(q) for q in mixed.quads_for_pattern(None, None, None, graph)}
        assert ours and ours == {str(q) for q in seeds_alone.quads_for_pattern(None, None, None, graph)}, seed.name
