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
from .decision import Decision
from .numbers import MOVE_WORDS, is_year, parse_bp_idiom, parse_number, parse_word_number
from .periods import find_period
from .pipeline import FIGURES, INDICES
from .speakers import find_speaker
from .tables import Cell, cell_period, decide_cell, find_cells, table_source

INDEX_SUBJECTS = {"russell_2000", "russell_1000", "russell_3000", "russell_midcap", "sp500",
                  "sp600", "sp400", "nasdaq_composite", "nasdaq_100", "dow_jones"}
NOT_INDEX_AFTER = {"investments", "investment", "company", "reconstitution", "rebalance"}
PE_TEXT = re.compile(r"\bp\s?/\s?e\b|price[-/ ](?:to[-/ ])?earnings|\bpe ratio|\bmultiples?\b"
                     r"|times (?:forward|trailing|current|next|expected)?[- ]?(?:year'?s? )?"
                     r"(?:earnings|profits|eps)|\bvaluations?\b|\btrades? at\b")
RATE_CONTEXT = {"fed", "fomc", "central", "rate", "rates", "cut", "cuts", "easing", "hike",
                "hikes", "funds", "policy", "monetary", "powell", "fedwatch", "move", "futures",
                "meeting"}
STRONG_PROBABILITY = {"chance", "chances", "odds", "probability", "probabilities",
                      "likelihood"}
PROBABILITY_WORDS = STRONG_PROBABILITY | {"priced", "pricing", "implied", "price", "prices"}
PE_WORDS = {"p/e", "pe", "multiple", "multiples", "valuation", "valuations", "earnings"}
EARNINGS_WORDS = {"eps", "earnings", "profit", "profits", "revenue", "revenues", "sales",
                  "income"}
RETURN_WORDS = {"return", "returns", "annualized", "annualised", "upside", "downside",
                "compound", "compounding"}
OTHER_METRICS = (
    ("fund_return", {"fund", "portfolio", "etf's", "my"}),
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

    def near(self, vocabulary: set[str], before: int = 6, after: int = 3) -> bool:
        """A word of ``vocabulary`` within a few tokens of the figure, inside its clause."""
        doc, span = self.span.doc, self.span
        window = doc[max(self.lo, span.start - before):span.start].text.lower().split() + \
            doc[span.end:min(self.hi, span.end + after)].text.lower().split()
        return bool(vocabulary & {w.strip(".,;:’'\"()") for w in window})

    def explicit_sign(self) -> bool:
        """The number carries its own sign ("+6.1%", "−0.2%")."""
        return self.span[0].text[:1] in "+-−–" or (
            len(self.span) > 1 and self.span[0].text in "+-−" and self.span[1].like_num)

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
    if figure.right[:1] == ["of"] and figure.near(
            {"companies", "stocks", "members", "constituents", "names", "firms"}, 0, 5):
        return "share"
    for metric, vocabulary in OTHER_METRICS:
        if figure.near(vocabulary, 6, 3):
            return metric
    return None


def _is_pe(figure: _Figure) -> bool:
    return bool(PE_TEXT.search(figure.clause_text) or PE_TEXT.search(figure.sent.text.lower())
                and not figure.has(EARNINGS_WORDS - {"earnings"} | {"growth", "grow"}))


def _percent(figure: _Figure, label: str, previous: Decision | None) -> Decision | None:
    values = figure.numbers()
    if not values:
        return None
    low, high = (min(values), max(values)) if label == "PCT_RANGE" and len(values) >= 2 \
        else (None, None)
    value = (low + high) / 2 if low is not None and high is not None else values[0]
    sign = None if figure.explicit_sign() else sign_of(
        figure.sent, figure.span.start, figure.span.end, figure.lo, figure.hi)
    signed = value * (sign or 1)
    if figure.near(STRONG_PROBABILITY, 6, 4) or (
            figure.near(PROBABILITY_WORDS, 6, 4) and figure.has(RATE_CONTEXT, sentence=True)):
        return Decision("rate_expectation", "cut_probability", "%", value, forward=True,
                         subject="fed_funds")
    fed_named = any(m.subject == "fed_funds" for m in figure.mentions)
    rate_words = figure.near({"rate", "rates", "range", "target"}, 8, 2) and (
        figure.has({"fed", "fomc", "central", "policy", "funds", "lending", "benchmark",
                    "range"}, sentence=True))
    if (fed_named or rate_words) and value < 20 and not figure.near(
            {"yield", "yields", "treasury", "mortgage", "inflation", "cpi", "unemployment"}):
        near = set(figure.left[-2:]) | set(figure.right[:2])
        current = bool(near & (_CURRENT | {"from"})) or (
            figure.has(_CURRENT) and not figure.forward())
        return Decision("rate_expectation", "current_range" if current else "target_range",
                         "%", value, low, high, forward=not current, subject="fed_funds")
    if figure.near(PE_WORDS, 10, 3) and figure.near(
            {"above", "below", "discount", "premium", "cheaper", "richer"}, 2, 6):
        negative = figure.near({"below", "discount", "cheaper"}, 2, 6)
        return Decision("pe_ratio", "relative", "%", -value if negative else value)
    if figure.near(EARNINGS_WORDS, 8, 4) and not figure.near({"margin", "margins"}, 8, 4):
        metric = "eps" if figure.near({"eps", "per-share"}, 8, 4) or "per share" in \
            figure.clause_text else "revenue" if figure.near({"revenue", "revenues", "sales"},
                                                             8, 4) \
            else "earnings"
        return Decision("earnings_growth", metric, "%", signed, low, high)
    if figure.near(RETURN_WORDS, 6, 3) and (figure.forward() or figure.near(
            {"annualized", "annualised", "upside", "downside", "compound", "a"}, 6, 3)):
        annual = figure.near({"annualized", "annualised", "annual", "annually", "compound",
                              "year", "yearly"}, 6, 3)
        negative = figure.near({"downside"}, 2, 2)
        return Decision("return_forecast", "annualized" if annual else "total", "%",
                         -value if negative else value, low, high, forward=True)
    other = _other_metric(figure)
    if other in ("yield", "inflation", "gdp", "unemployment", "margin", "fund_return"):
        return Decision("other", other, "%", signed, low, high)
    if figure.has(RELATIVE_WORDS) and "by" in figure.left[-3:]:
        negative = figure.has({"underperformed", "lagged", "trailed", "underperform",
                               "underperforming", "lagging", "trailing", "underperformance"})
        return Decision("price_change", "relative", "%", -value if negative else value)
    if other == "share" and sign is None:
        return Decision("other", "share", "%", value, low, high)
    if sign is None and not figure.explicit_sign() and previous is not None \
            and previous.kind != "index_level" and previous.unit == "%":
        # a list after "versus", "compared with", a comma: "18% next year versus 12% for …"
        carried = value * (-1 if previous.kind == "price_change" and previous.value < 0 else 1)
        return Decision(previous.kind, previous.metric, "%", carried, low, high,
                         forward=previous.forward, subject=previous.subject)
    subject = figure.subject(None)
    if sign is not None or figure.explicit_sign() or subject is not None:
        if subject is None and not figure.near({"index", "sector", "group", "banks", "etf"},
                                               8, 2):
            return Decision("other", "stock_move", "%", signed, low, high)
        return Decision("price_change", "pct", "%", signed, low, high)
    return None


def _bare_number(figure: _Figure) -> Decision | None:
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
        return Decision("pe_ratio", _pe_metric(figure), "x", value)
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
        return Decision("index_level", metric, "pts", value,
                         forward=metric == "target" or None)
    return None


def _decide(figure: _Figure, label: str, previous: Decision | None) -> Decision | None:
    if label in ("PCT", "PCT_RANGE"):
        return _percent(figure, label, previous)
    if label == "MULT":
        if not _is_pe(figure) or set(figure.right[:1]) & {"the", "as", "more", "that", "its"}:
            return None
        return Decision("pe_ratio", _pe_metric(figure), "x", figure.numbers()[0])
    if label in ("BP", "BP_IDIOM"):
        value = figure.numbers()[0] if label == "BP" else float(parse_bp_idiom(figure.span.text))
        if figure.has({"yield", "yields", "spread", "spreads", "treasury"}):
            sign = sign_of(figure.sent, figure.span.start, figure.span.end, figure.lo, figure.hi)
            return Decision("other", "yield", "bp", value * (sign or 1))
        hike = figure.has({"hike", "hikes", "raise", "raises", "tightening"})
        return Decision("rate_expectation", "hike_size" if hike else "cut_size", "bp", value,
                         subject="fed_funds")
    if label == "PP":
        values = figure.numbers() or [float(parse_word_number(figure.span[0].text))]
        negative = figure.has({"underperformed", "lagged", "trailed", "lagging", "trailing"})
        metric = "relative" if figure.has(RELATIVE_WORDS) or len(figure.mentions) > 1 else None
        return Decision("price_change" if metric else "other", metric, "pp",
                         -values[0] if negative else values[0])
    if label == "POINTS":
        sign = sign_of(figure.sent, figure.span.start, figure.span.end, figure.lo, figure.hi)
        return Decision("price_change", "points", "pts", figure.numbers()[0] * (sign or 1))
    if label == "MOVE_WORD":
        value = MOVE_WORDS[figure.span[0].lower_]
        if figure.subject(None) is None or figure.has({"shares", "stock", "stocks"}):
            return Decision("other", "stock_move", "%", value)
        return Decision("price_change", "pct", "%", value)
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
    last: dict[int, Decision] = {}  # sentence start -> the last decision in it
    cells = find_cells(doc.text)
    for span in figures:
        cell = next((c for c in cells if c.start <= span.start_char and span.end_char <= c.end),
                    None)
        if cell is not None:
            table_claim = _table_claim(span, cell, mentions, article=article, source=source,
                                       published=published)
            if table_claim is not None:
                claims.append(table_claim)
            continue
        figure = _Figure(span, mentions)
        if span.label_ == "CUT_COUNT":
            try:
                count = float(parse_word_number(span.text))
            except ValueError:
                continue
            hike = figure.has({"hike", "hikes", "increases"})
            decision: Decision | None = Decision(
                "rate_expectation", "hike_count" if hike else "cut_count", "count", count,
                subject="fed_funds")
        else:
            try:
                decision = _decide(figure, span.label_, last.get(figure.sent.start))
            except ValueError:
                decision = None
        if decision is None:
            continue
        last[figure.sent.start] = decision
        claims.append(_claim(figure, decision, article=article, source=source,
                             published=published, article_main=article_main,
                             index_names=index_names))
    return claims


def _table_claim(span: Span, cell: Cell, mentions: list[Mention], *, article: str,
                 source: str, published: date | None) -> Claim | None:
    try:
        value = parse_number(span.text.rstrip("."))
        decision = decide_cell(cell, span.text, value)
    except ValueError:
        return None
    if decision is None:
        return None
    named = [m for m in mentions
             if cell.label_start <= span.doc[m.start].idx < cell.label_end
             or cell.header_start <= span.doc[m.start].idx < cell.header_end]
    subject = decision.subject or (named[0].subject if named else None)
    period_words = cell_period(cell)
    period = None
    if period_words is not None:
        found = find_period(period_words[1], 0, published=published,
                            forward=bool(decision.forward))
        period = (period_words[0], found.start if found else None, found.end if found else None)
    return Claim(
        article=article, source=source, kind=decision.kind,  # type: ignore[arg-type]
        metric=decision.metric, subject=subject,
        subject_text=named[0].text if named else None, value=decision.value,
        low=None, high=None, unit=decision.unit,  # type: ignore[arg-type]
        approximate=False, forward_looking=bool(decision.forward),
        period=period[0] if period else None, period_start=period[1] if period else None,
        period_end=period[2] if period else None,
        speaker=table_source(span.doc.text, cell), sentence=cell.row,
        start=span.start_char, end=span.end_char - (1 if span.text.endswith(".") else 0),
    )


def _claim(figure: _Figure, decision: Decision, *, article: str, source: str,
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
