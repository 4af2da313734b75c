"""nlp.analyze.calendar: articles to sessions across weekends, holidays, closes and zones."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from nlp.analyze.calendar import session_of, trading_days

# July 2024: the 4th (Thursday) is a holiday; September 2 (Monday) is Labor Day
SESSIONS = pd.to_datetime([
    "2024-07-01", "2024-07-02", "2024-07-03", "2024-07-05", "2024-07-08", "2024-07-09",
    "2024-08-29", "2024-08-30", "2024-09-03", "2024-09-04",
])
NY = "America/New_York"


def one(published: object, **kwargs: object) -> pd.Timestamp:
    return session_of(pd.Series([published], dtype=object), SESSIONS, **kwargs).iloc[0]


@pytest.mark.parametrize(("published", "expected"), [
    ("2024-07-06 12:00", "2024-07-08"),  # Saturday -> Monday
    ("2024-08-31 15:00", "2024-09-03"),  # Saturday before Labor Day -> Tuesday
    ("2024-09-02 14:00", "2024-09-03"),  # on the holiday itself
    ("2024-07-05 21:00", "2024-07-08"),  # naive = UTC: 17:00 New York, after the close
    ("2024-07-05 19:00", "2024-07-05"),  # 15:00 New York, before the close
    ("2024-07-05 20:00", "2024-07-08"),  # exactly 16:00: the close is not *after* it
    ("2024-07-03 23:30", "2024-07-05"),  # Wednesday evening, Thursday a holiday
])
def test_naive_times_are_utc(published: str, expected: str) -> None:
    assert one(published) == pd.Timestamp(expected)


def test_aware_times_are_converted_to_new_york() -> None:
    stamps = pd.Series([
        pd.Timestamp("2024-07-05 15:00", tz=NY),
        pd.Timestamp("2024-07-05 17:00", tz=NY),
        pd.Timestamp("2024-07-05 22:30", tz="Europe/London"),  # 17:30 New York
        pd.Timestamp("2024-07-05 20:30", tz="Europe/London"),  # 15:30 New York
        pd.Timestamp("2024-07-06 01:00", tz="Asia/Tokyo"),  # Friday 12:00 New York
    ])
    got = session_of(stamps, SESSIONS)
    assert got.tolist() == pd.to_datetime(["2024-07-05", "2024-07-08", "2024-07-08",
                                           "2024-07-05", "2024-07-05"]).tolist()


def test_close_follows_daylight_saving() -> None:
    winter = pd.to_datetime(["2024-01-05", "2024-01-08"])
    # EST is UTC-5: 20:30 UTC is 15:30 in New York, 21:30 UTC is 16:30
    got = session_of(pd.Series(["2024-01-05 20:30", "2024-01-05 21:30"]), winter)
    assert got.tolist() == [pd.Timestamp("2024-01-05"), pd.Timestamp("2024-01-08")]


def test_date_only_is_that_day_or_the_next_session() -> None:
    got = session_of(pd.Series(["2024-07-05", "2024-07-04", "2024-07-06"]), SESSIONS)
    assert got.tolist() == pd.to_datetime(["2024-07-05", "2024-07-05", "2024-07-08"]).tolist()
    assert one(dt.date(2024, 7, 5)) == pd.Timestamp("2024-07-05")


def test_store_date_only_at_midnight_utc_and_flag() -> None:
    stored = pd.Series(pd.to_datetime(["2024-07-05", "2024-07-04"])).dt.tz_localize("UTC")
    assert session_of(stored, SESSIONS).tolist() == [pd.Timestamp("2024-07-05")] * 2
    flagged = session_of(stored, SESSIONS, tz="Pacific/Honolulu", date_only=[True, True])
    assert flagged.tolist() == [pd.Timestamp("2024-07-05")] * 2


def test_mixed_naive_and_aware_values() -> None:
    mixed = pd.Series([pd.Timestamp("2024-07-05 16:30", tz=NY), pd.Timestamp("2024-07-05"),
                       None], dtype=object)
    got = session_of(mixed, SESSIONS)
    assert got.iloc[0] == pd.Timestamp("2024-07-08")
    assert got.iloc[1] == pd.Timestamp("2024-07-05")
    assert pd.isna(got.iloc[2])


def test_after_last_session_or_no_date_is_nat() -> None:
    got = session_of(pd.Series(["2024-09-04 21:00", "2024-09-05", None]), SESSIONS)
    assert got.isna().all()


def test_gap_in_closes_is_nat_unless_allowed() -> None:
    assert pd.isna(one("2024-05-01"))  # two months before the first close
    assert one("2024-05-01", max_gap_days=None) == pd.Timestamp("2024-07-01")
    assert pd.isna(one("2024-07-20"))  # a hole in the closes: next close 40 days later
    assert one("2024-07-20", max_gap_days=60) == pd.Timestamp("2024-08-29")


def test_keeps_index_and_name() -> None:
    got = session_of(pd.Series(["2024-07-06"], index=["a1"]), SESSIONS)
    assert got.index.tolist() == ["a1"]
    assert got.name == "session"
    assert session_of(pd.Series([], dtype=object), SESSIONS).empty


def test_trading_days_intersects_subjects() -> None:
    closes = pd.DataFrame({
        "subject": ["russell_2000", "russell_2000", "sp500", "sp500", "sp500"],
        "date": ["2024-07-01", "2024-07-02", "2024-07-01", "2024-07-03", "2024-07-02"],
        "close": [2000.0, 2010.0, 5400.0, 5410.0, 5420.0],
    })
    assert trading_days(closes).tolist() == pd.to_datetime(
        ["2024-07-01", "2024-07-02", "2024-07-03"]).tolist()
    both = trading_days(closes, subjects=["russell_2000", "sp500"])
    assert both.tolist() == pd.to_datetime(["2024-07-01", "2024-07-02"]).tolist()


@settings(max_examples=200, deadline=None)
@given(hs.datetimes(min_value=dt.datetime(2024, 6, 28), max_value=dt.datetime(2024, 9, 6)))
def test_first_close_after_publication(moment: dt.datetime) -> None:
    published = pd.Timestamp(moment).replace(second=1).tz_localize("UTC")  # never a bare date
    got = session_of(pd.Series([published]), SESSIONS, max_gap_days=None).iloc[0]
    expected = None
    for day in SESSIONS:
        if pd.Timestamp(day.date().isoformat() + " 16:00", tz=NY) > published:
            expected = day
            break
    assert (pd.isna(got) and expected is None) or got == expected
