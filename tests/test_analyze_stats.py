"""nlp.analyze.stats: hand-checked correlations, HAC, bootstrap coverage, lead/lag."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats as st

from nlp.analyze.stats import (
    block_bootstrap_ci,
    correlation_table,
    default_block_length,
    lead_lag,
    newey_west,
)

X = [1.0, 2.0, 3.0, 4.0, 5.0]


def test_pearson_and_spearman_on_five_points() -> None:
    frame = pd.DataFrame({"x": X, "y": [2.0, 1.0, 4.0, 3.0, 50.0]})
    row = correlation_table(frame, "x", "y", n_boot=200).iloc[0]
    # deviations: x -2..2, y -10 -11 -8 -9 38 -> sum of products 98, squares 10 and 1810
    assert math.isclose(row["pearson"], 98 / math.sqrt(10 * 1810))
    # ranks of y: 2 1 4 3 5 -> d = 1 -1 1 -1 0 -> 1 - 6 * 4 / (5 * 24)
    assert math.isclose(row["spearman"], 0.8)
    assert (row["n"], row["horizon"], row["hac_lag"]) == (5, 1, 0)


def test_newey_west_by_hand() -> None:
    y = [2.0, 1.0, 4.0, 3.0, 5.0]
    # slope 8/10 = 0.8, residuals 0.6 -1.2 1.0 -0.8 0.4; u = (x - 3) e = -1.2 1.2 0 -0.8 0.8
    white = newey_west(X, y, lag=0)
    assert math.isclose(white.slope, 0.8)
    assert math.isclose(white.se, math.sqrt(4.16 / 100 * 5 / 3))
    # lag 1, weight 1/2: 4.16 + 2 * 0.5 * (-1.44 + 0 + 0 - 0.64) = 2.08
    hac = newey_west(X, y, lag=1)
    assert math.isclose(hac.se, math.sqrt(2.08 / 100 * 5 / 3))
    assert math.isclose(hac.p, 2 * st.t.sf(0.8 / hac.se, 3))
    assert (hac.lag, hac.n) == (1, 5)


def test_nan_rows_dropped_and_degenerate_input_is_nan() -> None:
    frame = pd.DataFrame({"x": [1.0, 2.0, np.nan, 4.0, 5.0], "y": [1.0, 3.0, 2.0, np.nan, 6.0],
                          "flat": [1.0] * 5})
    table = correlation_table(frame, "x", ["y", "flat"], n_boot=100)
    assert table["n"].tolist() == [3, 4]
    assert math.isnan(table["pearson"].iloc[1])
    assert math.isnan(table["pearson_ci_low"].iloc[1])


def test_horizon_sets_block_and_lag() -> None:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"x": rng.normal(size=100), "y": rng.normal(size=100)})
    row = correlation_table(frame, "x", "y", horizons={"y": 12}, n_boot=100).iloc[0]
    assert (row["horizon"], row["block_length"], row["hac_lag"]) == (12, 12, 11)
    assert default_block_length(200) == 6
    assert default_block_length(4, horizon=12) == 4


def test_bootstrap_is_seeded() -> None:
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=80), rng.normal(size=80)
    first = block_bootstrap_ci(x, y, block_length=5, n_boot=300, seed=7)
    assert first == block_bootstrap_ci(x, y, block_length=5, n_boot=300, seed=7)
    assert first != block_bootstrap_ci(x, y, block_length=5, n_boot=300, seed=8)
    assert first[0] < np.corrcoef(x, y)[0, 1] < first[1]


def ar1_pair(rng: np.random.Generator, n: int, phi: float, rho: float) -> np.ndarray:
    """Two AR(1) series with the same phi whose innovations correlate rho: corr = rho."""
    shocks = rng.multivariate_normal([0, 0], [[1, rho], [rho, 1]], size=n + 50)
    series = np.zeros_like(shocks)
    for t in range(1, len(shocks)):
        series[t] = phi * series[t - 1] + shocks[t]
    return series[50:]


def test_block_bootstrap_ci_covers_the_true_correlation() -> None:
    rng = np.random.default_rng(20240705)
    rho, n, runs = 0.5, 200, 200
    covered = 0
    for _ in range(runs):
        pair = ar1_pair(rng, n, phi=0.5, rho=rho)
        low, high = block_bootstrap_ci(pair[:, 0], pair[:, 1],
                                       block_length=default_block_length(n), n_boot=400,
                                       seed=int(rng.integers(1 << 30)))
        covered += low <= rho <= high
    assert 0.85 * runs <= covered <= runs


def test_hac_widens_for_overlapping_windows() -> None:
    rng = np.random.default_rng(3)
    daily = pd.Series(rng.normal(size=600))
    signal = pd.Series(rng.normal(size=600)).rolling(12).mean()
    ahead = daily.rolling(12).sum().shift(-12)  # 12-period overlapping forward sums
    naive = newey_west(signal, ahead, lag=0)
    honest = newey_west(signal, ahead, lag=11)
    assert honest.se > naive.se


@pytest.mark.parametrize("shift", [3, -2])
def test_lead_lag_finds_the_shift(shift: int) -> None:
    rng = np.random.default_rng(4)
    x = pd.Series(rng.normal(size=300))
    frame = pd.DataFrame({"x": x, "y": x.shift(shift) + 0.3 * rng.normal(size=300)})
    table = lead_lag(frame, "x", "y", lags=range(-6, 7))
    assert list(table.columns) == ["lag", "n", "pearson", "spearman"]
    assert table.loc[table["pearson"].abs().idxmax(), "lag"] == shift
    assert table.loc[table["spearman"].abs().idxmax(), "lag"] == shift
    assert table.set_index("lag").loc[0, "n"] == 300 - abs(shift)
