"""The trained sentiment model in models/sentiment (rebuilt by scripts/train_stance.py)."""

import json

import pytest
from click.testing import CliRunner

from nlp.classify.lexical import lexical_vector
from nlp.classify.persist import MODELS_DIR
from nlp.classify.sentiment import LABELS, predict_sentiment
from nlp.cli import cli

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("sentence,label", [
    ("Small-cap earnings fell 12% from a year earlier, missing estimates.", "negative"),
    ("The Russell 2000 rallied to a record high as profits beat forecasts.", "positive"),
    ("The Federal Reserve meets next week.", "neutral"),
    ("Shares of Brackwell Foods plunged after the company cut its outlook.", "negative"),
    ("Analysts upgraded regional lenders, citing strong loan growth.", "positive"),
    ("Shares of the company rose 5%.", "positive"),  # a move is news: up is good
    ("Small caps jumped 3.6% as yields fell.", "positive"),  # the market's move, not yields'
    ("Small caps slumped as yields jumped.", "negative"),
    # the issue's own examples, negation included
    ("Earnings fell 12%.", "negative"),
    ("The index rose.", "positive"),
    ("The Fed meets next week.", "neutral"),
    ("I'm not convinced the rally will last.", "negative"),
    ("Small caps are no longer cheap.", "negative"),
    ("Analysts are not worried about margins.", "positive"),
])
def test_clear_sentences(sentence: str, label: str) -> None:
    [(found, score, probability)] = predict_sentiment([sentence])
    assert found == label
    assert -1 <= score <= 1 and 1 / 3 <= probability <= 1


def test_same_input_same_output() -> None:
    texts = ["Losses narrowed in the quarter.", "The index slid 2% on Friday."]
    assert predict_sentiment(texts) == predict_sentiment(list(texts))


def test_model_card_records_data_and_metrics() -> None:
    card = json.loads((MODELS_DIR / "sentiment" / "meta.json").read_text())
    assert card["seed"] == 0 and card["metrics"]["all"]["n"] > 1000
    assert set(card["metrics"]["all"]["confusion"]["labels"]) == set(LABELS)


def test_sentiment_command_reads_stdin() -> None:
    result = CliRunner().invoke(cli, ["sentiment", "-", "--format", "jsonl"],
                                input="Earnings collapsed.\n\nThe index rose 3%.\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["sentence"] for r in rows] == ["Earnings collapsed.", "The index rose 3%."]
    assert {r["label"] for r in rows} <= set(LABELS)


def test_sentiment_command_reads_legacy_encodings(tmp_path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes("Café chain profits rose 8%.\r\n".encode("cp1252"))
    result = CliRunner().invoke(cli, ["sentiment", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["sentence"] == "Café chain profits rose 8%."


def test_sentiment_command_refuses_binary_input_in_one_line(tmp_path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 4)
    result = CliRunner().invoke(cli, ["sentiment", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {path}: binary data, not text"


def test_lexical_features_see_shrinking_bad_things() -> None:
    narrowed = lexical_vector("Losses narrowed to $2 million.")
    widened = lexical_vector("Losses widened to $2 million.")
    assert narrowed[4] == 1.0 and widened[4] == 0.0
