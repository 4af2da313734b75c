"""The sentence splitter the extractor and the stance model share."""

import pytest

from nlp.extract.pipeline import make_sentence_splitter


def _sentences(text: str) -> list[str]:
    return [s.text.strip() for s in make_sentence_splitter()(text).sents if s.text.strip()]


@pytest.mark.parametrize("text, expected", [
    ('Roe told reporters. "One or two cuts will not matter," said Roe.',
     ["Roe told reporters.", '"One or two cuts will not matter," said Roe.']),
    ('The yield rose.\n\n"Beware of a regime change," said Voss. Stocks fell.',
     ["The yield rose.", '"Beware of a regime change," said Voss.', "Stocks fell."]),
    ('"It is a rush for the exits." Traders sold. (Shares fell 3%.) Then they rose.',
     ['"It is a rush for the exits."', "Traders sold.", "(Shares fell 3%.)",
      "Then they rose."]),
    ("He called it “a sugar high.” Small caps rose 2%.",
     ["He called it “a sugar high.”", "Small caps rose 2%."]),
])
def test_quotes_go_with_the_sentence_they_open_or_close(text: str,
                                                         expected: list[str]) -> None:
    assert _sentences(text) == expected
