"""Claims of many articles at once, through ``nlp.pipe`` with article ids carried along."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..records import Article, Claim
from .claims import extract_claims
from .pipeline import make_nlp


def claims_of(articles: Iterable[Article], *, batch_size: int = 64
              ) -> Iterator[tuple[Article, list[Claim]]]:
    """Each article with its claims, in input order; odd text gives no claim, never an error."""
    nlp = make_nlp()
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        published = article.published.date() if article.published else None
        yield article, extract_claims(doc, article=article.id, source=article.source,
                                      published=published)
