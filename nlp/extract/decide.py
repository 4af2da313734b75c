"""What a figure is, from the words around it: the rules behind each claim kind.

``decide(figure, label, previous)`` takes a figure span (its shape label from the
span ruler) and the decision made for the figure before it in the same sentence,
which a bare list item inherits ("EPS growth of 31% in 2025, against 14.8% for the
S&P 500"). It returns None when the context fits no kind.
"""

from __future__ import annotations

import re

from .context import (
    FUTURE_WORDS,
    LEVEL_WORDS,
    RELATIVE_WORDS,
    Figure,
)
from .decision import Decision
from .numbers import MOVE_WORDS, is_year, parse_bp_idiom, parse_number, parse_word_number

PE_TEXT = re.compile(r"\bp\s?/\s?e\b|price[-/ ](?:to[-/ ])?earnings|\bpe ratio|\bmultiples?\b"
                     r"|(?:times|x|×) (?:forward|trailing|current|next|expected)?[- ]?"
                     r"(?:12[- ]month |twelve[- ]month |year'?s? )?(?:earnings|profits|eps)"
                     r"|\bvaluations?\b|\btrades? at\b|\b(?:cheap|expensive|rich|pricey) at\b")
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
SHARE_NOUNS = {"companies", "stocks", "members", "constituents", "names", "firms", "debt",
               "index", "issuers", "borrowers", "portfolio", "portfolios", "assets"}
OTHER_METRICS = (
    ("borrowing_rate", {"borrow", "borrowing", "floating", "loans", "loan"}),
    ("vix", {"vix", "volatility"}),
    ("fund_return", {"fund", "portfolio", "etf's"}),
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
                      "p.m.", "et", "minutes", "hours", "basis", "bps", "bp", "of", "for-1",
                      "cents", "percent", "%"}
_CURRENT = {"now", "currently", "current", "today", "stands", "sits", "is", "remains", "held",
            "holds", "kept", "unchanged", "existing", "present"}



def _pe_metric(figure: Figure) -> str | None:
    for scope in (figure.clause_text, figure.sentence_text.lower()):
        for metric in ("forward", "trailing", "relative"):
            if re.search(rf"\b{metric}\b", scope):
                return metric
    return None


def _other_metric(figure: Figure, *, whole_clause: bool = False) -> str | None:
    """The ``other`` measure whose word stands nearest the figure ("unemployment … 4.4%")."""
    lower, span = figure.index.lower, figure.span
    lo, hi = (figure.lo, figure.hi) if whole_clause else (
        max(figure.lo, span.start - 8), min(figure.hi, span.end + 5))
    best: tuple[int, str] | None = None
    for i in range(lo, hi):
        distance = span.start - i if i < span.start else i - span.end + 1
        if i in range(span.start, span.end):
            continue
        for metric, vocabulary in OTHER_METRICS:
            if lower[i] in vocabulary and (best is None or distance < best[0]):
                best = (distance, metric)
    return best[1] if best else None


def _is_pe(figure: Figure) -> bool:
    return bool(PE_TEXT.search(figure.clause_text) or PE_TEXT.search(figure.sentence_text.lower())
                and not figure.has(EARNINGS_WORDS - {"earnings"} | {"growth", "grow"}))


def _percent(figure: Figure, label: str, previous: Decision | None) -> Decision | None:
    values = figure.numbers()
    if not values:
        return None
    low, high = (min(values), max(values)) if label == "PCT_RANGE" and len(values) >= 2 \
        else (None, None)
    value = (low + high) / 2 if low is not None and high is not None else values[0]
    sign = None if figure.explicit_sign() else figure.sign()
    signed = value * (sign or 1)
    if previous is not None and previous.unit == "%" and figure.left[-1:] == ["from"] \
            and previous.kind != "price_change":
        # "odds … at 64%, up from 52%", "cut from 35% to 21%": the same measure, earlier;
        # a rate falling "to 3%-3.25% from 4.25%-4.5%" comes from the current range
        if previous.metric == "target_range":
            return Decision("rate_expectation", "current_range", "%", value, low, high,
                            forward=False, subject="fed_funds")
        return Decision(previous.kind, previous.metric, "%", value, low, high,
                        forward=previous.forward, subject=previous.subject)
    if figure.right[:1] == ["of"] and figure.near(SHARE_NOUNS, 0, 6):
        return Decision("other", "share", "%", value, low, high)
    if label == "PCT" and (figure.has(STRONG_PROBABILITY) or (
            figure.near(PROBABILITY_WORDS, 6, 4) and figure.has(RATE_CONTEXT, sentence=True))):
        return Decision("rate_expectation", "cut_probability", "%", value, forward=True,
                         subject="fed_funds")
    fed_named = any(m.subject == "fed_funds" for m in figure.mentions)
    rate_words = figure.near({"rate", "rates", "range", "target"}, 8, 2) and (
        figure.has({"fed", "fomc", "central", "policy", "funds", "lending", "benchmark",
                    "range"}, sentence=True))
    fed_range = label == "PCT_RANGE" and figure.has({"fed", "fomc", "cut", "cuts", "hold",
                                                     "range", "hike", "easing", "rates"},
                                                    sentence=True)
    blocked = figure.near({"yield", "yields", "treasury", "mortgage", "inflation", "cpi",
                           "unemployment", "borrow", "floating", "paying", "loans"}, 8,
                          0 if fed_named else 3) or (
        label == "PCT" and figure.has({"inflation", "pce", "cpi", "prices"}, sentence=True))
    if (fed_named or rate_words or fed_range) and value < 20 and not blocked:
        heading_to = figure.left[-1:] in (["to"], ["between"]) and (
            figure.forward() or figure.has({"futures", "falling", "fall", "reach", "reaching"}))
        current = not heading_to and (
            bool(set(figure.left[-2:]) & (_CURRENT | {"from"}) or set(figure.right[:2]) & _CURRENT)
            or figure.has(_CURRENT) and not figure.forward()
            or not figure.forward() and not figure.has({"futures", "expect", "see"}))
        return Decision("rate_expectation", "current_range" if current else "target_range",
                         "%", value, low, high, forward=not current, subject="fed_funds")
    valuation = figure.near(PE_WORDS, 10, 3) or PE_TEXT.search(figure.sentence_text.lower())
    if valuation and figure.near({"above", "below", "discount", "premium", "cheaper", "richer"},
                                 2, 6):
        negative = figure.near({"below", "discount", "cheaper"}, 2, 6)
        return Decision("pe_ratio", "relative", "%", -value if negative else value)
    earnings_topic = not EARNINGS_WORDS.isdisjoint(figure.clause[:3])  # "Revenue for … is up 6%"
    tight_move = figure.left[-1:] in (["up"], ["down"]) and not figure.near(
        EARNINGS_WORDS, 6, 2) and not earnings_topic
    growth_verb = figure.has(EARNINGS_WORDS) and figure.near(
        {"grow", "growth", "expand", "increase", "decline", "drop", "fall", "rise", "jump"}, 4, 1)
    many_names = figure.near({"names", "stocks", "shares", "companies"}, 4, 2)
    if (figure.near(EARNINGS_WORDS, 10, 4) or growth_verb or earnings_topic) and not tight_move \
            and not many_names and not figure.near(
            {"margin", "margins"}, 8, 4):
        metric = "eps" if figure.near({"eps", "per-share"}, 10, 4) or "per share" in \
            figure.clause_text else "revenue" if figure.near({"revenue", "revenues", "sales"},
                                                             10, 4) \
            else "earnings"
        return Decision("earnings_growth", metric, "%", signed, low, high)
    ahead = figure.near({"above", "below", "from", "gain", "rise", "upside"}, 0, 2) and \
        figure.near({"close", "levels", "level", "here", "current", "today's"}, 0, 6) and \
        figure.has(FUTURE_WORDS | {"target", "case"}, sentence=True)
    yearly = figure.right[:2] in (["a", "year"], ["per", "year"], ["annually"]) and figure.forward()
    if ahead or yearly or figure.near(RETURN_WORDS, 10, 3) and (figure.forward() or figure.near(
            {"annualized", "annualised", "upside", "downside", "compound", "a"}, 10, 3)):
        annual = figure.near({"annualized", "annualised", "annual", "annually", "compound",
                              "year", "yearly"}, 10, 3)
        negative = figure.near({"downside", "below"}, 2, 2)
        return Decision("return_forecast", "annualized" if annual else "total", "%",
                         -value if negative else value, low, high, forward=True)
    other = _other_metric(figure)
    if other in ("yield", "inflation", "gdp", "unemployment", "margin", "fund_return"):
        return Decision("other", other, "%", signed, low, high)
    if figure.near(RELATIVE_WORDS, 8, 0) and "by" in figure.left[-3:]:
        negative = figure.has({"underperformed", "lagged", "trailed", "underperform",
                               "underperforming", "lagging", "trailing", "underperformance"})
        return Decision("price_change", "relative", "%", -value if negative else value)
    if other == "share" and sign is None:
        return Decision("other", "share", "%", value, low, high)
    own_move = figure.explicit_sign() or figure.own_sign() is not None and (
        previous is None or previous.kind in ("price_change", "other"))
    if not own_move and previous is not None and previous.kind != "index_level" \
            and previous.unit == "%":
        # a list after "versus", "compared with", a comma: "18% next year versus 12% for …"
        direction = sign if sign is not None else (
            -1 if previous.kind == "price_change" and previous.value < 0 else 1)
        carried = value * direction
        return Decision(previous.kind, previous.metric, "%", carried, low, high,
                         forward=previous.forward, subject=previous.subject)
    subject = figure.subject()
    if subject is not None:
        return Decision("price_change", "pct", "%", signed, low, high)
    if sign is not None or figure.explicit_sign():
        if figure.near(MARKET_NOUNS, 8, 2):  # a sector or foreign index: no canonical id
            return Decision("price_change", "pct", "%", signed, low, high)
        if _names_a_company(figure):
            return Decision("other", "stock_move", "%", signed, low, high)
    other = _other_metric(figure, whole_clause=True)
    return Decision("other", other, "%", signed, low, high) if other not in (None, "share") \
        else None


MARKET_NOUNS = {"index", "sector", "group", "banks", "etf", "it", "benchmark", "gauge",
                "futures", "stoxx", "nikkei", "kospi", "ftse", "dax", "cac", "hang", "tsx",
                "msci", "kbw", "biotech", "regionals", "lenders"}
COMPANY_MARKS = {"shares", "stock", "inc", "inc.", "corp", "corp.", "co", "co.", "holdings",
                 "systems", "technologies", "therapeutics", "bancorp", "plc", "ltd", "maker",
                 "company", "firm", "retailer", "manufacturer", "producer", "developer",
                 "operator", "lender", "value"}
_NOT_NAMES = {"the", "fed", "treasury", "s&p", "it", "a", "an", "in", "on", "and", "but", "as",
              "this", "that", "its", "their", "our", "we", "stocks", "small", "large"}


def _names_a_company(figure: Figure) -> bool:
    """A single stock's move: "shares of X", "X Corp. fell 11%", a capitalised name that is
    no index just before the verb."""
    if figure.near(COMPANY_MARKS, 10, 3):
        return True
    if figure.mentions:
        return False
    doc = figure.span.doc
    lead = doc[max(figure.lo, figure.span.start - 12):figure.span.start]
    run = best = 0
    for token in lead:  # the longest run of capitalised words: "Tolland Freight"
        run = run + 1 if token.is_title and token.lower_ not in _NOT_NAMES else 0
        best = max(best, run)
    return best >= 2


def _bare_number(figure: Figure, previous: Decision | None) -> Decision | None:
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
    left = " ".join(figure.index.lower[max(figure.lo, token.i - 8):token.i])
    if figure.near({"vix", "volatility"}, 8, 0):
        return Decision("other", "vix", "pts", value)
    if value < 200 and PE_TEXT.search(left) and not figure.has({"growth", "grow"}):
        return Decision("pe_ratio", _pe_metric(figure), "x", value)
    lead = figure.sentence_text[:figure.span.start_char - figure.sent.start_char].lower()
    if value < 5 and "." in text and PE_TEXT.search(lead) and figure.near(
            {"at", "to", "of", "from", "is", "was", "near", "around"}, 2, 0):
        return Decision("pe_ratio", _pe_metric(figure), "x", value)  # a relative P/E
    if previous is not None and previous.kind == "pe_ratio" and value < 100 and figure.near(
            {"median", "average", "mean", "avg", "norm", "of", "at", "to"}, 3, 0):
        return Decision("pe_ratio", previous.metric, "x", value)
    if previous is not None and previous.kind == "index_level" and value >= 100 and (
            "," in text or "." in text):
        return Decision("index_level", previous.metric, "pts", value, forward=previous.forward)
    has_index = figure.subject() is not None or "index" in figure.clause or bool(
        figure.article_main and figure.near({"close", "closed", "closing", "target"}, 4, 0))
    closes_after = has_index and figure.near({"closed", "close", "closing", "ended"}, 0, 6)
    if value >= 100 and ("," in text or "." in text or value >= 1000) and has_index and (
            set(figure.left[-3:]) & LEVEL_WORDS or closes_after):
        clause = figure.clause_text
        metric = ("record" if re.search(r"\brecord|all-time", clause)
                  else "target" if figure.has({"target", "targets", "forecast", "reach",
                                               "see", "sees"}) and figure.forward()
                  else "intraday" if "intraday" in clause
                  else "close" if figure.has({"closed", "close", "closing", "ended",
                                              "finished", "settled"})
                  else "level")
        return Decision("index_level", metric, "pts", value, forward=metric == "target")
    return None


def decide(figure: Figure, label: str, previous: Decision | None) -> Decision | None:
    if label in ("PCT", "PCT_RANGE"):
        return _percent(figure, label, previous)
    if label == "MULT":
        value = figure.numbers()[0]
        if figure.right[:1] == ["the"] and re.search(r"multiple|p\s?/\s?e", figure.clause_text):
            return Decision("pe_ratio", "relative", "x", value)  # "0.78 times the S&P's P/E"
        if set(figure.right[:1]) & {"forward", "trailing"}:
            return Decision("pe_ratio", figure.right[0], "x", value)
        if set(figure.right[:1]) & {"the", "as", "more", "that", "its"}:
            return None
        if _is_pe(figure):
            return Decision("pe_ratio", _pe_metric(figure), "x", value,
                            forward=figure.near({"could", "will", "would", "expect"}, 8, 0))
        if previous is not None and previous.kind == "pe_ratio":
            return Decision("pe_ratio", previous.metric, "x", value)
        return None
    if label in ("BP", "BP_IDIOM"):
        value = figure.numbers()[0] if label == "BP" else float(parse_bp_idiom(figure.span.text))
        if figure.has({"yield", "yields", "spread", "spreads", "treasury"}):
            sign = figure.sign()
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
        sign = figure.sign()
        return Decision("price_change", "points", "pts", figure.numbers()[0] * (sign or 1))
    if label == "MOVE_WORD":
        value = MOVE_WORDS[figure.span[0].lower_]
        if figure.has(EARNINGS_WORDS | {"consensus", "estimate", "estimates", "forecast"},
                      sentence=True):
            return Decision("other", "estimate_revision", "%", value)
        if figure.has({"shares", "stock", "stocks", "names", "etf", "fund"}):
            return Decision("other", "stock_move", "%", value)
        if figure.subject() is None:
            return None  # "the firm doubled its headcount"
        return Decision("price_change", "pct", "%", value)
    if label == "NUMBER":
        return _bare_number(figure, previous)
    return None


