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

from .encoder import ENCODER_DIR, load_encoder


class SentenceEmbedder(TransformerMixin, BaseEstimator):
    """Texts in, L2-normalised float32 vectors out (``fit`` learns nothing).

    ``encoder_dir`` None means the project's ``models/encoder``; no path is pickled
    with a fitted model, so it finds the encoder on any machine.
    """

    def __init__(self, encoder_dir: str | None = None, batch_size: int = 1024) -> None:
        self.encoder_dir = encoder_dir
        self.batch_size = batch_size

    def _encoder(self) -> Any:
        return load_encoder(Path(self.encoder_dir) if self.encoder_dir else ENCODER_DIR)

    def fit(self, texts: Any, y: Any = None) -> SentenceEmbedder:
        self.n_features_out_ = int(self._encoder().dim)
        return self

    def transform(self, texts: Any) -> np.ndarray:
        texts = [str(t) for t in texts]
        encoder = self._encoder()
        if not texts:
            return np.zeros((0, encoder.dim), np.float32)
        vectors = encoder.encode(texts, batch_size=self.batch_size, show_progress_bar=False,
                                 use_multiprocessing=False)
        return np.asarray(vectors, dtype=np.float32)
