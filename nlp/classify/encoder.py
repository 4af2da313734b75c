"""The static sentence encoder: all-MiniLM-L6-v2 turned into one vector per token.

``distill_encoder`` builds ``models/encoder/`` in two steps. First model2vec runs
MiniLM once over every token of its vocabulary plus the words of the labelled corpus
(forward pass per token, PCA to 384 dimensions, SIF weights). A token seen alone has
no context, though: "rose" alone is the flower, so "the index rose" came out nearer
"a rose garden" than "the index gained". Second, ``fit_token_vectors`` refits the
vectors of the tokens the training sentences use so that the mean of a sentence's
token vectors comes close to MiniLM's own vector of the whole sentence (a ridge
regression pulled towards the distilled vectors). A sentence vector is then the
mean of its tokens' vectors: ~40,000 sentences/s on one core where MiniLM manages
~150. ``load_encoder`` reads it back, refusing a folder whose weights differ from the
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
import scipy.sparse as sparse
from scipy.sparse.linalg import splu

from ..errors import ModelError
from .minilm import UPSTREAM, UPSTREAM_SHA256, check_weights, default_model_path, encode_sentences
from .persist import META_FILE, MODELS_DIR

ENCODER_DIR = MODELS_DIR / "encoder"
WEIGHTS = "model.safetensors"

_encoders: dict[Path, Any] = {}
_lock = threading.Lock()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def distill_encoder(folder: Path, vocabulary: Sequence[str], sentences: Sequence[str], *,
                    source: str | None = None, strength: float = 0.1) -> dict[str, Any]:
    """Distil MiniLM (checked against upstream's SHA-256) into ``folder`` and fit its
    token vectors to MiniLM's vectors of ``sentences``; returns the card data written
    to its meta.json."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from model2vec import StaticModel
    from model2vec.distill import distill

    source = source or default_model_path()
    check_weights(source)
    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True)
    distilled = distill(model_name=source, vocabulary=sorted(set(vocabulary)), pca_dims="auto")
    sentences = sorted(set(sentences))
    vectors, fit = fit_token_vectors(distilled, sentences, encode_sentences(sentences, source),
                                     strength)
    # float16 halves the file (24 MB); sentence vectors move by under 1e-4 (cosine 0.99998)
    model = StaticModel(vectors=vectors.astype(np.float16), tokenizer=distilled.tokenizer,
                        config=distilled.config, normalize=True)
    model.save_pretrained(str(folder))
    config_path = folder / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["tokenizer_name"] = UPSTREAM.split("@")[0]  # not this machine's path
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return {"source": UPSTREAM, "source_sha256": UPSTREAM_SHA256, "dimensions": model.dim,
            "tokens": len(model.tokens), "added_words": len(set(vocabulary)),
            "fitted": fit, "weights_sha256": _sha256(folder / WEIGHTS)}


def fit_token_vectors(model: Any, sentences: Sequence[str], targets: np.ndarray,
                      strength: float) -> tuple[np.ndarray, dict[str, Any]]:
    """Token vectors whose per-sentence means come close to ``targets`` (one MiniLM
    vector per sentence), and what the fit reached.

    With A the sentences' token shares (a row sums to 1) and W0 the distilled vectors
    mapped into MiniLM's space by least squares, solves min |AW - T|^2 + strength |W -
    W0|^2 for the tokens the sentences use; the others keep W0. A token in a sentence
    or two stays near W0; one seen hundreds of times takes the meaning its sentences
    give it.
    """
    base = np.asarray(model.embedding, dtype=np.float64)
    rows, cols, shares = [], [], []
    for i, ids in enumerate(model.tokenize(list(sentences))):
        rows += [i] * len(ids)
        cols += ids
        shares += [1.0 / len(ids)] * len(ids)
    shares_matrix = sparse.csr_matrix((shares, (rows, cols)), shape=(len(sentences), len(base)))
    mapping = np.linalg.lstsq(shares_matrix @ base, targets, rcond=None)[0]
    prior = base @ mapping
    seen = np.flatnonzero(np.asarray(shares_matrix.sum(axis=0)).ravel() > 0)
    used = shares_matrix[:, seen]
    system = (used.T @ used).tocsc() + strength * sparse.identity(len(seen), format="csc")
    vectors = prior.copy()
    vectors[seen] = splu(system).solve(np.asarray(used.T @ targets) + strength * prior[seen])

    def r2(fitted: np.ndarray) -> float:
        residual = ((shares_matrix @ fitted - targets) ** 2).sum()
        return round(float(1 - residual / ((targets - targets.mean(axis=0)) ** 2).sum()), 4)

    return vectors, {"sentences": len(sentences), "tokens": len(seen), "strength": strength,
                     "r2_distilled": r2(prior), "r2_fitted": r2(vectors)}


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
