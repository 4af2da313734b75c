"""What a reader of one input format hands on: the body and the metadata it found."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Draft:
    """An article before cleaning and identity: ``paragraphs`` are the body, title excluded."""

    paragraphs: tuple[str, ...]
    title: str | None = None
    url: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: datetime | None = None
    published_has_time: bool = False
