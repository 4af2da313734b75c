"""nlp.analyze.returns: simple, forward, window and relative returns worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from nlp.analyze.returns import (
    forward_returns,
    relative_returns,
    simple_returns,
    window_returns,
)

# Mon 29 Jul .. Mon 5 Aug 2024: weeks end Fri 2 Aug and Fri 9 Aug; July ends on the 31st
DATES = ["2024-07-29", "2024-07-30", "2024-07-31", "2024-08-01", "2024-08-02", "2024-08-05"]
R2K = [100.0, 110.0, 99.0, 99.0, 108.9, 87.12]  # +10 %, -10 %, 0, +10 %, -20 %
SPX = [200.0, 202.0, 202.0, 202.0, 202.0, 101.0]  # +1 %, 0, 0, 0, -50 %


def closes(shuffled: bool = False) -> pd.DataFrame:
    frame = pd.DataFrame({
        "subject": ["russell_2000"] * 6 + ["sp500"] * 6,
        "date": DATES * 2,
        "close": R2K + SPX,
    })
    return frame.sample(frac=1, random_state=1) if shuffled else frame


def values(series: pd.Series) -> list[float | None]:
    return [None if pd.isna(v) else round(float(v), 10) for v in series]


def test_simple_returns_of_six_rows() -> None:
    out = simple_returns(closes(shuffled=True))
    r2k = out[out["subject"] == "russell_2000"]
    assert list(out.columns) == ["subject", "date", "close", "return"]
    assert values(r2k["return"]) == [None, 0.1, -0.1, 0.0, 0.1, -0.2]
    assert r2k["date"].iloc[0] == pd.Timestamp("2024-07-29")


def test_one_series_without_subject() -> None:
    out = simple_returns(pd.DataFrame({"date": DATES, "close": R2K}))
    assert list(out.columns) == ["date", "close", "return"]
    assert values(out["return"]) == [None, 0.1, -0.1, 0.0, 0.1, -0.2]


def test_forward_returns_count_sessions() -> None:
    out = forward_returns(closes(), horizons={"2d": 2, "5d": 5})
    r2k = out[out["subject"] == "russell_2000"]
    assert values(r2k["fwd_2d"]) == [-0.01, -0.1, 0.1, -0.12, None, None]
    assert values(r2k["fwd_5d"]) == [round(87.12 / 100 - 1, 10), None, None, None, None, None]
    with pytest.raises(ValueError, match="horizon"):
        forward_returns(closes(), horizons={"now": 0})


def test_window_returns_chain_from_the_last_close_before() -> None:
    weekly = window_returns(closes(), freq="W")
    r2k = weekly[weekly["subject"] == "russell_2000"]
    assert r2k["period"].tolist() == pd.to_datetime(["2024-08-02", "2024-08-09"]).tolist()
    assert r2k["start"].tolist() == pd.to_datetime(["2024-07-29", "2024-08-05"]).tolist()
    assert r2k["end"].tolist() == pd.to_datetime(["2024-08-02", "2024-08-05"]).tolist()
    assert values(r2k["return"]) == [None, -0.2]

    monthly = window_returns(closes(), freq="ME")
    r2k = monthly[monthly["subject"] == "russell_2000"]
    assert r2k["period"].tolist() == pd.to_datetime(["2024-07-31", "2024-08-31"]).tolist()
    assert values(r2k["return"]) == [None, round(87.12 / 99 - 1, 10)]
    assert window_returns(closes(), freq="M").equals(monthly)


def test_daily_windows_are_simple_returns() -> None:
    daily = window_returns(closes(), freq="D")
    assert values(daily["return"]) == values(simple_returns(closes())["return"])


def test_relative_returns_small_minus_large() -> None:
    rel = relative_returns(simple_returns(closes()))
    assert list(rel.columns) == ["date", "return"]
    assert values(rel["return"]) == [None, 0.09, -0.1, 0.0, 0.1, 0.3]

    weekly = relative_returns(window_returns(closes(), freq="W"))
    assert list(weekly.columns) == ["period", "return"]
    assert math.isclose(weekly["return"].iloc[1], -0.2 - (-0.5))

    fwd = relative_returns(forward_returns(closes(), horizons={"2d": 2}))
    assert list(fwd.columns) == ["date", "fwd_2d"]
    assert math.isclose(fwd["fwd_2d"].iloc[0], -0.01 - 0.01)


def test_relative_keeps_only_dates_both_have() -> None:
    frame = closes()
    frame = frame[~((frame["subject"] == "sp500") & (frame["date"] == "2024-08-05"))]
    rel = relative_returns(simple_returns(frame))
    assert rel["date"].max() == pd.Timestamp("2024-08-02")


def test_missing_columns_are_named() -> None:
    with pytest.raises(ValueError, match="close"):
        simple_returns(pd.DataFrame({"date": DATES}))
    with pytest.raises(ValueError, match="frequency"):
        window_returns(closes(), freq="Q")
