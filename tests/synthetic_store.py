"""A small store for the chart and report tests: hand-made articles, stances and claims,
and synthetic closes (a seeded random walk), all written by us. Imported by
tests/test_charts.py and tests/test_report.py."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from nlp.store.db import Store

EVIL_TITLE = "<script>alert('title')</script> Small caps & the Fed"
EVIL_EVIDENCE = "Breadth <img src=x onerror=alert(1)> keeps improving."
ORIGIN = "tests/synthetic_store.py (illustrative random walk)"
STANCES = ("sustainable", "skeptical", "uncertain", "none")
SCORES = {"sustainable": 0.7, "skeptical": -0.6, "uncertain": 0.05, "none": 0.0}


def closes(sessions: int = 300, seed: int = 11) -> dict[str, pd.DataFrame]:
    """Daily closes of russell_2000 and sp500 on weekdays from 2024-01-02."""
    rng = np.random.default_rng(seed)
    days = pd.bdate_range("2024-01-02", periods=sessions)
    small = 2000 * np.cumprod(1 + rng.normal(0.0003, 0.012, sessions))
    large = 4800 * np.cumprod(1 + rng.normal(0.0003, 0.008, sessions))
    return {"russell_2000": pd.DataFrame({"date": days, "close": small}),
            "sp500": pd.DataFrame({"date": days, "close": large})}


def build_store(path: Path, *, origin: str = ORIGIN, prices: bool = True,
                stances: bool = True, verdicts: bool = True, articles: int = 48) -> Path:
    """Write the store at ``path`` and return it."""
    rng = np.random.default_rng(3)
    days = closes()["russell_2000"]["date"]
    with Store.open(path) as store, store.transaction() as con:
        if prices:
            for subject, frame in closes().items():
                store.add_prices(con, subject, frame, origin)
        columns = ("id, source, format, url, title, author, publisher, published, "
                   "published_has_time, text, raw, duplicate_of")
        for i in range(articles):
            article = f"art{i:03d}"
            stance = STANCES[i % 4]
            title = EVIL_TITLE if i == 5 else f"Small-cap note {i}"
            published = None if i == articles - 1 else days[10 + 5 * i] + pd.Timedelta(hours=15)
            con.execute(f"INSERT INTO articles ({columns}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", [
                article, f"inbox/{article}.txt", "txt",
                f"https://news.example/{article}" if i % 2 else None, title,
                ("Ann Lee", "Bo Chen <b>", None)[i % 3], ("Wire One", "Meridian", None)[i % 3],
                published, i % 7 != 0, f"{title}\n\nThe Russell 2000 rose.", b"raw",
                "art000" if i == 8 else None])
            if stances and i != 7:  # art007 was never classified
                evidence = [EVIL_EVIDENCE if i == 6 else f"Evidence for {article}.",
                            "Rate cuts help small caps."]
                con.execute("INSERT INTO stances VALUES (?,?,?,?,?,?,?)", [
                    article, f"inbox/{article}.txt", stance,
                    SCORES[stance] + float(rng.normal(0, 0.1)), float(rng.uniform(0.3, 0.95)),
                    evidence, float(rng.normal(0, 0.3))])
            con.execute(
                'INSERT INTO claims (id, article, source, kind, metric, subject, value, unit, '
                'approximate, forward_looking, period, sentence, start, "end") '
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [f"claim{i:03d}", article, f"inbox/{article}.txt", "price_change", "pct",
                 "russell_2000", round(float(rng.normal(1, 2)), 2), "%", i % 3 == 0, False,
                 "this week", f"The Russell 2000 rose <{i}%> this week.", 20, 24])
        if verdicts:
            con.execute("UPDATE claims SET verdict = 'verified', actual = value + 0.05 "
                        "WHERE id IN ('claim001', 'claim002')")
            con.execute("UPDATE claims SET verdict = 'contradicted', actual = value + 2 "
                        "WHERE id = 'claim003'")
    return path
