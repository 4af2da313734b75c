"""Which trading session an article belongs to, without look-ahead.

A *session* is a date that has a close (``trading_days`` takes them from a closes frame),
and an article belongs to the first session whose close comes strictly after it was
published. So an article from Saturday, or Friday after 16:00 New York time, belongs to
the next session (Monday, or Tuesday when Monday is a holiday, i.e. absent from the
sessions), and one from Friday 15:00 belongs to Friday. A forward return measured from an
article's session close therefore starts after the article was published.

Conventions:

* tz-aware timestamps are converted to New York time (``tz``); tz-naive timestamps with a
  time of day are taken as UTC, like every datetime in the store.
* A **date with no time** (tz-naive midnight, or rows flagged ``date_only``, e.g.
  ``~articles.published_has_time``) means "sometime that day". We assume it came out
  before the close and give it that day's session if the day is one, else the next
  session. Even if the article came out after the close, the forward returns measured
  from that close are still in its future, so forward returns carry no look-ahead; only
  the session's own return (previous close to this close) may partly precede the article.
  The store keeps a bare date as 00:00 UTC, which is the previous evening in New York and
  so lands on the same session under the timed rule.
* One close time for every session: half days (13:00 closes) are treated as 16:00.
* Articles after the last session, with no date, or more than ``max_gap_days`` calendar
  days before their session (a hole in the closes, or before they start) get ``NaT``.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import pandas as pd

from .frames import as_dates, require_columns
from .sessions import CLOSE, TZ

log = logging.getLogger(__name__)


def trading_days(closes: pd.DataFrame, *, subjects: list[str] | None = None) -> pd.DatetimeIndex:
    """The sorted session dates of a closes frame (``date``, ``close``, optional ``subject``).

    With ``subjects``, only the dates on which every one of them has a close.
    """
    require_columns(closes, ["date", "close"], caller="trading_days")
    frame = closes[closes["close"].notna()]
    if subjects:
        require_columns(closes, ["subject"], caller="trading_days")
        frame = frame[frame["subject"].isin(subjects)]
        counts = frame.groupby(as_dates(frame["date"]).to_numpy())["subject"].nunique()
        days = counts.index[counts.to_numpy() == len(set(subjects))]
        return pd.DatetimeIndex(days, name="date").sort_values()
    return pd.DatetimeIndex(as_dates(frame["date"]).unique(), name="date").sort_values()


def _session_index(sessions: Any) -> pd.DatetimeIndex:
    values = pd.Series(list(sessions), dtype=object)
    if values.empty:
        return pd.DatetimeIndex([], dtype="datetime64[ns]")
    return pd.DatetimeIndex(as_dates(values).dropna().unique()).sort_values()


def _utc_stamps(published: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Publication times in UTC, and which of them are bare dates (naive midnight)."""
    try:
        stamps = pd.to_datetime(published, format="mixed")
    except (TypeError, ValueError):  # naive and tz-aware values mixed: one at a time
        items = [pd.Timestamp(v) if not pd.isna(v) else pd.NaT for v in published]
        bare = np.array([s is not pd.NaT and s.tzinfo is None and s == s.normalize()
                         for s in items], dtype=bool)
        aware = [s if s is pd.NaT or s.tzinfo is not None else s.tz_localize("UTC")
                 for s in items]
        utc = pd.Series(pd.to_datetime(aware, utc=True), index=published.index)
        return utc.astype("datetime64[ns, UTC]"), bare
    if stamps.dt.tz is None:
        bare = (stamps.notna() & (stamps == stamps.dt.normalize())).to_numpy(dtype=bool)
        stamps = stamps.dt.tz_localize("UTC")
    else:
        bare = np.zeros(len(stamps), dtype=bool)
        stamps = stamps.dt.tz_convert("UTC")
    return stamps.astype("datetime64[ns, UTC]"), bare


def session_of(
    published: Any,
    sessions: Any,
    *,
    close_time: str = CLOSE.strftime("%H:%M"),
    tz: str = TZ,
    date_only: Any = None,
    max_gap_days: int | None = 7,
) -> pd.Series:
    """The session (a tz-naive date) of each publication time; ``NaT`` when there is none.

    ``published`` is a Series (or list) of timestamps or ISO strings; the result has its
    index and is named ``session``. ``sessions`` are the trading dates (see
    ``trading_days``). ``date_only``, aligned with ``published``, marks extra rows that
    carry only a date (their UTC calendar date is used). See the module docstring.
    """
    pub = published if isinstance(published, pd.Series) else pd.Series(published)
    days = _session_index(sessions)
    if len(pub) == 0:
        return pd.Series(pd.NaT, index=pub.index, name="session", dtype="datetime64[ns]")
    utc, bare = _utc_stamps(pub)
    if date_only is not None:
        flags = pd.Series(date_only).fillna(False).to_numpy(dtype=bool)
        if len(flags) != len(pub):
            raise ValueError("session_of: date_only must be as long as published")
        bare = bare | flags

    local = utc.dt.tz_convert(tz).dt.tz_localize(None)
    local_day = local.dt.normalize()
    close = pd.Timedelta(close_time if close_time.count(":") == 2 else close_time + ":00")
    after_close = (local - local_day) >= close
    timed_day = local_day + pd.to_timedelta(after_close.astype(int), unit="D")
    bare_day = utc.dt.tz_localize(None).dt.normalize()
    earliest = timed_day.where(~bare, bare_day).astype("datetime64[ns]")

    valid = earliest.notna().to_numpy().copy()
    position = np.searchsorted(days.to_numpy(), earliest.to_numpy(), side="left")
    valid &= position < len(days)
    result = pd.Series(pd.NaT, index=pub.index, name="session", dtype="datetime64[ns]")
    result[valid] = days.to_numpy()[position[valid]]
    if max_gap_days is not None:
        gap = (result - earliest).dt.days
        result[gap > max_gap_days] = pd.NaT
    missed = int(result.isna().sum() - pub.isna().sum())
    if missed > 0:
        log.debug("%d publication time(s) have no session in the closes", missed)
    return result
