"""The scripts run end to end on tiny inputs (their numbers come from full runs)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          cwd=SCRIPTS, timeout=300, check=False)


def test_evaluate_figures_on_a_tiny_gold(tmp_path: Path) -> None:
    passage = {"id": "t1", "published": "2025-07-15",
               "text": "The Russell 2000 rose 1.2% to 2,254.31 on Tuesday.",
               "figures": [
                   {"text": "1.2%", "kind": "price_change", "metric": "pct",
                    "subject": "russell_2000", "value": 1.2, "unit": "%", "approximate": False,
                    "forward_looking": False, "period": "on Tuesday",
                    "period_start": "2025-07-15", "period_end": "2025-07-15", "speaker": None},
                   {"text": "2,254.31", "kind": "index_level", "metric": "close",
                    "subject": "russell_2000", "value": 2254.31, "unit": "pts",
                    "approximate": False, "forward_looking": False, "period": "on Tuesday",
                    "period_start": "2025-07-15", "period_end": "2025-07-15", "speaker": None}]}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(passage) + "\n", encoding="utf-8")
    result = _run("evaluate_figures.py", "--gold", str(gold), "--no-floors")
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()}
    assert lines["overall"][:3] == ["1.000", "1.000", "1.000"]
    assert lines["metric"][-1] == "0.500"  # "rose … to 2,254.31" reads as a level, not a close


@pytest.mark.slow
def test_bench_ingest_smoke() -> None:
    result = _run("bench_ingest.py", "--count", "5", "--no-floors")
    assert result.returncode == 0, result.stderr
    assert "articles/s" in result.stdout and "peak RSS" in result.stdout


def test_bench_stance_smoke() -> None:
    result = _run("bench_stance.py", "--count", "3", "--no-floors")
    assert result.returncode == 0, result.stderr
    assert "articles/s" in result.stdout and "sentences/s" in result.stdout


def test_bench_query_smoke() -> None:
    result = _run("bench_query.py", "--articles", "20", "--repeat", "1", "--no-floors")
    assert result.returncode == 0, result.stderr
    assert "store: 20 articles" in result.stdout
    assert result.stdout.count("claims  ") == 4 and result.stdout.count("search  ") == 2


def test_held_out_articles_never_reach_training() -> None:
    sys.path.insert(0, str(SCRIPTS))
    try:
        from labelled_data import development_articles, heldout_article_sets, writer
    finally:
        sys.path.remove(str(SCRIPTS))
    trained = {Path(article.source).resolve() for article, _ in development_articles()}
    for folder in heldout_article_sets():
        held = {p.resolve() for p in (folder / "articles").iterdir()}
        assert held and not held & trained, folder
    writers = {writer(article) for article, _ in development_articles()}
    assert {"sample", "a", "i", "heldout1", "heldout7"} <= writers
    assert not writers & {folder.name for folder in heldout_article_sets()}


def test_evaluate_stance_counts_each_stance_over_the_held_out_sets() -> None:
    result = _run("evaluate_stance.py", "--no-floors")
    assert result.returncode == 0, result.stderr
    tail = result.stdout.split("held-out articles, every set: ")[1]
    right, total = (int(n) for n in tail.split()[0].split("/"))
    counts = [line.split() for line in tail.splitlines()[1:5]]
    assert [stance for stance, _ in counts] == ["sustainable", "skeptical", "uncertain", "none"]
    assert sum(int(c.split("/")[0]) for _, c in counts) == right
    assert sum(int(c.split("/")[1]) for _, c in counts) == total >= 40
