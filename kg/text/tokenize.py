"""Words and their parts of speech, by underthesea's word segmenter and tagger (offline);
the tagger's features are made here, the same as underthesea's but in linear time.

Vietnamese writes a word as several syllables ("Tài nguyên", "kiểm tra"); knowing where
words end, and whether a word is a noun or a verb, tells where a name ends: "Phòng Tài
nguyên và Môi trường | kiểm tra", "Bệnh viện Y học cổ truyền | tỉnh".
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..model import Doc, Token
from ..pipeline import component


#: The feature templates of underthesea's CRF part-of-speech model (model_crf.py), in its
#: order: the words two either side in lower case, whether three are capitalised, the words
#: and word pairs around, and the previous tags (always "X" when tagging).
_TEMPLATE = (
    [("lower", k) for k in (-2, -1, 0, 1, 2)] + [("istitle", k) for k in (0, -1, 1)]
    + [("word", k) for k in (-2, -1, 0, 1, 2)] + [("pair", k) for k in (-2, -1, 0, 1)]
    + [("tag", k) for k in (-3, -2, -1)] + [("tags", k) for k in (-3, -2)])
_NAMES = {"lower": "T[{}].lower", "istitle": "T[{}].istitle", "word": "T[{}]", "pair": "T[{},{}]",
          "tag": "T[{}][1]", "tags": "T[{},{}][1]"}


def _istitle(word: str) -> bool:
    """underthesea's text_istitle: every space-separated part begins with a capital."""
    try:
        return bool(word) and all(part[0].istitle() for part in word.split(" "))
    except IndexError:  # an empty part (two spaces)
        return False


def _feature(values: list[str], j: int, name: str, end: int) -> str:
    """``name=value`` of the word (or pair) at ``j``, BOS before the first, EOS at ``end``."""
    if j < 0:
        return name + "=BOS"
    if j >= end:
        return name + "=EOS"
    return name + "=" + values[j]


def pos_features(words: list[str]) -> list[list[str]]:
    """The features underthesea's part-of-speech model is given for ``words``, the same
    strings its ``tagged_feature.word2features`` makes (the templates of ``_TEMPLATE``, in
    its order), computed in time linear in the number of words: each word's lower case,
    title test and pair with the next are made once (underthesea's own rebuilds its columns
    for every feature of every word, so its time grows with the square of the sentence)."""
    n = len(words)
    lower = [w.lower() for w in words]
    title = [str(_istitle(w)) for w in words]
    pairs = [words[j] + " " + words[j + 1] for j in range(n - 1)]
    out = []
    for i in range(n):
        out.append([
            _feature(lower, i - 2, "T[-2].lower", n), _feature(lower, i - 1, "T[-1].lower", n),
            "T[0].lower=" + lower[i], _feature(lower, i + 1, "T[1].lower", n), _feature(lower, i + 2, "T[2].lower", n),
            "T[0].istitle=" + title[i], _feature(title, i - 1, "T[-1].istitle", n),
            _feature(title, i + 1, "T[1].istitle", n),
            _feature(words, i - 2, "T[-2]", n), _feature(words, i - 1, "T[-1]", n), "T[0]=" + words[i],
            _feature(words, i + 1, "T[1]", n), _feature(words, i + 2, "T[2]", n),
            _feature(pairs, i - 2, "T[-2,-1]", n - 1), _feature(pairs, i - 1, "T[-1,0]", n - 1),
            _feature(pairs, i, "T[0,1]", n - 1), _feature(pairs, i + 1, "T[1,2]", n - 1),
            # the previous tags: "X" while tagging
            "T[-3][1]=BOS" if i < 3 else "T[-3][1]=X", "T[-2][1]=BOS" if i < 2 else "T[-2][1]=X",
            "T[-1][1]=BOS" if i < 1 else "T[-1][1]=X",
            "T[-3,-2][1]=BOS" if i < 3 else "T[-3,-2][1]=X X", "T[-2,-1][1]=BOS" if i < 2 else "T[-2,-1][1]=X X"])
    return out


def pos_tag(text: str) -> list[tuple[str, str]]:
    """Words and parts of speech of ``text``, as underthesea's ``pos_tag`` gives them (its
    word segmenter and its CRF model), with the model's features made by ``pos_features``."""
    from underthesea import word_tokenize
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    words = word_tokenize(text)
    if not words:
        return []
    return list(zip(words, CRFPOSTagPredictor.Instance().model.tag(pos_features(words))))


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


#: A longer "sentence" (a list, a text without full stops, a run of punctuation) is tagged
#: in pieces of at most this many tokens (syllables and punctuation marks), cut at white
#: space where there is some. underthesea's own feature maker grew with the square of the
#: tokens it was given; ``pos_features`` does not, and the pieces stay so that the tags
#: stay the same.
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
