"""HTML pages to article text and metadata, through trafilatura with a plain fallback.

Metadata comes from the page's own declarations first (Open Graph and ``article:``
meta tags, JSON-LD ``NewsArticle``, ``<link rel=canonical>``, ``<time datetime>``),
then from trafilatura's guesses. The main text is trafilatura's; when it finds none,
the page's ``<article>`` (or ``<body>``) paragraphs are used.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from ..errors import InputError
from .dateline import parse_published
from .draft import Draft

log = logging.getLogger(__name__)

MIN_TEXT_CHARS = 80  # less than this after extraction is no article

_META_KEYS = {
    "title": ("og:title", "twitter:title", "headline"),
    "author": ("author", "article:author", "parsely-author", "sailthru.author", "byl"),
    "publisher": ("og:site_name", "application-name", "publisher"),
    "published": ("article:published_time", "og:published_time", "datepublished",
                  "pubdate", "publishdate", "date", "dc.date.issued", "dc.date",
                  "sailthru.date", "parsely-pub-date"),
    "url": ("og:url",),
}


def _meta_tags(tree: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = (meta.get("content") or "").strip()
        if key and content:
            found.setdefault(key, content)
    return found


def _json_ld(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object of an article type (NewsArticle, Article, BlogPosting…)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data])
        for item in items:
            if isinstance(item, dict) and "Article" in str(item.get("@type", "")) \
                    or isinstance(item, dict) and "BlogPosting" in str(item.get("@type", "")):
                return item
    return {}


def _name(value: Any) -> str | None:
    """A JSON-LD person/organisation (object, list or string) as a display name."""
    if isinstance(value, list):
        names = [n for v in value if (n := _name(v))]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _declared(tree: Any) -> dict[str, str | None]:
    meta, ld = _meta_tags(tree), _json_ld(tree)

    def first(field: str) -> str | None:
        return next((meta[k] for k in _META_KEYS[field] if k in meta), None)

    canonical = next((link.get("href") for link in tree.iter("link")
                      if (link.get("rel") or "").lower() == "canonical" and link.get("href")),
                     None)
    time_tag = next((t.get("datetime") for t in tree.iter("time") if t.get("datetime")), None)
    return {
        "title": _name(ld.get("headline")) or first("title"),
        "author": _name(ld.get("author")) or first("author"),
        "publisher": _name(ld.get("publisher")) or first("publisher"),
        "published": _name(ld.get("datePublished")) or first("published") or time_tag,
        "url": canonical or _name(ld.get("url")) or first("url"),
    }


def _fallback_paragraphs(tree: Any) -> list[str]:
    root = next(iter(tree.iter("article")), None)
    if root is None:
        root = next(iter(tree.iter("body")), tree)
    return [text for p in root.iter("p", "h2", "h3", "li")
            if (text := " ".join(p.text_content().split()))]


def _body_paragraphs(body: Any) -> list[str]:
    """trafilatura's extracted tree, one paragraph per block (a list item, a table row)."""
    if body is None:
        return []
    blocks = []
    for element in body:
        if element.tag in ("list", "table"):
            rows = element.iter("item", "row")
            blocks += [" ".join(" ".join(row.itertext()).split()) for row in rows]
        else:
            blocks.append(" ".join(" ".join(element.itertext()).split()))
    return [block for block in blocks if block]


def read_html(html: str, source: str) -> Draft:
    """Main text and metadata of one page; ``InputError`` when it holds no article."""
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError) as err:
        raise InputError(source, f"not parseable as HTML ({err})", kind="malformed HTML") from err
    declared = _declared(tree)
    fallback = _fallback_paragraphs(tree)
    doc = trafilatura.bare_extraction(tree, url=declared["url"], with_metadata=True,
                                      include_comments=False, include_tables=True,
                                      date_extraction_params={"extensive_search": False})
    paragraphs = _body_paragraphs(getattr(doc, "body", None))
    if len(paragraphs) == 1 and len(fallback) > 1:
        # trafilatura's baseline for short pages runs all paragraphs together
        paragraphs = fallback
    elif sum(len(p) for p in paragraphs) < MIN_TEXT_CHARS:
        log.debug("%s: trafilatura found no main text, using page paragraphs", source)
        paragraphs = fallback
    if sum(len(p) for p in paragraphs) < MIN_TEXT_CHARS:
        raise InputError(source, "no article text in HTML", kind="no article text")
    published = parse_published(declared["published"] or getattr(doc, "date", None) or "")
    title = declared["title"] or getattr(doc, "title", None)
    if paragraphs and title and paragraphs[0].strip() == title.strip():
        paragraphs = paragraphs[1:]
    return Draft(
        paragraphs=tuple(paragraphs),
        title=title,
        url=declared["url"] or getattr(doc, "url", None),
        author=declared["author"] or getattr(doc, "author", None),
        publisher=declared["publisher"] or getattr(doc, "sitename", None),
        published=published[0] if published else None,
        published_has_time=published[1] if published else False,
    )
