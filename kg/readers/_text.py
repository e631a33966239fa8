"""Plain text: UTF-8 with or without a byte-order mark, UTF-16 with one (and the legacy
Vietnamese encodings ``kg.text.encodings`` detects, once it reads them). Markdown is read
as the text it is."""
from __future__ import annotations

from . import Part, ReadError, Reader, register

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the name of its encoding, or a ``ReadError``."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(name.removesuffix("-sig")), name
            except UnicodeDecodeError as err:
                raise ReadError("E004", offset=err.start + len(bom), reason=err.reason) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ReadError("E003", offset=nul)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        raise ReadError("E004", offset=err.start, reason=err.reason) from None


def read(data: bytes, name: str) -> list[Part]:
    text, encoding = decode(data)
    if not text.strip():
        raise ReadError("E005")
    return [Part(text=text, format="text/plain", encoding=encoding)]


def sniff(head: bytes) -> bool:
    """Text: a byte-order mark, or no NUL byte and UTF-8 (a character cut at the end aside)."""
    if head.startswith(tuple(bom for bom, _ in _BOMS)):
        return True
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start >= len(head) - 3 and err.reason == "unexpected end of data"
    return True


READER = register(Reader("text", (".txt", ".text", ".md", ".markdown"), read, sniff))
