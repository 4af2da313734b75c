"""nlp.analyze.hits: was each stance right, and hit rates per outlet and author."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from nlp.analyze.hits import hit_rates, score_hits

DAYS = pd.bdate_range("2024-07-01", periods=8)  # d0 .. d7
HORIZONS = {"2d": 2, "4d": 4}


def closes() -> pd.DataFrame:
    return pd.concat([
        pd.DataFrame({"subject": "russell_2000", "date": DAYS,
                      "close": [100.0, 100, 110, 110, 110, 90, 90, 90]}),
        pd.DataFrame({"subject": "sp500", "date": DAYS, "close": [100.0] * 8}),
    ], ignore_index=True)
    # relative 2-session returns from d0..d5: +.1 +.1 0 -.18 -.18 0; 4-session: +.1 -.1 -.18 -.18


def articles() -> pd.DataFrame:
    rows = [  # article, stance, session index, publisher, author, duplicate_of
        ("A", "sustainable", 0, "pubX", "ann", None),  # 2d hit, 4d hit
        ("B", "skeptical", 0, "pubX", "bob", None),  # 2d miss, 4d miss
        ("C", "skeptical", 3, "pubY", "ann", None),  # 2d hit, 4d hit
        ("D", "sustainable", 2, "pubY", "bob", None),  # 2d: exactly 0 -> miss; 4d miss
        ("E", "uncertain", 0, "pubX", "ann", None),  # not scored
        ("F", "sustainable", 6, "pubY", "cy", None),  # windows run past the closes
        ("G", "sustainable", 1, "pubX", None, None),  # 2d hit, 4d miss
        ("H", "sustainable", 0, "pubZ", "dee", "A"),  # near-duplicate of A: dropped
    ]
    frame = pd.DataFrame(rows, columns=["article", "stance", "day", "publisher", "author",
                                        "duplicate_of"])
    frame["session"] = DAYS[frame["day"]]
    return frame.drop(columns="day")


def test_score_hits_by_hand() -> None:
    hits = score_hits(articles(), closes(), horizons=HORIZONS).set_index("article")
    assert "H" not in hits.index
    assert hits["hit_2d"].tolist() == [True, False, True, False, pd.NA, pd.NA, True]
    assert hits["hit_4d"].tolist() == [True, False, True, False, pd.NA, pd.NA, False]
    assert math.isclose(hits.loc["C", "rel_fwd_4d"], 90 / 110 - 1)
    assert math.isnan(hits.loc["F", "rel_fwd_2d"])
    assert str(hits["hit_2d"].dtype) == "boolean"


def test_default_horizons_are_four_and_twelve_weeks() -> None:
    hits = score_hits(articles(), closes())
    assert {"rel_fwd_4w", "rel_fwd_12w", "hit_4w", "hit_12w"} <= set(hits.columns)
    assert hits["hit_4w"].isna().all()  # eight sessions of closes: no window completes


def test_hit_rates_per_publisher() -> None:
    hits = score_hits(articles(), closes(), horizons=HORIZONS)
    rates = hit_rates(hits, by="publisher", horizons=["2d", "4d"])
    assert list(rates.columns) == ["publisher", "horizon", "hits", "scored", "rate"]
    got = [tuple(row) for row in rates.itertuples(index=False)]
    assert got == [
        ("pubX", "2d", 2, 3, 2 / 3), ("pubY", "2d", 1, 2, 0.5),
        ("pubX", "4d", 1, 3, 1 / 3), ("pubY", "4d", 1, 2, 0.5),
    ]


def test_hit_rates_per_author_with_unknown_and_unscored() -> None:
    hits = score_hits(articles(), closes(), horizons=HORIZONS)
    rates = hit_rates(hits, by="author", horizons=["2d"]).set_index("author")
    assert rates.loc["ann", ["hits", "scored"]].tolist() == [2, 2]
    assert rates.loc["bob", ["hits", "scored"]].tolist() == [0, 2]
    assert rates.loc["(unknown)", ["hits", "scored", "rate"]].tolist() == [1, 1, 1.0]
    assert rates.loc["cy", "scored"] == 0
    assert math.isnan(rates.loc["cy", "rate"])


def test_missing_columns_are_named() -> None:
    with pytest.raises(ValueError, match="stance"):
        score_hits(articles().drop(columns="stance"), closes())
    with pytest.raises(ValueError, match="hit_4w"):
        hit_rates(articles())
