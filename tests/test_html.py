from datetime import UTC, datetime
from pathlib import Path

import pytest

from nlp.collect.decode import decode_bytes
from nlp.collect.html import read_html
from nlp.errors import InputError


def _read(path: Path):  # type: ignore[no-untyped-def]
    return read_html(decode_bytes(path.read_bytes(), str(path), html=True), str(path))


def test_meta_tags_and_declared_windows_1252(data_dir: Path) -> None:
    draft = _read(data_dir / "articles" / "lantern-rotation.html")
    assert draft.title == "Small-cap rotation: staying power or short squeeze?"
    assert draft.author == "René Duval"
    assert draft.publisher == "Lantern Street Journal"
    assert draft.url == "https://lantern.example/markets/small-cap-rotation"
    assert draft.published == datetime(2025, 7, 22, 13, 30, tzinfo=UTC)
    body = "\n".join(draft.paragraphs)
    assert "S&P 500’s 1.9% gain far behind — the widest" in body
    assert "“This is a positioning story" in body
    for boilerplate in ("cookies", "Related stories", "Five banks to watch", "555-0142"):
        assert boilerplate not in body


def test_json_ld_metadata(data_dir: Path) -> None:
    draft = _read(data_dir / "articles" / "northgate-2026.htm")
    assert draft.title == "Why this small-cap rally could run into 2026"
    assert draft.author == "Hollis Brand"
    assert draft.publisher == "Northgate Research"
    assert draft.published == datetime(2025, 9, 3, 15, 0, tzinfo=UTC)
    assert len(draft.paragraphs) == 4
    assert draft.paragraphs[0].startswith("Small caps have outperformed")


def test_page_without_article_text_is_refused() -> None:
    page = "<html><head><title>Login</title></head><body><nav><a href='/'>Home</a></nav>" \
           "<form><input name='user'></form></body></html>"
    with pytest.raises(InputError, match=r"^login\.html: no article text in HTML$"):
        read_html(page, "login.html")


def test_unclosed_tags_still_give_the_text() -> None:
    paragraphs = "".join(f"<p>Paragraph {i}: the Russell 2000 rose as rate-cut bets grew and "
                         f"breadth improved across sectors" for i in range(6))
    draft = read_html(f"<html><body><div><article><h1>Broken page{paragraphs}", "broken.html")
    assert any("Paragraph 5" in p for p in draft.paragraphs)
