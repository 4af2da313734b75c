"""Store: the embedded DuckDB database of articles, claims, stances, sentences, prices."""
