"""Commands over closes and the analysis: prices, chart, report, verify."""

from __future__ import annotations

import logging
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from ..market.subjects import INDEX_SUBJECTS, TICKERS
from ..settings import Settings
from .app import CONTEXT_SETTINGS, F, cli, db_option, format_option, output_format

log = logging.getLogger(__name__)


@cli.group(context_settings=CONTEXT_SETTINGS)
def prices() -> None:
    """Daily index closes in the store: load CSV files, fetch them online, list them.

    One row per subject and day in the prices table (subject, date, close, origin);
    loading or fetching again adds no row twice, and a changed close replaces the old.

    Example: rallyscope prices load rut_daily_close.csv --subject russell_2000
    """


@prices.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--subject", required=True, metavar="SUBJECT",
              type=click.Choice(INDEX_SUBJECTS, case_sensitive=False),
              help="Canonical index the closes are of: " + ", ".join(INDEX_SUBJECTS) + ".")
@db_option
def prices_load(files: tuple[str, ...], subject: str, db: str | None) -> None:
    """Load daily closes from CSV files into the store.

    Accepted layouts: Yahoo (Date,Open,High,Low,Close,Adj Close,Volume), what
    yfinance's to_csv writes (Price/Ticker/Date header rows), Stooq
    (Date,Open,High,Low,Close,Volume or the Polish Data,...,Zamkniecie) and plain
    date,close; headers in any case, other columns ignored. Rows without a close
    (Yahoo's "null" holidays) are skipped with a warning. A file with a bad date, a
    close that is not a positive number or a date given twice with different closes
    is rejected whole, named on stderr; the other files are stored and the exit
    status is 1.

    Example: rallyscope prices load rut_daily_close.csv --subject russell_2000
    """
    from ..errors import InputError
    from ..market.prices import read_closes
    from ..store.db import PriceLoad, Store

    settings = Settings.load(db=db)
    loaded: list[PriceLoad] = []
    rejected: Counter[str] = Counter()
    with Store.open(settings.db) as store:
        for path in files:
            try:
                frame = read_closes(path)
            except InputError as err:
                log.warning("%s", err)
                rejected[err.kind] += 1
                with store.transaction() as con:
                    store.set_rejects(con, [(err.source, err.kind, err.reason, False)])
                continue
            with store.transaction() as con:
                loaded.append(store.add_prices(con, subject, frame, origin=path))
                store.clear_rejects(con, [path])
    new, changed, unchanged = (sum(counts[i] for counts in loaded) for i in range(3))
    files_word = "file" if len(loaded) == 1 else "files"
    summary = (f"loaded {len(loaded)} {files_word} into {subject}: {new + changed + unchanged} "
               f"closes ({new} new, {changed} changed, {unchanged} already stored)")
    if rejected:
        why = ", ".join(f"{n} {kind}" for kind, n in rejected.most_common())
        summary += f", rejected {sum(rejected.values())} ({why})"
    click.echo(summary, err=True)
    if rejected:
        sys.exit(1)


@prices.command("fetch")
@click.argument("subjects", nargs=-1, required=True, metavar="SUBJECT...",
                type=click.Choice(list(TICKERS), case_sensitive=False))
@click.option("--start", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="First day (default: the first stored, or five years back).")
@click.option("--end", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Last day (default: the last with a final close).")
@db_option
def prices_fetch(subjects: tuple[str, ...], start: Any, end: Any, db: str | None) -> None:
    """Fetch daily closes from Yahoo Finance into the store (needs yfinance).

    Install it with pip install 'rallyscope[online]'. The store is the cache: only
    the days before the first and after the last stored close are asked for.
    Subjects and tickers: russell_2000 ^RUT, sp500 ^GSPC, sp600 ^SP600,
    nasdaq_composite ^IXIC, nasdaq_100 ^NDX, dow_jones ^DJI, russell_1000 ^RUI,
    russell_3000 ^RUA. Offline, download a CSV and use rallyscope prices load.

    Example: rallyscope prices fetch russell_2000 sp500 --start 2024-01-01
    """
    from ..errors import FetchError
    from ..market.fetch import fetch_closes, require_yfinance
    from ..store.db import Store

    if start and end and start > end:
        raise click.BadParameter("--start is after --end", param_hint="--start")
    require_yfinance()
    failed = 0
    with Store.open(Settings.load(db=db).db) as store:
        for subject in dict.fromkeys(subjects):
            try:
                report = fetch_closes(store, subject, start.date() if start else None,
                                      end.date() if end else None)
            except FetchError as err:
                log.warning("%s", err)
                failed += 1
                continue
            click.echo(report.summary(), err=True)
    if failed:
        sys.exit(1)


@prices.command("list")
@db_option
@format_option
def prices_list(db: str | None, fmt: str | None) -> None:
    """List the stored closes: per subject its first and last day, rows and origin.

    Example: rallyscope prices list --db demo.duckdb --format table
    """
    from ..output import write_records
    from ..store.db import Store

    with Store.open(Settings.load(db=db).db, read_only=True) as store:
        summary = store.price_summary()
    rows = [{"subject": row.subject, "first": row.first.date(), "last": row.last.date(),
             "rows": int(row.rows), "origin": row.origin} for row in summary.itertuples()]
    fmt = output_format(fmt)
    write_records(rows, fmt, sys.stdout,  # type: ignore[arg-type]
                  columns=("subject", "first", "last", "rows", "origin"))
    if not rows:
        click.echo("no closes stored (rallyscope prices load FILE --subject SUBJECT)", err=True)


def analysis_options(fn: F) -> F:
    """--subject and --freq, shared by chart and report."""
    fn = click.option("--freq", type=click.Choice(["D", "W", "M"], case_sensitive=False),
                      default="W", show_default=True,
                      help="Bucket articles by session (D), week ending Friday (W) or "
                           "month (M).")(fn)
    return click.option("--subject", default="russell_2000", show_default=True,
                        type=click.Choice([s for s in INDEX_SUBJECTS if s != "sp500"],
                                          case_sensitive=False),
                        help="Index to chart; relative returns are against sp500.")(fn)


@cli.command()
@analysis_options
@click.option("--out", required=True, metavar="FILE",
              type=click.Path(dir_okay=False, writable=True),
              help="Output file: .png or .svg (static) or .html (interactive, self-contained).")
@db_option
def chart(subject: str, freq: str, out: str, db: str | None) -> None:
    """Chart the stance index against the index and its forward relative return.

    Draws, on one time axis, the stance index per period against the index close and
    against the subject-minus-S&P 500 return over the next 4 weeks, and a scatter of
    the two with its fit line and n. Needs stances (ingest) and closes of
    the subject and sp500 (prices load). Illustrative prices are flagged in the title.

    Example: rallyscope chart --subject russell_2000 --freq W --out stance.png
    """
    from ..analyze.charts import CHART_SUFFIXES
    from ..reporting import load_bundle, write_chart
    from ..store.db import Store

    if Path(out).suffix.lower() not in CHART_SUFFIXES:
        raise click.BadParameter(f"{out}: use a .png, .svg or .html file", param_hint="--out")
    with Store.open(Settings.load(db=db).db, read_only=True) as store:
        bundle = load_bundle(store, subject=subject.lower(), freq=freq)
    path = write_chart(bundle, out)
    periods = int(bundle.table["stance_index"].notna().sum())
    click.echo(f"wrote {path}: {periods} periods with a stance index", err=True)


@cli.command()
@analysis_options
@click.option("--out", default="report.html", show_default=True, metavar="FILE",
              type=click.Path(dir_okay=False, writable=True), help="The HTML file to write.")
@db_option
def report(subject: str, freq: str, out: str, db: str | None) -> None:
    """Write one self-contained HTML report of the store.

    Charts, correlations with confidence intervals and HAC p-values, the lead/lag
    table, hit rates per outlet and author, claim verification results, and sortable,
    filterable tables of the articles (stance, score, evidence) and claims. The file
    needs no network to view (plotly.js is inline).

    Example: rallyscope report --out report.html --db demo.duckdb
    """
    from ..reporting import load_bundle, write_report
    from ..store.db import Store

    with Store.open(Settings.load(db=db).db, read_only=True) as store:
        bundle = load_bundle(store, subject=subject.lower(), freq=freq)
    path = write_report(bundle, out)
    click.echo(f"wrote {path}: {len(bundle.articles)} articles, {len(bundle.claims)} claims",
               err=True)


VERIFY_COLUMNS = ("id", "article", "source", "kind", "metric", "subject", "value", "low", "high",
                  "unit", "approximate", "period", "period_start", "period_end", "session",
                  "verdict", "actual", "note", "sentence")
VERIFY_TABLE_COLUMNS = ("article", "subject", "value", "unit", "period", "session", "verdict",
                        "actual", "note")


@cli.command()
@db_option
@format_option
def verify(db: str | None, fmt: str | None) -> None:
    """Check stored index levels and moves against the stored closes.

    Every index_level and price_change (pct, points) claim that is not a forecast
    is checked against the closes of its index for its period: verified (within the
    precision the figure was written with), contradicted (with the actual figure;
    "matches the close of ..., not ..." when it fits a neighbouring session) or
    unverifiable (with the reason). The verdicts are stored in the claims table
    (verdict, actual, verdict_note), replacing those of an earlier run; the checked
    claims are printed and a summary goes to stderr.

    Example: rallyscope verify --db demo.duckdb --format table
    """
    from ..analyze.verify import summarize_verdicts
    from ..output import write_records
    from ..store.db import Store
    from ..verification import verify_store

    with Store.open(Settings.load(db=db).db) as store:
        claims, verdicts, closes = verify_store(store)
    checked = claims.drop(columns=["verdict", "actual"]).merge(verdicts, on="id")
    checked = checked.reindex(columns=list(VERIFY_COLUMNS)).astype(object)
    rows = checked.where(checked.notna(), None).to_dict("records")
    fmt = output_format(fmt)
    write_records(rows, fmt, sys.stdout,  # type: ignore[arg-type]
                  columns=VERIFY_TABLE_COLUMNS if fmt == "table" else VERIFY_COLUMNS)
    if closes.empty and len(verdicts):
        click.echo("no closes stored for these subjects (rallyscope prices load FILE "
                   "--subject SUBJECT)", err=True)
    click.echo(summarize_verdicts(verdicts), err=True)
