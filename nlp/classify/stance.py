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
from typing import Any

from ..extract.pipeline import make_sentence_splitter, sentence_bounds
from ..extract.speakers import find_speaker
from ..records import Article, SentenceScore, Stance
from .outlook import predict_outlook
from .sentiment import predict_sentiment

RALLY_MIN = 0.8  # less outlook evidence than this (about one clear sentence) is no view
NONE_CUTOFF = 0.6  # sentences this likely to say nothing about the rally are left out
CLEAR = 0.5  # a sentence counts for its most likely outlook when that is at least this
EVIDENCE = 3
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
        weight = 2.0 if i == 0 or start < headline_end else 1.0
        if closing or i >= len(sentences) * 0.8:
            weight *= 1.5
        if _REPORTED.search(text) or find_speaker(text):
            weight *= 0.6
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
        mass[label] += sentence.weight * p[label]
        support.append((sentence.weight * p[label], label, sentence.text))
    total = sum(mass.values())
    if total < RALLY_MIN:
        return "none", 0.0, round(1 - total / RALLY_MIN * 0.5, 4), ()
    score = (mass["sustainable"] - mass["fade"]) / (total + 0.5)
    lean = abs(mass["sustainable"] - mass["fade"])
    if mass["uncertain"] >= max(mass["sustainable"], mass["fade"]) or lean < 0.25 * total:
        stance, wanted = "uncertain", {"uncertain", "sustainable", "fade"}
    elif score > 0:
        stance, wanted = "sustainable", {"sustainable"}
    else:
        stance, wanted = "skeptical", {"fade"}
    winner = mass["uncertain"] if stance == "uncertain" else max(mass["sustainable"],
                                                                  mass["fade"])
    confidence = winner / total * (1 - math.exp(-total / 2))
    evidence = tuple(text for _, label, text in sorted(support, reverse=True)
                     if label in wanted)[:EVIDENCE]
    return stance, round(score, 4), round(confidence, 4), evidence


def predict_stances(articles: Iterable[Article], *, outlook_model: Any | None = None,
                    sentiment_model: Any | None = None
                    ) -> Iterator[tuple[Stance, list[SentenceScore]]]:
    """Each article's stance and the sentiment of each of its sentences."""
    for article in articles:
        headline = article.text.find("\n\n")
        sentences = _weights(split_sentences(article.text), max(headline, 0))
        texts = [s.text for s in sentences]
        outlooks = predict_outlook(texts, outlook_model)
        moods = predict_sentiment(texts, sentiment_model)
        stance, score, confidence, evidence = decide_stance(sentences, outlooks)
        scores = [SentenceScore(article.id, i, s.start, s.end, s.text, label,  # type: ignore[arg-type]
                                round(value, 4), round(p, 4))
                  for i, (s, (label, value, p)) in enumerate(zip(sentences, moods, strict=True))]
        mean = sum(s.score for s in scores) / len(scores) if scores else 0.0
        yield Stance(article.id, article.source, stance, score, confidence,  # type: ignore[arg-type]
                     evidence, round(mean, 4)), scores
