import pytest

from nlp.extract.speakers import find_speaker


@pytest.mark.parametrize("sentence,speaker", [
    ("“Small caps should have an earnings edge,” said Jason Pride, chief of investment "
     "strategy at Glenmede.", "Jason Pride"),
    ("“Larger-cap stocks absorb costs better,” Nanette Jacobson, a strategist at Hartford "
     "Funds, told MarketWatch.", "Nanette Jacobson"),
    ("The P/E rose from 14.9 to 15.5, BofA stated in a July 14 report.", "BofA"),
    ("Traders expect two cuts, according to the CME FedWatch Tool.", "CME FedWatch Tool"),
    ("Earnings are forecast to grow 50%, based on LSEG estimates.", "LSEG"),
    ("“One or two cuts won't matter,” said Jacobson of Hartford Funds.", "Jacobson"),
    ("Calvasina says investors may rotate out.", "Calvasina"),
])
def test_attribution(sentence: str, speaker: str) -> None:
    assert find_speaker(sentence) == speaker


@pytest.mark.parametrize("sentence", [
    "The Russell 2000 rose 1.2% on Tuesday.",
    "It said nothing about rates.",
    "We expect two cuts this year.",
])
def test_no_attribution(sentence: str) -> None:
    assert find_speaker(sentence) is None
