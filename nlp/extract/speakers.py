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
          r"calculated|thinks|thought|put|puts|showed|shows|sees|signals|signaled|"
          r"signalled|priced|prices)")
_SAID = (r"(?:said|says|added|adds|wrote|writes|noted|notes|argued|argues|cautioned|warned|"
         r"countered|explained|insisted|observed|remarked|replied|acknowledged|conceded|"
         r"contended|told|tells)")
PATTERNS = [
    # …," Nanette Jacobson, a strategist at Hartford Funds, told MarketWatch
    re.compile(r"[\"”’,]\s*" + _NAME + r",[^,\"”]{3,120},\s+(?:also\s+)?" + _VERBS + r"\b"),
    re.compile(r"[\"”’,]\s*" + _SAID + r"\s+" + _NAME),  # …," said Jason Pride
    re.compile(r"\baccording to (?:the |a |an )?(?:report from |data from |analysts at |"
               r"strategists at |economists at )?" + _NAME),
    re.compile(r"\bbased on (?:the )?" + _NAME + r"\s+(?:estimates|data|figures|calculations)"),
    re.compile(r"\b(?:data|estimates|figures|analysis) from (?:the )?" + _NAME),
    re.compile(r"\b(?i:analysts|economists|strategists|researchers|the team) (?:at|from) "
               + _NAME),
    re.compile(r"(?:^|[,;:“\"(]\s*|\b(?:and|but|while|as|the)\s+)" + _NAME
               + r"\s+(?:also\s+)?" + _VERBS + r"\b"),
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
    "consensus", "the consensus", "wall street", "the street", "futures markets",
    "a", "an", "our", "my", "q", "a:", "q:",
}
_ANSWERS_BY = re.compile(r"\b(?i:answers|replies|responses)\s+(?:by|from)\s+" + _NAME)
_QUOTE_MARKS = ("“", "”", '"')
_PRONOUN_SAID = re.compile(r"[,”\"]\s*(?:he|she|they)\s+" + _SAID + r"\b")


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
                before = sentence[max(0, match.start("name") - 4):match.start("name")]
                return f"the {name}" if before.lower() == "the " else name
    return None


def _fullest(name: str, text: str) -> str:
    """The fullest form of a surname used in the text: "Solberg" → "Annika Solberg"."""
    if " " in name or not name[:1].isupper():
        return name
    longer = re.findall(r"\b((?:[A-Z][\w'’-]+\s+){1,2})" + re.escape(name) + r"\b", text)
    names = [f"{first}{name}" for first in longer
             if not any(w in NOT_SPEAKERS or w.lower() in NOT_SPEAKERS for w in first.split())]
    return max(names, key=len) if names else name


def attribute_sentences(sentences: list[str], text: str, *,
                        is_index: set[str] | None = None,
                        wanted: set[int] | None = None) -> list[str | None]:
    """The speaker of each sentence of a document (of those ``wanted``), read with its
    neighbours.

    A sentence inside a quotation that is attributed in the sentence before or after
    it takes that attribution; answers in a Q&A signed "Answers by X" go to X; a bare
    surname becomes the fullest form of the name the text uses.
    """
    found: dict[int, str | None] = {}

    def own(j: int) -> str | None:
        if j not in found:
            found[j] = find_speaker(sentences[j], is_index=is_index)
        return found[j]

    signed = _ANSWERS_BY.search(text)
    answerer = _clean(signed.group("name")) if signed else None
    result: list[str | None] = []
    in_answer = False
    for i, sentence in enumerate(sentences):
        head = sentence.lstrip()[:2]
        in_answer = True if head == "A:" else False if head == "Q:" else in_answer
        if wanted is not None and i not in wanted:
            result.append(None)
            continue
        speaker = own(i)
        if speaker is None and _PRONOUN_SAID.search(sentence):  # “…,” he said.
            people = [name for j in range(max(0, i - 5), i) if (name := own(j))
                      and " " in name and not name.startswith("the ")]
            speaker = people[-1] if people else None
        if speaker is None and any(mark in sentence for mark in _QUOTE_MARKS):
            neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(sentences)
                          and any(mark in sentences[j] for mark in _QUOTE_MARKS)]
            speaker = next((name for j in neighbours if (name := own(j))), None)
        if speaker is None and answerer and in_answer:
            speaker = answerer
        result.append(_fullest(speaker, text) if speaker else None)
    return result
