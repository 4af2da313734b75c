"""Trained models on disk: ``models/<name>/model.joblib`` beside ``meta.json``.

``meta.json`` records what a model was made from (data files and their SHA-256, seed,
library versions, cross-validated metrics). Loading refuses, in one line naming the
file and the fix, a model saved under other versions of the libraries that pickle it.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import joblib

from ..errors import ModelError

log = logging.getLogger(__name__)

MODELS_DIR = Path(__file__).resolve().parent.parent.parent / "models"
MODEL_FILE, META_FILE = "model.joblib", "meta.json"
PINNED = ("scikit-learn", "numpy")  # a pickle is only safe to load under these versions


def library_versions() -> dict[str, str]:
    return {name: metadata.version(name) for name in (*PINNED, "sentence-transformers",
                                                      "rallyscope")}


def save_model(model: Any, folder: Path, *, meta: dict[str, Any]) -> Path:
    """Write the model and its card data; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, folder / MODEL_FILE, compress=3)
    card = {"saved": datetime.now(UTC).isoformat(timespec="seconds"),
            "versions": library_versions(), **meta}
    (folder / META_FILE).write_text(json.dumps(card, indent=2, sort_keys=True) + "\n",
                                    encoding="utf-8")
    return folder


def load_meta(folder: Path) -> dict[str, Any]:
    path = folder / META_FILE
    try:
        meta: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise ModelError(f"{path}: no trained model here; run scripts/train_stance.py") from err
    except (OSError, ValueError) as err:
        raise ModelError(f"{path}: unreadable model card ({err})") from err
    return meta


def load_model(folder: Path) -> Any:
    """The model in ``folder``, after checking it was saved under today's libraries."""
    meta = load_meta(folder)
    saved = meta.get("versions", {})
    installed = library_versions()
    for name in PINNED:
        if saved.get(name) != installed[name]:
            raise ModelError(f"{folder / META_FILE}: trained with {name} {saved.get(name)}, "
                             f"{installed[name]} is installed; run scripts/train_stance.py "
                             "or install the versions in the model card")
    try:
        return joblib.load(folder / MODEL_FILE)
    except (OSError, ValueError, EOFError) as err:
        raise ModelError(f"{folder / MODEL_FILE}: cannot load model ({err})") from err
