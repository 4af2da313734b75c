"""Commands over articles: ingest, extract, stance, sentiment and the demo."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import RallyscopeError
from ..records import Article, RunReport
from ..settings import Settings
from .app import SAMPLE_DIR, cli, db_option, format_option, max_bytes_option, output_format

log = logging.getLogger(__name__)


def _models_ready() -> bool:
    """Stance and sentiment run on ingest when their trained models are installed."""
    from ..classify.persist import META_FILE, MODELS_DIR

    missing = [name for name in ("encoder", "sentiment", "outlook", "stance")
               if not (MODELS_DIR / name / META_FILE).exists()]
    if missing:  # a clone always has them; a bare install may not
        log.warning("no trained %s model in %s: stances and sentence sentiment are skipped "
                    "(run scripts/train_stance.py)", " or ".join(missing), MODELS_DIR)
    return not missing


def _run_ingest(paths: tuple[str, ...], settings: Settings, *, classify: bool = False
                ) -> RunReport:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from ..store.db import Store
    from ..workflow import ingest_paths, list_inputs

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
@click.option("--classify/--no-classify", default=True, show_default=True,
              help="Store each article's stance and its sentences' sentiment "
                   "(--no-classify: claims only, about twice as fast).")
def ingest(paths: tuple[str, ...], db: str | None, max_bytes: int | None,
           classify: bool) -> None:
    """Load articles (.txt .html .htm .json .jsonl; folders recursed) into the store.

    Each new article gets its claims, its stance and its sentences' sentiment, and
    every new sentence a search vector. Bad inputs are named on stderr with their
    reason and recorded in the rejects table; the rest of the batch is stored. Exit
    status 1 if any input was rejected.

    Example: rallyscope ingest corpus/sample/articles --db demo.duckdb
    """
    report = _run_ingest(paths, Settings.load(db=db, max_bytes=max_bytes), classify=classify)
    if report.failed or not report.articles:
        sys.exit(1)


def _read_articles(paths: tuple[str, ...], max_bytes: int | None) -> tuple[list[Article], int]:
    """The articles of ``paths`` and how many inputs failed (each named on stderr)."""
    from ..errors import InputError
    from ..workflow import list_inputs, read_inputs

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


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@format_option
@max_bytes_option
def extract(paths: tuple[str, ...], fmt: str | None, max_bytes: int | None) -> None:
    """Print the claims (figures) of article files, without a database.

    Same inputs as ingest; one record per figure, fields as in SPEC.md.

    Example: rallyscope extract corpus/sample/articles/txt --format table
    """
    from ..extract.run import claims_of
    from ..output import write_records

    articles, failed = _read_articles(paths, max_bytes)
    rows = []
    for article, claims in claims_of(articles):
        for claim in claims:
            row = claim.to_row()
            row["figure"] = article.text[claim.start:claim.end]
            rows.append(row)
    fmt = output_format(fmt)
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
    from ..classify.stance import predict_stances
    from ..output import write_records

    articles, failed = _read_articles(paths, max_bytes)
    rows = [found.to_row() for found, _ in predict_stances(articles)]
    fmt = output_format(fmt)
    write_records(rows, fmt, sys.stdout,  # type: ignore[arg-type]
                  columns=("stance", "score", "confidence", "sentiment", "source", "evidence")
                  if fmt == "table" else None)
    if failed or not articles:
        sys.exit(1)


@cli.command()
@click.argument("source", default="-", type=click.File("rb"))
@format_option
def sentiment(source: Any, fmt: str | None) -> None:
    """Financial sentiment of sentences, one a line (FILE, or - for stdin).

    Prints each sentence's label (positive, negative, neutral), its score
    (P(positive) - P(negative), -1 to 1) and the label's probability.

    Example: rallyscope sentiment sentences.txt --format table
    """
    from ..classify.sentiment import predict_sentiment
    from ..collect.decode import decode_bytes
    from ..output import write_records

    text = decode_bytes(source.read(), getattr(source, "name", "<stdin>"))
    sentences = [line.strip() for line in text.splitlines() if line.strip()]
    rows = [{"label": label, "score": round(score, 4), "probability": round(p, 4),
             "sentence": text}
            for text, (label, score, p) in zip(sentences, predict_sentiment(sentences),
                                               strict=True)]
    fmt = output_format(fmt)
    write_records(rows, fmt, sys.stdout)  # type: ignore[arg-type]
    if not sentences:
        click.echo("no sentences in the input", err=True)
        sys.exit(1)


@cli.command()
@click.option("--out", "out_dir", default="rallyscope-demo", show_default=True,
              type=click.Path(file_okay=False), help="Folder for the database, chart and report.")
@click.option("--sample", "sample_dir", default=str(SAMPLE_DIR / "articles"), show_default=False,
              type=click.Path(), help="Articles to run on (default: the bundled sample).")
def demo(out_dir: str, sample_dir: str) -> None:
    """Run the main job end to end on the bundled sample and say where the results are.

    Ingests the sample articles (claims, stance, sentence sentiment), loads the
    sample's illustrative closes of the Russell 2000 and the S&P 500 (generated by
    scripts/illustrative_prices.py, not market data), checks the claims against them,
    and writes demo.duckdb, stance.png and report.html into the --out folder.

    Example: rallyscope demo --out rallyscope-demo
    """
    from ..market.prices import read_closes
    from ..reporting import load_bundle, write_chart, write_report
    from ..store.db import Store
    from ..verification import verify_store

    if not Path(sample_dir).is_dir():
        raise RallyscopeError(f"{sample_dir}: sample corpus not found (run from a clone of "
                              "rallyscope, installed with pip install -e .)")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    db = str(out / "demo.duckdb")
    report = _run_ingest((sample_dir,), Settings.load(db=db), classify=True)
    with Store.open(db) as store:
        for subject in DEMO_SUBJECTS:
            path = SAMPLE_DIR / "prices" / f"{subject}_illustrative.csv"
            with store.transaction() as con:
                store.add_prices(con, subject, read_closes(path),
                                 origin=str(path.relative_to(SAMPLE_DIR.parent.parent)))
        checked = verify_store(store).verdicts
        bundle = load_bundle(store, subject=DEMO_SUBJECTS[0], freq="W")
        tables = [store.query(sql) for sql in DEMO_TABLES]
    chart, page = write_chart(bundle, out / "stance.png"), write_report(bundle, out / "report.html")
    for table in tables:
        click.echo(table.to_string(index=False) + "\n")
    verdicts = checked["verdict"].value_counts()
    click.echo(f"claims checked against the illustrative closes: {len(checked)} "
               f"({', '.join(f'{n} {v}' for v, n in verdicts.items())})\n")
    click.echo(f"database: {db}  (query it with duckdb)\nchart:    {chart}\nreport:   {page}")
    if report.failed:
        sys.exit(1)


DEMO_SUBJECTS = ("russell_2000", "sp500")
DEMO_TABLES = (
    "SELECT format, count(*) AS articles, count(duplicate_of) AS near_duplicates, "
    "strftime(min(published), '%Y-%m-%d') AS first, strftime(max(published), '%Y-%m-%d') "
    "AS last, count(DISTINCT publisher) AS outlets FROM articles GROUP BY format "
    "ORDER BY format",
    "SELECT kind, count(*) AS claims, count(DISTINCT article) AS articles, count(subject) "
    "AS with_subject, count(speaker) AS attributed FROM claims GROUP BY kind "
    "ORDER BY claims DESC",
    "SELECT stance, count(*) AS articles, round(avg(score), 2) AS mean_score, "
    "round(avg(confidence), 2) AS mean_confidence, round(avg(sentiment), 2) AS "
    "mean_sentiment FROM stances GROUP BY stance ORDER BY articles DESC",
)
