"""Extraction speed: articles/s of ~800 words on one core, against quantulum3.

Runs our spaCy extraction over generated articles, then quantulum3's general quantity
parser over a sample of the same texts in the same process, and prints both rates and
their ratio. Exits 1 under the floors in scripts/baselines.json ("bench_extract").
quantulum3 is for this comparison only: ``pip install -e '.[bench]'``.

    python scripts/bench_extract.py [--count 600] [--baseline-count 20]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from pathlib import Path

from synthetic import text_article

from nlp.extract.claims import extract_claims
from nlp.extract.pipeline import make_nlp

BASELINES = json.loads((Path(__file__).parent / "baselines.json").read_text())["bench_extract"]


def _ours(texts: list[str]) -> tuple[float, int]:
    nlp = make_nlp()
    nlp("warm up the pipeline once")
    started = time.perf_counter()
    found = 0
    for i, doc in enumerate(nlp.pipe(texts, batch_size=64)):
        found += len(extract_claims(doc, article=str(i), source="bench", published=None))
    return len(texts) / (time.perf_counter() - started), found


def _quantulum(texts: list[str]) -> tuple[float, int]:
    try:
        from quantulum3 import classifier, parser
    except ImportError:
        sys.exit("bench_extract: quantulum3 is not installed; pip install -e '.[bench]'")
    # its pickled unit classifier does not load under today's scikit-learn; the rule-based
    # disambiguation it falls back to without scikit-learn is also its faster path
    classifier.USE_CLF = False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parser.parse(texts[0][:200])  # load its unit tables before timing
        started = time.perf_counter()
        found = sum(len(parser.parse(text)) for text in texts)
    return len(texts) / (time.perf_counter() - started), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=600)
    parser.add_argument("--baseline-count", type=int, default=20)
    parser.add_argument("--no-floors", action="store_true", help="print only, never fail")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = [text_article(50_000 + i) for i in range(args.count)]
    words = sum(len(t.split()) for t in texts) / len(texts)
    ours, claims = _ours(texts)
    theirs, quantities = _quantulum(texts[:args.baseline_count])
    ratio = ours / theirs
    print(f"articles: {args.count} of {words:.0f} words on average, one core")
    print(f"rallyscope extraction: {ours:.0f} articles/s ({claims / args.count:.1f} claims "
          f"per article; floor {BASELINES['articles_per_s']})")
    print(f"quantulum3:            {theirs:.2f} articles/s ({quantities / args.baseline_count:.1f} "
          f"quantities per article, over {args.baseline_count} of the same texts)")
    print(f"ratio: {ratio:.0f}x (floor {BASELINES['ratio_to_quantulum3']}x)")
    below = [f"{ours:.0f} articles/s"] if ours < BASELINES["articles_per_s"] else []
    below += [f"ratio {ratio:.0f}x"] if ratio < BASELINES["ratio_to_quantulum3"] else []
    if below and not args.no_floors:
        sys.exit("bench_extract below floor: " + "; ".join(below))


if __name__ == "__main__":
    main()
