"""Sentence sentiment for financial news: negative, neutral or positive, with a probability.

The model is a scikit-learn pipeline: the MiniLM sentence vector beside a few
financial word-list counts and word TF-IDF, into a logistic regression whose
probabilities are calibrated by cross-validation. ``scripts/train_stance.py`` fits
it; ``models/sentiment/`` holds it with its card.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .persist import MODELS_DIR, load_model

LABELS = ("negative", "neutral", "positive")


@lru_cache(maxsize=4)
def load_sentiment(folder: Path = MODELS_DIR / "sentiment") -> Any:
    return load_model(folder)


def predict_sentiment(texts: Sequence[str], model: Any | None = None
                      ) -> list[tuple[str, float, float]]:
    """(label, score, probability of the label) per text; score = P(pos) - P(neg)."""
    if not texts:
        return []
    model = model if model is not None else load_sentiment()
    probabilities = model.predict_proba(list(texts))
    classes = list(model.classes_)
    neg, pos = classes.index("negative"), classes.index("positive")
    best = np.argmax(probabilities, axis=1)
    return [(classes[b], float(p[pos] - p[neg]), float(p[b]))
            for b, p in zip(best, probabilities, strict=True)]
