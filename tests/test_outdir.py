"""What ``kg build -o OUT`` may replace, and how it switches to a new build.

Every test runs the real ``kg build`` (click's CliRunner, or a child process where the test
kills it) on copies of corpus files, and checks what is on disk afterwards.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import builder, outdir
from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
STEMS = ("000_fa6bdb4d5fc08f99", "001_66a585b55fd60d04")


def corpus_copy(where: Path, stems=STEMS) -> Path:
    where.mkdir(parents=True)
    for stem in stems:
        shutil.copy(CORPUS / f"{stem}.txt", where / f"{stem}.txt")
    return where


def kg_build(*args, cwd: Path | None = None):
    """``kg build ARGS`` in ``cwd``: (exit status, standard error)."""
    if cwd is None:
        result = CliRunner().invoke(main, ["build", "-q", *map(str, args)], prog_name="kg")
        return result.exit_code, result.stderr
    proc = subprocess.run([sys.executable, "-m", "kg", "build", "-q", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=600)
    return proc.returncode, proc.stderr


def documents(out: Path) -> list[str]:
    return [d["name"] for d in json.loads((out / "build.json").read_text(encoding="utf-8"))["documents"]]


def tree(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    """Everything beside ``out`` a build made that ``out`` does not name."""
    builds = outdir.versions(out)
    current = out.resolve()
    found = [p.name for p in builds.iterdir() if p != current] if builds.is_dir() else []
    return found + [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")
                    and p != builds]


# -- what -o replaces ----------------------------------------------------------------------

def test_a_directory_of_other_files_is_never_replaced(tmp_path):
    inp = corpus_copy(tmp_path / "corpus")
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "thesis.docx").write_text("precious\n", encoding="utf-8")

    code, err = kg_build(inp, "-o", victim)

    assert code == 2
    assert "[E208]" in err and "'thesis.docx'" in err and "not a build" in err
    assert (victim / "thesis.docx").read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "victim"]


def test_the_output_is_never_an_input_nor_inside_one_nor_around_one(tmp_path):
    inp = corpus_copy(tmp_path / "c2")
    before = tree(inp)
    for out in (inp, inp / "out", tmp_path):
        code, err = kg_build(inp, "-o", out)
        assert code == 2, out
        assert "[E209]" in err, (out, err)
        assert tree(inp) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c2"]


def test_dot_is_refused_without_a_traceback(tmp_path):
    inp = corpus_copy(tmp_path / "corpus")
    (tmp_path / "notes.md").write_text("mine\n", encoding="utf-8")
    code, err = kg_build("corpus", "-o", ".", cwd=tmp_path)
    assert code == 2
    assert "Traceback" not in err and "[E209]" in err
    code, err = kg_build(inp, "-o", ".", cwd=tmp_path / "corpus")
    assert code == 2 and "Traceback" not in err and "[E209]" in err
    assert (tmp_path / "notes.md").read_text(encoding="utf-8") == "mine\n"


def test_a_file_or_a_foreign_link_is_refused(tmp_path):
    inp = corpus_copy(tmp_path / "corpus")
    (tmp_path / "a-file").write_text("x\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    code, err = kg_build(inp, "-o", tmp_path / "a-file")
    assert code == 2 and "[E208]" in err and "a file" in err
    code, err = kg_build(inp, "-o", tmp_path / "link")
    assert code == 2 and "[E208]" in err and "symbolic link kg did not make" in err
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "x\n"
    assert (tmp_path / "link").is_symlink()


def test_odd_outputs_get_coded_errors_not_tracebacks(tmp_path):
    inp = corpus_copy(tmp_path / "corpus")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    for out, code in ((tmp_path / "loop", "[E206]"), (tmp_path / ("a" * 300), "[E206]")):
        status, err = kg_build(inp, "-o", out)
        assert status == 2 and code in err and "Traceback" not in err, err
    empty_in, empty_out = tmp_path / "nothing", tmp_path / "empty-out"
    empty_in.mkdir()
    empty_out.mkdir()
    status, err = kg_build(empty_in, "-o", empty_out)
    assert status == 1 and "[E210]" in err and "was left as it was" in err
    assert empty_out.is_dir() and not any(empty_out.iterdir())


def test_a_file_name_that_is_not_utf8_is_named_and_skipped(tmp_path):
    inp = corpus_copy(tmp_path / "corpus", STEMS[:1])
    bad = os.fsdecode(bytes(inp) + b"/d\xff.txt")
    shutil.copy(inp / f"{STEMS[0]}.txt", bad)
    code, err = kg_build(inp, "-o", tmp_path / "out")
    assert code == 1 and "[E009]" in err and "d\\xff.txt" in err
    assert documents(tmp_path / "out") == [f"{STEMS[0]}.txt"]


def test_an_empty_directory_is_replaced(tmp_path):
    inp = corpus_copy(tmp_path / "corpus")
    out = tmp_path / "out"
    out.mkdir()
    assert kg_build(inp, "-o", out)[0] == 0
    assert out.is_symlink() and documents(out) == [f"{s}.txt" for s in STEMS]
    assert leftovers(out) == []


def test_a_previous_build_with_its_views_is_replaced_but_not_one_holding_other_files(tmp_path):
    inp = corpus_copy(tmp_path / "corpus")
    out = tmp_path / "out"
    assert kg_build(inp, "-o", out)[0] == 0
    (out / "views").mkdir()
    (out / "views" / "index.html").write_text("<html></html>\n", encoding="utf-8")
    assert kg_build(inp, "-o", out)[0] == 0
    assert not (out / "views").exists()
    (out / "my-notes.txt").write_text("mine\n", encoding="utf-8")
    code, err = kg_build(inp, "-o", out)
    assert code == 2 and "[E208]" in err and "'my-notes.txt'" in err
    assert (out / "my-notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_a_plain_directory_build_of_an_earlier_layout_is_replaced_in_one_step(tmp_path):
    inp = corpus_copy(tmp_path / "corpus")
    first = tmp_path / "first"
    assert kg_build(inp, "-o", first)[0] == 0
    out = tmp_path / "out"
    shutil.copytree(first.resolve(), out)  # a build as earlier versions wrote it
    corpus_copy(tmp_path / "one", STEMS[:1])

    assert kg_build(tmp_path / "one", "-o", out)[0] == 0

    assert out.is_symlink() and documents(out) == [f"{STEMS[0]}.txt"]
    assert leftovers(out) == []


# -- a build with nothing to publish -------------------------------------------------------

@pytest.mark.parametrize("case", ["empty folder", "no documents", "every file bad"])
def test_a_build_of_no_document_keeps_the_previous_one(tmp_path, case):
    inp = corpus_copy(tmp_path / "corpus")
    out = tmp_path / "out"
    assert kg_build(inp, "-o", out)[0] == 0
    before, target = tree(out), out.resolve()
    bad = tmp_path / "bad"
    bad.mkdir()
    if case == "no documents":
        (bad / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")  # not a format kg reads: skipped
    elif case == "every file bad":
        (bad / "empty.txt").write_bytes(b"")
        (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")

    code, err = kg_build(bad, "-o", out)

    assert code == 1
    assert "[E210]" in err and "nothing is published" in err and "still names the previous build" in err
    assert out.resolve() == target and tree(out) == before
    assert leftovers(out) == []


# -- the switch ----------------------------------------------------------------------------

def test_a_build_someone_reads_is_kept_until_they_are_done(tmp_path):
    inp = corpus_copy(tmp_path / "corpus")
    out = tmp_path / "out"
    assert kg_build(inp, "-o", out)[0] == 0
    lease = outdir.hold(out)
    assert kg_build(inp, "-o", out)[0] == 0
    assert lease.path.is_dir() and out.resolve() != lease.path  # still readable, no longer named
    assert (lease.path / "build.json").is_file()
    lease.release()
    assert kg_build(inp, "-o", out)[0] == 0
    assert not lease.path.exists()
    assert leftovers(out) == []


def test_leftovers_of_dead_builds_are_removed_and_those_of_live_ones_kept(tmp_path):
    inp = corpus_copy(tmp_path / "corpus")
    out = tmp_path / "out"
    assert kg_build(inp, "-o", out)[0] == 0
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    for name in (f".out.building-{dead}", f".out.old-{dead}", f".out.building-{os.getpid()}"):
        shutil.copytree(out.resolve(), tmp_path / name)
    other = tmp_path / f".other.building-{dead}"  # not a leftover of this OUT
    other.mkdir()
    mine = tmp_path / f".out.old-{dead}-notes"  # not kg's kind of folder
    mine.mkdir()
    (outdir.versions(out) / f"tmp-{dead}-abcd").mkdir()  # its writer is gone: no lock is held
    (outdir.versions(out) / f"tmp-{os.getpid()}-abcd").mkdir()  # its writer is alive (this process)

    assert kg_build(inp, "-o", out)[0] == 0

    names = sorted(p.name for p in tmp_path.iterdir())
    assert f".out.building-{dead}" not in names and f".out.old-{dead}" not in names
    assert f".out.building-{os.getpid()}" in names  # its process (this one) is alive
    assert other.is_dir() and mine.is_dir()
    assert sorted(p.name for p in outdir.versions(out).iterdir()) == sorted(
        [out.resolve().name, f"tmp-{os.getpid()}-abcd"])


_WRITERS = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from kg import outdir

    out, who = Path(sys.argv[1]), sys.argv[2]
    for k in range(15):
        with outdir.Writer(out, []) as w:
            (w.path / "store").mkdir()
            for j in range(40):
                (w.path / "store" / f"f{j}").write_bytes(b"x" * 2000)
            (w.path / "build.json").write_text(json.dumps({"kg_version": "test", "who": who, "k": k}))
            w.commit()
""")


@pytest.mark.slow
def test_concurrent_builds_to_one_out_never_leave_it_naming_nothing(tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", _WRITERS, str(out), str(i)], env=env,
                              stderr=subprocess.PIPE, text=True) for i in range(5)]
    seen_bad = []
    while any(p.poll() is None for p in procs):
        if out.is_symlink() and not (out / "build.json").is_file():
            target = os.readlink(out)
            if os.readlink(out) == target and not (out / "build.json").is_file() and not os.path.isdir(out):
                seen_bad.append(target)
    errors = [p.stderr.read() for p in procs]
    assert [p.returncode for p in procs] == [0] * 5, errors
    assert seen_bad == []
    assert (out / "build.json").is_file()
    assert leftovers(out) == []


_KILLED_BUILD = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from kg.builder import build

    def step(name):
        if name == sys.argv[3]:
            os.kill(os.getpid(), signal.SIGKILL)

    build([Path(sys.argv[1])], Path(sys.argv[2]), on_step=step)
""")


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["link", "plain directory"])
def test_a_build_killed_at_any_step_leaves_one_whole_build(tmp_path, layout):
    """SIGKILL after each step of the write: OUT is then the old build or the new one,
    whole, every command reads it, and the next build removes what the killed one left."""
    old_in = corpus_copy(tmp_path / "old", STEMS)
    new_in = corpus_copy(tmp_path / "new", STEMS[:1])
    old_docs, new_docs = [f"{s}.txt" for s in STEMS], [f"{STEMS[0]}.txt"]
    assert kg_build(old_in, "-o", tmp_path / "first")[0] == 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for step in builder.STEPS:
        out = tmp_path / f"out-{step}"
        if layout == "link":
            assert kg_build(old_in, "-o", out)[0] == 0
        else:
            shutil.copytree((tmp_path / "first").resolve(), out)
        proc = subprocess.run([sys.executable, "-c", _KILLED_BUILD, str(new_in), str(out), step], env=env,
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode == -signal.SIGKILL, (step, proc.stderr)
        expected = new_docs if builder.STEPS.index(step) >= builder.STEPS.index("switched") else old_docs
        assert documents(out) == expected, step
        stats = subprocess.run([sys.executable, "-m", "kg", "stats", "--format", "json", "--build", str(out)],
                               env=env, capture_output=True, text=True, timeout=600)
        assert stats.returncode == 0, (step, stats.stderr)
        assert json.loads(stats.stdout)["named_graphs"] == len(expected) + 3, step  # and the corpus, entailed and ontology graphs
        assert kg_build(new_in, "-o", out)[0] == 0, step
        assert documents(out) == new_docs
        assert leftovers(out) == [], step
