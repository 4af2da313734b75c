"""Stance + sentence sentiment speed: articles/s of ~800 words, end to end.

Runs ``predict_stances`` (sentence splitting, the static encoder, both classifiers and
the article decision) over generated articles, after one warm-up article, and prints
articles/s and sentences/s. The articles are distinct, so no cache helps. Exits 1
under the floor in scripts/baselines.json ("bench_stance").

    python scripts/bench_stance.py [--count 300] [--no-floors]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from synthetic import text_article  # noqa: E402

from nlp.classify.stance import predict_stances  # noqa: E402
from nlp.collect.article import make_article  # noqa: E402
from nlp.collect.textfile import read_text  # noqa: E402

BASELINES = json.loads((Path(__file__).parent / "baselines.json").read_text())["bench_stance"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--no-floors", action="store_true")
    args = parser.parse_args()
    texts = [text_article(seed) for seed in range(args.count + 1)]
    articles = [make_article(read_text(text), raw=text, source=f"bench/{i}.txt", fmt="txt")
                for i, text in enumerate(texts)]
    words = sum(len(a.text.split()) for a in articles[1:]) / args.count
    list(predict_stances(articles[:1]))  # load the models
    started = time.perf_counter()
    sentences = sum(len(scores) for _, scores in predict_stances(articles[1:]))
    seconds = time.perf_counter() - started
    rate = args.count / seconds
    print(f"stance + sentiment: {rate:.1f} articles/s ({sentences / seconds:.0f} sentences/s; "
          f"{args.count} articles of ~{words:.0f} words, {os.cpu_count()} cores)")
    if rate < BASELINES["articles_per_s"] and not args.no_floors:
        sys.exit(f"bench_stance below floor: {rate:.1f} < {BASELINES['articles_per_s']}")


if __name__ == "__main__":
    main()
