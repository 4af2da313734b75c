"""One subject's sessions looked up by calendar day, and an article's place among them.

Used by ``verify`` to find the close a claim speaks of. A session is a date with a
close. A day the New York Stock Exchange was shut (a weekend, a holiday of
``is_trading_day``'s calendar, a special closure such as 2001-09-11) stands for the
last session before it. A trading day the closes lack (a hole in the data, a day before
the first close or after the last) raises ``NoClose`` naming it, rather than being
silently read as another day's close; so does a move across such a hole.

``publication_of`` places an article in New York time, as ``calendar`` does: a time of
day is converted (tz-naive times are UTC), and a bare date (``published_has_time``
false, or a midnight-UTC value when that flag is unknown) is taken as given and as
published after that day's close: commentary dated a day reports on that day.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import lru_cache
from typing import Any

import pandas as pd
from pandas.tseries.holiday import (
    AbstractHolidayCalendar,
    GoodFriday,
    Holiday,
    USLaborDay,
    USMartinLutherKingJr,
    USMemorialDay,
    USPresidentsDay,
    USThanksgivingDay,
    nearest_workday,
    sunday_to_monday,
)

from .frames import as_dates, require_columns

TZ = "America/New_York"
CLOSE = time(16, 0)
# whole-day closures outside the holiday rules (storms, mourning, September 2001)
SPECIAL_CLOSURES = frozenset(date.fromisoformat(day) for day in (
    "1994-04-27", "2001-09-11", "2001-09-12", "2001-09-13", "2001-09-14", "2004-06-11",
    "2007-01-02", "2012-10-29", "2012-10-30", "2018-12-05", "2025-01-09"))


class _NyseHolidays(AbstractHolidayCalendar):
    """Full-day NYSE holidays since 1990 (a Saturday holiday is taken on the Friday,
    except New Year's Day)."""

    rules = [
        Holiday("New Year's Day", month=1, day=1, observance=sunday_to_monday),
        Holiday("Martin Luther King Jr. Day", month=1, day=1,
                offset=USMartinLutherKingJr.offset, start_date="1998-01-01"),
        USPresidentsDay, GoodFriday, USMemorialDay,
        Holiday("Juneteenth", month=6, day=19, start_date="2022-01-01",
                observance=nearest_workday),
        Holiday("Independence Day", month=7, day=4, observance=nearest_workday),
        USLaborDay, USThanksgivingDay,
        Holiday("Christmas Day", month=12, day=25, observance=nearest_workday),
    ]


@lru_cache(maxsize=128)
def _holidays(year: int) -> frozenset[date]:
    found = _NyseHolidays().holidays(date(year, 1, 1), date(year, 12, 31))
    return frozenset(stamp.date() for stamp in found) | {
        day for day in SPECIAL_CLOSURES if day.year == year}


def is_trading_day(day: date) -> bool:
    """Whether the NYSE had a full or half session on ``day`` (weekday, not a holiday)."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def _first_trading_day(after: date, until: date) -> date | None:
    """The first trading day after ``after`` up to ``until`` (included), if any."""
    day = after + timedelta(days=1)
    while day <= until:
        if is_trading_day(day):
            return day
        day += timedelta(days=1)
    return None


class NoClose(Exception):
    """The closes lack a day a claim needs; the message names it."""


@dataclass(frozen=True, slots=True)
class Publication:
    """When an article came out, in trading terms."""

    day: date  # its New York calendar date (a bare date as given)
    as_of: date  # the last day whose close came at or before it
    utc_day: date  # its UTC date, which the extractor resolved periods against

    @property
    def latest_day(self) -> date:
        """The later of its New York and UTC dates: "today" may mean either."""
        return max(self.day, self.utc_day)


@dataclass(frozen=True)
class Series:
    """The sorted sessions and closes of one subject."""

    subject: str
    days: list[date]
    closes: list[float]

    def __len__(self) -> int:
        return len(self.days)

    def day(self, index: int) -> date:
        return self.days[index]

    def close(self, index: int) -> float:
        return self.closes[index]

    def has(self, day: date) -> bool:
        index = bisect_left(self.days, day)
        return index < len(self.days) and self.days[index] == day

    def index_of(self, day: date) -> int:
        index = bisect_left(self.days, day)
        if index == len(self.days) or self.days[index] != day:
            raise NoClose(f"no close for {day}")
        return index

    def at_or_before(self, day: date) -> int:
        """The session on ``day``, or the last before it when the exchange was shut."""
        index = bisect_right(self.days, day) - 1
        if index < 0:
            raise NoClose(f"no close for {day} (closes of {self.subject} start on "
                          f"{self.days[0]})")
        missing = _first_trading_day(self.days[index], day)
        if missing is not None:
            raise NoClose(self._no_close(day if day > self.days[-1] else missing))
        return index

    def before(self, day: date) -> int:
        """The last session strictly before ``day`` (the base of a window from ``day``)."""
        if day <= self.days[0]:
            raise NoClose(f"no close before {day} (closes of {self.subject} start on "
                          f"{self.days[0]})")
        return self.at_or_before(day - timedelta(days=1))

    def previous(self, index: int) -> int:
        """The session before session ``index``; ``NoClose`` across a hole in the closes."""
        if index == 0:
            raise NoClose(f"no close before {self.days[0]} (closes of {self.subject} "
                          f"start on {self.days[0]})")
        missing = _first_trading_day(self.days[index - 1], self.days[index] - timedelta(days=1))
        if missing is not None:
            raise NoClose(self._no_close(missing))
        return index - 1

    def following(self, index: int) -> int | None:
        """The session after session ``index``, None at the end or across a hole."""
        if index + 1 >= len(self.days):
            return None
        following = self.days[index + 1]
        if _first_trading_day(self.days[index], following - timedelta(days=1)) is not None:
            return None
        return index + 1

    def between(self, start: date, end: date) -> list[int]:
        """Sessions from ``start`` to ``end``, both included."""
        return list(range(bisect_left(self.days, start), bisect_right(self.days, end)))

    def as_of(self, pub: Publication) -> list[int]:
        """Sessions as of publication, sorted: the last close at or before it and the
        session of its day when there is one (an article from during a session, or with
        a time stamp that is off, may report that session's close)."""
        found: list[int] = []
        error: NoClose | None = None
        try:
            found.append(self.at_or_before(pub.as_of))
        except NoClose as err:
            error = err
        if self.has(pub.day):
            found.append(self.index_of(pub.day))
        if not found:
            assert error is not None
            raise error
        return sorted(set(found))

    def _no_close(self, day: date) -> str:
        if day > self.days[-1]:
            return f"no close for {day} (closes of {self.subject} end on {self.days[-1]})"
        return f"no close for {day}"


def series_by_subject(closes: pd.DataFrame) -> dict[str, Series]:
    """A ``Series`` per subject of a ``subject, date, close`` frame (one close a day)."""
    require_columns(closes, ["subject", "date", "close"], caller="series_by_subject")
    frame = pd.DataFrame({"subject": closes["subject"], "date": as_dates(closes["date"]),
                          "close": pd.to_numeric(closes["close"], errors="coerce")})
    frame = frame.dropna().drop_duplicates(["subject", "date"], keep="last")
    frame = frame.sort_values(["subject", "date"], kind="stable")
    return {str(subject): Series(str(subject), [d.date() for d in group["date"]],
                                 [float(c) for c in group["close"]])
            for subject, group in frame.groupby("subject", sort=True)}


def publication_of(published: Any, has_time: Any = None) -> Publication | None:
    """Where an article's publication time falls (None when it has no date)."""
    if published is None or published is pd.NaT or (
            isinstance(published, float) and published != published):
        return None
    stamp = pd.Timestamp(published)
    if stamp is pd.NaT:
        return None
    utc = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    known = has_time is not None and has_time is not pd.NA and not (
        isinstance(has_time, float) and has_time != has_time)
    bare = (not bool(has_time)) if known else utc == utc.normalize()
    if bare:
        day = utc.date()
        return Publication(day, day, day)
    local = utc.tz_convert(TZ)
    day = local.date()
    as_of = day if local.time() >= CLOSE else day - timedelta(days=1)
    return Publication(day, as_of, utc.date())
