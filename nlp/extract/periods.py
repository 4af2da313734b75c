"""Periods: the words for the span a figure covers, resolved against the article's date.

``find_period("… up 3.8% since the start of July …", published=date(2025, 7, 28))``
gives ``Period("since the start of July", date(2025, 7, 1), date(2025, 7, 28))``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_COUNT = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "a": 1, "several": None}
_UNIT_DAYS = {"day": 1, "session": 1, "week": 7}
_UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12, "decade": 120}
_N = r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a|several)"
_UNIT = r"(?P<unit>day|session|week|month|quarter|year|decade)s?"

PERIOD_PATTERNS = [
    ("ytd", r"\b(?:year[- ]to[- ]date|ytd|so far this year|this year so far)\b"),
    ("mtd", r"\b(?:month[- ]to[- ]date|so far this month|this month|on the month|month so far)\b"),
    ("wtd", r"\b(?:so far this week|this week|on the week|week[- ]to[- ]date)\b"),
    ("today", r"\b(?:today|on the day|on the session|in today's session)\b"),
    ("weekday", r"\b(?:on )?(?P<weekday>monday|tuesday|wednesday|thursday|friday)\b"),
    ("since_start", r"\bsince the (?:start|beginning) of (?:(?P<month>" + _MONTH + r")"
                    r"|(?P<year>(?:19|20)\d\d)|the year|the month)\b"),
    ("since_date", r"\b(?:since|from) (?:the |its )?(?P<month>" + _MONTH + r") (?P<day>\d{1,2})"
                   r"(?:st|nd|rd|th)?(?: (?:low|high|peak|close|bottom|record|trough))?\b"),
    ("on_date", r"\bon (?P<month>" + _MONTH + r") (?P<day>\d{1,2})(?:st|nd|rd|th)?"
                r"(?:,? (?P<year>(?:19|20)\d\d))?\b"),
    ("since_month", r"\bsince (?:early |late |mid-?)?(?P<month>" + _MONTH + r")(?! \d)\b"),
    ("since_year", r"\bsince (?:the end of )?(?P<year>(?:19|20)\d\d)\b"),
    ("past", r"\b(?:over|in|during) the (?:past|last|previous) (?:" + _N + r" )?" + _UNIT),
    ("next", r"\b(?:over|in|during|within) the (?:next|coming) (?:" + _N + r" )?" + _UNIT),
    ("next_n", r"\bnext (?P<n>\d+|two|three|four|six|twelve) " + _UNIT),
    ("next_year", r"\b(?:next year|(?:in|for|in calendar|during) (?P<year>(?:19|20)\d\d))\b"),
    ("this_year", r"\bthis year\b"),
    ("next_week", r"\bnext week(?:'s|’s)?\b"),
    ("month_year", r"\b(?:in )?(?P<month>" + _MONTH + r") (?P<year>(?:19|20)\d\d)\b"),
    ("year_end", r"\b(?:(?:by|before|until|through) (?:the )?(?:end of (?:the year|this year|"
                 r"next year|(?P<year>(?:19|20)\d\d))|year[- ]end)|ending (?P<year2>(?:19|20)\d\d)"
                 r"|year[- ]end)\b"),
    ("by_month", r"\b(?:by|before|until|through) (?P<month>" + _MONTH + r")(?! \d)\b"),
    ("half", r"\b(?:in )?the (?P<half>first|second) half"
             r"(?: of (?:the year|(?P<year>(?:19|20)\d\d)))?"),
    ("quarter", r"\b(?:in )?(?:the )?(?P<q>first|second|third|fourth)[- ]quarter\b"),
    ("in_month", r"\b(?:in|during|for) (?P<month>" + _MONTH + r")(?! \d)\b"),
    ("last", r"\blast (?P<unit>week|month|year)\b"),
]
_COMPILED = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in PERIOD_PATTERNS]
# a word each pattern cannot match without: most sentences skip most patterns
_CUES = {"ytd": ("year", "ytd"), "mtd": ("month",), "wtd": ("week",),
         "today": ("today", "day", "session"), "weekday": ("day",), "since_start": ("since",),
         "since_date": ("since",), "on_date": ("on ",), "since_month": ("since",),
         "since_year": ("since",), "past": ("past", "last", "previous"),
         "next": ("next", "coming"), "next_n": ("next",),
         "next_year": ("next year", " 1", " 2"), "this_year": ("this year",),
         "next_week": ("next week",), "month_year": (" 1", " 2"),
         "year_end": ("end",), "by_month": ("by ", "before", "until", "through"),
         "half": ("half",), "quarter": ("quarter",), "in_month": ("",),
         "last": ("last",)}
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}


@dataclass(frozen=True, slots=True)
class Period:
    text: str
    start: date | None
    end: date | None
    at: int  # offset of the words in the text searched


def _month_year(month: int, published: date, forward: bool) -> int:
    """The year of a bare month name: the latest past one, or the next one for forecasts."""
    if forward:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def _nearest_year(month: int, published: date) -> int:
    """The year putting a bare "Sept. 17" nearest to the article's date."""
    return min((published.year - 1, published.year, published.year + 1),
               key=lambda year: abs((date(year, month, 1) - published).days))


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _count(value: str | None) -> int | None:
    if value is None:
        return 1
    return int(value) if value.isascii() and value.isdigit() else _COUNT.get(value.lower())


def resolve(name: str, match: re.Match[str], published: date | None,
            forward: bool) -> tuple[date | None, date | None]:
    """The dates one period pattern's match stands for, given the article's date."""
    if published is None:
        return None, None
    g = {k: v for k, v in match.groupdict().items() if v}
    p = published
    if name == "ytd":
        return date(p.year, 1, 1), p
    if name == "mtd":
        return date(p.year, p.month, 1), p
    if name == "wtd":
        return p - timedelta(days=p.weekday()), p
    if name == "today":
        return p, p
    if name == "weekday":  # the latest such day: "on Tuesday" in a wrap is this week's
        back = (p.weekday() - _WEEKDAYS[g["weekday"].lower()]) % 7
        day = p - timedelta(days=back)
        return day, day
    if name == "this_year":
        return date(p.year, 1, 1), date(p.year, 12, 31) if forward else p
    if name == "next_week":
        monday = p + timedelta(days=7 - p.weekday())
        return monday, monday + timedelta(days=4)
    if name == "month_year":
        return _month_range(int(g["year"]), MONTHS[g["month"].lower().rstrip(".")])
    if name == "by_month":
        month = MONTHS[g["month"].lower().rstrip(".")]
        return p, _month_range(_month_year(month, p, True), month)[1]
    if name == "since_start":
        if "month" in g:
            month = MONTHS[g["month"].lower().rstrip(".")]
            return date(_month_year(month, p, False), month, 1), p
        if "year" in g:
            return date(int(g["year"]), 1, 1), p
        text = match.group(0).lower()
        return (date(p.year, 1, 1) if "year" in text else date(p.year, p.month, 1)), p
    if name == "since_date":
        month = MONTHS[g["month"].lower().rstrip(".")]
        try:
            return date(_month_year(month, p, False), month, int(g["day"])), p
        except ValueError:
            return None, p
    if name == "on_date":
        month = MONTHS[g["month"].lower().rstrip(".")]
        year = int(g["year"]) if "year" in g else _nearest_year(month, p)
        try:
            day = date(year, month, int(g["day"]))
        except ValueError:
            return None, None
        return day, day
    if name == "since_month":
        month = MONTHS[g["month"].lower().rstrip(".")]
        return date(_month_year(month, p, False), month, 1), p
    if name == "since_year":
        text = match.group(0).lower()
        year = int(g["year"])
        return (date(year, 12, 31) if "end of" in text else date(year, 1, 1)), p
    if name in ("past", "next", "next_n"):
        n = _count(g.get("n"))
        if n is None:
            return (None, p) if name == "past" else (p, None)
        unit = g["unit"].lower()
        if unit in _UNIT_DAYS:
            step = timedelta(days=n * _UNIT_DAYS[unit])
            return (p - step, p) if name == "past" else (p, p + step)
        months = n * _UNIT_MONTHS[unit]
        return (_add_months(p, -months), p) if name == "past" else (p, _add_months(p, months))
    if name == "next_year":
        year = int(g["year"]) if "year" in g else p.year + 1
        return date(year, 1, 1), date(year, 12, 31)
    if name == "year_end":
        year = int(g.get("year") or g.get("year2") or (
            p.year + 1 if "next year" in match.group(0).lower() else p.year))
        return p, date(year, 12, 31)
    if name == "half":
        year = int(g["year"]) if "year" in g else p.year
        first = g["half"].lower() == "first"
        return (date(year, 1, 1), date(year, 6, 30)) if first else (date(year, 7, 1),
                                                                    date(year, 12, 31))
    if name == "quarter":  # this year's, unless it has not begun and the figure is a fact
        q = _ORDINAL[g["q"].lower()]
        year = p.year if forward or date(p.year, 3 * q - 2, 1) <= p else p.year - 1
        return date(year, 3 * q - 2, 1), _month_range(year, 3 * q)[1]
    if name == "in_month":
        month = MONTHS[g["month"].lower().rstrip(".")]
        return _month_range(_month_year(month, p, forward), month)
    if name == "last":
        unit = g["unit"].lower()
        if unit == "week":
            monday = p - timedelta(days=p.weekday() + 7)
            return monday, monday + timedelta(days=4)
        if unit == "month":
            last_day = date(p.year, p.month, 1) - timedelta(days=1)
            return date(last_day.year, last_day.month, 1), last_day
        return date(p.year - 1, 1, 1), date(p.year - 1, 12, 31)
    return None, None


PeriodMatches = list[tuple[str, "re.Match[str]"]]


def period_matches(text: str) -> PeriodMatches:
    """Every period phrase in ``text``, unresolved (compute once per sentence)."""
    lowered = text.lower()
    return [(name, match) for name, regex in _COMPILED
            if any(cue in lowered for cue in _CUES[name]) for match in regex.finditer(text)]


def nearest_period(matches: PeriodMatches, at: int, *, published: date | None, forward: bool,
                   window: tuple[int, int] | None = None) -> Period | None:
    """Of ``matches``, the one nearest to offset ``at`` inside ``window``, resolved."""
    lo, hi = window or (0, 1 << 30)
    best: tuple[int, str, re.Match[str]] | None = None
    for name, match in matches:
        if match.start() < lo or match.end() > hi:
            continue
        distance = match.start() - at if match.start() >= at else at - match.end()
        if best is None or distance < best[0]:
            best = (distance, name, match)
    if best is None:
        return None
    _, name, match = best
    start, end = resolve(name, match, published, forward)
    return Period(match.group(0).strip(), start, end, match.start())


def find_period(text: str, at: int, *, published: date | None, forward: bool,
                window: tuple[int, int] | None = None) -> Period | None:
    """The period words nearest to offset ``at`` within ``window`` of ``text``, resolved."""
    return nearest_period(period_matches(text), at, published=published, forward=forward,
                          window=window)
