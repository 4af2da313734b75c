"""DataFrames as HTML tables: every value formatted by its kind and escaped.

A ``Column`` names a frame column, its header, how to show it (``kind``) and an optional
tooltip. Cells carry a ``data-sort`` key (numbers as numbers, dates as ISO text) so the
report's inline script sorts them properly. Text is always escaped with ``html.escape``;
only ``kind="html"`` cells, which the report builds itself from escaped parts, are not.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any, Literal

import pandas as pd

Kind = Literal["text", "int", "num", "signed", "share", "return", "p", "date", "list",
               "stance", "bool", "html"]
MISSING = "\u2014"  # em dash


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    kind: Kind = "text"
    tip: str | None = None  # shown on hover over the header
    sort_key: str | None = None  # another column to sort by (for ``html`` cells)
    css: str | None = None  # extra class of the column's cells, e.g. ``wide``, ``nowrap``


def is_missing(value: Any) -> bool:
    """None, NaN, NaT and pandas NA (but not an empty list)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def format_value(value: Any, kind: Kind) -> str:
    """``value`` shown as ``kind``, as escaped HTML; an em dash when missing."""
    if kind == "list":
        items = [] if is_missing(value) else list(value)
        if not items:
            return MISSING
        return "<ol class='evidence'>" + "".join(f"<li>{escape(str(i))}</li>"
                                                 for i in items) + "</ol>"
    if is_missing(value):
        return MISSING
    if kind == "html":
        return str(value)
    if kind == "int":
        return f"{int(value):,}"
    if kind == "num":
        return f"{float(value):,.2f}"
    if kind == "signed":
        return f"{float(value):+.2f}"
    if kind == "share":
        return f"{float(value):.0%}"
    if kind == "return":
        return f"{float(value) * 100:+.2f}%"
    if kind == "p":
        return "&lt;0.001" if float(value) < 0.001 else f"{float(value):.3f}"
    if kind == "date":
        return escape(pd.Timestamp(value).strftime("%Y-%m-%d"))
    if kind == "bool":
        return "yes" if bool(value) else "no"
    if kind == "stance":
        label = escape(str(value))
        return f"<span class='badge stance-{label}'>{label}</span>"
    return escape(str(value))


def sort_value(value: Any, kind: Kind) -> str:
    """The ``data-sort`` key: a plain number, an ISO date, or lower-case text."""
    if kind == "list" or is_missing(value):
        return ""
    if kind in ("int", "num", "signed", "share", "return", "p"):
        return repr(float(value))
    if kind == "bool":
        return "1" if bool(value) else "0"
    if kind == "date":
        return pd.Timestamp(value).isoformat()
    return escape(str(value).lower(), quote=True)


def html_table(frame: pd.DataFrame, columns: Sequence[Column], *, table_id: str | None = None,
               sortable: bool = False, empty: str = "Nothing to show.",
               row_class: str | None = None, compact: bool = False) -> str:
    """``frame`` as a ``<table>`` with the given columns (missing frame columns show as
    em dashes); ``empty`` (a sentence, escaped) when the frame has no rows.
    ``row_class`` names a column whose value becomes each row's CSS class; ``compact``
    tables are only as wide as their content."""
    if frame.empty:
        return f"<p class='empty'>{escape(empty)}</p>"
    attrs = f" id='{escape(table_id, quote=True)}'" if table_id else ""
    classes = "data sortable" if sortable else "data"
    head = "".join(
        f"<th scope='col' class='{_align(c.kind)}'"
        + (f" title='{escape(c.tip, quote=True)}'" if c.tip else "") + f">{escape(c.header)}</th>"
        for c in columns)
    body = []
    for row in frame.to_dict("records"):
        cells = []
        for column in columns:
            value = row.get(column.key)
            key = (_key_of(row.get(column.sort_key)) if column.sort_key
                   else sort_value(value, column.kind))
            css = _align(column.kind) + (f" {column.css}" if column.css else "")
            cells.append(f"<td class='{css}' data-sort='{key}'>"
                         f"{format_value(value, column.kind)}</td>")
        mark = row.get(row_class) if row_class else None
        klass = (f" class='{escape(str(mark), quote=True)}'"
                 if mark and not is_missing(mark) else "")
        body.append(f"<tr{klass}>" + "".join(cells) + "</tr>")
    wrap = "table-wrap compact" if compact else "table-wrap"
    return (f"<div class='{wrap}'><table class='{classes}'{attrs}><thead><tr>{head}"
            f"</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


def filter_box(table_id: str, placeholder: str, rows: int) -> str:
    """A text box that filters the rows of table ``table_id``, with a count of shown rows."""
    tid = escape(table_id, quote=True)
    return (f"<div class='filter'><input type='search' class='table-filter' "
            f"data-table='{tid}' placeholder='{escape(placeholder, quote=True)}' "
            f"aria-label='{escape(placeholder, quote=True)}'>"
            f"<span class='filter-count' data-for='{tid}'>{rows:,} rows</span></div>")


def filterable_table(frame: pd.DataFrame, columns: Sequence[Column], *, table_id: str,
                     placeholder: str, **options: Any) -> str:
    """A sortable ``html_table`` under a ``filter_box`` that filters its rows."""
    return (filter_box(table_id, placeholder, len(frame))
            + html_table(frame, columns, table_id=table_id, sortable=True, **options))


def _key_of(value: Any) -> str:
    if is_missing(value):
        return ""
    if pd.api.types.is_number(value) and not isinstance(value, bool):
        return repr(float(value))
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return escape(str(value).lower(), quote=True)


def _align(kind: Kind) -> str:
    if kind == "date":
        return "txt nowrap"
    return "num" if kind in ("int", "num", "signed", "share", "return", "p") else "txt"
