"""The report as one self-contained HTML page: CSS, plotly.js and our script inline.

Nothing is fetched when the page is opened (no CDN, no web font). Every piece of text that
came from an article, a claim or the store (titles, authors, outlets, URLs, evidence
sentences, origins) is escaped with ``html.escape``.
"""

from __future__ import annotations

from html import escape
from importlib import resources

import pandas as pd

from .. import __version__
from ..analyze.charts import ChartLabels, horizon_words
from .bundle import FREQ_NAMES, ReportBundle, subject_name
from .sections import (
    claimed_value,
    correlation_section,
    hits_section,
    lead_lag_section,
    section,
    stance_counts,
    verification_section,
)
from .tables import Column, filterable_table, is_missing

TOC = (("chart", "Chart"), ("correlations", "Correlations"), ("lead-lag", "Lead/lag"),
       ("hits", "Hit rates"), ("verification", "Verification"), ("articles", "Articles"),
       ("claims", "Claims"))


def _asset(name: str) -> str:
    return resources.files("nlp.report").joinpath("assets", name).read_text(encoding="utf-8")


def _day(value: object) -> str:
    return "\u2014" if is_missing(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _card(label: str, value: str, detail: str = "") -> str:
    return (f"<div class='card'><div class='label'>{escape(label)}</div>"
            f"<div class='value'>{value}</div><div class='detail'>{detail}</div></div>")


def header(bundle: ReportBundle) -> str:
    """Title band and the cards saying what is in the store."""
    articles, claims = bundle.articles, bundle.claims
    dups = int(articles["duplicate_of"].notna().sum())
    rated = articles[articles["stance"].notna()]
    published = articles["published"].dropna()
    first, last = (published.min(), published.max()) if len(published) else (None, None)
    checked = int(claims["verdict"].notna().sum()) if "verdict" in claims.columns else 0
    prices = bundle.prices[bundle.prices["subject"] == bundle.subject]
    span = (f"{_day(prices['first'].iloc[0])} \u2013 {_day(prices['last'].iloc[0])}"
            if len(prices) else "\u2014")
    rows = f"{int(prices['rows'].iloc[0]):,} closes" if len(prices) else ""
    origins = "; ".join(bundle.origins) or "unknown"
    subject, benchmark = subject_name(bundle.subject), subject_name(bundle.benchmark)
    cards = [
        _card("Articles", f"{len(articles):,}",
              f"{len(articles) - dups:,} unique, {dups:,} near-duplicates"),
        _card("With a stance", f"{len(rated):,}", stance_counts(rated)),
        _card("Claims", f"{len(claims):,}", f"{checked:,} checked against closes"),
        _card("Published", f"{_day(first)[:7]} \u2013 {_day(last)[:7]}" if first is not None
              else "\u2014", f"{_day(first)} to {_day(last)}; "
              f"{int(articles['published'].isna().sum())} undated"),
        _card(f"{subject} closes", span, rows),
        _card("Price origin", "illustrative" if bundle.illustrative else "as loaded",
              escape(origins)),
    ]
    banner = (f"<div class='banner'>{escape(bundle.price_note)}. Returns, hit rates and "
              "verdicts below show how the method works, not how the market "
              "behaved.</div>" if bundle.price_note else "")
    freq = FREQ_NAMES.get(bundle.freq, bundle.freq)
    return (
        "<header class='top'><div class='wrap'>"
        f"<h1>Small-cap rally commentary vs the {escape(subject)}</h1>"
        f"<p class='sub'>{escape(freq)} stance index against {escape(subject)} and "
        f"{escape(subject)} minus {escape(benchmark)} returns \u00b7 store "
        f"{escape(bundle.database or 'in memory')} \u00b7 generated "
        f"{bundle.created:%Y-%m-%d %H:%M} UTC by rallyscope {escape(__version__)}</p>"
        "</div></header><nav class='toc'><div class='wrap'>"
        + "".join(f"<a href='#{a}'>{escape(t)}</a>" for a, t in TOC)
        + f"</div></nav><div class='wrap'><div class='cards'>{''.join(cards)}</div>{banner}")


def chart_section(bundle: ReportBundle, labels: ChartLabels) -> str:
    from ..analyze.interactive import make_interactive_figure

    figure = make_interactive_figure(bundle.table, bundle.levels, labels)
    div = figure.to_html(full_html=False, include_plotlyjs=False, div_id="stance-chart",
                         config={"displaylogo": False, "responsive": True})
    explain = (
        "Top: the stance index per period (bars; green when the period's commentary says the "
        f"rally lasts, orange when it says it fades) against the {escape(labels.subject)} "
        "close. Bottom: the same bars against the forward relative return, "
        f"{escape(labels.subject)} minus {escape(labels.benchmark)} over the next "
        f"{escape(horizon_words(labels.horizon))}, drawn at the period it starts from. "
        "Right: one dot per period, stance index against that return, with the "
        "least-squares line; n is the number of periods with both. Hover for values, drag "
        "to zoom, double-click to reset.")
    glossary = (
        "<dl class='glossary'><dt>stance index</dt><dd>confidence-weighted mean of the "
        "stance scores (\u22121 fades \u2026 +1 lasts) of the period's articles that take a "
        "view; near-duplicates count once</dd><dt>net sustainable</dt><dd>share of "
        "sustainable minus share of skeptical articles among those with a view</dd>"
        "<dt>relative return</dt><dd>difference of the two simple returns over the same "
        "sessions</dd></dl>")
    return section("chart", "Stance against the index", explain,
                   f"<div class='chart'>{div}</div>{glossary}")


def _title_html(row: dict[str, object]) -> str:
    title = row.get("title")
    text = escape(str(title if not is_missing(title) and title else row.get("source", "")))
    url = row.get("url")
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        text = f"<a href='{escape(url, quote=True)}' rel='noopener noreferrer'>{text}</a>"
    if not is_missing(row.get("duplicate_of")):
        text += (" <span class='detail'>(near-duplicate of "
                 f"{escape(str(row['duplicate_of']))})</span>")
    return text


def _calls(row: dict[str, object]) -> str | None:
    words = ["\u2014" if is_missing(v := row.get(f"hit_{label}")) else
             ("hit" if bool(v) else "miss") for label in ("4w", "12w")]
    return None if words == ["\u2014", "\u2014"] else " / ".join(words)


def articles_section(bundle: ReportBundle) -> str:
    frame = bundle.articles.copy()
    records = frame.to_dict("records")
    frame["title_html"] = [_title_html(r) for r in records]
    frame["title_key"] = frame["title"].fillna(frame["source"])
    frame["row"] = ["duplicate" if not is_missing(d) else "" for d in frame["duplicate_of"]]
    frame["calls"] = [_calls(r) for r in frame.to_dict("records")]
    columns = [
        Column("published", "published", "date"),
        Column("session", "session", "date", "the first session whose close came after the "
               "article: its returns are measured from that close"),
        Column("publisher", "outlet"), Column("author", "author"),
        Column("title_html", "title", "html", sort_key="title_key", css="title"),
        Column("stance", "stance", "stance"),
        Column("score", "score", "signed", "-1 the rally fades \u2026 +1 it lasts"),
        Column("confidence", "confidence", "num", "0 \u2026 1"),
        Column("sentiment", "sentiment", "signed", "mean sentence sentiment, -1 \u2026 1"),
        Column("evidence", "evidence (strongest first)", "list", css="wide"),
        Column("calls", "right? 4w / 12w", tip="was the call right over the next 4 and "
               "12 weeks? (hit, miss, or \u2014 when not scored)", css="nowrap"),
    ]
    explain = (
        "Every stored article with its stance on whether the rally lasts, the score "
        "(\u22121 \u2026 +1) and the model's confidence (0 \u2026 1), the mean sentiment of "
        "its sentences, and the sentences that carried the decision, strongest first. "
        "<em>right?</em> says whether a sustainable or skeptical call was right over the "
        "next 4 and 12 weeks (see hit rates); <em>session</em> is the first session whose "
        "close came after the article. Near-duplicates are greyed out. Click a header to "
        "sort; type to filter (all words must match).")
    body = filterable_table(frame, columns, table_id="articles-table",
                            placeholder="Filter articles: outlet, author, words\u2026",
                            row_class="row", empty="No articles stored.")
    return section("articles", "Articles and their stance", explain, body)


def _kind_html(row: dict[str, object]) -> str:
    kind, metric = row.get("kind"), row.get("metric")
    text = escape(str(kind)) if not is_missing(kind) else "\u2014"
    if not is_missing(metric) and metric:
        text += f"<br><span class='detail'>{escape(str(metric))}</span>"
    return text


def _flags(row: dict[str, object]) -> str | None:
    flags = [name for name, key in (("approx.", "approximate"), ("forecast", "forward_looking"))
             if not is_missing(row.get(key)) and bool(row.get(key))]
    return ", ".join(flags) or None


def claims_section(bundle: ReportBundle) -> str:
    frame = bundle.claims.copy()
    records = frame.to_dict("records")
    frame["claimed"] = [claimed_value(r) for r in records]
    frame["kind_html"] = [_kind_html(r) for r in records]
    frame["flags"] = [_flags(r) for r in records]
    columns = [
        Column("published", "published", "date"), Column("publisher", "outlet"),
        Column("title", "article", css="title"),
        Column("kind_html", "kind", "html", sort_key="kind"), Column("subject", "subject"),
        Column("claimed", "figure", sort_key="value", css="nowrap"),
        Column("flags", "flags", tip="approx.: the text hedged the figure (about, nearly, "
               "~); forecast: forward-looking, not a reported fact"),
        Column("period", "period"), Column("speaker", "speaker"),
        Column("verdict", "verdict"), Column("sentence", "sentence", css="wide"),
    ]
    explain = (
        "Every figure extracted from the articles as a claim record: its kind (index level, "
        "price change, P/E ratio, rate expectation, earnings growth, return forecast), the "
        "canonical subject, the normalised figure, flags for approximate figures and "
        "forecasts, the period and the speaker it is attributed to, and the verdict when it "
        "was checked against the closes. Click a header to sort; type to filter.")
    body = filterable_table(frame, columns, table_id="claims-table",
                            placeholder="Filter claims: kind, subject, speaker, words\u2026",
                            empty="No claims stored.")
    return section("claims", "Claims", explain, body)


def render_report(bundle: ReportBundle, labels: ChartLabels | None = None) -> str:
    """The whole report as one HTML document (a few MB: plotly.js is inline)."""
    import plotly.offline

    labels = labels or ChartLabels()
    subject = subject_name(bundle.subject)
    body = "".join([
        header(bundle), chart_section(bundle, labels), correlation_section(bundle),
        lead_lag_section(bundle), hits_section(bundle), verification_section(bundle),
        articles_section(bundle), claims_section(bundle),
        "<footer>rallyscope report. Methods: stance and sentiment models, returns and "
        "statistics are described in the project README; returns are simple, measured "
        "from session closes after each article was published.</footer></div>",
    ])
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>rallyscope report: {escape(subject)}</title>"
        f"<style>{_asset('report.css')}</style>"
        f"<script>{plotly.offline.get_plotlyjs()}</script></head>"
        f"<body>{body}<script>{_asset('report.js')}</script></body></html>")
