from datetime import UTC, datetime

import pytest

from nlp.collect.dateline import parse_dateline, parse_published, parse_time_line


@pytest.mark.parametrize("line,expected,has_time", [
    ("September 12, 2025", datetime(2025, 9, 12, tzinfo=UTC), False),
    ("Sep 12, 2025 11:18:00 -0400 by Dana Whitfield", datetime(2025, 9, 12, 15, 18, tzinfo=UTC),
     True),
    ("Sept. 3, 2025", datetime(2025, 9, 3, tzinfo=UTC), False),
    ("By Priya Anand | October 2, 2025", datetime(2025, 10, 2, tzinfo=UTC), False),
    ("Published: 2025-07-03", datetime(2025, 7, 3, tzinfo=UTC), False),
    ("3 March 2025, 14:05 ET", datetime(2025, 3, 3, 19, 5, tzinfo=UTC), True),  # EST in March
    ("July 15, 2025 9:30 a.m. ET", datetime(2025, 7, 15, 13, 30, tzinfo=UTC), True),  # EDT
])
def test_datelines(line: str, expected: datetime, has_time: bool) -> None:
    found = parse_dateline(line)
    assert found is not None
    assert (found.published, found.has_time) == (expected, has_time)


def test_byline_name() -> None:
    found = parse_dateline("Sep 12, 2025 11:18:00 -0400 by Martin Keel | #Small-Caps")
    assert found is not None and found.author == "Martin Keel"


@pytest.mark.parametrize("line", ["Small caps rallied in July", "February 30, 2025", "2,211.65"])
def test_no_date(line: str) -> None:
    assert parse_dateline(line) is None


def test_time_on_its_own_line_completes_the_date() -> None:
    day = parse_dateline("August 1, 2025")
    assert day is not None
    timed = parse_time_line("11:16 AM PST", day)
    assert timed is not None
    assert timed.published == datetime(2025, 8, 1, 19, 16, tzinfo=UTC)
    assert parse_time_line("Stocks rose at 11:16", day) is None


def test_published_metadata() -> None:
    assert parse_published("2025-06-18T14:05:00-04:00") == (
        datetime(2025, 6, 18, 18, 5, tzinfo=UTC), True)
    assert parse_published("2025-06-18") == (datetime(2025, 6, 18, tzinfo=UTC), False)
    assert parse_published("October 9, 2025") == (datetime(2025, 10, 9, tzinfo=UTC), False)
    assert parse_published("soon") is None
