"""The bundled sample corpus loads whole, with the dates and links its labels give."""

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from nlp.store.db import Store
from nlp.workflow import ingest_paths, list_inputs

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "sample"


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store.open(tmp_path_factory.mktemp("sample") / "sample.duckdb") as store:
        report = ingest_paths(list_inputs([SAMPLE / "articles"]), store)
        assert report.failed == 0, report.summary()
        yield store


def _labels() -> list[dict[str, str]]:
    with open(SAMPLE / "labels.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_labelled_article_is_stored(sample_store: Store) -> None:
    assert sample_store.count("articles") == len(_labels()) >= 40


def test_published_dates_match_the_labels(sample_store: Store) -> None:
    rows = sample_store.query("SELECT source, published FROM articles")
    found = {}
    for source, published in zip(rows["source"], rows["published"], strict=True):
        key = str(Path(source).relative_to(SAMPLE / "articles"))
        found[key] = "" if published is None or published != published else \
            published.date().isoformat()
    for label in _labels():
        key = label["file"] + (f":{label['line']}" if label["line"] else "")
        assert found[key] == label["published"], key


def test_syndicated_copies_point_to_their_first_copy(sample_store: Store) -> None:
    linked = sample_store.query(
        "SELECT a.source AS copy, b.source AS original FROM articles a "
        "JOIN articles b ON a.duplicate_of = b.id")
    pairs = {frozenset(Path(s).name.split(".")[0].split("-")[-1] for s in pair)
             for pair in zip(linked["copy"], linked["original"], strict=True)}
    assert len(linked) == 2
    assert pairs == {frozenset({"skeptics"}), frozenset({"surge", "syndication"})}


def test_windows_1252_pages_and_junk(sample_store: Store) -> None:
    text = "\n".join(sample_store.query("SELECT text FROM articles")["text"])
    assert "René" in text and "Ã" not in text
    for junk in ("turn0", "Would you like me to", "Suggested Tags", "All rights reserved"):
        assert junk not in text, junk
