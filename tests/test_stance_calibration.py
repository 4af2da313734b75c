"""Calibrated article confidence: the fitted logistic map from raw evidence share."""

import json
from pathlib import Path

import pytest
from conftest import GOOD_ARTICLE

from nlp.classify.persist import MODELS_DIR
from nlp.classify.stance import calibrate, load_calibration, predict_stances
from nlp.collect.article import make_article
from nlp.collect.textfile import read_text
from nlp.errors import ModelError


def test_calibration_is_increasing_and_a_probability() -> None:
    calibration = load_calibration()
    values = [calibrate(raw / 10, calibration) for raw in range(11)]
    assert values == sorted(values) and values[0] < values[-1]
    assert all(0 < v < 1 for v in values)


def test_stances_carry_the_calibrated_confidence() -> None:
    article = make_article(read_text(GOOD_ARTICLE), raw=GOOD_ARTICLE, source="good.txt",
                           fmt="txt")
    [(raw, _)] = list(predict_stances([article], calibrated=False))
    [(calibrated, _)] = list(predict_stances([article]))
    assert calibrated.stance == raw.stance and calibrated.score == raw.score
    assert calibrated.confidence == pytest.approx(
        calibrate(raw.confidence, load_calibration()), abs=1e-4)


def test_card_records_the_fit() -> None:
    card = json.loads((MODELS_DIR / "stance" / "meta.json").read_text())
    assert card["n"] == 46 and card["brier_calibrated"] <= card["brier_raw"]


def test_a_card_without_calibration_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "meta.json").write_text(json.dumps({"model": "stance"}))
    with pytest.raises(ModelError, match="no calibration; run scripts/train_stance.py"):
        load_calibration(tmp_path)
