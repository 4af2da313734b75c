"""Labelled sentences for training and evaluation: ours in corpus/labels/, and the real
financial tweets in ../shared/data/tfns/ (MIT; read here, never copied into the project)."""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp.collect.folder import read_file
from nlp.records import Article

ROOT = Path(__file__).resolve().parent.parent
LABELS_DIR = ROOT / "corpus" / "labels"
SAMPLE = ROOT / "corpus" / "sample"
HELDOUT = ROOT / "corpus" / "heldout"
DEV = ROOT / "corpus" / "dev"
RETIRED = ROOT / "corpus" / "retired"
TFNS = ROOT.parent / "shared" / "data" / "tfns" / "sent_train.csv"
TFNS_LABELS = {"0": "negative", "1": "positive", "2": "neutral"}  # bearish, bullish, neutral
_URL = re.compile(r"https?://\S+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


@dataclass(frozen=True)
class Labelled:
    texts: list[str]
    labels: list[str]
    sources: list[str]  # which file each row came from
    files: dict[str, str]  # file -> sha256


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_sha256(folder: Path) -> str:
    """One digest for every file under ``folder``: their relative paths and contents."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(folder)}\0{sha256(path)}\n".encode())
    return digest.hexdigest()


def _ours(prefix: str) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Rows of every corpus/labels/<prefix>*.csv, with each file's SHA-256."""
    rows, files = [], {}
    for path in sorted(LABELS_DIR.glob(f"{prefix}*.csv")):
        with open(path, encoding="utf-8") as handle:
            rows += [{**row, "file": path.stem} for row in csv.DictReader(handle)]
        files[str(path.relative_to(ROOT))] = sha256(path)
    return rows, files


def load_sentiment(*, with_tfns: bool = True) -> Labelled:
    rows, files = _ours("sentiment")
    texts = [r["text"] for r in rows]
    labels = [r["label"] for r in rows]
    sources = ["ours"] * len(rows)
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
    rows, files = _ours("outlook")
    return Labelled([r["text"] for r in rows], [r["label"] for r in rows],
                    [r.get("voice") or "na" for r in rows], files)


def vocabulary(min_count: int = 3) -> list[str]:
    """Words of the labelled sentences seen at least ``min_count`` times, lowercased:
    the static encoder gets a vector of its own for each."""
    counts: Counter[str] = Counter()
    for prefix in ("sentiment", "outlook"):
        rows, _ = _ours(prefix)
        for row in rows:
            counts.update(w.lower() for w in _WORD.findall(row["text"]))
    return sorted(w for w, n in counts.items() if n >= min_count)


def labelled_articles(folder: Path, labels: Path) -> list[tuple[Article, str]]:
    """Articles under ``folder`` with the stance ``labels`` gives them (file[,line],stance)."""
    articles = {}
    for path in sorted(folder.rglob("*.*")):
        for article in read_file(path):
            if isinstance(article, Article):
                articles[str(Path(article.source).relative_to(folder))] = article
    with open(labels, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [(articles[row["file"] + (f":{row['line']}" if row.get("line") else "")],
             row["stance"]) for row in rows]


def article_set(folder: Path) -> list[tuple[Article, str]]:
    """A set folder's articles (``articles/``) with their stances (``articles.csv``)."""
    return labelled_articles(folder / "articles", folder / "articles.csv")


def retired_sets() -> list[Path]:
    """corpus/retired/*/: former held-out article sets, one writer each, now trained on."""
    return sorted(folder.parent for folder in RETIRED.glob("*/articles.csv"))


def development_articles() -> list[tuple[Article, str]]:
    """The labelled articles stance is trained and tuned on: the sample corpus,
    corpus/dev and the retired held-out sets (never corpus/heldout* or the seeds)."""
    pairs = (labelled_articles(SAMPLE / "articles", SAMPLE / "labels.csv")
             + labelled_articles(DEV / "articles", DEV / "labels.csv"))
    for folder in retired_sets():
        pairs += article_set(folder)
    return pairs


def writer(article: Article) -> str:
    """Who wrote a development article: the letter that starts a corpus/dev file name
    ("a-01-….txt" is writer a), a retired set's folder name ("heldout4"), or "sample"
    for the sample corpus."""
    path = Path(article.source)
    if DEV in path.parents:
        return path.name.split("-")[0]
    if RETIRED in path.parents:
        return path.relative_to(RETIRED).parts[0]
    return "sample"


def writer_scores(by_writer: dict[str, Any]) -> str:
    """A stance card's leave-one-writer-out scores on one line: "a=0.971 b=0.943 …"."""
    return " ".join(f"{w}={a:.3f}" for w, a in by_writer["writers"].items())


def heldout_article_sets() -> list[Path]:
    """corpus/heldout*/ folders with labelled articles, each from a writer who never saw
    the training data: only ever scored, never trained or tuned on."""
    return sorted(folder for folder in (ROOT / "corpus").glob("heldout*")
                  if (folder / "articles.csv").is_file())
