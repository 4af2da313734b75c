"""The words around a figure that decide what it is: clause, sign, subject, hedges.

A figure's clause runs from the previous to the next clause break (";", a dash,
"while", "but", "compared with", "versus" …) inside its sentence. Word lists are
lower-case; every function here is pure over spaCy tokens and spans.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.attrs import IDX, LENGTH, LOWER
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .numbers import parse_number
from .pipeline import INDICES, doc_text, sentence_bounds

UP_WORDS = {
    "rose", "rise", "rises", "rising", "risen", "gained", "gain", "gains", "gaining", "climbed",
    "climb", "climbs", "climbing", "jumped", "jump", "jumps", "added", "adding", "adds",
    "rallied", "rally", "rallies", "rallying", "up", "higher", "advanced", "advance", "advances",
    "advancing", "surged", "surge", "surges", "soared", "soar", "increased", "increase",
    "rebounded", "rebound", "bounce", "bounced", "grew", "grow", "growth", "jumping", "popped",
    "pop", "ticked", "firmed", "outperformed", "outpaced", "lifted", "boosted",
    "spiked", "leapt", "leaped", "upside", "returned", "return", "returns", "runup", "run-up",
    "rips", "soars", "rebounds", "spikes", "pops",
}
DOWN_WORDS = {
    "fell", "fall", "falls", "falling", "fallen", "slid", "slide", "slides", "sliding", "dropped",
    "drop", "drops", "dropping", "lost", "lose", "loses", "losing", "loss", "declined",
    "decline", "declines", "declining", "eased", "ease", "eases", "easing", "down", "lower",
    "slipped", "slip", "slips", "tumbled", "tumble", "sank", "sink", "sinks", "retreated",
    "retreat", "shed", "sheds", "dragging", "dragged", "plunged", "plunge", "slumped", "slump",
    "skidded", "dipped", "dip", "dips", "weaker", "sell-off", "selloff", "correction",
    "underperformed", "lagged", "trailed", "shrank", "contracted", "off", "pullback",
    "drawdown", "tumbling", "plunging", "tumbles", "plunges", "slumps",
    "retreats", "skids", "knock", "knocks", "wipe", "wiped", "erase", "erased", "erasing",
    "shy", "short",
}
RELATIVE_WORDS = {"outperformed", "underperformed", "outpaced", "lagged", "trailed",
                  "outperform", "underperform", "outperforming", "underperforming", "beat",
                  "beating", "lagging", "trailing", "outperformance", "underperformance", "gap",
                  "spread", "ahead"}
APPROX_BEFORE = {"about", "around", "roughly", "nearly", "almost", "approximately", "some",
                 "~", "≈", "over", "under", "near", "≥", "≤", "circa", "upwards", "approx",
                 "close", "just", "more", "less", "least", "most", "above", "below"}
APPROX_PHRASES = ("more than", "less than", "just over", "just under", "close to", "at least",
                  "at most", "upwards of", "north of", "south of", "as much as", "as many as",
                  "in the neighborhood of", "or so")
FUTURE_WORDS = {
    "expect", "expects", "expected", "expecting", "expectation", "expectations", "forecast",
    "forecasts", "forecasting", "forecasted", "projected", "projects", "projection", "estimate",
    "estimates", "estimated", "could", "would", "will", "may", "might", "should", "likely",
    "target", "targets", "outlook", "next", "coming", "pricing", "priced", "odds", "chance",
    "chances", "probability", "implied", "implies", "implying", "predict", "predicts",
    "anticipate", "anticipates", "anticipated", "see", "sees", "bets", "bet", "pencil",
    "penciled", "consensus", "guidance", "upcoming", "deliver", "hopes", "scenario",
    "base-case", "eyeing", "envision", "envisions", "calls", "project", "predicting",
    "'d", "’d", "surprised", "if", "projecting", "targeting", "assume",
    "assumes", "assuming",
}
CLAUSE_BREAKS = {";", "—", "–", "while", "whereas", "but", "versus", "vs", "vs.", "compared",
                 "although", "though", "against", "|"}
LEVEL_WORDS = {"closed", "close", "closing", "at", "to", "near", "hit", "hits", "record",
               "level", "levels", "reached", "reach", "reaching", "above", "below", "from",
               "ended", "finished", "settled", "topped", "peak", "high", "low", "around",
               "touched", "of", "stood", "stands", "traded", "trading", "trades", "mark",
               "intraday", "target", "is", "was", "sits"}


@dataclass(frozen=True, slots=True)
class Mention:
    """An index or segment named in the text: canonical id and the words used."""

    subject: str
    text: str
    start: int  # token index in the doc
    end: int


class DocIndex:
    """Per-document lookups computed once: lower-cased tokens and sentence of each token.

    Figures read their context through it; walking spaCy ``Span`` objects token by token
    for every figure costs more than the rest of the extraction together.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.doc_text = doc_text(doc)
        rows = doc.to_array([LOWER, IDX, LENGTH]).tolist()  # no Token objects: they are slow
        strings = doc.vocab.strings
        self.lower = [strings[row[0]] for row in rows]
        self.start_char = [row[1] for row in rows]
        self.end_char = [row[1] + row[2] for row in rows]
        self.sents = [doc[start:end] for start, end in sentence_bounds(doc)]
        self.sent_of = [0] * len(doc)
        for k, sent in enumerate(self.sents):
            self.sent_of[sent.start:sent.end] = [k] * (sent.end - sent.start)
        self._sent_words: dict[int, set[str]] = {}
        self._sent_text: dict[int, str] = {}

    def text(self, lo: int, hi: int) -> str:
        """The text of tokens [lo, hi), spacing as in the document."""
        return self.doc_text[self.start_char[lo]:self.end_char[hi - 1]] if hi > lo else ""

    def sentence_text(self, k: int) -> str:
        if k not in self._sent_text:
            sent = self.sents[k]
            self._sent_text[k] = self.doc_text[sent.start_char:sent.end_char]
        return self._sent_text[k]

    def sentence_words(self, k: int) -> set[str]:
        if k not in self._sent_words:
            sent = self.sents[k]
            self._sent_words[k] = set(self.lower[sent.start:sent.end])
        return self._sent_words[k]


def clause_bounds(lower: list[str], sent: Span, start: int, end: int) -> tuple[int, int]:
    """Token indices [lo, hi) of the clause around tokens ``start``..``end`` in ``sent``."""
    lo = sent.start
    for i in range(start - 1, sent.start - 1, -1):
        if lower[i] in CLAUSE_BREAKS:
            lo = i + 1
            break
    hi = sent.end
    for i in range(end, sent.end):
        if lower[i] in CLAUSE_BREAKS:
            hi = i
            break
    return lo, hi


def sign_of(lower: list[str], start: int, end: int, lo: int, hi: int) -> int | None:
    """+1 or -1 from the nearest move word before the figure (or a noun just after it)."""
    for word in lower[end:min(hi, end + 2)]:
        if word in DOWN_WORDS:
            return -1
        if word in UP_WORDS:
            return 1
    for i in range(start - 1, max(lo, start - 9) - 1, -1):
        word = lower[i]
        if word in DOWN_WORDS:
            return -1
        if word in UP_WORDS:
            return 1
    return None


def is_approximate(lower: list[str], start: int) -> bool:
    before = " ".join(lower[max(0, start - 4):start])
    if any(before.endswith(phrase) for phrase in APPROX_PHRASES):
        return True
    if start > 0 and lower[start - 1] in APPROX_BEFORE - {"just", "more", "less", "most",
                                                          "least", "close"}:
        return True
    return start > 1 and lower[start - 2] == "just" and lower[start - 1] in {
        "over", "under", "above", "below", "shy"}


INDEX_SUBJECTS = {"russell_2000", "russell_1000", "russell_3000", "russell_midcap", "sp500",
                  "sp600", "sp400", "nasdaq_composite", "nasdaq_100", "dow_jones"}
NOT_INDEX_AFTER = {"investments", "investment", "company", "reconstitution", "rebalance"}


def find_mentions(doc: Doc) -> list[Mention]:
    spans = [s for s in filter_spans(list(doc.spans[INDICES]))
             if not (s.end < len(doc) and doc[s.end].lower_ in NOT_INDEX_AFTER)]
    return [Mention(s.label_, s.text, s.start, s.end) for s in spans]


def main_subject(mentions: list[Mention]) -> str | None:
    """The index an article is mostly about: what "the index" refers to. The most named,
    with a head start for the first one named and for the Russell 2000 on a tie."""
    named = [m.subject for m in mentions if m.subject in INDEX_SUBJECTS]
    if not named:
        return None
    score = {subject: float(count) for subject, count in Counter(named).items()}
    score[named[0]] += 1
    if "russell_2000" in score:
        score["russell_2000"] += 0.5
    return max(sorted(score), key=score.__getitem__)


_FUTURE_PHRASE = re.compile(r"\b(?:by|before) the end of|\bnext (?:year|month|quarter|week)|"
                            r"\bover the (?:next|coming)|\bin the coming\b")


class Figure:
    """One figure span with its sentence, clause and the words of each."""

    def __init__(self, span: Span, index: DocIndex, mentions: list[Mention],
                 article_main: str | None, previous_end: int | None = None) -> None:
        self.span = span
        self.index = index
        self.article_main = article_main
        self.previous_end = previous_end  # where the sentence's previous figure ended
        self.sent_id = index.sent_of[span.start]
        self.sent = index.sents[self.sent_id]
        lower = index.lower
        self.lo, self.hi = clause_bounds(lower, self.sent, span.start, span.end)
        self.clause = lower[self.lo:self.hi]
        self.clause_set = set(self.clause)
        self.clause_text = index.text(self.lo, self.hi).lower()
        self.sentence_text = index.sentence_text(self.sent_id)
        self.sentence_words = index.sentence_words(self.sent_id)
        self.left = lower[max(self.lo, span.start - 6):span.start]
        self.right = lower[span.end:min(self.hi, span.end + 4)]
        self.mentions = [m for m in mentions if self.sent.start <= m.start < self.sent.end]
        self._forward: bool | None = None
        self._subject: dict[bool, Mention | None] = {}

    def has(self, vocabulary: set[str], *, sentence: bool = False) -> bool:
        return bool(vocabulary & (self.sentence_words if sentence else self.clause_set))

    def near(self, vocabulary: set[str], before: int = 6, after: int = 3) -> bool:
        """A word of ``vocabulary`` within a few tokens of the figure, inside its clause."""
        lower, span = self.index.lower, self.span
        window = lower[max(self.lo, span.start - before):span.start] + \
            lower[span.end:min(self.hi, span.end + after)]
        return not vocabulary.isdisjoint(window)

    def own_sign(self) -> int | None:
        """The sign from move words between the previous figure and this one."""
        lo = max(self.lo, self.previous_end or self.lo)
        return sign_of(self.index.lower, self.span.start, self.span.end, lo, self.hi)

    def sign(self) -> int | None:
        """The sign from move words around the figure in its clause."""
        return sign_of(self.index.lower, self.span.start, self.span.end, self.lo, self.hi)

    def explicit_sign(self) -> bool:
        """The number carries its own sign ("+6.1%", "−0.2%")."""
        return self.span[0].text[:1] in "+-−–" or (
            len(self.span) > 1 and self.span[0].text in "+-−" and self.span[1].like_num)

    def numbers(self) -> list[float]:
        values = []
        for token in self.span:
            try:
                values.append(parse_number(token.text))
            except ValueError:
                continue
        return values

    def forward(self) -> bool:
        if self._forward is None:
            self._forward = self.has(FUTURE_WORDS) or bool(_FUTURE_PHRASE.search(self.clause_text))
        return self._forward

    def subject(self, *, fallback: bool = True) -> Mention | None:
        """The index the figure is about: named just after it ("~7.8% for the S&P 500"),
        else the nearest before it in its clause, then its sentence, else after it."""
        if fallback not in self._subject:
            self._subject[fallback] = self._find_subject(fallback)
        return self._subject[fallback]

    def _find_subject(self, fallback: bool) -> Mention | None:
        span = self.span
        for m in self.mentions:
            between = self.index.lower[span.end:m.start]
            if (0 < m.start - span.end <= 4 and between[0] in {"for", "in", "of", "on", "by"}
                    and set(between) <= {"for", "in", "of", "on", "the", "’s", "'s", "by"}):
                return m
        before = [m for m in self.mentions if m.end <= span.start]
        in_clause = [m for m in before if m.start >= self.lo]
        if in_clause:
            return in_clause[-1]
        lead = self.index.text(self.lo, span.start).lower()
        if self.article_main and re.search(r"\bthe (?:index|benchmark|gauge)\b", lead):
            return Mention(self.article_main, "the index", -1, -1)
        after = [m for m in self.mentions if m.start >= span.end and m.start < self.hi]
        if after:
            return after[0]
        if before:
            return before[-1]
        if fallback and self.article_main and re.search(
                r"\b(?:the|its) (?:index|benchmark|gauge)\b|^(?:it|its)\b",
                self.sentence_text.lower()):
            return Mention(self.article_main, "the index", -1, -1)
        return None


