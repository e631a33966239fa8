"""Plain text, decoded by ``kg.text.encodings`` and kept as written: UTF-8 with or without
a byte-order mark (a few stray NUL bytes allowed), UTF-16 with one or without (told by its
NUL bytes), VIQR (Vietnamese in ASCII), and, when the bytes are not UTF-8, Windows-1258,
TCVN3/ABC or VNI, whichever reads as Vietnamese. Markdown is read as the text it is."""
from __future__ import annotations

from ..text import encodings
from . import Part, ReadError, Reader, register


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` as written and the name of its encoding, or a ``ReadError``:
    E003 for binary data, E022 when the bytes look most like an encoding they are broken
    in, else E004."""
    try:
        found = encodings.decode(data, as_written=True)
    except encodings.UndecodableText as why:
        if why.binary:
            raise ReadError("E003", offset=why.offset) from None
        if why.suspected and why.suspected in encodings.LEGACY:
            raise ReadError("E022", offset=why.offset, reason=why.reason, suspected=why.suspected) from None
        raise ReadError("E004", offset=why.offset, reason=why.codec or why.reason) from None
    return found.text, found.encoding


def read(data: bytes, name: str) -> list[Part]:
    text, encoding = decode(data)
    if not text.strip():
        raise ReadError("E005")
    return [Part(text=text, format="text/plain", encoding=encoding)]


def sniff(head: bytes) -> bool:
    """Text: a byte-order mark, UTF-16 told by its NUL bytes, or UTF-8 with at most a few
    stray NULs (a character cut at the end of the head aside)."""
    if head.startswith(tuple(bom for bom, _ in encodings.BOMS)):
        return True
    if b"\x00" in head and encodings.utf16_unmarked(head[:len(head) // 2 * 2]) is not None:
        return True
    return encodings.stray_nuls(head)


READER = register(Reader("text", (".txt", ".text", ".md", ".markdown"), read, sniff))
