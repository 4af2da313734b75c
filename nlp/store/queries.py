"""Filtered reads of the store: claims, articles and nearest sentences, as DataFrames.

Every filter value reaches DuckDB as a bound parameter, never as SQL text; only the
names of sort columns are put into the SQL, and those come from a fixed list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import pandas as pd

from .db import Store

Sort = Literal["date", "value", "kind", "subject", "speaker", "source"]
SORTS: dict[str, str] = {  # --sort name -> ORDER BY (newest first for dates)
    "date": "a.published DESC NULLS LAST, c.article, c.start",
    "value": "c.value DESC NULLS LAST",
    "kind": "c.kind, c.metric, a.published DESC NULLS LAST",
    "subject": "c.subject NULLS LAST, a.published DESC NULLS LAST",
    "speaker": "c.speaker NULLS LAST, a.published DESC NULLS LAST",
    "source": "a.publisher NULLS LAST, a.published DESC NULLS LAST",
}
CLAIM_COLUMNS = (
    "c.id, c.article, c.source, c.kind, c.metric, c.subject, c.subject_text, c.value, "
    "c.low, c.high, c.unit, c.approximate, c.forward_looking, c.period, c.period_start, "
    "c.period_end, c.speaker, c.sentence, c.start, c.\"end\", c.verdict, c.actual, "
    "c.verdict_note, substring(a.text, c.start + 1, c.\"end\" - c.start) AS figure_text, "
    "a.published, a.publisher, a.author, a.title")


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """What ``rallyscope claims`` and ``Rallyscope.claims`` filter on; None is no filter.

    ``kind``, ``metric`` and ``subject`` take several values (any of them matches);
    ``since``/``until`` bound the article's date, ``period_from``/``period_to`` the
    claim's period (a period overlapping the range matches); ``source`` is a substring
    of the outlet, author, path or URL, ``speaker`` and ``text`` substrings of the
    speaker and the sentence (case-insensitive); ``forward`` True keeps forecasts,
    False reported facts; ``verdict`` keeps one verification verdict.
    """

    kind: Sequence[str] = ()
    metric: Sequence[str] = ()
    subject: Sequence[str] = ()
    since: date | None = None
    until: date | None = None
    period_from: date | None = None
    period_to: date | None = None
    speaker: str | None = None
    source: str | None = None
    forward: bool | None = None
    min_value: float | None = None
    max_value: float | None = None
    text: str | None = None
    verdict: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition over claims ``c`` joined to articles ``a``, and its parameters."""
        terms = _Terms()
        for column in ("kind", "metric", "subject"):
            terms.add_if(getattr(self, column), f"c.{column} IN (SELECT unnest(?))",
                         list(getattr(self, column)))
        terms.add_dates(self.since, self.until)
        terms.add_if(self.period_from, "coalesce(c.period_end, c.period_start) >= ?",
                     self.period_from)
        terms.add_if(self.period_to, "coalesce(c.period_start, c.period_end) <= ?",
                     self.period_to)
        terms.add_contains(("c.speaker",), self.speaker)
        terms.add_contains(("a.publisher", "a.author", "c.source", "a.url"), self.source)
        terms.add_if(self.forward is not None, "c.forward_looking = ?", self.forward)
        terms.add_if(self.min_value is not None, "c.value >= ?", self.min_value)
        terms.add_if(self.max_value is not None, "c.value <= ?", self.max_value)
        terms.add_contains(("c.sentence",), self.text)
        terms.add_if(self.verdict, "c.verdict = ?", self.verdict)
        return terms.sql()


class _Terms:
    """SQL conditions joined by AND, with their parameters in order."""

    def __init__(self) -> None:
        self.terms: list[str] = []
        self.params: list[Any] = []

    def add_if(self, wanted: object, term: str, *values: Any) -> None:
        if wanted:
            self.terms.append(term)
            self.params.extend(values)

    def add_dates(self, since: date | None, until: date | None) -> None:
        """The article's publication day within [since, until]."""
        self.add_if(since, "CAST(a.published AS DATE) >= ?", since)
        self.add_if(until, "CAST(a.published AS DATE) <= ?", until)

    def add_contains(self, columns: Sequence[str], text: str | None) -> None:
        """Any of ``columns`` contains ``text`` (any case; its % and _ taken literally)."""
        if text:
            escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            term = " OR ".join(f"{column} ILIKE ? ESCAPE '\\'" for column in columns)
            self.add_if(True, f"({term})", *[f"%{escaped}%"] * len(columns))

    def sql(self) -> tuple[str, list[Any]]:
        return (" AND ".join(self.terms) or "true"), self.params


def select_claims(store: Store, where: ClaimFilter = ClaimFilter(), *, sort: Sort = "date",
                  limit: int | None = None) -> pd.DataFrame:
    """Claims matching ``where`` with their article's date, outlet, author and title."""
    condition, params = where.where()
    sql = (f"SELECT {CLAIM_COLUMNS} FROM claims c JOIN articles a ON a.id = c.article "
           f"WHERE {condition} ORDER BY {SORTS[sort]}, c.id")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return store.query(sql, params)


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """What ``rallyscope articles`` filters on: dates, a source substring, stances."""

    since: date | None = None
    until: date | None = None
    source: str | None = None
    stance: Sequence[str] = ()

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition over articles ``a`` joined to stances ``s``, and its parameters."""
        terms = _Terms()
        terms.add_dates(self.since, self.until)
        terms.add_contains(("a.publisher", "a.author", "a.source", "a.url", "a.title"),
                           self.source)
        terms.add_if(self.stance, "s.stance IN (SELECT unnest(?))", list(self.stance))
        return terms.sql()


def select_articles(store: Store, where: ArticleFilter = ArticleFilter(), *,
                    limit: int | None = None) -> pd.DataFrame:
    """Articles (newest first) with their stance and claim count."""
    condition, params = where.where()
    sql = ("SELECT a.id, a.published, a.publisher, a.author, a.title, s.stance, s.score, "
           "s.confidence, coalesce(n.claims, 0) AS claims, a.duplicate_of, a.source "
           "FROM articles a LEFT JOIN stances s ON s.article = a.id "
           "LEFT JOIN (SELECT article, count(*) AS claims FROM claims GROUP BY article) n "
           f"ON n.article = a.id WHERE {condition} "
           "ORDER BY a.published DESC NULLS LAST, a.id")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return store.query(sql, params)


def nearest_sentences(store: Store, vector: Sequence[float], encoder: str, *, k: int = 10,
                      where: ClaimFilter | None = None) -> pd.DataFrame:
    """The ``k`` stored sentences closest to ``vector`` by cosine similarity, with the
    article they came from and the kinds of the claims in them. With ``where``, only
    sentences of claims matching it; without, every sentence with a vector (claim
    sentences and the scored sentences of classified articles)."""
    query = [float(v) for v in vector]
    if where is None:
        pool = ("SELECT c.sentence AS text, c.article FROM claims c UNION "
                "SELECT s.text, s.article FROM sentences s")
        params: list[Any] = []
    else:
        condition, params = where.where()
        pool = ("SELECT DISTINCT c.sentence AS text, c.article FROM claims c "
                f"JOIN articles a ON a.id = c.article WHERE {condition}")
    sql = (
        f"WITH pool AS ({pool}), ranked AS ("
        "SELECT v.text, array_cosine_similarity(v.vector, CAST(? AS FLOAT[384])) AS score "
        "FROM vectors v SEMI JOIN pool p ON p.text = v.text WHERE v.encoder = ? "
        "ORDER BY score DESC LIMIT ?) "
        "SELECT r.score, p.article, a.published, a.publisher, a.title, "
        "(SELECT list(DISTINCT c.kind ORDER BY c.kind) FROM claims c "
        " WHERE c.article = p.article AND c.sentence = r.text) AS kinds, r.text AS sentence "
        "FROM ranked r JOIN pool p ON p.text = r.text JOIN articles a ON a.id = p.article "
        "QUALIFY row_number() OVER (PARTITION BY r.text ORDER BY a.published DESC NULLS LAST,"
        " p.article) = 1 ORDER BY r.score DESC, p.article")
    return store.query(sql, [*params, query, encoder, int(k)])
