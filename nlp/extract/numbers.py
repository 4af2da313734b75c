"""Pure parsers for the numbers commentary writes: each raises ``ValueError`` on junk.

``parse_number("2,211.65")`` is 2211.65, ``parse_number("~28×")`` is 28.0,
``parse_word_number("three")`` is 3, ``parse_bp_idiom("quarter-point")`` is 25.
"""

from __future__ import annotations

import math
import re

WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
    "single": 1, "double": 2, "twice": 2, "triple": 3,
}
BP_IDIOMS = {"quarter": 25, "half": 50, "three-quarter": 75, "three-quarters": 75, "full": 100,
             "one": 100}
MOVE_WORDS = {"doubled": 100.0, "double": 100.0, "tripled": 200.0, "quadrupled": 300.0,
              "halved": -50.0}

_NUMBER = re.compile(r"[~≈≥≤<>+]?\s*(?P<sign>[-−–])?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)"
                     r"(?P<fraction>\.\d+)?\s*[%×xX]?")


def parse_number(text: str) -> float:
    """A written number with optional marks around it: "2,211.65", "~28×", "-0.9", "+1.1"."""
    match = _NUMBER.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a number: {text!r}")
    value = float(match.group("digits").replace(",", "") + (match.group("fraction") or ""))
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {text!r}")
    return -value if match.group("sign") else value


def parse_word_number(text: str) -> int:
    """"two" → 2; digits are accepted too ("3" → 3)."""
    word = text.strip().lower()
    if word in WORD_NUMBERS:
        return WORD_NUMBERS[word]
    if word.isascii() and word.isdigit() and len(word) <= 3:
        return int(word)
    raise ValueError(f"not a small count: {text!r}")


def parse_bp_idiom(text: str) -> int:
    """"quarter-point" → 25, "half point" → 50, "a full point" → 100 (basis points)."""
    words = re.sub(r"[-–\s]+", " ", text.strip().lower()).split()
    words = [w for w in words if w not in ("a", "of", "percentage")]
    if len(words) == 2 and words[1] in ("point", "points") and words[0] in BP_IDIOMS:
        return BP_IDIOMS[words[0]]
    if len(words) == 3 and words[0] == "three" and words[1] in ("quarter", "quarters"):
        return 75
    raise ValueError(f"not a basis-point idiom: {text!r}")


def is_year(text: str) -> bool:
    """A bare four-digit year from 1900 to 2099 ("2021"), not "2,021" or "2021.5"."""
    return bool(re.fullmatch(r"(?:19|20)\d\d", text.strip()))
