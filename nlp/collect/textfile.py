"""Plain-text articles: the first non-empty line is the title; a dateline may follow."""

from __future__ import annotations

from .dateline import Dateline, parse_dateline, parse_time_line
from .draft import Draft

HEADER_LINES = 6  # how many lines after the title may hold a dateline or byline
DATE_NEAR_START = 30  # a dateline's date starts this close to its line's start


def _header_dateline(line: str) -> Dateline | None:
    """A dateline near the top; a date deep inside a sentence is not one."""
    found = parse_dateline(line)
    return found if found is not None and found.offset <= DATE_NEAR_START else None


def read_text(text: str) -> Draft:
    """Split a plain-text article into title, dateline metadata and body paragraphs."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return Draft(paragraphs=())
    title, rest = lines[0], lines[1:]
    dateline: Dateline | None = None
    header: set[int] = set()
    for i, line in enumerate(rest[:HEADER_LINES]):
        if dateline is None and (found := _header_dateline(line)):
            dateline, header = found, header | {i}
        elif dateline is not None and (timed := parse_time_line(line, dateline)):
            dateline, header = timed, header | {i}
    body = tuple(line for i, line in enumerate(rest) if i not in header)
    if dateline is None:
        return Draft(paragraphs=body, title=title)
    return Draft(paragraphs=body, title=title, author=dateline.author,
                 published=dateline.published, published_has_time=dateline.has_time)
