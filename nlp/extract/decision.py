"""What a figure was judged to be, before it becomes a ``Claim``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Decision:
    """Kind, metric, unit and numbers of one figure; ``forward``/``subject`` when forced."""

    kind: str
    metric: str | None
    unit: str
    value: float
    low: float | None = None
    high: float | None = None
    forward: bool | None = None
    subject: str | None = None
