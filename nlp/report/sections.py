"""The report's numeric sections: correlations, lead/lag, hit rates, verification.

Each function takes a ``ReportBundle`` and returns an HTML fragment with a short
explanation of what its numbers mean; all text is escaped (see ``tables``).
"""

from __future__ import annotations

from html import escape

import pandas as pd

from ..analyze.charts import horizon_words
from .bundle import ReportBundle, subject_name
from .tables import Column, filterable_table, html_table, is_missing

INDEX_NAMES = {"stance_index": "stance index", "net_sustainable": "net sustainable share",
               "sentiment_index": "sentiment index"}
_UNIT_SUFFIX = {"%": "%", "x": "\u00d7", "bp": " bp", "pts": " pts"}
VERDICTS = ("verified", "contradicted", "unverifiable")


def section(anchor: str, title: str, explain: str, body: str) -> str:
    """A report section; ``explain`` is trusted HTML written by us, ``title`` is escaped."""
    return (f"<section id='{escape(anchor, quote=True)}'><h2>{escape(title)}</h2>"
            f"<p class='explain'>{explain}</p>{body}</section>")


def return_name(bundle: ReportBundle, column: str) -> str:
    """``rel_fwd_4w`` -> ``Russell 2000 - S&P 500, next 4 weeks`` (plain text)."""
    small, large = subject_name(bundle.subject), subject_name(bundle.benchmark)
    label = column.rsplit("_", 1)[-1]
    if column.startswith("rel_fwd_"):
        return f"{small} \u2212 {large}, next {horizon_words(label)}"
    if column.startswith("fwd_"):
        return f"{small}, next {horizon_words(label)}"
    return column


def _interval(low: object, high: object) -> str | None:
    if is_missing(low) or is_missing(high):
        return None
    return f"[{float(low):+.2f}, {float(high):+.2f}]"  # type: ignore[arg-type]


def correlation_section(bundle: ReportBundle) -> str:
    table = bundle.correlations.copy()
    if not table.empty:
        table["x_name"] = table["x"].map(lambda c: INDEX_NAMES.get(c, c))
        table["y_name"] = table["y"].map(lambda c: return_name(bundle, c))
        table["pearson_ci"] = [_interval(a, b) for a, b in
                               zip(table["pearson_ci_low"], table["pearson_ci_high"],
                                   strict=True)]
        table["slope_pp"] = table["slope"] * 100
        table["spearman_ci"] = [_interval(a, b) for a, b in
                                zip(table["spearman_ci_low"], table["spearman_ci_high"],
                                    strict=True)]
    columns = [
        Column("x_name", "index"), Column("y_name", "forward return"),
        Column("n", "n", "int", "periods with both values"),
        Column("horizon", "overlap", "int", "periods each forward window spans"),
        Column("pearson", "Pearson r", "signed"),
        Column("pearson_ci", "95% CI", tip="moving-block bootstrap, percentile"),
        Column("spearman", "Spearman \u03c1", "signed"),
        Column("spearman_ci", "95% CI", tip="moving-block bootstrap, percentile"),
        Column("slope_pp", "slope", "signed", "OLS slope: percentage points of return per "
               "unit of index"),
        Column("hac_p", "HAC p", "p", "Newey-West p-value of the slope (allows for overlap)"),
        Column("pearson_p_iid", "iid p", "p", "textbook p-value; overstates significance"),
    ]
    explain = (
        "Does the commentary's mood tell us anything about what small caps did next? Each "
        "row correlates one index (per period) with one forward return measured from the "
        "close of the period's last session, so every article preceded the return. "
        "Forward windows overlap (4-week returns sampled weekly share 3 weeks), which makes "
        "neighbouring observations dependent: the textbook <em>iid p</em> overstates "
        "significance. The confidence intervals come from a moving-block bootstrap and the "
        "<em>HAC p</em> from a Newey\u2013West standard error of the slope, both allowing "
        "for the overlap. Treat a correlation as evidence only when its interval excludes "
        "zero and HAC p is small; with n under about 30 periods, expect neither.")
    return section("correlations", "Stance vs forward returns", explain,
                   html_table(table, columns, table_id="correlation-table",
                              empty="Too few periods with both an index and a return."))


def lead_lag_section(bundle: ReportBundle) -> str:
    table = bundle.lead_lag.copy()
    best = ""
    if not table.empty and table["pearson"].notna().any():
        at = table["pearson"].abs().idxmax()
        table["row"] = ["best" if i == at else "" for i in table.index]
        row = table.loc[at]
        best = (f"<div class='kpis'><span class='kpi'>strongest: lag {int(row['lag']):+d}, "
                f"Pearson {row['pearson']:+.2f} (n = {int(row['n'])})</span></div>")
    noun = {"D": "session", "W": "week", "M": "month"}.get(bundle.freq, "period")
    columns = [Column("lag", f"lag k ({noun}s)", "int"), Column("n", "n", "int"),
               Column("pearson", "Pearson r", "signed"),
               Column("spearman", "Spearman \u03c1", "signed")]
    small, large = subject_name(bundle.subject), subject_name(bundle.benchmark)
    explain = (
        f"Correlation of the stance index in {noun} <em>t</em> with the relative return "
        f"({escape(small)} minus {escape(large)}) over {noun} <em>t + k</em>. Positive k: "
        "commentary leads the market (it would have helped to read it); negative k: "
        "commentary follows what already happened (it chases the move). These returns do "
        "not overlap, but among many lags one will look strong by chance, so look for a "
        "pattern across neighbouring lags rather than a single peak.")
    body = best + html_table(table, columns, table_id="lead-lag-table", row_class="row",
                             empty="Too few periods for a lead/lag table.", compact=True)
    return section("lead-lag", "Lead and lag", explain, body)


def _pivot_hits(rates: pd.DataFrame, by: str) -> pd.DataFrame:
    if rates.empty:
        return pd.DataFrame(columns=[by])
    wide = rates.pivot_table(index=by, columns="horizon", values=["hits", "scored", "rate"],
                             aggfunc="first", sort=False)
    wide.columns = [f"{value}_{horizon}" for value, horizon in wide.columns]
    wide = wide.reset_index()
    order = [c for c in ("scored_4w", "scored_12w") if c in wide.columns]
    return wide.sort_values(order, ascending=False, kind="stable") if order else wide


def _hit_table(rates: pd.DataFrame, by: str, header: str, table_id: str) -> str:
    wide = _pivot_hits(rates, by)
    columns = [Column(by, header)]
    for label in ("4w", "12w"):
        words = horizon_words(label)
        columns += [Column(f"scored_{label}", f"calls scored, {words}", "int"),
                    Column(f"hits_{label}", f"hits, {words}", "int"),
                    Column(f"rate_{label}", f"hit rate, {words}", "share")]
    return html_table(wide, columns, table_id=table_id, sortable=True, compact=True,
                      empty="No sustainable or skeptical call could be scored yet.")


def hits_section(bundle: ReportBundle) -> str:
    small, large = subject_name(bundle.subject), subject_name(bundle.benchmark)
    overall = []
    for label in ("4w", "12w"):
        rows = bundle.outlet_hits[bundle.outlet_hits["horizon"] == label] \
            if not bundle.outlet_hits.empty else bundle.outlet_hits
        scored, hits = int(rows["scored"].sum()), int(rows["hits"].sum())
        rate = f"{hits / scored:.0%}" if scored else "\u2014"
        overall.append(f"<span class='kpi'>all outlets, {horizon_words(label)}: "
                       f"{hits} of {scored} calls right ({rate})</span>")
    explain = (
        f"Was each article's call right? A <em>sustainable</em> call is a hit when the "
        f"{escape(small)} beats the {escape(large)} over the next 4 (or 12) weeks from the "
        "close of the article's session; a <em>skeptical</em> call is a hit when it lags. "
        "Uncertain and no-view articles are not scored, nor are calls whose window runs past "
        "the last close; a syndicated copy counts once. A coin would score about 50%; with "
        "a handful of calls per outlet a rate says little.")
    body = (f"<div class='kpis'>{''.join(overall)}</div><h3>By outlet</h3>"
            + _hit_table(bundle.outlet_hits, "publisher", "outlet", "outlet-hits")
            + "<h3>By author</h3>"
            + _hit_table(bundle.author_hits, "author", "author", "author-hits"))
    return section("hits", "Hit rates", explain, body)


def figure_text(value: object, unit: object) -> str:
    """A number with its unit: ``3.8%``, ``2,240.7 pts``, ``28\u00d7``, ``25 bp``."""
    if is_missing(value):
        return "\u2014"
    suffix = "" if is_missing(unit) or unit == "count" else _UNIT_SUFFIX.get(str(unit),
                                                                            f" {unit}")
    number = f"{float(value):,.2f}".rstrip("0").rstrip(".")  # type: ignore[arg-type]
    return ("0" if number in ("", "-0") else number) + suffix


def claimed_value(row: dict[str, object]) -> str:
    """A claim's figure as text, a range as ``3.75\u20134%``."""
    low, high, unit = row.get("low"), row.get("high"), row.get("unit")
    if not is_missing(low) and not is_missing(high):
        return (figure_text(low, None) + "\u2013" + figure_text(high, unit))
    return figure_text(row.get("value"), unit)


def verification_section(bundle: ReportBundle) -> str:
    claims = bundle.claims
    explain = (
        "Reported figures (index levels and moves over a stated period) checked against the "
        "stored closes: <em>verified</em> when the closes give the same figure within "
        "rounding, <em>contradicted</em> when they do not, <em>unverifiable</em> when the "
        "closes or the period do not allow a check. <em>actual</em> is what the closes give "
        "for the same subject and period.")
    if "verdict" not in claims.columns or claims["verdict"].isna().all():
        body = ("<p class='empty'>No claim has been checked against the closes yet; run "
                "<code>rallyscope verify</code> and build the report again.</p>")
        return section("verification", "Verification of reported figures", explain, body)
    checked = claims[claims["verdict"].notna()].copy()
    counts = checked["verdict"].value_counts()
    kpis = "".join(f"<span class='kpi'>{escape(str(v))}: {int(counts.get(v, 0)):,}</span>"
                   for v in [*VERDICTS, *(v for v in counts.index if v not in VERDICTS)])
    checked["claimed"] = [claimed_value(r) for r in checked.to_dict("records")]
    checked["actual_text"] = [figure_text(a, u) for a, u in
                              zip(checked["actual"], checked["unit"], strict=True)]
    checked["verdict_badge"] = [
        f"<span class='badge verdict-{escape(str(v), quote=True)}'>{escape(str(v))}</span>"
        for v in checked["verdict"]]
    columns = [Column("verdict_badge", "verdict", "html", sort_key="verdict"),
               Column("kind", "kind"), Column("subject", "subject"),
               Column("period", "period"),
               Column("claimed", "claimed", sort_key="value", css="nowrap"),
               Column("actual_text", "actual", tip="the figure the closes give",
                      sort_key="actual", css="nowrap"),
               Column("verdict_note", "note"), Column("sentence", "sentence", css="wide"),
               Column("title", "article"), Column("published", "published", "date")]
    body = (f"<div class='kpis'>{kpis}</div>"
            + filterable_table(checked, columns, table_id="verification-table",
                               placeholder="Filter checked claims\u2026"))
    return section("verification", "Verification of reported figures", explain, body)


def stance_counts(articles: pd.DataFrame) -> str:
    """``12 sustainable · 9 skeptical · …`` over articles with a stance (escaped)."""
    counts = articles["stance"].value_counts()
    return " \u00b7 ".join(f"{int(n)} {escape(str(s))}" for s, n in counts.items())

