"""Article stance: sentence weights, the feature vector and the evidence, on handmade
sentence probabilities (no trained model involved)."""

import numpy as np
import pytest

from nlp.classify.article_features import NAMES, article_features
from nlp.classify.stance import author_clause, decide_stance, split_sentences, weigh

TEXT = ("Small caps are having a moment. Why the rally faces a tough road.\n\n"
        "Investors see the potential for more gains as the Fed cuts rates. "
        "Does the rally have legs? "
        "We remain skeptical that it can last beyond the summer.")


def _p(sustainable: float = 0.0, fade: float = 0.0, uncertain: float = 0.0,
       none: float = 0.0) -> dict[str, float]:
    return {"sustainable": sustainable, "fade": fade, "uncertain": uncertain, "none": none}


OUTLOOKS = [_p(none=0.9), _p(fade=0.8, none=0.1), _p(sustainable=0.9),
            _p(uncertain=0.7, none=0.2), _p(fade=0.9)]


def _features(outlooks: list[dict[str, float]], text: str = TEXT,
              sentiments: list[float] | None = None) -> dict[str, float]:
    sentences = weigh(split_sentences(text), text.find("\n\n"))
    moods = sentiments if sentiments is not None else [0.0] * len(sentences)
    return dict(zip(NAMES, article_features(sentences, outlooks, moods), strict=True))


def test_sentences_places_voices_and_weights() -> None:
    sentences = weigh(split_sentences(TEXT), TEXT.find("\n\n"))
    by_start = {s.text[:12]: s for s in sentences}
    assert [s.text for s in sentences][0] == "Small caps are having a moment."
    assert by_start["Small caps a"].headline and by_start["Why the rall"].headline
    assert by_start["Small caps a"].weight == 2.0
    assert by_start["Investors se"].reported and by_start["Investors se"].weight < 1.0
    assert by_start["Does the ral"].weight < 0.5  # a question
    assert by_start["We remain sk"].closing and not by_start["We remain sk"].reported
    assert by_start["We remain sk"].weight == 1.5


def test_a_conclusion_in_markdown_still_opens_the_closing_lines() -> None:
    text = ("Snapshot\n\n" + "Small caps rose on the day. " * 8
            + "**Bottom line: the bounce looks like a relief rally.** "
            + "Rates and earnings set the pace. " * 4 + "**Will it last?**")
    sentences = weigh(split_sentences(text), text.find("\n\n"))
    closing = [s.closing for s in sentences]
    start = next(i for i, s in enumerate(sentences) if "Bottom line" in s.text)
    assert not any(closing[1:start]) and all(closing[start:])  # before the last fifth
    assert sentences[-1].weight == pytest.approx(1.5 * 0.3)  # a bold question is a question


def test_every_sentence_of_a_long_quotation_is_reported() -> None:
    text = ('Can it last?\n\nThe first objection is a squeeze. "Short interest was high," '
            'said Ann Lee of Pinemark. "The decile outperformed. That is people being forced '
            'out. Squeezes end when the shorts run out."\nThe flows say otherwise. '
            'The rally will last.\n\n"Stray mark.\nThis line is mine again.')
    voices = {s.text: s.reported for s in weigh(split_sentences(text), text.find("\n\n"),
                                                text)}
    assert voices["That is people being forced out."]
    assert voices['Squeezes end when the shorts run out."']
    assert not voices["The first objection is a squeeze."]
    assert not voices["The flows say otherwise."] and not voices["The rally will last."]
    assert not voices["This line is mine again."]  # a new paragraph closes a stray quote
    alone = {s.text: s.reported for s in weigh(split_sentences(text), text.find("\n\n"))}
    assert not alone["That is people being forced out."]  # no text, no paragraphs: alone


def test_reported_bulls_count_less_than_the_authors_doubts() -> None:
    f = _features(OUTLOOKS)
    # the bulls are reported (0.6 x (0.9 - 0.45)); the author's fade view is in the
    # headline (2 x 0.35) and the close (1.5 x 0.45)
    assert f["sustainable_mass"] == pytest.approx(0.6 * 0.45)
    assert f["fade_mass"] == pytest.approx(2 * 0.35 + 1.5 * 0.45)
    assert f["sustainable_author"] == 0.0 and f["fade_author"] == pytest.approx(0.35 + 0.45)
    assert f["fade_headline"] == pytest.approx(0.8) and f["fade_closing"] == pytest.approx(0.9)
    # the question counts 0.3 x (0.7 - 0.45); shares are of all the mass plus 0.2
    assert f["fade_share"] == pytest.approx(1.375 / (1.375 + 0.27 + 0.075 + 0.2))


def test_faint_and_none_sentences_are_not_evidence() -> None:
    faint = [_p(none=0.9), _p(fade=0.49, none=0.3), _p(sustainable=0.6, none=0.61),
             _p(none=0.9), _p(none=0.9)]
    f = _features(faint)
    assert f["sustainable_mass"] == f["fade_mass"] == f["uncertain_mass"] == 0.0
    assert f["log_evidence"] == 0.0
    assert f["fade_top"] == pytest.approx(0.49)  # still seen as a soft signal


def test_sentiment_features() -> None:
    f = _features(OUTLOOKS, sentiments=[0.8, -0.6, 0.5, 0.0, -0.9])
    assert f["sentiment"] == pytest.approx(-0.04)
    assert f["negative_share"] == pytest.approx(0.4) and f["positive_share"] == pytest.approx(0.4)
    assert f["headline_sentiment"] == pytest.approx(0.1)
    assert f["closing_sentiment"] == pytest.approx(-0.9)


def test_an_empty_article_has_all_zero_features() -> None:
    assert not article_features([], [], []).any()
    assert len(article_features([], [], [])) == len(NAMES)


def test_decision_evidence_is_the_winning_view_strongest_first() -> None:
    sentences = weigh(split_sentences(TEXT), TEXT.find("\n\n"))
    stance, score, confidence, evidence = decide_stance(
        sentences, OUTLOOKS,
        {"sustainable": 0.1, "skeptical": 0.7, "uncertain": 0.15, "none": 0.05})
    assert (stance, score, confidence) == ("skeptical", -0.6, 0.7)
    assert evidence == ("Why the rally faces a tough road.",
                        "We remain skeptical that it can last beyond the summer.")


def test_uncertain_evidence_draws_on_every_view_and_none_on_nothing() -> None:
    sentences = weigh(split_sentences(TEXT), TEXT.find("\n\n"))
    _, _, _, evidence = decide_stance(sentences, OUTLOOKS, {
        "sustainable": 0.2, "skeptical": 0.2, "uncertain": 0.5, "none": 0.1})
    assert len(evidence) == 3 and "Investors see" not in evidence[0]
    assert decide_stance(sentences, OUTLOOKS, {"sustainable": 0.1, "skeptical": 0.1,
                                               "uncertain": 0.1, "none": 0.7})[3] == ()


def test_features_are_finite_for_a_one_line_article() -> None:
    text = "Small caps fell."
    values = article_features(weigh(split_sentences(text)), [_p(none=1.0)], [-0.7])
    assert np.isfinite(values).all()


def test_the_authors_words_around_a_quote_are_read_apart() -> None:
    text = ('Investor optimism may be premature: "Larger caps absorb tariffs better," '
            "Jane Roe, a strategist at Hartwell Funds, told reporters. "
            '"One or two cuts will not make a huge difference," said Roe.')
    sentences = weigh(split_sentences(text))
    assert [(s.text, s.reported, s.clause) for s in sentences] == [
        (sentences[0].text, True, False),
        ("Investor optimism may be premature", False, True),
        ('"One or two cuts will not make a huge difference," said Roe.', True, False)]
    assert sentences[1].weight == sentences[0].weight / 0.6  # the author's, not reported


def test_quotes_with_only_attribution_or_a_word_outside_give_no_clause() -> None:
    assert author_clause('"It will last," he said, "and it will broaden."') is None
    assert author_clause('The stock is a "buy".') is None
    assert author_clause("No quotes here at all, just the author.") is None
    assert author_clause('We think the so-called "everything rally" will fade by spring.') \
        is None  # a phrase in quotes: the whole sentence is the author's


def test_a_sentence_and_its_authors_clause_are_one_piece_of_evidence() -> None:
    text = ('Small caps: the case for caution\n\nInvestor optimism may be premature: '
            '"Larger caps absorb tariffs better," Jane Roe told reporters. '
            "We expect the rally to fade.")
    sentences = weigh(split_sentences(text), text.find("\n\n"))
    assert [s.clause for s in sentences] == [False, False, True, False]
    outlooks = [_p(none=0.9), _p(fade=0.7), _p(fade=0.8), _p(fade=0.9)]
    _, _, _, evidence = decide_stance(sentences, outlooks, {
        "sustainable": 0.1, "skeptical": 0.8, "uncertain": 0.05, "none": 0.05})
    assert evidence == ("We expect the rally to fade.", "Investor optimism may be premature")


def test_a_phrase_quoted_inside_a_sentence_leaves_no_clause() -> None:
    sentence = ('While the charts look bullish, the earnings tell a "less convincing story," '
                "raising doubts about the rally, notes Hartwell Funds.")
    scare = 'We think the so-called "everything rally" will fade by spring.'
    assert author_clause(sentence) is None
    assert [(s.reported, s.clause) for s in weigh([(0, 1, sentence), (2, 3, scare)])] == [
        (True, False), (False, False)]  # quoting a source; the author's own words
    assert author_clause('The rally is running on fumes: "Rates alone cannot carry it," '
                         "said Roe.") == "The rally is running on fumes"
