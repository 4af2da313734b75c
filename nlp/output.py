"""Records out: jsonl, csv or an aligned text table to a stream (stdout in the CLI), and
query results as any of those or a Parquet file."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, TextIO
from uuid import UUID

import duckdb
import numpy as np
import pandas as pd

OutputFormat = Literal["jsonl", "csv", "table"]
FrameFormat = Literal["jsonl", "csv", "table", "parquet"]
TABLE_WIDTH = 60  # a table cell longer than this is cut with an ellipsis


def write_records(rows: Sequence[dict[str, Any]], fmt: OutputFormat, stream: TextIO,
                  *, columns: Sequence[str] | None = None) -> None:
    """Write ``rows`` (dicts with the same keys) in ``fmt``; ``columns`` picks the table's."""
    if fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps({k: _plain_value(v) for k, v in row.items()},
                                    ensure_ascii=False) + "\n")
        return
    names = list(columns or (rows[0].keys() if rows else []))
    if fmt == "csv":
        writer = csv.writer(stream)
        writer.writerow(names)
        for row in rows:
            writer.writerow(["" if row.get(n) is None else _plain_value(row.get(n)) for n in names])
        return
    cells = [[_cell(row.get(n)) for n in names] for row in rows]
    widths = [max([len(n), *(len(c[i]) for c in cells)]) for i, n in enumerate(names)]
    stream.write("  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()
                 + "\n")
    for line in cells:
        stream.write("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip()
                     + "\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:g}"
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    else:
        text = str(_plain_value(value)).replace("\n", " ")
    return text if len(text) <= TABLE_WIDTH else text[:TABLE_WIDTH - 1] + "…"


def plain_frame(frame: pd.DataFrame, *, nested_as_json: bool = False) -> pd.DataFrame:
    """``frame`` with lists, structs, maps, decimals, BLOBs, UUIDs and times turned into
    JSON-ready values, so jsonl, csv and table output can write any query result; with
    ``nested_as_json`` lists and structs become JSON text (for csv and table cells)."""
    def convert(value: Any) -> Any:
        plain = _plain_value(value)
        if nested_as_json and isinstance(plain, list | dict):
            return json.dumps(plain, ensure_ascii=False)
        return plain

    plain = frame.copy()
    for position, kind in enumerate(plain.dtypes):
        if kind == np.dtype(object) or str(kind).startswith("timedelta"):
            plain.isetitem(position, plain.iloc[:, position].astype(object).map(
                convert, na_action="ignore"))
    return plain


def _plain_value(value: Any) -> Any:
    if isinstance(value, np.ndarray | list | tuple):
        return [_plain_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain_value(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta | pd.Timedelta | UUID):
        return str(value)
    return value


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``frame`` as dicts, with SQL nulls (NaN, NaT, NA) as None."""
    plain = frame.astype(object)
    return plain.where(plain.notna(), None).to_dict("records")


def write_frame(frame: pd.DataFrame, fmt: FrameFormat, stream: TextIO, *,
                out: str | Path | None = None, columns: Sequence[str] | None = None) -> None:
    """Write a query result: Parquet to ``out`` (required for it), the rest to ``stream``
    as ``write_records`` does; ``columns`` picks the table's columns."""
    if fmt == "parquet":
        if out is None:
            raise ValueError("parquet is a binary format: give a file to write it to")
        duckdb.from_df(frame).write_parquet(str(out))
        return
    write_records(frame_records(plain_frame(frame, nested_as_json=fmt != "jsonl")), fmt,
                  stream, columns=columns)
