from datetime import date

from nlp.extract.claims import extract_claims
from nlp.extract.pipeline import make_nlp
from nlp.extract.tables import find_cells

TABLE = """Weekly scoreboard
Index | Close | Week | YTD
Russell 2000 | 2,166.76 | -4.2% | -2.8%
S&P 500 | 6,238.01 | -2.4% | +6.1%
Source: Quillfeather Data.
"""


def test_cells_carry_their_header_and_row_label() -> None:
    cells = find_cells(TABLE)
    assert [(c.label, c.header, TABLE[c.start:c.end]) for c in cells[:3]] == [
        ("Russell 2000", "Close", "2,166.76"), ("Russell 2000", "Week", "-4.2%"),
        ("Russell 2000", "YTD", "-2.8%")]


def test_table_figures_become_claims() -> None:
    found = extract_claims(make_nlp()(TABLE), article="a", source="t",
                           published=date(2025, 8, 1))
    rows = [(TABLE[c.start:c.end], c.kind, c.metric, c.subject, c.value, c.period, c.speaker)
            for c in found]
    assert rows == [
        ("2,166.76", "index_level", "close", "russell_2000", 2166.76, None, "Quillfeather Data"),
        ("-4.2%", "price_change", "pct", "russell_2000", -4.2, "Week", "Quillfeather Data"),
        ("-2.8%", "price_change", "pct", "russell_2000", -2.8, "YTD", "Quillfeather Data"),
        ("6,238.01", "index_level", "close", "sp500", 6238.01, None, "Quillfeather Data"),
        ("-2.4%", "price_change", "pct", "sp500", -2.4, "Week", "Quillfeather Data"),
        ("+6.1%", "price_change", "pct", "sp500", 6.1, "YTD", "Quillfeather Data"),
    ]
    ytd = found[2]
    assert (ytd.period_start, ytd.period_end) == (date(2025, 1, 1), date(2025, 8, 1))


def test_prose_with_pipes_in_one_line_is_no_table() -> None:
    assert find_cells("By Priya Anand | October 2, 2025\nSmall caps rose 2%.") == []
