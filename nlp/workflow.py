"""Wiring of the stages for a batch, as Kedro's ``pipeline.py`` wires its nodes.

``ingest_paths`` reads inputs (collect), links duplicates, extracts the claims of new
articles (extract), optionally their stance and sentence sentiment (classify), and
writes whole chunks of articles with their claims to the store, one transaction per
chunk, then a search vector for every stored sentence that has none. An interrupted
run leaves only whole chunks behind, and a re-run skips what is stored and finishes
the job, vectors included.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .collect.dedupe import NearDuplicateIndex
from .collect.folder import iter_files, read_file
from .errors import InputError, UnsupportedInput
from .records import Article, Claim, RunReport, SentenceScore, Stance
from .settings import DEFAULT_MAX_BYTES
from .store.db import Store

log = logging.getLogger(__name__)

CHUNK_BYTES = 4_000_000  # a chunk of large pages is written early, to bound memory


class _Batch:
    """Articles and rejects waiting to be written, with what is already known."""

    def __init__(self, store: Store, extract: bool, classify: bool) -> None:
        self.store = store
        self.extract = extract
        self.classify = classify
        self.index = NearDuplicateIndex()
        self.known: dict[str, str] = {}
        for article_id, source, signature, duplicate_of in store.article_index():
            self.index.add(article_id, signature, duplicate_of)
            self.known[article_id] = source
        self.articles: list[Article] = []
        self.pending_bytes = 0
        self.rejects: list[tuple[str, str, str, bool]] = []
        self.used: list[str] = []

    def text_of(self, article_id: str) -> str:
        pending = next((a.text for a in self.articles if a.id == article_id), None)
        return pending if pending is not None else self.store.article_text(article_id)

    def take(self, article: Article, report: RunReport) -> None:
        self.used.append(article.source)
        if article.id in self.known:
            same = self.known[article.id] == article.source
            report.add("unchanged" if same else "duplicate")
            if not same:
                log.info("%s: duplicate of %s", article.source, self.known[article.id])
            return
        original = self.index.find(article.text, article.minhash, self.text_of)
        if original is not None:
            article = dataclasses.replace(article, duplicate_of=original)
            log.info("%s: near-duplicate of %s", article.source, original)
        report.add("near_duplicate" if original else "loaded")
        self.index.add(article.id, article.minhash, article.duplicate_of)
        self.known[article.id] = article.source
        self.articles.append(article)
        self.pending_bytes += len(article.raw) + len(article.text)

    def reject(self, err: InputError, report: RunReport) -> None:
        skipped = isinstance(err, UnsupportedInput)
        log.warning("%s", err)
        report.add("skipped" if skipped else "rejected", err.kind)
        self.rejects.append((err.source, err.kind, err.reason, skipped))

    def flush(self) -> int:
        """Write what is pending in one transaction; the number of claims written."""
        claims: list[Claim] = []
        if self.extract and self.articles:
            from .extract.run import claims_of  # spaCy loads only when claims are wanted

            claims = [c for _, found in claims_of(self.articles) for c in found]
        stances: list[Stance] = []
        sentences: list[SentenceScore] = []
        if self.classify and self.articles:
            from .classify.stance import predict_stances  # the encoder loads only if wanted

            for stance, scores in predict_stances(self.articles):
                stances.append(stance)
                sentences.extend(scores)
        ids = [a.id for a in self.articles]
        with self.store.transaction() as con:
            self.store.add_articles(con, self.articles)
            if self.extract:
                self.store.replace_claims(con, ids, claims)
            if self.classify:
                self.store.replace_stances(con, ids, stances, sentences)
            self.store.set_rejects(con, self.rejects)
            self.store.clear_rejects(con, self.used)
        self.articles, self.rejects, self.used = [], [], []
        self.pending_bytes = 0
        return len(claims)


def list_inputs(paths: Iterable[str | Path]) -> list[Path | InputError]:
    """Every file (or the error in its place) a batch over ``paths`` will read."""
    return list(iter_files(paths))


def read_inputs(inputs: Iterable[Path | InputError], *, max_bytes: int = DEFAULT_MAX_BYTES,
                advance: Callable[[], None] | None = None) -> Iterator[Article | InputError]:
    """Each input's articles, or the reason it failed, in order; ``advance`` after a file."""
    for item in inputs:
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item, max_bytes=max_bytes)
        if advance is not None:
            advance()


def ingest_paths(
    inputs: Iterable[Path | InputError],
    store: Store,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    chunk_size: int = 200,
    extract: bool = True,
    classify: bool = False,
    advance: Callable[[], None] | None = None,
) -> RunReport:
    """Read, deduplicate and store ``inputs`` (from ``list_inputs``), with the claims of
    each new article unless ``extract`` is false, and its stance and sentence sentiment
    when ``classify`` is true; never raises on bad input."""
    report = RunReport()
    started = time.perf_counter()
    batch = _Batch(store, extract, classify)
    for result in read_inputs(inputs, max_bytes=max_bytes, advance=advance):
        if isinstance(result, InputError):
            batch.reject(result, report)
        else:
            batch.take(result, report)
        if (len(batch.articles) + len(batch.rejects) >= chunk_size
                or batch.pending_bytes >= CHUNK_BYTES):
            report.claims += batch.flush()
    report.claims += batch.flush()
    if extract or classify:
        from .search import index_store  # also catches stores from before search existed

        index_store(store)
    report.elapsed_s = time.perf_counter() - started
    return report
