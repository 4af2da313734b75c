"""Classify: sentence sentiment and the article's stance on whether the rally lasts."""
