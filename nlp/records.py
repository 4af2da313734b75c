"""Records that travel between stages: frozen dataclasses with the fields SPEC.md fixes."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any, Literal

InputFormat = Literal["txt", "html", "json", "jsonl"]
INPUT_FORMATS: dict[str, InputFormat] = {
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
}


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read: ``raw`` is the decoded input, ``text`` the cleaned body.

    ``published`` is UTC and timezone-aware; ``published_has_time`` says whether the
    source gave a time of day (a bare date is stored at 00:00 UTC).
    """

    id: str
    source: str
    format: InputFormat
    text: str
    raw: str
    title: str | None = None
    url: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: datetime | None = None
    published_has_time: bool = False
    duplicate_of: str | None = None
    junk_removed: tuple[str, ...] = ()  # names of the cleaning rules that fired
    bands: tuple[int, ...] = ()  # LSH band hashes of the text, for near-duplicate lookup

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        row["junk_removed"] = list(self.junk_removed)
        row["bands"] = list(self.bands)
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Article:
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in row.items() if k in names}
        values["junk_removed"] = tuple(values.get("junk_removed") or ())
        values["bands"] = tuple(values.get("bands") or ())
        return cls(**values)


Outcome = Literal["loaded", "unchanged", "duplicate", "near_duplicate", "rejected", "skipped"]


@dataclass(slots=True)
class RunReport:
    """What a batch did: counts by outcome and, for rejects and skips, by reason."""

    counts: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    elapsed_s: float = 0.0

    def add(self, outcome: Outcome, reason: str | None = None) -> None:
        self.counts[outcome] += 1
        if reason is not None:
            self.reasons[reason] += 1

    @property
    def failed(self) -> int:
        return self.counts["rejected"] + self.counts["skipped"]

    @property
    def articles(self) -> int:
        return sum(self.counts[o] for o in ("loaded", "unchanged", "duplicate", "near_duplicate"))

    def summary(self) -> str:
        """One line, e.g. ``loaded 40, near-duplicates 1, rejected 2 (1 empty file, ...)``."""
        parts = [f"loaded {self.counts['loaded']}"]
        for outcome, label in (
            ("near_duplicate", "near-duplicates linked"),
            ("duplicate", "duplicates"),
            ("unchanged", "already stored"),
        ):
            if self.counts[outcome]:
                parts.append(f"{label} {self.counts[outcome]}")
        if self.failed:
            why = ", ".join(f"{n} {reason}" for reason, n in self.reasons.most_common())
            parts.append(f"rejected {self.failed} ({why})")
        rate = self.articles / self.elapsed_s if self.elapsed_s > 0 else 0.0
        parts.append(f"{self.elapsed_s:.1f} s, {rate:.0f} articles/s")
        return ", ".join(parts)
