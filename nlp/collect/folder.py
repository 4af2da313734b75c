"""Batch loading: walk files and folders, read each input into ``Article`` records.

Every problem with one input becomes an ``InputError`` yielded in its place, so a
caller can report it and go on; nothing here stops a batch.
"""

from __future__ import annotations

import errno
import json
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError, UnsupportedInput
from ..records import INPUT_FORMATS, Article, InputFormat
from ..settings import DEFAULT_MAX_BYTES
from .article import make_article
from .decode import decode_bytes
from .html import read_html
from .jsonrecord import read_record
from .textfile import read_text

log = logging.getLogger(__name__)



def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Files under ``paths`` in a stable order; folders recursed, hidden entries skipped."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from _walk(path, ancestors=frozenset())
        elif path.exists() or path.is_symlink():
            yield _check_file(path)
        else:
            yield InputError(str(path), "no such file or directory", kind="missing")


def _check_file(path: Path) -> Path | InputError:
    try:
        path.stat()
    except OSError as err:
        if err.errno == errno.ELOOP:
            return InputError(str(path), "symlink loop", kind="symlink loop")
        return InputError(str(path), f"cannot read ({err.strerror})", kind="unreadable")
    return path


def _walk(folder: Path, ancestors: frozenset[str]) -> Iterator[Path | InputError]:
    real = os.path.realpath(folder)
    if real in ancestors:
        yield InputError(str(folder), "symlink loop (folder links back to its parent)",
                         kind="symlink loop")
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        yield InputError(str(folder), f"cannot list folder ({err.strerror})", kind="unreadable")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, ancestors | {real})
        else:
            yield _check_file(path)


def input_format(path: Path) -> InputFormat:
    fmt = INPUT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedInput(str(path), f"unsupported extension {path.suffix or '(none)'}",
                               kind="unsupported extension")
    return fmt


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes, refusing empty and oversized files with the reason."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(source, f"file too large ({size / 1e6:.1f} MB > cap of "
                                     f"{max_bytes / 1e6:g} MB; see --max-bytes)", kind="too large")
        data = path.read_bytes()
    except OSError as err:
        raise InputError(source, f"cannot read ({err.strerror})", kind="unreadable") from err
    if not data:
        raise InputError(source, "empty file", kind="empty file")
    return data


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | InputError]:
    """The articles in one file (a ``.jsonl`` holds many), or the reasons they failed."""
    source = str(path)
    try:
        fmt = input_format(path)
        text = decode_bytes(read_bytes(path, max_bytes=max_bytes), source, html=fmt == "html")
        if not text.strip():
            raise InputError(source, "whitespace-only file", kind="whitespace only")
        if fmt == "jsonl":
            yield from _read_lines(text, source)
            return
        yield _read_one(text, source, fmt)
    except InputError as err:
        yield err


def _read_one(text: str, source: str, fmt: InputFormat) -> Article:
    if fmt == "txt":
        return make_article(read_text(text), raw=text, source=source, fmt=fmt)
    if fmt == "html":
        return make_article(read_html(text, source), raw=text, source=source, fmt=fmt)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(source, f"invalid JSON ({err.msg} at line {err.lineno} column "
                                 f"{err.colno})", kind="invalid JSON") from err
    return make_article(read_record(obj, source), raw=text, source=source, fmt=fmt)


def _read_lines(text: str, source: str) -> Iterator[Article | InputError]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(where, f"invalid JSON ({err.msg} at column {err.colno})",
                             kind="invalid JSON")
            continue
        try:
            yield make_article(read_record(obj, where), raw=line, source=where, fmt="jsonl")
        except InputError as err:
            yield err
