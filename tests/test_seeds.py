"""The five real articles in ../shared/seeds (skipped when ../shared is absent)."""

from datetime import date
from pathlib import Path

import pytest

from nlp.store.db import Store
from nlp.workflow import ingest_paths, list_inputs

JUNK = [
    "Disclosures", "intended to constitute legal", "Subscribe to", "Join our community",
    "Suggested Tags", "#Russell2000", "Would you like me to", "turn0news", "turn0search",
    "Comment “SMALLCAP”", "Read more commentaries", "AI translation of this story",
    "Write to Martin", "Stay ahead of the move",
]


@pytest.fixture
def seeded(seeds_dir: Path, store: Store) -> Store:
    report = ingest_paths(list_inputs([seeds_dir]), store)
    assert report.counts["loaded"] == 5 and report.failed == 0
    return store


def test_seeds_load_once(seeds_dir: Path, seeded: Store) -> None:
    again = ingest_paths(list_inputs([seeds_dir]), seeded)
    assert again.counts["loaded"] == 0 and again.counts["unchanged"] == 5
    assert seeded.count("articles") == 5


def test_cleaned_text_has_no_junk_but_raw_keeps_it(seeded: Store) -> None:
    rows = seeded.query("SELECT id, text FROM articles")
    cleaned = "\n".join(rows["text"])
    raw = "\n".join(seeded.raw_text(article_id) for article_id in rows["id"])
    for junk in JUNK:
        assert junk not in cleaned, junk
        assert junk in raw, junk
    for text in rows["text"]:
        paragraphs = [p for p in text.split("\n\n") if len(p) > 40]
        assert len(paragraphs) == len(set(paragraphs)), "a paragraph repeats"
        assert "Small Cap Network" not in text


def test_dates_from_the_text(seeded: Store) -> None:
    rows = seeded.query("SELECT source, published FROM articles")
    published = {Path(s).name[:3]: p for s, p in zip(rows["source"], rows["published"],
                                                      strict=True)}
    assert published["002"].date() == date(2025, 9, 12)
    assert published["004"].date() == date(2025, 8, 1)


def test_content_survives_cleaning(seeded: Store) -> None:
    text = "\n".join(seeded.query("SELECT text FROM articles")["text"])
    for kept in ("The Russell 2000 index closed at 2,211.65, down 0.9% today",
                 "The jury is still out on whether or not the current rally",
                 "Don’t expect it to last.", "forward P/E of ~28×"):
        assert kept in text
