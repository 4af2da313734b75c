"""The trained article stance model in models/stance (scripts/train_stance.py)."""

import json
from pathlib import Path

import pytest

from nlp.classify.article_features import NAMES
from nlp.classify.persist import MODELS_DIR
from nlp.classify.stance import STANCES, load_stance, predict_stances
from nlp.collect.article import make_article
from nlp.collect.textfile import read_text
from nlp.errors import ModelError

BULLISH = """Small caps: the catch-up trade has years to run

The Russell 2000 rose 4.1% in the past month, its best run since December.
Bears point to the index's heavy debt load and say the move will stall.
We disagree. Earnings for smaller companies are set to grow 18% next year, and falling
short-term rates cut their interest bills faster than anyone else's.
Valuations remain near their cheapest relative to large caps in two decades.
Bottom line: we expect small caps to keep outperforming well into next year, and we are
adding to our position.
"""

SKEPTICAL = """Don't expect the small-cap rally to last

The Russell 2000 jumped 6% in two weeks as traders bet on faster Fed cuts.
Investors see the potential for more gains as rates fall.
But a third of the index's members lose money, and earnings estimates keep falling.
Rallies like this one have faded quickly every time since 2021.
We think the bounce will fizzle by the autumn; use the strength to trim small caps.
"""

WIRE = """Fed holds rates steady, signals patience

The Federal Reserve left its benchmark rate at 4.25%-4.50% on Wednesday.
Policymakers said they would watch incoming data on inflation and jobs.
The statement was approved by 11 votes to 1.
Chair Jerome Powell will hold a press conference at 2:30 p.m.
"""


def _stances(*texts: str) -> list[tuple[str, float, float, tuple[str, ...]]]:
    articles = [make_article(read_text(t), raw=t, source=f"a{i}.txt", fmt="txt")
                for i, t in enumerate(texts)]
    return [(s.stance, s.score, s.confidence, s.evidence)
            for s, _ in predict_stances(articles)]


@pytest.mark.slow
def test_clear_articles_get_their_stance_and_evidence() -> None:
    (bull, b_score, _, b_evidence), (bear, s_score, _, s_evidence), (wire, _, _, w_evidence) = \
        _stances(BULLISH, SKEPTICAL, WIRE)
    assert (bull, bear, wire) == ("sustainable", "skeptical", "none")
    assert b_score > 0.3 and s_score < -0.3
    assert any("keep outperforming" in e for e in b_evidence)
    assert not any("Investors see" in e for e in s_evidence)
    assert w_evidence == ()


@pytest.mark.slow
def test_confidence_is_the_winners_probability_and_runs_repeat() -> None:
    first = _stances(BULLISH, SKEPTICAL, WIRE)
    assert first == _stances(WIRE, SKEPTICAL, BULLISH)[::-1]  # batch order changes nothing
    for _, score, confidence, _ in first:
        assert 0.25 <= confidence <= 1 and -1 <= score <= 1


def test_card_matches_the_code() -> None:
    card = json.loads((MODELS_DIR / "stance" / "meta.json").read_text())
    assert card["feature_names"] == list(NAMES)  # the model reads what the code computes
    assert sorted(load_stance().classes_) == sorted(STANCES)
    assert card["metrics"]["all"]["n"] == sum(card["rows"].values()) >= 100
    assert all(card["rows"][stance] >= 20 for stance in STANCES)


def test_a_missing_model_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no trained model here; run scripts/train_stance.py"):
        load_stance(tmp_path)
