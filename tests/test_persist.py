import json
from pathlib import Path

import pytest
from sklearn.linear_model import LogisticRegression

from nlp.classify.persist import META_FILE, load_model, save_model
from nlp.errors import ModelError


def _fitted() -> LogisticRegression:
    return LogisticRegression(random_state=0).fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])


def test_round_trip_keeps_predictions_and_card(tmp_path: Path) -> None:
    model = _fitted()
    save_model(model, tmp_path / "m", meta={"seed": 0, "metrics": {"accuracy": 1.0}})
    loaded = load_model(tmp_path / "m")
    assert loaded.predict([[0.2], [2.8]]).tolist() == [0, 1]
    card = json.loads((tmp_path / "m" / META_FILE).read_text())
    assert card["seed"] == 0 and "scikit-learn" in card["versions"]


def test_other_library_versions_are_refused_in_one_line(tmp_path: Path) -> None:
    save_model(_fitted(), tmp_path / "m", meta={})
    card_path = tmp_path / "m" / META_FILE
    card = json.loads(card_path.read_text())
    card["versions"]["scikit-learn"] = "0.0.1"
    card_path.write_text(json.dumps(card))
    with pytest.raises(ModelError) as err:
        load_model(tmp_path / "m")
    message = str(err.value)
    assert message.startswith(f"{card_path}: trained with scikit-learn 0.0.1")
    assert "train_stance.py" in message and "\n" not in message


def test_missing_model_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no trained model here; run scripts/train_stance.py"):
        load_model(tmp_path / "none")
