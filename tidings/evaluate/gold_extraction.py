"""Places, dates and casualties scored against our own gold (eval/gold/*.jsonl).

Formats are documented in eval/README_gold_extraction.md. Each gold item becomes one
Article (with its "published"), all items are coded in one batched pass, and:
- place_accuracy: share of gold places whose mention is covered by a predicted place
  with the same GeoNames id (or, where the gold has no id, the same country and feature);
- date_accuracy: share of gold date expressions overlapped by a predicted DateRef with
  the same value and precision (null value = "cannot be resolved");
- casualty_accuracy: share of items whose predicted (killed, injured, killed_or_injured)
  records equal the gold records as a multiset (items without casualties included).
"""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EvalError
from ..models import Article, CodedDocument, Paragraph
from ..paths import PROJECT_ROOT
from .base import SuiteResult, jsonl_items

if TYPE_CHECKING:
    from ..nlp import Coder

GOLD_DIR_ENV = "TIDINGS_EXTRACTION_GOLD_DIR"


def gold_path(name: str) -> Path:
    """Where the gold file `name` ("places") lives; $TIDINGS_EXTRACTION_GOLD_DIR overrides."""
    base = Path(os.environ.get(GOLD_DIR_ENV) or PROJECT_ROOT / "eval" / "gold")
    return base / f"{name}.jsonl"


def load_gold(name: str, required: tuple[str, ...]) -> list[dict[str, Any]] | None:
    """The items of a gold file, or None when it is absent; EvalError names a bad line."""
    path = gold_path(name)
    if not path.exists():
        return None
    return [item for _, item in jsonl_items(path, required)]


def _code(coder: Coder, items: list[dict[str, Any]]) -> list[CodedDocument]:
    arts = [Article(id=it["id"], origin=f"gold:{it['id']}", text=it["text"],
                    published=it.get("published"),
                    paragraphs=[Paragraph(0, len(it["text"]))]) for it in items]
    return list(coder.code_many(arts))


def _span(text: str, needle: str, item_id: str) -> tuple[int, int]:
    pos = text.find(needle)
    if pos < 0:
        raise EvalError(f"gold item {item_id}: {needle!r} is not in its text")
    return pos, pos + len(needle)


def _result(name: str, metric: str, right: int, total: int,
            misses: list[str]) -> SuiteResult:
    acc = right / total if total else 0.0
    report = [f"{name}: {metric} {acc:.3f} ({right}/{total})"]
    report += [f"  miss {m}" for m in misses[:40]]
    return SuiteResult(name, {metric: acc}, "\n".join(report),
                       {"scored": total, "right": right})


def run_places(coder: Coder) -> SuiteResult | None:
    """Place accuracy on eval/gold/places.jsonl (None when the file is absent)."""
    items = load_gold("places", ("places",))
    if items is None:
        return None
    right = total = 0
    misses = []
    for item, coded in zip(items, _code(coder, items)):
        for gold in item["places"]:
            total += 1
            s, e = _span(item["text"], gold["mention"], item["id"])
            hit = next((p for p in coded.places for m in p.mentions
                        if m.start < e and s < m.end), None)
            if gold.get("geonameid") is not None:
                ok = hit is not None and hit.geonameid == gold["geonameid"]
            else:
                ok = hit is not None and hit.country == gold["country"] and \
                    hit.feature == gold["feature"]
            right += ok
            if not ok:
                got = f"{hit.name}/{hit.country}/{hit.feature}/{hit.geonameid}" if hit else None
                misses.append(f"{item['id']} {gold['mention']!r}: want "
                              f"{gold['name']}/{gold['country']}/{gold['feature']}/"
                              f"{gold.get('geonameid')} got {got}")
    return _result("places", "place_accuracy", right, total, misses)


def run_dates(coder: Coder) -> SuiteResult | None:
    """Date accuracy on eval/gold/dates.jsonl (None when the file is absent)."""
    items = load_gold("dates", ("published", "dates"))
    if items is None:
        return None
    right = total = 0
    misses = []
    for item, coded in zip(items, _code(coder, items)):
        for gold in item["dates"]:
            total += 1
            s, e = _span(item["text"], gold["text"], item["id"])
            hit = next((d for d in coded.dates if d.start < e and s < d.end), None)
            ok = hit is not None and hit.value == gold["value"] and \
                hit.precision == gold["precision"]
            if hit is None and gold["value"] is None:
                ok = True  # an unresolvable expression not reported loses nothing
            right += ok
            if not ok:
                got = (hit.text, hit.value, hit.precision) if hit else None
                misses.append(f"{item['id']} {gold['text']!r}: want {gold['value']}/"
                              f"{gold['precision']} got {got}")
    return _result("dates", "date_accuracy", right, total, misses)


def _counts(records: list[Any]) -> Counter:
    def get(r: Any, k: str) -> Any:
        return r.get(k) if isinstance(r, dict) else getattr(r, k)
    return Counter((get(r, "killed"), get(r, "injured"), get(r, "killed_or_injured"))
                   for r in records)


def run_casualties(coder: Coder) -> SuiteResult | None:
    """Casualty accuracy on eval/gold/casualties.jsonl (None when the file is absent)."""
    items = load_gold("casualties", ("casualties",))
    if items is None:
        return None
    right = 0
    misses = []
    for item, coded in zip(items, _code(coder, items)):
        want, got = _counts(item["casualties"]), _counts(coded.casualties)
        ok = want == got
        right += ok
        if not ok:
            misses.append(f"{item['id']}: want {sorted(want.elements(), key=str)} "
                          f"got {sorted(got.elements(), key=str)}")
    return _result("casualties", "casualty_accuracy", right, len(items), misses)
