"""Each cleaning rule: a paragraph it removes and a near miss it must keep."""

import pytest

from nlp.collect.junk import RULES, clean_paragraphs

BODY = [
    "Rate cuts loom as small caps rally",
    "The Russell 2000 rose 2.1% on Tuesday, extending its July gain to 6.4%.",
    "Strategists at Penrose Hill said the move still depends on the Fed delivering two cuts.",
    "Breadth improved as regional banks and biotech names joined the advance.",
    "We expect the rotation to continue while earnings revisions stay positive.",
]

# rule -> (junk paragraphs, near-miss paragraphs that look alike but are content)
CASES = {
    "citation_marker": (
        ["The index closed at 2,211.65.(turn0news23, turn0news20)"],
        ["The index closed at 2,211.65 (a two-week low), per the exchange."],
    ),
    "disclosure_section": (
        ["Disclosures", "These views are current as of the date above.",
         "Forecasts are not guarantees."],
        ["Disclosures of short interest rose 12% in June, a sign of crowded bets."],
    ),
    "suggested_tags": (
        ["Suggested Tags", "Russell2000 SmallCaps RateCuts"],
        ["Tags such as 'value' and 'growth' matter less than earnings."],
    ),
    "legal_disclaimer": (
        ["Nothing in this note is intended to constitute investment advice.",
         "Important disclosures: This note was prepared by the trading desk.",
         "Past performance is not a guarantee of future results."],
        ["Past performance of small caps after first cuts has been strong, on average."],
    ),
    "copyright": (
        ["© 2025 Quillfeather Wire"],
        ["Copycat funds have piled into the same names this month."],
    ),
    "newsletter_pitch": (
        ["Subscribe to SCN for daily briefs and curated opportunity lists.",
         "Join our community to participate in comments and rate stocks.",
         "Want real-time alerts on small-cap breakouts?",
         "Get the Beacon Brief, our free daily newsletter. Sign up at beacon.example/brief."],
        ["Investors who subscribe to the soft-landing view have bought cyclicals."],
    ),
    "share_prompt": (
        ["Share this article with a friend.", "Comment “SMALLCAP” to receive our scan PDF.",
         "Follow Granite Bay Markets for live coverage of earnings season."],
        ["Their share of index earnings has fallen to 6%.",
         "Follow the money: flows into small-cap funds hit $2 billion."],
    ),
    "syndication_notice": (
        ["This article first appeared in Granite Bay News and is republished with permission."],
        ["The rally first appeared fragile, then broadened into August."],
    ),
    "chatbot_leftover": (
        ["Would you like me to also create a shorter version for LinkedIn?",
         "Let me know if you'd like a table version of this piece."],
        ["Would you like to own small caps into a slowdown? History says no."],
    ),
    "hashtag_line": (
        ["#Russell2000 #SmallCapStocks #MarketOpen"],
        ["The #1 question on the desk is whether cuts arrive in September."],
    ),
    "byline": (
        ["By Tomas Quillfeather"],
        ["By some measures, small caps are the cheapest they have been since 2001."],
    ),
    "contact_line": (
        ["Write to Tomas Quillfeather at tomas@quillfeather.example"],
        ["Write-downs at regional lenders could weigh on the index."],
    ),
    "stray_symbols": (
        ["/", "?", "* * *"],
        ["?! was the only reply from the floor."],
    ),
    "repeated_paragraph": (
        [BODY[1]],
        ["The Russell 2000 rose 2.1% on Wednesday, extending its July gain to 8.6%."],
    ),
    "repeated_name": (
        ["Small Cap Network", "Small Cap Network", "Small Cap Network"],
        ["Small Cap Network"],
    ),
}


def test_every_rule_has_a_case() -> None:
    assert {rule.name for rule in RULES} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule_removes_its_junk(name: str) -> None:
    junk, _ = CASES[name]
    kept, fired = clean_paragraphs(BODY + junk)
    assert name in fired
    assert kept[: len(BODY)] == BODY
    if name == "citation_marker":
        assert kept[-1] == "The index closed at 2,211.65."
    elif name == "repeated_paragraph":
        assert kept == BODY
    else:
        assert kept == BODY, f"{name} left {kept[len(BODY):]}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule_keeps_its_near_miss(name: str) -> None:
    _, near_misses = CASES[name]
    kept, fired = clean_paragraphs(BODY + near_misses)
    assert kept == BODY + near_misses
    assert fired == ()


def test_headings_in_the_body_do_not_cut_the_article() -> None:
    early = ["Disclosures", *BODY]  # a heading near the top is content, not a legal tail
    kept, _ = clean_paragraphs(early)
    assert kept == early
