"""Wiring for semantic search: sentence vectors into the store, queries against them.

Ranking is hybrid: DuckDB's ``array_cosine_similarity`` picks the ``CANDIDATES`` nearest
sentences, then each gets ``WORDS`` times the share of the query's words and figures it
contains added to its cosine. The static vectors know topics well but barely see
numbers, so among ten sentences on small-cap valuations the one quoting the query's
"14.6 times" should win.

Sentences are embedded once: ``index_store`` embeds only those with no vector from
the current encoder (``vectors`` is keyed by the text's md5 and the encoder), so a
re-run adds none and a rebuilt encoder re-embeds everything once. ``search`` embeds
the query the same way and ranks stored sentences by DuckDB's
``array_cosine_similarity``.
"""

from __future__ import annotations

import logging
import re

import pandas as pd

from .classify.encoder import encode_texts, encoder_id
from .store.db import Store
from .store.queries import ClaimFilter, nearest_sentences

log = logging.getLogger(__name__)

INDEX_BATCH = 20_000  # sentences embedded and inserted at a time (~30 MB of vectors)
CANDIDATES = 50  # sentences ranked by cosine before the word overlap re-ranks them
WORDS = 0.5  # weight of the share of query words and figures a sentence contains (0.3
# until the encoder was fitted to MiniLM, whose cosines between sentences on one topic
# run higher: then a sentence on small-cap P/Es with other figures outranked the one
# quoting the query's)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z][a-z'&]+")
_STOP = frozenset(("the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "at", "by",
                   "with", "as", "is", "are", "was", "were", "be", "been", "it", "its",
                   "this", "that", "than", "from", "into", "about", "more", "less"))


def index_store(store: Store) -> int:
    """Embed every stored claim sentence and scored sentence that has no vector from the
    current encoder yet, in one transaction; the number embedded."""
    encoder = encoder_id()
    missing = store.unindexed_texts(encoder)
    with store.transaction() as con:
        for start in range(0, len(missing), INDEX_BATCH):
            texts = missing[start:start + INDEX_BATCH]
            store.add_vectors(con, texts, encode_texts(texts), encoder)
    if missing:
        log.info("embedded %d new sentences", len(missing))
    return len(missing)


def search(store: Store, query: str, *, k: int = 10,
           where: ClaimFilter | None = None) -> pd.DataFrame:
    """The ``k`` stored sentences most like ``query``: ``cosine`` of the vectors and
    ``score``, the cosine plus the word-overlap bonus they are ranked by."""
    vector = encode_texts([query])[0]
    found = nearest_sentences(store, vector, encoder_id(), k=max(k, CANDIDATES), where=where)
    return rerank(found, query).head(k).reset_index(drop=True)


def _tokens(text: str) -> set[str]:
    return {t.replace(",", "") for t in _TOKEN.findall(text.lower()) if t not in _STOP}


def rerank(found: pd.DataFrame, query: str) -> pd.DataFrame:
    """``found`` (with ``score`` = cosine) re-ranked by cosine + WORDS x the share of the
    query's words and figures each sentence contains."""
    wanted = _tokens(query)
    found = found.rename(columns={"score": "cosine"})
    overlap = [len(wanted & _tokens(text)) / len(wanted) if wanted else 0.0
               for text in found["sentence"]]
    found.insert(0, "score", found["cosine"] + WORDS * pd.Series(overlap, index=found.index))
    return found.sort_values(["score", "article"], ascending=[False, True], kind="stable")
