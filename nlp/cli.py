"""The ``rallyscope`` command: a click group of thin commands over the library."""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import RallyscopeError
from .market.subjects import INDEX_SUBJECTS, TICKERS
from .records import Article, RunReport
from .settings import DEFAULT_MAX_BYTES, Settings

log = logging.getLogger(__name__)

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "corpus" / "sample"
F = TypeVar("F", bound=Callable[..., Any])


class _StderrHandler(logging.Handler):
    """Log lines to whatever ``sys.stderr`` is now (a progress bar may redirect it)."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(self.format(record), err=True)


def _configure_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[
        min(verbose, 2)]
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root = logging.getLogger("nlp")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def max_bytes_option(fn: F) -> F:
    return click.option("--max-bytes", type=click.IntRange(min=1), default=None,
                        help=f"Refuse files larger than this (default {DEFAULT_MAX_BYTES}).")(fn)


def db_option(fn: F) -> F:
    return click.option("--db", "db", metavar="FILE", default=None,
                        help="DuckDB file (default: $RALLYSCOPE_DB or rallyscope.duckdb).")(fn)


class _Group(click.Group):
    """Turns library errors into one ``Error: ...`` line and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RallyscopeError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise click.ClickException(str(err)) from err


@click.group(cls=_Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="rallyscope")
@click.option("-v", "--verbose", count=True, help="More detail on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool, debug: bool) -> None:
    """rallyscope: market commentary on small caps as claims, stance and sentiment.

    Example: rallyscope ingest articles/ --db commentary.duckdb
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    _configure_logging(verbose, quiet)


def _models_ready() -> bool:
    """Stance and sentiment run on ingest when their trained models are installed."""
    from .classify.persist import MODELS_DIR

    missing = [name for name in ("sentiment", "outlook")
               if not (MODELS_DIR / name / "model.joblib").exists()]
    if missing:  # a clone always has them; a bare install may not
        log.warning("no trained %s model in %s: stances and sentence sentiment are skipped "
                 "(run scripts/train_stance.py)", " or ".join(missing), MODELS_DIR)
    return not missing


def _run_ingest(paths: tuple[str, ...], settings: Settings, *, classify: bool = False
                ) -> RunReport:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from .store.db import Store
    from .workflow import ingest_paths, list_inputs

    inputs = list_inputs(paths)
    classify = classify and _models_ready()
    with Store.open(settings.db) as store:
        with Progress("[progress.description]{task.description}", BarColumn(),
                      MofNCompleteColumn(), TimeRemainingColumn(), transient=True,
                      disable=not sys.stderr.isatty(), redirect_stdout=False) as bar:
            task = bar.add_task("ingesting", total=len(inputs))
            report = ingest_paths(inputs, store, max_bytes=settings.max_bytes,
                                  chunk_size=settings.chunk_size, classify=classify,
                                  advance=lambda: bar.advance(task))
        counts = {table: store.count(table) for table in ("articles", "rejects")}
    click.echo(report.summary(), err=True)
    log.info("store %s: %d articles, %d rejects", settings.db, counts["articles"],
             counts["rejects"])
    return report


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@max_bytes_option
@click.option("--classify", is_flag=True,
              help="Also store each article's stance and its sentences' sentiment "
                   "(models still being tuned; slower: about 150 sentences/s).")
def ingest(paths: tuple[str, ...], db: str | None, max_bytes: int | None,
           classify: bool) -> None:
    """Load articles (.txt .html .htm .json .jsonl; folders recursed) into the store.

    Bad inputs are named on stderr with their reason and recorded in the rejects
    table; the rest of the batch is stored. Exit status 1 if any input was rejected.

    Example: rallyscope ingest corpus/sample/articles --db demo.duckdb
    """
    report = _run_ingest(paths, Settings.load(db=db, max_bytes=max_bytes), classify=classify)
    if report.failed or not report.articles:
        sys.exit(1)


def _read_articles(paths: tuple[str, ...], max_bytes: int | None) -> tuple[list[Article], int]:
    """The articles of ``paths`` and how many inputs failed (each named on stderr)."""
    from .errors import InputError
    from .workflow import list_inputs, read_inputs

    settings = Settings.load(max_bytes=max_bytes)
    articles, failed = [], 0
    for result in read_inputs(list_inputs(paths), max_bytes=settings.max_bytes):
        if isinstance(result, InputError):
            log.warning("%s", result)
            failed += 1
        else:
            articles.append(result)
    return articles, failed


CLAIM_TABLE_COLUMNS = ("kind", "metric", "subject", "value", "unit", "approximate",
                       "forward_looking", "period", "speaker", "figure", "source")


def format_option(fn: F) -> F:
    return click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]),
                        default=None, help="Output format (default: table on a terminal, "
                                           "else jsonl).")(fn)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@format_option
@max_bytes_option
def extract(paths: tuple[str, ...], fmt: str | None, max_bytes: int | None) -> None:
    """Print the claims (figures) of article files, without a database.

    Same inputs as ingest; one record per figure, fields as in SPEC.md.

    Example: rallyscope extract corpus/sample/articles/txt --format table
    """
    from .extract.run import claims_of
    from .output import write_records

    articles, failed = _read_articles(paths, max_bytes)
    rows = []
    for article, claims in claims_of(articles):
        for claim in claims:
            row = claim.to_row()
            row["figure"] = article.text[claim.start:claim.end]
            rows.append(row)
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    write_records(rows, fmt, sys.stdout,  # type: ignore[arg-type]
                  columns=CLAIM_TABLE_COLUMNS if fmt == "table" else None)
    click.echo(f"{len(rows)} claims from {len(articles)} articles", err=True)
    if failed or not articles:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@format_option
@max_bytes_option
def stance(paths: tuple[str, ...], fmt: str | None, max_bytes: int | None) -> None:
    """Each article's stance on whether the rally lasts, without a database.

    sustainable, skeptical, uncertain or none, with a score (-1 fades … 1 lasts), a
    confidence, the evidence sentences and the mean sentence sentiment.

    Example: rallyscope stance corpus/sample/articles/txt --format table
    """
    from .classify.stance import predict_stances
    from .output import write_records

    articles, failed = _read_articles(paths, max_bytes)
    rows = [found.to_row() for found, _ in predict_stances(articles)]
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    write_records(rows, fmt, sys.stdout,  # type: ignore[arg-type]
                  columns=("stance", "score", "confidence", "sentiment", "source", "evidence")
                  if fmt == "table" else None)
    if failed or not articles:
        sys.exit(1)


@cli.command()
@click.argument("source", default="-", type=click.File("r", encoding="utf-8"))
@format_option
def sentiment(source: Any, fmt: str | None) -> None:
    """Financial sentiment of sentences, one a line (FILE, or - for stdin).

    Prints each sentence's label (positive, negative, neutral), its score
    (P(positive) - P(negative), -1 to 1) and the label's probability.

    Example: rallyscope sentiment sentences.txt --format table
    """
    from .classify.sentiment import predict_sentiment
    from .output import write_records

    sentences = [line.strip() for line in source if line.strip()]
    rows = [{"label": label, "score": round(score, 4), "probability": round(p, 4),
             "sentence": text}
            for text, (label, score, p) in zip(sentences, predict_sentiment(sentences),
                                               strict=True)]
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    write_records(rows, fmt, sys.stdout)  # type: ignore[arg-type]
    if not sentences:
        click.echo("no sentences in the input", err=True)
        sys.exit(1)


@cli.command()
@click.option("--out", "out_dir", default="rallyscope-demo", show_default=True,
              type=click.Path(file_okay=False), help="Folder for the demo database.")
@click.option("--sample", "sample_dir", default=str(SAMPLE_DIR / "articles"), show_default=False,
              type=click.Path(), help="Articles to run on (default: the bundled sample).")
def demo(out_dir: str, sample_dir: str) -> None:
    """Run the main job on the bundled sample corpus and summarise the store.

    Example: rallyscope demo --out rallyscope-demo
    """
    from .store.db import Store

    if not Path(sample_dir).is_dir():
        raise RallyscopeError(f"{sample_dir}: sample corpus not found (run from a clone of "
                              "rallyscope, installed with pip install -e .)")
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    db = str(Path(out_dir) / "demo.duckdb")
    report = _run_ingest((sample_dir,), Settings.load(db=db))
    with Store.open(db, read_only=True) as store:
        overview = store.query(
            "SELECT format, count(*) AS articles, count(duplicate_of) AS near_duplicates, "
            "strftime(min(published), '%Y-%m-%d') AS first, "
            "strftime(max(published), '%Y-%m-%d') AS last, "
            "count(DISTINCT publisher) AS outlets FROM articles GROUP BY format ORDER BY format")
        kinds = store.query(
            "SELECT kind, count(*) AS claims, count(DISTINCT article) AS articles, "
            "count(subject) AS with_subject, count(speaker) AS attributed "
            "FROM claims GROUP BY kind ORDER BY claims DESC")
        stances = store.query(
            "SELECT stance, count(*) AS articles, round(avg(score), 2) AS mean_score, "
            "round(avg(confidence), 2) AS mean_confidence, round(avg(sentiment), 2) AS "
            "mean_sentiment FROM stances GROUP BY stance ORDER BY articles DESC")
    click.echo(overview.to_string(index=False))
    click.echo("")
    click.echo(kinds.to_string(index=False))
    if len(stances):
        click.echo("")
        click.echo(stances.to_string(index=False))
    click.echo(f"\ndatabase: {db}  (query it with duckdb or, soon, rallyscope sql)")
    if report.failed:
        sys.exit(1)


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
    from .errors import InputError
    from .market.prices import read_closes
    from .store.db import PriceLoad, Store

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
    from .errors import FetchError
    from .market.fetch import fetch_closes, require_yfinance
    from .store.db import Store

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
    from .output import write_records
    from .store.db import Store

    with Store.open(Settings.load(db=db).db, read_only=True) as store:
        summary = store.price_summary()
    rows = [{"subject": row.subject, "first": row.first.date(), "last": row.last.date(),
             "rows": int(row.rows), "origin": row.origin} for row in summary.itertuples()]
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
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
    the two with its fit line and n. Needs stances (ingest --classify) and closes of
    the subject and sp500 (prices load). Illustrative prices are flagged in the title.

    Example: rallyscope chart --subject russell_2000 --freq W --out stance.png
    """
    from .analyze.charts import CHART_SUFFIXES
    from .reporting import load_bundle, write_chart
    from .store.db import Store

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
    from .reporting import load_bundle, write_report
    from .store.db import Store

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
    from .analyze.verify import summarize_verdicts, verify_claims
    from .output import write_records
    from .store.db import Store

    with Store.open(Settings.load(db=db).db) as store:
        claims = store.claims_with_dates(["index_level", "price_change"])
        closes = store.closes(sorted(claims["subject"].dropna().unique()))
        verdicts = verify_claims(claims, closes)
        with store.transaction() as con:
            store.set_verdicts(con, verdicts)
    checked = claims.drop(columns=["verdict", "actual"]).merge(verdicts, on="id")
    checked = checked.reindex(columns=list(VERIFY_COLUMNS)).astype(object)
    rows = checked.where(checked.notna(), None).to_dict("records")
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    write_records(rows, fmt, sys.stdout,  # type: ignore[arg-type]
                  columns=VERIFY_TABLE_COLUMNS if fmt == "table" else VERIFY_COLUMNS)
    if closes.empty and len(verdicts):
        click.echo("no closes stored for these subjects (rallyscope prices load FILE "
                   "--subject SUBJECT)", err=True)
    click.echo(summarize_verdicts(verdicts), err=True)


def main() -> None:
    cli(prog_name="rallyscope")
