"""Commands that ask the store: claims (filtered), articles, search."""

from __future__ import annotations

import click

from ..settings import Settings
from .app import cli, db_option, emit_frame, frame_format_options, output_format

KINDS = ("index_level", "price_change", "pe_ratio", "rate_expectation", "earnings_growth",
         "return_forecast", "other")
CLAIM_TABLE = ("published", "publisher", "kind", "metric", "subject", "value", "unit",
               "period", "speaker", "verdict", "figure")
ARTICLE_TABLE = ("id", "published", "publisher", "stance", "score", "claims", "title")
SEARCH_TABLE = ("score", "cosine", "published", "publisher", "kinds", "sentence")
FIGURE_CONTEXT = 28  # characters kept on each side of a figure in the table's sentence


def _day(_: click.Context, __: click.Parameter, value: str | None) -> object:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from err


def _figure_in_context(sentence: str | None, figure: str | None) -> str:
    """The sentence cut to the figure and a few words around it, the figure in [brackets]."""
    if not sentence:
        return ""
    lo = sentence.find(figure) if figure else -1
    if lo < 0:
        return sentence
    hi = lo + len(figure or "")
    left = sentence[max(0, lo - FIGURE_CONTEXT):lo]
    right = sentence[hi:hi + FIGURE_CONTEXT]
    return ("…" if lo > FIGURE_CONTEXT else "") + left + "[" + sentence[lo:hi] + "]" + right + (
        "…" if hi + FIGURE_CONTEXT < len(sentence) else "")


@cli.command()
@click.option("--kind", multiple=True, type=click.Choice(KINDS), help="Claim kind (repeatable).")
@click.option("--metric", multiple=True, metavar="METRIC",
              help="Finer kind, e.g. forward, pct, cut_count (repeatable).")
@click.option("--subject", multiple=True, metavar="SUBJECT",
              help="Canonical subject, e.g. russell_2000 (repeatable).")
@click.option("--since", callback=_day, metavar="DATE", help="Articles published on or after.")
@click.option("--until", callback=_day, metavar="DATE", help="Articles published on or before.")
@click.option("--period-from", callback=_day, metavar="DATE",
              help="Claims whose period ends on or after this day.")
@click.option("--period-to", callback=_day, metavar="DATE",
              help="Claims whose period starts on or before this day.")
@click.option("--speaker", metavar="TEXT", help="Speaker contains this (any case).")
@click.option("--source", metavar="TEXT", help="Outlet, author, path or URL contains this.")
@click.option("--forward/--reported", default=None,
              help="Only forecasts, or only reported facts.")
@click.option("--min", "min_value", type=float, help="Value at least this.")
@click.option("--max", "max_value", type=float, help="Value at most this.")
@click.option("--text", metavar="TEXT", help="Sentence contains this (any case).")
@click.option("--verified", "verdict", flag_value="verified", help="Only verified claims.")
@click.option("--contradicted", "verdict", flag_value="contradicted",
              help="Only contradicted claims.")
@click.option("--unverifiable", "verdict", flag_value="unverifiable",
              help="Only claims checked but unverifiable.")
@click.option("--sort", type=click.Choice(["date", "value", "kind", "subject", "speaker",
                                           "source"]), default="date", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@frame_format_options
@db_option
def claims(sort: str, limit: int | None, fmt: str | None, out: str | None, db: str | None,
           **filters: object) -> None:
    """Query the stored claims; every filter given must hold.

    Dates are YYYY-MM-DD. In a table the sentence is cut around the figure, which is in
    [brackets]; jsonl, csv and parquet carry every field of the claim record plus the
    article's date, outlet, author and title.

    Example: rallyscope claims --kind pe_ratio --subject russell_2000 --since 2025-07-01
    """
    from ..store.db import Store
    from ..store.queries import ClaimFilter, select_claims

    where = ClaimFilter(**filters)  # type: ignore[arg-type]
    with Store.open(Settings.load(db=db).db, read_only=True) as store:
        found = select_claims(store, where, sort=sort, limit=limit)  # type: ignore[arg-type]
    if output_format(fmt, out) == "table":
        found["figure"] = [_figure_in_context(sentence, figure) for sentence, figure
                           in zip(found["sentence"], found["figure_text"], strict=True)]
    emit_frame(found, fmt, out, columns=CLAIM_TABLE)
    click.echo(f"{len(found)} claims", err=True)


@cli.command()
@click.option("--since", callback=_day, metavar="DATE", help="Published on or after.")
@click.option("--until", callback=_day, metavar="DATE", help="Published on or before.")
@click.option("--source", metavar="TEXT", help="Outlet, author, title, path or URL contains this.")
@click.option("--stance", multiple=True,
              type=click.Choice(["sustainable", "skeptical", "uncertain", "none"]),
              help="Only articles with this stance (repeatable).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@frame_format_options
@db_option
def articles(since: object, until: object, source: str | None, stance: tuple[str, ...],
             limit: int | None, fmt: str | None, out: str | None, db: str | None) -> None:
    """List the stored articles, newest first: date, outlet, stance and claim count.

    Use an id (or its first characters) with rallyscope show to read one.

    Example: rallyscope articles --stance skeptical --since 2025-07-01
    """
    from ..store.db import Store
    from ..store.queries import ArticleFilter, select_articles

    where = ArticleFilter(since=since, until=until, source=source,  # type: ignore[arg-type]
                          stance=stance)
    with Store.open(Settings.load(db=db).db, read_only=True) as store:
        found = select_articles(store, where, limit=limit)
    emit_frame(found, fmt, out, columns=ARTICLE_TABLE)
    click.echo(f"{len(found)} articles", err=True)


@cli.command()
@click.argument("query")
@click.option("-k", "k", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many sentences.")
@click.option("--kind", multiple=True, type=click.Choice(KINDS),
              help="Only sentences holding a claim of this kind (repeatable).")
@click.option("--subject", multiple=True, metavar="SUBJECT",
              help="Only sentences holding a claim about this subject (repeatable).")
@frame_format_options
@db_option
def search(query: str, k: int, kind: tuple[str, ...], subject: tuple[str, ...],
           fmt: str | None, out: str | None, db: str | None) -> None:
    """Find the stored sentences closest in meaning to QUERY.

    Ranks claim sentences and the scored sentences of classified articles by the
    cosine similarity of their sentence vectors (stored once per sentence at ingest)
    to the query's, then re-ranks the 50 nearest by score = cosine + 0.3 x the share
    of the query's words and figures the sentence contains. With --kind or --subject,
    only sentences holding such a claim are ranked.

    Example: rallyscope search "small caps benefit from lower rates" -k 5
    """
    from ..search import search as search_store
    from ..store.db import Store
    from ..store.queries import ClaimFilter

    where = ClaimFilter(kind=kind, subject=subject) if kind or subject else None
    with Store.open(Settings.load(db=db).db, read_only=True) as store:
        found = search_store(store, query, k=k, where=where)
    found[["score", "cosine"]] = found[["score", "cosine"]].round(4)
    emit_frame(found, fmt, out, columns=SEARCH_TABLE)
    if found.empty:
        click.echo("no sentences with vectors in the store (rallyscope ingest PATH first)",
                   err=True)
