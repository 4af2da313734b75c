"""An article's stance on whether the rally lasts, from its sentences.

Each sentence gets outlook probabilities (``outlook.py``) and a sentiment
(``sentiment.py``); the sentences that speak about the rally's future are weighed and
summed. The headline and the closing lines weigh more, views the author reports
("Investors see…", quotes, "…, said X") and questions weigh less: a skeptical piece
that first lays out the bulls' case should come out skeptical.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from ..errors import ModelError
from ..extract.pipeline import make_sentence_splitter, sentence_bounds
from ..extract.speakers import find_speaker
from ..records import Article, SentenceScore, Stance
from .outlook import predict_outlook
from .persist import MODELS_DIR, load_meta
from .sentiment import predict_sentiment

# Tuned by grid search on the 46 sample articles and the seeds (development; 40 of 51
# right), then checked once on the 20 held-out articles (scripts/evaluate_stance.py).
CLEAR = 0.5  # a sentence counts for its most likely outlook when that is at least this
FLOOR = 0.45  # ... and counts for (probability - FLOOR): clear sentences outweigh many faint
RALLY_MIN = 0.8  # less outlook evidence than this (about one clear headline) is no view
NONE_CUTOFF = 0.6  # sentences this likely to say nothing about the rally are left out
UNDECIDED = 1.0  # uncertain when its mass is this many times the larger side's ...
NARROW = 0.15  # ... or when the two sides differ by less than this share of all the mass
REPORTED = 0.6  # weight of a view the author reports (quotes, "bulls argue", "…, said X")
HEADLINE = 2.0  # weight of the headline (the text before the first blank line)
CLOSING = 1.5  # weight of the conclusion ("Bottom line", the last fifth of the sentences)
EVIDENCE = 3
BATCH = 32  # articles whose sentences are classified in one call
_REPORTED = re.compile(
    r"[“”\"]|\b(?:bulls|bears|optimists|skeptics|investors|some|many|proponents|critics|"
    r"traders|analysts)\s+(?:\w+\s+){0,2}(?:say|says|argue|argues|see|sees|believe|believes|"
    r"think|thinks|expect|expects|point|points|contend)\b", re.IGNORECASE)
_CLOSING = re.compile(r"^(?:bottom line|the bottom line|conclusion|takeaway|our view|"
                      r"in sum|overall|verdict|what we think)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    text: str
    weight: float


def split_sentences(text: str) -> list[tuple[int, int, str]]:
    doc = make_sentence_splitter()(text)
    out = []
    for start, end in sentence_bounds(doc):
        lo, hi = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        chunk = text[lo:hi].strip()
        if len(chunk) > 2:
            out.append((lo, hi, chunk))
    return out


def _weights(sentences: list[tuple[int, int, str]], headline_end: int = 0) -> list[_Sentence]:
    weighted, closing = [], False
    for i, (start, end, text) in enumerate(sentences):
        closing = closing or bool(_CLOSING.match(text))
        weight = HEADLINE if i == 0 or start < headline_end else 1.0
        if closing or i >= len(sentences) * 0.8:
            weight *= CLOSING
        if _REPORTED.search(text) or find_speaker(text):
            weight *= REPORTED
        if text.endswith("?"):
            weight *= 0.3
        weighted.append(_Sentence(start, end, text, weight))
    return weighted


def decide_stance(sentences: Sequence[_Sentence], outlooks: Sequence[dict[str, float]]
                  ) -> tuple[str, float, float, tuple[str, ...]]:
    """(stance, score, confidence, evidence) from weighted sentence outlooks."""
    mass = {"sustainable": 0.0, "fade": 0.0, "uncertain": 0.0}
    support: list[tuple[float, str, str]] = []
    for sentence, p in zip(sentences, outlooks, strict=True):
        label = max(p, key=p.__getitem__)
        if label == "none" or p[label] < CLEAR or p["none"] >= NONE_CUTOFF:
            continue  # only sentences that clearly speak about the rally's future count
        strength = sentence.weight * (p[label] - FLOOR)
        mass[label] += strength
        support.append((strength, label, sentence.text))
    total = sum(mass.values())
    if total < RALLY_MIN:
        return "none", 0.0, round(1 - total / RALLY_MIN * 0.5, 4), ()
    score = (mass["sustainable"] - mass["fade"]) / (total + 0.5)
    lean = abs(mass["sustainable"] - mass["fade"])
    if (mass["uncertain"] >= UNDECIDED * max(mass["sustainable"], mass["fade"])
            or lean < NARROW * total):
        stance, wanted = "uncertain", {"uncertain", "sustainable", "fade"}
    elif score > 0:
        stance, wanted = "sustainable", {"sustainable"}
    else:
        stance, wanted = "skeptical", {"fade"}
    winner = mass["uncertain"] if stance == "uncertain" else max(mass["sustainable"],
                                                                  mass["fade"])
    confidence = winner / total * (1 - math.exp(-total / 2))  # raw; see calibrate()
    evidence = tuple(text for _, label, text in sorted(support, reverse=True)
                     if label in wanted)[:EVIDENCE]
    return stance, round(score, 4), round(confidence, 4), evidence


@lru_cache(maxsize=4)
def load_calibration(folder: Path = MODELS_DIR / "stance") -> tuple[float, float]:
    """(slope, intercept) of the logistic map from raw to calibrated confidence, fitted
    by ``scripts/train_stance.py`` on the labelled sample articles."""
    fitted = load_meta(folder).get("calibration")
    if not isinstance(fitted, dict):
        raise ModelError(f"{folder / 'meta.json'}: no calibration; run scripts/train_stance.py")
    return float(fitted["slope"]), float(fitted["intercept"])


def calibrate(raw: float, calibration: tuple[float, float]) -> float:
    """The probability that a stance with raw confidence ``raw`` is right."""
    slope, intercept = calibration
    return 1 / (1 + math.exp(-(slope * raw + intercept)))


def predict_stances(articles: Iterable[Article], *, outlook_model: Any | None = None,
                    sentiment_model: Any | None = None, batch: int = BATCH,
                    calibrated: bool = True
                    ) -> Iterator[tuple[Stance, list[SentenceScore]]]:
    """Each article's stance and the sentiment of each of its sentences, in input order.

    The sentences of ``batch`` articles go through the classifiers together: one call
    per batch costs far less than one per article. ``confidence`` is calibrated (the
    chance the stance is right, as measured on the labelled sample) unless
    ``calibrated`` is false, which gives the raw evidence share fitted against.
    """
    calibration = load_calibration() if calibrated else None
    stream = iter(articles)
    while chunk := list(islice(stream, batch)):
        split = [_weights(split_sentences(a.text), max(a.text.find("\n\n"), 0))
                 for a in chunk]
        texts = [s.text for sentences in split for s in sentences]
        outlooks = predict_outlook(texts, outlook_model)
        moods = predict_sentiment(texts, sentiment_model)
        at = 0
        for article, sentences in zip(chunk, split, strict=True):
            end = at + len(sentences)
            yield _article_stance(article, sentences, outlooks[at:end], moods[at:end],
                                  calibration)
            at = end


def _article_stance(article: Article, sentences: list[_Sentence],
                    outlooks: Sequence[dict[str, float]],
                    moods: Sequence[tuple[str, float, float]],
                    calibration: tuple[float, float] | None
                    ) -> tuple[Stance, list[SentenceScore]]:
    stance, score, confidence, evidence = decide_stance(sentences, outlooks)
    if calibration is not None:
        confidence = round(calibrate(confidence, calibration), 4)
    scores = [SentenceScore(article.id, i, s.start, s.end, s.text, label,  # type: ignore[arg-type]
                            round(value, 4), round(p, 4))
              for i, (s, (label, value, p)) in enumerate(zip(sentences, moods, strict=True))]
    mean = sum(s.score for s in scores) / len(scores) if scores else 0.0
    return Stance(article.id, article.source, stance, score, confidence,  # type: ignore[arg-type]
                  evidence, round(mean, 4)), scores
