"""Toponyms found and resolved on TR-News (`../shared/benchmarks/places/trnews/`).

118 news articles with 1,275 gold toponyms, each resolved to a GeoNames entry (see the
data's README). Measured as the held-out geoparsing sets are:
- found: a gold toponym's span is overlapped by a mention of a predicted place;
- resolved (among found): that place has the gold GeoNames id, or lies within 161 km
  (100 miles) of the gold entry's point;
- both: found and resolved, over all gold toponyms.
Toponyms the annotators left unresolved count neither way. `mention_precision` is the
share of predicted mentions that overlap a gold (or unresolved) toponym.

The articles are split in file order: the first 80 to develop on (`dev_*`), the last 38
to check that a change generalises (`check_*`); the unprefixed figures are over all.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EvalError
from ..models import Article, CodedDocument, Paragraph, Place
from ..paths import shared_file
from .base import SuiteResult, jsonl_items

if TYPE_CHECKING:
    from ..nlp import Coder
    from .suites import EvalOptions

TRNEWS_PARTS = ("benchmarks", "places", "trnews", "trnews.jsonl")
DEV_ARTICLES = 80
NEAR_KM = 161.0
SUITE = "places-trnews"


@dataclass
class _Tally:
    gold: int = 0
    found: int = 0
    resolved: int = 0
    predicted: int = 0
    predicted_on_gold: int = 0

    def add(self, other: _Tally) -> None:
        for key in self.__dataclass_fields__:
            setattr(self, key, getattr(self, key) + getattr(other, key))

    def metrics(self, prefix: str = "") -> dict[str, float]:
        return {
            f"{prefix}found": self.found / self.gold if self.gold else 0.0,
            f"{prefix}resolved_among_found": self.resolved / self.found if self.found else 0.0,
            f"{prefix}both": self.resolved / self.gold if self.gold else 0.0,
            f"{prefix}mention_precision": (self.predicted_on_gold / self.predicted
                                           if self.predicted else 0.0),
        }


def load_trnews(path: Path) -> list[dict[str, Any]]:
    """The articles of trnews.jsonl; EvalError names a bad line or a gold span that is
    not its text."""
    items = []
    for lineno, item in jsonl_items(path, ("gold",)):
        for g in item["gold"]:
            if item["text"][g["start"]:g["end"]] != g["text"]:
                raise EvalError(f"{path}:{lineno}: {item['id']}: gold {g['text']!r} "
                                f"is not the text at {g['start']}-{g['end']}")
        items.append(item)
    return items


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def resolved_right(place: Place, gold: dict[str, Any]) -> bool:
    """Same GeoNames id, or within NEAR_KM of the gold entry's point."""
    if place.geonameid is not None and place.geonameid == gold.get("geonameid"):
        return True
    if place.lat is None or place.lon is None or gold.get("lat") is None:
        return False
    return km_between(place.lat, place.lon, float(gold["lat"]), float(gold["lon"])) <= NEAR_KM


def _best_hit(spans: list[tuple[int, int, Place]], start: int, end: int) -> Place | None:
    best, best_overlap = None, 0
    for s, e, place in spans:
        overlap = min(e, end) - max(s, start)
        if overlap > best_overlap:
            best, best_overlap = place, overlap
    return best


def score_article(item: dict[str, Any], places: list[Place],
                  errors: list[dict[str, Any]] | None = None) -> _Tally:
    """One article's tally; misses and wrong resolutions go to `errors` when given."""
    spans = [(m.start, m.end, p) for p in places for m in p.mentions]
    t = _Tally(gold=len(item["gold"]), predicted=len(spans))
    for g in item["gold"]:
        hit = _best_hit(spans, g["start"], g["end"])
        if hit is None:
            if errors is not None:
                errors.append({"suite": SUITE, "kind": "missed", "id": item["id"],
                               "text": g["text"], "want": g.get("name"),
                               "fcode": g.get("fcode")})
            continue
        t.found += 1
        if resolved_right(hit, g):
            t.resolved += 1
        elif errors is not None:
            errors.append({"suite": SUITE, "kind": "wrong", "id": item["id"],
                           "text": g["text"], "want": f"{g.get('name')}/{g.get('country')}/"
                           f"{g.get('fcode')}/{g.get('geonameid')}",
                           "got": f"{hit.name}/{hit.country}/{hit.feature}/{hit.geonameid}"})
    annotated = [(g["start"], g["end"]) for g in item["gold"] + item.get("unresolved", [])]
    for s, e, place in spans:
        if any(s < ge and gs < e for gs, ge in annotated):
            t.predicted_on_gold += 1
        elif errors is not None:
            errors.append({"suite": SUITE, "kind": "spurious", "id": item["id"],
                           "text": item["text"][s:e], "got": f"{place.name}/{place.country}"})
    return t


def _code(coder: Coder, items: list[dict[str, Any]]) -> list[CodedDocument]:
    arts = [Article(id=it["id"], origin=f"trnews:{it['id']}", text=it["text"],
                    title=it.get("title") or "",
                    published=f"{it['published']}T12:00:00Z" if it.get("published") else None,
                    paragraphs=_paragraphs(it["text"])) for it in items]
    return list(coder.code_many(arts))


def _paragraphs(text: str) -> list[Paragraph]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Paragraph(pos, pos + len(line)))
        pos += len(line) + 1
    return out or [Paragraph(0, len(text))]


def run(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """Score `coder` on TR-News; None when the data is absent. `options.limit` scores
    only the first N articles."""
    path = shared_file(*TRNEWS_PARTS)
    if path is None or not path.exists():
        return None
    items = load_trnews(path)
    limit = getattr(options, "limit", None) if options is not None else None
    if limit:
        items = items[:limit]
    sink = getattr(options, "error_sink", None) if options is not None else None
    dev, check = _Tally(), _Tally()
    for n, (item, coded) in enumerate(zip(items, _code(coder, items))):
        for err in coded.errors:
            if err.stage == "tidings_places":
                raise EvalError(f"place extraction failed on {coded.article.origin}: "
                                f"{err.message}")
        (dev if n < DEV_ARTICLES else check).add(score_article(item, coded.places, sink))
    whole = _Tally()
    whole.add(dev)
    whole.add(check)
    metrics = {**whole.metrics(), **dev.metrics("dev_"), **check.metrics("check_")}
    lines = [f"{SUITE}: {'':8}{'found':>7}{'resolved':>10}{'both':>7}{'m.prec':>8}{'gold':>6}"]
    for label, t in (("all", whole), ("dev", dev), ("check", check)):
        m = t.metrics()
        lines.append(f"  {label:14}{m['found']:7.3f}{m['resolved_among_found']:10.3f}"
                     f"{m['both']:7.3f}{m['mention_precision']:8.3f}{t.gold:6d}")
    counts = {"articles": len(items), "gold": whole.gold, "found": whole.found,
              "resolved": whole.resolved, "predicted": whole.predicted}
    return SuiteResult(SUITE, metrics, "\n".join(lines), counts)
