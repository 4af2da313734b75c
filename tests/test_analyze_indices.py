"""nlp.analyze.indices: stance and sentiment indices by hand, joined to returns."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from nlp.analyze.indices import (
    forward_periods,
    index_with_returns,
    join_returns,
    sentiment_index,
    stance_index,
)


def stances() -> pd.DataFrame:
    rows = [  # article, stance, score, confidence, sentiment, session, duplicate_of
        ("a1", "sustainable", 0.8, 0.9, 0.2, "2024-07-08", None),
        ("a2", "skeptical", -0.6, 0.3, -0.4, "2024-07-09", None),
        ("a3", "sustainable", 0.8, 0.9, 0.9, "2024-07-08", "a1"),  # near-duplicate of a1
        ("a4", "none", 0.0, 0.5, 0.1, "2024-07-10", None),
        ("a5", "uncertain", 0.1, 0.2, 0.0, "2024-07-12", None),
        ("a6", "sustainable", 0.4, 0.5, 0.3, "2024-07-12", None),
        ("b1", "skeptical", -0.5, 1.0, -0.6, "2024-07-29", None),
        ("c1", "sustainable", 0.9, 1.0, 0.5, None, None),  # after the last close
    ]
    frame = pd.DataFrame(rows, columns=["article", "stance", "score", "confidence",
                                        "sentiment", "session", "duplicate_of"])
    frame["session"] = pd.to_datetime(frame["session"])
    return frame


def test_weekly_stance_index_by_hand() -> None:
    index = stance_index(stances(), freq="W")
    assert index["period"].tolist() == pd.to_datetime(["2024-07-12", "2024-08-02"]).tolist()
    week = index.iloc[0]
    # a3 duplicates a1 and is dropped; a4 takes no view
    assert (week["articles"], week["opinions"]) == (5, 4)
    assert (week["sustainable"], week["skeptical"], week["uncertain"], week["none"]) == \
        (2, 1, 1, 1)
    weighted = (0.9 * 0.8 + 0.3 * -0.6 + 0.2 * 0.1 + 0.5 * 0.4) / (0.9 + 0.3 + 0.2 + 0.5)
    assert math.isclose(week["stance_index"], weighted)
    assert math.isclose(week["stance_index"], 0.4)  # unweighted it would be 0.175
    assert math.isclose(week["net_sustainable"], (2 - 1) / 4)
    later = index.iloc[1]
    assert (later["articles"], later["stance_index"], later["net_sustainable"]) == (1, -0.5, -1)


def test_daily_and_monthly_buckets() -> None:
    daily = stance_index(stances(), freq="D").set_index("period")
    assert daily.loc["2024-07-08", "articles"] == 1  # a1 once, not a3
    assert math.isnan(daily.loc["2024-07-10", "stance_index"])  # only a 'none'
    monthly = stance_index(stances(), freq="M")
    assert monthly["period"].tolist() == [pd.Timestamp("2024-07-31")]
    assert monthly["articles"].tolist() == [6]


def test_zero_confidence_gives_nan_not_error() -> None:
    frame = stances().assign(confidence=0.0)
    assert stance_index(frame)["stance_index"].isna().all()


def test_sentiment_index_per_article_and_per_sentence() -> None:
    index = sentiment_index(stances(), freq="W")
    assert index["sentiment_n"].tolist() == [5, 1]
    assert math.isclose(index["sentiment_index"].iloc[0], (0.2 - 0.4 + 0.1 + 0.0 + 0.3) / 5)

    sentences = pd.DataFrame({
        "article": ["a1", "a1", "a1", "a2", "a3"],
        "position": [0, 1, 2, 0, 0],
        "score": [0.9, 0.6, 0.0, -0.3, 1.0],
        "session": pd.to_datetime(["2024-07-08"] * 3 + ["2024-07-09", "2024-07-08"]),
        "duplicate_of": [None, None, None, None, "a1"],
    })
    by_sentence = sentiment_index(sentences, value_col="score", level="sentence")
    assert by_sentence["sentiment_n"].tolist() == [4]
    assert math.isclose(by_sentence["sentiment_index"].iloc[0], (0.9 + 0.6 + 0.0 - 0.3) / 4)


def make_closes() -> pd.DataFrame:
    days = pd.bdate_range("2024-07-01", "2024-09-30")
    steps = np.arange(len(days))
    return pd.concat([
        pd.DataFrame({"subject": "russell_2000", "date": days, "close": 100 * 1.01 ** steps}),
        pd.DataFrame({"subject": "sp500", "date": days, "close": 100 * 1.002 ** steps}),
    ], ignore_index=True)


def test_join_returns_fills_weeks_and_measures_from_the_week_end() -> None:
    closes = make_closes()
    index = stance_index(stances(), freq="W")
    table = join_returns(index, closes, freq="W", horizons={"1w": 5, "4w": 20})
    weeks = pd.date_range("2024-07-12", "2024-08-02", freq="W-FRI")
    assert table["period"].tolist() == weeks.tolist()  # the empty weeks are rows too
    assert table["articles"].tolist() == [5, 0, 0, 1]
    assert table["stance_index"].isna().tolist() == [False, True, True, False]
    first = table.iloc[0]
    assert first["end"] == pd.Timestamp("2024-07-12")
    assert math.isclose(first["return"], 1.01 ** 5 - 1)  # Fri 5 Jul close to Fri 12 Jul
    assert math.isclose(first["rel_return"], (1.01 ** 5 - 1) - (1.002 ** 5 - 1))
    assert math.isclose(first["fwd_1w"], 1.01 ** 5 - 1)
    assert math.isclose(first["fwd_4w"], 1.01 ** 20 - 1)
    assert math.isclose(first["rel_fwd_4w"], (1.01 ** 20 - 1) - (1.002 ** 20 - 1))
    assert list(table.columns[:3]) == ["period", "articles", "opinions"]


def test_index_with_returns_has_both_indices() -> None:
    table = index_with_returns(stances(), make_closes(), freq="W")
    for column in ("stance_index", "sentiment_index", "sentiment_n", "return", "rel_return",
                   "fwd_1w", "fwd_4w", "fwd_12w", "rel_fwd_12w"):
        assert column in table.columns
    assert table["sentiment_n"].tolist() == [5, 0, 0, 1]


def test_forward_periods_by_frequency() -> None:
    assert forward_periods("W")["fwd_4w"] == 4
    assert forward_periods("D")["rel_fwd_12w"] == 60
    assert forward_periods("M")["fwd_1w"] == 1
    assert forward_periods("M")["fwd_12w"] == 3


def test_missing_columns_are_named() -> None:
    with pytest.raises(ValueError, match="confidence"):
        stance_index(stances().drop(columns="confidence"))
    with pytest.raises(ValueError, match="session"):
        stance_index(stances().drop(columns="session"))
