"""Wiring for claim verification: the store's claims and closes -> verdicts -> the store.

Used by ``rallyscope verify`` and the demo; the rules are in ``analyze/verify.py``.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from .analyze.verify import verify_claims
from .store.db import Store


class Verification(NamedTuple):
    claims: pd.DataFrame  # the checkable claims with their article's publication time
    verdicts: pd.DataFrame  # one row per checked claim (see verify_claims)
    closes: pd.DataFrame  # the closes they were checked against


def verify_store(store: Store) -> Verification:
    """Check every stored index level and move against the stored closes and store the
    verdicts, replacing those of an earlier run."""
    claims = store.claims_with_dates(["index_level", "price_change"])
    closes = store.closes(sorted(claims["subject"].dropna().unique()))
    verdicts = verify_claims(claims, closes)
    with store.transaction() as con:
        store.set_verdicts(con, verdicts)
    return Verification(claims, verdicts, closes)
