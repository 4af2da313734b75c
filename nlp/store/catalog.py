"""What the store holds, and read-only SQL over it.

``describe_schema`` documents the packaged ``schema.sql`` from its comments (a
``-- table: ...`` line above each table, a ``-- ...`` comment after each column);
``run_read_only`` runs user SQL after checking that every statement is a SELECT;
``find_article`` resolves an id, a unique id prefix, a source or a URL.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import NamedTuple

import duckdb
import pandas as pd

from ..errors import StoreError
from .db import Store

MIN_PREFIX = 6  # characters of an article id a prefix needs
_CREATE = re.compile(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)\s*\(", re.IGNORECASE)
_CONSTRAINT_WORDS = {"NOT", "NULL", "PRIMARY", "DEFAULT", "UNIQUE", "CHECK", "REFERENCES"}
_TABLE_CONSTRAINTS = ("PRIMARY KEY", "UNIQUE", "CHECK", "FOREIGN KEY", "CONSTRAINT")
_EXPLAIN = re.compile(r"\s*EXPLAIN\s+(?:ANALY[SZ]E\s+)?(?:\([^)]*\)\s*)?", re.IGNORECASE)


class ColumnDoc(NamedTuple):
    """A documented column; ``column`` and ``type`` are None on the row of the table."""

    table: str
    column: str | None
    type: str | None
    meaning: str


def read_schema_sql() -> str:
    """The DDL the package creates a store with."""
    return resources.files("nlp.store").joinpath("schema.sql").read_text(encoding="utf-8")


def parse_schema(ddl: str) -> list[ColumnDoc]:
    """One ``ColumnDoc`` per table (first) and per column of each ``CREATE TABLE`` in
    ``ddl``, in file order, meanings from the comments."""
    docs: list[ColumnDoc] = []
    table: str | None = None
    described = ""
    for line in ddl.splitlines():
        code, _, comment = line.partition("--")
        code, comment = code.strip(), comment.strip()
        if table is None:
            if not code and comment.lower().startswith("table:"):
                described = comment[len("table:"):].strip()
            elif match := _CREATE.match(code):
                table = match.group(1)
                docs.append(ColumnDoc(table, None, None, described))
                described = ""
            continue
        if code.startswith(")"):
            table = None
        elif code and not code.upper().startswith(_TABLE_CONSTRAINTS):
            name, *rest = code.rstrip(",").split()
            words: list[str] = []
            for word in rest:
                if word.upper() in _CONSTRAINT_WORDS:
                    break
                words.append(word)
            docs.append(ColumnDoc(table, name.strip('"'), " ".join(words), comment))
    return docs


def describe_schema(store: Store | None = None) -> pd.DataFrame:
    """The packaged schema as ``table, column, type, meaning`` (a row per table, with
    null column and type, then a row per column); with ``store`` also ``rows``, the
    table's row count in it, on each table's row."""
    frame = pd.DataFrame(parse_schema(read_schema_sql()), columns=list(ColumnDoc._fields))
    if store is not None:
        counts: dict[str, int | None] = {}
        for name in frame["table"].unique():
            try:
                row = store.con.execute(f'SELECT count(*) FROM "{name}"').fetchone()
            except duckdb.CatalogException:  # a table this file does not have
                row = None
            counts[name] = int(row[0]) if row else None
        frame["rows"] = pd.array([counts[t] if pd.isna(c) else None
                                  for t, c in zip(frame["table"], frame["column"], strict=True)],
                                 dtype="Int64")
    return frame


def check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> list[duckdb.Statement]:
    """The statements of ``sql``, each checked to be a SELECT (or EXPLAIN of one) before
    anything runs; anything else raises ``StoreError`` naming its type."""
    statements = _statements(con, sql)
    if not statements:
        raise StoreError("no SQL statement given")
    for statement in statements:
        kind = _kind(con, statement)
        if kind != "SELECT":
            raise StoreError(f"rallyscope sql is read-only: {kind} statements are refused")
    return statements


def run_read_only(store: Store, sql: str) -> pd.DataFrame:
    """The result of the last statement of ``sql`` (SELECTs only, see ``check_read_only``)
    on ``store``, which must be opened with ``external_access=False``."""
    setting = store.con.execute(
        "SELECT current_setting('enable_external_access')").fetchone()
    if not setting or setting[0]:
        raise StoreError(f"{store.path}: open the store with external_access=False to "
                         "run user SQL")
    statements = check_read_only(store.con, sql)
    try:
        for statement in statements[:-1]:
            store.con.execute(statement).fetchall()
        return store.con.execute(statements[-1]).df()
    except duckdb.Error as err:
        raise StoreError(one_line(err)) from err


def find_article(store: Store, ref: str) -> str:
    """The id of the article ``ref`` names: its id, a unique id prefix of at least
    ``MIN_PREFIX`` characters, or its source or URL."""
    ref = ref.strip()
    rows = store.con.execute(
        "SELECT id, title FROM articles WHERE id = lower(?) OR source = ? OR url = ? "
        "ORDER BY id", [ref, ref, ref]).fetchall()
    if not rows and len(ref) < MIN_PREFIX:
        raise StoreError(f"{ref}: give at least {MIN_PREFIX} characters of an article id")
    if not rows:
        rows = store.con.execute(
            "SELECT id, title FROM articles WHERE starts_with(id, lower(?)) ORDER BY id",
            [ref]).fetchall()
    if not rows:
        raise StoreError(f"{store.path}: no article with id, id prefix, source or URL {ref}")
    exact = [row for row in rows if row[0] == ref.lower()]
    if len(exact) == 1 or len(rows) == 1:
        return str((exact or rows)[0][0])
    shown = "; ".join(f"{i} ({title or 'untitled'})" for i, title in rows[:10])
    more = f"; and {len(rows) - 10} more" if len(rows) > 10 else ""
    raise StoreError(f"{ref} matches {len(rows)} articles: {shown}{more}")


def one_line(err: BaseException) -> str:
    """DuckDB's message without its ``LINE n:`` excerpt and caret, on one line."""
    lines: list[str] = []
    for line in str(err).strip().splitlines():
        if line.startswith("LINE "):
            break
        if line.strip():
            lines.append(line.strip())
    return " ".join(lines) or type(err).__name__


def _statements(con: duckdb.DuckDBPyConnection, sql: str) -> list[duckdb.Statement]:
    try:
        return list(con.extract_statements(sql))
    except duckdb.Error as err:
        raise StoreError(one_line(err)) from err


def _kind(con: duckdb.DuckDBPyConnection, statement: duckdb.Statement) -> str:
    """SELECT, or the statement's type as the user would name it (EXPLAIN INSERT ...)."""
    kind = statement.type
    if kind == duckdb.StatementType.SELECT:
        return "SELECT"
    if kind == duckdb.StatementType.EXPLAIN:
        match = _EXPLAIN.match(statement.query)
        inner = _statements(con, statement.query[match.end():]) if match else []
        if len(inner) == 1:
            inner_kind = _kind(con, inner[0])
            return "SELECT" if inner_kind == "SELECT" else f"EXPLAIN {inner_kind}"
        return "EXPLAIN"
    if kind == duckdb.StatementType.LOAD and re.match(r"\s*(FORCE\s+)?INSTALL\b",
                                                      statement.query, re.IGNORECASE):
        return "INSTALL"
    return kind.name.replace("_", " ")
