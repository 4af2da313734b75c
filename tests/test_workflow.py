from pathlib import Path

import pytest
from conftest import BAD_INPUTS, GOOD_ARTICLE

from nlp import workflow
from nlp.records import RunReport
from nlp.store.db import Store
from nlp.workflow import ingest_paths, list_inputs

STORY = "\n\n".join(
    f"Paragraph {i}: the Russell 2000 moved as traders weighed rate cuts, earnings revisions "
    f"and breadth in sector {i}, with strategists split on whether the rally can last."
    for i in range(30))


def _ingest(paths: list[Path], store: Store, **kwargs: int) -> RunReport:
    return ingest_paths(list_inputs(paths), store, **kwargs)


def test_rerun_changes_no_row_count(mixed_folder: Path, store: Store) -> None:
    first = _ingest([mixed_folder], store, max_bytes=5000)
    counts = {t: store.count(t) for t in ("articles", "rejects")}
    second = _ingest([mixed_folder], store, max_bytes=5000)
    assert {t: store.count(t) for t in ("articles", "rejects")} == counts
    assert second.counts["loaded"] == 0
    assert second.counts["unchanged"] == first.counts["loaded"]


def test_mixed_folder_keeps_every_good_article(mixed_folder: Path, store: Store) -> None:
    report = _ingest([mixed_folder], store, max_bytes=5000)
    # 6 from tests/data (2 jsonl lines are bad) + good.txt
    assert report.counts["loaded"] == 7
    assert store.count("articles") == 7
    rejects = store.query("SELECT source, kind, skipped FROM rejects")
    by_name = {Path(s).name: k for s, k in zip(rejects["source"], rejects["kind"], strict=True)}
    expected = {name: kind for name, (_, kind) in BAD_INPUTS.items()}
    expected |= {"huge.txt": "too large", "loop": "symlink loop", "self.txt": "symlink loop",
                 "copperline-notes.jsonl:2": "invalid JSON",
                 "copperline-notes.jsonl:4": "no article text"}
    assert by_name == expected
    assert rejects["skipped"].sum() == 1  # the .pdf
    assert report.failed == len(expected)


def test_exact_duplicate_is_stored_once(tmp_path: Path, store: Store) -> None:
    (tmp_path / "a.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD_ARTICLE.replace("\n\n", "\n"), encoding="utf-8")
    report = _ingest([tmp_path], store)
    assert (report.counts["loaded"], report.counts["duplicate"]) == (1, 1)
    assert store.count("articles") == 1


def test_near_duplicate_is_kept_and_linked(tmp_path: Path, store: Store) -> None:
    (tmp_path / "1-wire.txt").write_text("Small caps rally on\n\n" + STORY, encoding="utf-8")
    syndicated = STORY.replace("Paragraph 4:", "Para four:") + "\n\nRead more at Ledger Daily."
    (tmp_path / "2-syndicated.txt").write_text("Small caps rally again\n\n" + syndicated,
                                               encoding="utf-8")
    report = _ingest([tmp_path], store)
    assert report.counts["near_duplicate"] == 1
    rows = store.query("SELECT source, id, duplicate_of FROM articles ORDER BY source")
    assert rows["duplicate_of"].iloc[0] is None or rows["duplicate_of"].isna().iloc[0]
    assert rows["duplicate_of"].iloc[1] == rows["id"].iloc[0]


def test_interrupted_run_leaves_whole_chunks_and_rerun_finishes(
        tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    sectors = ["banks", "biotech", "retail", "energy", "software", "industrials", "utilities"]
    for i, sector in enumerate(sectors):
        others = ", ".join(sectors[i + 1:] + sectors[:i])
        (tmp_path / f"{i}.txt").write_text(
            f"Note {i}: {sector}\n\nSmall-cap {sector} led on day {i} of the run, ahead of "
            f"{others}, as the Russell 2000 {sector} group gained {i + 1}.{i}%.",
            encoding="utf-8")
    real_read = workflow.read_file

    def crashing(path: Path, **kwargs: int):  # type: ignore[no-untyped-def]
        if path.name == "5.txt":
            raise KeyboardInterrupt
        return real_read(path, **kwargs)

    monkeypatch.setattr(workflow, "read_file", crashing)
    with pytest.raises(KeyboardInterrupt):
        _ingest([tmp_path], store, chunk_size=2)
    assert store.count("articles") == 4  # two whole chunks of two
    monkeypatch.setattr(workflow, "read_file", real_read)
    report = _ingest([tmp_path], store, chunk_size=2)
    assert (report.counts["loaded"], report.counts["unchanged"]) == (3, 4)
    assert store.count("articles") == 7


def test_fixed_input_clears_its_reject(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "later.txt"
    path.write_bytes(b"")
    _ingest([path], store)
    assert store.count("rejects") == 1
    path.write_text(GOOD_ARTICLE, encoding="utf-8")
    _ingest([path], store)
    assert (store.count("rejects"), store.count("articles")) == (0, 1)


def test_claims_are_stored_with_their_articles_and_replaced_on_rerun(
        data_dir: Path, store: Store) -> None:
    _ingest([data_dir / "articles"], store)
    first = store.query("SELECT id, article, kind, value FROM claims ORDER BY id")
    assert len(first) > 10
    assert set(first["article"]) <= set(store.query("SELECT id FROM articles")["id"])
    wire = store.query("SELECT c.kind, c.value, c.subject FROM claims c JOIN articles a "
                       "ON a.id = c.article WHERE a.source LIKE '%wire-close%' "
                       "AND c.kind = 'index_level'")
    assert wire.values.tolist() == [["index_level", 2153.4, "russell_2000"]]
    _ingest([data_dir / "articles"], store)
    again = store.query("SELECT id, article, kind, value FROM claims ORDER BY id")
    assert again.equals(first)


def test_ingest_without_extraction_stores_no_claims(data_dir: Path, store: Store) -> None:
    _ingest([data_dir / "articles"], store, extract=False)
    assert store.count("articles") == 6 and store.count("claims") == 0
