import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlp.extract.numbers import is_year, parse_bp_idiom, parse_number, parse_word_number


@pytest.mark.parametrize("text,value", [
    ("2,211.65", 2211.65), ("~28×", 28.0), ("28x", 28.0), ("-0.9", -0.9), ("+1.1", 1.1),
    ("−0.2%", -0.2), ("≥50", 50.0), ("3.75", 3.75), ("1,000,000", 1e6), ("16.1", 16.1),
])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "2,21.65", "1.2.3", "12a", "--3", "%"])
def test_parse_number_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("text,bp", [("quarter-point", 25), ("half point", 50),
                                     ("a full point", 100), ("three-quarter point", 75),
                                     ("half a point", 50), ("full percentage point", 100)])
def test_bp_idioms(text: str, bp: int) -> None:
    assert parse_bp_idiom(text) == bp


def test_word_numbers_and_years() -> None:
    assert parse_word_number("three") == 3 and parse_word_number("4") == 4
    with pytest.raises(ValueError):
        parse_word_number("several")
    assert is_year("2021") and not is_year("2,021") and not is_year("2211.65")


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False).map(lambda x: round(x, 2)))
def test_thousands_separators_round_trip(value: float) -> None:
    assert parse_number(f"{value:,.2f}") == pytest.approx(value)


@given(st.text(max_size=30))
def test_parsers_raise_only_value_error(text: str) -> None:
    for parse in (parse_number, parse_word_number, parse_bp_idiom):
        with contextlib.suppress(ValueError):
            parse(text)
