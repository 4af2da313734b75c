"""Daily closes from CSV files: Yahoo, yfinance ``to_csv``, Stooq and plain ``date,close``.

``read_closes(path)`` gives a DataFrame with ``date`` (datetime64 at midnight, no time
zone) and ``close`` (float), sorted by date, or raises ``InputError`` naming the file and
its bad lines. Rows without a close (Yahoo writes ``null`` for holidays) are skipped
with a warning; a date given twice with different closes is an error.
"""

from __future__ import annotations

import csv
import io
import logging
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from ..errors import InputError

log = logging.getLogger(__name__)

LAYOUTS = (
    "Yahoo (Date,Open,High,Low,Close,Adj Close,Volume)",
    "yfinance to_csv (header rows Price,Close,... / Ticker,... / Date)",
    "Stooq (Date,Open,High,Low,Close,Volume or Data,...,Zamkniecie,Wolumen)",
    "date,close (other columns ignored)",
)
SHOWN = 3  # bad lines quoted in an error message; the rest are counted

_DATE_NAMES = ("date", "data", "datetime")
_CLOSE_NAMES = ("close", "zamkniecie", "adj close", "adjclose")  # in order of preference
_MISSING = {"", "null", "nan", "na", "n/a", "none", "-"}
_ISO_DAY = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
                      r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|UTC|[+-]\d{2}:?\d{2})?")
_COMPACT_DAY = re.compile(r"(\d{4})(\d{2})(\d{2})")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")


@dataclass(frozen=True, slots=True)
class _Layout:
    name: str
    date_column: int
    close_column: int
    first_row: int  # index into the file's rows of the first data row


def parse_day(text: str) -> date:
    """The trading day of ``2025-01-02``, ``2025-01-02 00:00:00-05:00`` (the wall date is
    kept, not converted), ``20250102`` or ``Jan 2, 2025``; anything else is a ValueError."""
    text = text.strip()
    match = _ISO_DAY.fullmatch(text) or _COMPACT_DAY.fullmatch(text)
    if match:
        return date(int(match[1]), int(match[2]), int(match[3]))
    return datetime.strptime(text, "%b %d, %Y").date()


def parse_close(text: str, *, decimal_comma: bool = False) -> float:
    """A positive finite close from ``2211.65`` or ``2,211.65`` (``2211,65`` when
    ``decimal_comma``); anything else is a ValueError."""
    text = text.strip()
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    elif decimal_comma and _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    value = float(text)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"not a positive number: {text!r}")
    return value


def read_closes(path: str | Path) -> pd.DataFrame:
    """The daily closes of a CSV file in one of ``LAYOUTS``, as (date, close) sorted by date."""
    source = str(path)
    text = _read_text(Path(path), source)
    delimiter = _delimiter(text)
    try:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as err:
        raise InputError(source, f"not a CSV file ({err})", kind="not CSV") from err
    if not any(_cells(row) for _, row in rows):
        raise InputError(source, "empty file", kind="empty file")
    layout = _find_layout(rows, source)
    frame = _closes(rows[layout.first_row:], layout, source, decimal_comma=delimiter == ";")
    log.debug("%s: %d closes (%s layout)", source, len(frame), layout.name)
    return frame


def check_closes(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """A (date, close) frame from elsewhere (a download) checked as a file would be:
    missing closes dropped with a warning, bad values an ``InputError`` naming ``source``."""
    absent = [name for name in ("date", "close") if name not in frame.columns]
    if absent:
        raise InputError(source, f"no {' or '.join(absent)} column", kind="bad frame")
    dates = pd.to_datetime(frame["date"], errors="coerce")
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    closes = pd.to_numeric(frame["close"], errors="coerce").astype(float)
    checked = pd.DataFrame({"date": dates.dt.normalize(), "close": closes})
    if checked["date"].isna().any():
        raise InputError(source, f"{int(checked['date'].isna().sum())} row(s) without a date",
                         kind="bad date")
    missing = checked["close"].isna()
    if missing.any():
        log.warning("%s: skipped %d day(s) without a close", source, int(missing.sum()))
        checked = checked[~missing]
    bad = checked[~(checked["close"] > 0) | ~checked["close"].map(math.isfinite)]
    if len(bad):
        raise InputError(source, f"{_count(bad, 'close$ not a positive number')} ("
                         + ", ".join(f"{d:%Y-%m-%d} {c!r}" for d, c in bad.head(SHOWN).values)
                         + ")", kind="bad close")
    checked = checked.drop_duplicates()
    twice = checked[checked["date"].duplicated()]
    if len(twice):
        raise InputError(source, f"{_count(twice, 'day$ with two different closes')} ("
                         + ", ".join(f"{d:%Y-%m-%d}" for d in twice["date"].head(SHOWN)) + ")",
                         kind="conflicting closes")
    checked = checked.sort_values("date", ignore_index=True)
    checked["date"] = checked["date"].astype("datetime64[ns]")
    return checked


def _read_text(path: Path, source: str) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise InputError(source, "no such file", kind="missing") from err
    except IsADirectoryError as err:
        raise InputError(source, "a folder, not a CSV file", kind="not CSV") from err
    except OSError as err:
        raise InputError(source, f"cannot read ({err.strerror})", kind="unreadable") from err
    if b"\x00" in data:
        raise InputError(source, "binary data, not a CSV file", kind="not CSV")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # headers and numbers are ASCII either way


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","


def _cells(row: Sequence[str]) -> bool:
    return any(cell.strip() for cell in row)


def _name(cell: str) -> str:
    """A header cell compared loosely: no accents, case, ``<>``, ``*`` or underscores."""
    text = unicodedata.normalize("NFKD", cell).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_]+", " ", text.strip().strip("<>*").strip().lower())


def _pick(names: Sequence[str], wanted: Sequence[str]) -> int | None:
    for name in wanted:
        if name in names:
            return names.index(name)
    return None


def _find_layout(rows: list[tuple[int, list[str]]], source: str) -> _Layout:
    heads = [i for i, (_, row) in enumerate(rows) if _cells(row)][:3]
    first = [_name(c) for c in rows[heads[0]][1]]
    second = [_name(c) for c in rows[heads[1]][1]] if len(heads) > 1 else []
    if first and second and {first[0], second[0]} == {"price", "ticker"}:
        names, tickers = (first, rows[heads[1]][1]) if first[0] == "price" else (
            second, rows[heads[0]][1])
        close = _pick(names, _CLOSE_NAMES)
        if close is not None:
            if names.count(names[close]) > 1:
                shown = sorted({t.strip() for t, n in zip(tickers, names, strict=False)
                                if n == names[close]})
                raise InputError(source, f"several tickers ({', '.join(shown)}); save one "
                                 "ticker a file", kind="several tickers")
            start = heads[1] + 1
            if len(heads) > 2 and [_name(c) for c in rows[heads[2]][1]][0] in _DATE_NAMES:
                start = heads[2] + 1
            return _Layout("yfinance", 0, close, start)
    day, close = _pick(first, _DATE_NAMES), _pick(first, _CLOSE_NAMES)
    if day is None or close is None:
        header = ",".join(c.strip() for c in rows[heads[0]][1])[:80]
        raise InputError(source, f"unknown layout (header {header!r}); accepted: "
                         + "; ".join(LAYOUTS), kind="unknown layout")
    name = ("Stooq" if "zamkniecie" in first else "Yahoo" if "adj close" in first
            else "OHLC" if "open" in first else "date,close")
    return _Layout(name, day, close, heads[0] + 1)


def _closes(rows: Sequence[tuple[int, list[str]]], layout: _Layout, source: str, *,
            decimal_comma: bool) -> pd.DataFrame:
    days: dict[date, tuple[int, float]] = {}
    bad_dates: list[tuple[int, str]] = []
    bad_closes: list[tuple[int, str]] = []
    conflicts: list[tuple[int, str]] = []
    no_close: list[tuple[int, str]] = []
    repeated: list[tuple[int, str]] = []
    for line, row in rows:
        if not _cells(row):
            continue
        day_text = row[layout.date_column].strip() if layout.date_column < len(row) else ""
        close_text = row[layout.close_column].strip() if layout.close_column < len(row) else ""
        try:
            day = parse_day(day_text)
        except ValueError:
            bad_dates.append((line, repr(day_text[:30])))
            continue
        if close_text.lower() in _MISSING:
            no_close.append((line, ""))
            continue
        try:
            close = parse_close(close_text, decimal_comma=decimal_comma)
        except ValueError:
            bad_closes.append((line, repr(close_text[:30])))
            continue
        if day in days:
            seen_line, seen = days[day]
            if seen == close:
                repeated.append((line, ""))
            else:
                conflicts.append((line, f"({day}: {close:g}, line {seen_line} says {seen:g})"))
            continue
        days[day] = (line, close)
    problems = [(kind, f"{_count(found, what)}{note}: {_lines(found)}")
                for kind, what, note, found in (
        ("bad date", "unreadable date", " (expected YYYY-MM-DD)", bad_dates),
        ("bad close", "close$ not a positive number", "", bad_closes),
        ("conflicting closes", "date$ given twice with different closes", "", conflicts),
    ) if found]
    if problems:
        raise InputError(source, "; ".join(text for _, text in problems), kind=problems[0][0])
    if no_close:
        log.warning("%s: skipped %s (%s)", source, _count(no_close, "row$ without a close"),
                    _lines(no_close))
    if repeated:
        log.warning("%s: dropped %s (%s)", source, _count(repeated, "repeated row"),
                    _lines(repeated))
    if not days:
        why = "every row's close is empty or null" if no_close else "header only"
        raise InputError(source, f"no closes ({why})", kind="no closes")
    ordered = sorted(days.items())
    return pd.DataFrame({
        "date": pd.to_datetime([day for day, _ in ordered]).astype("datetime64[ns]"),
        "close": [close for _, (_, close) in ordered],
    })


def _count(found: Sequence[object], noun: str) -> str:
    """``1 close not ...`` / ``2 closes not ...``: ``$`` marks where the plural s goes
    (at the end when absent)."""
    suffix = "" if len(found) == 1 else "s"
    return f"{len(found)} " + (noun.replace("$", suffix) if "$" in noun else noun + suffix)


def _lines(found: Sequence[tuple[int, str]]) -> str:
    """``line 4 '2025-13-01', line 9 'x' and 3 more``: the first few, the rest counted."""
    shown = ", ".join(f"line {n} {text}".rstrip() for n, text in found[:SHOWN])
    return shown + (f" and {len(found) - SHOWN} more" if len(found) > SHOWN else "")
