"""Plain text: UTF-8 with or without a byte-order mark, UTF-16 with one or without (told by
its NUL bytes), and Windows-1258
(Microsoft's Vietnamese code page) when the bytes are not UTF-8 and read as Vietnamese in
it. Text in the older Vietnamese font encodings (TCVN3/ABC, VNI) is recognised and refused
with an error that names them (E022), not converted. Markdown is read as the text it is."""
from __future__ import annotations

import unicodedata
from functools import cache

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
        unmarked = _utf16_unmarked(data)
        if unmarked is not None:
            return unmarked
        raise ReadError("E003", offset=nul)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        text = _windows_1258(data)
        if text is not None:
            return text, "windows-1258"
        if _legacy_font(data):
            raise ReadError("E022", offset=err.start) from None
        raise ReadError("E004", offset=err.start, reason=err.reason) from None


def _utf16_unmarked(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark, told by its NUL bytes: text of Latin letters has a
    NUL as the high byte of most characters and almost never as the low one."""
    sample = data[:65536] if len(data) % 2 == 0 else b""
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    for name, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high.count(0) >= 0.5 * len(high) and low.count(0) <= 0.01 * len(low):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                return None
            return (text, name) if "\x00" not in text else None
    return None


_TONES = "\u0300\u0301\u0303\u0309\u0323"


@cache
def _vietnamese_letters() -> frozenset[str]:
    """Every letter of Vietnamese that is not ASCII: the vowels with their marks and the five
    tones, and đ, in both cases (from the phonology, as NFC characters)."""
    vowels = "aăâeêioôơuưy"
    letters = {unicodedata.normalize("NFC", v + t) for v in vowels for t in ("",) + tuple(_TONES)}
    letters |= {"đ"}
    letters |= {c.upper() for c in letters}
    return frozenset(c for c in letters if ord(c) > 127)


#: Share of the non-ASCII characters of a decoded text that must be Vietnamese letters for
#: the decoding to be taken as right.
VIETNAMESE_SHARE = 0.9


def _windows_1258(data: bytes) -> str | None:
    """The text of ``data`` read as Windows-1258 (Microsoft's Vietnamese code page, whose
    tone marks are combining characters, composed here to NFC), when that reading is
    Vietnamese: nearly every character beyond ASCII a Vietnamese letter. Else None."""
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    beyond = [c for c in text if ord(c) > 127]
    if not beyond:
        return None
    letters = _vietnamese_letters()
    good = sum(c in letters for c in beyond)
    return text if good / len(beyond) >= VIETNAMESE_SHARE else None


def _legacy_font(data: bytes) -> bool:
    """Whether ``data`` looks like text in one of the Vietnamese font encodings of the 1990s
    (TCVN3/ABC, VNI): mostly ASCII letters and spaces, its other bytes single high bytes
    (0xA1-0xFF) inside words, as those encodings write a Vietnamese letter, or its mark, in
    one byte of the upper half."""
    sample = data[:65536]
    high = [i for i, b in enumerate(sample) if b >= 0x80]
    if not high or sum(1 for b in sample if 65 <= (b | 32) <= 122 or b == 32) < len(sample) / 2:
        return False
    inside = sum(1 for i in high if sample[i] >= 0xA1 and (
        (i > 0 and (sample[i - 1] >= 0x80 or 65 <= (sample[i - 1] | 32) <= 122)) or
        (i + 1 < len(sample) and 65 <= (sample[i + 1] | 32) <= 122)))
    return inside / len(high) >= 0.9


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
        return _utf16_unmarked(head[:len(head) // 2 * 2]) is not None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start >= len(head) - 3 and err.reason == "unexpected end of data"
    return True


READER = register(Reader("text", (".txt", ".text", ".md", ".markdown"), read, sniff))
