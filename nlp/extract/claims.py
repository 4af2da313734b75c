"""Figure spans to ``Claim`` records: what the figure is, about what, when, said by whom.

``extract_claims(doc, ...)`` reads the spans ``make_nlp`` found and decides, from the
words around each figure, its kind and metric, its value and unit (numbers parsed by
``numbers.py``), its sign, its subject (``indices.json`` aliases, the article's main
index for "the index"), its period (``periods.py``) and its speaker
(``speakers.py``). A figure whose context fits no kind gives no claim.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..records import Claim
from .context import DocIndex, Figure, Mention, find_mentions, is_approximate, main_subject
from .decide import decide
from .decision import Decision
from .numbers import parse_number, parse_word_number
from .periods import PeriodMatches, find_period, nearest_period, period_matches
from .pipeline import FIGURES, doc_text
from .speakers import attribute_sentences
from .tables import Cell, cell_period, decide_cell, find_cells, table_source


def _cut_counts(doc: Doc, index: DocIndex, taken: set[int]) -> list[Span]:
    """The count token of each "two (25-basis-point) cuts" match, as its own span, and the
    counts that stand alone where cuts are the topic ("… two more cuts, maybe three")."""
    starts = {span.start for span in doc.spans[FIGURES] if span.label_ == "CUT_COUNT"
              and span[0].lower_ not in ("a", "an", "single") and span.start not in taken}
    starts |= {i for i, word in enumerate(index.lower) if (word in _COUNT_WORDS or word.isdigit())
               and i not in taken and _is_elliptical_count(index, i)}
    return [Span(doc, i, i + 1, label="CUT_COUNT") for i in sorted(starts)]


_COUNT_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
_AFTER_COUNT = {",", ".", ";", ":", "in", "by", "on", "this", "next", "is", "was", "at",
                "before", "after", "and", "or", "totalling", "totaling", "”", "\"", "a", "it",
                "more", "now", "since", "last", "for", ")", "—", "–", "-"}
_CUT_TOPIC = {"cut", "cuts", "hike", "hikes", "dots", "easing", "reductions"}


def _is_elliptical_count(index: DocIndex, i: int) -> bool:
    """A bare count ("maybe three", "versus six in January") in a sentence about cuts."""
    lower = index.lower
    text = lower[i]
    if not (text in _COUNT_WORDS or text.isascii() and text.isdigit() and 0 < int(text) <= 12):
        return False
    after = lower[i + 1] if i + 1 < len(lower) else "."
    before = lower[i - 1] if i > 0 else ""
    if after not in _AFTER_COUNT or before in {"no", "of", "every", "than", "$", "#", "the"} \
            and after != "it":
        return False
    if after == "-" or text == "one" and after in {",", "."} and before in {"", "“", "\""}:
        return False
    k = index.sent_of[i]
    return bool(index.sentence_words(k) & _CUT_TOPIC
                or k > 0 and index.sentence_words(k - 1) & _CUT_TOPIC)


def extract_claims(doc: Doc, *, article: str, source: str, published: date | None) -> list[Claim]:
    """Every figure in ``doc`` that is a claim of a SPEC kind, in text order."""
    mentions = find_mentions(doc)
    index = DocIndex(doc)
    in_mention = {i for m in mentions for i in range(m.start, m.end)}
    counts = {s.start for s in doc.spans[FIGURES] if s.label_ == "CUT_COUNT"}
    candidates = [s for s in doc.spans[FIGURES] if s.label_ != "CUT_COUNT"
                  and s.start not in in_mention  # the 500 of "S&P 500"
                  and not (s.label_ == "NUMBER" and s.start in counts)]
    figures = filter_spans(candidates)
    taken = {i for s in figures for i in range(s.start, s.end)}
    figures = sorted(figures + _cut_counts(doc, index, taken), key=lambda s: s.start)
    article_main = main_subject(mentions)
    cache = _SentenceCache({m.text.lower() for m in mentions})
    claims: list[Claim] = []
    last: dict[int, Decision] = {}  # sentence start -> the last decision in it
    last_end: dict[int, int] = {}  # sentence start -> where its last figure ended
    cells = find_cells(index.doc_text)
    cache.with_figures = {index.sent_of[span.start] for span in figures}
    for span in figures:
        cell = next((c for c in cells if c.start <= span.start_char and span.end_char <= c.end),
                    None)
        if cell is not None:
            table_claim = _table_claim(span, cell, mentions, article=article, source=source,
                                       published=published)
            if table_claim is not None:
                claims.append(table_claim)
            continue
        figure = Figure(span, index, mentions, article_main,
                        last_end.get(index.sent_of[span.start]))
        if span.label_ == "CUT_COUNT":
            try:
                count = float(parse_word_number(span.text))
            except ValueError:
                try:
                    count = parse_number(span.text)
                except ValueError:
                    continue
            if count > 12:
                continue
            hike = figure.has({"hike", "hikes", "increases"})
            decision: Decision | None = Decision(
                "rate_expectation", "hike_count" if hike else "cut_count", "count", count,
                subject="fed_funds")
        else:
            try:
                decision = decide(figure, span.label_, last.get(figure.sent_id))
            except ValueError:
                decision = None
        if decision is None:
            continue
        last[figure.sent_id] = decision
        last_end[figure.sent_id] = span.end
        claims.append(_claim(figure, decision, article=article, source=source,
                             published=published, cache=cache))
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
    def inside(start: int, end: int) -> list[Mention]:
        return [m for m in mentions if start <= span.doc[m.start].idx < end]

    # the row's label, its column's header, else the nearest header to the left
    # ("S&P 500 target | Implied return")
    named = inside(cell.label_start, cell.label_end) or inside(cell.header_start, cell.header_end)
    for start, end in cell.left_headers:
        named = named or inside(start, end)
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
        speaker=table_source(doc_text(span.doc), cell), sentence=cell.row,
        start=span.start_char, end=span.end_char - (1 if span.text.endswith(".") else 0),
    )


class _SentenceCache:
    """Per-sentence work shared by its figures: period phrases and the speaker."""

    def __init__(self, index_names: set[str]) -> None:
        self.index_names = index_names
        self.periods: dict[int, PeriodMatches] = {}
        self.speakers: list[str | None] | None = None  # per sentence, made on first use
        self.with_figures: set[int] = set()  # the sentences that need a speaker


def _claim(figure: Figure, decision: Decision, *, article: str, source: str,
           published: date | None, cache: _SentenceCache) -> Claim:
    span, sent, index = figure.span, figure.sent, figure.index
    forward = decision.forward if decision.forward is not None else figure.forward()
    mention = figure.subject()
    subject = decision.subject or (mention.subject if mention else None)
    subject_text = mention.text if mention and (
        not decision.subject or mention.subject == decision.subject) else None
    offset = span.start_char - sent.start_char
    clause = (index.start_char[figure.lo] - sent.start_char,
              index.end_char[figure.hi - 1] - sent.start_char)
    if figure.sent_id not in cache.periods:
        cache.periods[figure.sent_id] = period_matches(figure.sentence_text)
    if cache.speakers is None:
        texts = [index.sentence_text(k) for k in range(len(index.sents))]
        cache.speakers = attribute_sentences(texts, index.doc_text, is_index=cache.index_names,
                                             wanted=cache.with_figures)
    period = nearest_period(cache.periods[figure.sent_id], offset, published=published,
                            forward=forward, window=clause) or nearest_period(
        cache.periods[figure.sent_id], offset, published=published, forward=forward)
    end = span.end_char - (1 if span.text.endswith(".") else 0)
    return Claim(
        article=article, source=source, kind=decision.kind,  # type: ignore[arg-type]
        metric=decision.metric, subject=subject, subject_text=subject_text,
        value=round(decision.value, 6), low=decision.low, high=decision.high,
        unit=decision.unit,  # type: ignore[arg-type]
        approximate=is_approximate(figure.index.lower, span.start), forward_looking=forward,
        period=period.text if period else None,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        speaker=cache.speakers[figure.sent_id],
        sentence=figure.sentence_text.strip(), start=span.start_char, end=end,
    )
