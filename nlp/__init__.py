"""rallyscope: market commentary as claims, stance and sentiment, set against the index.

The import name is ``nlp``; import from its modules (``from nlp.records import Article``).
"""

__version__ = "0.1.0"
