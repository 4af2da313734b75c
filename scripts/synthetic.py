"""Generated market commentary for benchmarks: deterministic, varied, never real text.

Used by the bench_* scripts only; the articles are word salad built from commentary
phrases and random figures, so each one is distinct (no near-duplicates) but looks
like the real thing to a reader of bytes.
"""

from __future__ import annotations

import random

INDICES = [
    "The Russell 2000",
    "The S&P 500",
    "The S&P SmallCap 600",
    "The Nasdaq Composite",
    "Small caps",
    "The small-cap benchmark",
    "The Dow",
]
VERBS_UP = ["rose", "gained", "climbed", "jumped", "added", "rallied"]
VERBS_DOWN = ["fell", "slid", "dropped", "lost", "declined", "eased"]
PERIODS = [
    "on Tuesday",
    "this week",
    "so far this month",
    "year-to-date",
    "since the start of July",
    "in June",
    "over the past decade",
    "since the Fed's last meeting",
]
PEOPLE = [
    "Mara Ellison",
    "Tomas Quill",
    "Ines Okafor",
    "Caro Whitlock",
    "Hollis Brand",
    "Priya Anand",
    "Dana Whitfield",
    "Rene Duval",
]
FIRMS = [
    "Penrose Hill",
    "Brindle & Vance",
    "Northgate Research",
    "Harborline Capital",
    "Copperline Markets",
    "Lantern Street",
]
CLAUSES = [
    "as traders priced in {n} quarter-point cuts by December",
    "while the forward P/E of the index reached {pe} times",
    "with futures implying a {p}% chance of a cut in September",
    "after earnings per share were forecast to grow {g}% next year",
    "as breadth improved and regional banks led",
    "even as the 10-year yield held near {y}%",
    "leaving the fed funds rate in a range of {lo}%-{hi}%",
]
VIEWS = [
    "We think the rally has legs as long as earnings revisions stay positive.",
    "Don't expect it to last: rallies built on short covering tend to fade.",
    "The jury is still out on whether this rotation can hold.",
    "History says small caps lead for a year after the first cut.",
    "Valuations look stretched once unprofitable companies are stripped out.",
]


TOPICS = ["regional banks", "biotech", "industrials", "homebuilders", "semiconductors",
          "retailers", "utilities", "energy", "shippers", "insurers", "lenders", "software",
          "miners", "airlines", "restaurants", "trucking", "chemicals", "media", "telecom",
          "apparel", "casinos", "hospitals", "REITs", "brokers", "automakers"]
FACTORS = ["tariffs", "inflation", "payrolls", "credit spreads", "buybacks", "margins",
           "guidance", "refinancing", "wages", "freight", "housing", "consumer confidence",
           "deficits", "oil", "the dollar", "liquidity", "short interest", "fund flows",
           "volatility", "defaults", "capex", "inventories"]


def _aside(rng: random.Random) -> str:
    """A clause of random topic words: it keeps generated articles from sharing shingles."""
    words = rng.sample(TOPICS, 2) + rng.sample(FACTORS, 3)
    return (
        f"{words[0]} and {words[1]} moved on {words[2].replace('-', ' ')}, "
        f"{words[3].replace('-', ' ')} and {words[4].replace('-', ' ')}"
    )


def sentence(rng: random.Random) -> str:
    up = rng.random() < 0.6
    verb = rng.choice(VERBS_UP if up else VERBS_DOWN)
    clause = rng.choice(CLAUSES).format(
        n=rng.choice(["two", "three", "one or two"]),
        pe=round(rng.uniform(12, 30), 1),
        p=rng.randint(20, 99),
        g=rng.randint(-10, 60),
        y=round(rng.uniform(3.5, 5), 2),
        lo=rng.choice(["3.75", "4.00", "4.25"]),
        hi=rng.choice(["4.00", "4.25", "4.50"]),
    )
    if rng.random() < 0.3:
        quote = rng.choice(VIEWS)
        return f'"{quote}" said {rng.choice(PEOPLE)}, chief strategist at {rng.choice(FIRMS)}.'
    return (
        f"{rng.choice(INDICES)} {verb} {rng.uniform(0.1, 9):.1f}% {rng.choice(PERIODS)} "
        f"to {rng.uniform(1800, 6900):,.2f}, {clause}; {_aside(rng)}."
    )


PROSE = [
    "Investors have spent most of the year crowded into a handful of technology giants.",
    "That leadership has left smaller companies looking cheap by most historical yardsticks.",
    "Strategists are split on whether the latest move marks a durable turn.",
    "Much depends on how quickly borrowing costs come down for companies that rely on banks.",
    "Regional lenders, industrial suppliers and biotech names have done most of the lifting.",
    "Skeptics point out that similar bursts in recent years faded within weeks.",
    "The earnings picture has been slow to improve, and guidance remains cautious.",
    "Positioning data suggest many funds are still underweight the asset class.",
    "A softer inflation reading would strengthen the case for easier policy.",
    "Tariff uncertainty continues to weigh on companies with thin margins.",
    "Breadth has improved, with more members of the index trading above key averages.",
    "Some managers prefer quality names with steady cash flow over speculative ones.",
    "The next few weeks of earnings reports should show whether the optimism is justified.",
    "Liquidity in smaller stocks can amplify moves in both directions.",
    "Several advisers said clients have started asking about diversifying away from megacaps.",
]


def article_body(rng: random.Random, words: int = 800) -> list[str]:
    """Paragraphs of commentary: about one sentence in three carries figures, as in the
    real articles we read (15 to 30 figures in 800 words)."""
    paragraphs: list[str] = []
    count = 0
    while count < words:
        para = " ".join(sentence(rng) if rng.random() < 0.3 else rng.choice(PROSE)
                        for _ in range(rng.randint(3, 5)))
        paragraphs.append(para)
        count += len(para.split())
    return paragraphs


def text_article(seed: int, words: int = 800) -> str:
    rng = random.Random(seed)
    month = rng.choice(["March", "May", "July", "September", "November"])
    title = f"Small caps and the Fed: note {seed}"
    body = "\n\n".join(article_body(rng, words))
    return f"{title}\n\n{month} {rng.randint(1, 28)}, 2025\n\n{body}\n\nSubscribe to our brief.\n"


def html_page(seed: int, words: int = 800, size: int = 100_000) -> str:
    """A news page of about ``size`` bytes: the article amid menus, scripts and footers."""
    rng = random.Random(seed)
    body = "\n".join(f"<p>{p}</p>" for p in article_body(rng, words))
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(60))
    related = "".join(
        f'<li><a href="/story/{seed}-{i}">Related story {i} about markets and the economy</a></li>'
        for i in range(40)
    )
    head = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Note {seed}</title>'
        f'<meta property="article:published_time" content="2025-07-{rng.randint(1, 28):02d}'
        f'T14:00:00Z"><meta name="author" content="{rng.choice(PEOPLE)}">'
        f'<meta property="og:site_name" content="{rng.choice(FIRMS)} Daily"></head><body>'
        f"<nav><ul>{nav}</ul></nav><main><article><h1>Small caps and the Fed: note {seed}</h1>"
        f"{body}</article><aside><ul>{related}</ul></aside></main>"
    )
    script = "<script>var config = {" + ",".join(f'"k{i}": {i}' for i in range(200)) + "};</script>"
    footer = "<footer>" + "".join(f"<p>Footer link {i} | Terms | Privacy</p>" for i in range(40))
    page = head + footer + "</footer>"
    padding = max(0, size - len(page) - 20)
    filler = (script * (padding // len(script) + 1))[:padding]
    return page + filler + "</body></html>"
