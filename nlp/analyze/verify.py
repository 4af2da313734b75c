"""Check reported index levels and moves against the closes: a pure DataFrame function.

``verify_claims(claims, closes)`` gives one row per claim it considers: ``id``,
``verdict`` (``verified``, ``contradicted`` or ``unverifiable``), ``actual`` (the figure
the closes give: a close, a move in % or in points), ``note`` (why it is unverifiable,
or which neighbouring session it matches), ``session`` (the date used, or
``base..end`` for a move over a window) and ``neighbour`` (True when a contradicted
claim matches a neighbouring session).

**Which claims.** ``index_level`` (metric ``close``, ``level``, ``record`` or none) and
``price_change`` with metric ``pct`` (unit ``%``) or ``points`` (unit ``pts``) that are
not ``forward_looking``. Every other claim (P/E ratios, relative moves in pp,
forecasts …) is left out: its verdict stays null. Of those considered, a claim is
``unverifiable`` with its reason when it names no subject ("no index named"), names a
segment rather than an index (``small_caps`` is not read as the Russell 2000: the
writer may mean the S&P 600 or small caps at large), names an index without closes,
is an ``intraday`` level or a ``target``, lacks a period it needs, or needs a close the
frame does not have ("no close for 2025-07-22 (closes of russell_2000 end on …)").

**Sessions.** A session is a date with a close (``sessions``); a day the exchange was
shut (weekend, NYSE holiday) stands for the last session before it, and a trading day
the closes lack makes the claim unverifiable ("no close for 2025-07-22 (closes of
russell_2000 end on …)"), never read as another day. The article's date is its New
York calendar date; a bare date (``published_has_time`` false, or midnight UTC when
that column is absent) is taken as given. *As of publication* means the last close at
or before the article (a bare date counts as after that day's close) and the session of
the article's date when there is one (an article from during a session, or with a
time stamp that is off, may report that day's close).

* A one-day period ("on Tuesday", "Friday's session", ``period_start == period_end``)
  is that day's session (the last before it when the exchange was shut). A day on or
  after the article's date ("today", "on the day") means as of publication. A level is
  that session's close; a move runs from the previous session's close to it.
* A window ("since the start of July", "year to date", "this month") runs, like
  ``returns.window_returns``, from the last close before ``period_start`` to the last
  close on or before ``period_end``, or as of publication when the window reaches the
  article's date ("in July" written on July 22 means July so far). When the period
  words name a day ("since the April 8 low", "since July 1"), the move from that day's
  close is accepted as well (commentary reads it both ways). A level over a window
  reaching the article is the close as of publication; a level in a past window ("near
  2,250 where it stalled in January") is verified when any close in the window
  matches, else contradicted with the nearest.
* A period that starts on or after the article's date and ends after it ("by
  year-end") is a forecast the extractor did not flag: unverifiable.
* Without a period, a claim is checked as of publication and against the session
  before (a morning note about yesterday): a match is ``verified``, but no match is
  ``unverifiable`` ("no period stated …"), never ``contradicted``, as the figure may be
  about a period the extractor did not see ("about 15% off its November high").

Of several sessions that bear a claim out, the nearest figure is reported.

**Tolerance** is the precision the figure was written with (``tolerance``): half a unit
of its last digit plus a little slack; approximate figures get 1.5 % of a level, 10 %
of a move and at least half a point of a percentage. A move in the wrong direction is
contradicted however approximate. A range (``low``/``high``) must contain the figure.

**Neighbouring sessions.** When a claim with a stated period is not borne out but the
session before or after (not after the article) matches, the verdict stays
``contradicted``, with the actual figure of the stated session, ``neighbour`` True and
the note "matches the close of 2025-09-11, not 2025-09-12": the figure is real but put
on the wrong day, which a reader should see, and a wrong day is still a wrong claim.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from .frames import require_columns
from .sessions import NoClose, Publication, Series, publication_of, series_by_subject
from .tolerance import FigureKind, is_within, is_wrong_direction

CLAIM_COLUMNS = ("id", "kind", "metric", "subject", "value", "low", "high", "unit",
                 "approximate", "forward_looking", "period_start", "period_end", "published")
OUTPUT_COLUMNS = ("id", "verdict", "actual", "note", "session", "neighbour")
GENERIC_SUBJECTS = frozenset({"small_caps", "mid_caps", "large_caps", "megacaps"})
LEVEL_METRICS = frozenset({"close", "level", "record"})
NOT_A_CLOSE = {"intraday": "an intraday level; only closes are stored",
               "target": "a target, not a reported level"}
CHANGE_UNITS = {"pct": "%", "points": "pts"}
_NAMED_DAY = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
                        r" \d{1,2}(?:st|nd|rd|th)?\b", re.IGNORECASE)
_EXTREME = re.compile(r"\b(?:low|high|peak|bottom|trough|close|record)s?\b", re.IGNORECASE)


class Unverifiable(Exception):
    """A claim that cannot be checked; the message is the reason."""


@dataclass(frozen=True, slots=True)
class _Choice:
    """Sessions a figure is read at: a close (``base`` None) or a move base -> end."""

    end: int
    base: int | None = None
    one_day: bool = False  # a move from the session before ``end``


@dataclass(frozen=True, slots=True)
class _Plan:
    stated: list[_Choice]  # any match: verified
    neighbours: list[_Choice]  # a match: contradicted, flagged
    soft: bool = False  # no period stated: no match is unverifiable
    window: bool = False  # a level in a past window: any close in it


def verify_claims(claims: pd.DataFrame, closes: pd.DataFrame) -> pd.DataFrame:
    """One row per checkable claim of ``claims``: ``id, verdict, actual, note, session,
    neighbour`` (see the module docstring for the rules).

    ``claims`` has the claims table's columns (``id, kind, metric, subject, value, low,
    high, unit, approximate, forward_looking, period_start, period_end``) plus
    ``published`` of its article, and optionally ``period`` (the words) and
    ``published_has_time``. ``closes`` has ``subject, date, close`` for any subjects.
    """
    require_columns(claims, CLAIM_COLUMNS, caller="verify_claims")
    require_columns(closes, ["subject", "date", "close"], caller="verify_claims")
    series = series_by_subject(closes)
    rows = []
    for claim in claims.to_dict("records"):
        if not is_checked(claim):
            continue
        try:
            rows.append({"id": claim["id"], **_verify_one(claim, series)})
        except (Unverifiable, NoClose) as why:
            rows.append({"id": claim["id"], "verdict": "unverifiable", "actual": None,
                         "note": str(why), "session": None, "neighbour": False})
    frame = pd.DataFrame(rows, columns=list(OUTPUT_COLUMNS))
    frame["actual"] = frame["actual"].astype(float)
    frame["neighbour"] = frame["neighbour"].astype(bool)
    return frame


def is_checked(claim: Mapping[str, Any]) -> bool:
    """Whether ``verify_claims`` considers this claim (a row of the claims table)."""
    if _flag(claim.get("forward_looking")):
        return False
    if claim.get("kind") == "index_level":
        return True
    return claim.get("kind") == "price_change" and claim.get("metric") in CHANGE_UNITS


def summarize_verdicts(verdicts: pd.DataFrame) -> str:
    """``checked 41 claims: 30 verified, 6 contradicted (2 match a neighbouring session),
    5 unverifiable``."""
    counts = verdicts["verdict"].value_counts()
    flagged = int((verdicts["neighbour"].astype(bool)
                   & (verdicts["verdict"] == "contradicted")).sum())
    contradicted = f"{int(counts.get('contradicted', 0))} contradicted"
    if flagged:
        contradicted += f" ({flagged} match{'es' if flagged == 1 else ''} a neighbouring session)"
    noun = "claim" if len(verdicts) == 1 else "claims"
    return (f"checked {len(verdicts)} {noun}: {int(counts.get('verified', 0))} verified, "
            f"{contradicted}, {int(counts.get('unverifiable', 0))} unverifiable")


def _verify_one(claim: Mapping[str, Any], series: Mapping[str, Series]) -> dict[str, Any]:
    kind = _figure_kind(claim)
    subject = _text(claim.get("subject"))
    if subject is None:
        raise Unverifiable("no index named")
    if subject in GENERIC_SUBJECTS:
        raise Unverifiable(f"{subject} is a market segment, not an index")
    if subject not in series:
        raise Unverifiable(f"no closes for {subject}")
    value = _number(claim.get("value"))
    if value is None:
        raise Unverifiable("no value")
    closes = series[subject]
    pub = publication_of(claim.get("published"), claim.get("published_has_time"))
    plan = _plan(claim, kind, closes, pub)
    approximate = _flag(claim.get("approximate"))
    low, high = _number(claim.get("low")), _number(claim.get("high"))

    def figure(choice: _Choice) -> float:
        return _figure(closes, choice, kind)

    def matches(choice: _Choice) -> bool:
        return is_within(value, figure(choice), kind, approximate=approximate, low=low,
                         high=high)

    found = min((choice for choice in plan.stated if matches(choice)), default=None,
                key=lambda choice: abs(figure(choice) - value))
    if found is not None:
        note = "no period stated; read as the latest session" if plan.soft else None
        return _result("verified", figure(found), note, _label(closes, found))
    primary = min(plan.stated, key=lambda choice: abs(figure(choice) - value))
    actual = figure(primary)
    if plan.soft:
        raise Unverifiable(f"no period stated, and not the latest session's figure "
                           f"({_show(actual, kind)} on {_label(closes, primary)})")
    near = next((choice for choice in plan.neighbours if matches(choice)), None)
    if near is not None:
        what = "close of" if kind == "level" else "move of" if primary.one_day else "move to"
        note = (f"matches the {what} {closes.day(near.end)}, not {closes.day(primary.end)}")
        return _result("contradicted", actual, note, _label(closes, primary), neighbour=True)
    if kind != "level" and is_wrong_direction(value, actual, kind):
        note = f"wrong direction: the closes give {_show(actual, kind)}"
    elif plan.window:
        first, last = closes.day(plan.stated[0].end), closes.day(plan.stated[-1].end)
        note = f"no close from {first} to {last} within tolerance (nearest shown)"
    else:
        note = None
    return _result("contradicted", actual, note, _label(closes, primary))


def _plan(claim: Mapping[str, Any], kind: FigureKind, closes: Series,
          pub: Publication | None) -> _Plan:
    start, end = _day(claim.get("period_start")), _day(claim.get("period_end"))
    if end is None and start is not None:
        end = pub.day if pub is not None else None
    if end is None:
        if pub is None:
            raise Unverifiable("no period and no publication date")
        ends = closes.as_of(pub)
        return _Plan(_moves(closes, [*_previous(closes, ends[0]), *ends], kind), [], soft=True)
    if pub is not None and (start or end) >= pub.day and end > pub.latest_day:
        raise Unverifiable(f"the period ends after the article ({end}): a forecast")
    if start is None or start >= end:  # one session: its close, or its move
        stated, neighbours = _ends(closes, end, pub)
        return _Plan(_moves(closes, stated, kind), _moves(closes, neighbours, kind, some=False))
    if kind == "level":
        if pub is not None and end >= pub.day:
            stated, neighbours = _ends(closes, end, pub)
            return _Plan([_Choice(e) for e in stated], [_Choice(e) for e in neighbours])
        closes.at_or_before(end)  # the window's end is covered, or NoClose
        inside = closes.between(start, end)
        if not inside or start < closes.day(0):
            raise NoClose(f"no close for {start} (closes of {closes.subject} start on "
                          f"{closes.day(0)})")
        return _Plan([_Choice(e) for e in inside], [], window=True)
    bases = _bases(closes, start, _text(claim.get("period")))
    stated, neighbours = _ends(closes, end, pub)
    choices = [_Choice(e, b) for b in bases for e in stated if b < e]
    if not choices:
        raise Unverifiable(f"no session from {start} to {end}")
    return _Plan(choices, [_Choice(e, bases[0]) for e in neighbours if bases[0] < e])


def _ends(closes: Series, end: date, pub: Publication | None) -> tuple[list[int], list[int]]:
    """The stated session(s) a period ending on ``end`` stands for, and their neighbours."""
    if pub is not None and end >= pub.day:
        stated = closes.as_of(pub)
        return stated, _previous(closes, stated[0])
    last = closes.at_or_before(end)
    neighbours = _previous(closes, last)
    following = closes.following(last)
    if following is not None and (pub is None or closes.day(following) <= pub.day):
        neighbours.append(following)
    return [last], neighbours


def _previous(closes: Series, index: int) -> list[int]:
    """The session before ``index`` as a list: empty at the start or across a hole."""
    try:
        return [closes.previous(index)]
    except NoClose:
        return []


def _bases(closes: Series, start: date, words: str | None) -> list[int]:
    """Sessions a move over a window starting on ``start`` may run from, preferred first."""
    before = closes.before(start)
    if words is None or not _NAMED_DAY.search(words) or not closes.has(start):
        return [before]
    on_day = closes.index_of(start)
    return [on_day, before] if _EXTREME.search(words) else [before, on_day]


def _moves(closes: Series, ends: list[int], kind: FigureKind, *,
           some: bool = True) -> list[_Choice]:
    """One-session figures: the closes, or the moves from the sessions before. Sessions
    after a hole in the closes are dropped; with ``some``, none left raises ``NoClose``."""
    if kind == "level":
        return [_Choice(end) for end in ends]
    choices, error = [], None
    for end in ends:
        try:
            choices.append(_Choice(end, closes.previous(end), one_day=True))
        except NoClose as err:
            error = err
    if some and not choices and error is not None:
        raise error
    return choices


def _figure(closes: Series, choice: _Choice, kind: FigureKind) -> float:
    close = closes.close(choice.end)
    if kind == "level" or choice.base is None:
        return round(close, 4)
    base = closes.close(choice.base)
    return round((close / base - 1) * 100 if kind == "pct" else close - base, 4)


def _figure_kind(claim: Mapping[str, Any]) -> FigureKind:
    metric, unit = _text(claim.get("metric")), _text(claim.get("unit"))
    if claim.get("kind") == "index_level":
        if metric in NOT_A_CLOSE:
            raise Unverifiable(NOT_A_CLOSE[metric])
        if metric is not None and metric not in LEVEL_METRICS:
            raise Unverifiable(f"a {metric} level is not checked")
        if unit not in (None, "pts"):
            raise Unverifiable(f"an index level in {unit}")
        return "level"
    if unit != CHANGE_UNITS[str(metric)]:
        raise Unverifiable(f"a {metric} move in {unit}")
    return "pct" if metric == "pct" else "points"


def _label(closes: Series, choice: _Choice) -> str:
    if choice.base is None or choice.one_day:
        return str(closes.day(choice.end))
    return f"{closes.day(choice.base)}..{closes.day(choice.end)}"


def _show(value: float, kind: FigureKind) -> str:
    if kind == "level":
        return f"{value:,.2f}"
    return f"{value:+.2f}%" if kind == "pct" else f"{value:+,.2f} pts"


def _result(verdict: str, actual: float, note: str | None, session: str, *,
            neighbour: bool = False) -> dict[str, Any]:
    return {"verdict": verdict, "actual": actual, "note": note, "session": session,
            "neighbour": neighbour}


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and math.isnan(value))


def _flag(value: Any) -> bool:
    return False if _missing(value) else bool(value)


def _text(value: Any) -> str | None:
    return None if _missing(value) or not str(value).strip() else str(value)


def _number(value: Any) -> float | None:
    return None if _missing(value) else float(value)


def _day(value: Any) -> date | None:
    if _missing(value):
        return None
    stamp = pd.Timestamp(value)
    return None if stamp is pd.NaT else stamp.date()
