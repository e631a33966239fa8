"""Words and their parts of speech, by underthesea's word segmenter and tagger (offline).

Vietnamese writes a word as several syllables ("Tài nguyên", "kiểm tra"); knowing where
words end, and whether a word is a noun or a verb, tells where a name ends: "Phòng Tài
nguyên và Môi trường | kiểm tra", "Bệnh viện Y học cổ truyền | tỉnh".
"""
from __future__ import annotations

import re
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


#: The tagger's time grows with the square of the number of tokens it is given: a longer
#: "sentence" (a list, a text without full stops, a run of punctuation) is tagged in pieces
#: of at most this many tokens (syllables and punctuation marks), cut at white space where
#: there is some, so that tagging stays linear in the length of a document.
MAX_TOKENS = 250
_TOKEN = re.compile(r"\w+|[^\w\s]")


def _pieces(b: int, e: int, text: str):
    count, last_space = 0, None
    for m in _TOKEN.finditer(text, b, e):
        count += 1
        if count > MAX_TOKENS:
            cut = last_space if last_space is not None and last_space > b else m.start()
            yield b, cut
            b, count, last_space = cut, sum(1 for _ in _TOKEN.finditer(text, cut, m.end())), None
        if m.start() > b and text[m.start() - 1].isspace():
            last_space = m.start()
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
