"""Labelled sentences for training and evaluation: ours in corpus/labels/, and the real
financial tweets in ../shared/data/tfns/ (MIT; read here, never copied into the project)."""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS_DIR = ROOT / "corpus" / "labels"
TFNS = ROOT.parent / "shared" / "data" / "tfns" / "sent_train.csv"
TFNS_LABELS = {"0": "negative", "1": "positive", "2": "neutral"}  # bearish, bullish, neutral
_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class Labelled:
    texts: list[str]
    labels: list[str]
    sources: list[str]  # which file each row came from
    files: dict[str, str]  # file -> sha256


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_sentiment(*, with_tfns: bool = True) -> Labelled:
    texts, labels, sources, files = [], [], [], {}
    ours = LABELS_DIR / "sentiment.csv"
    if ours.exists():
        with open(ours, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                texts.append(row["text"])
                labels.append(row["label"])
                sources.append("ours")
        files[str(ours.relative_to(ROOT))] = sha256(ours)
    if with_tfns and TFNS.exists():
        with open(TFNS, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                text = _URL.sub("", row["text"]).strip()
                if text:
                    texts.append(text)
                    labels.append(TFNS_LABELS[row["label"]])
                    sources.append("tfns")
        files["../shared/data/tfns/sent_train.csv"] = sha256(TFNS)
    return Labelled(texts, labels, sources, files)


def load_outlook() -> Labelled:
    path = LABELS_DIR / "outlook.csv"
    if not path.exists():
        return Labelled([], [], [], {})
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return Labelled([r["text"] for r in rows], [r["label"] for r in rows],
                    [r.get("voice") or "na" for r in rows],
                    {str(path.relative_to(ROOT)): sha256(path)})
