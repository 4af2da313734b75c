"""``LexicalFeatures``: the financial words a general sentence encoder underweights.

A handful of counts per sentence: moves up and down (shared with the extractor),
words for good and bad news, bad things that shrink ("losses narrowed"), negation,
hedges, forecasts, questions. They sit beside the MiniLM vector in the classifiers.
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
        "durable", "healthy", "solid", "raised", "raises", "exceeded", "legs", "broadening"}
BAD = {"miss", "missed", "misses", "weak", "weaker", "weakness", "downgrade", "downgraded",
       "underperform", "underperformed", "bearish", "pessimism", "disappointing", "disappointed",
       "warning", "warned", "slowdown", "recession", "headwind", "headwinds", "layoffs",
       "loss", "losses", "default", "bankruptcy", "concern", "concerns", "risk", "risks",
       "pressure", "stretched", "expensive", "fragile", "fleeting", "fade", "fades", "fading",
       "skeptical", "cut", "cuts", "lowered", "slashed", "plunge", "selloff", "sell-off",
       "volatile", "uncertainty", "doubtful", "tough", "struggle", "struggling", "fizzle"}
BAD_THINGS = {"loss", "losses", "costs", "cost", "debt", "deficit", "inflation", "spreads",
              "unemployment", "layoffs", "delinquencies", "defaults", "volatility", "yields"}
SHRINK = {"narrowed", "narrow", "narrowing", "fell", "eased", "declined", "dropped", "shrank",
          "cooled", "cooling", "lower", "down", "reduced"}
NEGATIONS = {"not", "no", "never", "n't", "nor", "without", "neither", "hardly", "barely"}
HEDGES = {"may", "might", "could", "perhaps", "possibly", "unclear", "uncertain", "if",
          "whether", "depends", "unless"}
_TOKEN = re.compile(r"[a-z]+(?:[-'][a-z]+)*|n't|[%?]")
DURABLE = {"last", "lasts", "lasting", "sustain", "sustained", "sustainable", "durable",
           "endure", "endures", "legs", "continue", "continues", "persist", "persists",
           "staying", "keep", "extend", "run", "running", "outperformance", "outperform"}
DOUBT = {"not", "n't", "no", "difficult", "hard", "skeptical", "sceptical", "unlikely",
         "doubt", "doubtful", "doubts", "tough", "tricky", "premature", "beware", "won't",
         "cannot", "can't", "don't", "fleeting", "fade", "fades", "fizzle", "blip",
         "short-lived", "temporary", "unconvinced", "questions", "wary", "cautious"}
HOPE = {"structural", "shift", "room", "early", "beginning", "new", "cycle", "broadening",
        "durable", "more", "further", "higher", "upside", "runway"}


def lexical_vector(text: str) -> list[float]:
    words = _TOKEN.findall(text.lower().replace("’", "'"))
    found = set(words)
    bad_shrinks = float(bool(found & BAD_THINGS and found & SHRINK))
    return [
        sum(w in UP_WORDS for w in words), sum(w in DOWN_WORDS for w in words),
        sum(w in GOOD for w in words), sum(w in BAD for w in words), bad_shrinks,
        float(bool(found & NEGATIONS or "no longer" in text.lower())),
        float(bool(found & HEDGES)), float(bool(found & FUTURE_WORDS)),
        float("?" in found), float("%" in found), min(len(words), 60) / 60,
        _doubted_durability(words), float(bool(found & DOUBT)), float(bool(found & HOPE)),
    ]


def _doubted_durability(words: list[str]) -> float:
    """1 when a word of lasting follows a word of doubt within five words: "difficult
    … to sustain", "skeptical of sustainable", "don't expect it to last"."""
    for i, word in enumerate(words):
        if word in DURABLE and any(w in DOUBT for w in words[max(0, i - 5):i]):
            return 1.0
    return 0.0


class LexicalFeatures(TransformerMixin, BaseEstimator):
    """Texts in, a small dense matrix of word-list counts out."""

    def fit(self, texts: Any, y: Any = None) -> LexicalFeatures:
        self.n_features_out_ = len(lexical_vector(""))
        return self

    def transform(self, texts: Any) -> np.ndarray:
        return np.asarray([lexical_vector(str(t)) for t in texts], dtype=np.float32)
