"""``rallyscope report``: one self-contained HTML file, every article text escaped, and a
page that loads in headless Chromium without console errors."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner, Result
from synthetic_store import EVIL_EVIDENCE, EVIL_TITLE, build_store

from nlp.cli import cli
from nlp.report.page import render_report
from nlp.report.sections import claimed_value
from nlp.report.tables import Column, html_table
from nlp.reporting import load_bundle
from nlp.store.db import Store

CHROMIUM = Path("/usr/bin/chromium")
SECTIONS = ("chart", "correlations", "lead-lag", "hits", "verification", "articles", "claims")


def _report(db: Path, out: Path, *extra: str) -> Result:
    return CliRunner().invoke(cli, ["report", "--db", str(db), "--out", str(out), *extra])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("report") / "store.duckdb")


@pytest.fixture(scope="module")
def report(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "report.html"
    result = _report(db, out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(f"wrote {out}: 48 articles, 48 claims")
    return out


def test_report_is_self_contained(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert 'src="http' not in page and "src='http" not in page
    assert '<link href="http' not in page and "<link" not in page
    assert not re.search(r"<script[^>]*\bsrc=", page)  # plotly.js and our script inline
    assert "Plotly.newPlot" in page and "table.sortable" in page


def test_report_has_every_section_and_explains_it(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    for anchor in SECTIONS:
        assert f"<section id='{anchor}'>" in page
    for words in ("Pearson r", "Spearman", "95% CI", "HAC p", "iid p", "lag k (weeks)",
                  "hit rate, 4 weeks", "By outlet", "By author", "evidence (strongest first)"):
        assert words in page
    # the header says what is in the store
    assert "48</div>" in page  # articles card
    assert "2024-01-02 \u2013 2025-02-24" in page  # closes span
    assert "Illustrative prices, not market data" in page  # origin says illustrative
    assert "illustrative random walk" in page


def test_article_text_is_escaped(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert EVIL_TITLE not in page
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; Small caps &amp; the Fed" \
        in page
    assert EVIL_EVIDENCE not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Bo Chen <b>" not in page and "Bo Chen &lt;b&gt;" in page
    assert "rose <7%>" not in page and "rose &lt;7%&gt;" in page  # claim sentences too


def test_verification_results_are_shown(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert "id='verification-table'" in page
    assert "verified: 2" in page and "contradicted: 1" in page


def test_missing_or_empty_verdict_columns_are_handled(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        bundle = load_bundle(store)
    absent = bundle.claims.drop(columns=["verdict", "actual", "verdict_note"], errors="ignore")
    nulls = bundle.claims.assign(verdict=None, actual=None)
    for claims in (absent, nulls):
        page = render_report(dataclasses.replace(bundle, claims=claims))
        assert "No claim has been checked against the closes yet" in page
        assert "id='claims-table'" in page


def test_bundle_aligns_articles_without_look_ahead(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        bundle = load_bundle(store)
    articles = bundle.articles.set_index("article")
    # published 15:00 UTC = 10:00/11:00 New York: before the close, the same session
    first = articles.loc["art001"]
    assert first["session"] == pd.Timestamp(first["published"]).tz_convert(None).normalize()
    assert pd.isna(articles.loc["art047", "session"])  # undated
    # left out of the index: undated, near-duplicate, never classified
    assert int(bundle.table["articles"].sum()) == 45
    assert articles.loc["art007", "evidence"] == [] and pd.isna(articles.loc["art007", "stance"])
    assert set(bundle.correlations["y"]) >= {"rel_fwd_4w", "rel_fwd_12w"}
    assert bundle.outlet_hits["scored"].sum() > 0


def test_report_fails_in_one_line_without_stances(tmp_path: Path) -> None:
    db = build_store(tmp_path / "bare.duckdb", stances=False)
    result = _report(db, tmp_path / "r.html")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {db}: no stances stored; run 'rallyscope ingest PATH' first"]
    assert not (tmp_path / "r.html").exists()


def test_tables_escape_and_give_numeric_sort_keys() -> None:
    frame = pd.DataFrame({"name": ["<b>x</b>", None], "value": [0.25, float("nan")]})
    page = html_table(frame, [Column("name", "name <1>"), Column("value", "v", "return")],
                      sortable=True)
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
    assert "name &lt;1&gt;" in page
    assert "data-sort='0.25'>+25.00%</td>" in page
    assert "data-sort=''>\u2014</td>" in page  # missing: em dash, sorted last
    assert claimed_value({"value": 2211.65, "unit": "pts"}) == "2,211.65 pts"
    assert claimed_value({"value": 3.875, "low": 3.75, "high": 4.0, "unit": "%"}) == "3.75\u20134%"


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
def test_report_loads_in_chromium_without_errors(report: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    errors: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("console", lambda m: errors.append(f"{m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda err: errors.append(f"uncaught: {err}"))
        page.on("request", lambda r: errors.append(f"request: {r.url}")
                if not r.url.startswith(("file:", "data:", "blob:")) else None)
        page.goto(report.as_uri(), wait_until="load")
        page.wait_for_selector("#stance-chart .main-svg")
        assert page.locator("#stance-chart .bars path").count() > 10  # bars were drawn

        headers = page.locator("#claims-table thead th")
        column = [text.strip() for text in headers.all_inner_texts()].index("figure")
        cell = page.locator("#claims-table tbody tr").nth(0).locator("td").nth(column)
        header = headers.nth(column)
        header.click()
        low = float(cell.get_attribute("data-sort") or "nan")
        header.click()
        high = float(cell.get_attribute("data-sort") or "nan")
        assert low < high  # numeric sort by the claim's value, both ways
        assert header.get_attribute("aria-sort") == "descending"

        page.fill("input[data-table='articles-table']", "meridian")
        visible = page.locator("#articles-table tbody tr:not([hidden])").count()
        assert 0 < visible < 48
        assert "of 48 rows" in page.locator(".filter-count[data-for='articles-table']") \
            .inner_text()
        browser.close()
    assert errors == []
