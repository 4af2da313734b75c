"""``Store``: one DuckDB file; writes in transactions, reads as DataFrames.

DuckDB allows one writing process and many readers: query commands open the file
with ``read_only=True``. Rows go in through registered DataFrames, keyed so that a
re-run inserts nothing twice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple

import duckdb
import pandas as pd

from ..errors import StoreError
from ..records import Article, Claim, SentenceScore, Stance, unpack_raw

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
DEFAULT_DB = "rallyscope.duckdb"
TABLES = ("articles", "claims", "stances", "sentences", "prices", "rejects")

_ARTICLE_COLUMNS = ("id", "source", "format", "url", "title", "author", "publisher",
                    "published", "published_has_time", "text", "raw", "duplicate_of",
                    "junk_removed", "minhash")
_REJECT_COLUMNS = ("source", "kind", "reason", "skipped")
_STANCE_COLUMNS = ("article", "source", "stance", "score", "confidence", "evidence", "sentiment")
_SENTENCE_COLUMNS = ("article", "position", "start", "end", "text", "label", "score",
                     "probability")
_CLAIM_COLUMNS = ("id", "article", "source", "kind", "metric", "subject", "subject_text", "value",
                  "low", "high", "unit", "approximate", "forward_looking", "period",
                  "period_start", "period_end", "speaker", "sentence", "start", "end", "verdict",
                  "actual")


class PriceLoad(NamedTuple):
    """What ``Store.add_prices`` did to the stored closes of one subject."""

    new: int
    changed: int
    unchanged: int


class Store:
    """An open rallyscope database. Use ``Store.open(path)`` as a context manager."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con = con
        self.path = path

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> Store:
        """Open (creating when writable) the database at ``path``."""
        path = str(path)
        if read_only and path != ":memory:" and not Path(path).exists():
            raise StoreError(f"{path}: no such database (run 'rallyscope ingest' first)")
        try:
            con = duckdb.connect(path, read_only=read_only)
        except duckdb.Error as err:
            raise StoreError(f"{path}: cannot open database ({_first_line(err)})") from err
        con.execute("SET TimeZone = 'UTC'")
        store = cls(con, path)
        store._check_schema(create=not read_only)
        return store

    def _check_schema(self, *, create: bool) -> None:
        has_version = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if has_version and has_version[0]:
            row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
            found = row[0] if row else None
            if found != SCHEMA_VERSION:
                raise StoreError(f"{self.path}: schema version {found}, this rallyscope "
                                 f"reads {SCHEMA_VERSION}; ingest into a new database")
            return
        if not create:
            raise StoreError(f"{self.path}: not a rallyscope database (no schema_version)")
        ddl = resources.files("nlp.store").joinpath("schema.sql").read_text(encoding="utf-8")
        with self.transaction() as con:
            con.execute(ddl)
            con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Commit everything in the block, or nothing of it."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except duckdb.Error as err:
            self.con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: write failed ({_first_line(err)})") from err
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def query(self, sql: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        try:
            return self.con.execute(sql, params or []).df()
        except duckdb.Error as err:
            raise StoreError(f"{self.path}: {_first_line(err)}") from err

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise StoreError(f"{self.path}: no table {table!r}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def article_index(self) -> list[tuple[str, str, tuple[int, ...], str | None]]:
        """(id, source, minhash, duplicate_of) of every stored article, oldest first."""
        rows = self.con.execute(
            "SELECT id, source, minhash, duplicate_of FROM articles ORDER BY ingested_at, id"
        ).fetchall()
        return [(i, s, tuple(b or ()), d) for i, s, b, d in rows]

    def article_text(self, article_id: str) -> str:
        row = self.con.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no article {article_id}")
        return str(row[0])

    def raw_text(self, article_id: str) -> str:
        """An article's input as read (stored compressed)."""
        row = self.con.execute("SELECT raw FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no article {article_id}")
        return unpack_raw(row[0])

    def add_articles(self, con: duckdb.DuckDBPyConnection, articles: Sequence[Article]) -> None:
        """Insert articles inside the caller's transaction; a stored id is left as it is."""
        if not articles:
            return
        frame = pd.DataFrame([a.to_row() for a in articles], columns=list(_ARTICLE_COLUMNS))
        frame["published"] = pd.to_datetime(frame["published"], utc=True)
        _insert(con, "articles", frame, _ARTICLE_COLUMNS, on_conflict="DO NOTHING")

    def replace_claims(self, con: duckdb.DuckDBPyConnection, article_ids: Sequence[str],
                       claims: Sequence[Claim]) -> None:
        """Make ``claims`` the stored claims of ``article_ids`` (inside the caller's
        transaction): a re-run replaces rows, never adds them."""
        if article_ids:
            con.execute("DELETE FROM claims WHERE article IN (SELECT unnest(?))",
                        [list(article_ids)])
        if claims:
            frame = pd.DataFrame([c.to_row() for c in claims], columns=list(_CLAIM_COLUMNS))
            _insert(con, "claims", frame, _CLAIM_COLUMNS, on_conflict="DO NOTHING")

    def replace_stances(self, con: duckdb.DuckDBPyConnection, article_ids: Sequence[str],
                        stances: Sequence[Stance], sentences: Sequence[SentenceScore]) -> None:
        """Make these the stances and sentence scores of ``article_ids`` (in the caller's
        transaction)."""
        if not article_ids:
            return
        for table in ("stances", "sentences"):
            con.execute(f"DELETE FROM {table} WHERE article IN (SELECT unnest(?))",
                        [list(article_ids)])
        if stances:
            frame = pd.DataFrame([s.to_row() for s in stances], columns=list(_STANCE_COLUMNS))
            _insert(con, "stances", frame, _STANCE_COLUMNS, on_conflict="DO NOTHING")
        if sentences:
            frame = pd.DataFrame([s.to_row() for s in sentences],
                                 columns=list(_SENTENCE_COLUMNS))
            _insert(con, "sentences", frame, _SENTENCE_COLUMNS, on_conflict="DO NOTHING")

    def set_rejects(self, con: duckdb.DuckDBPyConnection,
                    rejects: Sequence[tuple[str, str, str, bool]]) -> None:
        """Record (source, kind, reason, skipped) rows, replacing earlier ones per source."""
        if not rejects:
            return
        frame = pd.DataFrame(list(rejects), columns=list(_REJECT_COLUMNS))
        frame = frame.drop_duplicates("source", keep="last")
        _insert(con, "rejects", frame, _REJECT_COLUMNS,
                on_conflict="DO UPDATE SET kind = excluded.kind, reason = excluded.reason, "
                            "skipped = excluded.skipped, rejected_at = get_current_timestamp()")

    def clear_rejects(self, con: duckdb.DuckDBPyConnection, sources: Sequence[str]) -> None:
        """Forget earlier rejects of inputs that have now been used."""
        if sources:
            con.execute("DELETE FROM rejects WHERE source IN (SELECT unnest(?))", [list(sources)])

    def add_prices(self, con: duckdb.DuckDBPyConnection, subject: str, frame: pd.DataFrame,
                   origin: str) -> PriceLoad:
        """Upsert (date, close) rows of ``subject`` inside the caller's transaction: a day
        already stored with the same close is left alone, a changed close replaces it."""
        absent = {"date", "close"} - set(frame.columns)
        if absent:
            raise StoreError(f"{self.path}: prices need columns date and close "
                             f"(missing {', '.join(sorted(absent))})")
        incoming = pd.DataFrame({"subject": subject,
                                 "date": pd.to_datetime(frame["date"]).dt.normalize(),
                                 "close": frame["close"].astype(float), "origin": origin})
        if incoming["date"].duplicated().any():
            raise StoreError(f"{self.path}: {subject} prices give a date twice")
        if incoming.empty:
            return PriceLoad(0, 0, 0)
        con.register("incoming", incoming)
        [(new, changed)] = con.execute(  # fetchall: an unfinished result blocks the insert
            "SELECT count(*) FILTER (WHERE p.close IS NULL), "
            "count(*) FILTER (WHERE p.close <> i.close) "
            "FROM incoming i LEFT JOIN prices p "
            "ON p.subject = i.subject AND p.date = CAST(i.date AS DATE)").fetchall()
        con.unregister("incoming")
        _insert(con, "prices", incoming, ("subject", "date", "close", "origin"),
                on_conflict="DO UPDATE SET close = excluded.close, origin = excluded.origin "
                            "WHERE prices.close <> excluded.close")
        return PriceLoad(int(new), int(changed), len(incoming) - new - changed)

    def prices(self, subject: str, start: date | None = None,
               end: date | None = None) -> pd.DataFrame:
        """Stored closes of ``subject`` (``start``/``end`` inclusive) as (date, close)."""
        frame = self.query(
            "SELECT date, close FROM prices WHERE subject = ? "
            "AND date >= coalesce(CAST(? AS DATE), date) "
            "AND date <= coalesce(CAST(? AS DATE), date) ORDER BY date", [subject, start, end])
        frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
        return frame

    def price_span(self, subject: str) -> tuple[date, date] | None:
        """First and last stored day of ``subject``, or None when it has no closes."""
        [(first, last)] = self.con.execute(
            "SELECT min(date), max(date) FROM prices WHERE subject = ?", [subject]).fetchall()
        return None if first is None else (first, last)

    def price_summary(self) -> pd.DataFrame:
        """One row per subject: subject, first, last, rows, origin (distinct origins)."""
        return self.query(
            "SELECT subject, min(date) AS first, max(date) AS last, count(*) AS rows, "
            "string_agg(DISTINCT origin, '; ' ORDER BY origin) AS origin "
            "FROM prices GROUP BY subject ORDER BY subject")


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame,
            columns: Sequence[str], *, on_conflict: str) -> None:
    names = ", ".join(f'"{column}"' for column in columns)
    con.register("incoming", frame)  # a later register replaces it, even after an error
    con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM incoming "
                f"ON CONFLICT {on_conflict}")
    con.unregister("incoming")


def _first_line(err: BaseException) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
