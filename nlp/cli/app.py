"""The ``rallyscope`` click group, its logging and the options commands share."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .. import __version__
from ..errors import RallyscopeError
from ..settings import DEFAULT_MAX_BYTES

log = logging.getLogger(__name__)

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
SAMPLE_DIR = Path(__file__).resolve().parents[2] / "corpus" / "sample"
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


def format_option(fn: F) -> F:
    return click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]),
                        default=None, help="Output format (default: table on a terminal, "
                                           "else jsonl).")(fn)


def frame_format_options(fn: F) -> F:
    """--format (jsonl, csv, table or parquet) and --out, for commands that return a table."""
    fn = click.option("--out", metavar="FILE", type=click.Path(dir_okay=False),
                      help="Write here instead of stdout (needed for parquet).")(fn)
    return click.option("--format", "fmt",
                        type=click.Choice(["jsonl", "csv", "table", "parquet"]),
                        default=None, help="Output format (default: table on a terminal, "
                                           "else jsonl; parquet needs --out).")(fn)


def output_format(fmt: str | None, out: str | None = None) -> str:
    """The --format asked for, else table when writing to a terminal and jsonl otherwise."""
    return fmt or ("table" if sys.stdout.isatty() and out is None else "jsonl")


def emit_frame(frame: Any, fmt: str | None, out: str | None, *,
               columns: tuple[str, ...] | None = None) -> None:
    """A query result to stdout or ``--out`` in the chosen format."""
    from ..output import write_frame

    fmt = output_format(fmt, out)
    if fmt == "parquet" and out is None:
        raise click.UsageError("--format parquet needs --out FILE")
    if out is None or fmt == "parquet":
        write_frame(frame, fmt, sys.stdout, out=out,  # type: ignore[arg-type]
                    columns=columns if fmt == "table" else None)
        return
    with open(out, "w", encoding="utf-8", newline="") as stream:
        write_frame(frame, fmt, stream, columns=columns if fmt == "table" else None)  # type: ignore[arg-type]
