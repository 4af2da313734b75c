"""Wiring for ``rallyscope chart`` and ``rallyscope report``: store -> analysis -> files.

``load_bundle`` reads articles (with their stances and sentence counts), claims and
closes from the store, puts each article on its trading session (``calendar.session_of``,
no look-ahead), builds the stance index joined to returns, the correlation and lead/lag
tables and the hit rates, and returns one ``ReportBundle``. ``write_chart`` and
``write_report`` turn the bundle into files. A store without stances or closes fails
with one line saying what to run first.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from .analyze.calendar import session_of, trading_days
from .analyze.charts import ChartLabels
from .analyze.charts import write_chart as write_chart_file
from .analyze.hits import HIT_HORIZONS, hit_rates, score_hits
from .analyze.indices import forward_periods, index_with_returns
from .analyze.returns import LARGE_CAPS, SMALL_CAPS, WEEK_HORIZONS
from .analyze.stats import correlation_table, lead_lag
from .errors import RallyscopeError
from .report.bundle import ReportBundle, subject_name
from .store.db import Store

log = logging.getLogger(__name__)

CHART_HORIZON = "4w"
INDEX_COLUMNS = ("stance_index", "net_sustainable", "sentiment_index")
_LAGS = {"D": range(-10, 11), "W": range(-8, 9), "M": range(-6, 7)}

ARTICLES_SQL = """
SELECT a.id AS article, a.title, a.url, a.source, a.author, a.publisher, a.published,
       a.published_has_time, a.duplicate_of, s.stance, s.score, s.confidence, s.sentiment,
       s.evidence, coalesce(n.sentences, 0) AS sentences
FROM articles a
LEFT JOIN stances s ON s.article = a.id
LEFT JOIN (SELECT article, count(*) AS sentences FROM sentences GROUP BY article) n
       ON n.article = a.id
ORDER BY a.published NULLS LAST, a.id
"""
CLAIMS_SQL = """
SELECT c.*, a.title, a.publisher, a.published
FROM claims c JOIN articles a ON a.id = c.article
ORDER BY a.published NULLS LAST, c.article, c.start
"""


def _require_data(store: Store, subject: str, benchmark: str) -> None:
    if store.count("stances") == 0:
        raise RallyscopeError(f"{store.path}: no stances stored; run 'rallyscope ingest "
                              "PATH' first")
    for name in (subject, benchmark):
        if store.price_span(name) is None:
            raise RallyscopeError(f"{store.path}: no {name} closes stored; run 'rallyscope "
                                  f"prices load FILE --subject {name}' first")


def load_bundle(store: Store, *, subject: str = SMALL_CAPS, benchmark: str = LARGE_CAPS,
                freq: str = "W", horizon: str = CHART_HORIZON) -> ReportBundle:
    """Everything ``chart`` and ``report`` show, from the store (see ``ReportBundle``)."""
    freq = freq.upper()
    if subject == benchmark:
        raise RallyscopeError(f"{subject}: is the benchmark; choose another subject")
    _require_data(store, subject, benchmark)
    closes = store.closes([subject, benchmark])
    articles = store.query(ARTICLES_SQL)
    sessions = trading_days(closes, subjects=[subject])
    has_time = articles["published_has_time"].astype("boolean").fillna(True)
    articles["session"] = session_of(articles["published"], sessions,
                                     date_only=~has_time.to_numpy(dtype=bool))
    articles["evidence"] = articles["evidence"].map(_as_list)
    rated = articles[articles["stance"].notna()]

    table = index_with_returns(rated, closes, freq=freq, subject=subject,
                               benchmark=benchmark)
    overlap = forward_periods(freq)
    xs = [c for c in INDEX_COLUMNS if c in table.columns]
    ys = [f"rel_fwd_{h}" for h in WEEK_HORIZONS] + [f"fwd_{horizon}"]
    correlations = correlation_table(table, xs, ys, horizons=overlap)
    leads = lead_lag(table, "stance_index", "rel_return", lags=_LAGS.get(freq, range(-8, 9)))

    hits = score_hits(rated, closes, small=subject, large=benchmark)
    hit_cols = [f"hit_{h}" for h in HIT_HORIZONS]
    articles = articles.merge(hits[["article", *hit_cols]], on="article", how="left")
    levels = closes.loc[closes["subject"] == subject, ["date", "close"]]
    if len(table):
        first = table["period"].min() - pd.Timedelta(days=31)
        levels = levels[(levels["date"] >= first) & (levels["date"] <= table["period"].max())]
    log.info("bundle: %d articles, %d rated, %d periods", len(articles), len(rated),
             len(table))
    return ReportBundle(
        subject=subject, benchmark=benchmark, freq=freq, horizon=horizon,
        articles=articles.drop(columns="published_has_time"), claims=store.query(CLAIMS_SQL),
        levels=levels.reset_index(drop=True), table=table, correlations=correlations,
        lead_lag=leads, outlet_hits=hit_rates(hits, by="publisher"),
        author_hits=hit_rates(hits, by="author"), prices=store.price_summary(),
        database=str(store.path))


def _as_list(value: object) -> list[str]:
    """Evidence sentences as a list; an article without a stance (SQL null) has none."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return []
    return [str(item) for item in list(value)]  # type: ignore[call-overload]


def chart_labels(bundle: ReportBundle) -> ChartLabels:
    """Names, frequency, horizon and the illustrative-prices note of ``bundle``."""
    return ChartLabels(subject=subject_name(bundle.subject),
                       benchmark=subject_name(bundle.benchmark), freq=bundle.freq,
                       horizon=bundle.horizon, note=bundle.price_note)


def write_chart(bundle: ReportBundle, out: str | Path) -> Path:
    """The chart of ``bundle`` as ``.png``, ``.svg`` or ``.html``."""
    try:
        return write_chart_file(bundle.table, bundle.levels, out, chart_labels(bundle))
    except OSError as err:
        raise RallyscopeError(f"{out}: cannot write ({err.strerror or err})") from err


def write_report(bundle: ReportBundle, out: str | Path) -> Path:
    """The self-contained HTML report of ``bundle``."""
    from .report.page import render_report

    path = Path(out)
    try:
        path.write_text(render_report(bundle, chart_labels(bundle)), encoding="utf-8")
    except OSError as err:
        raise RallyscopeError(f"{out}: cannot write ({err.strerror or err})") from err
    return path
