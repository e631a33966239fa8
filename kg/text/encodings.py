"""The bytes of a text file as Unicode text (NFC), in the encodings still met in Vietnamese
government files.

``decode(data)`` tells the encoding and returns the text, or raises ``UndecodableText``:

1. A byte-order mark decides: UTF-8 (``utf-8-sig``), UTF-16 LE or BE.
2. NUL bytes: UTF-16 without a byte-order mark when they fall on every other byte, as they
   do for text of Latin letters; UTF-8 with a few stray NULs; else binary data, not text.
3. Bytes that are valid UTF-8 are UTF-8 -- unless the text is VIQR, Vietnamese written in
   ASCII with its marks as punctuation after the vowels ("Vie^.t Nam"), and only when the
   evidence is strong: ASCII only, many words whose VIQR reading is a Vietnamese syllable,
   some with a vowel shape (ă â ê ô ơ ư) or đ. English text or Vietnamese written without
   diacritics stays as it is.
4. Bytes that are not UTF-8 are read in each legacy encoding -- Windows-1258 (Microsoft's
   Vietnamese code page), TCVN3 (ABC, the ".VnTime" fonts) and VNI (the "VNI-Times"
   fonts) -- and the reading whose words are most often Vietnamese syllables wins, when
   that share is convincing. A reading in which some byte has no character is no reading:
   no U+FFFD is ever put in the text.

The tables of TCVN3, VNI and VIQR are data (``kg/lexicon/encodings/*.tsv``, each naming its
sources); Windows-1258 is Python's ``cp1258`` codec. The syllable check that scores a
reading is built from Vietnamese phonotactics (onset, rhyme, tone), not from a word list.
Decoding a megabyte takes about a tenth of a second (VIQR two): the legacy readings are
C-speed ``charmap`` decodes, and a reading is scored on a sample of its words.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

#: The encodings ``decode`` reports.
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "windows-1258", "tcvn3", "vni", "viqr")
#: The legacy encodings tried for bytes that are not UTF-8, in the order that breaks a tie.
LEGACY = ("tcvn3", "vni", "windows-1258")
#: Share of a reading's scored words that must be Vietnamese syllables for it to convince.
CONVINCING = 0.6
#: Texts longer than this (in characters) are scored on a sample of ``_WINDOWS`` windows
#: of ``_WINDOW`` characters (some ten thousand words in all).
_SAMPLE_ABOVE = 80_000
_WINDOWS, _WINDOW = 10, 8_000


@dataclass(frozen=True)
class Decoded:
    text: str  # NFC, without a byte-order mark
    encoding: str  # one of ENCODINGS


class UndecodableText(ValueError):
    """The bytes are not text in any encoding ``decode`` knows. ``suspected`` names the
    encoding they most look like (or None); ``offset`` is the offset of the first byte that
    is not valid UTF-8 -- of the first NUL byte for binary data, and, after a byte-order
    mark, of the first byte its encoding cannot read; ``reason`` says why in a few words."""

    def __init__(self, reason: str, *, suspected: str | None = None, offset: int | None = None,
                 binary: bool = False, codec: str | None = None):
        where = f" (byte {offset})" if offset is not None else ""
        guess = f"; it looks most like {suspected}" if suspected else ""
        super().__init__(f"{reason}{where}{guess}")
        self.reason, self.suspected, self.offset = reason, suspected, offset
        self.binary = binary  # NUL or control bytes: binary data, no text at all
        self.codec = codec  # what the UTF-8 or UTF-16 codec said of the first bad byte


# --------------------------------------------------------------------------- the tables


@cache
def table_rows(name: str) -> tuple[tuple[bytes | str, str, str], ...]:
    """The rows of the data file of legacy encoding ``name`` ("tcvn3", "vni", "viqr"): each
    (code, character, kind), where code is the bytes (TCVN3, VNI) or the ASCII sequence
    (VIQR) that writes the character, and kind is "letter", "symbol" or "alternative". Each
    row's Unicode name column is checked against its character, so a slip in the file shows."""
    from .. import lexicon

    text = resources.files(lexicon).joinpath("encodings", f"{name}.tsv").read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line or line.startswith("#"):
            continue
        code, char, kind, uname = line.split("\t")
        if len(char) != 1 or unicodedata.name(char) != uname:
            raise ValueError(f"encodings/{name}.tsv, line {number}: {char!r} is not {uname}")
        rows.append((code if name == "viqr" else bytes.fromhex(code), char, kind))
    return tuple(rows)


#: Stands for a byte with no character in a charmap table (the codec then raises).
_UNMAPPED = "\ufffe"
#: The ASCII controls that are no part of text (tab, line ends, form feed and the DOS end
#: of file are); legacy text that holds them is binary data.
_CONTROLS = re.compile(rb"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")


@cache
def _tcvn3_table() -> str:
    """TCVN3 as a 256-character charmap string: ASCII as itself, each byte of the data file
    as its character, the rest unmapped."""
    chars = [chr(b) for b in range(128)] + [_UNMAPPED] * 128
    for code, char, _ in table_rows("tcvn3"):
        (byte,) = code
        chars[byte] = char
    return "".join(chars)


@cache
def _vni_tables() -> tuple[str, tuple[tuple[str, str], ...]]:
    """VNI as a charmap string plus the replacements that finish it. A letter byte (đ, ơ,
    ư, ì ...) is its character; a mark byte (the byte after a vowel) is the combining
    marks it adds, derived from the data file: the marks of the letter it writes, less
    those of the vowel before it ("a" + 0xE1 = "ấ": U+0302 U+0301). A charmap entry is one
    character, so a mark byte maps to a private-use character, replaced afterwards."""
    single: dict[int, str] = {}
    marks: dict[int, str] = {}
    for code, char, _ in table_rows("vni"):
        if len(code) == 1:
            single[code[0]] = char
    for code, char, _ in table_rows("vni"):
        if len(code) != 2:
            continue
        base = chr(code[0]) if code[0] < 128 else single[code[0]]
        full, start = unicodedata.normalize("NFD", char), unicodedata.normalize("NFD", base)
        if not full.startswith(start) or len(full) == len(start):
            raise ValueError(f"encodings/vni.tsv: {code.hex(' ')} is not {base!r} and marks")
        added = full[len(start):]
        if marks.setdefault(code[1], added) != added:
            raise ValueError(f"encodings/vni.tsv: byte {code[1]:02X} stands for two sets of marks")
    if set(single) & set(marks):
        raise ValueError("encodings/vni.tsv: a byte is both a letter and a mark")
    chars = [chr(b) for b in range(128)] + [_UNMAPPED] * 128
    replacements = []
    for byte, char in single.items():
        chars[byte] = char
    for n, (byte, added) in enumerate(sorted(marks.items())):
        stand_in = chr(0xF0000 + n)  # a supplementary private-use code point: never in VNI text
        chars[byte] = stand_in
        replacements.append((stand_in, added))
    return "".join(chars), tuple(replacements)


def _read_tcvn3(data: bytes, errors: str = "strict") -> str:
    """``data`` read as TCVN3, not yet NFC (``UnicodeDecodeError`` at an unmapped byte)."""
    return codecs.charmap_decode(data, errors, _tcvn3_table())[0]


def _read_vni(data: bytes, errors: str = "strict") -> str:
    """``data`` read as VNI, not yet NFC: marks as combining characters after their vowel."""
    table, replacements = _vni_tables()
    text = codecs.charmap_decode(data, errors, table)[0]
    for stand_in, added in replacements:
        if stand_in in text:
            text = text.replace(stand_in, added)
    return text


def _read_cp1258(data: bytes, errors: str = "strict") -> str:
    """``data`` read as Windows-1258, not yet NFC (its five tone marks are combining)."""
    return data.decode("cp1258", errors)


_READERS = {"tcvn3": _read_tcvn3, "vni": _read_vni, "windows-1258": _read_cp1258}


# ------------------------------------------------------------ the Vietnamese syllable check

#: The tone marks, as combining characters (NFD): huyền, sắc, ngã, hỏi, nặng.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SAC_NANG = frozenset("\u0301\u0323")
_VOWELS = frozenset("aeiouy")
#: The onsets (initial consonants) in Vietnamese spelling; "" for none. "qu" and "gi"
#: are written onsets whose u / i is part of the spelling, see ``_rhyme_after``.
_ONSETS = ("ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
#: The rhymes: a nucleus (a vowel, a diphthong, or a glide o/u and a vowel) and the codas it
#: takes ("" for an open syllable; c, ch, p, t the stops; i/y, o/u the glides).
_NUCLEUS_CODAS = {
    "a": ("", "c", "ch", "i", "m", "n", "ng", "nh", "o", "p", "t", "u", "y"),
    "ă": ("c", "m", "n", "ng", "p", "t"),
    "â": ("c", "m", "n", "ng", "p", "t", "u", "y"),
    "e": ("", "c", "m", "n", "ng", "o", "p", "t"),
    "ê": ("", "ch", "m", "n", "nh", "p", "t", "u"),
    "i": ("", "a", "ch", "m", "n", "nh", "p", "t", "u"),
    "iê": ("c", "m", "n", "ng", "p", "t", "u"),
    "yê": ("m", "n", "ng", "t", "u"),
    "y": ("",),
    "o": ("", "c", "i", "m", "n", "ng", "p", "t"),
    "oo": ("c", "ng"),
    "ô": ("", "c", "i", "m", "n", "ng", "p", "t"),
    "ơ": ("", "i", "m", "n", "p", "t"),
    "u": ("", "a", "c", "i", "m", "n", "ng", "p", "t"),
    "uô": ("c", "i", "m", "n", "ng", "t"),
    "ư": ("", "a", "c", "i", "m", "n", "ng", "t", "u"),
    "ươ": ("c", "i", "m", "n", "ng", "p", "t", "u"),
    # the glide o before a, ă, e and the glide u before â, ê, y, ơ
    "oa": ("", "c", "ch", "i", "m", "n", "ng", "nh", "o", "p", "t", "y"),
    "oă": ("c", "m", "n", "ng", "t"),
    "oe": ("", "n", "o", "t"),
    "uâ": ("n", "ng", "t", "y"),
    "uê": ("", "ch", "n", "nh"),
    "uy": ("", "a", "ch", "n", "nh", "p", "t", "u"),
    "uyê": ("n", "t"),
    "uơ": ("",),
}
_RHYMES = frozenset(n + c for n, codas in _NUCLEUS_CODAS.items() for c in codas)
_STOPS = ("c", "ch", "p", "t")
_LETTERS = frozenset("abcdefghiklmnopqrstuvxyăâđêôơư")
#: The vowel letters of Vietnamese, with or without marks, lower case (for "is there a vowel").
_ANY_VOWEL = frozenset(unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy"
                       for t in ("", *sorted(_TONES)))


def _rhyme_after(onset: str, rhyme: str) -> bool:
    """Whether ``rhyme`` may follow ``onset``: a rhyme of the language, with the spelling
    rules of k / c, gh / g and ngh / ng (the first before e, ê, i), and the i of "gi" and
    the u of "qu" merged into the rhyme they spell ("giếng" = gi + (i)êng, "quốc" =
    qu + (u)ôc, "quyết" = qu + (u)yêt)."""
    if onset == "gi":
        return rhyme in _RHYMES or ("i" + rhyme) in _RHYMES
    if onset == "qu":
        return bool(rhyme) and (rhyme in _RHYMES or ("u" + rhyme) in _RHYMES)
    if rhyme not in _RHYMES:
        return False
    front = rhyme[0] in "eêiy"
    if onset == "k":
        return front
    if onset == "c":
        return not front
    if onset in ("gh", "ngh"):
        return rhyme[0] in "eêi"
    if onset == "ng":
        return rhyme[0] not in "eêi"
    if onset == "g":
        return rhyme[0] not in "eê"  # "gì", "gìn": g before i is written
    return True


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Whether ``word`` (one token, any case) is a well-formed Vietnamese syllable: an onset,
    a rhyme, at most one tone, on a vowel, and a stop coda (c, ch, p, t) only with the sắc
    or nặng tone. Old and new tone placement are both accepted ("hoà", "hòa")."""
    nfd = unicodedata.normalize("NFD", word.lower())
    tones = [i for i, c in enumerate(nfd) if c in _TONES]
    if len(tones) > 1:
        return False
    tone = nfd[tones[0]] if tones else ""
    if tones:
        base = next((c for c in reversed(nfd[:tones[0]]) if not unicodedata.combining(c)), "")
        if base not in _VOWELS:
            return False
        nfd = nfd[:tones[0]] + nfd[tones[0] + 1:]
    bare = unicodedata.normalize("NFC", nfd)
    if not bare or not set(bare) <= _LETTERS:
        return False
    for onset in _ONSETS:
        if bare.startswith(onset) and _rhyme_after(onset, bare[len(onset):]):
            rhyme = bare[len(onset):]
            if rhyme.endswith(_STOPS) and tone not in _SAC_NANG:
                continue
            return True
    return False


#: What a word may carry before or after it without being another word.
_PUNCTUATION = "!\"#$%&'()*+,.:;<=>?@[\\]^_`{|}~\u2018\u2019\u201a\u201c\u201d\u201e\u2026\u00ab\u00bb\u2022\u00b7"
#: A word, for scoring: what lies between white space, digits, punctuation and dashes.
_TOKEN = re.compile("[^\\s\\d" + re.escape(_PUNCTUATION) + "\\-/\u2010-\u2015]+")


def _syllable_or_none(word: str) -> bool | None:
    """Whether ``word`` (a token beyond ASCII) is a Vietnamese syllable, or None where that
    says nothing: an all-letter word with no vowel, an abbreviation ("HĐND", "QĐ", "đ")."""
    if word.isalpha() and not any(c in _ANY_VOWEL for c in unicodedata.normalize("NFC", word.lower())):
        return None
    return is_syllable(word)


def _sample(text: str) -> list[str]:
    """The text, or for a long one ``_WINDOWS`` windows of it spread evenly, each cut to
    whole words: what a reading is scored on."""
    if len(text) <= _SAMPLE_ABOVE:
        return [text]
    step = (len(text) - _WINDOW) // (_WINDOWS - 1)
    return [text[i:i + _WINDOW].partition(" ")[2].rpartition(" ")[0] for i in range(0, step * _WINDOWS, step)]


def vietnamese_score(text: str) -> tuple[int, int]:
    """How Vietnamese a reading looks: (syllables, words) over its words that hold a
    character beyond ASCII (see ``_syllable_or_none`` for the words not scored)."""
    good = total = 0
    for part in _sample(text):
        for word in _TOKEN.findall(part):
            if word.isascii():
                continue
            verdict = _syllable_or_none(word)
            if verdict is not None:
                total += 1
                good += verdict
    return good, total


# ---------------------------------------------------------------------------------- VIQR

_VIQR_TONES = "'`?~."
#: A vowel with a tone mark after it (perhaps after a shape mark): a word that has its tone.
_VIQR_TONED = re.compile(r"[aeiouyAEIOUY][\^(+]?['`?~.]")
#: A vowel followed by a VIQR mark, or a doubled d: what makes a word worth reading as VIQR.
_VIQR_HINT = re.compile(r"[aeiouyAEIOUY][\^(+'`?~.]|(?<![A-Za-z])(?:dd|DD|Dd)")
#: Words VIQR must leave alone: addresses of the web and of mail (as UniKey leaves them).
_VIQR_SKIP = r"(?<!\S)\S*?(?:://|@|\bwww\.)\S*"
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


@cache
def _viqr_reader() -> tuple[re.Pattern, dict[str, str], dict[str, str]]:
    """The pattern of a VIQR letter, the letter of each sequence (from the data file), and
    the sequences among them that are a letter wherever they stand (no ".", "?" or "'" at
    the end, which may be punctuation). A match is a web or mail address (group "skip",
    left alone), an escaped mark ("escaped", kept literal), a spelling of đ / Đ at the
    start of a word ("d"; one ending in "-" only before a vowel), DD after a capital
    consonant in an abbreviation ("inner_d": "HDDND" is HĐND), or a vowel ("vowel")
    with a shape ("shape") and perhaps a tone ("tone"), or with a tone alone ("tone_only")."""
    letters = {code: char for code, char, _ in table_rows("viqr")}
    plain = {code: char for code, char in letters.items() if code[-1] not in ".?'"}
    d_forms = sorted((c for c, char in letters.items() if char in "đĐ"), key=len, reverse=True)
    d_alts = "|".join(re.escape(c) + ("(?=[aeiouyAEIOUY])" if c.endswith("-") else "") for c in d_forms)
    tones = "[" + re.escape(_VIQR_TONES) + "]"
    pattern = re.compile(r"(?P<skip>" + _VIQR_SKIP + ")"
                         r"|\\(?P<escaped>[\^(+'`?~.\-/\\])"
                         r"|(?<![A-Za-z\\])(?P<d>" + d_alts + ")"
                         r"|(?<=[BCDFGHKLMNPQRSTVX])(?P<inner_d>DD)(?![a-z])"
                         r"|(?P<vowel>[aeiouyAEIOUY])(?:(?P<shape>[\^(+])(?P<tone>" + tones + ")?"
                         r"|(?P<tone_only>" + tones + "))")
    return pattern, letters, plain


def _viqr_replace(m: re.Match) -> str:
    """One match of the VIQR pattern: the letter it writes. A ".", "?" or "'" that ends a
    word may be punctuation instead of a tone (see ``_tone_is_punctuation``)."""
    _, letters, plain = _viqr_reader()
    seq = m.group()
    letter = plain.get(seq)
    if letter is not None:
        return letter  # the fast way: a letter wherever it stands (đ among them)
    end = m.end()
    if seq in letters and end < len(m.string) and m.string[end] in _ASCII_LETTERS:
        return letters[seq]  # the next fast way: a mark inside the word
    if m.group("skip"):
        return seq  # an address
    if m.group("escaped") is not None:
        return m.group("escaped")
    vowel, shape = m.group("vowel"), m.group("shape") or ""
    tone = m.group("tone") or m.group("tone_only") or ""
    if shape and vowel + shape not in letters:
        return seq  # "i^": no such letter, left as written
    if tone in (".", "?", "'") and _tone_is_punctuation(m, tone):
        return letters.get(vowel + shape, vowel) + tone
    return letters[vowel + shape + tone]


def _tone_is_punctuation(m: re.Match, tone: str) -> bool:
    """Whether the mark ``tone`` (".", "?" or "'") that ends match ``m`` is punctuation.
    RFC 1456 has writers escape a full stop, question mark or apostrophe that follows a
    vowel ("ta\\."), so an unescaped one is a tone -- also at the end of a line ("Trang
    chu?" is "Trang chủ") -- except where it cannot be one, as UniKey reads it: after a
    word that has its tone already ("No^.i." is "Nội."), and, for "'", closing a word
    that opened with a quote ("'ta'")."""
    s, end = m.string, m.end()
    if end < len(s) and s[end] in _ASCII_LETTERS:
        return False  # a letter follows: the mark is inside the word
    start = m.start()
    while start > 0 and not s[start - 1].isspace():
        start -= 1
    word = s[start:m.start()]
    if _VIQR_TONED.search(word):
        return True
    return tone == "'" and word.startswith(("'", "`"))


def viqr_to_unicode(text: str) -> str:
    """``text`` read as VIQR (RFC 1456): each vowel and the marks after it as one letter,
    dd / DD / Dd (and d- / D- before a vowel) at the start of a word as đ / Đ, and DD after
    a capital consonant ("HDDND", "QDD") as Đ, a backslash
    keeping the mark after it literal; web and mail addresses left alone. NFC."""
    text = _viqr_reader()[0].sub(_viqr_replace, text)
    return unicodedata.normalize("NFC", text)


#: VIQR is read only when, over the words whose VIQR reading differs from the text, at least
#: this many are Vietnamese syllables, and this share of them, and of all the words...
_VIQR_MIN_WORDS, _VIQR_VALID_SHARE, _VIQR_WORD_SHARE = 3, 0.8, 0.2
#: ... and this many of them have a vowel shape or đ, which no English spelling makes.
_VIQR_MIN_SHAPED = 2
_SHAPED = frozenset("ăâêôơưđ")


def is_viqr(text: str) -> bool:
    """Whether ``text`` (decoded UTF-8) is VIQR, on strong evidence only (see the module)."""
    if not text.isascii() or not _VIQR_HINT.search(text):
        return False
    words = changed = valid = shaped = 0
    for part in _sample(text):
        for match in re.finditer(r"\S+", part):
            token = match.group()
            if not any(c.isalpha() for c in token):
                continue
            words += 1
            if not _VIQR_HINT.search(token):
                continue
            read = viqr_to_unicode(token)
            if read == token:
                continue
            verdicts = [(w, _syllable_or_none(w)) for w in _TOKEN.findall(read) if not w.isascii()]
            verdicts = [(w, v) for w, v in verdicts if v is not None]
            if not verdicts:
                continue  # an abbreviation: "HDDND"
            changed += 1
            if all(v for _, v in verdicts):
                valid += 1
                shaped += any(c in _SHAPED for w, _ in verdicts for c in w.lower())
    return (valid >= _VIQR_MIN_WORDS and valid >= _VIQR_VALID_SHARE * changed
            and valid >= _VIQR_WORD_SHARE * words and shaped >= _VIQR_MIN_SHAPED)


# ------------------------------------------------------------------------------- decoding

#: The byte-order marks, and the encoding each announces.
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode(data: bytes, as_written: bool = False) -> Decoded:
    """The text of ``data`` (NFC, no byte-order mark) and its encoding, or
    ``UndecodableText``. The order of the tests is the module's. With ``as_written``, UTF-8
    and UTF-16 text keeps the form it was written in (the offsets of a source count in
    it); converted text (VIQR, the legacy encodings) is NFC either way."""
    compose = (lambda t: t) if as_written else (lambda t: unicodedata.normalize("NFC", t))
    for bom, name in BOMS:
        if data.startswith(bom):
            if name == "utf-8-sig":
                return _from_utf8(data, len(bom), name, compose)
            return _from_utf16(data, len(bom), name, compose)
    nul = data.find(b"\x00")
    if nul >= 0:
        name = utf16_unmarked(data)
        if name is not None:
            return _from_utf16(data, 0, name, compose)
        if not stray_nuls(data):
            raise UndecodableText("NUL bytes, not in the pattern of UTF-16: binary data, not text", offset=nul,
                                  binary=True)
    return _from_utf8(data, 0, "utf-8", compose)


def stray_nuls(data: bytes) -> bool:
    """UTF-8 with a few NUL bytes in it (one in a hundred at most), as a broken export
    leaves: text (a reader shows the NULs as U+FFFD). More are binary data. The end of
    ``data`` may cut a character short (the head of a file)."""
    if data.count(b"\x00") * 100 > len(data):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start >= len(data) - 3 and err.reason == "unexpected end of data"
    return True


def _from_utf8(data: bytes, start: int, name: str, compose) -> Decoded:
    """UTF-8 from byte ``start`` on (VIQR when it is); bytes that are not UTF-8 go to the
    legacy encodings, unless a UTF-8 byte-order mark said UTF-8."""
    try:
        text = data[start:].decode("utf-8")
    except UnicodeDecodeError as err:
        if start:
            raise UndecodableText("a UTF-8 byte-order mark, but bytes after it that are not UTF-8",
                                  suspected="utf-8", offset=start + err.start, codec=err.reason) from None
        return _from_legacy(data, err.start, err.reason)
    if is_viqr(text):
        return Decoded(viqr_to_unicode(text), "viqr")
    return Decoded(compose(text), name)


def _from_utf16(data: bytes, start: int, name: str, compose) -> Decoded:
    """UTF-16 (``name`` says which byte order) from byte ``start`` on."""
    try:
        text = data[start:].decode(name)
    except UnicodeDecodeError as err:
        raise UndecodableText(f"not valid {name.upper()}: {err.reason}", suspected=name,
                              offset=start + err.start, codec=err.reason) from None
    return Decoded(compose(text), name)


def utf16_unmarked(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, told by its NUL bytes: text of Latin letters (and
    of Vietnamese, whose letters are mostly ASCII or Latin-1) has a NUL as the high byte of
    most characters and rarely as the low one (U+0300, the combining grave of decomposed
    text, has one). The byte order, or None."""
    sample = data[:65536] if len(data) % 2 == 0 else b""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for name, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high.count(0) >= 0.5 * len(high) and low.count(0) <= 0.1 * len(low):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                return None
            return name if "\x00" not in text else None
    return None


def _from_legacy(data: bytes, offset: int, codec: str) -> Decoded:
    """Bytes that are not UTF-8 (the first bad one at ``offset``), read in each legacy
    encoding. The readings that give every byte a character are ranked by how many of
    their words are Vietnamese syllables (the words scored are nearly the same in every
    reading, white space being ASCII), and the first convinces when that is at least
    ``CONVINCING`` of its scored words. A text whose only bytes beyond ASCII are signs
    (typographic quotes, dashes), so that no reading has a word to score, is read as
    Windows-1258, the one code page among them."""
    if _CONTROLS.search(data):
        raise UndecodableText("not valid UTF-8, and control bytes: binary data, not text", offset=offset,
                              codec=codec)
    readings, suspects = [], []
    for rank, name in enumerate(LEGACY):
        try:
            text = unicodedata.normalize("NFC", _READERS[name](data))
        except UnicodeDecodeError:
            # some byte has no character in this encoding: no reading, only a suspect
            good, _ = vietnamese_score(unicodedata.normalize("NFC", _READERS[name](data, "replace")))
            suspects.append((good, -rank, name))
            continue
        good, total = vietnamese_score(text)
        readings.append((good, -rank, total, name, text))
        suspects.append((good, -rank, name))
    good, _, suspect = max(suspects)
    suspect = suspect if good else None
    if not readings:
        raise UndecodableText("not valid UTF-8, and not Windows-1258, TCVN3 or VNI: each leaves some "
                              "byte without a character", suspected=suspect, offset=offset, codec=codec)
    good, _, total, name, text = max(readings)
    if not any(r[2] for r in readings):
        name, text = next(((r[3], r[4]) for r in readings if r[3] == "windows-1258"), (name, text))
        return Decoded(text, name)
    if good < CONVINCING * total or not good:
        share = good / total if total else 0.0
        raise UndecodableText(f"not valid UTF-8, and no reading as Vietnamese: the best one that gives "
                              f"every byte a character, {name}, makes {share:.0%} of its words syllables",
                              suspected=suspect, offset=offset, codec=codec)
    return Decoded(text, name)
