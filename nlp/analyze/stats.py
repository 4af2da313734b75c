"""Correlation tables with honest uncertainty, and a lead/lag table.

Forward windows that overlap (4-week returns sampled every week share 3 weeks) make
neighbouring observations dependent, so the textbook p-values of Pearson and Spearman
(``*_p_iid``, kept for reference) overstate significance. Two honest measures are given:

* a **moving-block bootstrap** confidence interval (percentile) for both correlations:
  resample blocks of ``block_length`` consecutive (x, y) pairs, by default
  ``max(horizon, ceil(n ** (1/3)))`` so that a block spans an overlap and some serial
  correlation; seeded, so a table is deterministic;
* the **Newey–West (HAC)** standard error of the OLS slope of y on x, Bartlett weights,
  lag ``horizon - 1`` (the overlap), small-sample factor ``n / (n - 2)``, p-value from a
  t distribution with ``n - 2`` degrees of freedom.

``horizon`` is the number of index periods a forward window spans (``fwd_4w`` in a weekly
index: 4; see ``indices.forward_periods``). Rows with a missing x or y are dropped, and
rows must be consecutive periods (as ``indices.join_returns`` gives). Fewer than 3 pairs,
or a constant series, give NaN.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import stats as st

from .frames import require_columns

MIN_PAIRS = 3


class HacFit(NamedTuple):
    """OLS of y on x with a Newey–West standard error for the slope."""

    slope: float
    se: float
    p: float
    lag: int
    n: int


def _pairs(x: pd.Series | np.ndarray, y: pd.Series | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    keep = np.isfinite(xs) & np.isfinite(ys)
    return xs[keep], ys[keep]


def _usable(x: np.ndarray, y: np.ndarray) -> bool:
    return len(x) >= MIN_PAIRS and bool(np.ptp(x) > 0) and bool(np.ptp(y) > 0)


def _rowwise_pearson(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    xc = xs - xs.mean(axis=1, keepdims=True)
    yc = ys - ys.mean(axis=1, keepdims=True)
    denom = np.sqrt((xc**2).sum(axis=1) * (yc**2).sum(axis=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray((xc * yc).sum(axis=1) / denom)


def default_block_length(n: int, horizon: int = 1) -> int:
    """``max(horizon, ceil(n ** (1/3)))``, at most ``n``."""
    return max(1, min(n, max(horizon, math.ceil(n ** (1 / 3)))))


def block_bootstrap_ci(
    x: pd.Series | np.ndarray,
    y: pd.Series | np.ndarray,
    *,
    block_length: int,
    method: str = "pearson",
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile CI of the correlation (``pearson`` or ``spearman``), moving blocks."""
    xs, ys = _pairs(x, y)
    if not _usable(xs, ys):
        return (math.nan, math.nan)
    n = len(xs)
    length = max(1, min(block_length, n))
    rng = np.random.default_rng(seed)
    starts = rng.integers(0, n - length + 1, size=(n_boot, math.ceil(n / length)))
    rows = (starts[:, :, None] + np.arange(length)).reshape(n_boot, -1)[:, :n]
    bx, by = xs[rows], ys[rows]
    if method == "spearman":
        bx, by = st.rankdata(bx, axis=1), st.rankdata(by, axis=1)
    elif method != "pearson":
        raise ValueError(f"method {method!r}: use pearson or spearman")
    draws = _rowwise_pearson(bx, by)
    draws = draws[np.isfinite(draws)]
    if draws.size == 0:
        return (math.nan, math.nan)
    tail = (1 - level) / 2
    low, high = np.quantile(draws, [tail, 1 - tail])
    return (float(low), float(high))


def newey_west(x: pd.Series | np.ndarray, y: pd.Series | np.ndarray, *, lag: int) -> HacFit:
    """Slope of y on x (with intercept) and its Newey–West standard error and p-value."""
    xs, ys = _pairs(x, y)
    n = len(xs)
    lag = max(0, lag)
    if not _usable(xs, ys):
        return HacFit(math.nan, math.nan, math.nan, lag, n)
    design = np.column_stack([np.ones(n), xs])
    beta, *_ = np.linalg.lstsq(design, ys, rcond=None)
    scores = design * (ys - design @ beta)[:, None]
    meat = scores.T @ scores
    for k in range(1, min(lag, n - 1) + 1):
        cross = scores[k:].T @ scores[:-k]
        meat += (1 - k / (lag + 1)) * (cross + cross.T)
    bread = np.linalg.inv(design.T @ design)
    cov = bread @ meat @ bread * n / (n - 2)
    se = float(np.sqrt(cov[1, 1]))
    p = float(2 * st.t.sf(abs(beta[1] / se), n - 2)) if se > 0 else math.nan
    return HacFit(float(beta[1]), se, p, lag, n)


def _correlate(x: pd.Series, y: pd.Series, *, horizon: int, n_boot: int, level: float,
               seed: int) -> dict[str, float | int]:
    xs, ys = _pairs(x, y)
    n = len(xs)
    block = default_block_length(n, horizon)
    row: dict[str, float | int] = {"horizon": horizon, "n": n, "block_length": block}
    if not _usable(xs, ys):
        nan_cols = ("pearson", "pearson_p_iid", "pearson_ci_low", "pearson_ci_high",
                    "spearman", "spearman_p_iid", "spearman_ci_low", "spearman_ci_high",
                    "slope", "hac_se", "hac_p")
        return {**row, **dict.fromkeys(nan_cols, math.nan), "hac_lag": max(0, horizon - 1)}
    pearson = st.pearsonr(xs, ys)
    spearman = st.spearmanr(xs, ys)
    p_low, p_high = block_bootstrap_ci(xs, ys, block_length=block, method="pearson",
                                       n_boot=n_boot, level=level, seed=seed)
    s_low, s_high = block_bootstrap_ci(xs, ys, block_length=block, method="spearman",
                                       n_boot=n_boot, level=level, seed=seed)
    hac = newey_west(xs, ys, lag=horizon - 1)
    return {**row,
            "pearson": float(pearson.statistic), "pearson_p_iid": float(pearson.pvalue),
            "pearson_ci_low": p_low, "pearson_ci_high": p_high,
            "spearman": float(spearman.statistic), "spearman_p_iid": float(spearman.pvalue),
            "spearman_ci_low": s_low, "spearman_ci_high": s_high,
            "slope": hac.slope, "hac_se": hac.se, "hac_p": hac.p, "hac_lag": hac.lag}


def correlation_table(
    frame: pd.DataFrame,
    x: str | Sequence[str],
    y: str | Sequence[str],
    *,
    horizons: Mapping[str, int] | None = None,
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """One row per (x, y) pair of columns of ``frame``.

    ``horizons`` maps a y column to its overlap in periods (default 1). Columns: ``x, y,
    horizon, n, block_length, pearson, pearson_p_iid, pearson_ci_low, pearson_ci_high,
    spearman, spearman_p_iid, spearman_ci_low, spearman_ci_high, slope, hac_se, hac_p,
    hac_lag``.
    """
    xs = [x] if isinstance(x, str) else list(x)
    ys = [y] if isinstance(y, str) else list(y)
    require_columns(frame, [*xs, *ys], caller="correlation_table")
    spans = horizons or {}
    rows = [{"x": a, "y": b, **_correlate(frame[a], frame[b], horizon=spans.get(b, 1),
                                          n_boot=n_boot, level=level, seed=seed)}
            for a in xs for b in ys]
    columns = ["x", "y", "horizon", "n", "block_length", "pearson", "pearson_p_iid",
               "pearson_ci_low", "pearson_ci_high", "spearman", "spearman_p_iid",
               "spearman_ci_low", "spearman_ci_high", "slope", "hac_se", "hac_p", "hac_lag"]
    return pd.DataFrame(rows, columns=columns)


def lead_lag(frame: pd.DataFrame, x: str, y: str, *,
             lags: Iterable[int] = range(-12, 13)) -> pd.DataFrame:
    """Correlation of ``x`` at period t with ``y`` at t + k, per lag k.

    Positive k: x leads (does the index precede returns?); negative k: y leads (does
    commentary follow returns?). Rows are consecutive periods. Columns: ``lag, n,
    pearson, spearman``; read the best lag with ``table.loc[table.pearson.abs().idxmax()]``.
    """
    require_columns(frame, [x, y], caller="lead_lag")
    rows = []
    for k in lags:
        xs, ys = _pairs(frame[x], frame[y].shift(-k))
        if _usable(xs, ys):
            pearson = float(st.pearsonr(xs, ys).statistic)
            spearman = float(st.spearmanr(xs, ys).statistic)
        else:
            pearson = spearman = math.nan
        rows.append({"lag": k, "n": len(xs), "pearson": pearson, "spearman": spearman})
    return pd.DataFrame(rows, columns=["lag", "n", "pearson", "spearman"])
