"""Web archives (WARC, gzipped or not; warcio): every HTML page or PDF file the archive
holds as a response (status 200) or a resource is a document, read by the HTML or the PDF
reader, known by its URL and dated by its capture. The archive is read as a stream, never
unpacked to disk. A page that cannot be read is a warning naming its URL; an archive with
no page at all is an error."""
from __future__ import annotations

import gzip
import hashlib
import zlib
from pathlib import Path

from . import Part, ReadError, Reader, register
from . import _html, _pdf

_MEDIA = {"text/html": _html.read, "application/xhtml+xml": _html.read, "application/pdf": _pdf.read}


def read_path(path: Path) -> list[Part]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    parts: list[Part] = []
    warnings: list[str] = []
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                if record.rec_type == "response":
                    if record.http_headers is None or record.http_headers.get_statuscode() != "200":
                        continue
                    media = record.http_headers.get_header("Content-Type") or ""
                else:
                    media = record.rec_headers.get_header("Content-Type") or ""
                reader = _MEDIA.get(media.split(";")[0].strip().lower())
                if reader is None or not uri:
                    continue
                payload = record.content_stream().read()
                try:
                    found = reader(payload, uri, uri) if reader is _html.read else reader(payload, uri)
                except ReadError as err:
                    from ..errors import Errors

                    warnings.append(getattr(Errors, err.code).format(path=f"{path.name} {uri}", **err.fields))
                    continue
                captured = record.rec_headers.get_header("WARC-Date")
                digest = hashlib.sha256(payload).hexdigest()
                for part in found:
                    part.member, part.url = uri, part.url or uri
                    part.captured, part.digest = captured, digest
                    parts.append(part)
    except (ArchiveLoadFailed, gzip.BadGzipFile, EOFError, ValueError) as err:
        raise ReadError("E016", reason=str(err) or type(err).__name__) from None
    if not parts:
        raise ReadError("E017", skipped=len(warnings))
    parts = _latest(parts, path, warnings)
    parts[0].warnings.extend(warnings)
    return parts


def _latest(parts: list[Part], path: Path, warnings: list[str]) -> list[Part]:
    """One document per URL: an archive that captured a page more than once holds its
    versions, and the graph is of the page as last captured; each earlier capture is
    named in a warning. Parts stay in the archive's order."""
    from ..errors import Warnings

    last: dict[str, Part] = {}
    for part in parts:
        kept = last.get(part.member)
        if kept is None or (part.captured or "") >= (kept.captured or ""):
            last[part.member] = part
    for part in parts:
        kept = last[part.member]
        if part is not kept:
            warnings.append(Warnings.W005.format(path=path.name, url=part.member, earlier=part.captured or "?",
                                               later=kept.captured or "?"))
    return [part for part in parts if last[part.member] is part]


def sniff(head: bytes) -> bool:
    """A WARC record's first line, as it is or gzipped."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(31).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith((b"WARC/", b"filedesc://"))


READER = register(Reader("warc", (".warc", ".warc.gz", ".arc", ".arc.gz"), sniff=sniff, read_path=read_path))
