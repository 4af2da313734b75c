"""Checks and conversions every analysis function shares: columns, dates, frequencies.

Dates are tz-naive ``datetime64[ns]`` at midnight (a trading date has no time zone).
Frequencies are pandas aliases: ``"D"`` (one row per session), ``"W"`` (weeks ending
Friday, ``W-FRI``) and ``"M"``/``"ME"`` (calendar months). A period is labelled by its last
calendar day (the Friday, the month's last day), not by its last session.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

# our alias -> pandas Period alias
_PERIOD_ALIASES = {"D": "D", "W": "W-FRI", "W-FRI": "W-FRI", "M": "M", "ME": "M"}


def require_columns(frame: pd.DataFrame, columns: Iterable[str], *, caller: str) -> None:
    """Raise ``ValueError`` naming the columns ``frame`` lacks."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{caller}: missing column(s) {', '.join(missing)}; "
                         f"got {', '.join(map(str, frame.columns))}")


def as_dates(values: Any) -> pd.Series:
    """Dates (strings, ``date``, timestamps) as tz-naive midnight ``datetime64[ns]``.

    A tz-aware value keeps its own calendar date (its time zone is dropped, not converted).
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    try:
        stamps = pd.to_datetime(series)
    except ValueError:  # strings in more than one format
        stamps = pd.to_datetime(series, format="mixed")
    if stamps.dt.tz is not None:
        stamps = stamps.dt.tz_localize(None)
    return stamps.dt.normalize().astype("datetime64[ns]")


def normalize_freq(freq: str) -> str:
    """Our alias for ``freq``: ``"D"``, ``"W-FRI"`` or ``"M"``; ``ValueError`` otherwise."""
    try:
        return _PERIOD_ALIASES[freq.upper()]
    except KeyError:
        raise ValueError(f"frequency {freq!r}: use one of D, W, M (or W-FRI, ME)") from None


def period_of(dates: pd.Series, freq: str) -> pd.Series:
    """The label of the period each date falls in: the period's last calendar day."""
    alias = normalize_freq(freq)
    days = as_dates(dates)
    if alias == "D":
        return days
    labels = days.dt.to_period(alias).dt.end_time.dt.normalize()
    return labels.astype("datetime64[ns]")
