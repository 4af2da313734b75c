from datetime import UTC, datetime

import pytest

from nlp.collect.jsonrecord import read_record
from nlp.errors import InputError


def test_fields_and_aliases() -> None:
    draft = read_record({"headline": "H", "text": "a\n\nb", "date": "2025-05-14T13:30:00Z",
                         "authors": ["A One", "B Two"], "source": "Ledger Daily"}, "x.json")
    assert draft.title == "H"
    assert draft.paragraphs == ("a", "", "b")
    assert draft.author == "A One, B Two"
    assert draft.publisher == "Ledger Daily"
    assert draft.published == datetime(2025, 5, 14, 13, 30, tzinfo=UTC)


def test_source_url_becomes_the_url() -> None:
    draft = read_record({"text": "body", "source": "https://x.example/a"}, "x.json")
    assert draft.url == "https://x.example/a" and draft.publisher is None


@pytest.mark.parametrize("obj,reason", [
    ({"title": "no text"}, "no 'text' field"),
    ({"text": "   "}, "no 'text' field"),
    (["a", "list"], "expected a JSON object, got list"),
])
def test_bad_objects(obj: object, reason: str) -> None:
    with pytest.raises(InputError, match=rf"^f\.jsonl:3: {reason}"):
        read_record(obj, "f.jsonl:3")
