"""Ingest speed and memory: 2,000 generated text articles and 2,000 ~100 KB HTML pages.

Pinned to one core. Prints articles/s per format and the peak RSS, and exits 1 when
a number is past its floor in scripts/baselines.json. The NLP stages are not run.

    python scripts/bench_ingest.py [--count 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
from pathlib import Path

from synthetic import html_page, text_article

from nlp.store.db import Store
from nlp.workflow import ingest_paths, list_inputs

BASELINES = json.loads((Path(__file__).parent / "baselines.json").read_text())["bench_ingest"]


def _write(folder: Path, count: int, fmt: str) -> None:
    folder.mkdir()
    for i in range(count):
        if fmt == "txt":
            (folder / f"{i:05d}.txt").write_text(text_article(i), encoding="utf-8")
        else:
            (folder / f"{i:05d}.html").write_text(html_page(100_000 + i), encoding="utf-8")


def _measure(folder: Path, db: Path) -> float:
    with Store.open(db) as store:
        report = ingest_paths(list_inputs([folder]), store, extract=False)
    if report.failed or report.counts["loaded"] != len(list(folder.iterdir())):
        sys.exit(f"bench: expected every article loaded, got {report.summary()}")
    return report.counts["loaded"] / report.elapsed_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--no-floors", action="store_true", help="print only, never fail")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for fmt, floor in (("txt", BASELINES["text_articles_per_s"]),
                           ("html", BASELINES["html_articles_per_s"])):
            _write(root / fmt, args.count, fmt)
            size_mb = sum(p.stat().st_size for p in (root / fmt).iterdir()) / 1e6
            rate = _measure(root / fmt, root / f"{fmt}.duckdb")
            print(f"{fmt:4s}: {args.count} articles ({size_mb:.0f} MB) at {rate:.0f} articles/s "
                  f"(floor {floor})")
            if rate < floor:
                failures.append(f"{fmt} {rate:.0f} articles/s < {floor}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB (limit {BASELINES['peak_rss_mb_max']})")
    if peak_mb > BASELINES["peak_rss_mb_max"]:
        failures.append(f"peak RSS {peak_mb:.0f} MB")
    if failures and not args.no_floors:
        sys.exit("bench_ingest below floor: " + "; ".join(failures))


if __name__ == "__main__":
    main()
