"""Collect: read articles from files, folders and the web into ``Article`` records."""
