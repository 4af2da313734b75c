"""Extract: every figure of an article as a normalised, attributed ``Claim``."""
