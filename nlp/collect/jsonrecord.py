"""Articles given as JSON objects (``.json`` files, ``.jsonl`` lines)."""

from __future__ import annotations

import re
from typing import Any

from ..errors import InputError
from .dateline import parse_published
from .draft import Draft

_ALIASES = {
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url"),
    "author": ("author", "byline", "authors"),
    "publisher": ("publisher", "site", "site_name", "outlet"),
    "published": ("published", "date", "published_at", "datePublished", "pubDate"),
}


def _field(obj: dict[str, Any], name: str) -> str | None:
    for key in _ALIASES[name]:
        value = obj.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if value not in (None, ""):
            return str(value).strip()
    return None


def read_record(obj: Any, source: str) -> Draft:
    """One article object: ``text`` is required; ``source`` is an outlet name or a URL."""
    if not isinstance(obj, dict):
        raise InputError(source, f"expected a JSON object, got {type(obj).__name__}",
                         kind="not an article object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, "no 'text' field with article text", kind="no article text")
    url, publisher = _field(obj, "url"), _field(obj, "publisher")
    origin = obj.get("source")
    if isinstance(origin, str) and origin.strip():
        if re.match(r"https?://", origin):
            url = url or origin.strip()
        else:
            publisher = publisher or origin.strip()
    published = parse_published(_field(obj, "published") or "")
    return Draft(
        paragraphs=tuple(text.splitlines()),
        title=_field(obj, "title"),
        url=url,
        author=_field(obj, "author"),
        publisher=publisher,
        published=published[0] if published else None,
        published_has_time=published[1] if published else False,
    )
