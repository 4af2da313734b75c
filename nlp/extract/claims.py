"""Figure spans to ``Claim`` records: what the figure is, about what, when, said by whom.

``extract_claims(doc, ...)`` reads the spans ``make_nlp`` found and decides, from the
words around each figure, its kind and metric, its value and unit (numbers parsed by
``numbers.py``), its sign, its subject (``indices.json`` aliases, the article's main
index for "the index"), its period (``periods.py``) and its speaker
(``speakers.py``). A figure whose context fits no kind gives no claim.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..records import Claim
from .context import (
    FUTURE_WORDS,
    LEVEL_WORDS,
    RELATIVE_WORDS,
    Mention,
    clause_bounds,
    is_approximate,
    sign_of,
    words,
)
from .numbers import MOVE_WORDS, is_year, parse_bp_idiom, parse_number, parse_word_number
from .periods import find_period
from .pipeline import FIGURES, INDICES
from .speakers import find_speaker

INDEX_SUBJECTS = {"russell_2000", "russell_1000", "russell_3000", "russell_midcap", "sp500",
                  "sp600", "sp400", "nasdaq_composite", "nasdaq_100", "dow_jones"}
NOT_INDEX_AFTER = {"investments", "investment", "company", "reconstitution", "rebalance"}
PE_TEXT = re.compile(r"\bp\s?/\s?e\b|price[-/ ](?:to[-/ ])?earnings|\bpe ratio|\bmultiples?\b"
                     r"|times (?:forward|trailing|current|next|expected)?[- ]?(?:year'?s? )?"
                     r"(?:earnings|profits|eps)|\bvaluations?\b|\btrades? at\b")
RATE_CONTEXT = {"fed", "fomc", "central", "rate", "rates", "cut", "cuts", "easing", "hike",
                "hikes", "funds", "policy", "monetary", "powell", "fedwatch"}
PROBABILITY_WORDS = {"chance", "chances", "odds", "probability", "likelihood", "priced",
                     "pricing", "implied", "implies", "bets", "probabilities"}
EARNINGS_WORDS = {"eps", "earnings", "profit", "profits", "revenue", "revenues", "sales",
                  "income"}
RETURN_WORDS = {"return", "returns", "annualized", "annualised", "gains"}
OTHER_METRICS = (
    ("yield", {"yield", "yields", "treasury", "treasuries", "10-year", "bond"}),
    ("inflation", {"inflation", "cpi", "pce", "prices"}),
    ("gdp", {"gdp", "economy", "output"}),
    ("unemployment", {"unemployment", "jobless", "payrolls"}),
    ("margin", {"margin", "margins"}),
    ("share", {"unprofitable", "share", "companies", "members", "constituents", "stocks",
               "weight", "weighting", "names", "proportion", "portion"}),
)
NOT_A_FIGURE_AFTER = {"million", "billion", "trillion", "days", "day", "stocks", "companies",
                      "members", "constituents", "names", "years", "year", "months", "month",
                      "weeks", "week", "sessions", "session", "people", "employees", "firms",
                      "shares", "funds", "times", "th", "st", "nd", "rd", "am", "pm", "a.m.",
                      "p.m.", "et", "minutes", "hours", "basis", "bps", "bp"}
NOT_A_FIGURE_BEFORE = {"$", "€", "£", "q", "no.", "#", "page", "section", "since", "in",
                       "from", "of", "during", "until", "by", "through", "before", "after"}
_CURRENT = {"now", "currently", "current", "today", "stands", "sits", "is", "remains", "held",
            "holds", "kept", "unchanged", "existing", "present"}


def _mentions(doc: Doc) -> list[Mention]:
    spans = [s for s in filter_spans(list(doc.spans[INDICES]))
             if not (s.end < len(doc) and doc[s.end].lower_ in NOT_INDEX_AFTER)]
    return [Mention(s.label_, s.text, s.start, s.end) for s in spans]


def main_subject(mentions: list[Mention]) -> str | None:
    """The index an article is mostly about: what "the index" refers to."""
    counts = Counter(m.subject for m in mentions if m.subject in INDEX_SUBJECTS)
    return counts.most_common(1)[0][0] if counts else None


class _Figure:
    """One figure span with its sentence, clause and the words of each."""

    def __init__(self, span: Span, mentions: list[Mention]) -> None:
        self.span = span
        self.sent = span.sent
        self.lo, self.hi = clause_bounds(self.sent, span.start, span.end)
        doc = span.doc
        self.clause = words(doc[self.lo:self.hi])
        self.clause_text = doc[self.lo:self.hi].text.lower()
        self.sentence_words = set(words(self.sent))
        self.left = words(doc[max(self.lo, span.start - 6):span.start])
        self.right = words(doc[span.end:min(self.hi, span.end + 4)])
        self.mentions = [m for m in mentions if self.sent.start <= m.start < self.sent.end]

    def has(self, vocabulary: set[str], *, sentence: bool = False) -> bool:
        return bool(vocabulary & (self.sentence_words if sentence else set(self.clause)))

    def numbers(self) -> list[float]:
        values = []
        for token in self.span:
            try:
                values.append(parse_number(token.text))
            except ValueError:
                continue
        return values

    def forward(self) -> bool:
        return self.has(FUTURE_WORDS) or bool(
            re.search(r"\b(?:by|before) the end of|\bnext (?:year|month|quarter|week)|"
                      r"\bover the (?:next|coming)|\bin the coming\b", self.clause_text))

    def subject(self, article_main: str | None) -> Mention | None:
        """The index the figure is about: named just after it ("~7.8% for the S&P 500"),
        else the nearest before it in its clause, then its sentence, else after it."""
        span = self.span
        for m in self.mentions:
            between = words(span.doc[span.end:m.start])
            if (0 < m.start - span.end <= 4 and between[0] in {"for", "in", "of", "on", "by"}
                    and set(between) <= {"for", "in", "of", "on", "the", "’s", "'s", "by"}):
                return m
        before = [m for m in self.mentions if m.end <= span.start]
        in_clause = [m for m in before if m.start >= self.lo]
        if in_clause:
            return in_clause[-1]
        after = [m for m in self.mentions if m.start >= span.end and m.start < self.hi]
        if after:
            return after[0]
        if before:
            return before[-1]
        if article_main and re.search(r"\bthe (?:index|benchmark|gauge)\b",
                                      self.sent.text.lower()):
            return Mention(article_main, "the index", -1, -1)
        return None


def _pe_metric(figure: _Figure) -> str | None:
    for scope in (figure.clause_text, figure.sent.text.lower()):
        for metric in ("forward", "trailing", "relative"):
            if re.search(rf"\b{metric}\b", scope):
                return metric
    return None


def _other_metric(figure: _Figure) -> str | None:
    for metric, vocabulary in OTHER_METRICS:
        if figure.has(vocabulary):
            return metric
    return None


def _is_pe(figure: _Figure) -> bool:
    return bool(PE_TEXT.search(figure.clause_text) or PE_TEXT.search(figure.sent.text.lower())
                and not figure.has(EARNINGS_WORDS - {"earnings"} | {"growth", "grow"}))


class _Decision:
    __slots__ = ("kind", "metric", "unit", "value", "low", "high", "forward", "subject")

    def __init__(self, kind: str, metric: str | None, unit: str, value: float,
                 low: float | None = None, high: float | None = None,
                 forward: bool | None = None, subject: str | None = None) -> None:
        self.kind, self.metric, self.unit = kind, metric, unit
        self.value, self.low, self.high = value, low, high
        self.forward, self.subject = forward, subject


def _percent(figure: _Figure, label: str, previous_sign: int | None) -> _Decision | None:
    values = figure.numbers()
    if not values:
        return None
    low, high = (min(values), max(values)) if label == "PCT_RANGE" and len(values) >= 2 \
        else (None, None)
    value = (low + high) / 2 if low is not None and high is not None else values[0]
    if figure.has(PROBABILITY_WORDS) and figure.has(RATE_CONTEXT, sentence=True):
        return _Decision("rate_expectation", "cut_probability", "%", value, forward=True,
                         subject="fed_funds")
    fed_named = any(m.subject == "fed_funds" for m in figure.mentions)
    rate_words = figure.has({"rate", "rates", "range", "target"}) and figure.has(
        {"fed", "fomc", "central", "policy", "funds", "lending", "benchmark"}, sentence=True)
    if (fed_named or rate_words) and not figure.has({"yield", "yields", "treasury", "mortgage",
                                                     "inflation", "cpi"}) and value < 20:
        near = set(figure.left[-2:]) | set(figure.right[:2])
        current = bool(near & (_CURRENT | {"from"})) or (
            figure.has(_CURRENT) and not figure.forward())
        return _Decision("rate_expectation", "current_range" if current else "target_range",
                         "%", value, low, high, forward=not current, subject="fed_funds")
    sign = sign_of(figure.sent, figure.span.start, figure.span.end, figure.lo, figure.hi)
    if figure.has(EARNINGS_WORDS) and (sign is not None or figure.has(
            {"growth", "grow", "expand", "expansion", "increase", "forecast", "estimate"})) \
            and not figure.has({"margin", "margins"}):
        metric = "eps" if figure.has({"eps", "per-share"}) or "per share" in \
            figure.clause_text else "revenue" if figure.has({"revenue", "revenues", "sales"}) \
            else "earnings"
        return _Decision("earnings_growth", metric, "%", value * (sign or 1), low, high)
    if figure.has(RETURN_WORDS) and (figure.forward() or figure.has({"annualized",
                                                                     "annualised"})):
        metric = "annualized" if figure.has({"annualized", "annualised", "annual", "annually",
                                             "per"}) else "total"
        return _Decision("return_forecast", metric, "%", value, low, high, forward=True)
    other = _other_metric(figure)
    if other in ("yield", "inflation", "gdp", "unemployment", "margin"):
        return _Decision("other", other, "%", value * (sign or 1), low, high)
    if figure.has(RELATIVE_WORDS) and "by" in figure.left[-3:]:
        negative = figure.has({"underperformed", "lagged", "trailed", "underperform",
                               "underperforming", "lagging", "trailing", "underperformance"})
        return _Decision("price_change", "relative", "%", -value if negative else value)
    if other == "share" and sign is None:
        return _Decision("other", "share", "%", value, low, high)
    if sign is None:
        sign = previous_sign
    if sign is not None or figure.subject(None) is not None:
        return _Decision("price_change", "pct", "%", value * (sign or 1), low, high)
    return _Decision("other", other or "pct", "%", value, low, high)


def _bare_number(figure: _Figure) -> _Decision | None:
    token = figure.span[0]
    doc = figure.span.doc
    text = token.text
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    after2 = doc[token.i + 2].lower_ if token.i + 2 < len(doc) else ""
    if is_year(text) or after in NOT_A_FIGURE_AFTER or before in {"$", "€", "£", "q", "#"} \
            or (after == "-" and after2 in NOT_A_FIGURE_AFTER | {"day", "week", "year"}):
        return None
    value = parse_number(text)
    left = " ".join(words(doc[max(figure.lo, token.i - 8):token.i]))
    if value < 200 and PE_TEXT.search(left) and not figure.has({"growth", "grow"}):
        return _Decision("pe_ratio", _pe_metric(figure), "x", value)
    has_index = figure.subject(None) is not None or "index" in figure.clause
    if value >= 100 and ("," in text or "." in text or value >= 1000) and has_index and (
            set(figure.left[-3:]) & LEVEL_WORDS):
        clause = figure.clause_text
        metric = ("record" if re.search(r"\brecord|all-time", clause)
                  else "target" if figure.has({"target", "targets", "forecast", "reach",
                                               "see", "sees"}) and figure.forward()
                  else "intraday" if "intraday" in clause
                  else "close" if figure.has({"closed", "close", "closing", "ended",
                                              "finished", "settled"})
                  else "level")
        return _Decision("index_level", metric, "pts", value,
                         forward=metric == "target" or None)
    return None


def _decide(figure: _Figure, label: str, previous_sign: int | None) -> _Decision | None:
    if label in ("PCT", "PCT_RANGE"):
        return _percent(figure, label, previous_sign)
    if label == "MULT":
        if not _is_pe(figure) or set(figure.right[:1]) & {"the", "as", "more", "that", "its"}:
            return None
        return _Decision("pe_ratio", _pe_metric(figure), "x", figure.numbers()[0])
    if label in ("BP", "BP_IDIOM"):
        value = figure.numbers()[0] if label == "BP" else float(parse_bp_idiom(figure.span.text))
        if figure.has({"yield", "yields", "spread", "spreads", "treasury"}):
            sign = sign_of(figure.sent, figure.span.start, figure.span.end, figure.lo, figure.hi)
            return _Decision("other", "yield", "bp", value * (sign or 1))
        hike = figure.has({"hike", "hikes", "raise", "raises", "tightening"})
        return _Decision("rate_expectation", "hike_size" if hike else "cut_size", "bp", value,
                         subject="fed_funds")
    if label == "PP":
        values = figure.numbers() or [float(parse_word_number(figure.span[0].text))]
        negative = figure.has({"underperformed", "lagged", "trailed", "lagging", "trailing"})
        metric = "relative" if figure.has(RELATIVE_WORDS) or len(figure.mentions) > 1 else None
        return _Decision("price_change" if metric else "other", metric, "pp",
                         -values[0] if negative else values[0])
    if label == "POINTS":
        sign = sign_of(figure.sent, figure.span.start, figure.span.end, figure.lo, figure.hi)
        return _Decision("price_change", "points", "pts", figure.numbers()[0] * (sign or 1))
    if label == "MOVE_WORD":
        value = MOVE_WORDS[figure.span[0].lower_]
        if figure.subject(None) is None or figure.has({"shares", "stock", "stocks"}):
            return _Decision("other", "stock_move", "%", value)
        return _Decision("price_change", "pct", "%", value)
    if label == "NUMBER":
        return _bare_number(figure)
    return None


def _cut_counts(doc: Doc, taken: set[int]) -> list[Span]:
    """The count token of each "two (25-basis-point) cuts" match, as its own span."""
    counts = []
    for span in doc.spans[FIGURES]:
        if span.label_ != "CUT_COUNT" or span[0].lower_ in ("a", "an", "single"):
            continue
        if span.start not in taken:
            counts.append(Span(doc, span.start, span.start + 1, label="CUT_COUNT"))
    return counts


def extract_claims(doc: Doc, *, article: str, source: str, published: date | None) -> list[Claim]:
    """Every figure in ``doc`` that is a claim of a SPEC kind, in text order."""
    mentions = _mentions(doc)
    in_mention = {i for m in mentions for i in range(m.start, m.end)}
    candidates = [s for s in doc.spans[FIGURES] if s.label_ != "CUT_COUNT"
                  and not (s.label_ == "NUMBER" and s.start in in_mention)]
    figures = filter_spans(candidates)
    taken = {i for s in figures for i in range(s.start, s.end)}
    figures = sorted(figures + _cut_counts(doc, taken), key=lambda s: s.start)
    article_main = main_subject(mentions)
    index_names = {m.text.lower() for m in mentions}
    claims: list[Claim] = []
    signs: dict[int, int] = {}  # sentence start -> sign of the last move in it
    for span in figures:
        figure = _Figure(span, mentions)
        if span.label_ == "CUT_COUNT":
            try:
                count = float(parse_word_number(span.text))
            except ValueError:
                continue
            hike = figure.has({"hike", "hikes", "increases"})
            decision: _Decision | None = _Decision(
                "rate_expectation", "hike_count" if hike else "cut_count", "count", count,
                subject="fed_funds")
        else:
            try:
                decision = _decide(figure, span.label_, signs.get(figure.sent.start))
            except ValueError:
                decision = None
        if decision is None:
            continue
        if decision.kind == "price_change" and decision.value:
            signs[figure.sent.start] = 1 if decision.value > 0 else -1
        claims.append(_claim(figure, decision, article=article, source=source,
                             published=published, article_main=article_main,
                             index_names=index_names))
    return claims


def _claim(figure: _Figure, decision: _Decision, *, article: str, source: str,
           published: date | None, article_main: str | None,
           index_names: set[str]) -> Claim:
    span, sent = figure.span, figure.sent
    forward = decision.forward if decision.forward is not None else figure.forward()
    mention = figure.subject(article_main)
    subject = decision.subject or (mention.subject if mention else None)
    subject_text = mention.text if mention and (
        not decision.subject or mention.subject == decision.subject) else None
    offset = span.start_char - sent.start_char
    doc = span.doc
    clause = (doc[figure.lo].idx - sent.start_char,
              doc[figure.hi - 1].idx + len(doc[figure.hi - 1]) - sent.start_char)
    period = find_period(sent.text, offset, published=published, forward=forward,
                         window=clause) or None
    end = span.end_char - (1 if span.text.endswith(".") else 0)
    return Claim(
        article=article, source=source, kind=decision.kind,  # type: ignore[arg-type]
        metric=decision.metric, subject=subject, subject_text=subject_text,
        value=round(decision.value, 6), low=decision.low, high=decision.high,
        unit=decision.unit,  # type: ignore[arg-type]
        approximate=is_approximate(sent, span.start), forward_looking=forward,
        period=period.text if period else None,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        speaker=find_speaker(sent.text, is_index=index_names),
        sentence=sent.text.strip(), start=span.start_char, end=end,
    )
