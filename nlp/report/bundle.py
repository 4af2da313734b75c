"""``ReportBundle``: everything the chart and the report show, as DataFrames.

``nlp.reporting.load_bundle`` fills it from the store; tests can build one by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd

SUBJECT_NAMES = {
    "russell_2000": "Russell 2000", "russell_1000": "Russell 1000",
    "russell_3000": "Russell 3000", "russell_midcap": "Russell Midcap", "sp500": "S&P 500",
    "sp600": "S&P SmallCap 600", "sp400": "S&P MidCap 400",
    "nasdaq_composite": "Nasdaq Composite", "nasdaq_100": "Nasdaq-100",
    "dow_jones": "Dow Jones Industrial Average",
}
FREQ_NAMES = {"D": "daily", "W": "weekly", "M": "monthly"}


def subject_name(subject: str) -> str:
    """Display name of a canonical subject (``russell_2000`` -> ``Russell 2000``)."""
    return SUBJECT_NAMES.get(subject, subject)


@dataclass(frozen=True)
class ReportBundle:
    """The analysed store, ready to draw.

    * ``articles``: one row per article: ``article, title, url, source, author, publisher,
      published, duplicate_of, session, stance, score, confidence, sentiment, evidence``
      (a list), ``sentences``, ``hit_4w``, ``hit_12w``;
    * ``claims``: the claims table joined with its article's ``title``, ``publisher``,
      ``published`` (``verdict``, ``actual``, ``verdict_note`` when the store has them);
    * ``levels``: the subject's closes (``date, close``);
    * ``table``: ``indices.index_with_returns``; ``correlations``:
      ``stats.correlation_table``; ``lead_lag``: ``stats.lead_lag`` of the stance index
      against the same-period relative return;
    * ``outlet_hits`` / ``author_hits``: ``hits.hit_rates`` by publisher and by author;
    * ``prices``: ``Store.price_summary`` (subject, first, last, rows, origin).
    """

    subject: str
    benchmark: str
    freq: str
    horizon: str
    articles: pd.DataFrame
    claims: pd.DataFrame
    levels: pd.DataFrame
    table: pd.DataFrame
    correlations: pd.DataFrame
    lead_lag: pd.DataFrame
    outlet_hits: pd.DataFrame
    author_hits: pd.DataFrame
    prices: pd.DataFrame
    database: str = ""
    created: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def origins(self) -> list[str]:
        """Distinct origins of the subject's and the benchmark's closes."""
        if self.prices.empty or "origin" not in self.prices.columns:
            return []
        rows = self.prices[self.prices["subject"].isin([self.subject, self.benchmark])]
        found: list[str] = []
        for value in rows["origin"].dropna():
            found.extend(part.strip() for part in str(value).split(";") if part.strip())
        return list(dict.fromkeys(found))

    @property
    def illustrative(self) -> bool:
        """True when any close used comes from an origin marked ``illustrative``."""
        return any("illustrative" in origin.lower() for origin in self.origins)

    @property
    def price_note(self) -> str | None:
        """The warning charts and the report carry when the prices are not market data."""
        if not self.illustrative:
            return None
        return ("Illustrative prices, not market data (origin: "
                + "; ".join(self.origins) + ")")
