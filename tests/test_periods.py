from datetime import date

import pytest

from nlp.extract.periods import find_period

PUBLISHED = date(2025, 7, 24)  # a Thursday


@pytest.mark.parametrize("text,forward,words,start,end", [
    ("Since the start of July, the index has climbed 3.8%", False, "Since the start of July",
     date(2025, 7, 1), PUBLISHED),
    ("small caps are up 9% so far this month", False, "so far this month", date(2025, 7, 1),
     PUBLISHED),
    ("up 1% year-to-date", False, "year-to-date", date(2025, 1, 1), PUBLISHED),
    ("only up 0.5% so far this week", False, "so far this week", date(2025, 7, 21), PUBLISHED),
    ("it rose 1.8% on Tuesday", False, "on Tuesday", date(2025, 7, 22), date(2025, 7, 22)),
    ("in June, the P/E rose to 15.5", False, "in June", date(2025, 6, 1), date(2025, 6, 30)),
    ("since July 11, small caps are up over 7%", False, "since July 11", date(2025, 7, 11),
     PUBLISHED),
    ("underperformed by 103% over the past decade", False, "over the past decade",
     date(2015, 7, 24), PUBLISHED),
    ("EPS growth of 20% next year", True, "next year", date(2026, 1, 1), date(2026, 12, 31)),
    ("two cuts by the end of 2025", True, "by the end of 2025", PUBLISHED, date(2025, 12, 31)),
    ("grow 50% over the next four quarters", True, "over the next four quarters", PUBLISHED,
     date(2026, 7, 24)),
    ("a cut in September", True, "in September", date(2025, 9, 1), date(2025, 9, 30)),
    ("a record it reached on Nov. 8, 2021", False, "on Nov. 8, 2021", date(2021, 11, 8),
     date(2021, 11, 8)),
])
def test_periods_resolve_against_the_article_date(text: str, forward: bool, words: str,
                                                  start: date, end: date) -> None:
    found = find_period(text, len(text) // 2, published=PUBLISHED, forward=forward)
    assert found is not None
    assert (found.text, found.start, found.end) == (words, start, end)


def test_no_date_no_resolution() -> None:
    found = find_period("up 3% this week", 3, published=None, forward=False)
    assert found is not None and found.text == "this week" and found.start is None


def test_no_period() -> None:
    assert find_period("The index rose 2%.", 10, published=PUBLISHED, forward=False) is None
