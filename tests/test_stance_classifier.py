"""pipeline.StanceClassifier: the article features and the words, stacked."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from nlp.classify.pipeline import TEXT, StanceClassifier

BULL = ["We'd stay overweight and add on weakness: the runway is long.",
        "Add on weakness; the rotation has a long runway and we stay overweight.",
        "The runway is long, so stay overweight small caps and add on any dip."]
BEAR = ["Take profits: this is a sugar high priced for perfection.",
        "A sugar high, priced for perfection; we would take profits now.",
        "Priced for perfection and running on a sugar high: take profits."]


def _frame(texts: list[str], features: np.ndarray) -> pd.DataFrame:
    frame = pd.DataFrame(features, columns=["mass", "share"])
    frame[TEXT] = texts
    return frame


def _training() -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(0)
    texts = [f"{t} Note {i}." for i in range(5) for t in BULL + BEAR]
    labels = (["sustainable"] * 3 + ["skeptical"] * 3) * 5
    return _frame(texts, rng.normal(size=(len(texts), 2))), np.array(labels)


def test_the_words_decide_when_the_features_say_nothing() -> None:
    X, y = _training()
    model = StanceClassifier(c=1.0).fit(X, y)
    new = _frame(["Stay overweight: the runway is long.", "Take profits on this sugar high."],
                 np.zeros((2, 2)))
    assert model.predict(new).tolist() == ["sustainable", "skeptical"]
    probabilities = model.predict_proba(new)
    assert probabilities.shape == (2, 2) and np.allclose(probabilities.sum(axis=1), 1)
    assert list(model.classes_) == ["skeptical", "sustainable"]


def test_fits_repeat_and_columns_are_matched_by_name() -> None:
    X, y = _training()
    first = StanceClassifier().fit(X, y).predict_proba(X)
    again = clone(StanceClassifier()).fit(X, y)
    assert np.array_equal(first, again.predict_proba(X))
    assert np.array_equal(first, again.predict_proba(X[[TEXT, "share", "mass"]]))


def test_input_without_the_text_is_refused() -> None:
    X, y = _training()
    with pytest.raises(ValueError, match="needs a 'text' column"):
        StanceClassifier().fit(X.drop(columns=TEXT), y)
    with pytest.raises(ValueError, match="needs a 'text' column"):
        StanceClassifier().fit(X, y).predict_proba(X.drop(columns=TEXT))
