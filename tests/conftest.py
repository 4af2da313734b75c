"""Shared fixtures. HF_HUB_OFFLINE is set before anything can import sentence-transformers."""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from nlp.store.db import Store  # noqa: E402

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "test.duckdb") as opened:
        yield opened


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    return seeds


GOOD_ARTICLE = (
    "Small caps extend their run\n\nMay 14, 2025\n\n"
    "The Russell 2000 rose 1.1% to 2,061.30 on Wednesday, a fourth straight gain, as traders "
    "leaned into bets on two rate cuts this year. The S&P 500 added 0.3%.\n"
)

# file name -> (bytes, expected reason kind); every one of them must be reported, not lost
BAD_INPUTS: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b"  \n\t\n   \n", "whitespace only"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20, "binary data"),
    "garbled.txt": (b"Small caps \x81\x8d\x8f rose sharply on the day", "undecodable"),
    "login.html": (b"<html><body><nav><a href='/'>Home</a></nav><form>Password</form>"
                   b"</body></html>", "no article text"),
    "broken.json": (b'{"title": "Cut bets", "text": "The Russell 2000 rose", }', "invalid JSON"),
    "notes.pdf": (b"%PDF-1.4 small caps", "unsupported extension"),
}


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """Good articles (ours from tests/data) beside every kind of bad input."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for path in (DATA / "articles").iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    for name, (content, _) in BAD_INPUTS.items():
        (folder / name).write_bytes(content)
    (folder / "huge.txt").write_bytes(GOOD_ARTICLE.encode() * 50)  # over a small --max-bytes
    (folder / "loop").symlink_to(folder)  # a folder that links back to its parent
    (folder / "self.txt").symlink_to(folder / "self.txt")  # a file symlink loop
    (folder / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    """The project's static encoder (models/encoder), loaded once for the session."""
    from nlp.classify.embed import SentenceEmbedder

    return SentenceEmbedder().fit([])
