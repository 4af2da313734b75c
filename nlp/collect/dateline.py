"""Publication dates and bylines from the words near an article's top.

``parse_dateline("Sep 12, 2025 11:18:00 -0400 by Martin Baccardax")`` gives the UTC
time, whether a time of day was given, and the byline's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

_MONTHS = {
    name: i
    for i, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE = re.compile(
    r"\b(?:"
    + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)"
    + r"|(?P<day2>\d{1,2})\s+" + _MONTH.replace("month", "month2")
    + r",?\s+(?P<year2>(?:19|20)\d\d)"
    + r"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d)"
    + r")\b",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"\b(?P<hour>\d{1,2}):(?P<minute>\d\d)(?::(?P<second>\d\d))?\s*"
    r"(?P<ampm>[ap]\.?m\.?)?\s*(?P<tz>[+-]\d\d:?\d\d|Z\b|[A-Z]{2,4}\b)?",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"\b[Bb]y\s+(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})")

_FIXED = {"UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
          "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "BST": 1, "CET": 1, "CEST": 2}
_REGIONAL = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
             "PT": "America/Los_Angeles"}


@dataclass(frozen=True, slots=True)
class Dateline:
    published: datetime
    has_time: bool
    author: str | None
    offset: int = 0  # where the date starts in the line


def _zone(label: str | None) -> tzinfo | None:
    if not label:
        return None
    label = label.upper()
    if label in _FIXED:
        return timezone(timedelta(hours=_FIXED[label]))
    if label in _REGIONAL:
        return ZoneInfo(_REGIONAL[label])
    if m := re.fullmatch(r"([+-])(\d\d):?(\d\d)", label):
        sign = -1 if m.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3))))
    return None


def parse_dateline(line: str) -> Dateline | None:
    """A date (and time, and byline) found in ``line``, or None when it names no date."""
    date = _DATE.search(line)
    if date is None:
        return None
    groups = date.groupdict()
    try:
        if groups["iso"]:
            day = datetime.strptime(groups["iso"], "%Y-%m-%d")
        else:
            month = _MONTHS[(groups["month"] or groups["month2"]).lower()]
            day = datetime(int(groups["year"] or groups["year2"]), month,
                           int(groups["day"] or groups["day2"]))
    except ValueError:
        return None
    rest = line[date.end():]
    time = _TIME.search(rest)
    has_time = False
    published = day.replace(tzinfo=UTC)
    if time and time.start() <= 12:
        hour, minute = int(time.group("hour")), int(time.group("minute"))
        ampm = (time.group("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            zone = _zone(time.group("tz")) or ZoneInfo("America/New_York")
            local = day.replace(hour=hour, minute=minute, second=int(time.group("second") or 0))
            published = local.replace(tzinfo=zone).astimezone(UTC)
            has_time = True
    byline = _BYLINE.search(line)
    return Dateline(published, has_time, byline.group("name") if byline else None, date.start())


def parse_time_line(line: str, day: Dateline) -> Dateline | None:
    """A line holding only a time of day ("11:16 AM PST") completes a bare date."""
    if day.has_time or not re.fullmatch(r"\s*" + _TIME.pattern + r"\s*", line, re.IGNORECASE):
        return None
    return parse_dateline(f"{day.published:%Y-%m-%d} {line.strip()}")


def parse_published(value: str) -> tuple[datetime, bool] | None:
    """An ISO 8601 timestamp or a written date from metadata, as (UTC time, has_time)."""
    value = value.strip()
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        found = parse_dateline(value)
        return (found.published, found.has_time) if found else None
    has_time = "T" in value or ":" in value
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC), has_time
