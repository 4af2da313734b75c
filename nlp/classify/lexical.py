"""``LexicalFeatures``: the financial words a general sentence encoder underweights.

A handful of counts per sentence: moves up and down (shared with the extractor),
words for good and bad news, bad things that shrink ("losses narrowed"), negation,
hedges, forecasts, questions, lasting (doubted or not), which way a market moved ("the
index rose", "small caps slid"), good and bad news under a negation ("won't last",
"aren't worried"), news refused ("declined to comment"), and figures compared with
earlier ones ("EUR 13.1 mn from EUR 8.7 mn", "0.57 (0.43)"): results news says which
way a number went with the numbers alone. They sit beside the sentence vector in the
classifiers, which average a sentence's words and so lose which word a "not" belongs
to.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from ..extract.context import DOWN_WORDS, FUTURE_WORDS, UP_WORDS

GOOD = {"beat", "beats", "strong", "stronger", "robust", "record", "upgrade", "upgraded",
        "outperform", "outperformed", "outperforming", "bullish", "optimism", "optimistic",
        "improving", "improved", "improvement", "accelerating", "recovery", "rebound",
        "momentum", "tailwind", "tailwinds", "cheap", "attractive", "upbeat", "boost",
        "boosted", "profit", "profitable", "surge", "soared", "expansion", "resilient",
        "durable", "healthy", "solid", "raise", "raised", "raises", "exceed", "exceeded",
        "exceeds", "legs", "broadening", "improve", "improves", "recover", "recovers",
        "recovered", "recovering", "win", "wins", "won", "secure", "secured", "approval",
        "approved"}
BAD = {"miss", "missed", "misses", "weak", "weaker", "weakness", "downgrade", "downgraded",
       "underperform", "underperformed", "bearish", "pessimism", "disappointing", "disappointed",
       "warning", "warned", "slowdown", "recession", "headwind", "headwinds", "layoffs",
       "loss", "losses", "default", "bankruptcy", "concern", "concerns", "risk", "risks",
       "pressure", "stretched", "expensive", "fragile", "fleeting", "fade", "fades", "fading",
       "skeptical", "cut", "cuts", "lowered", "slashed", "plunge", "selloff", "sell-off",
       "volatile", "uncertainty", "doubtful", "tough", "struggle", "struggling", "fizzle",
       "worried", "worries", "worry", "fears", "feared", "suffer", "hurt", "slump",
       "deteriorate", "deteriorated", "deteriorating", "deterioration", "weaken", "weakened",
       "weakening", "worsen", "worsened", "worsening"}
BAD_THINGS = {"loss", "losses", "costs", "cost", "debt", "deficit", "inflation", "spreads",
              "unemployment", "layoffs", "delinquencies", "defaults", "volatility", "yields"}
SHRINK = {"narrowed", "narrow", "narrowing", "fell", "eased", "declined", "dropped", "shrank",
          "cooled", "cooling", "lower", "down", "reduced"}
NEGATIONS = {"not", "no", "never", "nor", "without", "neither", "hardly", "barely",
             "nobody", "nothing", "lack", "lacks", "lacking", "fail", "fails", "failed"}
REFUSING = {"declined", "declines", "decline", "refused", "refuses", "refuse"}
REFUSED = {"comment", "comments", "disclose", "elaborate", "specify", "confirm", "respond",
           "reveal"}
HEDGES = {"may", "might", "could", "perhaps", "possibly", "unclear", "uncertain", "if",
          "whether", "depends", "unless"}
MARKETS = {"index", "indexes", "indices", "benchmark", "stocks", "stock", "shares", "equities",
           "caps", "small-caps", "russell", "s&p", "nasdaq", "dow", "market", "markets",
           "composite", "iwm", "rty", "spy", "qqq", "spx", "ftse", "dax", "nikkei", "omx",
           "sector"}
NOT_MARKETS = {"price", "prices", "cpi", "ppi", "volume", "turnover", "stake", "pmi"}
_TOKEN = re.compile(r"s&p|[a-z]+(?:[-'][a-z]+)*|n't|[%?]")
DURABLE = {"last", "lasts", "lasting", "sustain", "sustained", "sustainable", "durable",
           "endure", "endures", "legs", "continue", "continues", "persist", "persists",
           "staying", "keep", "extend", "run", "running", "outperformance", "outperform"}
DOUBT = {"not", "no", "difficult", "hard", "skeptical", "sceptical", "unlikely",
         "doubt", "doubtful", "doubts", "tough", "tricky", "premature", "beware",
         "cannot", "fleeting", "fade", "fades", "fizzle", "blip",
         "short-lived", "temporary", "unconvinced", "questions", "wary", "cautious"}
_LAST_ADJECTIVE_BEFORE = {"the", "at", "its", "their", "this", "that", "his", "her", "our",
                          "my", "your", "since", "over"}  # "the last time", "at last"
_LAST_ADJECTIVE_AFTER = {"week", "weeks", "month", "months", "year", "years", "quarter",
                         "quarters", "session", "sessions", "time", "times", "cycle", "decade",
                         "summer", "spring", "fall", "autumn", "winter", "night", "day", "days",
                         "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                         "ten", "twelve", "few", "several", "couple"}  # "last week"
HOPE = {"structural", "shift", "room", "early", "beginning", "new", "cycle", "broadening",
        "durable", "more", "further", "higher", "upside", "runway"}


_FIGURE = r"(?:[A-Z]{3}\s?|[$€£])?(\d[\d,]*(?:\.\d+)?)"
_COMPARISONS = (  # (pattern, group of the new figure, group of the old one)
    (re.compile(rf"\bto {_FIGURE}[^.;()]{{0,30}}?\bfrom {_FIGURE}"), 1, 2),
    (re.compile(rf"\bfrom {_FIGURE}[^.;()]{{0,30}}?\bto {_FIGURE}"), 2, 1),
    (re.compile(rf"{_FIGURE}[^.;()\d]{{0,12}}\((?:[A-Z]{{3}}\s?|[$€£])?(\d[\d,]*(?:\.\d+)?)"
                r"[^)]{0,12}\)"), 1, 2),
    (re.compile(rf"{_FIGURE}[^.;()\d]{{0,25}}?\b(?:compared with|compared to|versus|vs\.?|"
                rf"against|a year earlier of|up from|down from) {_FIGURE}"), 1, 2),
)


def compared_figures(text: str) -> tuple[float, float]:
    """How many figures in ``text`` are higher and lower than the earlier figure they are
    set against, read the investor's way: a higher loss, cost or debt counts as lower."""
    higher = lower = 0.0
    inverted = bool(set(words_of(text)) & BAD_THINGS)
    for pattern, new, old in _COMPARISONS:
        for match in pattern.finditer(text):
            try:
                now, then = (float(match.group(g).replace(",", "")) for g in (new, old))
            except ValueError:
                continue
            if now == then or all(1900 <= x <= 2100 and x.is_integer() for x in (now, then)):
                continue  # the same figure, or years ("from 2023 to 2025")
            if (now > then) != inverted:
                higher += 1
            else:
                lower += 1
    return min(higher, 3.0), min(lower, 3.0)


def words_of(text: str) -> list[str]:
    """The lower-cased words (and "%", "?", "n't") the word lists are matched against."""
    return _TOKEN.findall(text.lower().replace("’", "'"))


def lexical_vector(text: str) -> list[float]:
    words = words_of(text)
    found = set(words)
    bad_shrinks = float(bool(found & BAD_THINGS and found & SHRINK))
    return [
        sum(w in UP_WORDS for w in words), sum(w in DOWN_WORDS for w in words),
        sum(w in GOOD for w in words), sum(w in BAD for w in words), bad_shrinks,
        float(any(map(_negates, words))),  # "no longer" too: "no" is a negation
        float(bool(found & HEDGES)), float(bool(found & FUTURE_WORDS)),
        float("?" in found), float("%" in found), min(len(words), 60) / 60,
        _doubted_durability(words), float(any(map(_doubts, words))),
        float(bool(found & HOPE)), float(any(_lasting(words, i) for i in range(len(words)))),
        *market_moves(words), *negated_news(words), refusal(words),
        *compared_figures(text),
    ]


def _negates(word: str) -> bool:
    """A negation word, or any contraction with "n't" ("isn't", "won't")."""
    return word in NEGATIONS or word.endswith("n't")


def _doubts(word: str) -> bool:
    """A word of doubt, or any contraction with "n't" ("doesn't", "can't")."""
    return word in DOUBT or word.endswith("n't")


def negated_news(words: list[str]) -> tuple[float, float]:
    """(good, bad): how many words of good news (a rise, strength, lasting) and of bad
    news (a fall, a worry) follow a negation within four words: "the rally won't last"
    and "not convinced the rebound holds" negate good news, "analysts aren't worried"
    and "profits did not fall" bad news. A move of a bad thing reads the other way:
    "losses did not rise" denies bad news, "costs did not come down" good news."""
    inverted = bool(set(words) & BAD_THINGS)
    good = bad = 0.0
    for i, word in enumerate(words):
        if not any(map(_negates, words[max(0, i - 4):i])):
            continue
        if word in GOOD or _lasting(words, i):
            good += 1
        elif word in BAD:
            bad += 1
        elif word in UP_WORDS or word in DOWN_WORDS:
            if (word in UP_WORDS) != inverted:
                good += 1
            else:
                bad += 1
    return min(good, 3.0), min(bad, 3.0)


def refusal(words: list[str]) -> float:
    """1 when a sentence refuses news: "declined to comment", "did not disclose the
    terms", "no comment"; a refusal is neither good news nor a fall."""
    for i, word in enumerate(words):
        if word in REFUSED and any(w in REFUSING or _negates(w)
                                   for w in words[max(0, i - 3):i]):
            return 1.0
    return 0.0


def market_moves(words: list[str]) -> tuple[float, float]:
    """(up, down): 1 when a move word follows a market (an index, stocks, shares) within
    four words: "the index rose", "small caps slumped"; not a price index or volume."""
    up = down = 0.0
    for i, word in enumerate(words):
        if word not in UP_WORDS and word not in DOWN_WORDS:
            continue
        before = set(words[max(0, i - 4):i])
        if before & MARKETS and not before & NOT_MARKETS:
            if word in UP_WORDS:
                up = 1.0
            else:
                down = 1.0
            break
    return up, down


def _doubted_durability(words: list[str]) -> float:
    """1 when a word of lasting follows a word of doubt within five words: "difficult
    … to sustain", "skeptical of sustainable", "don't expect it to last"."""
    for i in range(len(words)):
        if _lasting(words, i) and any(map(_doubts, words[max(0, i - 5):i])):
            return 1.0
    return 0.0


def _lasting(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` speaks of lasting: a word of ``DURABLE``, but not the "last"
    of "last week", "the last time" or "at last"."""
    if words[i] not in DURABLE:
        return False
    if words[i] != "last":
        return True
    after = words[i + 1] if i + 1 < len(words) else ""
    return not (i and words[i - 1] in _LAST_ADJECTIVE_BEFORE or after in _LAST_ADJECTIVE_AFTER)


class LexicalFeatures(TransformerMixin, BaseEstimator):
    """Texts in, a small dense matrix of word-list counts out."""

    def fit(self, texts: Any, y: Any = None) -> LexicalFeatures:
        self.n_features_out_ = len(lexical_vector(""))
        return self

    def transform(self, texts: Any) -> np.ndarray:
        return np.asarray([lexical_vector(str(t)) for t in texts], dtype=np.float32)
