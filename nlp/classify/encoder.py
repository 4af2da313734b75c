"""The static sentence encoder: all-MiniLM-L6-v2 distilled into one vector per token.

``distill_encoder`` runs MiniLM once over every token of its vocabulary plus the words
of the labelled corpus (model2vec: forward pass per token, PCA to 384 dimensions,
SIF weights) and writes ``models/encoder/``. A sentence vector is then the mean of its
tokens' vectors: ~40,000 sentences/s on one core where MiniLM manages ~150, at a cost
of 0-2 points of cross-validated accuracy on our labelled sentences (measured in the
card). ``load_encoder`` reads it back, refusing a folder whose weights differ from the
SHA-256 its card records.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from .minilm import UPSTREAM, UPSTREAM_SHA256, check_weights, default_model_path
from .persist import META_FILE, MODELS_DIR

ENCODER_DIR = MODELS_DIR / "encoder"
WEIGHTS = "model.safetensors"

_encoders: dict[Path, Any] = {}
_lock = threading.Lock()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def distill_encoder(folder: Path, vocabulary: Sequence[str], *,
                    source: str | None = None) -> dict[str, Any]:
    """Distil MiniLM (checked against upstream's SHA-256) into ``folder``; returns the
    card data written to its meta.json."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from model2vec.distill import distill

    source = source or default_model_path()
    check_weights(source)
    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True)
    model = distill(model_name=source, vocabulary=sorted(set(vocabulary)), pca_dims="auto")
    model.save_pretrained(str(folder))
    config_path = folder / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["tokenizer_name"] = UPSTREAM.split("@")[0]  # not this machine's path
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return {"source": UPSTREAM, "source_sha256": UPSTREAM_SHA256, "dimensions": model.dim,
            "tokens": len(model.tokens), "added_words": len(set(vocabulary)),
            "weights_sha256": _sha256(folder / WEIGHTS)}


def encoder_id(folder: Path = ENCODER_DIR) -> str:
    """A short name for the encoder in ``folder``: its weights' SHA-256, first 16 hex.
    Stored vectors carry it, so a rebuilt encoder never mixes with old vectors."""
    try:
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelError(f"{folder}: no usable sentence encoder ({err}); run "
                         "scripts/train_stance.py") from err
    return str(meta["weights_sha256"])[:16]


def load_encoder(folder: Path = ENCODER_DIR) -> Any:
    """The model2vec ``StaticModel`` in ``folder``, loaded once per process."""
    with _lock:
        if folder not in _encoders:
            try:
                meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
                digest = _sha256(folder / WEIGHTS)
            except (OSError, ValueError) as err:
                raise ModelError(f"{folder}: no usable sentence encoder ({err}); run "
                                 "scripts/train_stance.py") from err
            if digest != meta.get("weights_sha256"):
                raise ModelError(f"{folder / WEIGHTS}: SHA-256 {digest[:12]}… is not the "
                                 f"{str(meta.get('weights_sha256'))[:12]}… its card records; "
                                 "run scripts/train_stance.py")
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            from model2vec import StaticModel

            _encoders[folder] = StaticModel.from_pretrained(str(folder))
        return _encoders[folder]


def encode_texts(texts: Sequence[str], folder: Path = ENCODER_DIR,
                 batch_size: int = 1024) -> np.ndarray:
    """L2-normalised float32 vectors of ``texts``, one row each (no scikit-learn needed)."""
    encoder = load_encoder(folder)
    if not texts:
        return np.zeros((0, encoder.dim), np.float32)
    vectors = encoder.encode(list(texts), batch_size=batch_size, show_progress_bar=False,
                             use_multiprocessing=False)
    return np.asarray(vectors, dtype=np.float32)
