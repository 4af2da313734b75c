"""``make_nlp``: spaCy's blank English with our tokenizer tweaks, sentences and patterns.

No trained model is needed: a sentencizer (plus paragraph breaks), one span ruler for
figure shapes (``data/figure_patterns.jsonl``) and one for index names
(``data/indices.json``). The spans land in ``doc.spans["figures"]`` and
``doc.spans["indices"]``; ``claims.py`` turns them into claims.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

FIGURES, INDICES = "figures", "indices"
_NUMERIC_TOKEN = r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$"


def _data(name: str) -> str:
    return resources.files("nlp").joinpath("data", name).read_text(encoding="utf-8")


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line starts a sentence: headings and list items end without a full stop."""
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def figure_patterns() -> list[dict[str, Any]]:
    """The figure-shape patterns, with the numeric-token regex filled in."""
    patterns = [json.loads(line) for line in _data("figure_patterns.jsonl").splitlines()
                if line.strip() and not line.startswith("//")]
    for pattern in patterns:
        for token in pattern["pattern"]:
            if token.get("TEXT") == "NUMBER":
                token["TEXT"] = {"REGEX": _NUMERIC_TOKEN}
    return patterns


def index_patterns() -> list[dict[str, Any]]:
    aliases: dict[str, list[str]] = json.loads(_data("indices.json"))
    return [{"label": subject, "pattern": alias}
            for subject, names in aliases.items() for alias in names]


def _tune_tokenizer(nlp: Language) -> None:
    """Split the marks that glue to figures: "~28×", "4.25%-4.5%", "7%—compared"."""
    defaults = nlp.Defaults
    prefixes = [r"~", r"≈", r"≥", r"≤", *(defaults.prefixes or ())]
    suffixes = [r"(?<=[0-9])[xX×]", r"×", r"(?<=[0-9])bps?", r"(?<=[0-9][xX×%])[.,;:]",
                *(defaults.suffixes or ())]
    infixes = [r"[—–]", r"(?<=[0-9])%(?=[-–—/])", r"(?<=%)[-–/](?=[~0-9])",
               r"(?<=[0-9])[xX×](?=[—–-])", *(defaults.infixes or ())]
    tokenizer: Any = nlp.tokenizer
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    """The extraction pipeline (built once per process; it holds no per-document state)."""
    nlp = spacy.blank("en")
    _tune_tokenizer(nlp)
    nlp.add_pipe("paragraph_breaks")
    nlp.add_pipe("sentencizer")
    figures = nlp.add_pipe("span_ruler", name="figure_ruler",
                           config={"spans_key": FIGURES, "validate": True})
    figures.add_patterns(figure_patterns())  # type: ignore[attr-defined]
    indices = nlp.add_pipe("span_ruler", name="index_ruler",
                           config={"spans_key": INDICES, "validate": True,
                                   "phrase_matcher_attr": "LOWER"})
    indices.add_patterns(index_patterns())  # type: ignore[attr-defined]
    return nlp
