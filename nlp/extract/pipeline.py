"""``make_nlp``: spaCy's blank English with our tokenizer tweaks, sentences and patterns.

No trained model is needed: a sentence splitter (full stops and line breaks), a matcher of figure
shapes (``data/figure_patterns.jsonl``) and a span ruler of index names
(``data/indices.json``). The spans land in ``doc.spans["figures"]`` and
``doc.spans["indices"]``; ``claims.py`` turns them into claims.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

FIGURES, INDICES = "figures", "indices"
_TEXT = "rallyscope_text"


def doc_text(doc: Doc) -> str:
    """The text a doc was made from; ``Doc.text`` rebuilds it token by token each time."""
    text = doc.user_data.get(_TEXT)
    return text if isinstance(text, str) else doc.text


class _TextKeepingTokenizer:
    """The tokenizer, also keeping the input text on the doc for ``doc_text``."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[_TEXT] = text
        return doc


def _data(name: str) -> str:
    return resources.files("nlp").joinpath("data", name).read_text(encoding="utf-8")


_SENTENCE_END = {".", "!", "?", "…", "。", "x.", "X.", "×."}  # "… large caps are at 21x."
_TRAILING = {".", "!", "?", "…", "\"", "”", "’", "'", ")", "]"}


@Language.component("sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence starts: after a full stop, question or exclamation mark (and the quotes or
    brackets that close with it, written straight after it: in '…told reporters. "One
    or two cuts…' the quote opens the next sentence), and after every line break, since
    headings and list items end without a full stop. Works on attribute arrays: touching
    each ``Token`` object costs more than the matchers do.
    """
    if not len(doc):
        return doc
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, IDX, LENGTH, IS_SPACE])
    orth, starts, ends = rows[:, 0], rows[:, 1], rows[:, 1] + rows[:, 2]
    glued = numpy.append(False, (starts[1:] == ends[:-1]) & (rows[:-1, 3] == 0))
    ending = numpy.isin(orth, [strings.add(w) for w in _SENTENCE_END])
    trailing = numpy.isin(orth, [strings.add(w) for w in _TRAILING])
    breaks = numpy.fromiter((m.start() for m in re.finditer("\n", doc_text(doc))), dtype="int64")
    if len(breaks):  # a line break inside a token (a space token) or right after it
        after = numpy.append(starts[1:], numpy.iinfo("int64").max)
        first = numpy.searchsorted(breaks, starts)
        has_break = first < len(breaks)
        ending |= has_break & (breaks[numpy.minimum(first, len(breaks) - 1)] < after)
    flags = numpy.full((len(doc), 1), -1, dtype="int64")
    flags[0, 0] = 1
    for end in numpy.flatnonzero(ending).tolist():
        nxt = end + 1
        while nxt < len(doc) and trailing[nxt] and glued[nxt]:
            nxt += 1  # closing quotes stay with their sentence
        if nxt < len(doc):
            flags[nxt, 0] = 1
    doc.from_array([SENT_START], flags.astype("uint64"))  # type: ignore[arg-type]
    return doc


# a sentence can hold a figure only if it has a digit or one of these words
# (the first digit of a number that is not part of an index's name: "Russell 2000")
_FIGURE_CUE = re.compile(r"(?<![\w.,])(?<!Russell )(?<!S&P )(?<!SmallCap )(?<!MidCap )"
                         r"(?<!Nasdaq )(?<!Nasdaq-)\d|\b(?:one|two|three|four|five|six|seven|"
                         r"eight|nine|ten|twelve|quarter|half|full|doubled|tripled|quadrupled|"
                         r"halved)\b", re.IGNORECASE)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token indices of each sentence, read as one array (no Token objects)."""
    if not len(doc):
        return []
    starts = [i for i, flag in enumerate(doc.to_array(SENT_START).tolist()) if flag == 1]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return list(zip(starts, [*starts[1:], len(doc)], strict=True))


class FigureFinder:
    """Figure-shape token patterns (``data/figure_patterns.jsonl``) run by a ``Matcher``
    over the sentences that can hold a figure; spans go to ``doc.spans["figures"]``.

    Skipping the sentences with no digit and no number word is what keeps the matcher
    (the costliest step) near the speed of the tokenizer on ordinary commentary.
    """

    def __init__(self, nlp: Language, patterns: list[dict[str, Any]]) -> None:
        self.matcher = Matcher(nlp.vocab, validate=True)
        by_label: dict[str, list[list[dict[str, Any]]]] = {}
        for pattern in patterns:
            by_label.setdefault(pattern["label"], []).append(pattern["pattern"])
        for label, token_patterns in by_label.items():
            self.matcher.add(label, token_patterns)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        starts = doc.to_array(IDX).tolist()
        spans = []
        for start, end in sentence_bounds(doc):
            stop = starts[end] if end < len(doc) else len(text)
            if not _FIGURE_CUE.search(text, starts[start], stop):
                continue
            for label, first, last in self.matcher(doc[start:end]):
                spans.append(Span(doc, start + first, start + last, label=label))
        doc.spans[FIGURES] = spans
        return doc


@Language.factory("figure_finder")
def make_figure_finder(nlp: Language, name: str) -> FigureFinder:
    return FigureFinder(nlp, figure_patterns())


def figure_patterns() -> list[dict[str, Any]]:
    """The figure-shape patterns, with the numeric-token regex filled in."""
    patterns = [json.loads(line) for line in _data("figure_patterns.jsonl").splitlines()
                if line.strip() and not line.startswith("//")]
    for pattern in patterns:
        for token in pattern["pattern"]:
            if token.get("TEXT") == "NUMBER":  # digits: parse_number refuses the odd ones
                del token["TEXT"]
                token.update({"LIKE_NUM": True, "IS_ALPHA": False})
    return patterns


def index_patterns() -> list[dict[str, Any]]:
    aliases: dict[str, list[str]] = json.loads(_data("indices.json"))
    return [{"label": subject, "pattern": alias}
            for subject, names in aliases.items() for alias in names]


def _tune_tokenizer(nlp: Language) -> None:
    """Split the marks that glue to figures: "~28×", "4.25%-4.5%", "7%—compared"."""
    defaults = nlp.Defaults
    prefixes = [r"~", r"≈", r"≥", r"≤", *(defaults.prefixes or ())]
    suffixes = [r"(?<=[0-9])[xX×]", r"×", r"(?<=[0-9])bps?", r"(?<=[0-9][xX×%])[.,;:]",
                *(defaults.suffixes or ())]
    infixes = [r"[—–]", r"(?<=[0-9])%(?=[-–—/])", r"(?<=%)[-–/](?=[~0-9])",
               r"(?<=[0-9])[xX×](?=[—–-])", *(defaults.infixes or ())]
    tokenizer: Any = nlp.tokenizer
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _blank_with_sentences() -> Language:
    nlp = spacy.blank("en")
    _tune_tokenizer(nlp)
    nlp.tokenizer = _TextKeepingTokenizer(nlp.tokenizer)
    nlp.add_pipe("sentences")
    return nlp


@lru_cache(maxsize=1)
def make_sentence_splitter() -> Language:
    """The tokenizer and sentence splitter of ``make_nlp``, without the figure matchers."""
    return _blank_with_sentences()


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    """The extraction pipeline (built once per process; it holds no per-document state)."""
    nlp = _blank_with_sentences()
    nlp.add_pipe("figure_finder")
    indices = nlp.add_pipe("span_ruler", name="index_ruler",
                           config={"spans_key": INDICES, "validate": True,
                                   "phrase_matcher_attr": "LOWER"})
    indices.add_patterns(index_patterns())  # type: ignore[attr-defined]
    return nlp
