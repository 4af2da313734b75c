"""Was the commentary right? Each article's stance against what small caps did next.

An article is a **hit** at a horizon when a ``sustainable`` stance is followed by small
caps outperforming large caps (``russell_2000`` minus ``sp500`` forward return > 0) or a
``skeptical`` stance by underperformance (< 0), over the next 4 and 12 weeks (20 and 60
sessions) from the close of the article's session (``calendar.session_of``): no
look-ahead. ``uncertain`` and ``none`` articles are not scored, nor are articles whose
window runs past the closes; a relative return of exactly 0 is a miss for both stances.
Returns are simple and the relative return is their difference (see ``returns``).
Near-duplicates (``duplicate_of`` set) are dropped, so a syndicated story is scored once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from .frames import as_dates, require_columns
from .indices import unique_articles
from .returns import LARGE_CAPS, SMALL_CAPS, forward_returns, relative_returns

HIT_HORIZONS: dict[str, int] = {"4w": 20, "12w": 60}  # label -> sessions
UNKNOWN = "(unknown)"


def score_hits(
    articles: pd.DataFrame,
    closes: pd.DataFrame,
    *,
    horizons: Mapping[str, int] = HIT_HORIZONS,
    small: str = SMALL_CAPS,
    large: str = LARGE_CAPS,
    date_col: str = "session",
) -> pd.DataFrame:
    """``articles`` (``article, stance`` and ``date_col``) plus, per horizon label,
    ``rel_fwd_<label>`` (small minus large forward return) and ``hit_<label>`` (nullable
    boolean: NA when not scored)."""
    require_columns(articles, ["article", "stance", date_col], caller="score_hits")
    require_columns(closes, ["subject", "date", "close"], caller="score_hits")
    frame = unique_articles(articles).reset_index(drop=True)
    pair = closes[closes["subject"].isin([small, large])]
    ahead = relative_returns(forward_returns(pair, horizons=horizons), small=small,
                             large=large, on="date")
    ahead.columns = ["_session", *(f"rel_{c}" for c in ahead.columns[1:])]
    frame = frame.assign(_session=as_dates(frame[date_col]))
    frame = frame.merge(ahead, on="_session", how="left").drop(columns="_session")
    bullish = frame["stance"] == "sustainable"
    bearish = frame["stance"] == "skeptical"
    for label in horizons:
        rel = frame[f"rel_fwd_{label}"]
        hit = pd.Series(pd.NA, index=frame.index, dtype="boolean")
        scored = (bullish | bearish) & rel.notna()
        hit[scored] = ((bullish & (rel > 0)) | (bearish & (rel < 0)))[scored]
        frame[f"hit_{label}"] = hit
    return frame


def hit_rates(hits: pd.DataFrame, *, by: str = "publisher",
              horizons: Sequence[str] = tuple(HIT_HORIZONS)) -> pd.DataFrame:
    """Hit rate per ``by`` value (``publisher``, ``author`` …) and horizon.

    Columns: ``<by>, horizon, hits, scored, rate`` (``rate = hits / scored``, NaN when
    nothing was scored); a missing ``by`` value is grouped as ``(unknown)``. Sorted by
    horizon, then most scored first.
    """
    require_columns(hits, [by, *(f"hit_{h}" for h in horizons)], caller="hit_rates")
    keys = hits[by].astype(object).where(hits[by].notna(), UNKNOWN)
    parts = []
    for label in horizons:
        hit = hits[f"hit_{label}"].astype("boolean")
        grouped = pd.DataFrame({by: keys, "_hit": hit.fillna(False).astype(int),
                                "_scored": hit.notna().astype(int)}).groupby(by, sort=True)
        part = grouped.agg(hits=("_hit", "sum"), scored=("_scored", "sum")).reset_index()
        part.insert(1, "horizon", label)
        parts.append(part)
    columns = [by, "horizon", "hits", "scored", "rate"]
    if not parts:
        return pd.DataFrame(columns=columns)
    table = pd.concat(parts, ignore_index=True)
    table["rate"] = table["hits"] / table["scored"].where(table["scored"] > 0)
    table["_order"] = table["horizon"].map({label: i for i, label in enumerate(horizons)})
    table = table.sort_values(["_order", "scored", by], ascending=[True, False, True],
                              kind="stable")
    return table[columns].reset_index(drop=True)
