"""The tagger's features made in linear time are the very features underthesea makes."""
import random

from underthesea import pos_tag as underthesea_pos_tag
from underthesea import word_tokenize
from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor
from underthesea.pipeline.pos_tag.tagged_feature import word2features

from kg.text.tokenize import pos_features, pos_tag

from conftest import CORPUS

SYLLABLES = ("Ủy ban nhân dân tỉnh Bắc Giang tổ chức Hội nghị tổng kết năm 2024 , . ( ) / - "
             "HĐND UBND đồng chí Nguyễn Văn An dự và phát biểu tại phường Trần Phú 12/3 “ ” TP.").split()


def _sentences(count=200, seed=7):
    rng = random.Random(seed)
    for _ in range(count):
        yield " ".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 40)))


def _corpus_sentences():
    from kg.text.normalise import normalise
    from kg.text.segment import split_sentences

    for path in sorted(CORPUS.glob("*.txt")):
        text = normalise(path.read_text(encoding="utf-8")).text
        yield from (" ".join(text[b:e].split()) for b, e in split_sentences(text))


def test_features_equal_underthesea_own():
    template = CRFPOSTagPredictor.Instance().transformer.template
    for text in [*_sentences(), *_corpus_sentences()]:
        words = word_tokenize(text)
        sent = [(w, "X") for w in words]
        assert pos_features(words) == [word2features(sent, i, template) for i in range(len(sent))], text


def test_tags_equal_underthesea_pos_tag():
    for text in [*_sentences(50, seed=11), "", "Ủy ban", "/" * 60, "A  B"]:
        assert pos_tag(text) == underthesea_pos_tag(text), text


def test_the_features_of_a_long_run_are_made_without_the_square():
    words = ["/"] * 3000  # underthesea's own takes seconds on this; ours a few milliseconds
    feats = pos_features(words)
    assert len(feats) == 3000 and feats[0][0] == "T[-2].lower=BOS" and feats[-1][4] == "T[2].lower=EOS"
