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

SCHEMA_VERSION = 3
# statements taking a file from the version before each key to that version
MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: ("ALTER TABLE claims ADD COLUMN IF NOT EXISTS verdict_note VARCHAR",),
    3: ("CREATE TABLE IF NOT EXISTS vectors (id VARCHAR NOT NULL, encoder VARCHAR NOT NULL, "
        "text VARCHAR NOT NULL, vector FLOAT[384] NOT NULL, PRIMARY KEY (id, encoder))",),
}
VECTOR_SIZE = 384  # the encoder's dimensions (vectors.vector is FLOAT[384])
VERDICTS = ("verified", "contradicted", "unverifiable")
DEFAULT_DB = "rallyscope.duckdb"
TABLES = ("articles", "claims", "stances", "sentences", "prices", "rejects", "vectors")

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
    def open(cls, path: str | Path = DEFAULT_DB, *, read_only: bool = False,
             external_access: bool = True) -> Store:
        """Open (creating when writable) the database at ``path``; with ``external_access``
        false, SQL on it can read or write no other file and reach no network."""
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
        if not external_access:  # for the whole process's copy of the file: cannot be undone
            con.execute("SET enable_external_access = false")
        return store

    def _check_schema(self, *, create: bool) -> None:
        has_version = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if has_version and has_version[0]:
            row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
            found = row[0] if row else None
            if found != SCHEMA_VERSION:
                self._migrate(found, read_only=not create)
            return
        if not create:
            raise StoreError(f"{self.path}: not a rallyscope database (no schema_version)")
        ddl = resources.files("nlp.store").joinpath("schema.sql").read_text(encoding="utf-8")
        with self.transaction() as con:
            con.execute(ddl)
            con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])

    def _migrate(self, found: int | None, *, read_only: bool) -> None:
        """Bring a file of an older schema version up to ``SCHEMA_VERSION``."""
        known = isinstance(found, int) and 1 <= found < SCHEMA_VERSION and all(
            version in MIGRATIONS for version in range(found + 1, SCHEMA_VERSION + 1))
        if not known:
            raise StoreError(f"{self.path}: schema version {found}, this rallyscope "
                             f"reads {SCHEMA_VERSION}; ingest into a new database")
        if read_only:
            raise StoreError(f"{self.path}: schema version {found}, this rallyscope reads "
                             f"{SCHEMA_VERSION}; open it once for writing to upgrade it "
                             f"(e.g. rallyscope verify --db {self.path})")
        assert isinstance(found, int)
        with self.transaction() as con:
            for version in range(found + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[version]:
                    con.execute(statement)
            con.execute("DELETE FROM schema_version")
            con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])
        log.info("%s: upgraded the schema from version %s to %s", self.path, found,
                 SCHEMA_VERSION)

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

    def unindexed_texts(self, encoder: str) -> list[str]:
        """Claim sentences and scored sentences with no stored vector from ``encoder``."""
        rows = self.con.execute(
            "SELECT DISTINCT t.text FROM (SELECT sentence AS text FROM claims UNION "
            "SELECT text FROM sentences) t ANTI JOIN vectors v "
            "ON v.id = md5(t.text) AND v.encoder = ? WHERE t.text <> '' ORDER BY t.text",
            [encoder]).fetchall()
        return [text for (text,) in rows]

    def add_vectors(self, con: duckdb.DuckDBPyConnection, texts: Sequence[str],
                    vectors: Any, encoder: str) -> None:
        """Store one vector per text (rows of ``vectors``) for ``encoder``; known ones stay."""
        if not len(texts):
            return
        frame = pd.DataFrame({"text": list(texts), "vector": list(vectors)})
        con.register("incoming_vectors", frame)
        con.execute("INSERT INTO vectors SELECT md5(text), ?, text, "
                    f"CAST(vector AS FLOAT[{VECTOR_SIZE}]) FROM incoming_vectors "
                    "ON CONFLICT DO NOTHING", [encoder])
        con.unregister("incoming_vectors")

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

    def claims_with_dates(self, kinds: Sequence[str] | None = None) -> pd.DataFrame:
        """Stored claims (of ``kinds``, default all) with their article's ``published``
        and ``published_has_time``, ordered by publication and position."""
        frame = self.query(
            "SELECT c.*, a.published, a.published_has_time FROM claims c "
            "LEFT JOIN articles a ON a.id = c.article "
            "WHERE ? IS NULL OR c.kind IN (SELECT unnest(?)) "
            "ORDER BY a.published NULLS LAST, c.article, c.start, c.id",
            [None if kinds is None else "", list(kinds or [])])
        for column in ("period_start", "period_end"):
            frame[column] = pd.to_datetime(frame[column]).dt.date
        return frame

    def set_verdicts(self, con: duckdb.DuckDBPyConnection, verdicts: pd.DataFrame, *,
                     clear_others: bool = True) -> int:
        """Store ``verdicts`` (``id, verdict, actual, note``, as ``verify_claims`` gives)
        into the claims table inside the caller's transaction; return the claims updated.

        With ``clear_others`` every other claim's verdict, actual and note are reset to
        null, so a re-run replaces the verdicts of the last one.
        """
        absent = {"id", "verdict", "actual", "note"} - set(verdicts.columns)
        if absent:
            raise StoreError(f"{self.path}: verdicts need columns id, verdict, actual and "
                             f"note (missing {', '.join(sorted(absent))})")
        unknown = set(verdicts["verdict"].dropna()) - set(VERDICTS)
        if unknown:
            raise StoreError(f"{self.path}: unknown verdict(s) {', '.join(sorted(unknown))}; "
                             f"use {', '.join(VERDICTS)}")
        incoming = pd.DataFrame({
            "id": verdicts["id"].astype(str), "verdict": verdicts["verdict"].astype(object),
            "actual": pd.to_numeric(verdicts["actual"], errors="coerce").astype(float),
            "note": verdicts["note"].astype(object)}).drop_duplicates("id", keep="last")
        incoming = incoming.astype({"verdict": "string", "note": "string"})
        if clear_others:
            con.execute("UPDATE claims SET verdict = NULL, actual = NULL, verdict_note = NULL "
                        "WHERE verdict IS NOT NULL OR actual IS NOT NULL "
                        "OR verdict_note IS NOT NULL")
        if incoming.empty:
            return 0
        con.register("incoming", incoming)
        try:
            [(updated,)] = con.execute(
                "UPDATE claims SET verdict = i.verdict, actual = i.actual, "
                "verdict_note = i.note FROM incoming i WHERE claims.id = i.id").fetchall()
        finally:
            con.unregister("incoming")
        return int(updated)

    def closes(self, subjects: Sequence[str] | None = None) -> pd.DataFrame:
        """Stored closes as ``subject, date, close`` (of ``subjects``, default all)."""
        frame = self.query(
            "SELECT subject, date, close FROM prices "
            "WHERE ? IS NULL OR subject IN (SELECT unnest(?)) ORDER BY subject, date",
            [None if subjects is None else "", list(subjects or [])])
        frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
        return frame

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
