"""Near-duplicate articles: word shingles, MinHash with LSH banding, exact Jaccard check.

A syndicated copy of a story, lightly edited, shares almost all of its 5-word
shingles with the original. Each article gets ``BANDS`` band hashes of its MinHash
signature; articles sharing a band are candidates, and a candidate counts as a near
duplicate when the exact shingle Jaccard similarity reaches the threshold. All
hashes are stable across processes and machines (no salted ``hash()``).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from collections.abc import Callable

import numpy as np

SHINGLE_WORDS = 5
BANDS, ROWS = 16, 8  # P(candidate) is 0.99999 at Jaccard 0.9 and 0.06 at 0.5
NEAR_DUPLICATE_JACCARD = 0.9

_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20250712)  # fixed: signatures must match across runs
_A = _rng.integers(1, 1 << 29, size=BANDS * ROWS, dtype=np.uint64)
_B = _rng.integers(0, 1 << 29, size=BANDS * ROWS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    """CRC-32 hashes of the text's overlapping ``SHINGLE_WORDS``-word windows."""
    words = _WORD.findall(text.casefold())
    span = min(SHINGLE_WORDS, len(words)) or 1
    return {zlib.crc32(" ".join(words[i:i + span]).encode())
            for i in range(max(1, len(words) - span + 1))}


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def lsh_bands(text: str) -> tuple[int, ...]:
    """The ``BANDS`` band hashes (63-bit, to fit a signed BIGINT) of the MinHash signature."""
    values = np.fromiter(shingles(text), dtype=np.uint64)
    signature = ((np.outer(values, _A) + _B) % _PRIME).min(axis=0)
    return tuple(
        int.from_bytes(hashlib.blake2b(band.tobytes(), digest_size=8).digest(), "big") >> 1
        for band in signature.reshape(BANDS, ROWS)
    )


class NearDuplicateIndex:
    """Band hashes of the articles seen so far, to find an earlier copy of a new one."""

    def __init__(self, threshold: float = NEAR_DUPLICATE_JACCARD) -> None:
        self.threshold = threshold
        self._buckets: dict[tuple[int, int], list[str]] = defaultdict(list)
        self._root: dict[str, str] = {}

    def add(self, article_id: str, bands: tuple[int, ...], duplicate_of: str | None) -> None:
        self._root[article_id] = duplicate_of or article_id
        for key in enumerate(bands):
            self._buckets[key].append(article_id)

    def find(self, text: str, bands: tuple[int, ...],
             text_of: Callable[[str], str]) -> str | None:
        """The first-seen copy ``text`` nearly duplicates (its root), or None."""
        seen: set[str] = set()
        mine: set[int] | None = None
        for key in enumerate(bands):
            for candidate in self._buckets.get(key, ()):
                if candidate in seen:
                    continue
                seen.add(candidate)
                mine = mine if mine is not None else shingles(text)
                if jaccard(mine, shingles(text_of(candidate))) >= self.threshold:
                    return self._root[candidate]
        return None
