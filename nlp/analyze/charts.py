"""Charts of the stance index against the index: DataFrames in, figures and files out.

Three views on one picture, for a market analyst to read at a glance:

* the stance index per period (bars, green when commentary says the rally lasts, red when
  it says it fades) against the subject's daily close;
* the same bars against the forward relative return of the subject over the benchmark
  (``rel_fwd_<horizon>``, 4 weeks by default) measured from each period's last close;
* a scatter of stance index vs that forward return, with its least-squares line and n.

``table`` is ``indices.index_with_returns`` output (``period``, ``stance_index``,
``opinions``, ``rel_fwd_<horizon>``); ``levels`` is the subject's closes (``date``,
``close``). Static files (``.png``, ``.svg``) come from matplotlib's Agg canvas, with no
pyplot state; ``.html`` is a self-contained plotly page (plotly.js inline, see
``interactive``). No store access here.
"""

from __future__ import annotations

import logging
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import Patch

from .frames import normalize_freq, require_columns

log = logging.getLogger(__name__)

STATIC_SUFFIXES = (".png", ".svg")
CHART_SUFFIXES = (*STATIC_SUFFIXES, ".html")
UP, DOWN, LEVEL, RELATIVE, NOTE = "#1b9e77", "#d95f02", "#253858", "#5e3c99", "#b00020"
_PERIOD_WORDS = {"D": ("daily", "session", 0.8), "W-FRI": ("weekly", "week", 5.0),
                 "M": ("monthly", "month", 22.0)}  # freq -> adjective, noun, bar width (days)


@dataclass(frozen=True, slots=True)
class ChartLabels:
    """What the chart says about its data: names, frequency, horizon, a warning note."""

    subject: str = "Russell 2000"
    benchmark: str = "S&P 500"
    freq: str = "W"
    horizon: str = "4w"
    note: str | None = None  # shown in red under the title, e.g. illustrative prices

    @property
    def period_words(self) -> tuple[str, str, float]:
        return _PERIOD_WORDS[normalize_freq(self.freq)]

    @property
    def title(self) -> str:
        adjective = self.period_words[0]
        return f"Commentary stance vs the {self.subject}: {adjective} stance index"

    @property
    def relative_label(self) -> str:
        return (f"{self.subject} minus {self.benchmark}, next {horizon_words(self.horizon)} "
                f"(%)")

    @property
    def footnote(self) -> str:
        noun = self.period_words[1]
        return (f"Stance index: confidence-weighted mean stance score of the {noun}'s articles "
                f"that take a view (-1 the rally fades ... +1 it lasts); near-duplicates "
                f"count once. Forward relative return: {self.subject} minus {self.benchmark} "
                f"simple return over the {horizon_words(self.horizon)} after the {noun}'s last "
                f"close. Forward windows overlap, so r overstates certainty: see the report's "
                f"HAC p-values.")


def horizon_words(horizon: str) -> str:
    """``"4w"`` -> ``"4 weeks"``, ``"1w"`` -> ``"1 week"``; other labels unchanged."""
    if horizon.endswith("w") and horizon[:-1].isdigit():
        weeks = int(horizon[:-1])
        return f"{weeks} week{'s' if weeks != 1 else ''}"
    return horizon


def scatter_points(table: pd.DataFrame, *, horizon: str = "4w") -> pd.DataFrame:
    """Periods with both a stance index and a forward relative return: ``period, x, y,
    opinions`` (``y`` as a fraction)."""
    column = f"rel_fwd_{horizon}"
    require_columns(table, ["period", "stance_index", column], caller="scatter_points")
    opinions = table["opinions"] if "opinions" in table.columns else 1
    frame = pd.DataFrame({"period": table["period"], "x": table["stance_index"],
                          "y": table[column], "opinions": opinions})
    keep = np.isfinite(frame["x"].astype(float)) & np.isfinite(frame["y"].astype(float))
    return frame[keep].reset_index(drop=True)


def fit_line(points: pd.DataFrame) -> tuple[float, float, float] | None:
    """Least-squares ``(slope, intercept, pearson r)`` of y on x; None under 3 points or
    when x or y is constant."""
    x, y = points["x"].to_numpy(float), points["y"].to_numpy(float)
    if len(x) < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return None
    slope, intercept = np.polyfit(x, y, 1)
    return float(slope), float(intercept), float(np.corrcoef(x, y)[0, 1])


def _bars(ax: Axes, table: pd.DataFrame, width_days: float) -> None:
    shown = table[table["stance_index"].notna()]
    values = shown["stance_index"].to_numpy(float)
    centres = pd.to_datetime(shown["period"]) - pd.Timedelta(days=width_days / 2)
    ax.bar(centres, values, width=width_days * 0.9, color=np.where(values >= 0, UP, DOWN),
           alpha=0.75, zorder=2)
    ax.axhline(0, color="#888888", linewidth=0.8, zorder=1)
    ax.set_ylim(-1.05, 1.05)
    ax.set_ylabel("stance index\n(-1 fades … +1 lasts)")
    ax.grid(axis="y", color="#e6e6e6", zorder=0)
    ax.spines["top"].set_visible(False)


def make_static_figure(table: pd.DataFrame, levels: pd.DataFrame,
                       labels: ChartLabels | None = None) -> Figure:
    """The three-panel matplotlib figure (not attached to pyplot)."""
    labels = labels or ChartLabels()
    require_columns(table, ["period", "stance_index"], caller="make_static_figure")
    require_columns(levels, ["date", "close"], caller="make_static_figure")
    rel_col = f"rel_fwd_{labels.horizon}"
    _, noun, width = labels.period_words
    fig = Figure(figsize=(14, 7.6), dpi=110)
    grid = fig.add_gridspec(2, 3, width_ratios=[1, 1, 0.85])
    top = fig.add_subplot(grid[0, :2])
    bottom = fig.add_subplot(grid[1, :2], sharex=top)
    scatter = fig.add_subplot(grid[:, 2])

    _bars(top, table, width)
    level = top.twinx()
    level.plot(pd.to_datetime(levels["date"]), levels["close"], color=LEVEL, linewidth=1.4,
               label=f"{labels.subject} close", zorder=3)
    level.set_ylabel(f"{labels.subject} close")
    level.spines["top"].set_visible(False)
    top.set_title(f"Stance index and the {labels.subject}", loc="left", fontsize=11,
                  fontweight="bold")
    _legend(top, level)

    _bars(bottom, table, width)
    relative = bottom.twinx()
    if rel_col in table.columns:
        rel = table[["period", rel_col]].dropna()
        limit = symmetric_limit(rel[rel_col] * 100)
        relative.set_ylim(-limit, limit)
        relative.plot(pd.to_datetime(rel["period"]), rel[rel_col] * 100, color=RELATIVE,
                      linewidth=1.4, marker="o", markersize=2.5,
                      label=f"relative return, next {horizon_words(labels.horizon)}", zorder=3)
    relative.axhline(0, color=RELATIVE, linewidth=0.6, linestyle=":")
    relative.set_ylabel(labels.relative_label, fontsize=9)
    relative.spines["top"].set_visible(False)
    bottom.set_title("Stance index and the forward relative return", loc="left",
                     fontsize=11, fontweight="bold")
    _legend(bottom, relative, colours=False)
    bottom.set_xlabel(f"{noun} (labelled by its last calendar day)")

    if rel_col in table.columns:
        _draw_scatter(scatter, table, labels)
    else:
        scatter.text(0.5, 0.5, "no forward returns", ha="center", transform=scatter.transAxes)
    fig.text(0.01, 0.985, labels.title, fontsize=15, fontweight="bold", ha="left", va="top")
    if labels.note:
        fig.text(0.01, 0.935, labels.note.replace("$", r"\$"), color=NOTE, fontsize=10.5,
                 fontweight="bold", ha="left", va="top")
    footnote = "\n".join(textwrap.wrap(labels.footnote, 230))
    fig.text(0.01, 0.008, footnote, fontsize=8, color="#555555", ha="left", va="bottom")
    top_edge = 0.895 if labels.note else 0.935
    fig.set_layout_engine(ConstrainedLayoutEngine(rect=(0, 0.07, 1, top_edge - 0.07)))
    return fig


def fit_summary(points: pd.DataFrame, fit: tuple[float, float, float] | None,
                labels: ChartLabels, *, break_before_slope: str = " \u00b7 ") -> str:
    """``n = 23 weeks · Pearson r = +0.18 · slope +2.67 pp per unit`` (n only without a
    fit); ``break_before_slope`` replaces the last separator (a line break, say)."""
    text = f"n = {len(points)} {labels.period_words[1]}s"
    if fit is not None:
        slope, _, r = fit
        text += (f" \u00b7 Pearson r = {r:+.2f}{break_before_slope}slope {slope * 100:+.2f} "
                 "pp per unit")
    return text


def symmetric_limit(values: pd.Series, *, floor: float = 1.0) -> float:
    """Half-range of an axis centred on 0 that holds ``values`` (at least ``floor``), so a
    twin axis's zero lines up with the stance index's zero."""
    finite = values.to_numpy(float)
    finite = finite[np.isfinite(finite)]
    return max(floor, float(np.abs(finite).max()) * 1.1) if finite.size else floor


def _legend(bars: Axes, line: Axes, *, colours: bool = True) -> None:
    handles: list[Any] = [Patch(color=UP, alpha=0.75, label="stance: rally lasts"),
                          Patch(color=DOWN, alpha=0.75, label="stance: rally fades")] \
        if colours else []
    handles += line.get_legend_handles_labels()[0]
    bars.legend(handles, [str(h.get_label()) for h in handles], loc="lower right",
                bbox_to_anchor=(1.0, 1.0), ncols=len(handles), fontsize=8.5, frameon=False,
                borderaxespad=0.2)


def _draw_scatter(ax: Axes, table: pd.DataFrame, labels: ChartLabels) -> None:
    points = scatter_points(table, horizon=labels.horizon)
    sizes = 12 + 10 * np.sqrt(points["opinions"].to_numpy(float))
    ax.scatter(points["x"], points["y"] * 100, s=sizes, c=np.where(points["x"] >= 0, UP, DOWN),
               alpha=0.7, edgecolors="white", linewidths=0.5, zorder=3)
    ax.axhline(0, color="#888888", linewidth=0.8)
    ax.axvline(0, color="#888888", linewidth=0.8)
    fit = fit_line(points)
    if fit is not None:
        slope, intercept, _ = fit
        xs = np.linspace(points["x"].min(), points["x"].max(), 50)
        ax.plot(xs, (slope * xs + intercept) * 100, color="#222222", linewidth=1.5,
                label="least-squares fit")
    ax.set_xlim(-1.05, 1.05)
    # the statistics go under the axis, where they cannot hide a point
    ax.set_xlabel("stance index\n" + fit_summary(points, fit, labels, break_before_slope="\n"),
                  fontsize=10)
    ax.set_ylabel(labels.relative_label, fontsize=9)
    ax.set_title("Does stance predict the next move?", loc="left", fontsize=11,
                 fontweight="bold")
    ax.grid(color="#eeeeee")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def write_chart(table: pd.DataFrame, levels: pd.DataFrame, out: str | Path,
                labels: ChartLabels | None = None) -> Path:
    """Write the chart to ``out``: ``.png``/``.svg`` (matplotlib) or ``.html`` (plotly,
    self-contained). ``ValueError`` for another suffix."""
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in CHART_SUFFIXES:
        raise ValueError(f"{path}: chart format must be one of {', '.join(CHART_SUFFIXES)}")
    labels = labels or ChartLabels()
    if suffix == ".html":
        from .interactive import make_interactive_figure

        figure = make_interactive_figure(table, levels, labels)
        figure.write_html(path, include_plotlyjs=True, full_html=True,
                          config={"displaylogo": False, "responsive": True})
    else:
        static = make_static_figure(table, levels, labels)
        static.savefig(path, format=suffix[1:], dpi=150 if suffix == ".png" else None,
                       facecolor="white", metadata=_metadata(suffix))
    log.debug("wrote %s", path)
    return path


def _metadata(suffix: str) -> dict[str, str | None]:
    # no creation date, so the same data gives the same file
    return {"Software": "rallyscope"} if suffix == ".png" else {"Date": None}

