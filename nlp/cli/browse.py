"""Commands to look around the store: sql (read-only), schema, and show ARTICLE."""

from __future__ import annotations

import bisect
import shutil
import sys
from collections.abc import Sequence
from typing import Any

import click
import pandas as pd

from ..settings import Settings
from .app import cli, db_option, emit_frame, frame_format_options

KIND_COLOURS = {"index_level": "cyan", "price_change": "green", "pe_ratio": "magenta",
                "rate_expectation": "yellow", "earnings_growth": "blue",
                "return_forecast": "red"}  # other kinds: bold and underlined
PLAIN_WIDTH = 100  # text width when stdout is not a terminal
CLAIM_LIST_COLUMNS = ("figure", "kind", "subject", "value", "unit", "period", "verdict")


@cli.command("sql")
@click.argument("query", metavar="SQL")
@db_option
@frame_format_options
def sql_command(query: str, db: str | None, fmt: str | None, out: str | None) -> None:
    """Run read-only SQL over the store and print the result (SQL, or - for stdin).

    Only SELECT statements run (WITH, FROM-first, VALUES, DESCRIBE, SHOW and
    SUMMARIZE count as SELECT; so does EXPLAIN of a SELECT). Anything else (INSERT,
    UPDATE, DELETE, CREATE, DROP, ALTER, COPY, ATTACH, INSTALL, LOAD, SET, PRAGMA ...)
    is refused before it runs. Several statements separated by ';' must all be SELECTs;
    the last one's result is printed. The file is opened read-only with DuckDB's
    external access off, so read_csv, read_parquet and httpfs reach no other file and no
    network. Lists and structs come out as JSON (JSON text in csv and table cells),
    BLOBs as hex, except in parquet.
    Tables and columns: rallyscope schema.

    Example: rallyscope sql "SELECT kind, count(*) FROM claims GROUP BY kind"
    """
    from ..store.catalog import run_read_only
    from ..store.db import Store

    if query.strip() == "-":
        query = sys.stdin.read()
    with Store.open(Settings.load(db=db).db, read_only=True, external_access=False) as store:
        frame = run_read_only(store, query)
    emit_frame(frame, fmt, out)


@cli.command()
@click.option("--db", "db", metavar="FILE", default=None,
              help="Also count the rows of each table in this DuckDB file.")
@frame_format_options
def schema(db: str | None, fmt: str | None, out: str | None) -> None:
    """Document the store's tables and columns: table, column, type, meaning.

    One row per table (its description; column and type empty), then one per column,
    from the comments in nlp/store/schema.sql. No database is needed; with --db the
    table rows also give the row counts of that file.

    Example: rallyscope schema --db rallyscope-demo/demo.duckdb --format table
    """
    from ..store.catalog import describe_schema
    from ..store.db import Store

    if db is None:
        frame = describe_schema()
    else:
        with Store.open(db, read_only=True) as store:
            frame = describe_schema(store)
    emit_frame(frame, fmt, out)


@cli.command()
@click.argument("article")
@db_option
def show(article: str, db: str | None) -> None:
    """Show one stored article: header, stance, evidence, text with figures marked, claims.

    ARTICLE is an article id, a unique prefix of one (at least 6 characters), or the
    article's source or URL. Every claim's figure is marked in the cleaned text: in
    colour and bold on a terminal (one colour per kind), else as ⟦figure⟧{kind}.
    Text is wrapped to the terminal's width (100 columns when not a terminal).

    Example: rallyscope show be21cb78 --db rallyscope-demo/demo.duckdb
    """
    from ..store.catalog import find_article
    from ..store.db import Store

    with Store.open(Settings.load(db=db).db, read_only=True) as store:
        article_id = find_article(store, article)
        row = store.query("SELECT * EXCLUDE (raw, minhash) FROM articles WHERE id = ?",
                          [article_id]).iloc[0]
        stances = store.query("SELECT * FROM stances WHERE article = ?", [article_id])
        claims = store.query('SELECT kind, subject, value, unit, period, verdict, start, "end" '
                             'FROM claims WHERE article = ? ORDER BY start, "end", kind',
                             [article_id])
    styled = sys.stdout.isatty()
    width = max(40, shutil.get_terminal_size().columns) if styled else PLAIN_WIDTH
    text = str(row["text"])
    spans = [(int(c.start), int(c.end), str(c.kind)) for c in claims.itertuples()
             if pd.notna(c.start) and pd.notna(c.end)]
    lines = [*header_lines(row, styled), *stance_lines(stances, width), "",
             rule("text", width, styled), *render_text(text, spans, width, styled)]
    if styled and spans:
        kinds = dict.fromkeys(kind for _, _, kind in spans)
        lines += ["", "figures: " + "  ".join(_mark(k, k, styled=True) for k in kinds)]
    lines += ["", rule(f"claims ({len(claims)})", width, styled)]
    click.echo("\n".join(lines))
    if len(claims):
        from ..output import write_frame

        claims["figure"] = [text[s:e].replace("\n", " ") if _given(s) and _given(e) else None
                            for s, e in zip(claims["start"], claims["end"], strict=True)]
        write_frame(claims, "table", sys.stdout, columns=CLAIM_LIST_COLUMNS)


def header_lines(row: pd.Series, styled: bool) -> list[str]:
    """Title, then id, outlet, author and date, then source, URL and duplicate link."""
    title = str(row["title"]) if _given(row["title"]) else "(untitled)"
    published = row["published"]
    if pd.isna(published):
        when = "date unknown"
    elif row["published_has_time"]:
        when = published.strftime("%Y-%m-%d %H:%M UTC")
    else:
        when = published.strftime("%Y-%m-%d")
    byline = [str(row[k]) for k in ("publisher", "author") if _given(row[k])]
    lines = [click.style(title, bold=True) if styled else title,
             "  ·  ".join([str(row["id"]), *byline, when]),
             f"source: {row['source']}"]
    if _given(row["url"]) and row["url"] != row["source"]:
        lines.append(f"url:    {row['url']}")
    if _given(row["duplicate_of"]):
        lines.append(f"near-duplicate of {row['duplicate_of']}")
    return lines


def stance_lines(stances: pd.DataFrame, width: int) -> list[str]:
    """The stance line and the evidence sentences, strongest first."""
    if stances.empty:
        return ["stance: not classified (rallyscope ingest)"]
    found = stances.iloc[0]
    numbers = "  ".join(f"{name} {found[name]:+.2f}" if name in ("score", "sentiment")
                        else f"{name} {found[name]:.2f}"
                        for name in ("score", "confidence", "sentiment") if _given(found[name]))
    lines = [f"stance: {found['stance']}  {numbers}".rstrip()]
    evidence = list(found["evidence"]) if _given(found["evidence"]) else []
    if evidence:
        lines.append("evidence:")
    for number, sentence in enumerate(evidence, 1):
        lines += _wrap_words(str(sentence).split(), width, first=f"  {number}. ",
                             rest=" " * (len(str(number)) + 4))
    return lines


def render_text(text: str, spans: Sequence[tuple[int, int, str]], width: int,
                styled: bool) -> list[str]:
    """``text`` wrapped to ``width``, a paragraph a line of the input and a blank line
    between, each span's figure marked (and never split across lines)."""
    kept: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans):
        if 0 <= start < end <= len(text) and (not kept or start >= kept[-1][1]):
            kept.append((start, end, kind))  # an overlapping span is left unmarked
    inside = [False] * len(text)
    for start, end, _ in kept:
        inside[start:end] = [True] * (end - start)
    paragraphs: list[list[tuple[int, int]]] = []
    words: list[tuple[int, int]] = []
    begun: int | None = None
    for i, char in enumerate(text + "\n"):
        if i < len(text) and not (char.isspace() and not inside[i]):
            begun = i if begun is None else begun
            continue
        if begun is not None:
            words.append((begun, i))
            begun = None
        if char == "\n" and words:
            paragraphs.append(words)
            words = []
    starts = [start for start, _, _ in kept]
    lines: list[str] = []
    for paragraph in paragraphs:
        rendered = [_render_word(text, a, b, kept, starts, styled) for a, b in paragraph]
        lines += [*_wrap_pieces(rendered, width), ""]
    return lines[:-1]


def _render_word(text: str, start: int, end: int, spans: list[tuple[int, int, str]],
                 starts: list[int], styled: bool) -> tuple[str, int]:
    """The word text[start:end] with its marked figures, and its width on screen."""
    out, visible, at = [], 0, start
    for span_start, span_end, kind in spans[bisect.bisect_left(starts, start):]:
        if span_start >= end:
            break
        out.append(text[at:span_start])
        figure = text[span_start:span_end].replace("\n", " ")
        marked = _mark(figure, kind, styled=styled)
        out.append(marked)
        visible += span_start - at + (len(figure) if styled else len(marked))
        at = span_end
    out.append(text[at:end])
    return "".join(out), visible + end - at


def _mark(figure: str, kind: str, *, styled: bool) -> str:
    if styled:
        colour = KIND_COLOURS.get(kind)
        return click.style(figure, fg=colour, bold=True, underline=True if colour is None else None)
    return f"⟦{figure}⟧{{{kind}}}"


def _wrap_pieces(pieces: Sequence[tuple[str, int]], width: int, first: str = "",
                 rest: str = "") -> list[str]:
    """Greedy wrap of (text, visible width) words; a word wider than the line gets one."""
    lines: list[str] = []
    line, used = first, len(first)
    indent = len(first)
    for piece, size in pieces:
        if used > indent and used + 1 + size > width:
            lines.append(line)
            line, used = rest, len(rest)
            indent = len(rest)
        if used > indent:
            line, used = line + " ", used + 1
        line, used = line + piece, used + size
    lines.append(line)
    return lines


def _wrap_words(words: Sequence[str], width: int, *, first: str, rest: str) -> list[str]:
    return _wrap_pieces([(word, len(word)) for word in words], width, first, rest)


def rule(title: str, width: int, styled: bool) -> str:
    """A section heading: ``── title ───...``, to ``width`` columns."""
    line = f"── {title} " + "─" * max(3, width - len(title) - 4)
    return click.style(line, bold=True) if styled else line


def _given(value: Any) -> bool:
    """Not null (None, NaN, NA, NaT) and not empty."""
    if value is None:
        return False
    if not pd.api.types.is_scalar(value):
        return True
    return not (bool(pd.isna(value)) or value == "")
