"""The stance and sentiment indices per day, week or month, joined to realised returns.

Input is one row per article (the store's ``stances`` joined to ``articles``, plus a
``session`` column from ``calendar.session_of``). Articles are bucketed by the period of
their session (``"D"``, ``"W"`` = weeks ending Friday, ``"M"``/``"ME"`` = months; labels
are the period's last calendar day). Near-duplicates (``duplicate_of`` not null) are
dropped, so a syndicated story counts once; a repeated ``article`` id counts once.

Stance index per period (``stance_index``):

* ``stance_index``: confidence-weighted mean score, ``sum(confidence * score) /
  sum(confidence)``, over articles that take a view (``stance`` other than ``none``);
* ``net_sustainable``: share ``sustainable`` minus share ``skeptical``, among the same
  articles (``uncertain`` counts in the denominator);
* counts: ``articles`` (all, ``none`` included), ``opinions`` (with a view) and one per
  stance. Articles without a session (after the last close, no date) are left out.

``join_returns`` gives one row per period of the closes from the index's first to its last
period (periods without articles have count 0 and a NaN index, so rows are consecutive
periods, as ``stats.lead_lag`` needs) with the subject's return over the window
(``return``), small minus large caps over the window (``rel_return``), and forward returns
from the close of the window's last session (``fwd_*``, ``rel_fwd_*``; 1, 4, 12 weeks =
5, 20, 60 sessions), which every article of the window preceded.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd

from .frames import normalize_freq, period_of, require_columns
from .returns import (
    LARGE_CAPS,
    SMALL_CAPS,
    WEEK_HORIZONS,
    forward_returns,
    relative_returns,
    window_returns,
)

log = logging.getLogger(__name__)

STANCES = ("sustainable", "skeptical", "uncertain", "none")
_SESSIONS_PER_PERIOD = {"D": 1, "W-FRI": 5, "M": 21}


def unique_articles(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop near-duplicates (``duplicate_of`` set) and repeated ``article`` ids."""
    if "duplicate_of" in frame.columns:
        frame = frame[frame["duplicate_of"].isna()]
    if "article" in frame.columns:
        frame = frame.drop_duplicates("article", keep="first")
    return frame


def _bucketed(frame: pd.DataFrame, freq: str, date_col: str, caller: str) -> pd.DataFrame:
    require_columns(frame, [date_col], caller=caller)
    unique = unique_articles(frame).copy()
    unique["period"] = period_of(unique[date_col], freq)
    dated = unique[unique["period"].notna()]
    log.debug("%s: %d rows, %d near-duplicate or repeated, %d without a %s", caller,
              len(frame), len(frame) - len(unique), len(unique) - len(dated), date_col)
    return dated


def stance_index(stances: pd.DataFrame, *, freq: str = "W",
                 date_col: str = "session") -> pd.DataFrame:
    """Per period: ``period, articles, opinions, sustainable, skeptical, uncertain, none,
    stance_index, net_sustainable`` (see the module docstring)."""
    require_columns(stances, ["article", "stance", "score", "confidence"],
                    caller="stance_index")
    frame = _bucketed(stances, freq, date_col, "stance_index")
    view = frame["stance"] != "none"
    usable = view & frame["score"].notna() & frame["confidence"].notna()
    frame = frame.assign(
        _view=view.astype(int),
        _weight=frame["confidence"].where(usable, 0.0),
        _weighted=(frame["confidence"] * frame["score"]).where(usable, 0.0),
        **{f"_{s}": (frame["stance"] == s).astype(int) for s in STANCES},
    )
    sums = frame.groupby("period", sort=True).agg(
        articles=("article", "size"), opinions=("_view", "sum"),
        _weight=("_weight", "sum"), _weighted=("_weighted", "sum"),
        **{s: (f"_{s}", "sum") for s in STANCES},
    )
    weight = sums["_weight"].where(sums["_weight"] > 0)
    sums["stance_index"] = sums["_weighted"] / weight
    opinions = sums["opinions"].where(sums["opinions"] > 0)
    sums["net_sustainable"] = (sums["sustainable"] - sums["skeptical"]) / opinions
    columns = ["articles", "opinions", *STANCES, "stance_index", "net_sustainable"]
    return sums[columns].reset_index()


def sentiment_index(frame: pd.DataFrame, *, freq: str = "W", date_col: str = "session",
                    value_col: str = "sentiment",
                    level: Literal["article", "sentence"] = "article") -> pd.DataFrame:
    """Mean sentiment per period: ``period, sentiment_n, sentiment_index``.

    ``level="article"``: one row per article (the stance record's ``sentiment``, itself the
    mean of the article's sentences), every article weighs the same, repeated ids count
    once. ``level="sentence"``: one row per sentence (``sentences`` joined to the
    article's session and ``duplicate_of``, ``value_col="score"``), every sentence weighs
    the same. Near-duplicates are dropped either way; ``sentiment_n`` counts the rows used.
    """
    require_columns(frame, [value_col], caller="sentiment_index")
    if level == "article":
        rows = _bucketed(frame, freq, date_col, "sentiment_index")
    else:
        require_columns(frame, [date_col], caller="sentiment_index")
        rows = frame[frame["duplicate_of"].isna()] if "duplicate_of" in frame.columns \
            else frame
        rows = rows.assign(period=period_of(rows[date_col], freq))
        rows = rows[rows["period"].notna()]
    rows = rows[rows[value_col].notna()]
    out = rows.groupby("period", sort=True)[value_col].agg(["size", "mean"])
    out.columns = ["sentiment_n", "sentiment_index"]
    return out.reset_index()


def forward_periods(freq: str, horizons: Mapping[str, int] = WEEK_HORIZONS) -> dict[str, int]:
    """How many index periods each forward window spans, by column (``fwd_4w`` -> 4 at "W").

    This is the overlap ``stats.correlation_table`` needs as ``horizons``: consecutive
    forward windows share ``periods - 1`` periods. Months count as 21 sessions.
    """
    per_period = _SESSIONS_PER_PERIOD[normalize_freq(freq)]
    periods = {label: max(1, math.ceil(n / per_period)) for label, n in horizons.items()}
    out = {"return": 1, "rel_return": 1}
    for label, n in periods.items():
        out[f"fwd_{label}"] = n
        out[f"rel_fwd_{label}"] = n
    return out


def join_returns(
    index: pd.DataFrame,
    closes: pd.DataFrame,
    *,
    freq: str = "W",
    subject: str = SMALL_CAPS,
    benchmark: str = LARGE_CAPS,
    horizons: Mapping[str, int] = WEEK_HORIZONS,
) -> pd.DataFrame:
    """``index`` (one row per ``period``) joined to the returns over the same periods.

    Adds ``end`` (the period's last session), ``return``, ``rel_return``, ``fwd_<label>``
    and ``rel_fwd_<label>``; periods without articles are filled in (counts 0). Relative
    columns are NaN when ``benchmark`` has no closes.
    """
    require_columns(index, ["period"], caller="join_returns")
    require_columns(closes, ["subject", "date", "close"], caller="join_returns")
    pair = closes[closes["subject"].isin([subject, benchmark])]
    windows = window_returns(pair, freq=freq)
    forward = forward_returns(pair, horizons=horizons).drop(columns="close")
    ahead = windows.merge(forward, left_on=["subject", "end"], right_on=["subject", "date"],
                          how="left").drop(columns="date")
    fwd_cols = [f"fwd_{k}" for k in horizons]
    own = ahead.loc[ahead["subject"] == subject, ["period", "end", "return", *fwd_cols]]
    rel = relative_returns(ahead, small=subject, large=benchmark, on="period",
                           columns=["return", *fwd_cols])
    rel.columns = ["period", *(f"rel_{c}" for c in rel.columns[1:])]
    table = own.merge(rel, on="period", how="left")
    if len(index) and index["period"].notna().any():
        first, last = index["period"].min(), index["period"].max()
        table = table[(table["period"] >= first) & (table["period"] <= last)]
    else:
        table = table.iloc[0:0]
    joined = table.merge(index, on="period", how="outer").sort_values("period")
    counts = [c for c in ("articles", "opinions", *STANCES, "sentiment_n") if c in joined]
    joined[counts] = joined[counts].fillna(0).astype(np.int64)
    front = ["period", *[c for c in index.columns if c != "period"]]
    return joined[front + [c for c in table.columns if c != "period"]].reset_index(drop=True)


def index_with_returns(
    stances: pd.DataFrame,
    closes: pd.DataFrame,
    *,
    freq: str = "W",
    date_col: str = "session",
    subject: str = SMALL_CAPS,
    benchmark: str = LARGE_CAPS,
    horizons: Mapping[str, int] = WEEK_HORIZONS,
) -> pd.DataFrame:
    """``stance_index`` and (when ``stances`` has ``sentiment``) ``sentiment_index``,
    outer-joined on ``period``, then ``join_returns``: the table charts and stats use."""
    index = stance_index(stances, freq=freq, date_col=date_col)
    if "sentiment" in stances.columns:
        sentiment = sentiment_index(stances, freq=freq, date_col=date_col)
        index = index.merge(sentiment, on="period", how="outer")
    return join_returns(index, closes, freq=freq, subject=subject, benchmark=benchmark,
                        horizons=horizons)
