"""Train the sentence models from labelled data, deterministically, into models/.

    python scripts/train_stance.py [--seed 0] [--no-tfns] [--only encoder|sentiment|outlook|stance]

Encoder: all-MiniLM-L6-v2 distilled into a static encoder (models/encoder), with a
vector of its own for each word of the labelled sentences, then refitted so that its
sentence vectors come close to MiniLM's on those sentences (~5 min). Sentiment: our sentences
(corpus/labels/sentiment*.csv) plus the real financial tweets of ../shared/data/tfns
(when present). Outlook: corpus/labels/outlook*.csv. Prints 5-fold cross-validated
accuracy and macro-F1 (per source or voice) and writes models/<name>/ with its card
(meta.json, README.md). Stance: a logistic regression over each article's
``article_features``, fitted on the development articles (corpus/sample,
corpus/dev and corpus/retired, never corpus/heldout*), cross-validated first
(models/stance/); a word TF-IDF model of the article's text is stacked under it
(``pipeline.StanceClassifier``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402
from labelled_data import (  # noqa: E402
    DEV,
    ROOT,
    SAMPLE,
    Labelled,
    development_articles,
    folder_sha256,
    load_outlook,
    load_sentiment,
    retired_sets,
    sha256,
    vocabulary,
    writer,
    writer_scores,
)
from sklearn.metrics import accuracy_score, brier_score_loss, confusion_matrix, f1_score  # noqa: E402
from sklearn.model_selection import (  # noqa: E402
    LeaveOneGroupOut,
    StratifiedKFold,
    cross_val_predict,
)

from nlp.classify.article_features import NAMES, OVERALL, PER_VIEW  # noqa: E402
from nlp.classify.encoder import ENCODER_DIR, distill_encoder  # noqa: E402
from nlp.classify.outlook import OUTLOOKS  # noqa: E402
from nlp.classify.persist import library_versions, save_model  # noqa: E402
from nlp.classify.pipeline import make_sentence_classifier, make_stance_classifier  # noqa: E402
from nlp.classify.sentiment import LABELS  # noqa: E402
from nlp.classify.stance import STANCES, stance_inputs  # noqa: E402

FEATURES = ("static sentence vectors distilled from all-MiniLM-L6-v2 (models/encoder) + word "
            "TF-IDF (1-2 grams) + financial word-list counts")
OURS_WEIGHT = 3.0  # sentiment: +0.7 points on clear company news, +3 on hard, vs 1.0
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
        "the article model, not by this model.",
        "English only.",
    ],
    "stance": [
        "Its sentence evidence is the outlook model's: a view phrased only by metaphor "
        "or irony that the outlook model misreads is left to the word model, which knows "
        "the words of a few hundred articles.",
        "Whose view a sentence is rests on quote marks, attribution verbs and speaker "
        "patterns; an author who paraphrases a source without attribution is read as "
        "the author.",
        "The word model under it has seen the training articles, so on them the "
        "confidence is near 1; it is calibrated only on articles it never saw (Brier "
        "on the held-out sets in scripts/evaluate_stance.py). Vocabulary those articles "
        "lack carries no weight.",
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
    # our news sentences count OURS_WEIGHT times a tweet: they are the register we read
    weights = np.array([OURS_WEIGHT if s == "ours" else 1.0 for s in data.sources])
    fit_params = {"classify__sample_weight": weights}
    predicted = cross_val_predict(model, data.texts, data.labels, cv=folds, params=fit_params)
    metrics = {"all": _scores(data.labels, predicted, labels)}
    for group in sorted(set(data.sources)):
        rows = [i for i, s in enumerate(data.sources) if s == group]
        metrics[group] = _scores([data.labels[i] for i in rows], predicted[rows], labels)
    model.fit(data.texts, data.labels, **fit_params)
    folder = ROOT / "models" / name
    meta = {"model": name, "seed": seed, "data": data.files,
            "rows": {s: data.sources.count(s) for s in sorted(set(data.sources))},
            "cv": "5-fold stratified, shuffled with the seed", "metrics": metrics,
            "features": features,
            "estimator": "LogisticRegression calibrated by 5-fold sigmoid "
                         "CalibratedClassifierCV",
            "known_limits": LIMITS[name], "ours_weight": OURS_WEIGHT,
            "train_seconds": round(time.perf_counter() - started, 1)}
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
    limits = meta["known_limits"]
    assert isinstance(limits, list)
    lines += ["", "Known limits:", ""] + [f"- {limit}" for limit in limits]
    if any("tfns" in name for name in dict(meta["data"])):
        lines += ["", "The TFNS tweets (MIT licence) are read at training time from "
                  "`../shared/data/tfns/` and are not copied into this project; the fitted "
                  "model is the project's own artefact."]
    lines.append("")
    (folder / "README.md").write_text("\n".join(lines), encoding="utf-8")


def build_encoder(*, with_tfns: bool = True) -> dict[str, object]:
    """Distil the encoder into models/encoder, fitted to MiniLM on every labelled
    sentence (ours and, with ``with_tfns``, the tweets), and write its card."""
    started = time.perf_counter()
    sentences = load_sentiment(with_tfns=with_tfns).texts + load_outlook().texts
    distilled = distill_encoder(ENCODER_DIR, vocabulary(), sentences)
    fit = distilled["fitted"]
    meta: dict[str, object] = {"model": "encoder", **distilled,
                               "vocabulary": "words seen 3+ times in corpus/labels/*.csv",
                               "fitted_to": "MiniLM's vectors of the sentiment (with the "
                                            "TFNS tweets) and outlook sentences",
                               "versions": library_versions(),
                               "distill_seconds": round(time.perf_counter() - started, 1)}
    (ENCODER_DIR / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n",
                                           encoding="utf-8")
    (ENCODER_DIR / "README.md").write_text("\n".join([
        "---", "library_name: model2vec", "license: apache-2.0", "---",  # read by model2vec
        "# encoder model card", "",
        "Static sentence encoder distilled from all-MiniLM-L6-v2 (Apache-2.0, "
        f"{meta['source']}, weights SHA-256 {meta['source_sha256']}) with model2vec: "
        "MiniLM's output for each token, PCA to 384 dimensions, SIF weighting. The vectors "
        "of the tokens the labelled sentences use were then refitted (ridge, pulled "
        f"towards the distilled ones, strength {fit['strength']}) so that a "
        "sentence's mean vector comes close to MiniLM's vector of the whole sentence: "
        f"{fit['sentences']} sentences, {fit['tokens']} tokens, "
        f"R^2 against MiniLM {fit['r2_distilled']} before, "
        f"{fit['r2_fitted']} after. A sentence vector is the mean of its token "
        "vectors, L2-normalised. The vectors are stored as float16.", "",
        "Rebuilt by `python scripts/train_stance.py --only encoder`.", "",
        f"- tokens: {meta['tokens']} (MiniLM's WordPiece vocabulary plus "
        f"{meta['added_words']} words of the labelled sentences)",
        f"- weights SHA-256 (checked on load): {meta['weights_sha256']}", "",
        "Known limits: word order is lost (\"not up\" and \"up, not\" get one vector); "
        "the word-list and TF-IDF features beside it carry negation.", ""]),
        encoding="utf-8")
    return meta


def train_stance(seed: int) -> dict[str, object]:
    """The article model (``StanceClassifier`` over ``article_features`` and the
    words), fitted on the development articles (sample, corpus/dev, corpus/retired), 5-fold
    cross-validated first."""
    pairs = development_articles()
    features = stance_inputs([a for a, _ in pairs])
    labels = np.array([label for _, label in pairs])
    model = make_stance_classifier(seed=seed)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    probabilities = cross_val_predict(model, features, labels, cv=folds, method="predict_proba")
    classes = sorted(set(labels))
    predicted = np.array(classes)[probabilities.argmax(axis=1)]
    right = predicted == labels
    writers = np.array([writer(a) for a, _ in pairs])
    by_writer = cross_val_predict(model, features, labels, cv=LeaveOneGroupOut(),
                                  groups=writers)
    metrics = {"all": _scores(list(labels), predicted, STANCES),
               "brier": round(float(brier_score_loss(right, probabilities.max(axis=1))), 4),
               "mean_confidence": round(float(probabilities.max(axis=1).mean()), 4),
               "leave_one_writer_out": {
                   **_scores(list(labels), by_writer, STANCES),
                   "writers": {w: round(float((by_writer == labels)[writers == w].mean()), 4)
                               for w in sorted(set(writers))}}}
    model.fit(features, labels)
    folder = ROOT / "models" / "stance"
    meta = {"model": "stance", "seed": seed, "cv": "5-fold stratified, shuffled with the seed",
            "data": {str(path.relative_to(ROOT)): folder_sha256(path) if path.is_dir()
                     else sha256(path) for path in (SAMPLE / "labels.csv", SAMPLE / "articles",
                                                    DEV / "labels.csv", DEV / "articles",
                                                    *retired_sets())},
            "rows": dict(Counter(labels.tolist())), "metrics": metrics,
            "features": ("per view (sustainable, fade, uncertain): " + ", ".join(PER_VIEW)
                         + "; overall: " + ", ".join(OVERALL)
                         + " (nlp/classify/article_features.py); and the article's words"),
            "feature_names": list(NAMES),
            "estimator": ("StanceClassifier: word TF-IDF LogisticRegression on the text, "
                          "its 5-fold out-of-fold probabilities joining the features in "
                          "StandardScaler + LogisticRegression (multinomial)"),
            "known_limits": [_writers_limit(len(pairs), metrics["leave_one_writer_out"]),
                             *LIMITS["stance"]]}
    save_model(model, folder, meta=meta)
    _write_card(folder, {**meta, "metrics": {
        "all": metrics["all"], "leaving each writer out": metrics["leave_one_writer_out"]}})
    return metrics


def _writers_limit(articles: int, by_writer: dict[str, Any]) -> str:
    """The stance card's first limit, from the data and the writer-held-out scores."""
    scores = by_writer["writers"].values()
    return (f"Trained on {articles} articles the project had written and labelled by "
            f"{len(scores)} writers (one annotator per article): a writer or register far "
            f"from them may be misread; left out in turn, each writer scores "
            f"{min(scores):.3f}-{max(scores):.3f}.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-tfns", action="store_true")
    parser.add_argument("--only", choices=["encoder", "sentiment", "outlook", "stance"])
    args = parser.parse_args()
    if args.only in (None, "encoder"):
        encoder = build_encoder(with_tfns=not args.no_tfns)
        print(f"encoder {encoder['tokens']} tokens x {encoder['dimensions']} dimensions "
              f"in {encoder['distill_seconds']} s")
    runs = {
        "sentiment": lambda: train("sentiment", load_sentiment(with_tfns=not args.no_tfns),
                                   make_sentence_classifier(seed=args.seed), LABELS, args.seed,
                                   FEATURES),
        "outlook": lambda: train("outlook", load_outlook(),
                                 make_sentence_classifier(seed=args.seed, c=8.0, chars=True),
                                 OUTLOOKS, args.seed, FEATURES + " + character 2-5-gram TF-IDF"),
    }
    for name, run in runs.items():
        if args.only in (None, name):
            for group, m in run().items():
                assert isinstance(m, dict)
                print(f"{name} {group:11s} n={m['n']:5d} accuracy={m['accuracy']:.3f} "
                      f"macro-F1={m['macro_f1']:.3f}")
    if args.only in (None, "stance"):
        stance = train_stance(args.seed)
        overall = stance["all"]
        assert isinstance(overall, dict)
        print(f"stance      all         n={overall['n']:5d} accuracy={overall['accuracy']:.3f} "
              f"macro-F1={overall['macro_f1']:.3f} Brier={stance['brier']}")
        by_writer = stance["leave_one_writer_out"]
        assert isinstance(by_writer, dict)
        print(f"stance      each writer left out: accuracy={by_writer['accuracy']:.3f} "
              f"({writer_scores(by_writer)})")


if __name__ == "__main__":
    main()
