import pytest

from nlp.extract.speakers import attribute_sentences, find_speaker


@pytest.mark.parametrize("sentence,speaker", [
    ("“Small caps should have an earnings edge,” said Jason Pride, chief of investment "
     "strategy at Glenmede.", "Jason Pride"),
    ("“Larger-cap stocks absorb costs better,” Nanette Jacobson, a strategist at Hartford "
     "Funds, told MarketWatch.", "Nanette Jacobson"),
    ("The P/E rose from 14.9 to 15.5, BofA stated in a July 14 report.", "BofA"),
    ("Traders expect two cuts, according to the CME FedWatch Tool.", "the CME FedWatch Tool"),
    ("Economists at Goldman Sachs expect a 25-basis-point cut.", "Goldman Sachs"),
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


def test_quotes_pronouns_and_answers_take_their_attribution() -> None:
    sentences = [
        "“Valuations are not the problem,” countered Annika Solberg, head of strategy.",
        "“At 16.1 times forward earnings, small caps are cheap.”",
        "Solberg expects the index to return 11%.",
        "“If we get three cuts, fine,” she said.",
        "Q: What would you expect from here?",
        "A: Mid-single-digit returns.",
        "That is 5% to 7% a year.",
        "Answers by Keiko Brandt, portfolio manager.",
    ]
    found = attribute_sentences(sentences, " ".join(sentences))
    assert found[:4] == ["Annika Solberg"] * 4
    assert found[4] is None and found[5:7] == ["Keiko Brandt", "Keiko Brandt"]
