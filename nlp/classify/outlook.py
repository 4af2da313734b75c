"""Rally outlook per sentence: does it say the rally will last, fade, may go either way,
or say nothing about its future? A calibrated classifier like the sentiment one,
trained on ``corpus/labels/outlook.csv`` by ``scripts/train_stance.py``."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .persist import MODELS_DIR, load_model

OUTLOOKS = ("fade", "none", "sustainable", "uncertain")


@lru_cache(maxsize=4)
def load_outlook(folder: Path = MODELS_DIR / "outlook") -> Any:
    return load_model(folder)


def predict_outlook(texts: Sequence[str], model: Any | None = None) -> list[dict[str, float]]:
    """P(label) for each of ``OUTLOOKS``, per text."""
    if not texts:
        return []
    model = model if model is not None else load_outlook()
    classes = list(model.classes_)
    return [{label: float(row[classes.index(label)]) for label in OUTLOOKS}
            for row in model.predict_proba(list(texts))]
