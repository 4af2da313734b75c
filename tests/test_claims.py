"""Figures to claims: one positive sentence and one near miss per figure pattern, and the
normalisation rules the issue lists."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.extract.claims import extract_claims
from nlp.extract.pipeline import figure_patterns, make_nlp
from nlp.records import Claim

PUBLISHED = date(2025, 7, 24)


def claims(text: str) -> list[Claim]:
    return extract_claims(make_nlp()(text), article="a", source="t", published=PUBLISHED)


def one(text: str, figure: str) -> Claim:
    found = [c for c in claims(text) if text[c.start:c.end] == figure]
    assert len(found) == 1, [(text[c.start:c.end], c.kind) for c in claims(text)]
    return found[0]


# label -> (sentence with a figure of that shape, the figure, a near miss with no claim)
PATTERNS = {
    "PCT": ("The Russell 2000 rose 3.8% in July.", "3.8%",
            "The Russell 2000 has about 3,800 members."),
    "PCT_RANGE": ("Futures see the fed funds rate at 3.75-4.00% by December.", "3.75-4.00%",
                  "The meeting runs 3-4 June."),
    "PP": ("Small caps outperformed large caps by four percentage points.",
           "four percentage points", "Four points of view were aired."),
    "MULT": ("The index trades at 16.1 times forward earnings.", "16.1 times",
             "Earnings grew nearly five times the pace of S&P 500 profits."),
    "BP": ("Traders expect two 25-basis-point cuts this year.", "25-basis-point",
           "The desk sits on floor 25 of the tower."),
    "BP_IDIOM": ("Powell signalled a quarter-point cut in September.", "quarter-point",
                 "A quarter of the index is unprofitable."),
    "CUT_COUNT": ("Traders expect two cuts this year.", "two",
                  "Two analysts expect the index to lag."),
    "POINTS": ("The Dow lost 156 points on Friday.", "156 points",
               "The strategist made three points in her note."),
    "MOVE_WORD": ("The Russell 2000 has nearly doubled since its 2020 low.", "doubled",
                  "The firm doubled its headcount."),
    "NUMBER": ("The Russell 2000 closed at 2,211.65 on Friday.", "2,211.65",
               "The index has gone 964 days without a record; it has 2,000 constituents."),
}


def test_every_pattern_label_has_a_case() -> None:
    assert {p["label"] for p in figure_patterns()} == set(PATTERNS)


@pytest.mark.parametrize("label", sorted(PATTERNS))
def test_pattern_positive(label: str) -> None:
    sentence, figure, _ = PATTERNS[label]
    one(sentence, figure)


@pytest.mark.parametrize("label", sorted(PATTERNS))
def test_pattern_near_miss(label: str) -> None:
    _, _, near_miss = PATTERNS[label]
    assert claims(near_miss) == []


@pytest.mark.parametrize("text,figure,kind,metric,value,unit,approximate", [
    ("The Russell 2000 closed at 2,211.65, down 0.9% today.", "2,211.65", "index_level",
     "close", 2211.65, "pts", False),
    ("The Russell 2000 closed at 2,211.65, down 0.9% today.", "0.9%", "price_change", "pct",
     -0.9, "%", False),
    ("The index trades at a forward P/E of ~28×.", "28×", "pe_ratio", "forward", 28, "x", True),
    ("The Russell 2000 trades at ~28x earnings.", "28x", "pe_ratio", None, 28, "x", True),
    ("Its P/E ratio is at around 33 times.", "33 times", "pe_ratio", None, 33, "x", True),
    ("The Russell 2000 has a P/E of 33.", "33", "pe_ratio", None, 33, "x", False),
    ("Traders price two 25-basis-point cuts.", "25-basis-point", "rate_expectation", "cut_size",
     25, "bp", False),
    ("The Fed cut by 25 bps in September.", "25 bps", "rate_expectation", "cut_size", 25, "bp",
     False),
    ("A half-point cut is on the table.", "half-point", "rate_expectation", "cut_size", 50, "bp",
     False),
    ("Markets see a 94% chance of a cut in September.", "94%", "rate_expectation",
     "cut_probability", 94, "%", False),
    ("The report pulled the odds of a September rate cut to nearly 100%.", "100%",
     "rate_expectation", "cut_probability", 100, "%", True),
    ("Small caps are up over 7% since July 11.", "7%", "price_change", "pct", 7, "%", True),
    ("Small caps gained roughly 9% in July.", "9%", "price_change", "pct", 9, "%", True),
    ("The Russell 2000 slid 1.4% this week.", "1.4%", "price_change", "pct", -1.4, "%", False),
    ("Small caps posted a 3% decline on the week.", "3%", "price_change", "pct", -3, "%", False),
    ("The Russell 2000 underperformed the S&P 500 by 103% in the past decade.", "103%",
     "price_change", "relative", -103, "%", False),
    ("Russell 2000 EPS is forecast to grow 25% in the fourth quarter.", "25%",
     "earnings_growth", "eps", 25, "%", False),
    ("BofA sees annualized returns of around 9% over the next 10 years.", "9%",
     "return_forecast", "annualized", 9, "%", True),
    ("The 10-year Treasury yield eased to 4.38%.", "4.38%", "other", "yield", -4.38, "%", False),
])
def test_normalised_claims(text: str, figure: str, kind: str, metric: str | None, value: float,
                           unit: str, approximate: bool) -> None:
    claim = one(text, figure)
    assert (claim.kind, claim.metric, claim.value, claim.unit, claim.approximate) == (
        kind, metric, pytest.approx(value), unit, approximate)


def test_range_midpoint_and_ends() -> None:
    claim = one("Futures point to the fed funds rate falling to between 3% and 3.25% from "
                "4.25%-4.5% now.", "between 3% and 3.25%")
    assert (claim.kind, claim.metric, claim.low, claim.high, claim.value) == (
        "rate_expectation", "target_range", 3.0, 3.25, 3.125)
    current = one("Futures point to the fed funds rate falling to between 3% and 3.25% from "
                  "4.25%-4.5% now.", "4.25%-4.5%")
    assert (current.metric, current.low, current.high, current.forward_looking) == (
        "current_range", 4.25, 4.5, False)


def test_count_and_size_from_one_phrase() -> None:
    text = "Investors expect at least three quarter-point interest-rate cuts from the Fed."
    found = {text[c.start:c.end]: c for c in claims(text)}
    assert (found["three"].metric, found["three"].value, found["three"].unit) == (
        "cut_count", 3, "count")
    assert (found["quarter-point"].metric, found["quarter-point"].value) == ("cut_size", 25)
    assert found["three"].approximate and found["three"].subject == "fed_funds"


def test_pe_rose_from_to_gives_two_claims() -> None:
    found = [c for c in claims("The Russell 2000’s P/E rose from 14.9 to 15.5 in June.")
             if c.kind == "pe_ratio"]
    assert [c.value for c in found] == [14.9, 15.5]


def test_each_index_gets_its_own_figure() -> None:
    text = "The Russell 2000 rose 1.2% while the S&P 500 slid 0.4%."
    assert [(c.subject, c.value) for c in claims(text)] == [("russell_2000", 1.2),
                                                             ("sp500", -0.4)]


@pytest.mark.parametrize("text,subject", [
    ("The small-cap benchmark rose 2% on Monday.", "russell_2000"),
    ("RTY futures slipped 0.9% overnight.", "russell_2000"),
    ("IWM gained 1.5% this week.", "russell_2000"),
    ("The S&P SmallCap 600 added 1.1% on Friday.", "sp600"),
    ("The Dow lost 0.4% on Friday.", "dow_jones"),
    ("Small caps rose 2% in July.", "small_caps"),
])
def test_subject_aliases(text: str, subject: str) -> None:
    [claim] = claims(text)
    assert claim.subject == subject


def test_the_index_refers_to_the_main_index() -> None:
    text = "The Russell 2000 rallied in July. By Friday the index was up 4.6% on the month."
    assert claims(text)[-1].subject == "russell_2000"


def test_period_speaker_and_offsets() -> None:
    text = ("“The rally has legs,” said Mara Ellison. Since the start of July, the Russell 2000 "
            "has climbed 3.8%, according to FactSet data.")
    claim = one(text, "3.8%")
    assert (claim.period, claim.period_start, claim.period_end) == (
        "Since the start of July", date(2025, 7, 1), PUBLISHED)
    assert claim.speaker == "FactSet"
    assert text[claim.start:claim.end] == "3.8%" and not claim.forward_looking


def test_distractors_are_not_claims() -> None:
    text = ("Founded in 2019 by a 31-year-old engineer, the company has 2,000 employees, "
            "a $50 million buyback and 964 days without a loss; call 555-0142. Its 50-day "
            "average rose in Q2.")
    assert claims(text) == []


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_extraction_never_raises_on_odd_text(text: str) -> None:
    for claim in claims(text):
        assert 0 <= claim.start < claim.end <= len(text)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["rose", "fell", "2,211.65", "3.8%", "~28×", "-", "%", "to",
                                 "between", "and", "two", "cuts", "quarter-point", "P/E",
                                 "Russell 2000", "the index", "“", ",", "."]), max_size=25))
def test_figure_like_word_salad_never_raises(parts: list[str]) -> None:
    text = " ".join(parts)
    for claim in claims(text):
        assert claim.unit in ("%", "bp", "x", "pts", "count", "pp")
