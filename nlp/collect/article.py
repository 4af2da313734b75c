"""From a reader's draft to an ``Article``: junk removed, a stable id, a MinHash."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..errors import InputError
from ..records import Article, InputFormat
from .dedupe import minhash
from .draft import Draft
from .junk import clean_paragraphs

MIN_ARTICLE_CHARS = 40
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def normalise_text(text: str) -> str:
    """The form identity is computed on: NFKC, case-folded, plain quotes, one space."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", text).strip()


def article_id(title: str | None, paragraphs: tuple[str, ...]) -> str:
    """Stable id: the first 16 hex digits of SHA-256 over the normalised title and body."""
    body = normalise_text("\n".join((title or "", *paragraphs)))
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def make_article(draft: Draft, *, raw: str, source: str, fmt: InputFormat) -> Article:
    """Clean the draft's body and give it identity; ``InputError`` when nothing is left."""
    title = " ".join(draft.title.split()) if draft.title else None
    body = tuple(unicodedata.normalize("NFC", p) for p in draft.paragraphs)
    # the title goes through the rules too: a body that repeats it is a repeated paragraph
    kept, fired = clean_paragraphs((title, *body) if title else body)
    if sum(len(p) for p in kept) - len(title or "") < MIN_ARTICLE_CHARS:
        reason = "no article text after junk removal" if body else "no article text"
        raise InputError(source, reason, kind="no article text")
    text = "\n\n".join(kept)
    return Article(
        id=article_id(title, body), source=source, format=fmt, text=text, raw=raw,
        title=title, url=draft.url, author=draft.author, publisher=draft.publisher,
        published=draft.published, published_has_time=draft.published_has_time,
        junk_removed=fired, minhash=minhash(text),
    )
