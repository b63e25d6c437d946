"""The CI quality gate: every pinned metric must stay at or above its floor.

eval/baseline.json maps {"suite": {"metric": floor}}; keys starting with "_" are
comments. A suite that ran is checked metric by metric; a skipped suite (its data is
absent on this machine) passes; a suite that is pinned but could not be imported or
crashed fails, since otherwise a broken module would silently switch its gate off.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path

from ..errors import EvalError
from ..paths import PROJECT_ROOT
from .suites import ERROR, SKIPPED, UNAVAILABLE, SuiteOutcome

BASELINE = PROJECT_ROOT / "eval" / "baseline.json"


def load_baseline(path: Path = BASELINE) -> dict[str, dict[str, float]]:
    """The floors per suite, comments dropped; raises EvalError naming the file."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"cannot read baseline: {exc}", str(path)) from exc
    if not isinstance(raw, dict):
        raise EvalError("baseline must be a JSON object {suite: {metric: floor}}", str(path))
    floors: dict[str, dict[str, float]] = {}
    for suite, metrics in raw.items():
        if suite.startswith("_"):
            continue
        if not isinstance(metrics, dict):
            raise EvalError(f"suite {suite!r}: floors must be an object", str(path))
        try:
            floors[suite] = {m: float(v) for m, v in metrics.items() if not m.startswith("_")}
        except (TypeError, ValueError) as exc:
            raise EvalError(f"suite {suite!r}: floor is not a number ({exc})",
                            str(path)) from exc
    return floors


def check(outcomes: Iterable[SuiteOutcome],
          floors: dict[str, dict[str, float]]) -> list[str]:
    """One message per gate failure; an empty list means the gate passes. Only suites
    that were asked to run are checked (`--suite` narrows the gate too)."""
    failures = []
    for out in outcomes:
        pinned = floors.get(out.name)
        if not pinned or out.status == SKIPPED:
            continue
        if out.status in (UNAVAILABLE, ERROR):
            failures.append(f"{out.name}: {out.status} ({out.message}) but the baseline "
                            f"pins {', '.join(sorted(pinned))}")
            continue
        metrics = out.result.metrics if out.result else {}
        for metric, floor in sorted(pinned.items()):
            value = metrics.get(metric)
            if value is None:
                failures.append(f"{out.name}.{metric}: not reported (floor {floor:.4f})")
            elif value < floor:
                failures.append(f"{out.name}.{metric}: {value:.4f} is below its floor "
                                f"{floor:.4f}")
    return failures


def unknown_suites(floors: dict[str, dict[str, float]], registered: Iterable[str]) -> list[str]:
    """Baseline entries naming no registered suite: a renamed suite must move its floors."""
    known = set(registered)
    return [f"{name}: pinned in the baseline but no such suite is registered"
            for name in sorted(floors) if name not in known]


MARGIN = 0.01
COMMENT = ("Floors for `tidings eval --gate`: {suite: {metric: floor}}, each the measured "
           "value minus 0.01 when pinned (`tidings eval --pin-baseline`). Raising a floor "
           "is a normal commit; lowering one needs its reason in the commit message.")


def pinned_floors(outcomes: Iterable[SuiteOutcome], floors: dict[str, dict[str, float]],
                  margin: float = MARGIN) -> dict[str, object]:
    """The baseline with every suite that ran re-pinned at its value minus `margin`
    (rounded down to 4 places, never below 0); suites that did not run keep theirs."""
    out: dict[str, object] = {"_comment": COMMENT}
    merged = dict(floors)
    for o in outcomes:
        if o.result is not None:
            merged[o.name] = {m: max(0.0, math.floor(round((v - margin) * 10_000, 6)) / 10_000)
                              for m, v in sorted(o.result.metrics.items())}
    out.update(sorted(merged.items()))
    return out
