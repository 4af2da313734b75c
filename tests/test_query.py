"""Querying a store built from the sample corpus: claim filters, formats, articles,
search and the Python API. Expected rows come from pandas over the whole claims table."""

import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from nlp.api import Rallyscope
from nlp.cli import cli
from nlp.cli.app import SAMPLE_DIR
from nlp.market.prices import read_closes
from nlp.search import index_store
from nlp.store.db import Store
from nlp.verification import verify_store
from nlp.workflow import ingest_paths, list_inputs


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = str(tmp_path_factory.mktemp("query") / "sample.duckdb")
    with Store.open(path) as store:
        ingest_paths(list_inputs([SAMPLE_DIR / "articles"]), store, classify=True)
        for subject in ("russell_2000", "sp500"):
            with store.transaction() as con:
                store.add_prices(con, subject, read_closes(
                    SAMPLE_DIR / "prices" / f"{subject}_illustrative.csv"), origin="test")
        verify_store(store)
    yield path


@pytest.fixture(scope="module")
def everything(db: str) -> pd.DataFrame:
    with Store.open(db, read_only=True) as store:
        return store.query("SELECT c.*, a.published, a.publisher, a.author, a.url "
                           "FROM claims c JOIN articles a ON a.id = c.article")


def _claims(db: str, *args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["claims", "--db", db, "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _ids(rows: list[dict[str, object]]) -> set[object]:
    return {row["id"] for row in rows}


@pytest.mark.parametrize(("args", "expected"), [
    (["--kind", "pe_ratio"], lambda c: c["kind"] == "pe_ratio"),
    (["--kind", "pe_ratio", "--kind", "earnings_growth"],
     lambda c: c["kind"].isin(["pe_ratio", "earnings_growth"])),
    (["--metric", "forward"], lambda c: c["metric"] == "forward"),
    (["--subject", "russell_2000", "--kind", "index_level"],
     lambda c: (c["subject"] == "russell_2000") & (c["kind"] == "index_level")),
    (["--since", "2025-09-01"], lambda c: c["published"].dt.date >= date(2025, 9, 1)),
    (["--until", "2025-06-30"], lambda c: c["published"].dt.date <= date(2025, 6, 30)),
    (["--period-from", "2025-10-01"],
     lambda c: c["period_end"].fillna(c["period_start"]) >= pd.Timestamp("2025-10-01")),
    (["--period-to", "2025-03-31"],
     lambda c: c["period_start"].fillna(c["period_end"]) <= pd.Timestamp("2025-03-31")),
    (["--speaker", "vance"], lambda c: c["speaker"].str.contains("vance", case=False,
                                                                   na=False)),
    (["--source", "meridian"], lambda c: c["publisher"].str.contains("Meridian", na=False)
     | c["author"].str.contains("meridian", case=False, na=False)
     | c["source"].str.contains("meridian", case=False, na=False)
     | c["url"].str.contains("meridian", case=False, na=False)),
    (["--forward"], lambda c: c["forward_looking"]),
    (["--reported"], lambda c: ~c["forward_looking"]),
    (["--min", "20", "--max", "30", "--kind", "pe_ratio"],
     lambda c: (c["kind"] == "pe_ratio") & c["value"].between(20, 30)),
    (["--text", "record"], lambda c: c["sentence"].str.contains("record", case=False)),
    (["--verified"], lambda c: c["verdict"] == "verified"),
    (["--contradicted"], lambda c: c["verdict"] == "contradicted"),
])
def test_each_filter_matches_pandas(db: str, everything: pd.DataFrame, args: list[str],
                                    expected: object) -> None:
    mask = expected(everything)  # type: ignore[operator]
    want = set(everything.loc[mask.fillna(False).astype(bool), "id"])
    assert want, f"the sample has no claims for {args}"
    assert _ids(_claims(db, *args)) == want


def test_filters_combine_sort_and_limit(db: str, everything: pd.DataFrame) -> None:
    rows = _claims(db, "--kind", "rate_expectation", "--metric", "cut_count", "--min", "2",
                   "--sort", "value", "--limit", "3")
    values = [row["value"] for row in rows]
    assert len(rows) == 3 and values == sorted(values, reverse=True)
    top = everything[(everything["kind"] == "rate_expectation")
                     & (everything["metric"] == "cut_count") & (everything["value"] >= 2)]
    assert values[0] == top["value"].max()


def test_filter_values_are_parameters_not_sql(db: str) -> None:
    for hostile in ["x' OR 1=1 --", "'; DROP TABLE claims; --", "%", "_"]:
        assert _claims(db, "--speaker", hostile) == []
        assert _claims(db, "--source", hostile, "--text", hostile) == []
    with Store.open(db, read_only=True) as store:
        assert store.count("claims") > 700


@pytest.mark.parametrize("fmt", ["table", "csv", "jsonl"])
def test_formats(db: str, fmt: str) -> None:
    result = CliRunner().invoke(cli, ["claims", "--db", db, "--kind", "pe_ratio",
                                      "--limit", "5", "--format", fmt])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    if fmt == "table":
        assert lines[0].split()[:3] == ["published", "publisher", "kind"]
        assert all("[" in line and "]" in line for line in lines[1:])  # figure marked
    elif fmt == "csv":
        assert lines[0].startswith("id,article,source,kind") and len(lines) == 6
    else:
        assert all(json.loads(line)["kind"] == "pe_ratio" for line in lines)


def test_parquet_needs_a_file_and_round_trips(db: str, tmp_path: Path) -> None:
    refused = CliRunner().invoke(cli, ["claims", "--db", db, "--format", "parquet"])
    assert refused.exit_code == 2 and "needs --out" in refused.output
    out = tmp_path / "pe.parquet"
    result = CliRunner().invoke(cli, ["claims", "--db", db, "--kind", "pe_ratio",
                                      "--format", "parquet", "--out", str(out)])
    assert result.exit_code == 0, result.output
    kinds = duckdb.sql(f"SELECT DISTINCT kind FROM '{out}'").fetchall()
    assert kinds == [("pe_ratio",)]


def test_articles_list_and_filters(db: str) -> None:
    result = CliRunner().invoke(cli, ["articles", "--db", db, "--format", "jsonl"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 46 and sum(row["claims"] for row in rows) == 748
    dates = [row["published"] for row in rows if row["published"]]
    assert dates == sorted(dates, reverse=True)
    skeptical = CliRunner().invoke(cli, ["articles", "--db", db, "--stance", "skeptical",
                                         "--format", "jsonl"])
    assert {json.loads(line)["stance"] for line in skeptical.stdout.splitlines()} == {
        "skeptical"}


def test_search_ranks_a_paraphrase_of_a_stored_sentence_first(db: str) -> None:
    stored = ("The Russell 2000's forward P/E has slipped to about 14.6 times, compared "
              "with roughly 20.5 times for the S&P 500, a relative P/E of around 0.71.")
    with Rallyscope.open(db) as rs:
        assert len(rs.claims(text="slipped to about 14.6 times")) > 0
        found = rs.search("Small-cap valuations have dropped to roughly 14.6 times expected "
                          "profits, versus about 20.5 for the S&P 500, or around 0.71 in "
                          "relative terms.", k=5)
    assert found["sentence"].iloc[0] == stored
    assert list(found["score"]) == sorted(found["score"], reverse=True)
    assert (found["score"] >= found["cosine"]).all() and found["cosine"].between(-1, 1).all()


def test_search_with_a_kind_only_ranks_claims_of_that_kind(db: str) -> None:
    result = CliRunner().invoke(cli, ["search", "--db", db, "rate cuts expected this year",
                                      "--kind", "rate_expectation", "-k", "4", "--format",
                                      "jsonl"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 4 and all("rate_expectation" in row["kinds"] for row in rows)


def test_sentences_are_embedded_once(db: str, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(db, copy)
    with Store.open(copy) as store:
        before = store.count("vectors")
        assert before >= store.query("SELECT count(DISTINCT sentence) AS n FROM claims")["n"][0]
        assert index_store(store) == 0
        ingest_paths(list_inputs([SAMPLE_DIR / "articles"]), store, classify=True)
        assert store.count("vectors") == before
        # a store from before search existed (schema v2) has none: the next ingest fills in
        store.con.execute("DELETE FROM vectors")
        ingest_paths(list_inputs([SAMPLE_DIR / "articles"]), store, classify=True)
        assert store.count("vectors") == before


def test_python_api(db: str) -> None:
    with Rallyscope.open(db) as rs:
        pe = rs.claims(kind=["pe_ratio"], subject=["russell_2000"], since=date(2025, 7, 1))
        assert len(pe) and set(pe["kind"]) == {"pe_ratio"}
        assert (pd.to_datetime(pe["published"]).dt.date >= date(2025, 7, 1)).all()
        assert len(rs.stances()) == 46 and len(rs.articles(stance=["none"])) > 0
        assert len(rs.prices("russell_2000")) == 332
        assert len(rs.sentences(rs.articles(limit=1)["id"][0])) > 5
