"""Returns from closes: between sessions, forward from a session, over calendar windows.

A closes frame has ``date`` and ``close`` and, for several series, ``subject`` (canonical
ids such as ``russell_2000``, ``sp500``), i.e. the store's ``prices`` table. Without a
``subject`` column the frame is one series and the results have no ``subject`` either.

Conventions:

* Returns are **simple**, ``close_end / close_start - 1``, not log returns, as fractions
  (0.01 = 1 %).
* Horizons are counted in **sessions** (rows of the closes), not calendar days: one week
  is 5 sessions, so 1, 4 and 12 weeks are 5, 20 and 60 sessions (``WEEK_HORIZONS``).
  A forward return is ``close[t + h] / close[t] - 1`` from the close of session ``t``;
  ``NaN`` where the closes end before ``t + h``.
* A calendar window's return runs from the last close *before* the window to its last
  close, so consecutive windows chain. Weeks end on Friday (``W-FRI``); windows are
  labelled by their last calendar day (``period``). The first window has no return.
* A relative return is the arithmetic difference of the two simple returns over the same
  window, ``r_small - r_large`` (small caps minus large caps: ``russell_2000`` minus
  ``sp500`` by default), not a ratio of growth factors.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from .frames import as_dates, period_of, require_columns

WEEK_HORIZONS: dict[str, int] = {"1w": 5, "4w": 20, "12w": 60}  # label -> sessions
SMALL_CAPS = "russell_2000"
LARGE_CAPS = "sp500"
_KEY = "_subject"


def _sorted_closes(closes: pd.DataFrame, caller: str) -> pd.DataFrame:
    """A copy with a grouping key, dates as dates, one row per (subject, date), sorted."""
    require_columns(closes, ["date", "close"], caller=caller)
    frame = closes.copy()
    frame["date"] = as_dates(frame["date"])
    frame[_KEY] = frame["subject"] if "subject" in frame.columns else ""
    frame = frame[frame["date"].notna() & frame["close"].notna()]
    frame = frame.drop_duplicates([_KEY, "date"], keep="last")
    return frame.sort_values([_KEY, "date"], kind="stable").reset_index(drop=True)


def _finish(frame: pd.DataFrame, closes: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    keys = ["subject"] if "subject" in closes.columns else []
    return frame[keys + columns].reset_index(drop=True)


def simple_returns(closes: pd.DataFrame) -> pd.DataFrame:
    """Return from the previous session's close: ``subject, date, close, return``."""
    frame = _sorted_closes(closes, "simple_returns")
    frame["return"] = frame.groupby(_KEY)["close"].pct_change(fill_method=None)
    return _finish(frame, closes, ["date", "close", "return"])


def forward_returns(closes: pd.DataFrame, *,
                    horizons: Mapping[str, int] = WEEK_HORIZONS) -> pd.DataFrame:
    """Return from each session's close ``h`` sessions ahead.

    Columns: ``subject, date, close`` and ``fwd_<label>`` per horizon (``fwd_1w``,
    ``fwd_4w``, ``fwd_12w`` by default).
    """
    frame = _sorted_closes(closes, "forward_returns")
    grouped = frame.groupby(_KEY)["close"]
    for label, sessions in horizons.items():
        if sessions < 1:
            raise ValueError(f"forward_returns: horizon {label!r} must be >= 1 session")
        frame[f"fwd_{label}"] = grouped.shift(-sessions) / frame["close"] - 1
    return _finish(frame, closes, ["date", "close", *(f"fwd_{k}" for k in horizons)])


def window_returns(closes: pd.DataFrame, *, freq: str = "W") -> pd.DataFrame:
    """Return over each calendar window (``"D"``, ``"W"`` = W-FRI, ``"M"``/``"ME"``).

    Columns: ``subject, period`` (the window's last calendar day), ``start`` and ``end``
    (its first and last session), ``close`` (at ``end``), ``return``.
    """
    frame = _sorted_closes(closes, "window_returns")
    frame["period"] = period_of(frame["date"], freq)
    windows = (frame.groupby([_KEY, "period"], sort=True)
               .agg(start=("date", "first"), end=("date", "last"), close=("close", "last"))
               .reset_index())
    base = windows.groupby(_KEY)["close"].shift(1)
    windows["return"] = windows["close"] / base - 1
    if "subject" in closes.columns:
        windows["subject"] = windows[_KEY]
    return _finish(windows, closes, ["period", "start", "end", "close", "return"])


def relative_returns(
    frame: pd.DataFrame,
    *,
    small: str = SMALL_CAPS,
    large: str = LARGE_CAPS,
    on: str | None = None,
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """``small`` minus ``large`` for each return column, where both have a row.

    ``frame`` is the output of ``simple_returns``, ``forward_returns`` or
    ``window_returns`` (with ``subject``). ``on`` is the key, ``period`` if present, else
    ``date``. ``columns`` default to ``return`` and every ``fwd_*`` present. Returns
    ``on`` and those columns, one row per key.
    """
    require_columns(frame, ["subject"], caller="relative_returns")
    key = on or ("period" if "period" in frame.columns else "date")
    values = list(columns) if columns is not None else [
        c for c in frame.columns if c == "return" or str(c).startswith("fwd_")]
    require_columns(frame, [key, *values], caller="relative_returns")
    left = frame.loc[frame["subject"] == small, [key, *values]]
    right = frame.loc[frame["subject"] == large, [key, *values]]
    joined = left.merge(right, on=key, how="inner", suffixes=("_s", "_l"))
    out = pd.DataFrame({key: joined[key],
                        **{c: joined[f"{c}_s"] - joined[f"{c}_l"] for c in values}})
    return out.sort_values(key, kind="stable").reset_index(drop=True)
