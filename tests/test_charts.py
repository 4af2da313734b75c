"""nlp.analyze.charts and ``rallyscope chart``: PNG, SVG and self-contained HTML files."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner, Result
from synthetic_store import build_store

from nlp.analyze.charts import (
    ChartLabels,
    fit_line,
    horizon_words,
    make_static_figure,
    scatter_points,
    write_chart,
)
from nlp.analyze.interactive import make_interactive_figure
from nlp.cli import cli
from nlp.reporting import load_bundle
from nlp.store.db import Store

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _chart(db: Path, out: Path, *extra: str) -> Result:
    return CliRunner().invoke(cli, ["chart", "--db", str(db), "--out", str(out), *extra])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("charts") / "store.duckdb")


def test_png_is_a_real_png(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "stance.png"
    result = _chart(db, out, "--subject", "russell_2000", "--freq", "W")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert re.match(r"wrote .*stance\.png: \d+ periods with a stance index", result.stderr)
    data = out.read_bytes()
    assert data[:8] == PNG_MAGIC
    assert len(data) > 10_000


def test_svg_is_well_formed(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "stance.svg"
    assert _chart(db, out, "--freq", "M").exit_code == 0
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    assert out.stat().st_size > 10_000


def test_html_is_interactive_and_self_contained(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "stance.html"
    assert _chart(db, out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "Plotly.newPlot" in page
    assert not re.search(r"<script[^>]*\bsrc=", page)  # plotly.js is inline, no CDN
    assert 'src="http' not in page and '<link href="http' not in page
    assert "Illustrative prices, not market data" in page  # origin says illustrative


def test_unknown_suffix_is_a_usage_error(db: Path, tmp_path: Path) -> None:
    result = _chart(db, tmp_path / "stance.jpg")
    assert result.exit_code == 2
    assert "use a .png, .svg or .html file" in result.output


def test_store_without_stances_says_what_to_run(tmp_path: Path) -> None:
    db = build_store(tmp_path / "bare.duckdb", stances=False)
    result = _chart(db, tmp_path / "x.png")
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: {db}: no stances stored; run 'rallyscope ingest "
                                      "PATH' first")


def test_store_without_prices_says_what_to_run(tmp_path: Path) -> None:
    db = build_store(tmp_path / "bare.duckdb", prices=False)
    result = _chart(db, tmp_path / "x.png")
    assert result.exit_code == 1
    assert "run 'rallyscope prices load FILE --subject russell_2000' first" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_note_only_for_illustrative_prices(tmp_path: Path) -> None:
    db = build_store(tmp_path / "real.duckdb", origin="rut_daily_close.csv")
    with Store.open(db, read_only=True) as store:
        bundle = load_bundle(store)
    assert not bundle.illustrative and bundle.price_note is None
    out = write_chart(bundle.table, bundle.levels, tmp_path / "c.html", ChartLabels())
    assert "Illustrative" not in out.read_text(encoding="utf-8")


def test_static_figure_has_three_panels_and_the_note(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        bundle = load_bundle(store)
    labels = ChartLabels(note="Illustrative prices, not market data (origin: x$y)")
    figure = make_static_figure(bundle.table, bundle.levels, labels)
    titles = [ax.get_title(loc="left") for ax in figure.axes]
    assert "Stance index and the Russell 2000" in titles
    assert "Stance index and the forward relative return" in titles
    assert "Does stance predict the next move?" in titles
    texts = [t.get_text() for t in figure.texts]
    assert any(t.startswith("Illustrative prices") for t in texts)
    n = len(scatter_points(bundle.table))
    assert any(f"n = {n} weeks \u00b7 Pearson r = " in ax.get_xlabel() for ax in figure.axes)


def test_scatter_points_and_fit_by_hand() -> None:
    table = pd.DataFrame({"period": pd.date_range("2024-01-05", periods=5, freq="W-FRI"),
                          "stance_index": [-0.5, 0.0, np.nan, 0.5, 1.0],
                          "rel_fwd_4w": [0.0, 0.01, 0.3, 0.02, math.nan],
                          "opinions": [1, 2, 0, 3, 1]})
    points = scatter_points(table)
    assert points["x"].tolist() == [-0.5, 0.0, 0.5]
    slope, intercept, r = fit_line(points)  # type: ignore[misc]
    assert math.isclose(slope, 0.02) and math.isclose(intercept, 0.01)
    assert math.isclose(r, 1.0)
    assert fit_line(points.iloc[:2]) is None  # under 3 points
    assert horizon_words("4w") == "4 weeks" and horizon_words("1w") == "1 week"


def test_empty_table_still_draws(tmp_path: Path) -> None:
    table = pd.DataFrame({"period": pd.to_datetime([]), "stance_index": [], "opinions": [],
                          "rel_fwd_4w": []})
    levels = pd.DataFrame({"date": pd.to_datetime([]), "close": []})
    for suffix in (".png", ".html"):
        out = write_chart(table, levels, tmp_path / f"empty{suffix}")
        assert out.stat().st_size > 0
    assert len(make_interactive_figure(table, levels).data) >= 3


def test_write_chart_rejects_other_formats(tmp_path: Path) -> None:
    table = pd.DataFrame({"period": [], "stance_index": []})
    with pytest.raises(ValueError, match="chart format"):
        write_chart(table, pd.DataFrame({"date": [], "close": []}), tmp_path / "c.pdf")
