from datetime import UTC, datetime

from nlp.collect.textfile import read_text


def test_title_dateline_time_and_byline_lines_are_metadata() -> None:
    text = ("Small caps slip\n\n/\n\nAugust 1, 2025\n\n/\n\n11:16 AM PST\n\n"
            "The Russell 2000 index closed at 2,211.65, down 0.9% today.\n")
    draft = read_text(text)
    assert draft.title == "Small caps slip"
    assert draft.published == datetime(2025, 8, 1, 19, 16, tzinfo=UTC)
    assert draft.published_has_time
    assert draft.paragraphs == ("/", "/", "The Russell 2000 index closed at 2,211.65, down 0.9% "
                                          "today.")


def test_date_inside_a_body_sentence_is_not_a_dateline() -> None:
    text = ("Why small caps lag\n"
            "Investors have waited since the small-cap peak of November 8, 2021 for a new high.\n")
    draft = read_text(text)
    assert draft.published is None
    assert len(draft.paragraphs) == 1


def test_dateline_with_byline_sets_the_author() -> None:
    draft = read_text("Headline\nSep 12, 2025 11:18:00 -0400 by Martin Keel | #Tags\nBody text.")
    assert draft.author == "Martin Keel"
    assert draft.published == datetime(2025, 9, 12, 15, 18, tzinfo=UTC)
    assert draft.paragraphs == ("Body text.",)


def test_no_date() -> None:
    draft = read_text("Headline only\nA body line about small caps.")
    assert draft.published is None and draft.title == "Headline only"


def test_outlet_and_byline_lines() -> None:
    draft = read_text("Headline\nJuly 22, 2025 | Meridian Wire\nBy Dana Whitfield\n\nNEW YORK — "
                      "The Russell 2000 closed at 2,240.7 on Tuesday.\nBy some measures, it is "
                      "cheap.")
    assert (draft.publisher, draft.author) == ("Meridian Wire", "Dana Whitfield")
    assert draft.paragraphs == ("NEW YORK — The Russell 2000 closed at 2,240.7 on Tuesday.",
                                "By some measures, it is cheap.")
