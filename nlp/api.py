"""The Python API for notebooks: a store's claims, articles, stances and prices as
pandas DataFrames, with the filters of the command line.

    from nlp.api import Rallyscope

    with Rallyscope.open("rallyscope-demo/demo.duckdb") as rs:
        pe = rs.claims(kind=["pe_ratio"], subject=["russell_2000"], since=date(2025, 7, 1))
        rs.search("small caps benefit from lower rates", k=5)

The store is opened read-only unless ``read_only=False``; column names are those of
the store's tables (``rallyscope schema``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd

from .settings import Settings
from .store.db import Store
from .store.queries import ArticleFilter, ClaimFilter, Sort, select_articles, select_claims


class Rallyscope:
    """An open store. ``Rallyscope.open(path)``; use it as a context manager."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, path: str | Path | None = None, *, read_only: bool = True) -> Rallyscope:
        """The store at ``path`` (default: $RALLYSCOPE_DB or rallyscope.duckdb)."""
        db = str(path) if path is not None else Settings.load().db
        return cls(Store.open(db, read_only=read_only))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Rallyscope:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def claims(self, *, sort: Sort = "date", limit: int | None = None,
               **filters: Any) -> pd.DataFrame:
        """Claims matching ``filters`` (the fields of ``ClaimFilter``: kind, metric,
        subject, since, until, period_from, period_to, speaker, source, forward,
        min_value, max_value, text, verdict)."""
        return select_claims(self.store, ClaimFilter(**filters), sort=sort, limit=limit)

    def articles(self, *, since: date | None = None, until: date | None = None,
                 source: str | None = None, stance: Sequence[str] = (),
                 limit: int | None = None) -> pd.DataFrame:
        """Articles, newest first, with their stance and claim count."""
        return select_articles(self.store, ArticleFilter(since, until, source, tuple(stance)),
                               limit=limit)

    def stances(self) -> pd.DataFrame:
        """One row per classified article: the stance record with the article's date."""
        return self.store.query(
            "SELECT s.*, a.published, a.publisher, a.author, a.title, a.duplicate_of "
            "FROM stances s JOIN articles a ON a.id = s.article "
            "ORDER BY a.published NULLS LAST, s.article")

    def sentences(self, article: str | None = None) -> pd.DataFrame:
        """Scored sentences (sentiment label, score, probability), of one article or all."""
        return self.store.query(
            "SELECT * FROM sentences WHERE article = coalesce(?, article) "
            "ORDER BY article, position", [article])

    def prices(self, subject: str, start: date | None = None,
               end: date | None = None) -> pd.DataFrame:
        """Stored closes of ``subject`` as (date, close)."""
        return self.store.prices(subject, start, end)

    def search(self, query: str, *, k: int = 10, kind: Sequence[str] = (),
               subject: Sequence[str] = ()) -> pd.DataFrame:
        """The ``k`` stored sentences closest in meaning to ``query``."""
        from .search import search

        where = ClaimFilter(kind=tuple(kind), subject=tuple(subject)) if kind or subject else None
        return search(self.store, query, k=k, where=where)
