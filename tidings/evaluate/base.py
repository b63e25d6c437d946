"""What every evaluation suite returns, and the small scoring helpers they share."""
from __future__ import annotations

from dataclasses import dataclass, field


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
