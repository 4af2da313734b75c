"""The seeds against the real Russell 2000 and S&P 500 closes in ../shared/data/prices:
stance, verification and the report end to end (skipped when ../shared is absent)."""

from pathlib import Path

import pandas as pd
import pytest
from conftest import SHARED

from nlp.market.prices import read_closes
from nlp.reporting import load_bundle, write_report
from nlp.store.db import Store
from nlp.verification import verify_store
from nlp.workflow import ingest_paths, list_inputs

CLOSES = {"russell_2000": "rut_daily_close.csv", "sp500": "gspc_daily_close.csv"}


@pytest.fixture
def real_store(seeds_dir: Path, store: Store) -> Store:
    folder = SHARED / "data" / "prices"
    if not folder.is_dir():
        pytest.skip("../shared/data/prices is not beside this checkout")
    report = ingest_paths(list_inputs([seeds_dir]), store, classify=True)
    assert report.failed == 0
    for subject, name in CLOSES.items():
        with store.transaction() as con:
            store.add_prices(con, subject, read_closes(folder / name), origin=name)
    return store


def test_every_resolvable_move_and_level_gets_a_verdict(real_store: Store) -> None:
    claims, verdicts, _ = verify_store(real_store)
    assert set(verdicts["verdict"]) <= {"verified", "contradicted", "unverifiable"}
    assert verdicts["verdict"].notna().all()
    stored = real_store.query("SELECT verdict, count(*) AS n FROM claims "
                              "WHERE verdict IS NOT NULL GROUP BY verdict")
    assert stored["n"].sum() == len(verdicts) > 0
    # the Aug 1, 2025 snapshot: "closed at 2,211.65, down 0.9% today"
    rows = claims.drop(columns=["verdict", "actual"]).merge(verdicts, on="id")
    level = rows[(rows["kind"] == "index_level") & (rows["value"].round(2) == 2211.65)]
    assert len(level) and (level["verdict"] == "verified").all()
    unverifiable = verdicts[verdicts["verdict"] == "unverifiable"]
    assert unverifiable["note"].str.len().gt(0).all()  # always with a reason


def test_report_shows_real_closes_around_every_article(real_store: Store,
                                                       tmp_path: Path) -> None:
    verify_store(real_store)
    bundle = load_bundle(real_store, subject="russell_2000", freq="W")
    sessions = pd.to_datetime(bundle.articles["session"].dropna())
    assert len(sessions) == len(bundle.articles.dropna(subset=["published"]))
    levels = bundle.levels["date"]
    for session in sessions:
        assert levels.min() <= session <= levels.max()
    page = write_report(bundle, tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Illustrative prices" not in page
    assert "Russell 2000" in page and "verified" in page
