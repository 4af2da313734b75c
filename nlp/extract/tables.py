"""Tables turned into text ("Index | Close | Week" rows): each cell with its headers.

A table is a run of lines with two or more ``|`` separators. A row whose cells after
the first are mostly not numbers is a header row and names the columns of the rows
below it; the first cell of a data row is its label. A figure in a cell is then read
with its column header and row label as context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .decision import Decision

_NUMERIC_CELL = re.compile(r"^[~≈+\-−–]?\$?\d[\d,]*(?:\.\d+)?\s*(?:%|x|×|bp|bps|pts)?$|^n/?a$",
                           re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Cell:
    start: int  # character offsets of the cell in the text
    end: int
    header: str  # the column's header ("" when the table has none)
    label: str  # the row's first cell
    label_start: int
    label_end: int
    header_start: int
    header_end: int
    caption: str  # the header row's first cell and the line above the table
    row: str  # the whole line the cell is on
    left_headers: tuple[tuple[int, int], ...] = ()  # headers to the left, nearest first


def _cells(line: str, offset: int) -> list[tuple[str, int, int]]:
    cells, at = [], 0
    for part in line.split("|"):
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        cells.append((stripped, offset + at + lead, offset + at + lead + len(stripped)))
        at += len(part) + 1
    return cells


def _is_header(cells: list[tuple[str, int, int]]) -> bool:
    rest = [c for c, _, _ in cells[1:] if c]
    numeric = sum(1 for c in rest if _NUMERIC_CELL.match(c))
    return bool(rest) and numeric * 2 < len(rest)


def find_cells(text: str) -> list[Cell]:
    """Every cell of every ``|`` table in ``text`` that is not a header or a label."""
    found: list[Cell] = []
    header: list[tuple[str, int, int]] = []
    caption = ""
    previous_line = ""
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.count("|") < 2:
            header, previous_line = [], body.strip()
            offset += len(line)
            continue
        cells = _cells(body, offset)
        offset += len(line)
        if _is_header(cells):
            header = cells
            caption = f"{previous_line} {cells[0][0]}".strip()
            continue
        label, label_start, label_end = cells[0]
        for column, (value, start, end) in enumerate(cells[1:], start=1):
            if not value:
                continue
            head = header[column] if column < len(header) else ("", -1, -1)
            left = tuple((h[1], h[2]) for h in reversed(header[1:column]))
            found.append(Cell(start, end, head[0], label, label_start, label_end, head[1],
                              head[2], caption if header else previous_line, body.strip(), left))
    return found


_PERIOD_WORDS = (
    (r"\bytd\b|year[- ]to[- ]date", "year-to-date"),
    (r"\bweek\b|\b1w\b|\bwtd\b", "this week"),
    (r"\bmonth\b|\bmtd\b|\b1m\b", "this month"),
    (r"\bday\b|\b1d\b|\bdaily\b", "today"),
)


def cell_period(cell: Cell) -> tuple[str, str] | None:
    """The period a cell's headers name, as (the header's words, an equivalent phrase)."""
    year_cell = r"\b((?:19|20)\d\d)e\b|^(?:fy\s?)?((?:19|20)\d\d)$"  # "2025E", "FY2025", "2024"
    for words, year_mark in ((cell.header, year_cell), (cell.label, year_cell)):
        if year := re.search(year_mark, words, re.IGNORECASE):
            return year.group(0), f"in {year.group(1) or year.group(2)}"
        for pattern, phrase in _PERIOD_WORDS:
            if match := re.search(pattern, words, re.IGNORECASE):
                return match.group(0), phrase
    return None


def table_source(text: str, cell: Cell) -> str | None:
    """The "Source: X" line that follows the table, if any."""
    after = text[cell.end:]
    match = re.search(r"^\s*(?:source|sources|data)\s*:\s*([^.;\n]+)", after,
                      re.IGNORECASE | re.MULTILINE)
    return match.group(1).strip() if match and after[:match.start()].count("\n\n") == 0 \
        else None


def decide_cell(cell: Cell, figure_text: str, value: float) -> Decision | None:
    """A table cell's figure read through its column header, row label and caption."""
    context = f"{cell.caption} {cell.label} {cell.header}".lower()
    unit_mark = figure_text.strip().lower()
    if re.search(r"p\s?/\s?e|multiple|valuation", context) or unit_mark.endswith(("x", "×")):
        metric = next((m for m, pattern in (("forward", r"\bfwd\b|forward"),
                                             ("trailing", r"trailing|\bttm\b"),
                                             ("relative", r"relative|\brel\b"))
                       if re.search(pattern, context)), None)
        return Decision("pe_ratio", metric, "x", value)
    if re.search(r"\bcuts?\b|\bhikes?\b", context) and "%" not in unit_mark:
        return Decision("rate_expectation", "cut_count", "count", value, subject="fed_funds",
                        forward=True)
    if re.search(r"odds|probab|chance", context):
        return Decision("rate_expectation", "cut_probability", "%", value, subject="fed_funds",
                        forward=True)
    if "%" in unit_mark:
        if re.search(r"unprofitable|share of|\bshare\b|weight", context):
            return Decision("other", "share", "%", value)
        if re.search(r"\beps\b|\bearnings\b|\bprofits?\b", context):
            return Decision("earnings_growth", "eps" if "eps" in context else "earnings", "%",
                            value, forward=bool(re.search(r"\d{4}e\b|est|forecast", context)))
        if re.search(r"return|upside", context):
            return Decision("return_forecast", "total", "%", value, forward=True)
        return Decision("price_change", "pct", "%", value)
    if value >= 100:
        if re.search(r"target|forecast|year-end|outlook", context):
            return Decision("index_level", "target", "pts", value, forward=True)
        metric = "close" if re.search(r"close|closing", context) else "level"
        return Decision("index_level", metric, "pts", value)
    return None
