"""What every evaluation suite returns, and the small scoring helpers they share."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EvalError


@dataclass
class SuiteResult:
    """One suite's scores. `metrics` maps a flat name ("type_f1") to a value in 0..1;
    the gate compares these names against eval/baseline.json floors."""
    name: str
    metrics: dict[str, float]
    report: str = ""          # human-readable table(s), printed by `tidings eval`
    counts: dict[str, int] = field(default_factory=dict)  # items scored, etc.


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1; 0.0 where undefined."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def jsonl_items(path: Path, required: tuple[str, ...] = ()) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line of a gold JSON Lines file; an
    EvalError names the line that is not JSON or lacks "id", "text" or a `required` key."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(f"{path}:{lineno}: not JSON ({exc})") from exc
            missing = [k for k in ("id", "text", *required) if k not in item]
            if missing:
                raise EvalError(f"{path}:{lineno}: missing {', '.join(missing)}")
            yield lineno, item
