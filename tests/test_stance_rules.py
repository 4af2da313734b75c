"""Article stance from sentence outlooks: the weighing rules, on handmade probabilities."""

from nlp.classify.stance import _weights, decide_stance, split_sentences

TEXT = ("Small caps are having a moment. Why the rally faces a tough road.\n\n"
        "Investors see the potential for more gains as the Fed cuts rates. "
        "Does the rally have legs? "
        "We remain skeptical that it can last beyond the summer.")


def _p(sustainable: float = 0.0, fade: float = 0.0, uncertain: float = 0.0,
       none: float = 0.0) -> dict[str, float]:
    return {"sustainable": sustainable, "fade": fade, "uncertain": uncertain, "none": none}


def test_sentences_and_weights() -> None:
    sentences = _weights(split_sentences(TEXT))
    texts = [s.text for s in sentences]
    assert texts[0] == "Small caps are having a moment."
    assert texts[2].startswith("Investors see the potential")
    weights = {s.text[:12]: s.weight for s in sentences}
    assert weights["Small caps a"] == 2.0  # the headline
    assert weights["Investors se"] < 1.0  # a view the author reports
    assert weights["Does the ral"] < 0.5  # a question
    assert weights["We remain sk"] == 1.5  # the close, in the author's voice


def test_reported_bulls_lose_to_the_authors_close() -> None:
    sentences = _weights(split_sentences(TEXT))
    outlooks = [_p(none=0.9), _p(fade=0.8, none=0.1), _p(sustainable=0.9),
                _p(uncertain=0.7, none=0.2), _p(fade=0.9)]
    stance, score, confidence, evidence = decide_stance(sentences, outlooks)
    assert stance == "skeptical" and score < 0 and 0 < confidence <= 1
    assert evidence[0].startswith("Why the rally faces") or evidence[0].startswith("We remain")
    assert all("Investors see" not in e for e in evidence)


def test_no_rally_talk_is_none() -> None:
    sentences = _weights(split_sentences("The Fed meets next week. Payrolls rose."))
    stance, score, _, evidence = decide_stance(sentences, [_p(none=0.95), _p(none=0.9)])
    assert (stance, score, evidence) == ("none", 0.0, ())


def test_balanced_views_are_uncertain() -> None:
    sentences = _weights(split_sentences("Small caps: where next?\n\nIt could run. "
                                         "It could fade. Nobody knows."))
    stance, _, _, _ = decide_stance(sentences, [_p(none=0.9), _p(sustainable=0.8),
                                                _p(fade=0.8), _p(uncertain=0.9)])
    assert stance == "uncertain"


def test_a_clear_verdict_outweighs_a_faint_leaning() -> None:
    sentences = _weights(split_sentences(
        "Don't expect the rally to last.\n\nSmall caps ran hard in July. "
        "Earnings could improve."))
    outlooks = [_p(fade=0.9), _p(none=0.9), _p(sustainable=0.58, none=0.3)]
    stance, score, _, evidence = decide_stance(sentences, outlooks)
    assert stance == "skeptical" and score < 0
    assert evidence == ("Don't expect the rally to last.",)
