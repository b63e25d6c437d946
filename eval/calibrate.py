"""Fit the event confidence calibration table from gold sets.

    .venv/bin/python eval/calibrate.py [--out tidings/ontology/data/confidence_calibration.tsv]

The coder's raw score (trigger reliability, whether both sides were found, modality)
is mapped to the share of events with that score whose type is right, measured on our
own gold set and, when ../shared is present, the PLOVER gold-standard records. The map
is monotone (pool-adjacent-violators isotonic regression), so a higher raw score never
gets a lower confidence, and it is stored as a small table of knots that the coder
interpolates between. Re-run after changing the coder; commit the table it writes.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tidings.evaluate.events import (
    _same_type,
    code_items,
    gsr_path,
    max_matching,
    own_gold_path,
    read_gsr,
    read_own,
)
from tidings.extract import event_context
from tidings.nlp import Coder
from tidings.paths import DATA_DIR

KNOTS = 12


def observations(coder: Coder) -> list[tuple[float, int]]:
    """(raw score, 1 if the event's type is right else 0) for every predicted event."""
    items = []
    own = own_gold_path()
    if own is not None:
        items += read_own(own)
    gsr = gsr_path()
    if gsr is not None:
        items += read_gsr(gsr)
    event_context.CALIBRATE = False  # score with the raw confidence
    preds, _errors = code_items(coder, items)
    out = []
    for item, pred in zip(items, preds):
        right = {p for _g, p in max_matching(item.events, pred, agrees=_same_type)}
        out += [(ev.confidence, int(i in right)) for i, ev in enumerate(pred)]
    return out


def isotonic(points: list[tuple[float, int]]) -> list[tuple[float, float, int]]:
    """Pool adjacent violators: blocks of (mean raw score, mean correctness, count)."""
    blocks: list[list[float]] = []  # [sum_x, sum_y, n]
    for x, y in sorted(points):
        blocks.append([x, float(y), 1])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            x2, y2, n2 = blocks.pop()
            blocks[-1][0] += x2
            blocks[-1][1] += y2
            blocks[-1][2] += n2
    return [(sx / n, sy / n, int(n)) for sx, sy, n in blocks]


def knots(blocks: list[tuple[float, float, int]], n: int = KNOTS) -> list[tuple[float, float]]:
    """At most n (raw, calibrated) points, merging the smallest blocks first."""
    pts = [list(b) for b in blocks]
    while len(pts) > n:
        i = min(range(len(pts) - 1), key=lambda j: pts[j][2] + pts[j + 1][2])
        a, b = pts[i], pts[i + 1]
        total = a[2] + b[2]
        pts[i:i + 2] = [[(a[0] * a[2] + b[0] * b[2]) / total,
                         (a[1] * a[2] + b[1] * b[2]) / total, total]]
    return [(round(x, 3), round(y, 3)) for x, y, _n in pts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR / "confidence_calibration.tsv")
    args = parser.parse_args(argv)
    obs = observations(Coder())
    if len(obs) < 50:
        print(f"only {len(obs)} predicted events: too few to calibrate", file=sys.stderr)
        return 1
    table = knots(isotonic(obs))
    lines = ["# Event confidence calibration: raw coder score -> share of events with that",
             f"# score whose type is right ({len(obs)} predicted events on our gold and the",
             "# PLOVER gold-standard records). Written by eval/calibrate.py; do not edit.",
             "raw\tcalibrated"]
    lines += [f"{x}\t{y}" for x, y in table]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out} from {len(obs)} events: " +
          ", ".join(f"{x:.2f}->{y:.2f}" for x, y in table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
