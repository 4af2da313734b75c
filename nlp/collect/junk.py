"""Junk that must not reach the NLP stage, one named rule each.

Commentary arrives with disclaimers, newsletter pitches, hashtag blocks, share prompts,
chatbot leftovers, citation markers and repeated paragraphs. ``clean_paragraphs`` runs
every rule in ``RULES`` order and reports which ones fired; the raw text is kept
elsewhere, so the cleaning can always be re-run.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Paragraphs = list[str]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    apply: Callable[[Paragraphs], Paragraphs]


def _dropping(pattern: str, flags: int = re.IGNORECASE) -> Callable[[Paragraphs], Paragraphs]:
    """A rule that drops every paragraph matching ``pattern`` (searched from its start)."""
    regex = re.compile(pattern, flags)
    return lambda paras: [p for p in paras if not regex.match(p)]


def _cutting(heading: str, *, tail_share: float = 0.5) -> Callable[[Paragraphs], Paragraphs]:
    """A rule that drops a heading and everything after it, if it sits in the text's tail."""
    regex = re.compile(heading, re.IGNORECASE)

    def cut(paras: Paragraphs) -> Paragraphs:
        for i, para in enumerate(paras):
            if i >= len(paras) * tail_share and regex.fullmatch(para.strip()):
                return paras[:i]
        return paras

    return cut


_CITATION = re.compile(r"\s*[(\[【]\s*(?:turn\d+[a-z]+\d+[\s,;]*)+[)\]】]|\s*\bturn\d+[a-z]+\d+\b")


def _strip_citations(paras: Paragraphs) -> Paragraphs:
    return [_CITATION.sub("", p) for p in paras]


def _drop_repeats(paras: Paragraphs) -> Paragraphs:
    """Keep the first copy of a paragraph that appears again verbatim (whitespace aside)."""
    seen: set[str] = set()
    kept = []
    for para in paras:
        key = " ".join(para.split()).casefold()
        if len(key) >= 40 and key in seen:
            continue
        seen.add(key)
        kept.append(para)
    return kept


def _drop_repeated_names(paras: Paragraphs) -> Paragraphs:
    """Drop short name-like lines (an outlet's name) that stand alone two or more times."""
    def key(para: str) -> str | None:
        text = para.strip()
        words = text.split()
        looks_like_name = 0 < len(words) <= 5 and not re.search(r"[\d.!?:,;]$|\d", text)
        return text.casefold() if looks_like_name else None

    keys = [key(p) for p in paras]
    counts = Counter(k for k in keys if k)
    return [p for p, k in zip(paras, keys, strict=True) if not (k and counts[k] >= 2)]


_DISCLAIMER = (
    r"(?:important )?(?:disclosures?|disclaimers?|legal notice)\s*:\s*\S"
    r"|.*(?:intended (?:to|as) (?:constitute|provide|be)\b.*\badvice"
    r"|(?:does|do|should) not constitute (?:investment|financial|legal)"
    r"|(?:is|are) (?:provided )?for (?:general )?information(?:al)? purposes only"
    r"|past performance (?:is|does) not|is not an offer,? solicitation"
    r"|all investments (?:carry|involve)|views are subject to change"
    r"|(?:is|are) (?:a )?(?:registered )?trademarks? of|owner of the .* trademarks"
    r"|may not be reproduced|all rights reserved|AI translation of this story"
    r"|this (?:article|material) is (?:for|not) .*(?:advice|recommendation))"
)

RULES: tuple[Rule, ...] = (
    Rule("citation_marker", _strip_citations),
    Rule("disclosure_section", _cutting(
        r"(?:important )?(?:disclosures?|disclaimers?|legal (?:notice|information)"
        r"|important information)[:.]?")),
    Rule("suggested_tags", _cutting(r"(?:suggested |related )?tags:?", tail_share=0.3)),
    Rule("legal_disclaimer", _dropping(_DISCLAIMER)),
    Rule("copyright", _dropping(r"(?:©|\(c\)|copyright\b)")),
    Rule("newsletter_pitch", _dropping(
        r"(?:subscribe\b|sign up\b|join (?:our|the) (?:community|newsletter|list|mailing)"
        r"|stay ahead of|want (?:real-time|more|daily|our)|get (?:our|the) (?:free|daily|weekly)"
        r"|don'?t miss\b|a message from\b|read more (?:commentaries|articles|stories) (?:by|from)"
        r"|(?:to learn more|for more)\b.*\b(?:podcasts?|newsletters?|subscribe)"
        r"|.*\bnewsletter\b.*\b(?:sign up|subscribe)\b"
        r"|.*\b(?:sign up|subscribe)\b.*\bnewsletter)")),
    Rule("syndication_notice", _dropping(
        r"(?:this (?:article|story|post) (?:first |originally )?(?:appeared|ran|was published)"
        r"|(?:originally|first) published (?:in|by|on)\b|republished (?:by|with permission)"
        r"|reprinted with permission)")),
    Rule("share_prompt", _dropping(
        r"(?:share (?:this|on)\b|comment [\"“'‘]?\w+[\"”'’]? (?:below )?to\b|leave a comment"
        r"|follow us\b|click here\b|tap here\b|like and share|(?:tweet|email) this"
        r"|follow \S+(?: \S+){0,4} (?:on (?:x|twitter|linkedin|facebook|threads)\b"
        r"|for (?:live|more|daily|the latest)\b))")),
    Rule("chatbot_leftover", _dropping(
        r"(?:would you like me to|do you want me to|let me know if you(?:'|’)?d like"
        r"|i can also (?:create|write|make|draft|prepare)|shall i (?:also )?(?:create|write)"
        r"|here(?:'|’)s (?:a|the|your) (?:shorter|revised|rewritten|condensed) version"
        r"|if you(?:'|’)?d like, i can)")),
    Rule("hashtag_line", _dropping(r"(?:#\w[\w'’-]*[\s,]*){2,}$")),
    Rule("byline", _dropping(r"[Bb]y\s+[A-Z][\w.'’-]+(?:\s+(?:and\s+)?[A-Z][\w.'’-]+){0,4}\s*$",
                             flags=0)),
    Rule("contact_line", _dropping(r"(?:write to|email|contact) .*\S+@\S+\.\w+\s*\.?$")),
    Rule("stray_symbols", _dropping(r"[\W_]*$")),
    Rule("repeated_paragraph", _drop_repeats),
    Rule("repeated_name", _drop_repeated_names),
)


def clean_paragraphs(paras: Sequence[str]) -> tuple[Paragraphs, tuple[str, ...]]:
    """Run every rule; return the kept paragraphs and the names of the rules that fired."""
    current = [" ".join(p.split()) for p in paras]
    current = [p for p in current if p]
    fired = []
    for rule in RULES:
        after = rule.apply(current)
        if after != current:
            fired.append(rule.name)
        current = [p for p in after if p.strip()]
    return current, tuple(fired)
