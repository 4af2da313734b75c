"""Fetch daily index closes through yfinance (extra ``online``) into the store.

The store is the cache: a run asks the service only for the days before the first
and after the last stored close of the subject. The download function is a parameter
(``download``: ticker, first day, last day -> (date, close) frame), so tests pass a fake
and never touch the network. Today's close is only taken once the New York session is
over, so a partial close is never cached as final.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from types import ModuleType
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..errors import FetchError, InputError
from .prices import check_closes
from .subjects import TICKERS

if TYPE_CHECKING:
    from ..store.db import Store

log = logging.getLogger(__name__)

DEFAULT_HISTORY_DAYS = 5 * 365  # how far back a first fetch goes without a start date
SESSION_FINAL = time(17, 0)  # New York time after which today's close counts as final
OFFLINE_HINT = "load a CSV instead: rallyscope prices load FILE --subject SUBJECT"

Download = Callable[[str, date, date], pd.DataFrame]  # ticker, first, last day -> date, close


@dataclass(frozen=True, slots=True)
class FetchReport:
    """What one ``fetch_closes`` call asked for and stored."""

    subject: str
    ticker: str
    spans: tuple[tuple[date, date], ...]  # day ranges asked of the service (inclusive)
    new: int = 0
    changed: int = 0

    def summary(self) -> str:
        if not self.spans:
            return f"{self.subject} ({self.ticker}): already stored, nothing fetched"
        asked = ", ".join(f"{a}..{b}" for a, b in self.spans)
        return (f"{self.subject} ({self.ticker}): {self.new} new closes, {self.changed} "
                f"changed (asked {asked})")


def ticker_of(subject: str) -> str:
    """The price-series ticker of a canonical subject; an unknown one is a FetchError."""
    try:
        return TICKERS[subject]
    except KeyError:
        raise FetchError(f"{subject}: no price series known; fetchable subjects: "
                         + ", ".join(TICKERS)) from None


def require_yfinance() -> ModuleType:
    """The yfinance module, or a one-line FetchError saying how to get closes without it."""
    try:
        import yfinance
    except ImportError:
        raise FetchError("yfinance is not installed: pip install 'rallyscope[online]', or "
                         + OFFLINE_HINT) from None
    return yfinance


def download_yahoo(ticker: str, first: date, last: date) -> pd.DataFrame:
    """Daily closes of ``ticker`` from Yahoo Finance through yfinance, first..last inclusive."""
    yfinance = require_yfinance()
    try:
        raw = yfinance.download(ticker, start=first.isoformat(),
                                end=(last + timedelta(days=1)).isoformat(), interval="1d",
                                auto_adjust=False, actions=False, progress=False,
                                threads=False)
    except Exception as err:  # yfinance raises whatever its HTTP stack raises
        message = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise FetchError(f"{ticker}: download failed ({message}); {OFFLINE_HINT}") from err
    return closes_from_yfinance(raw, ticker)


def closes_from_yfinance(raw: Any, ticker: str) -> pd.DataFrame:
    """(date, close) of what ``yfinance.download`` returned: flat or two-level columns,
    a time-zone-aware or naive index; the exchange's wall date is kept."""
    if not isinstance(raw, pd.DataFrame) or raw.empty:
        return pd.DataFrame({"date": pd.Series([], dtype="datetime64[ns]"),
                             "close": pd.Series([], dtype=float)})
    columns = raw.columns
    if isinstance(columns, pd.MultiIndex):
        level = next((i for i in range(columns.nlevels)
                      if "Close" in columns.get_level_values(i)
                      or "Adj Close" in columns.get_level_values(i)), None)
        if level is None:
            raise FetchError(f"{ticker}: no Close column in the download; {OFFLINE_HINT}")
        name = "Close" if "Close" in columns.get_level_values(level) else "Adj Close"
        picked = raw.xs(name, axis=1, level=level)
        series = picked[ticker] if ticker in picked.columns else picked.iloc[:, 0]
    else:
        name = "Close" if "Close" in columns else "Adj Close"
        if name not in columns:
            raise FetchError(f"{ticker}: no Close column in the download; {OFFLINE_HINT}")
        series = raw[name]
    index = pd.DatetimeIndex(raw.index)
    if index.tz is not None:
        index = index.tz_localize(None)
    return pd.DataFrame({"date": index.normalize().astype("datetime64[ns]"),
                         "close": pd.to_numeric(series, errors="coerce").to_numpy(float)})


def last_final_day(now: datetime) -> date:
    """The latest day whose close is final at ``now`` (a time-zone-aware datetime)."""
    try:
        from zoneinfo import ZoneInfo

        new_york: Any = ZoneInfo("America/New_York")
    except Exception:  # no time zone database: Eastern Standard Time is close enough
        new_york = timezone(timedelta(hours=-5))
    local = now.astimezone(new_york)
    return local.date() if local.time() >= SESSION_FINAL else local.date() - timedelta(days=1)


def missing_spans(stored: tuple[date, date] | None, start: date,
                  end: date) -> list[tuple[date, date]]:
    """The parts of start..end outside the stored first..last days (inclusive ranges)."""
    if start > end:
        return []
    if stored is None:
        return [(start, end)]
    first, last = stored
    spans = []
    if start < first:
        spans.append((start, min(end, first - timedelta(days=1))))
    if end > last:
        spans.append((max(start, last + timedelta(days=1)), end))
    return spans


def fetch_closes(store: Store, subject: str, start: date | None = None,
                 end: date | None = None, *, download: Download | None = None,
                 now: datetime | None = None) -> FetchReport:
    """Fetch the closes of ``subject`` from ``start`` to ``end`` that the store lacks, and
    store them (origin ``yfinance ^TICKER``).

    ``end`` defaults to the last day with a final close; ``start`` to the first stored
    day, or ``DEFAULT_HISTORY_DAYS`` before ``end`` when nothing is stored. ``download``
    defaults to ``download_yahoo`` (yfinance).
    """
    download = download or download_yahoo
    ticker = ticker_of(subject)
    final = last_final_day(now or datetime.now(UTC))
    end = min(end or final, final)
    stored = store.price_span(subject)
    if start is None:
        start = stored[0] if stored else end - timedelta(days=DEFAULT_HISTORY_DAYS)
    spans = missing_spans(stored, start, end)
    if not spans:
        return FetchReport(subject, ticker, ())
    origin = f"yfinance {ticker}"
    parts = []
    for first, last in spans:
        log.info("fetching %s (%s) %s..%s", subject, ticker, first, last)
        try:
            got = check_closes(download(ticker, first, last), origin)
        except InputError as err:
            raise FetchError(f"{err}; {OFFLINE_HINT}") from err
        inside = (got["date"] >= pd.Timestamp(first)) & (got["date"] <= pd.Timestamp(last))
        parts.append(got[inside])
    frame = pd.concat(parts, ignore_index=True)
    if frame.empty:
        weekdays = sum(int(np.busday_count(a, b + timedelta(days=1))) for a, b in spans)
        if stored is None or weekdays >= 5:  # not just a weekend or a holiday
            asked = ", ".join(f"{a}..{b}" for a, b in spans)
            raise FetchError(f"{ticker}: no closes returned for {asked} (offline, or "
                             f"rate-limited?); {OFFLINE_HINT}")
        log.info("%s: no new closes for %s (market closed)", ticker, spans)
        return FetchReport(subject, ticker, tuple(spans))
    with store.transaction() as con:
        counts = store.add_prices(con, subject, frame, origin)
    return FetchReport(subject, ticker, tuple(spans), counts.new, counts.changed)
