"""Words and their parts of speech, by underthesea's word segmenter and tagger (offline).

Vietnamese writes a word as several syllables ("Tài nguyên", "kiểm tra"); knowing where
words end, and whether a word is a noun or a verb, tells where a name ends: "Phòng Tài
nguyên và Môi trường | kiểm tra", "Bệnh viện Y học cổ truyền | tỉnh".
"""
from __future__ import annotations

from bisect import bisect_left

from underthesea import pos_tag

from ..model import Doc, Token
from ..pipeline import component


def tag_sentence(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text`` with offsets into it (plus ``offset``)."""
    tokens: list[Token] = []
    pos = 0
    for word, tag in pos_tag(" ".join(text.split())):
        syllables = word.split()
        if not syllables:
            continue
        begin = text.find(syllables[0], pos)
        if begin < 0 or begin - pos > 20:
            continue  # the tagger changed the text; leave this word untagged
        end = begin
        for syl in syllables:
            at = text.find(syl, end)
            if at < 0:
                break
            end = at + len(syl)
        tokens.append(Token(offset + begin, offset + end, tag))
        pos = end
    return tokens


#: The tagger's time grows with the square of a sentence's length: a longer "sentence"
#: (a text without full stops) is tagged in pieces cut at white space.
MAX_PIECE = 1500


def _pieces(b: int, e: int, text: str):
    while e - b > MAX_PIECE:
        cut = text.rfind(" ", b, b + MAX_PIECE)
        cut = cut if cut > b else b + MAX_PIECE
        yield b, cut
        b = cut
    yield b, e


@component("tokens", requires=("norm", "norm_sentences"), assigns=("tokens",), stage="segment")
def tokenize(doc: Doc) -> Doc:
    text = doc.norm.text
    for b, e in doc.norm_sentences:
        for pb, pe in _pieces(b, e, text):
            doc.tokens.extend(tag_sentence(text[pb:pe], pb))
    return doc


def token_index(doc: Doc, pos: int) -> int:
    """The index of the first token that ends after ``pos``."""
    ends = doc.context.get("_token_ends")
    if ends is None or len(ends) != len(doc.tokens):
        ends = doc.context["_token_ends"] = [t.end for t in doc.tokens]
    return bisect_left(ends, pos + 1)
