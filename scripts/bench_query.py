"""Query latency on a big store: filtered claims and semantic search.

Builds (or reuses, with --db) a store of generated articles of ~250 words, about ten
claims each, through the real ingest (extraction and sentence vectors), then times
typical `claims` filters and `search` queries, each run once cold and then --repeat
times, and prints the median and worst. Exits 1 over the limits in
scripts/baselines.json ("bench_query").

    python scripts/bench_query.py [--articles 20000] [--db FILE] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from synthetic import text_article

from nlp.search import search
from nlp.store.db import Store
from nlp.store.queries import ClaimFilter, select_claims
from nlp.workflow import ingest_paths, list_inputs

LIMITS = json.loads((Path(__file__).parent / "baselines.json").read_text())["bench_query"]
FILTERS = {
    "forward P/E of the Russell 2000 since July": ClaimFilter(
        kind=["pe_ratio"], metric=["forward"], subject=["russell_2000"], since=date(2025, 7, 1)),
    "more than two cuts expected": ClaimFilter(kind=["rate_expectation"],
                                               metric=["cut_count"], min_value=3),
    "sentences mentioning the Fed": ClaimFilter(text="fed"),
    "reported moves in some files": ClaimFilter(source="/0001", kind=["price_change"],
                                               forward=False),
}
SEARCHES = {
    "small caps benefit from lower rates": None,
    "forward earnings multiple of small caps": ClaimFilter(kind=["pe_ratio"]),
}


def build(path: Path, count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(count):
            (Path(folder) / f"{seed:05d}.txt").write_text(text_article(seed, words=250),
                                                         encoding="utf-8")
        started = time.perf_counter()
        with Store.open(path) as store:
            report = ingest_paths(list_inputs([folder]), store, chunk_size=500)
        print(f"built {path}: {report.summary()} in {time.perf_counter() - started:.0f} s")


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float, float, int]:
    """Cold time, median and worst of ``repeat`` warm runs (s), and the rows returned."""
    started = time.perf_counter()
    rows = len(run())  # type: ignore[arg-type]
    cold = time.perf_counter() - started
    warm = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        warm.append(time.perf_counter() - started)
    return cold, statistics.median(warm), max(warm), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--db", type=Path, default=None, help="Reuse or keep this store.")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-floors", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = args.db or Path(scratch) / "bench.duckdb"
        if not path.exists():
            build(path, args.articles)
        with Store.open(path, read_only=True) as store:
            sizes = {t: store.count(t) for t in ("articles", "claims", "vectors")}
            print("store: " + ", ".join(f"{n:,} {t}" for t, n in sizes.items()))
            worst = {"claims": 0.0, "search": 0.0}
            for name, where in FILTERS.items():
                cold, median, high, rows = timed(
                    lambda w=where: select_claims(store, w), args.repeat)  # type: ignore[misc]
                worst["claims"] = max(worst["claims"], cold, high)
                print(f"claims  {name:45s} {rows:6d} rows  cold {cold:.3f} s  "
                      f"median {median:.3f} s  worst {high:.3f} s")
            search(store, "warm up the encoder", k=1)  # loads the encoder once per process
            for query, where in SEARCHES.items():
                cold, median, high, rows = timed(
                    lambda q=query, w=where: search(store, q, k=10, where=w),  # type: ignore[misc]
                    args.repeat)
                worst["search"] = max(worst["search"], cold, high)
                print(f"search  {query:45s} {rows:6d} rows  cold {cold:.3f} s  "
                      f"median {median:.3f} s  worst {high:.3f} s")
    over = [f"{kind} {seconds:.3f} s > {LIMITS[f'{kind}_s']} s" for kind, seconds in worst.items()
            if seconds > LIMITS[f"{kind}_s"]]
    if over and not args.no_floors:
        sys.exit("bench_query over the limit: " + "; ".join(over))


if __name__ == "__main__":
    main()
