"""Plain text: UTF-8 with or without a byte-order mark (as written; a few stray NUL bytes
allowed), UTF-16 with one or without (told by its NUL bytes), VIQR (Vietnamese in ASCII), and, when the bytes are not
UTF-8, Windows-1258, TCVN3/ABC or VNI, whichever reads as Vietnamese
(``kg.text.encodings``). Markdown is read as the text it is."""
from __future__ import annotations

from ..text import encodings
from . import Part, ReadError, Reader, register

def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the name of its encoding, or a ``ReadError``."""
    for bom, name in encodings.BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(name.removesuffix("-sig")), name
            except UnicodeDecodeError as err:
                raise ReadError("E004", offset=err.start + len(bom), reason=err.reason) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        unmarked = encodings.utf16_unmarked(data)
        if unmarked is not None:
            return data.decode(unmarked), unmarked
        if not _stray_nuls(data):
            raise ReadError("E003", offset=nul)
    try:
        text = data.decode("utf-8")  # as written: offsets count in the source's own form
    except UnicodeDecodeError as err:
        try:
            found = encodings.decode(data)  # Windows-1258, TCVN3/ABC or VNI, told by their Vietnamese
        except encodings.UndecodableText as why:
            if why.suspected:
                raise ReadError("E022", offset=err.start, reason=why.reason, suspected=why.suspected) from None
            raise ReadError("E004", offset=err.start, reason=err.reason) from None
        return found.text, found.encoding
    if encodings.is_viqr(text):  # Vietnamese written in ASCII, marks after the vowels
        return encodings.viqr_to_unicode(text), "viqr"
    return text, "utf-8"


def _stray_nuls(data: bytes) -> bool:
    """UTF-8 text with a few NUL bytes in it (one in a hundred at most), as a broken export
    leaves: text, whose NULs reach the graph as U+FFFD (W004). More are binary data."""
    if data.count(b"\x00") * 100 > len(data):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start >= len(data) - 3 and err.reason == "unexpected end of data"  # a head cut short
    return True


def read(data: bytes, name: str) -> list[Part]:
    text, encoding = decode(data)
    if not text.strip():
        raise ReadError("E005")
    return [Part(text=text, format="text/plain", encoding=encoding)]


def sniff(head: bytes) -> bool:
    """Text: a byte-order mark, or no NUL byte and UTF-8 (a character cut at the end aside)."""
    if head.startswith(tuple(bom for bom, _ in encodings.BOMS)):
        return True
    if b"\x00" in head:
        return encodings.utf16_unmarked(head[:len(head) // 2 * 2]) is not None or _stray_nuls(head)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start >= len(head) - 3 and err.reason == "unexpected end of data"
    return True


READER = register(Reader("text", (".txt", ".text", ".md", ".markdown"), read, sniff))
