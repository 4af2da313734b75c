"""``SentenceEmbedder``: sentence vectors as a scikit-learn transformer.

The vectors come from the static encoder in ``models/encoder`` (``encoder.py``), which
is distilled from all-MiniLM-L6-v2: 384 dimensions, L2-normalised, a pure function of
the text, so the same sentence always gets the same vector.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from .encoder import ENCODER_DIR, encode_texts, load_encoder


class SentenceEmbedder(TransformerMixin, BaseEstimator):
    """Texts in, L2-normalised float32 vectors out (``fit`` learns nothing).

    ``encoder_dir`` None means the project's ``models/encoder``; no path is pickled
    with a fitted model, so it finds the encoder on any machine.
    """

    def __init__(self, encoder_dir: str | None = None, batch_size: int = 1024) -> None:
        self.encoder_dir = encoder_dir
        self.batch_size = batch_size

    def _folder(self) -> Path:
        return Path(self.encoder_dir) if self.encoder_dir else ENCODER_DIR

    def fit(self, texts: Any, y: Any = None) -> SentenceEmbedder:
        self.n_features_out_ = int(load_encoder(self._folder()).dim)
        return self

    def transform(self, texts: Any) -> np.ndarray:
        return encode_texts([str(t) for t in texts], self._folder(), self.batch_size)
