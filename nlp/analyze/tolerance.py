"""How far a stated figure may sit from the closes and still be right: pure functions.

A figure is as precise as it was written. ``2,211.65`` claims a hundredth, so it
allows half a hundredth either way; ``1.6%`` allows 0.05 percentage points. A whole
number with trailing zeros (``2,400``, ``150 points``) is read as rounded to its last
non-zero digit, but never by more than a cap (0.25 % of an index level, 1 % of a points
move), so "closed at 2,400" covers 2,394 to 2,406, not 2,350 to 2,450. A percentage
such as ``10%`` allows half a point (trailing zeros are not widened). On top of the
rounding sits a little slack for closes a writer took before the final print and for
rounding twice: 0.005 % of a level, 0.02 percentage points, 0.1 index points.

Approximate figures ("about", "nearly", "~", "more than") get a wider band: 1.5 % of
an index level; for moves, 10 % of the figure, and for percentages at least half a
percentage point.

Floats keep no trailing zeros, so ``2,240.70`` reads as ``2240.7`` (tolerance 0.05,
not 0.005) and ``3.0%`` as ``3%`` (0.5 points): a little more lenient, never stricter.
"""

from __future__ import annotations

import math
from typing import Literal

FigureKind = Literal["level", "pct", "points"]

LEVEL_ROUND_CAP = 0.0025  # a whole level with trailing zeros: at most 0.25 % of it
POINTS_ROUND_CAP = 0.01  # a whole points move with trailing zeros: at most 1 % of it
LEVEL_SLACK = 0.00005  # relative: 0.005 % of the level
PCT_SLACK = 0.02  # percentage points
POINTS_SLACK = 0.1  # index points
APPROX_LEVEL = 0.015  # relative
APPROX_MOVE = 0.10  # relative to the stated move
APPROX_PCT_FLOOR = 0.5  # percentage points


def decimals_of(value: float) -> int:
    """Digits after the point as the figure was written (``2211.65`` -> 2, ``3.0`` -> 0)."""
    text = f"{abs(value):.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def half_unit(value: float, *, cap: float | None = None) -> float:
    """Half a unit of the last stated digit.

    With ``cap`` (a fraction of the value), a whole number's trailing zeros count as
    rounding (``2400`` -> 50), limited to ``cap * |value|`` and never below 0.5.
    """
    places = decimals_of(value)
    if places:
        return 0.5 * 10.0 ** -places
    whole = round(abs(value))
    if cap is None or whole == 0:
        return 0.5
    zeros = len(str(whole)) - len(str(whole).rstrip("0"))
    return max(0.5, min(0.5 * 10.0 ** zeros, cap * abs(value)))


def rounding_tolerance(value: float, kind: FigureKind) -> float:
    """How far an exact figure may be from the truth: its rounding plus slack."""
    if kind == "level":
        return half_unit(value, cap=LEVEL_ROUND_CAP) + LEVEL_SLACK * abs(value)
    if kind == "points":
        return half_unit(value, cap=POINTS_ROUND_CAP) + POINTS_SLACK
    return half_unit(value) + PCT_SLACK


def tolerance(value: float, kind: FigureKind, *, approximate: bool = False) -> float:
    """The band around ``value`` within which the closes bear it out."""
    exact = rounding_tolerance(value, kind)
    if not approximate:
        return exact
    if kind == "level":
        return max(exact, APPROX_LEVEL * abs(value))
    floor = APPROX_PCT_FLOOR if kind == "pct" else 0.0
    return max(exact, floor, APPROX_MOVE * abs(value))


def is_within(stated: float, actual: float, kind: FigureKind, *, approximate: bool = False,
              low: float | None = None, high: float | None = None) -> bool:
    """Whether ``actual`` bears out ``stated`` (or the range ``low``-``high``).

    A move in the wrong direction is never borne out, however approximate: a stated
    rise fails when the closes give a fall larger than the figure's rounding.
    """
    if not math.isfinite(actual):
        return False
    if kind != "level" and is_wrong_direction(stated, actual, kind):
        return False
    if low is not None and high is not None:
        lo, hi = sorted((low, high))
        return (lo - tolerance(lo, kind, approximate=approximate) <= actual
                <= hi + tolerance(hi, kind, approximate=approximate))
    return abs(actual - stated) <= tolerance(stated, kind, approximate=approximate)


def is_wrong_direction(stated: float, actual: float, kind: FigureKind) -> bool:
    """A rise stated for a fall (or the reverse) beyond the stated figure's rounding."""
    margin = rounding_tolerance(stated, kind)
    return (stated > 0 and actual < -margin) or (stated < 0 and actual > margin)
