"""The output directory of a build: what ``-o`` may replace, and the switch to a new build.

``OUT`` is a symbolic link to a complete build kept in a hidden folder beside it::

    out -> .out.builds/b-20261202T010203-4242-1a2b
    .out.builds/b-20261202T010203-4242-1a2b/    build.json graph.trig graph.ttl store/ …
    .out.builds/tmp-4243-9f8e/                   a build being written

A build writes into a ``tmp-`` folder, renames it to its ``b-`` name once complete, and
replaces the link by renaming a new link onto it: one rename(2), so that at every instant
``OUT`` is the previous build or the new one, whole. The previous build is then removed,
unless a process still reads it: every command that opens a build, and ``kg serve``, holds a
shared lock (flock) on the build it reads for as long as it reads it (``hold``). The lock
also tells whether a folder's writer is alive, so a later build removes what a killed one
left: ``tmp-`` and ``b-`` folders nobody holds that the link does not name, stray links, and
the ``.OUT.building-PID`` / ``.OUT.old-PID`` folders of earlier versions of kg whose
process is gone. It removes nothing else.

``-o`` replaces only a new path, an empty directory, a previous build (a directory with
kg's ``build.json`` and nothing but what a build and ``kg viz`` write there), or a link
made as above. Anything else is refused with a coded error that says what is there, and so
is an ``OUT`` that is an input of the build, lies inside one, or holds one.

A previous build that is a plain directory (written by kg before this layout) is swapped
with the new link in one step where the system has ``renameat2(RENAME_EXCHANGE)`` (Linux),
and in two renames elsewhere.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import re
import secrets
import shutil
import time
from pathlib import Path
from typing import Callable

from .errors import BuildNotFound, Errors, KGError

#: The files of a build's directory.
MANIFEST = "build.json"
GRAPH_TRIG = "graph.trig"
GRAPH_TTL = "graph.ttl"
STORE_DIR = "store"
VALIDATION_TTL = "validation.ttl"
QUARANTINE_TRIG = "quarantine.trig"
VIEWS_DIR = "views"  # written by ``kg viz``
#: What a build (and ``kg viz``) writes into its directory, and nothing else.
BUILD_ENTRIES = frozenset({MANIFEST, GRAPH_TRIG, GRAPH_TTL, STORE_DIR, VALIDATION_TTL, QUARANTINE_TRIG, VIEWS_DIR})
#: The steps of a switch, in order; ``Writer(on_step=…)`` is called after each.
STEPS = ("written", "named", "linked", "switched", "cleaned")

_VERSION = re.compile(r"(?:b|tmp|old)-[A-Za-z0-9-]+")
_LEGACY = re.compile(r"\.(?P<name>.+)\.(?:building|old)-(?P<pid>\d+)")
_TMP_PID = re.compile(r"tmp-(?P<pid>\d+)-[0-9a-f]+")
_LINK = re.compile(r"\.(?P<name>.+)\.link-(?P<pid>\d+)-[0-9a-f]+(?:-old)?")


def versions(out: Path) -> Path:
    """The hidden folder beside ``out`` that holds its builds."""
    return out.parent / f".{out.name}.builds"


def _absolute(path: Path) -> Path:
    """``path`` made absolute without following a final symbolic link."""
    return Path(os.path.abspath(path))


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


# -- what is there ------------------------------------------------------------------------

def is_build(path: Path) -> bool:
    """Whether the directory ``path`` holds a complete build of kg (its ``build.json`` and
    store), whatever else it holds."""
    try:
        data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "kg_version" in data and (path / STORE_DIR).is_dir()


def _foreign(path: Path) -> list[str]:
    """The entries of directory ``path`` that no build writes."""
    return sorted(p.name for p in path.iterdir() if p.name not in BUILD_ENTRIES)


def _listing(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(repr(n) for n in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def own_target(out: Path) -> Path | None:
    """The build that the link ``out`` names, when ``out`` is a link kg made."""
    if not out.is_symlink():
        return None
    target = Path(os.path.normpath(out.parent / os.readlink(out)))
    if target.parent == versions(out) and _VERSION.fullmatch(target.name):
        return target
    return None


def check(out: Path, inputs: list[Path]) -> None:
    """Raise a ``KGError`` unless ``out`` may receive a build of ``inputs``."""
    try:
        _check(out, inputs)
    except RuntimeError:  # Path.resolve in a loop of symbolic links
        raise KGError(Errors.E206.format(path=out, reason="a loop of symbolic links")) from None
    except OSError as err:
        raise KGError(Errors.E206.format(path=out, reason=err.strerror or err)) from None


def _check(out: Path, inputs: list[Path]) -> None:
    shown, out = out, _absolute(out)
    if out.parent == out:
        raise KGError(Errors.E208.format(path=shown, what="the root of the file system"))
    if len(os.fsencode(versions(out).name)) > 255:
        raise KGError(Errors.E206.format(path=shown, reason=f"the name is too long for the folder of its "
                                                            f"builds beside it (.{out.name[:20]}….builds)"))
    real_out = out.resolve()
    for given in inputs:
        real_in = Path(given).resolve()
        for where in {out, real_out, versions(out)}:
            if _within(real_in, where):
                what = "is" if real_in == where else "holds"
                raise KGError(Errors.E209.format(path=shown, what=f"{what} the input {given}",
                                                 hint="replacing it would delete the input"))
        if real_in.is_dir() and _within(real_out.parent, real_in):
            raise KGError(Errors.E209.format(path=shown, what=f"lies inside the input {given}",
                                             hint="a build never writes inside its inputs"))
    if out.is_symlink():
        target = own_target(out)
        if target is None:
            raise KGError(Errors.E208.format(
                path=shown, what=f"a symbolic link kg did not make (to {os.readlink(out)})"))
        if target.is_dir():
            _check_build(shown, target)
        return
    if not out.exists():
        return
    if not out.is_dir():
        raise KGError(Errors.E208.format(path=shown, what="a file"))
    if not any(out.iterdir()):
        return
    if not is_build(out):
        raise KGError(Errors.E208.format(
            path=shown, what=f"a directory that is not a build of kg (it holds {_listing(_foreign(out) or sorted(p.name for p in out.iterdir()))})"))
    _check_build(shown, out)


def _check_build(out: Path, path: Path) -> None:
    try:
        extra = _foreign(path)
    except FileNotFoundError:  # removed meanwhile: the link names nothing to lose
        return
    if extra:
        raise KGError(Errors.E208.format(
            path=out, what=f"a build that also holds files no build writes ({_listing(extra)})"))


# -- locks ----------------------------------------------------------------------------------

class Lease:
    """A lock on a build directory: shared for a reader, exclusive for a writer. The
    system drops it when the process ends, however it ends."""

    def __init__(self, path: Path, exclusive: bool = False, wait: bool = True):
        self.path = path
        self._fd: int | None = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        flags = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(self._fd, flags if wait else flags | fcntl.LOCK_NB)
        except OSError:
            os.close(self._fd)
            self._fd = None
            raise

    def current(self) -> Path:
        """Where the held directory is now, even if it was moved since (Linux: read from
        /proc; elsewhere the path it was held by)."""
        if self._fd is not None:
            try:
                return Path(os.readlink(f"/proc/self/fd/{self._fd}"))
            except OSError:
                pass
        return self.path

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> Lease:
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def _try_exclusive(path: Path) -> Lease | None:
    try:
        return Lease(path, exclusive=True, wait=False)
    except OSError:  # held by another process, or gone
        return None


def hold(build: Path) -> Lease:
    """A shared lock on the build that ``build`` names now (following its link), so that no
    later build removes it while it is read. ``lease.path`` is that build's own directory,
    which keeps its meaning when ``build`` moves on to a newer build."""
    for _ in range(20):
        real = Path(os.path.realpath(build))
        try:
            lease = Lease(real)
        except OSError:
            time.sleep(0.05)  # switched and removed between the two steps: look again
            continue
        if (real / MANIFEST).is_file():
            return lease
        lease.release()
        if os.path.realpath(build) == str(real):
            break
    raise BuildNotFound(Errors.E201.format(path=build))


# -- writing --------------------------------------------------------------------------------

def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 with RENAME_EXCHANGE); False where the
    system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Writer:
    """Writes one build for ``out``: ``path`` is the folder to write into, ``commit()``
    publishes it. Leaving the ``with`` block without a commit removes the folder, and
    ``out`` stays as it was."""

    def __init__(self, out: Path, inputs: list[Path] = (), on_step: Callable[[str], None] | None = None):
        self.out = _absolute(out)
        self.inputs = list(inputs)
        self.on_step = on_step or (lambda step: None)
        self.path: Path | None = None
        self._lease: Lease | None = None

    def __enter__(self) -> Writer:
        check(self.out, self.inputs)
        folder = versions(self.out)
        for _ in range(5):  # another build may remove the empty folder between two steps
            try:
                folder.mkdir(parents=True, exist_ok=True)
                self.path = folder / f"tmp-{os.getpid()}-{secrets.token_hex(4)}"
                self.path.mkdir()
                self._lease = Lease(self.path, exclusive=True)
                return self
            except FileNotFoundError:
                continue
            except OSError as err:
                raise KGError(Errors.E206.format(path=self.out, reason=err.strerror or err)) from None
        raise KGError(Errors.E206.format(path=self.out, reason="its folder of builds keeps vanishing"))

    def __exit__(self, *exc) -> None:
        if self.path is not None and self.path.exists():
            shutil.rmtree(self.path, ignore_errors=True)
        if self._lease is not None:
            self._lease.release()
        _remove_if_empty(versions(self.out))

    def commit(self) -> None:
        """Make the written folder the build ``out`` names, in one rename."""
        out, folder = self.out, versions(self.out)
        check(out, self.inputs)  # again: something may have been put there since the start
        for name in os.listdir(self.path):
            if (self.path / name).is_file():
                with open(self.path / name, "rb") as f:
                    os.fsync(f.fileno())
        self.on_step("written")
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        final = folder / f"b-{stamp}-{os.getpid()}-{secrets.token_hex(2)}"
        os.rename(self.path, final)
        self.path = final
        _fsync_dir(folder)
        self.on_step("named")
        link = out.parent / f".{out.name}.link-{os.getpid()}-{secrets.token_hex(4)}"
        os.symlink(os.path.relpath(final, out.parent), link)
        self.on_step("linked")
        previous = own_target(out)
        try:
            if out.is_symlink() or not out.exists():
                os.rename(link, out)  # replaces the old link in one step
            else:  # a plain directory: empty, or a build of an earlier layout
                if not _exchange(link, out):
                    os.rename(out, link.with_name(link.name + "-old"))
                    os.rename(link, out)
                    link = link.with_name(link.name + "-old")
                previous = folder / f"old-{os.getpid()}-{secrets.token_hex(4)}"
                os.rename(link, previous)
        except OSError:
            if link.is_symlink():
                link.unlink()
            raise
        self.path = None  # published: no longer this writer's to remove
        _fsync_dir(out.parent)
        self.on_step("switched")
        self._lease.release()
        self._lease = None
        try:
            if previous is not None:
                _remove_unused(previous, out)
            clean(out)
        except OSError:  # published: what is left over, a later build removes
            pass
        self.on_step("cleaned")


def _remove_unused(path: Path, out: Path) -> bool:
    """Remove the build folder ``path`` unless a process holds it or ``out`` names it. The
    link is read again once the folder's lock is taken: a build that switches ``out`` to a
    folder holds that folder's lock until the switch is done."""
    lease = _try_exclusive(path)
    if lease is None:
        return False
    with lease:
        if own_target(out) == path:
            return False
        shutil.rmtree(path, ignore_errors=True)
    return True


def _remove_if_empty(path: Path) -> None:
    try:
        path.rmdir()
    except OSError:
        pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean(out: Path) -> list[Path]:
    """Remove what killed builds of ``out`` left behind (never the build ``out`` names,
    never a folder a live process holds); the paths removed."""
    out = _absolute(out)
    removed: list[Path] = []
    folder = versions(out)
    if folder.is_dir():
        for entry in sorted(folder.iterdir()):
            if not _VERSION.fullmatch(entry.name) or not entry.is_dir() or entry.is_symlink():
                continue
            writer = _TMP_PID.fullmatch(entry.name)
            if writer and _alive(int(writer["pid"])):
                continue  # being written (its lock may not be taken yet)
            if _remove_unused(entry, out):
                removed.append(entry)
    for entry in sorted(out.parent.iterdir()):
        m = _LEGACY.fullmatch(entry.name) or _LINK.fullmatch(entry.name)
        if not m or m["name"] != out.name or _alive(int(m["pid"])):
            continue
        if entry.is_symlink():
            entry.unlink()
            removed.append(entry)
        elif entry.is_dir() and not _foreign(entry):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed
