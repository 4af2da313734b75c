"""Figure extraction against corpus/gold/figures.jsonl: P/R/F1 per kind, field accuracies.

A prediction matches a gold figure when their character spans overlap; it counts as
right for a kind when both have that kind. Subject, sign, period and the other field
accuracies are over matched pairs of the same kind. Exits 1 under the floors in
scripts/baselines.json ("evaluate_figures").

    python scripts/evaluate_figures.py [--errors] [--gold FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from nlp.extract.claims import extract_claims
from nlp.extract.pipeline import make_nlp

ROOT = Path(__file__).resolve().parent.parent
KINDS = ["index_level", "price_change", "pe_ratio", "rate_expectation", "earnings_growth",
         "return_forecast", "other"]
FIELDS = ["subject", "sign", "period", "metric", "approximate", "forward_looking", "speaker",
          "value"]


def _span(text: str, figure: dict) -> tuple[int, int]:
    at = -1
    for _ in range(figure.get("occurrence", 1)):
        at = text.find(figure["text"], at + 1)
        if at < 0:
            raise ValueError(f"gold figure {figure['text']!r} not in passage")
    return at, at + len(figure["text"])


def _sign(value: float | None) -> int:
    return 0 if not value else (1 if value > 0 else -1)


def _field_ok(name: str, gold: dict, pred: dict) -> bool:
    if name == "sign":
        return _sign(gold["value"]) == _sign(pred["value"])
    if name == "value":
        return abs(abs(gold["value"]) - abs(pred["value"])) < 1e-6
    if name == "period":
        return ((gold["period"] is None) == (pred["period"] is None)
                and str(gold.get("period_start")) == str(pred["period_start"])
                and str(gold.get("period_end")) == str(pred["period_end"]))
    return gold.get(name) == pred[name]


def _shown(name: str, record: dict) -> object:
    if name == "period":
        return record["period"], record.get("period_start"), record.get("period_end")
    return record["value"] if name == "sign" else record.get(name)


def evaluate(gold_path: Path, show_errors: bool) -> dict:
    nlp = make_nlp()
    tp, fp, fn = Counter(), Counter(), Counter()
    right, seen = Counter(), Counter()
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        passage = json.loads(line)
        text = passage["text"]
        published = date.fromisoformat(passage["published"])
        predicted = [c.to_row() for c in extract_claims(nlp(text), article=passage["id"],
                                                        source="gold", published=published)]
        golds = [(g, _span(text, g)) for g in passage["figures"]]
        used: set[int] = set()
        for gold, (start, end) in golds:
            match = next((i for i, p in enumerate(predicted) if i not in used
                          and p["start"] < end and start < p["end"] and p["kind"] == gold["kind"]),
                         None)
            if match is None:
                fn[gold["kind"]] += 1
                if show_errors:
                    near = [p for p in predicted if p["start"] < end and start < p["end"]]
                    got = f"got {near[0]['kind']}/{near[0]['metric']}" if near else "missed"
                    print(f"FN {passage['id']} {gold['kind']}/{gold['metric']} "
                          f"{gold['text']!r}: {got} | {text[max(0, start - 60):end + 40]!r}")
                continue
            used.add(match)
            pred = predicted[match]
            tp[gold["kind"]] += 1
            for name in FIELDS:
                seen[name] += 1
                if _field_ok(name, gold, pred):
                    right[name] += 1
                elif show_errors and name in ("subject", "sign", "period", "metric", "speaker"):
                    print(f"FIELD {name} {passage['id']} {gold['text']!r} "
                          f"gold={_shown(name, gold)} pred={_shown(name, pred)}")
        for i, pred in enumerate(predicted):
            if i not in used:
                fp[pred["kind"]] += 1
                if show_errors:
                    print(f"FP {passage['id']} {pred['kind']}/{pred['metric']} "
                          f"{text[pred['start']:pred['end']]!r} | "
                          f"{text[max(0, pred['start'] - 60):pred['end'] + 40]!r}")
    return {"tp": tp, "fp": fp, "fn": fn, "right": right, "seen": seen}


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "corpus" / "gold" / "figures.jsonl")
    parser.add_argument("--errors", action="store_true", help="print every mismatch")
    parser.add_argument("--no-floors", action="store_true", help="print only, never fail")
    args = parser.parse_args()
    result = evaluate(args.gold, args.errors)
    tp, fp, fn = result["tp"], result["fp"], result["fn"]
    scores: dict[str, float] = {}
    print(f"{'kind':18s} {'P':>6s} {'R':>6s} {'F1':>6s} {'gold':>5s}")
    for kind in KINDS:
        p, r, f = _prf(tp[kind], fp[kind], fn[kind])
        scores[f"{kind}_f1"] = f
        print(f"{kind:18s} {p:6.3f} {r:6.3f} {f:6.3f} {tp[kind] + fn[kind]:5d}")
    p, r, f = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    scores |= {"precision": p, "recall": r, "f1": f}
    print(f"{'overall':18s} {p:6.3f} {r:6.3f} {f:6.3f} {sum(tp.values()) + sum(fn.values()):5d}")
    for name in FIELDS:
        accuracy = result["right"][name] / result["seen"][name] if result["seen"][name] else 0.0
        scores[f"{name}_accuracy"] = accuracy
        print(f"{name + ' accuracy':24s} {accuracy:6.3f}")
    floors = json.loads((ROOT / "scripts" / "baselines.json").read_text())["evaluate_figures"]
    below = [f"{k} {scores[k]:.3f} < {v}" for k, v in floors.items() if scores[k] < v]
    if below and not args.no_floors:
        sys.exit("evaluate_figures below floor: " + "; ".join(below))


if __name__ == "__main__":
    main()
