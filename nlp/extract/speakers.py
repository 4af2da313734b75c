"""Attribution: who a sentence's figures are credited to, as the text names them.

Reported speech ("…," said Jason Pride, chief of investment strategy at Glenmede),
"X told MarketWatch", "according to BofA", "BofA stated in a report", "based on LSEG
estimates". The name is kept as written; pronouns and the author ("we") give None.
"""

from __future__ import annotations

import re

_WORD = r"(?:[A-Z][\w&.'’-]*|of|de|van|von)"
_NAME = r"(?P<name>" + _WORD + r"(?:\s+(?:" + _WORD + r"|&)){0,5})"
_NAME_NOCASE_GUARD = re.compile(r"^(?:of|de|van|von|&)\b|\s(?:of|de|van|von|&)$")
_VERBS = (r"(?:said|says|told|tells|noted|notes|wrote|writes|added|adds|argued|argues|"
          r"cautioned|cautions|warned|warns|stated|states|estimated|estimates|expects|"
          r"expected|forecasts|forecast|believes|believed|concluded|concludes|predicts|"
          r"predicted|projects|projected|sees|saw|reckons|points out|pointed out|"
          r"highlights|indicates|indicated|shows|showed|reported|reports|calculates|"
          r"calculated|thinks|thought)")
_SAID = r"(?:said|says|added|adds|wrote|writes|noted|notes|argued|argues|cautioned|warned)"
PATTERNS = [
    # …," Nanette Jacobson, a strategist at Hartford Funds, told MarketWatch
    re.compile(r"[\"”’,]\s*" + _NAME + r",[^,\"”]{3,120},\s+(?:also\s+)?" + _VERBS + r"\b"),
    re.compile(r"[\"”’,]\s*" + _SAID + r"\s+" + _NAME),  # …," said Jason Pride
    re.compile(r"\baccording to (?:the |a |an )?(?:report from |data from |analysts at |"
               r"strategists at |economists at )?" + _NAME),
    re.compile(r"\bbased on (?:the )?" + _NAME + r"\s+(?:estimates|data|figures|calculations)"),
    re.compile(r"\b(?:data|estimates|figures|analysis) from (?:the )?" + _NAME),
    re.compile(r"(?:^|[,;:“\"(]\s*|\b(?:and|but|while|as)\s+)" + _NAME + r"\s+(?:also\s+)?"
               + _VERBS + r"\b"),
    re.compile(r"\b" + _SAID + r"\s+" + _NAME + r"(?:,|\s+(?:of|at|in)\s|$|\.)"),
]
_INSTITUTIONS = {"Bank", "Bureau", "Department", "University", "Federal", "Board", "Institute",
                 "Office", "Reserve", "the"}
NOT_SPEAKERS = {
    "the", "it", "this", "that", "he", "she", "they", "we", "i", "you", "there", "which", "who",
    "the index", "the fed", "the report", "the data", "investors", "analysts", "traders",
    "strategists", "economists", "markets", "the market", "the tool", "history", "data",
    "the company", "futures", "the survey", "research", "the minutes", "the statement",
    "officials", "some", "many", "most", "others", "one", "the bank", "the firm",
}


def _clean(name: str) -> str | None:
    name = _NAME_NOCASE_GUARD.sub("", name.strip().rstrip(".,’'")).strip()
    name = re.sub(r"^(?:The|the)\s+(?=[A-Z])", "the ", name)
    head, of, _ = name.partition(" of ")
    if of and head.split()[0] not in _INSTITUTIONS:  # "Jacobson of Hartford Funds"
        name = head
    if not name or name.lower() in NOT_SPEAKERS or not any(c.isupper() for c in name):
        return None
    first = name.split()[0]
    if first in {"The", "This", "That", "It", "We", "He", "She", "They", "But", "And", "So"}:
        return None
    return name


def find_speaker(sentence: str, *, is_index: set[str] | None = None) -> str | None:
    """The person or organisation the sentence attributes its figures to, else None."""
    for pattern in PATTERNS:
        for match in pattern.finditer(sentence):
            name = _clean(match.group("name"))
            if name and not (is_index and name.lower() in is_index):
                return name
    return None
