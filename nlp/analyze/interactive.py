"""The interactive (plotly) version of ``charts``: same three views, hover for the numbers.

``make_interactive_figure`` gives a ``plotly.graph_objects.Figure``; ``charts.write_chart``
writes it as a self-contained page and the report embeds it next to one inline copy of
plotly.js. No store access here.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .charts import (
    DOWN,
    LEVEL,
    NOTE,
    RELATIVE,
    UP,
    ChartLabels,
    fit_line,
    fit_summary,
    horizon_words,
    scatter_points,
    symmetric_limit,
)
from .frames import require_columns


def _stance_bars(table: pd.DataFrame, *, show_legend: bool) -> list[go.Bar]:
    """Two bar traces, so the legend shows both colours: rally lasts (>= 0) and fades."""
    shown = table[table["stance_index"].notna()]
    opinions = shown["opinions"] if "opinions" in shown.columns else pd.Series(np.nan,
                                                                               shown.index)
    traces = []
    for name, color, keep in (("stance: rally lasts", UP, shown["stance_index"] >= 0),
                              ("stance: rally fades", DOWN, shown["stance_index"] < 0)):
        part = shown[keep]
        traces.append(go.Bar(
            x=pd.to_datetime(part["period"]), y=part["stance_index"], name=name,
            marker={"color": color, "opacity": 0.75}, legendgroup=name,
            showlegend=show_legend, customdata=np.asarray(opinions[keep]).reshape(-1, 1),
            hovertemplate="%{x|%Y-%m-%d}<br>stance index %{y:+.2f}<br>"
                          "%{customdata[0]} articles with a view<extra></extra>"))
    return traces


def make_interactive_figure(table: pd.DataFrame, levels: pd.DataFrame,
                            labels: ChartLabels | None = None) -> go.Figure:
    """Stance vs level (top left), vs forward relative return (bottom left, same time
    axis) and the scatter with its fit line (right)."""
    labels = labels or ChartLabels()
    require_columns(table, ["period", "stance_index"], caller="make_interactive_figure")
    require_columns(levels, ["date", "close"], caller="make_interactive_figure")
    rel_col = f"rel_fwd_{labels.horizon}"
    noun = labels.period_words[1]
    figure = make_subplots(
        rows=2, cols=2, column_widths=[0.64, 0.36], horizontal_spacing=0.13,
        vertical_spacing=0.12,
        specs=[[{"secondary_y": True}, {"rowspan": 2}], [{"secondary_y": True}, None]],
        subplot_titles=(f"Stance index and the {labels.subject}",
                        "Does stance predict the next move?",
                        "Stance index and the forward relative return"))

    for bars in _stance_bars(table, show_legend=True):
        figure.add_trace(bars, row=1, col=1)
    figure.add_trace(go.Scatter(
        x=pd.to_datetime(levels["date"]), y=levels["close"], name=f"{labels.subject} close",
        line={"color": LEVEL, "width": 1.5},
        hovertemplate="%{x|%Y-%m-%d}<br>close %{y:,.2f}<extra></extra>"),
        row=1, col=1, secondary_y=True)
    for bars in _stance_bars(table, show_legend=False):
        figure.add_trace(bars, row=2, col=1)
    if rel_col in table.columns:
        rel = table[["period", rel_col]].dropna()
        figure.add_trace(go.Scatter(
            x=pd.to_datetime(rel["period"]), y=rel[rel_col] * 100, mode="lines+markers",
            name=f"relative return, next {horizon_words(labels.horizon)}",
            line={"color": RELATIVE, "width": 1.5},
            marker={"size": 4},
            hovertemplate="%{x|%Y-%m-%d}<br>next " + labels.horizon + ": %{y:+.2f} pp"
                          "<extra></extra>"),
            row=2, col=1, secondary_y=True)
        _add_scatter(figure, table, labels)

    figure.update_yaxes(title_text="stance index", range=[-1.05, 1.05], zeroline=True,
                        row=1, col=1, secondary_y=False)
    figure.update_yaxes(title_text=f"{labels.subject} close", showgrid=False, row=1, col=1,
                        secondary_y=True, tickmode="auto", tickformat=",.0f")
    figure.update_yaxes(title_text="stance index", range=[-1.05, 1.05], row=2, col=1,
                        secondary_y=False)
    short = f"relative, next {horizon_words(labels.horizon)} (%)"
    limit = symmetric_limit(table[rel_col] * 100) if rel_col in table.columns else 1.0
    figure.update_yaxes(title_text=short, showgrid=False, zeroline=True, row=2, col=1,
                        secondary_y=True, tickmode="auto", tickformat=".0f",
                        range=[-limit, limit])
    figure.update_xaxes(matches="x", row=2, col=1)
    figure.update_xaxes(title_text=f"{noun} (labelled by its last calendar day)", row=2, col=1)
    figure.update_xaxes(range=[-1.05, 1.05], zeroline=True, row=1, col=2)
    figure.update_yaxes(title_text=labels.relative_label, zeroline=True, row=1, col=2)

    title = f"<b>{labels.title}</b>"
    if labels.note:
        title += f"<br><span style='color:{NOTE};font-size:13px'>{html.escape(labels.note)}</span>"
    figure.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left", "y": 0.985, "yanchor": "top"},
        template="plotly_white", height=700, bargap=0.15,
        margin={"l": 60, "r": 30, "t": 120 if labels.note else 95, "b": 140},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.05, "x": 0.0,
                "xanchor": "left", "font": {"size": 11}},
        font={"family": "Inter, Segoe UI, Helvetica, Arial, sans-serif", "size": 12},
        annotations=[*figure.layout.annotations, {
            "text": _wrap(labels.footnote, 150), "xref": "paper", "yref": "paper",
            "x": 0, "y": -0.13, "xanchor": "left", "yanchor": "top", "showarrow": False,
            "align": "left", "font": {"size": 10, "color": "#555555"}}])
    return figure


def _add_scatter(figure: go.Figure, table: pd.DataFrame, labels: ChartLabels) -> None:
    points = scatter_points(table, horizon=labels.horizon)
    noun = labels.period_words[1]
    figure.add_trace(go.Scatter(
        x=points["x"], y=points["y"] * 100, mode="markers", name=f"one {noun}",
        marker={"color": np.where(points["x"] >= 0, UP, DOWN).tolist(), "opacity": 0.75,
                "size": (6 + 3 * np.sqrt(points["opinions"].to_numpy(float))).tolist(),
                "line": {"color": "white", "width": 0.5}},
        customdata=np.column_stack([pd.to_datetime(points["period"]).dt.strftime("%Y-%m-%d"),
                                    points["opinions"]]),
        hovertemplate="%{customdata[0]}: stance %{x:+.2f}, next " + labels.horizon
                      + " %{y:+.2f} pp<br>%{customdata[1]} articles<extra></extra>"),
        row=1, col=2)
    fit = fit_line(points)
    if fit is not None:
        slope, intercept, _ = fit
        xs = np.linspace(points["x"].min(), points["x"].max(), 50)
        figure.add_trace(go.Scatter(x=xs, y=(slope * xs + intercept) * 100, mode="lines",
                                    name="least-squares fit", hoverinfo="skip",
                                    line={"color": "#222222", "width": 2}), row=1, col=2)
    # the statistics go under the axis, where they cannot hide a point
    figure.update_xaxes(title_text="stance index<br><span style='font-size:12px'>"
                        + fit_summary(points, fit, labels) + "</span>", row=1, col=2)


def _wrap(text: str, width: int) -> str:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + len(word) < width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)
