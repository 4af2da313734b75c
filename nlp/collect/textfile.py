"""Plain-text articles: the first non-empty line is the title; a dateline may follow.

Header lines after the title may carry the date (and time), the author ("By Dana
Whitfield", alone or in the dateline) and the outlet ("July 22, 2025 | Meridian
Wire"); they become metadata and leave the body.
"""

from __future__ import annotations

import re

from .dateline import Dateline, parse_dateline, parse_time_line
from .draft import Draft

HEADER_LINES = 6  # how many lines after the title may hold a dateline or byline
DATE_NEAR_START = 30  # a dateline's date starts this close to its line's start
_BYLINE = re.compile(r"[Bb]y\s+(?P<name>[A-Z][\w.'’-]+(?:\s+(?:and\s+)?[A-Z][\w.'’-]+){0,4})\s*$")
_OUTLET = re.compile(r"[A-Z][\w&.'’-]*(?:\s+[A-Z&][\w&.'’-]*){0,4}")


def _header_dateline(line: str) -> Dateline | None:
    """A dateline near the top; a date deep inside a sentence is not one."""
    found = parse_dateline(line)
    return found if found is not None and found.offset <= DATE_NEAR_START else None


def _outlet(line: str) -> str | None:
    """An outlet named in a dateline's ``|``-separated parts ("July 22, 2025 | Meridian Wire")."""
    for part in line.split("|")[1:]:
        part = part.strip()
        if _OUTLET.fullmatch(part) and not part.lower().startswith("by "):
            return part
    return None


def read_text(text: str) -> Draft:
    """Split a plain-text article into title, header metadata and body paragraphs."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return Draft(paragraphs=())
    title, rest = lines[0], lines[1:]
    dateline: Dateline | None = None
    author: str | None = None
    outlet: str | None = None
    header: set[int] = set()
    for i, line in enumerate(rest[:HEADER_LINES]):
        if dateline is None and (found := _header_dateline(line)):
            dateline, outlet = found, _outlet(line)
        elif dateline is not None and (timed := parse_time_line(line, dateline)):
            dateline = timed
        elif author is None and (byline := _BYLINE.match(line)):
            author = byline.group("name")
        else:
            continue
        header.add(i)
    body = tuple(line for i, line in enumerate(rest) if i not in header)
    if dateline is None:
        return Draft(paragraphs=body, title=title, author=author)
    return Draft(paragraphs=body, title=title, author=author or dateline.author,
                 publisher=outlet, published=dateline.published,
                 published_has_time=dateline.has_time)
