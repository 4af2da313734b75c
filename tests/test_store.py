from pathlib import Path

import duckdb
import pytest

from nlp.errors import StoreError
from nlp.store.db import SCHEMA_VERSION, TABLES, Store


def test_new_store_has_every_table_and_the_version(store: Store) -> None:
    for table in TABLES:
        assert store.count(table) == 0
    assert store.query("SELECT version FROM schema_version")["version"].tolist() == [
        SCHEMA_VERSION]


def test_claims_and_stances_have_the_spec_fields(store: Store) -> None:
    claims = set(store.query("SELECT * FROM claims LIMIT 0").columns)
    assert {"article", "source", "kind", "metric", "subject", "subject_text", "value", "low",
            "high", "unit", "approximate", "forward_looking", "period", "period_start",
            "period_end", "speaker", "sentence", "start", "end", "verdict", "actual"} <= claims
    stances = set(store.query("SELECT * FROM stances LIMIT 0").columns)
    assert {"article", "source", "stance", "score", "confidence", "evidence",
            "sentiment"} <= stances


def test_reopening_keeps_rows(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store.open(path) as store, store.transaction() as con:
        store.set_rejects(con, [("a.txt", "empty file", "empty file", False)])
    with Store.open(path, read_only=True) as store:
        assert store.count("rejects") == 1


def test_failed_transaction_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction() as con:
        store.set_rejects(con, [("a.txt", "empty file", "empty file", False)])
        raise RuntimeError("interrupted")
    assert store.count("rejects") == 0


def test_missing_database_read_only(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"nope\.duckdb: no such database"):
        Store.open(tmp_path / "nope.duckdb", read_only=True)


@pytest.mark.parametrize("version", [0, 99])  # no migration reaches either
def test_an_unknown_schema_version_is_refused(tmp_path: Path, version: int) -> None:
    path = tmp_path / "other.duckdb"
    with Store.open(path):
        pass
    con = duckdb.connect(str(path))
    con.execute("UPDATE schema_version SET version = ?", [version])
    con.close()
    with pytest.raises(StoreError, match=f"schema version {version}.*ingest into a new database"):
        Store.open(path)


def test_not_a_rallyscope_database(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(StoreError, match="not a rallyscope database"):
        Store.open(path, read_only=True)


def test_bad_sql_is_one_line(store: Store) -> None:
    with pytest.raises(StoreError) as err:
        store.query("SELEC nonsense")
    assert "\n" not in str(err.value)


def test_article_round_trip_keeps_the_raw_input(store: Store) -> None:
    from nlp.collect.folder import read_file
    from nlp.records import Article

    page = Path(__file__).parent / "data" / "articles" / "lantern-rotation.html"
    [article] = read_file(page)
    assert isinstance(article, Article)
    with store.transaction() as con:
        store.add_articles(con, [article])
    assert store.raw_text(article.id) == article.raw
    row = store.query("SELECT * FROM articles").iloc[0].to_dict()
    assert Article.from_row(row) == article
