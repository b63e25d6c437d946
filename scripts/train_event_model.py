"""Train the learned stage of the event coder (tidings/extract/events/learned.py).

    .venv/bin/python scripts/train_event_model.py            # writes the shipped model
    .venv/bin/python scripts/train_event_model.py --check    # fails if it would differ

Reads PLV train (../shared/benchmarks/events/plv-train; research data, used for training
only, none of it copied) and our own training sentences (eval/train/events_train.jsonl,
in our coding conventions), codes every sentence with the rules alone, and labels each
candidate word: the annotated act's word with its type (PLV: guessed; ours: the gold
trigger), the others "none" (`tidings.evaluate.plv.training_rows`). The folds are by
position over PLV then ours, so every fold holds both. Then:

1. k-fold cross-validation: a model per fold codes the held-out fold at a low floor;
   the threshold is the lowest on a grid at which the events the model added are right
   at least MIN_PRECISION of the time (PLV annotates one pair a sentence, so this
   under-counts what is right);
2. the re-typer (learned_retype.py): a sentence-level type classifier per fold scores
   its held-out sentences; its threshold is the best type F1 on a grid at which it
   fixes at least MIN_FIXED_PER_BROKEN rule events for each one it breaks;
3. both at their thresholds, fold models coding their held-out folds: the CV figures;
4. the shipped models: fitted on every sentence, with those thresholds, written to
   tidings/ontology/data/event_model.json and event_retyper.json; the CV tables to
   eval/event_model_cv.json.

Deterministic: sorted items, fixed folds, full-batch Adam from zeros (no randomness),
float16 weights in sorted JSON; the same inputs give the same bytes.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from tidings.evaluate import plv
from tidings.extract.events.learned import MODEL_PATH
from tidings.extract.events.learned_fit import FitSettings
from tidings.extract.events.learned_retype import RETYPER_PATH, known_triggers, retype_events
from tidings.nlp import Coder
from tidings.paths import PROJECT_ROOT

SETTINGS = FitSettings(l2=1e-4, iterations=300, learning_rate=0.05, min_count=2)
RETYPE_SETTINGS = FitSettings(l2=1e-3, iterations=300, learning_rate=0.05, min_count=2)
GRID = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
RETYPE_GRID = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
FLOOR = 0.2
MIN_PRECISION = 0.85
MIN_EVENTS = 5
# the re-typer's threshold: the best type F1 at which it breaks (a right rule type made
# wrong) at most one event for every MIN_FIXED_PER_BROKEN it fixes
MIN_FIXED_PER_BROKEN = 3.0
REPORT_PATH = PROJECT_ROOT / "eval" / "event_model_cv.json"
DATA = ("PLV train (Hu et al., ACL 2024, github.com/snowood1/Zero-Shot-PLOVER "
        "datasets/PLV_train.tsv at d2d0b0a; no licence file: research use, none copied)")
OWN_DATA = "eval/train/events_train.jsonl (ours: written for training, our conventions)"


def _over(events, threshold):
    """Events with the model's below `threshold` removed (a floor-coded CV run)."""
    return [[e for e in ev if all(not b.startswith(plv.RULE + ":")
                                  or float(b.rsplit(":", 1)[1]) >= threshold for b in e.by)]
            for ev in events]


def _rounded(metrics):
    return {k: round(v, 4) for k, v in metrics.items()}


def threshold_table(items, cv):
    rows = []
    for t in GRID:
        kept = _over(cv, t)
        n = right = 0
        for item, events in zip(items, kept):
            for e, _score in plv.model_events(events):
                n += 1
                right += any(e.type in p.types for p in item.pairs)
        rows.append({"threshold": t, "model_events": n, "model_right": right,
                     "model_precision": round(right / n, 4) if n else 0.0,
                     **_rounded(plv.score_plv(items, kept).metrics())})
    return rows


def choose(table):
    for row in table:
        if row["model_events"] >= MIN_EVENTS and row["model_precision"] >= MIN_PRECISION:
            return row["threshold"]
    return GRID[-1]


def retype_table(parsed, retypers):
    """The re-typer of each fold over its held-out items' rule events, per threshold:
    events re-typed, fixed (no right type before, one after), broken (the reverse)."""
    probs, eligible = [], []
    for i, (row, events) in enumerate(zip(parsed.sentence_rows, parsed.rules)):
        r = retypers[plv.fold_of(i)]
        probs.append(r.probabilities([row[0]], np.zeros((1, 0)))[0])
        known = known_triggers(r, row[0])
        eligible.append([any(k.endswith("|" + e.type) for k in known) for e in events])
    rows = []
    for t in RETYPE_GRID:
        new, fixed, broken, changed = [], 0, 0, 0
        for i, (item, events) in enumerate(zip(parsed.items, parsed.rules)):
            labels = retypers[plv.fold_of(i)].labels
            after = retype_events(list(events), labels, probs[i], t, eligible[i])
            if after != list(events):
                changed += 1
                was = any(e.type in item.pairs[0].types for e in events)
                now = any(e.type in item.pairs[0].types for e in after)
                fixed += now and not was
                broken += was and not now
            new.append(after)
        rows.append({"threshold": t, "retyped": changed, "fixed": fixed, "broken": broken,
                     **_rounded(plv.score_plv(parsed.items, new).metrics())})
    return rows


def choose_retype(table):
    ok = [r for r in table if r["fixed"] >= MIN_FIXED_PER_BROKEN * r["broken"] and r["fixed"]]
    return max(ok, key=lambda r: (r["type_f1"], r["threshold"]))["threshold"] if ok \
        else None


def _plv_only(items, rules, both):
    sub, r = plv.by_origin(items, rules, "plv")
    return sub, r, plv.by_origin(items, both, "plv")[1]


def per_type(items, rules, both):
    r, b = plv.score_plv(items, rules), plv.score_plv(items, both)
    return {label: {"pairs": n, "rules_recall": round(r.found[label] / n, 4),
                    "with_model_recall": round(b.found[label] / n, 4)}
            for label, n in sorted(r.support.items())}


def per_source(items, runs):
    """The CV figures of each source for each run (name -> events per item)."""
    out = {}
    for origin in sorted({i.origin for i in items}):
        sub = plv.by_origin(items, items, origin)[0]
        out[origin] = {"sentences": len(sub), **{
            name: _rounded(plv.score_plv(sub, plv.by_origin(items, events, origin)[1]).metrics())
            for name, events in runs.items()}}
    return out


def parts_alone(coder, parsed, folds, threshold, rthreshold):
    """Each part alone at its threshold, fold models coding their held-out folds."""
    propose = plv.cross_validate(coder, parsed, None, models=[
        (replace(m, threshold=threshold), None) for m, _ in folds])
    retype = plv.cross_validate(coder, parsed, None, models=[
        (None, replace(r, threshold=rthreshold)) for _, r in folds]) \
        if rthreshold is not None else plv.recode(coder, parsed.docs, None)
    return {"propose_alone": propose, "retype_alone": retype}


def train(items, coder):
    """The two models, their thresholds and the cross-validated report."""
    parsed = plv.parse_items(coder, items)
    floor = plv.Learned(SETTINGS, FLOOR, RETYPE_SETTINGS, FLOOR)
    folds = plv.fold_models(parsed, floor)
    cv = plv.cross_validate(coder, parsed, floor, models=[(m, None) for m, _ in folds])
    table = threshold_table(items, cv)
    threshold = choose(table)
    rtable = retype_table(parsed, [r for _, r in folds])
    rthreshold = choose_retype(rtable)
    chosen = plv.Learned(SETTINGS, threshold, RETYPE_SETTINGS, rthreshold)
    final = plv.cross_validate(coder, parsed, chosen, models=[
        (replace(m, threshold=threshold),
         replace(r, threshold=rthreshold) if rthreshold is not None else None)
        for m, r in folds])
    n_own = sum(1 for i in items if i.origin == "own")
    meta = {"data": DATA + (f"; {OWN_DATA}, {n_own} sentences" if n_own else ""),
            "sentences": len(items), "folds": plv.FOLDS}
    model = plv.fit_rows(parsed, range(len(items)), SETTINGS, threshold,
                         {**meta, "min_model_precision": MIN_PRECISION})
    retyper = plv.fit_retyper(parsed, range(len(items)), RETYPE_SETTINGS,
                              rthreshold if rthreshold is not None else 1.01,
                              {**meta, "min_fixed_per_broken": MIN_FIXED_PER_BROKEN})
    # the baseline: the events stage run again without models, as the CV runs are (a
    # second run of the stage on a coded Doc can differ a little from the first)
    base = plv.recode(coder, parsed.docs, None)
    made = [e for events in final for e, _ in plv.model_events(events)]
    report = {"settings": asdict(SETTINGS), "threshold": threshold, "folds": plv.FOLDS,
              "retype_settings": asdict(RETYPE_SETTINGS), "retype_threshold": rthreshold,
              "rules": _rounded(plv.score_plv(items, base).metrics()),
              "with_model": _rounded(plv.score_plv(items, final).metrics()),
              "model_events": len(made),
              "model_retyped": sum(1 for e in made if "model_retyped:" in " ".join(e.by)),
              "thresholds": table, "retype_thresholds": rtable,
              "per_type": per_type(*_plv_only(items, base, final)),
              "per_source": per_source(items, {
                  "rules": base, "with_model": final,
                  **parts_alone(coder, parsed, folds, threshold, rthreshold)}),
              "features": len(model.vocab), "retype_features": len(retyper.vocab)}
    return model, retyper, report


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plv", type=Path, default=plv.plv_path())
    ap.add_argument("--own", type=Path, default=plv.own_train_path(),
                    help="our training sentences (default eval/train/events_train.jsonl)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--retyper-out", type=Path, default=RETYPER_PATH)
    ap.add_argument("--report", type=Path, default=REPORT_PATH)
    ap.add_argument("--check", action="store_true", help="compare with --out, write nothing")
    args = ap.parse_args(argv)
    if args.plv is None or not args.plv.is_file():
        print("PLV train not found (../shared/benchmarks/events/plv-train): nothing to do")
        return 0
    own = args.own if args.own is not None and args.own.is_file() else None
    model, retyper, report = train(plv.training_items(args.plv, own), Coder())
    texts = {args.out: model.to_json(), args.retyper_out: retyper.to_json()}
    report["model_bytes"] = {p.name: len(t.encode("utf-8")) for p, t in texts.items()}
    if args.check:
        same = all(p.is_file() and p.read_text(encoding="utf-8") == t for p, t in texts.items())
        print("models reproduced bit for bit" if same else "models differ from the shipped ones")
        return 0 if same else 1
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
    args.report.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"propose >= {report['threshold']}, retype >= {report['retype_threshold']}; "
          f"{report['model_bytes']}")
    print(json.dumps({k: report[k] for k in ("rules", "with_model", "model_events",
                                             "model_retyped", "per_source")}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
