"""Word-list features beside the sentence vector: figures set against earlier ones,
which way a market moved, and news that a negation turns round."""

import pytest

from nlp.classify.lexical import (
    compared_figures,
    lexical_vector,
    market_moves,
    negated_news,
    refusal,
    words_of,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("Operating profit rose to EUR 13.1 mn from EUR 8.7 mn.", (1, 0)),
    ("Earnings per share were EUR 0.57 (0.43).", (1, 0)),
    ("EBIT was EUR 12.1 mn (EUR 14.0 mn).", (0, 1)),
    ("The margin fell from 12.1% to 9.8%.", (0, 1)),
    ("Net sales were EUR 41.2 mn, compared with EUR 44.0 mn a year earlier.", (0, 1)),
    ("Operating loss narrowed to EUR 1.8 mn from EUR 4.9 mn.", (1, 0)),  # less loss: better
    ("Net debt rose to USD 410 mn from USD 320 mn.", (0, 1)),  # more debt: worse
    ("Net sales totaled EUR 50.2 mn.", (0, 0)),  # nothing to compare with
    ("Revenue was flat at EUR 9.0 mn (EUR 9.0 mn).", (0, 0)),
    ("The plan runs from 2023 to 2025.", (0, 0)),  # years, not figures
])
def test_compared_figures(text: str, expected: tuple[int, int]) -> None:
    assert compared_figures(text) == expected


def test_the_comparison_is_part_of_the_vector() -> None:
    up = lexical_vector("Order intake grew to SEK 2.1 bn from SEK 1.6 bn.")
    down = lexical_vector("Order intake was SEK 1.6 bn (SEK 2.1 bn).")
    assert up[-2:] == [1.0, 0.0] and down[-2:] == [0.0, 1.0]


@pytest.mark.parametrize(("text", "expected"), [
    ("The index rose.", (1, 0)),
    ("The S&P 500 advanced.", (1, 0)),  # "S&P" is one word, not "s" and "p"
    ("Small caps slumped as yields jumped.", (0, 1)),  # the market's move, not the yields'
    ("Brackwell Foods shares were up 4% by midday.", (1, 0)),
    ("Shares of Brackwell Foods were up 4% by midday.", (0, 0)),  # beyond four words
    ("The core PCE price index rose 0.2% in June.", (0, 0)),  # a price index, not a market
    ("Trading volume rose to 2.4 million shares.", (0, 0)),
    ("Operating costs rose 9%.", (0, 0)),
])
def test_market_moves(text: str, expected: tuple[int, int]) -> None:
    assert market_moves(words_of(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("I'm not convinced the rally will last.", (1, 0)),  # good news, doubted
    ("The rebound won't last.", (1, 0)),  # "won't" is a negation, as is every "n't"
    ("Analysts aren't worried about margins.", (0, 1)),  # bad news, denied
    ("Profits did not fall despite the strike.", (0, 1)),
    ("Profits fell, and the outlook is not clear.", (0, 0)),  # the negation comes after
    ("Earnings rose 12%.", (0, 0)),
    ("Loan losses did not rise as much as feared.", (0, 1)),  # a bad thing's rise denied
    ("Costs did not come down as promised.", (1, 0)),  # a bad thing's fall denied
    ("Management didn't raise its forecast.", (1, 0)),
])
def test_negated_news(text: str, expected: tuple[int, int]) -> None:
    assert negated_news(words_of(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The company declined to comment on the report.", 1.0),
    ("Brackwell did not disclose the terms of the deal.", 1.0),
    ("A spokesperson had no comment.", 1.0),
    ("Shares declined 4% after the report.", 0.0),
    ("Analysts commented on the report.", 0.0),
])
def test_refusal(text: str, expected: float) -> None:
    assert refusal(words_of(text)) == expected


def test_contracted_negations_count_as_negation() -> None:
    negation = 5  # the vector's negation flag
    assert lexical_vector("Margins didn't improve.")[negation] == 1.0
    assert lexical_vector("Margins improved.")[negation] == 0.0


@pytest.mark.parametrize("text", ["It isn't going to last.", "The rally doesn't look durable.",
                                  "Don't expect it to last."])
def test_any_contracted_negation_doubts_durability(text: str) -> None:
    doubted, doubt = 11, 12  # the vector's doubted-durability and doubt flags
    vector = lexical_vector(text)
    assert vector[doubted] == 1.0 and vector[doubt] == 1.0
    assert lexical_vector("It is going to last.")[doubted] == 0.0


def test_lasting_is_flagged_whether_doubted_or_not() -> None:
    doubted, lasting = 11, 14  # the vector's doubted-durability and lasting flags
    asserted, denied = lexical_vector("The rally will last."), lexical_vector("It won't last.")
    assert asserted[lasting] == denied[lasting] == 1.0
    assert (asserted[doubted], denied[doubted]) == (0.0, 1.0)
    for dated in ("Small caps rose 2% last week.", "The last time small caps led was 2016.",
                  "Small caps didn't rise in the last five sessions.", "At last, a rally."):
        assert lexical_vector(dated)[lasting] == lexical_vector(dated)[doubted] == 0.0
