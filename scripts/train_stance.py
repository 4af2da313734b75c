"""Train the sentence models from labelled data, deterministically, into models/.

    python scripts/train_stance.py [--seed 0] [--no-tfns] [--only encoder|sentiment|outlook]

Encoder: all-MiniLM-L6-v2 distilled into a static encoder (models/encoder), with a
vector of its own for each word of the labelled sentences. Sentiment: our sentences
(corpus/labels/sentiment*.csv) plus the real financial tweets of ../shared/data/tfns
(when present). Outlook: corpus/labels/outlook*.csv. Prints 5-fold cross-validated
accuracy and macro-F1 (per source or voice) and writes models/<name>/ with its card
(meta.json, README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402
from labelled_data import ROOT, Labelled, load_outlook, load_sentiment, vocabulary  # noqa: E402
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score  # noqa: E402
from sklearn.model_selection import StratifiedKFold, cross_val_predict  # noqa: E402

from nlp.classify.encoder import ENCODER_DIR, distill_encoder  # noqa: E402
from nlp.classify.outlook import OUTLOOKS  # noqa: E402
from nlp.classify.persist import library_versions, save_model  # noqa: E402
from nlp.classify.pipeline import make_sentence_classifier  # noqa: E402
from nlp.classify.sentiment import LABELS  # noqa: E402

FEATURES = ("static sentence vectors distilled from all-MiniLM-L6-v2 (models/encoder) + word "
            "TF-IDF (1-2 grams) + financial word-list counts")
LIMITS = {
    "sentiment": [
        "Trained on short sentences: financial tweets and sentences the project wrote; long, "
        "multi-clause sentences are judged mostly by their main clause.",
        "Sentiment is news polarity for investors, not the author's view of a rally: that is "
        "the stance model's job.",
        "English only. Sarcasm and irony are not modelled.",
    ],
    "outlook": [
        "Trained only on sentences the project wrote and labelled (one annotator).",
        "A sentence is judged alone; whose view it is (author or reported) is weighed by "
        "the article-level stance rules, not by this model.",
        "English only.",
    ],
}


def _scores(y: list[str], predicted: np.ndarray, labels: tuple[str, ...]) -> dict[str, object]:
    return {"n": len(y), "accuracy": round(float(accuracy_score(y, predicted)), 4),
            "macro_f1": round(float(f1_score(y, predicted, average="macro")), 4),
            "confusion": {"labels": list(labels),
                          "matrix": confusion_matrix(y, predicted, labels=list(labels)).tolist()}}


def train(name: str, data: Labelled, model: Any, labels: tuple[str, ...], seed: int,
          features: str) -> dict[str, object]:
    """Cross-validate, fit on everything, save ``models/<name>`` with its card."""
    if not data.texts:
        sys.exit(f"train_stance: no labelled data for {name} (corpus/labels/)")
    started = time.perf_counter()
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    predicted = cross_val_predict(model, data.texts, data.labels, cv=folds)
    metrics = {"all": _scores(data.labels, predicted, labels)}
    for group in sorted(set(data.sources)):
        rows = [i for i, s in enumerate(data.sources) if s == group]
        metrics[group] = _scores([data.labels[i] for i in rows], predicted[rows], labels)
    model.fit(data.texts, data.labels)
    folder = ROOT / "models" / name
    meta = {"model": name, "seed": seed, "data": data.files,
            "rows": {s: data.sources.count(s) for s in sorted(set(data.sources))},
            "cv": "5-fold stratified, shuffled with the seed", "metrics": metrics,
            "features": features,
            "estimator": "LogisticRegression calibrated by 5-fold sigmoid "
                         "CalibratedClassifierCV",
            "known_limits": LIMITS[name], "train_seconds": round(time.perf_counter() - started, 1)}
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
    lines += ["", "Known limits:", ""] + [f"- {limit}" for limit in LIMITS[str(meta["model"])]]
    lines += ["", "The TFNS tweets (MIT licence) are read at training time from "
              "`../shared/data/tfns/` and are not copied into this project; the fitted model "
              "is the project's own artefact.", ""]
    (folder / "README.md").write_text("\n".join(lines), encoding="utf-8")


def build_encoder() -> dict[str, object]:
    """Distil the encoder into models/encoder and write its card."""
    started = time.perf_counter()
    words = vocabulary()
    meta: dict[str, object] = {"model": "encoder", **distill_encoder(ENCODER_DIR, words),
                               "vocabulary": "words seen 3+ times in corpus/labels/*.csv",
                               "versions": library_versions(),
                               "distill_seconds": round(time.perf_counter() - started, 1)}
    (ENCODER_DIR / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n",
                                           encoding="utf-8")
    (ENCODER_DIR / "README.md").write_text("\n".join([
        "---", "library_name: model2vec", "license: apache-2.0", "---",  # read by model2vec
        "# encoder model card", "",
        "Static sentence encoder distilled from all-MiniLM-L6-v2 (Apache-2.0, "
        f"{meta['source']}, weights SHA-256 {meta['source_sha256']}) with model2vec: "
        "MiniLM's output for each token, PCA to 384 dimensions, SIF weighting; a sentence "
        "vector is the mean of its token vectors, L2-normalised.", "",
        "Rebuilt by `python scripts/train_stance.py --only encoder`.", "",
        f"- tokens: {meta['tokens']} (MiniLM's WordPiece vocabulary plus "
        f"{meta['added_words']} words of the labelled sentences)",
        f"- weights SHA-256 (checked on load): {meta['weights_sha256']}", "",
        "Known limits: word order is lost (\"not up\" and \"up, not\" get one vector); "
        "the word-list and TF-IDF features beside it carry negation.", ""]),
        encoding="utf-8")
    return meta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-tfns", action="store_true")
    parser.add_argument("--only", choices=["encoder", "sentiment", "outlook"])
    args = parser.parse_args()
    if args.only in (None, "encoder"):
        encoder = build_encoder()
        print(f"encoder {encoder['tokens']} tokens x {encoder['dimensions']} dimensions "
              f"in {encoder['distill_seconds']} s")
    runs = {
        "sentiment": lambda: train("sentiment", load_sentiment(with_tfns=not args.no_tfns),
                                   make_sentence_classifier(seed=args.seed), LABELS, args.seed,
                                   FEATURES),
        "outlook": lambda: train("outlook", load_outlook(),
                                 make_sentence_classifier(seed=args.seed), OUTLOOKS, args.seed,
                                 FEATURES),
    }
    for name, run in runs.items():
        if args.only in (None, name):
            for group, m in run().items():
                assert isinstance(m, dict)
                print(f"{name} {group:11s} n={m['n']:5d} accuracy={m['accuracy']:.3f} "
                      f"macro-F1={m['macro_f1']:.3f}")


if __name__ == "__main__":
    main()
