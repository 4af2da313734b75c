"""Claims from the real articles in ../shared/seeds (skipped when ../shared is absent)."""

from datetime import date
from pathlib import Path

from nlp.collect.folder import read_file
from nlp.extract.run import claims_of
from nlp.records import Article, Claim


def _claims(seeds_dir: Path, prefix: str) -> tuple[Article, list[Claim]]:
    [path] = seeds_dir.glob(f"{prefix}_*.txt")
    [article] = read_file(path)
    assert isinstance(article, Article)
    [(article, found)] = list(claims_of([article]))
    return article, found


def _by_figure(article: Article, found: list[Claim]) -> dict[str, Claim]:
    return {article.text[c.start:c.end]: c for c in found}


def test_seed_000_moves_cuts_and_valuations(seeds_dir: Path) -> None:
    article, found = _claims(seeds_dir, "000")
    claims = _by_figure(article, found)
    assert (claims["3.8%"].subject, claims["3.8%"].value, claims["3.8%"].period) == (
        "russell_2000", 3.8, "Since the start of July")
    assert (claims["1.7%"].subject, claims["1.7%"].speaker) == ("dow_jones", "FactSet")
    assert (claims["25-basis-point"].metric, claims["25-basis-point"].value) == ("cut_size", 25)
    assert (claims["3.75-4.00%"].low, claims["3.75-4.00%"].high) == (3.75, 4.0)
    assert claims["3.75-4.00%"].speaker == "the CME FedWatch Tool"
    pe = [c.value for c in found if c.kind == "pe_ratio"]
    assert pe[:2] == [14.9, 15.5]
    assert claims["9%"].kind == "return_forecast" and claims["9%"].speaker == "BofA"


def test_seed_002_forward_pe_rates_and_quotes(seeds_dir: Path) -> None:
    article, found = _claims(seeds_dir, "002")
    claims = _by_figure(article, found)
    assert article.published is not None and article.published.date() == date(2025, 9, 12)
    assert (claims["16.1 times"].kind, claims["16.1 times"].metric,
            claims["16.1 times"].subject) == ("pe_ratio", "forward", "russell_2000")
    assert claims["three"].metric == "cut_count" and claims["quarter-point"].value == 25
    assert claims["between 3% and 3.25%"].metric == "target_range"
    assert claims["4.25%-4.5%"].metric == "current_range"
    assert claims["2.3%"].period_start == date(2025, 9, 1)


def test_seed_004_close_and_futures(seeds_dir: Path) -> None:
    article, found = _claims(seeds_dir, "004")
    claims = _by_figure(article, found)
    assert (claims["2,211.65"].kind, claims["2,211.65"].metric) == ("index_level", "close")
    assert claims["2,211.65"].value == 2211.65
    downs = [c.value for c in found if c.kind == "price_change" and c.value < 0]
    assert -0.9 in downs
    assert (claims["28×"].kind, claims["28×"].metric, claims["28×"].approximate) == (
        "pe_ratio", "forward", True)
