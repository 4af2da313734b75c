"""Illustrative daily closes for the demo: deterministic, plausible, and not market data.

    python scripts/illustrative_prices.py

Writes corpus/sample/prices/russell_2000_illustrative.csv and sp500_illustrative.csv
(date,close) for every NYSE trading day from 2024-12-02 to 2026-03-31: a random walk
with a fixed seed in which small caps move about 1.2 times the large caps plus noise of
their own. The word "illustrative" in the file names travels into the store's
``origin`` column, and the charts and the report flag such prices as illustrative.
Real closes belong in ``rallyscope prices load`` / ``prices fetch``.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np

from nlp.analyze.sessions import is_trading_day

OUT = Path(__file__).resolve().parent.parent / "corpus" / "sample" / "prices"
FIRST, LAST = date(2024, 12, 2), date(2026, 3, 31)
SEED = 2025
START = {"sp500": 6000.0, "russell_2000": 2400.0}


def trading_days(first: date, last: date) -> list[date]:
    days = (first + timedelta(days=i) for i in range((last - first).days + 1))
    return [day for day in days if is_trading_day(day)]


def closes(days: int, seed: int = SEED) -> dict[str, np.ndarray]:
    """Daily closes of both indices: large caps drift up with 0.9% daily volatility;
    small caps take 1.2 times that move plus 0.8% of their own."""
    rng = np.random.default_rng(seed)
    large = rng.normal(0.0004, 0.009, days)
    small = 1.2 * large + rng.normal(-0.0001, 0.008, days)
    return {"sp500": START["sp500"] * np.cumprod(1 + large),
            "russell_2000": START["russell_2000"] * np.cumprod(1 + small)}


def main() -> None:
    days = trading_days(FIRST, LAST)
    OUT.mkdir(parents=True, exist_ok=True)
    for subject, series in closes(len(days)).items():
        path = OUT / f"{subject}_illustrative.csv"
        lines = ["date,close", *(f"{d.isoformat()},{c:.2f}" for d, c in zip(days, series,
                                                                          strict=True))]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{path.relative_to(OUT.parent.parent.parent)}: {len(days)} closes, "
              f"{series[0]:.2f} to {series[-1]:.2f}")


if __name__ == "__main__":
    main()
