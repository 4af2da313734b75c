"""What an article's sentences say about the rally, as one fixed-length vector.

The stance model (``stance.py``) reads these numbers, not the text: how much clear
evidence each outlook has, where it sits (headline, closing lines) and whose voice it
is in (the author's or a view the author reports), and the tone of the sentences. The
sentence outlooks and sentiments come from the sentence models; the places, voices and
weights from ``stance.weigh`` (headline 2x, closing lines 1.5x, reported views 0.6x,
questions 0.3x).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

CLEAR = 0.5  # a sentence is clear evidence when its likeliest outlook is at least this
FLOOR = 0.45  # ... and then counts for (probability - FLOOR): clear beats many faint
NONE_CUTOFF = 0.6  # sentences this likely to say nothing about the rally are left out
VIEWS = ("sustainable", "fade", "uncertain")
PER_VIEW = ("mass", "share", "mean", "headline", "closing", "author", "top")
OVERALL = ("log_evidence", "sentiment", "negative_share", "positive_share",
           "headline_sentiment", "closing_sentiment", "log_sentences", "mean_none")
NAMES = tuple(f"{view}_{kind}" for view in VIEWS for kind in PER_VIEW) + OVERALL


@dataclass(frozen=True, slots=True)
class Weighted:
    """A sentence with where it sits and whose voice it is in. A ``clause`` is the
    author's own words around a quote ("Investor optimism may be premature: \"…\""),
    read apart from the sentence that holds it."""

    start: int
    end: int
    text: str
    weight: float
    headline: bool
    closing: bool
    reported: bool
    clause: bool = False


def strengths(sentences: Sequence[Weighted], outlooks: Sequence[dict[str, float]]
              ) -> np.ndarray:
    """(sentences x VIEWS): weight x (probability - FLOOR) where the sentence is clear
    evidence for that view, else 0."""
    out = np.zeros((len(sentences), len(VIEWS)))
    for i, (sentence, p) in enumerate(zip(sentences, outlooks, strict=True)):
        label = max(p, key=p.__getitem__)
        if label != "none" and p[label] >= CLEAR and p["none"] < NONE_CUTOFF:
            out[i, VIEWS.index(label)] = sentence.weight * (p[label] - FLOOR)
    return out


def article_features(sentences: Sequence[Weighted], outlooks: Sequence[dict[str, float]],
                     sentiments: Sequence[float]) -> np.ndarray:
    """The vector named by ``NAMES``; ``sentiments`` are P(positive) - P(negative)."""
    if not sentences:
        return np.zeros(len(NAMES))
    p = np.array([[o[view] for view in VIEWS] for o in outlooks])
    none = np.array([o["none"] for o in outlooks])
    weight = np.array([s.weight for s in sentences])
    mood = np.asarray(sentiments, dtype=float)
    headline = np.array([s.headline for s in sentences])
    closing = np.array([s.closing for s in sentences])
    author = ~np.array([s.reported for s in sentences])
    strength = strengths(sentences, outlooks)
    mass = strength.sum(axis=0)
    total = float(mass.sum())
    clear = strength / np.maximum(weight, 1e-9)[:, None]  # unweighted
    per_view = np.column_stack([
        mass,
        mass / (total + 0.2),
        (p * weight[:, None]).sum(axis=0) / weight.sum(),
        _masked(p, headline, np.max),
        _masked(p, closing, np.mean),
        clear[author].sum(axis=0),
        p.max(axis=0),
    ])
    overall = [math.log1p(total), mood.mean(), (mood < -0.3).mean(), (mood > 0.3).mean(),
               _masked(mood, headline, np.mean), _masked(mood, closing, np.mean),
               math.log(len(sentences)), none.mean()]
    return np.concatenate([per_view.ravel(), overall])


def _masked(values: np.ndarray, mask: np.ndarray, reduce: Callable[..., Any]) -> Any:
    """``reduce`` over the rows ``mask`` picks (column-wise), 0 when it picks none."""
    if not mask.any():
        return np.zeros(values.shape[1:]) if values.ndim > 1 else 0.0
    return reduce(values[mask], axis=0)
