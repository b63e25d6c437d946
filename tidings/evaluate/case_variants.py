"""How the event coder holds up when an archive changes the case of its text.

Whole archives come lower-cased (older scrapes, some Indian and South Asian news
archives) or in capitals (wire headlines, telex-era text). The `events-case` suite codes
the same gold sentences three times: as written, lower-cased and upper-cased, and
reports type and dyad F1 for each. Lower- and upper-casing change no character offset,
and the scorer compares types and countries, so the gold needs no change. The sets are
our held-out gold (read while tuning) and the styles check split (only scored).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .base import SuiteResult
from .events import HELDOUT_GOLD, GoldItem, code_items, read_own, score
from .styles import STYLES_CHECK_GOLD

if TYPE_CHECKING:
    from ..nlp import Coder
    from .suites import EvalOptions

VARIANTS: dict[str, Callable[[str], str]] = {
    "as_written": lambda text: text,
    "lower": str.lower,
    "upper": str.upper,
}


def _items() -> list[GoldItem]:
    items: list[GoldItem] = []
    for path in (HELDOUT_GOLD, STYLES_CHECK_GOLD):
        if path.is_file():
            items += read_own(path)
    return items


def score_variants(coder: Coder, items: Sequence[GoldItem],
                   min_confidence: float = 0.0) -> dict[str, dict[str, float]]:
    """{variant: metrics} for the items coded as written, lower- and upper-cased."""
    out: dict[str, dict[str, float]] = {}
    for name, change in VARIANTS.items():
        changed = [dataclasses.replace(i, text=change(i.text)) for i in items]
        preds, _ = code_items(coder, changed)
        out[name] = score(changed, preds, min_confidence).metrics()
    return out


def run(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """Type and dyad F1 as written, lower-cased and upper-cased; None without gold."""
    items = _items()
    if not items:
        return None
    if options and options.limit:
        items = items[:options.limit]
    by_variant = score_variants(coder, items, options.min_confidence if options else 0.0)
    metrics: dict[str, float] = {}
    lines = [f"{'case':12} {'type P':>7} {'type R':>7} {'type F1':>8} {'dyad F1':>8}"]
    for name, m in by_variant.items():
        suffix = "" if name == "as_written" else f"_{name}"
        metrics[f"type_f1{suffix}"] = m["type_f1"]
        metrics[f"dyad_f1{suffix}"] = m["dyad_f1"]
        lines.append(f"{name:12} {m['type_precision']:7.3f} {m['type_recall']:7.3f} "
                     f"{m['type_f1']:8.3f} {m['dyad_f1']:8.3f}")
    return SuiteResult(name="events-case", metrics=metrics, report="\n".join(lines),
                       counts={"items": len(items), "variants": len(VARIANTS)})
