"""Bytes to text: BOMs, UTF-8, an HTML page's declared charset, legacy Windows-1252.

The order is deterministic (no statistical guessing): a BOM wins, then a charset the
page declares, then strict UTF-8, then Windows-1252. Binary data is refused.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
# WHATWG: pages labelled Latin-1 or ASCII are decoded as Windows-1252.
_LEGACY_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
                   "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252"}
_CONTROL = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
                               29, 30, 31}


def is_binary(data: bytes) -> bool:
    """True for bytes that are no text in any encoding we accept (NULs, control codes)."""
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > max(2, len(sample) // 100)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its top, if any."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    try:
        name = codecs.lookup(_LEGACY_ALIASES.get(label, label)).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin_1", "ascii") else name


def decode_bytes(data: bytes, source: str, *, html: bool = False) -> str:
    """Decode ``data`` read from ``source``; raises ``InputError`` with the reason."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as err:
                raise InputError(source, f"undecodable bytes after {encoding} BOM at byte "
                                         f"{err.start + len(bom)}", kind="undecodable") from err
    if is_binary(data):
        raise InputError(source, "binary data, not text", kind="binary data")
    encodings = ["utf-8", "cp1252"]
    if html and (declared := declared_charset(data)):
        encodings.insert(0, declared)
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(source, "undecodable bytes (not UTF-8, UTF-16 or Windows-1252)",
                     kind="undecodable")
