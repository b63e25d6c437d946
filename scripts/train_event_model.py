"""Train the learned stage of the event coder (tidings/extract/events/learned.py).

    .venv/bin/python scripts/train_event_model.py            # writes the shipped model
    .venv/bin/python scripts/train_event_model.py --check    # fails if it would differ

Reads PLV train (../shared/benchmarks/events/plv-train; research data, used for training
only, none of it copied), codes every sentence with the rules alone, and labels each
candidate word: the annotated act's word with its type, the others "none"
(`tidings.evaluate.plv.training_rows`). Then:

1. k-fold cross-validation: a model per fold codes the held-out fold at a low floor;
   the threshold is the lowest on a grid at which the events the model added are right
   at least MIN_PRECISION of the time (PLV annotates one pair a sentence, so this
   under-counts what is right);
2. the shipped model: fitted on every sentence, with that threshold, written to
   tidings/ontology/data/event_model.json; the CV table to eval/event_model_cv.json.

Deterministic: sorted items, fixed folds, full-batch Adam from zeros (no randomness),
float16 weights in sorted JSON; the same inputs give the same bytes.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from tidings.evaluate import plv
from tidings.extract.events.learned import MODEL_PATH
from tidings.extract.events.learned_fit import FitSettings
from tidings.nlp import Coder
from tidings.paths import PROJECT_ROOT

SETTINGS = FitSettings(l2=1e-4, iterations=300, learning_rate=0.05, min_count=2)
GRID = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
FLOOR = 0.2
MIN_PRECISION = 0.85
MIN_EVENTS = 5
REPORT_PATH = PROJECT_ROOT / "eval" / "event_model_cv.json"
DATA = ("PLV train (Hu et al., ACL 2024, github.com/snowood1/Zero-Shot-PLOVER "
        "datasets/PLV_train.tsv at d2d0b0a; no licence file: research use, none copied)")


def _over(events, threshold):
    """Events with the model's below `threshold` removed (a floor-coded CV run)."""
    return [[e for e in ev if all(not b.startswith(plv.RULE + ":")
                                  or float(b.rsplit(":", 1)[1]) >= threshold for b in e.by)]
            for ev in events]


def threshold_table(items, cv):
    rows = []
    for t in GRID:
        kept = _over(cv, t)
        n = right = 0
        for item, events in zip(items, kept):
            for e, _score in plv.model_events(events):
                n += 1
                right += any(e.type in p.types for p in item.pairs)
        m = plv.score_plv(items, kept).metrics()
        rows.append({"threshold": t, "model_events": n, "model_right": right,
                     "model_precision": round(right / n, 4) if n else 0.0,
                     **{k: round(v, 4) for k, v in m.items()}})
    return rows


def choose(table):
    for row in table:
        if row["model_events"] >= MIN_EVENTS and row["model_precision"] >= MIN_PRECISION:
            return row["threshold"]
    return GRID[-1]


def per_type(items, rules, both):
    r, b = plv.score_plv(items, rules), plv.score_plv(items, both)
    return {label: {"pairs": n, "rules_recall": round(r.found[label] / n, 4),
                    "with_model_recall": round(b.found[label] / n, 4)}
            for label, n in sorted(r.support.items())}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plv", type=Path, default=plv.plv_path())
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--report", type=Path, default=REPORT_PATH)
    ap.add_argument("--check", action="store_true", help="compare with --out, write nothing")
    args = ap.parse_args(argv)
    if args.plv is None or not args.plv.is_file():
        print("PLV train not found (../shared/benchmarks/events/plv-train): nothing to do")
        return 0
    items = plv.read_plv(args.plv)
    coder = Coder()
    parsed = plv.parse_items(coder, items)
    cv = plv.cross_validate(coder, parsed, SETTINGS, FLOOR)
    table = threshold_table(items, cv)
    threshold = choose(table)
    chosen = _over(cv, threshold)
    meta = {"data": DATA, "sentences": len(items), "folds": plv.FOLDS,
            "min_model_precision": MIN_PRECISION}
    model = plv.fit_rows(parsed, range(len(items)), SETTINGS, threshold, meta)
    text = model.to_json()
    rules_m = plv.score_plv(items, parsed.rules).metrics()
    report = {"settings": asdict(SETTINGS), "threshold": threshold, "folds": plv.FOLDS,
              "rules": {k: round(v, 4) for k, v in rules_m.items()},
              "thresholds": table, "per_type": per_type(items, parsed.rules, chosen),
              "model_bytes": len(text.encode("utf-8")), "features": len(model.vocab)}
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print("model reproduced bit for bit" if same else "model differs from " + str(args.out))
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    args.report.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"threshold {threshold}; {len(model.vocab)} features; {len(text) // 1024} KB -> "
          f"{args.out}")
    print(json.dumps({"rules": report["rules"],
                      "with_model": next(r for r in table if r["threshold"] == threshold)},
                     indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
