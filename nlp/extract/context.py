"""The words around a figure that decide what it is: clause, sign, subject, hedges.

A figure's clause runs from the previous to the next clause break (";", a dash,
"while", "but", "compared with", "versus" …) inside its sentence. Word lists are
lower-case; every function here is pure over spaCy tokens and spans.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

UP_WORDS = {
    "rose", "rise", "rises", "rising", "risen", "gained", "gain", "gains", "gaining", "climbed",
    "climb", "climbs", "climbing", "jumped", "jump", "jumps", "added", "adding", "adds",
    "rallied", "rally", "rallies", "rallying", "up", "higher", "advanced", "advance", "advances",
    "advancing", "surged", "surge", "surges", "soared", "soar", "increased", "increase",
    "rebounded", "rebound", "bounce", "bounced", "grew", "grow", "growth", "jumping", "popped",
    "pop", "ticked", "firmed", "outperformed", "outpaced", "lifted", "boosted",
    "spiked", "leapt", "leaped", "upside", "returned", "return", "returns", "runup", "run-up",
}
DOWN_WORDS = {
    "fell", "fall", "falls", "falling", "fallen", "slid", "slide", "slides", "sliding", "dropped",
    "drop", "drops", "dropping", "lost", "lose", "loses", "losing", "loss", "declined",
    "decline", "declines", "declining", "eased", "ease", "eases", "easing", "down", "lower",
    "slipped", "slip", "slips", "tumbled", "tumble", "sank", "sink", "sinks", "retreated",
    "retreat", "shed", "sheds", "dragging", "dragged", "plunged", "plunge", "slumped", "slump",
    "skidded", "dipped", "dip", "dips", "weaker", "sell-off", "selloff", "correction",
    "underperformed", "lagged", "trailed", "shrank", "contracted", "off", "pullback",
    "drawdown", "tumbling", "plunging",
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
}
CLAUSE_BREAKS = {";", "—", "–", "while", "whereas", "but", "versus", "vs", "vs.", "compared",
                 "although", "though", "meanwhile", "against", "|"}
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


def clause_bounds(sent: Span, start: int, end: int) -> tuple[int, int]:
    """Token indices [lo, hi) of the clause around tokens ``start``..``end`` in ``sent``."""
    lo = sent.start
    for i in range(start - 1, sent.start - 1, -1):
        if sent.doc[i].lower_ in CLAUSE_BREAKS:
            lo = i + 1
            break
    hi = sent.end
    for i in range(end, sent.end):
        if sent.doc[i].lower_ in CLAUSE_BREAKS:
            hi = i
            break
    return lo, hi


def words(tokens: Sequence[Token] | Span) -> list[str]:
    return [t.lower_ for t in tokens]


def sign_of(doc_tokens: Span, start: int, end: int, lo: int, hi: int) -> int | None:
    """+1 or -1 from the nearest move word before the figure (or a noun just after it)."""
    doc = doc_tokens.doc
    after = [t.lower_ for t in doc[end:min(hi, end + 2)]]
    for word in after:
        if word in DOWN_WORDS:
            return -1
        if word in UP_WORDS:
            return 1
    for i in range(start - 1, max(lo, start - 9) - 1, -1):
        word = doc[i].lower_
        if word in DOWN_WORDS:
            return -1
        if word in UP_WORDS:
            return 1
    return None


def is_approximate(doc_tokens: Span, start: int) -> bool:
    doc = doc_tokens.doc
    before = " ".join(t.lower_ for t in doc[max(0, start - 4):start])
    if any(before.endswith(phrase) for phrase in APPROX_PHRASES):
        return True
    if start > 0 and doc[start - 1].lower_ in APPROX_BEFORE - {"just", "more", "less", "most",
                                                               "least", "close"}:
        return True
    return start > 1 and doc[start - 2].lower_ == "just" and doc[start - 1].lower_ in {
        "over", "under", "above", "below", "shy"}
