"""Records that travel between stages: frozen dataclasses with the fields SPEC.md fixes."""

from __future__ import annotations

import hashlib
import zlib
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any, Literal

RAW_COMPRESSION = 6  # zlib level of the stored raw input: large pages stay small on disk

InputFormat = Literal["txt", "html", "json", "jsonl"]
INPUT_FORMATS: dict[str, InputFormat] = {
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
}


def _missing(value: Any) -> bool:
    """None, NaN or NaT: what a DataFrame row holds for SQL NULL."""
    return value is None or (isinstance(value, float | datetime) and value != value)


def pack_raw(raw: str) -> bytes:
    return zlib.compress(raw.encode("utf-8"), RAW_COMPRESSION)


def unpack_raw(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read: ``raw`` is the decoded input, ``text`` the cleaned body.

    In the store, ``raw`` is kept zlib-compressed (a BLOB): raw web pages are mostly
    scripts and markup, and uncompressed they dominate the file and the memory a
    write needs. ``Store.raw_text`` (or ``from_row``) gives the text back.

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
    minhash: tuple[int, ...] = ()  # MinHash signature of the text, for near-duplicates

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        row["raw"] = pack_raw(self.raw)
        row["junk_removed"] = list(self.junk_removed)
        row["minhash"] = list(self.minhash)
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Article:
        names = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: (None if _missing(v) else v) for k, v in row.items()
                                  if k in names}
        if isinstance(values.get("raw"), bytes | bytearray):
            values["raw"] = unpack_raw(values["raw"])
        for name in ("junk_removed", "minhash"):
            values[name] = tuple(values[name]) if values.get(name) is not None else ()
        return cls(**values)


Outcome = Literal["loaded", "unchanged", "duplicate", "near_duplicate", "rejected", "skipped"]


@dataclass(slots=True)
class RunReport:
    """What a batch did: counts by outcome and, for rejects and skips, by reason."""

    counts: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    claims: int = 0  # claims extracted from the articles loaded
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
        """One line, e.g. ``loaded 40 (1 near-duplicates linked, 310 claims), rejected 2 (…)``."""
        details = [f"{self.counts['near_duplicate']} near-duplicates linked"] \
            if self.counts["near_duplicate"] else []
        details += [f"{self.claims} claims"] if self.claims else []
        loaded = self.counts["loaded"] + self.counts["near_duplicate"]
        parts = [f"loaded {loaded}" + (f" ({', '.join(details)})" if details else "")]
        for outcome, label in (("duplicate", "duplicates"), ("unchanged", "already stored")):
            if self.counts[outcome]:
                parts.append(f"{label} {self.counts[outcome]}")
        if self.failed:
            why = ", ".join(f"{n} {reason}" for reason, n in self.reasons.most_common())
            parts.append(f"rejected {self.failed} ({why})")
        rate = self.articles / self.elapsed_s if self.elapsed_s > 0 else 0.0
        parts.append(f"{self.elapsed_s:.1f} s, {rate:.0f} articles/s")
        return ", ".join(parts)


ClaimKind = Literal["index_level", "price_change", "pe_ratio", "rate_expectation",
                    "earnings_growth", "return_forecast", "other"]
Unit = Literal["%", "bp", "x", "pts", "count", "pp"]
Verdict = Literal["verified", "contradicted", "unverifiable"]


@dataclass(frozen=True, slots=True)
class Claim:
    """One extracted figure; the fields are SPEC.md's claim record, plus a stable ``id``."""

    article: str
    source: str
    kind: ClaimKind
    metric: str | None
    subject: str | None
    subject_text: str | None
    value: float
    low: float | None
    high: float | None
    unit: Unit
    approximate: bool
    forward_looking: bool
    period: str | None
    period_start: date | None
    period_end: date | None
    speaker: str | None
    sentence: str
    start: int
    end: int
    verdict: Verdict | None = None
    actual: float | None = None

    @property
    def id(self) -> str:
        """Stable: the article, the figure's span and its kind."""
        key = f"{self.article}:{self.start}:{self.end}:{self.kind}:{self.metric}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def to_row(self) -> dict[str, Any]:
        return {"id": self.id, **asdict(self)}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Claim:
        names = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: (None if _missing(v) else v) for k, v in row.items()
                                  if k in names}
        return cls(**values)


SentimentLabel = Literal["negative", "neutral", "positive"]


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """One sentence's financial sentiment: ``score`` is P(positive) - P(negative)."""

    article: str
    position: int
    start: int
    end: int
    text: str
    label: SentimentLabel
    score: float
    probability: float  # of the label

    def to_row(self) -> dict[str, Any]:
        return asdict(self)


StanceLabel = Literal["sustainable", "skeptical", "uncertain", "none"]


@dataclass(frozen=True, slots=True)
class Stance:
    """An article's view on whether the rally lasts (SPEC's stance record)."""

    article: str
    source: str
    stance: StanceLabel
    score: float  # -1 (it fades) … 1 (it lasts)
    confidence: float  # 0 … 1
    evidence: tuple[str, ...]  # the sentences that carried the decision, strongest first
    sentiment: float  # mean sentence sentiment score, -1 … 1

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        row["evidence"] = list(self.evidence)
        return row
