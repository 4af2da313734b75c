"""Market: daily index closes, read from CSV files or fetched, for the ``prices`` table."""
