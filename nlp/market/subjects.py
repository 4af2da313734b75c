"""The canonical subjects (SPEC.md) that have daily closes, and their tickers for fetching.

Kept free of heavy imports: the CLI builds its choices from these at start-up.
"""

INDEX_SUBJECTS = ("russell_2000", "russell_1000", "russell_3000", "russell_midcap", "sp500",
                  "sp600", "sp400", "nasdaq_composite", "nasdaq_100", "dow_jones")
TICKERS = {  # price-series tickers, as SPEC.md fixes them
    "russell_2000": "^RUT",
    "sp500": "^GSPC",
    "sp600": "^SP600",
    "nasdaq_composite": "^IXIC",
    "nasdaq_100": "^NDX",
    "dow_jones": "^DJI",
    "russell_1000": "^RUI",
    "russell_3000": "^RUA",
}
