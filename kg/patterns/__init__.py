"""Patterns as data: spaCy ``Matcher`` patterns over the token layer, read from ``.jsonl``.

Each line of a pattern file is one JSON object, in the format of spaCy's ``SpanRuler``
patterns plus an example::

    {"label": "issuedBy.before", "example": "Thành ủy | đã ban hành | Nghị quyết số 12",
     "pattern": [{"LOWER": {"IN": ["đã", "vừa"]}, "OP": "?"},
                 {"LOWER": {"IN": ["ban hành", "ra", "thông qua", "phê duyệt"]}}]}

A pattern is a list of spaCy token patterns (https://spacy.io/usage/rule-based-matching:
``LOWER``, ``ORTH``, ``TAG``, ``IS_PUNCT``, ``"_": {"word_start": true}``, ``IN``,
``NOT_IN``, ``OP`` with ``?``, ``*``, ``+``, ``!``, ``{n,m}``), matched on the syllables
of ``kg.text.syllables``. Two conveniences, since a Vietnamese word is several syllables:

- a string stands for its syllables, each matched in lower case: ``"ban hành"`` is
  ``{"LOWER": "ban"}, {"LOWER": "hành"}``, and ``"đ/c"`` is ``"đ"``, ``"/"``, ``"c"``, as
  the layer cuts it;
- the value of ``LOWER`` or ``ORTH``, or an entry of its ``IN`` list, may be several
  syllables: the pattern is then expanded into one spaCy pattern per choice, an optional
  item (``"OP": "?"``) into one with it and one without. Other operators take one
  syllable;
- ``{"LEXICON": "countries.tsv"}`` is any phrase of that word list of ``kg/lexicon`` (its
  first column), so that a pattern and the reference data it needs stay apart; with
  ``"KIND": "action"`` (or a list of kinds), only the rows of that kind (second column);
  with ``"ABBREVIATED": true``, each phrase also as written with the standard
  abbreviations of ``lexicon/abbreviations.tsv`` ("Ủy ban nhân dân" and "UBND").

White space other than a single space (a line break in a hard-wrapped text) may stand
between any two items. ``"max_words"`` bounds the words a line may match where ``*`` or
``+`` leave it open: a longer stretch is refused before the matcher runs (write ``*``
rather than ``{0,20}``, which spaCy unrolls into twenty optional tokens). ``"at": "start"``
makes ``search`` keep a line's matches only where they begin at the first word of the
stretch searched (punctuation and white space before it aside): "Tham dự có …" opening a
sentence. Lines with the same label are alternatives. ``#`` starts a comment
line. A pattern never matches an empty stretch of text.
"""
from __future__ import annotations

import itertools
import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Iterator
from importlib import resources

from ..errors import Errors, PipelineError

#: The most spaCy patterns one line may expand into.
MAX_EXPANSION = 2048
_PHRASE_KEYS = ("LOWER", "ORTH")
_SPACE = {"IS_SPACE": True, "OP": "*"}


@dataclass(frozen=True)
class Rule:
    """One line of a pattern file."""

    label: str
    pattern: tuple  # the line's pattern, as written
    example: str
    line: int
    max_words: int | None = None  # the most words a match may hold, where "*" or "+" leave it open
    at_start: bool = False  # a match must begin at the first word of the stretch searched


class PatternSet:
    """The patterns of one file, a spaCy ``Matcher`` per label."""

    def __init__(self, rules: list[Rule], name: str):
        from ..text.syllables import vocab
        from spacy.matcher import Matcher

        self.name = name
        self.rules = rules
        self._matchers: dict[tuple[str, bool], Matcher] = {}  # (label, at_start) -> matcher
        #: per label, the most words a match may hold (None: no bound), so that a stretch
        #: longer than that is refused without running the matcher over it
        self._longest: dict[str, int | None] = {}
        #: per label, the lower-case words a match may begin with (None: any), so that
        #: ``matches`` runs the matcher only where one of them stands
        self._first: dict[str, set[str] | None] = {}
        #: per line (its match key, "LABEL#LINE"), the "max_words" it was given
        self._bound: dict[str, int | None] = {}
        #: the (component, labels) whose hooks ``read`` has checked against this file
        self._checked: set[tuple[str, tuple[str, ...]]] = set()
        #: per label whose every line is a fixed phrase (or a choice of them), the phrases in
        #: a spaCy ``PhraseMatcher``: ``matches`` looks them up at once in the layer without
        #: its white space tokens, so the ``Matcher`` never runs for that label
        phrases: dict[str, list[tuple[str, list[list[str]]]] | None] = {}
        for rule in rules:
            try:
                expanded = _expand(rule, name)
                bounds = [rule.max_words or _most_words(p) for p in expanded]
                spaced = [_spaced(p) for p in expanded]
            except (TypeError, AttributeError, ValueError) as err:  # a malformed item
                raise PipelineError(Errors.E105.format(path=name, line=rule.line, reason=f"malformed: {err}")) from None
            firsts = self._first.setdefault(rule.label, set())
            for p in expanded:
                first = _first_words(p)
                if first is None or firsts is None:
                    self._first[rule.label] = firsts = None
                else:
                    firsts |= first
            known = self._longest.get(rule.label, 0)
            self._longest[rule.label] = None if known is None or None in bounds else max([known, *bounds])
            key = f"{rule.label}#{rule.line}"
            self._bound[key] = rule.max_words
            fixed = [_fixed_phrases(p) for p in expanded]
            if rule.at_start or None in fixed or phrases.get(rule.label, []) is None:
                phrases[rule.label] = None
            else:
                phrases.setdefault(rule.label, []).append((key, [q for f in fixed for q in f]))
            matcher = self._matchers.setdefault((rule.label, rule.at_start), Matcher(vocab()))
            try:
                matcher.add(key, spaced)
            except (ValueError, KeyError, TypeError) as err:  # spaCy's own pattern check
                raise PipelineError(Errors.E105.format(path=name, line=rule.line, reason=err)) from None

        self._phrases = {}
        for label, lines in phrases.items():
            if lines is None:
                continue
            from spacy.matcher import PhraseMatcher
            from ..text.syllables import make_layer

            self._phrases[label] = phrase_matcher = PhraseMatcher(vocab(), attr="LOWER")
            for key, fixed in lines:
                phrase_matcher.add(key, [make_layer(" ".join(p)) for p in fixed])

    def _allowed(self, layer, start: int, end: int, key: str) -> bool:
        """Whether tokens [start, end) of ``layer`` hold no more words than the line whose
        match key is ``key`` allows."""
        bound = self._bound.get(key)
        return bound is None or _words(layer, start, end) <= bound

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(sorted({label for label, _ in self._matchers}))

    def _matcher_list(self, label: str) -> list[tuple[bool, object]]:
        found = [(at_start, m) for (name, at_start), m in sorted(self._matchers.items(), key=lambda kv: kv[0])
                 if name == label]
        if not found:
            raise PipelineError(Errors.E105.format(
                path=self.name, line="-", reason=f"no pattern is labelled {label!r}"))
        return found

    def fullmatch(self, layer, begin: int, end: int, label: str) -> bool:
        """Whether a pattern of ``label`` covers the words of the normalised range
        [begin, end) of ``layer`` (a ``kg.text.syllables`` layer), white space at its ends
        aside."""
        from ..text.syllables import token_range

        i, j = token_range(layer, begin, end)
        while i < j and layer[i].is_space:
            i += 1
        while j > i and layer[j - 1].is_space:
            j -= 1
        if i == j:
            return False
        matchers, longest = self._matcher_list(label), self._longest[label]
        if longest is not None and _words(layer, i, j) > longest:
            return False
        strings = layer.vocab.strings
        return any(s == 0 and e == j - i and self._allowed(layer, i, j, strings[key])
                   for _, matcher in matchers for key, s, e in matcher(layer[i:j]))

    def opening(self, layer, begin: int, end: int, label: str) -> int | None:
        """Where the shortest match of ``label`` that begins at the first word of [begin, end)
        ends (a normalised offset), or None: the words that open a clause ("… | của Thành ủy
        về | việc …")."""
        from ..text.syllables import token_range

        i, j = token_range(layer, begin, end)
        while i < j and layer[i].is_space:
            i += 1
        strings = layer.vocab.strings
        ends = [e for _, matcher in self._matcher_list(label) for key, s, e in matcher(layer[i:j])
                if s == 0 and self._allowed(layer, i, i + e, strings[key])]
        if not ends:
            return None
        last = layer[i + min(ends) - 1]
        return last.idx + len(last)

    def matches(self, layer) -> list[tuple[str, int, int]]:
        """(label, begin, end) of the longest matches over the whole layer, in text order,
        overlapping ones of a label settled longest first (spaCy's ``filter_spans``);
        matches of two labels may overlap."""
        from spacy.tokens import Span
        from spacy.util import filter_spans

        by_label: dict[str, list] = {}
        for (label, _), matcher in sorted(self._matchers.items(), key=lambda kv: kv[0]):
            if label in self._phrases:
                # looked up in the layer without its white space tokens, so that a phrase
                # written over a line break or several spaces is found as well
                words, at = _without_space(layer)
                by_label.setdefault(label, []).extend(
                    span for s in self._phrases[label](words, as_spans=True)
                    if self._allowed(layer, (span := Span(layer, at[s.start], at[s.end - 1] + 1, s.label)).start,
                                     span.end, span.label_))
                continue
            for begin, end in self._windows(layer, label):
                by_label.setdefault(label, []).extend(
                    span for span in matcher(layer[begin:end], as_spans=True)
                    if self._allowed(layer, span.start, span.end, span.label_))
        kept = sorted((s for spans in by_label.values() for s in filter_spans(spans)),
                      key=lambda s: (s.start, s.label_))
        return [(s.label_.split("#")[0], s.start_char, s.end_char) for s in kept]

    def in_sentences(self, doc) -> Iterator["Found"]:
        """The matches over a document's token layer that lie inside one of its sentences,
        in text order, each with that sentence: what a component's hooks read."""
        starts = [b for b, _ in doc.norm_sentences]
        text = doc.norm.text
        sentence: dict[int, str] = {}  # each sentence's text, cut once
        for label, begin, end in self.matches(doc.syllables):
            k = bisect_right(starts, begin) - 1
            if k < 0 or end > doc.norm_sentences[k][1]:
                continue  # outside the sentences (boilerplate), or across a sentence's end
            base, stop = doc.norm_sentences[k]
            if k not in sentence:
                sentence[k] = text[base:stop]
            yield Found(label, begin - base, end - base, base, sentence[k])

    def read(self, doc, hooks, component: str, later: tuple[str, ...] = ()) -> list["Found"]:
        """The matches inside the sentences of ``doc`` in the order ``component`` reads
        them: sentence by sentence, within one in the order of ``hooks`` (a mapping from
        label to the function that reads its matches), then by where they begin; the
        labels of ``later`` after every sentence's, in that order. The hooks are checked
        against the file (``check_hooks``) the first time."""
        if (component, tuple(hooks)) not in self._checked:
            self.check_hooks(hooks, component)
            self._checked.add((component, tuple(hooks)))
        order = {label: n for n, label in enumerate(hooks)}
        deferred = {label: n + 1 for n, label in enumerate(later)}
        return sorted(self.in_sentences(doc), key=lambda f: (deferred.get(f.label, 0), f.base, order[f.label], f.begin))

    def check_hooks(self, hooks, component: str) -> None:
        """Raise E105 unless every label of the file has one of ``hooks`` (a mapping from
        label to the function that reads its matches) and every hook a label."""
        for label in set(self.labels) - set(hooks):
            line = next(r.line for r in self.rules if r.label == label)
            raise PipelineError(Errors.E105.format(
                path=self.name, line=line, reason=f"component {component!r} has no hook for label {label!r} "
                                                  f"(it has: {', '.join(sorted(hooks))})"))
        for label in set(hooks) - set(self.labels):
            raise PipelineError(Errors.E105.format(
                path=self.name, line="-", reason=f"no pattern is labelled {label!r}, "
                                                 f"which component {component!r} reads"))


    def _windows(self, layer, label: str) -> list[tuple[int, int]]:
        """Token ranges of ``layer`` that hold every match of ``label``: the whole layer, or,
        when the label's patterns begin with known words and are bounded, a window from each
        token that is one of those words (merged where they overlap)."""
        first, longest = self._first.get(label), self._longest.get(label)
        if first is None or longest is None:
            return [(0, len(layer))]
        counts, where = _word_counts(layer), _positions(layer)
        windows: list[tuple[int, int]] = []
        # a first token's regular expression, tried on each lower-case token without regard
        # to case: every token it matches as written is among those (the Matcher decides)
        regexes = [re.compile(w[len(REGEX):], re.IGNORECASE) for w in first if w.startswith(REGEX)]
        starts = sorted({i for w in first for i in where.get(w, ())}
                        | ({i for w, found in where.items() if w.isdigit() for i in found} if DIGIT in first else set())
                        | ({i for w, found in where.items() if any(r.search(w) for r in regexes)
                            for i in found} if regexes else set()))
        for i in starts:
            # the first token j at which [i, j) holds ``longest`` words, or the layer's end
            j = min(len(layer), bisect_left(counts, counts[i] + longest))
            if windows and i <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], j))
            else:
                windows.append((i, j))
        return windows

    def search(self, layer, begin: int, end: int, label: str) -> list[tuple[int, int]]:
        """The normalised ranges in [begin, end) that a pattern of ``label`` matches,
        longest first where they overlap, in text order."""
        from ..text.syllables import token_range
        from spacy.util import filter_spans

        i, j = token_range(layer, begin, end)
        if i == j:
            return []
        first = i
        while first < j and (layer[first].is_space or layer[first].is_punct):
            first += 1
        spans = []
        for at_start, matcher in self._matcher_list(label):
            found = matcher(layer[i:j], as_spans=True)
            spans += [s for s in found if (not at_start or s.start == first)
                      and self._allowed(layer, s.start, s.end, s.label_)]
        return [(s.start_char, s.end_char) for s in sorted(filter_spans(spans), key=lambda s: s.start)]


@dataclass(frozen=True)
class Found:
    """A match inside a sentence: ``begin`` and ``end`` are offsets into ``text``, the
    sentence, which begins at normalised offset ``base``."""

    label: str
    begin: int
    end: int
    base: int
    text: str

    @property
    def written(self) -> str:
        """The words matched, white space folded."""
        return " ".join(self.text[self.begin:self.end].split())

@cache
def patterns(name: str) -> PatternSet:
    """The pattern file ``name`` (``kg/patterns/NAME.jsonl``), compiled."""
    text = resources.files(__package__).joinpath(f"{name}.jsonl").read_text(encoding="utf-8")
    return PatternSet(read_rules(text, f"{name}.jsonl"), f"{name}.jsonl")


def read_rules(text: str, name: str) -> list[Rule]:
    """The rules of a pattern file's text; a bad line raises ``PipelineError`` E105."""
    rules = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            raise PipelineError(Errors.E105.format(path=name, line=number, reason=f"not JSON: {err.msg}")) from None
        if not isinstance(obj, dict) or not isinstance(obj.get("label"), str) \
                or not isinstance(obj.get("pattern"), list) or not obj["pattern"]:
            raise PipelineError(Errors.E105.format(
                path=name, line=number, reason='needs "label" (a string) and "pattern" (a non-empty list)'))
        bound = obj.get("max_words")
        if bound is not None and (not isinstance(bound, int) or bound < 1):
            raise PipelineError(Errors.E105.format(path=name, line=number, reason='"max_words" is a positive integer'))
        at = obj.get("at")
        if at not in (None, "start"):
            raise PipelineError(Errors.E105.format(path=name, line=number, reason='"at" is "start" or absent'))
        rules.append(Rule(obj["label"], tuple(obj["pattern"]), obj.get("example", ""), number, bound, at == "start"))
    return rules


def _expand(rule: Rule, name: str) -> list[list[dict]]:
    """The spaCy patterns a rule stands for (see the module's docstring)."""
    choices = [_item_choices(item, rule, name) for item in rule.pattern]
    count = 1
    for c in choices:
        count *= len(c)
    if count > MAX_EXPANSION:
        raise PipelineError(Errors.E105.format(
            path=name, line=rule.line, reason=f"expands into {count} patterns, more than {MAX_EXPANSION}"))
    out = []
    for combo in itertools.product(*choices):
        tokens = [t for seq in combo for t in seq]
        if not tokens or all(t.get("OP") in ("?", "*") or str(t.get("OP", "")).startswith(("{0", "{,"))
                             for t in tokens):
            raise PipelineError(Errors.E105.format(
                path=name, line=rule.line, reason="a pattern must match at least one word"))
        if tokens not in out:
            out.append(tokens)
    return out


def _item_choices(item, rule: Rule, name: str) -> list[list[dict]]:
    """The token sequences one item of a pattern may be."""
    if isinstance(item, str):
        if not item.split():
            raise PipelineError(Errors.E105.format(path=name, line=rule.line, reason="an empty string item"))
        return [[{"LOWER": s} for s in _syllables(item.lower())]]
    if not isinstance(item, dict):
        raise PipelineError(Errors.E105.format(
            path=name, line=rule.line, reason=f"an item is a string or an object, not {item!r}"))
    if "LEXICON" in item:  # {"LEXICON": "countries.tsv"}: any phrase of a word list
        from ..lexicon import word_list

        lexicon = item["LEXICON"]
        if not isinstance(lexicon, str) or not re.fullmatch(r"[\w-]+\.tsv", lexicon):
            raise PipelineError(Errors.E105.format(
                path=name, line=rule.line, reason=f"LEXICON names a .tsv file of kg/lexicon, not {lexicon!r}"))
        kinds = item.get("KIND", [None])
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not isinstance(kinds, list) or not kinds or not all(isinstance(k, str) or k is None for k in kinds):
            raise PipelineError(Errors.E105.format(
                path=name, line=rule.line, reason=f"KIND is a kind of the word list or a list of kinds, not {kinds!r}"))
        try:
            phrases = sorted({p for kind in kinds for p in word_list(lexicon, kind)})
        except (FileNotFoundError, OSError):
            raise PipelineError(Errors.E105.format(
                path=name, line=rule.line, reason=f"no word list {item['LEXICON']!r} in kg/lexicon")) from None
        if not phrases:
            raise PipelineError(Errors.E105.format(
                path=name, line=rule.line, reason=f"no phrase of {lexicon} is of kind {', '.join(map(str, kinds))}"))
        abbreviated = item.get("ABBREVIATED", False)
        if not isinstance(abbreviated, bool):
            raise PipelineError(Errors.E105.format(
                path=name, line=rule.line, reason=f"ABBREVIATED is true or false, not {abbreviated!r}"))
        if abbreviated:  # also as written with the standard abbreviations ("UBND")
            from ..lexicon import written_forms

            phrases = sorted({f for p in phrases for f in written_forms(p)})
        rest = {k: v for k, v in item.items() if k not in ("LEXICON", "KIND", "ABBREVIATED")}
        return _item_choices({"LOWER": {"IN": phrases}, **rest}, rule, name)
    key = next((k for k in _PHRASE_KEYS if k in item), None)
    if key is None:
        return [[dict(item)]]
    value, op = item[key], item.get("OP")
    rest = {k: v for k, v in item.items() if k not in (key, "OP")}
    lower = str.lower if key == "LOWER" else str
    if isinstance(value, str):
        phrases = [value]
    elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
        phrases = list(value["IN"])
    else:
        return [[dict(item)]]
    single = [lower(p) for p in phrases if len(_syllables(p)) == 1]
    multi = [p for p in phrases if len(_syllables(p)) > 1]
    if not multi:  # one token, its value in lower case where LOWER is asked
        value = single[0] if isinstance(value, str) else {"IN": single}
        return [[{key: value, **({"OP": op} if op is not None else {}), **rest}]]
    if op not in (None, "?"):
        raise PipelineError(Errors.E105.format(
            path=name, line=rule.line, reason=f"operator {op!r} on several syllables ({multi[0]!r}); "
                                              "only '?' may be"))
    out: list[list[dict]] = []
    if single:
        out.append([{key: {"IN": single} if len(single) > 1 else single[0], **rest}])
    for p in multi:
        out.append([{key: lower(s), **rest} for s in _syllables(p)])
    if op == "?":
        out.append([])
    return out


def _syllables(phrase: str) -> list[str]:
    """The tokens of the layer a phrase is written in: "đ/c" is "đ", "/", "c"."""
    from ..text.syllables import pieces

    return pieces(phrase)


def _most_words(tokens: list[dict]) -> int | None:
    """The most tokens a pattern matches, white space aside (None: no bound)."""
    total = 0
    for t in tokens:
        op = str(t.get("OP", "1"))
        if op in ("*", "+") or op.endswith(",}"):
            return None
        if op.startswith("{"):
            total += int(op.strip("{}").split(",")[-1])
        else:  # one token, "!" too (a token that must not match is still one)
            total += 1
    return total


def _words(layer, start: int, end: int) -> int:
    """How many tokens of layer[start:end] are not white space (a running count kept on
    the layer, so that each question costs a subtraction)."""
    counts = _word_counts(layer)
    return counts[end] - counts[start]


def _fixed_phrases(tokens: list[dict]) -> list[list[str]] | None:
    """The fixed phrases (lists of lower-case syllables) a pattern stands for, when each of
    its tokens is one lower-case syllable or a choice of them (``ORTH`` too, for a token that
    has no case: ``"."``), perhaps optional; otherwise None."""
    choices = []
    for t in tokens:
        key = next((k for k in _PHRASE_KEYS if k in t), None)
        if key is None or set(t) - {key, "OP"} or t.get("OP") not in (None, "?"):
            return None
        value = t[key]
        words = [value] if isinstance(value, str) else \
            value["IN"] if isinstance(value, dict) and set(value) == {"IN"} else None
        if not words or not all(isinstance(v, str) and (key == "LOWER" or v.lower() == v.upper()) for v in words):
            return None
        choices.append([[v] for v in words] + ([[]] if t.get("OP") == "?" else []))
    count = 1
    for c in choices:
        count *= len(c)
    if count > MAX_EXPANSION:
        return None
    return [phrase for p in itertools.product(*choices) if (phrase := [w for part in p for w in part])]


def _word_counts(layer) -> list[int]:
    """counts[k]: how many of the first k tokens of the layer are not white space."""
    counts = layer.user_data.get("kg_words")
    if counts is None:
        from spacy.attrs import IS_SPACE

        spaces = layer.to_array(IS_SPACE).tolist() if len(layer) else []
        counts = layer.user_data["kg_words"] = [0, *itertools.accumulate(1 - s for s in spaces)]
    return counts


def _without_space(layer):
    """The layer without its white space tokens, as a spaCy ``Doc`` of the same vocabulary,
    and where each of its tokens stands in the layer; computed once per layer."""
    found = layer.user_data.get("kg_words_only")
    if found is None:
        from spacy.attrs import IS_SPACE
        from spacy.tokens import Doc

        at = [i for i, space in enumerate(layer.to_array(IS_SPACE).tolist() if len(layer) else []) if not space]
        found = layer.user_data["kg_words_only"] = (Doc(layer.vocab, words=[layer[i].text for i in at]), at)
    return found


def _positions(layer) -> dict[str, list[int]]:
    """Where each lower-case token stands in the layer, computed once per layer."""
    where = layer.user_data.get("kg_lower_at")
    if where is None:
        from spacy.attrs import LOWER

        where = {}
        strings = layer.vocab.strings
        for i, h in enumerate(layer.to_array(LOWER).tolist() if len(layer) else []):
            where.setdefault(strings[h], []).append(i)
        layer.user_data["kg_lower_at"] = where
    return where


#: In a set of first words, a digit: a pattern that begins with ``"IS_DIGIT": true``;
#: and a regular expression its first token's text must match (``"TEXT": {"REGEX": …}``).
DIGIT = "<digit>"
REGEX = "<regex>"


def _first_words(tokens: list[dict]) -> set[str] | None:
    """The lower-case words the first token of a pattern may be (None: not a fixed set);
    ``DIGIT`` stands for any number. Other keys of that token only narrow what it matches,
    so they do not widen the set; an optional first token adds the words of the next."""
    if not tokens:
        return None
    first = tokens[0]
    op = first.get("OP")
    if op not in (None, "+", "?"):
        return None
    words = None
    for key, fold_case in (("LOWER", False), ("ORTH", True)):
        value = first.get(key)
        if isinstance(value, str):
            words = {value.lower() if fold_case else value}
        elif isinstance(value, dict) and set(value) == {"IN"}:
            words = {v.lower() if fold_case else v for v in value["IN"]}
        if words is not None:
            break
    if words is None and first.get("IS_DIGIT") is True:
        words = {DIGIT}
    regex = first.get("TEXT", {}).get("REGEX") if isinstance(first.get("TEXT"), dict) else None
    if words is None and isinstance(regex, str) and set(first) <= {"TEXT", "OP"}:
        words = {REGEX + regex}
    if words is None or op != "?":
        return words
    rest = _first_words(tokens[1:])
    return None if rest is None else words | rest


def _spaced(tokens: list[dict]) -> list[dict]:
    """A pattern that lets white space tokens stand between its items."""
    out = []
    for k, t in enumerate(tokens):
        if k:
            out.append(dict(_SPACE))
        out.append(t)
    return out
