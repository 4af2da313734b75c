"""An article's stance on whether the rally lasts, from its sentences.

Each sentence gets outlook probabilities (``outlook.py``) and a sentiment
(``sentiment.py``); ``article_features.py`` sums them into one vector per article,
weighing the headline and the closing lines more and the views the author reports
("Investors see…", quotes, "…, said X") and questions less; a classifier trained on
labelled articles (``scripts/train_stance.py``, ``models/stance/``) reads that vector
and the article's words (``pipeline.StanceClassifier``). A skeptical piece that first
lays out the bulls' case should come out skeptical, and a market snapshot that only
frames the rally as fragile too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..extract.pipeline import make_sentence_splitter, sentence_bounds
from ..extract.speakers import find_speaker
from ..records import Article, SentenceScore, Stance
from .article_features import NAMES, VIEWS, Weighted, article_features, strengths
from .outlook import predict_outlook
from .persist import MODELS_DIR, load_model
from .pipeline import TEXT
from .sentiment import predict_sentiment

STANCES = ("sustainable", "skeptical", "uncertain", "none")
REPORTED = 0.6  # weight of a view the author reports (quotes, "bulls argue", "…, said X")
HEADLINE = 2.0  # weight of the headline (the text before the first blank line)
CLOSING = 1.5  # weight of the conclusion ("Bottom line", the last fifth of the sentences)
QUESTION = 0.3  # weight of a question ("Does the rally have legs?")
EVIDENCE = 3
BATCH = 32  # articles whose sentences are classified in one call
_OTHERS_VIEW = re.compile(
    r"\b(?:bulls|bears|optimists|skeptics|investors|some|many|proponents|critics|"
    r"traders|analysts)\s+(?:\w+\s+){0,2}(?:say|says|argue|argues|see|sees|believe|believes|"
    r"think|thinks|expect|expects|point|points|contend)\b", re.IGNORECASE)
_QUOTE_MARK = re.compile(r"[“”\"]")
_QUOTE = re.compile(r"[“\"][^“”\"]*[”\"]")
_SPEECH = re.compile(r"\b(?:said|says|say|told|tells|added|adds|noted|notes|according|wrote|"
                     r"writes|argued|argues|warned|warns|stated|states|concluded|concludes|"
                     r"believes|points? out|admits|asked|asks)\b", re.IGNORECASE)
_CLOSING = re.compile(r"^(?:bottom line|the bottom line|conclusion|takeaway|our view|"
                      r"in sum|overall|verdict|what we think|final thoughts|my take|"
                      r"to sum up|in short|net-net|tl;?dr)\b", re.IGNORECASE)
_MARKUP = "*_#>|-–— \t"  # markdown and list marks around a sentence ("**Bottom line:**")


def split_sentences(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each sentence, by the extractor's sentence splitter."""
    doc = make_sentence_splitter()(text)
    out = []
    for start, end in sentence_bounds(doc):
        lo, hi = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        if len(chunk := text[lo:hi].strip()) > 2:
            out.append((lo, hi, chunk))
    return out


def weigh(sentences: list[tuple[int, int, str]], headline_end: int = 0,
          full_text: str = "") -> list[Weighted]:
    """Each sentence with its place (headline, closing) and voice, and its weight; after
    a sentence that quotes someone, the author's own words around the quote (if any).
    ``full_text``, the article the sentences were split from, tells where paragraphs
    break: a sentence inside a quotation that an earlier sentence of its paragraph
    opened is reported speech too (without it, each sentence is read alone)."""
    weighted, closing = [], False
    quoted = _inside_quotes(sentences, full_text)
    for i, (start, end, text) in enumerate(sentences):
        bare = text.strip(_MARKUP)
        closing = closing or bool(_CLOSING.match(bare))
        is_headline = i == 0 or start < headline_end
        is_closing = closing or i >= len(sentences) * 0.8
        reported = bool(quoted[i] or _OTHERS_VIEW.search(text) or find_speaker(text)
                        or _quotes(text))
        weight = ((HEADLINE if is_headline else 1.0) * (CLOSING if is_closing else 1.0)
                  * (QUESTION if bare.endswith("?") else 1.0))
        weighted.append(Weighted(start, end, text, weight * (REPORTED if reported else 1.0),
                                 is_headline, is_closing, reported))
        if (clause := author_clause(text)) is not None:
            weighted.append(Weighted(start, end, clause, weight, is_headline, is_closing,
                                     reported=False, clause=True))
    return weighted


def _inside_quotes(sentences: list[tuple[int, int, str]], text: str) -> list[bool]:
    """Whether each sentence starts inside a quotation opened earlier in its paragraph
    ('"The most shorted decile outperformed. That's people being forced out. Squeezes
    end when the shorts run out."': the second and third sentences). A line break
    closes any open quotation, so a stray mark costs at most the rest of a paragraph."""
    out, inside, last = [], False, 0
    for start, end, sentence in sentences:
        if not text or "\n" in text[last:start]:
            inside = False
        out.append(inside)
        for mark in _QUOTE_MARK.findall(sentence):
            inside = mark == "“" or (mark == '"' and not inside)
        last = end
    return out


def _quotes(sentence: str) -> bool:
    """Whether ``sentence`` quotes someone: a quote that starts in upper case, or any
    quote with a verb of speech ("notes X"); a phrase in quotes in the author's own
    sentence ('the so-called "everything rally" will fade') is not a quote of anyone."""
    if not _QUOTE_MARK.search(sentence):
        return False
    quotes = _QUOTE.findall(sentence)
    return not quotes or not all(map(_woven, quotes)) or bool(_SPEECH.search(sentence))


def _woven(quote: str) -> bool:
    """Whether a quote (marks included) starts in lower case: a phrase woven into the
    sentence around it ('tell a "less convincing story"'), not words that stand alone."""
    return quote[1:2].islower()


def author_clause(sentence: str) -> str | None:
    """The words outside the quotes of a sentence that quotes someone, when they are a
    clause of the author's own (four words or more, leaving out the parts that attribute
    the quote with "said", "told", "according to"): 'Investor optimism may be premature:
    "…," X told Y.' gives "Investor optimism may be premature". A quote that starts in
    lower case is a phrase woven into the sentence ('the fundamentals tell a "less
    convincing story," notes X'): the words around it are not a clause of their own.
    """
    quotes = _QUOTE.findall(sentence)
    if not quotes or any(map(_woven, quotes)):
        return None
    parts = [" ".join(part.split()).strip(" :;,.") for part in _QUOTE.split(sentence)]
    rest = " … ".join(part for part in parts if part and not _SPEECH.search(part))
    if len(re.findall(r"[A-Za-z]{2,}", rest)) < 4 or _QUOTE_MARK.search(rest):
        return None
    return rest


def article_sentences(article: Article) -> list[Weighted]:
    return weigh(split_sentences(article.text), max(article.text.find("\n\n"), 0),
                 article.text)


@lru_cache(maxsize=4)
def load_stance(folder: Path = MODELS_DIR / "stance") -> Any:
    """The article model: ``article_features`` in, P(stance) out (``STANCES``)."""
    return load_model(folder)


def decide_stance(sentences: Sequence[Weighted], outlooks: Sequence[dict[str, float]],
                  probabilities: dict[str, float]) -> tuple[str, float, float, tuple[str, ...]]:
    """(stance, score, confidence, evidence) from the article model's probabilities.

    The score is P(sustainable) - P(skeptical); the confidence, the winner's
    probability; the evidence, the clearest sentences for the winning view (all three
    views for ``uncertain``), strongest first, each once (the author's clause around a
    quote or the whole sentence, whichever is clearer).
    """
    stance = max(probabilities, key=probabilities.__getitem__)
    score = probabilities["sustainable"] - probabilities["skeptical"]
    wanted = {"sustainable": ("sustainable",), "skeptical": ("fade",),
              "uncertain": VIEWS, "none": ()}[stance]
    cols = [VIEWS.index(view) for view in wanted]
    best = strengths(sentences, outlooks)[:, cols].max(axis=1, initial=0.0)
    order = sorted((i for i in range(len(sentences)) if best[i] > 0), key=lambda i: (-best[i], i))
    spans: dict[tuple[int, int], str] = {}  # a sentence and its author's clause: one piece
    for i in order:
        spans.setdefault((sentences[i].start, sentences[i].end), sentences[i].text)
    evidence = tuple(spans.values())[:EVIDENCE]
    return stance, round(score, 4), round(probabilities[stance], 4), evidence


def predict_stances(articles: Iterable[Article], *, outlook_model: Any | None = None,
                    sentiment_model: Any | None = None, stance_model: Any | None = None,
                    batch: int = BATCH) -> Iterator[tuple[Stance, list[SentenceScore]]]:
    """Each article's stance and the sentiment of each of its sentences, in input order.

    The sentences of ``batch`` articles go through the classifiers together: one call
    per batch costs far less than one per article.
    """
    model = stance_model if stance_model is not None else load_stance()
    classes = list(model.classes_)
    for chunk in _read(articles, outlook_model, sentiment_model, batch):
        rows = model.predict_proba(_inputs(chunk))
        for (article, sentences, outlooks, moods, _), row in zip(chunk, rows, strict=True):
            probabilities = {label: float(row[classes.index(label)]) for label in STANCES}
            yield _article_stance(article, sentences, outlooks, moods, probabilities)


def stance_inputs(articles: Iterable[Article], *, batch: int = BATCH) -> pd.DataFrame:
    """The article model's input, one row per article (for training it): the
    ``article_features`` columns and the text."""
    chunks = [_inputs(chunk) for chunk in _read(articles, None, None, batch)]
    return pd.concat(chunks, ignore_index=True) if chunks else _inputs([])


def _inputs(chunk: list[_Read]) -> pd.DataFrame:
    frame = pd.DataFrame(np.array([features for *_, features in chunk]).reshape(-1, len(NAMES)),
                         columns=list(NAMES))
    frame[TEXT] = [article.text for article, *_ in chunk]
    return frame


_Read = tuple[Article, list[Weighted], list[dict[str, float]], list[tuple[str, float, float]],
              np.ndarray]


def _read(articles: Iterable[Article], outlook_model: Any | None,
          sentiment_model: Any | None, batch: int) -> Iterator[list[_Read]]:
    """Chunks of ``batch`` articles, each with its sentences, their outlooks and
    sentiments, and its ``article_features``."""
    stream = iter(articles)
    while chunk := list(islice(stream, batch)):
        split = [article_sentences(a) for a in chunk]
        texts = [s.text for sentences in split for s in sentences]
        outlooks = predict_outlook(texts, outlook_model)
        moods = predict_sentiment(texts, sentiment_model)
        out, at = [], 0
        for article, sentences in zip(chunk, split, strict=True):
            lo, at = at, at + len(sentences)
            features = article_features(sentences, outlooks[lo:at], [m[1] for m in moods[lo:at]])
            out.append((article, sentences, outlooks[lo:at], moods[lo:at], features))
        yield out


def _article_stance(article: Article, sentences: list[Weighted],
                    outlooks: Sequence[dict[str, float]],
                    moods: Sequence[tuple[str, float, float]],
                    probabilities: dict[str, float]) -> tuple[Stance, list[SentenceScore]]:
    stance, score, confidence, evidence = decide_stance(sentences, outlooks, probabilities)
    whole = [(s, mood) for s, mood in zip(sentences, moods, strict=True) if not s.clause]
    scores = [SentenceScore(article.id, i, s.start, s.end, s.text, label,  # type: ignore[arg-type]
                            round(value, 4), round(p, 4))
              for i, (s, (label, value, p)) in enumerate(whole)]
    mean = sum(s.score for s in scores) / len(scores) if scores else 0.0
    return Stance(article.id, article.source, stance, score, confidence,  # type: ignore[arg-type]
                  evidence, round(mean, 4)), scores
