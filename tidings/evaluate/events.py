"""Event coding scored against gold: the PLOVER gold-standard records and our own gold.

Both gold sets are read into the same shape (`GoldItem`: one text with zero or more
`GoldEvent`s), each item becomes one Article, the coder codes them all in one batched
pass, and `EventScorer` compares predicted with gold events item by item:

- type: a gold event matches at most one predicted event of the same PLOVER type in
  the same item; TP/FP/FN per type give per-type and micro P/R/F1 and macro F1;
- dyad: a match also needs the source and the target side to agree on country (a side
  agrees when any gold actor country equals any predicted actor country on that side;
  a gold side without countries agrees with anything);
- confusion: gold type x predicted type, with "none" for misses and spurious events.

Coding happens once per suite; `--min-confidence` and `--sweep` only re-score.
"""
from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EvalError
from ..models import ActorRef, Article, CodedDocument, Event, Paragraph
from ..paths import PROJECT_ROOT, shared_file
from .base import SuiteResult, prf

if TYPE_CHECKING:
    from ..nlp import Coder
    from .suites import EvalOptions

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# The GSR file is coded in PLOVER 0.5; these four types were folded into others in 2.0.
# (And the other way: `as_plover05` maps a predicted COERCE blockade, 191, to 0.5's FIGHT.)
PLOVER05_TO_20 = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
# Codes in the GSR file that are not ISO 3166 alpha-3 although they name a country.
GSR_COUNTRY_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# GSR actor codes that name no country (NGO, international militarized group, Islamist
# militants): scored as "no country", so that side matches any predicted actor. IGO is
# kept: our contract uses "IGO" as the country of intergovernmental bodies too.
GSR_NO_COUNTRY = {"NGO", "IMG", "ISM"}

NONE = "none"  # the confusion table's row/column for misses and spurious events
SWEEP_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
GSR_PARTS = ("benchmarks", "events", "plover-gsr", "PLOVER_GSR_CAMEO.txt")
OWN_GOLD_ENV = "TIDINGS_EVENTS_GOLD"
OWN_GOLD_DEFAULT = PROJECT_ROOT / "eval" / "gold" / "events.jsonl"
# Written by engineers who never saw the coder, for a check on generalisation. The
# heldout set has been read to find general rules; the blind set only to score.
HELDOUT_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_heldout.jsonl"
BLIND_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_blind.jsonl"
# Sentences in the styles of the held-out sets (CAMEO-codebook one-liners, ACLED-style
# notes, wire leads, lower-cased police news), written blind to the coder: a dev split
# that is read, and a check split that is only scored.


@dataclass(frozen=True)
class GoldActor:
    text: str
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class GoldEvent:
    type: str
    source: tuple[GoldActor, ...] = ()
    target: tuple[GoldActor, ...] = ()
    mode: str | None = None
    cameo: str | None = None
    negated: bool = False
    trigger: str | None = None

    @property
    def source_countries(self) -> frozenset[str]:
        return frozenset(a.country for a in self.source if a.country)

    @property
    def target_countries(self) -> frozenset[str]:
        return frozenset(a.country for a in self.target if a.country)


@dataclass(frozen=True)
class GoldItem:
    """One gold text (a sentence for the GSR) and every event it holds."""
    id: str
    text: str
    published: str | None
    events: tuple[GoldEvent, ...]
    tags: tuple[str, ...] = ()
    origin: str = ""


@dataclass(frozen=True)
class PredEvent:
    """The parts of a coded Event that scoring looks at."""
    type: str
    source_countries: frozenset[str]
    target_countries: frozenset[str]
    confidence: float = 1.0
    trigger: str = ""
    cameo: str = ""

    @classmethod
    def of(cls, event: Event) -> PredEvent:
        return cls(
            type=event.type,
            source_countries=frozenset(filter(None, map(_scored_country, event.source))),
            target_countries=frozenset(filter(None, map(_scored_country, event.target))),
            confidence=event.confidence,
            trigger=event.trigger.text if event.trigger else "",
            cameo=event.cameo,
        )


def _scored_country(ref: ActorRef) -> str | None:
    """The country a predicted actor is scored with. The PLOVER GSR codes international
    NGOs (Amnesty International, the Red Cross) as IGO; ours have sector NGO and no
    country, so a transnational NGO is scored as "IGO" (a gold side with countries
    needs one; our own gold gives such bodies none, which matches anything)."""
    if ref.country:
        return ref.country
    return "IGO" if ref.sector == "NGO" else None


# ---------------------------------------------------------------- readers

def _iso_published(value: str | None) -> str | None:
    """A bare "YYYY-MM-DD" becomes midnight UTC, the form Article.published holds."""
    if value and len(value) == 10:
        return f"{value}T00:00:00Z"
    return value or None


def _gsr_actors(value: Any, origin: str) -> tuple[GoldActor, ...]:
    if value in (None, ""):  # the file writes "no target" as null, "" or leaves it out
        return ()
    if not isinstance(value, list):
        raise EvalError(f"actor list expected, got {type(value).__name__}", origin)
    actors = []
    for raw in value:
        code = raw.get("code") or None
        code = GSR_COUNTRY_FIXES.get(code, code)
        if code in GSR_NO_COUNTRY:
            code = None
        sector = raw.get("sector") or None
        if sector == "***":  # the GSR's "sector unknown"
            sector = None
        actors.append(GoldActor(raw.get("actorText", ""), code, sector))
    return tuple(actors)


def read_gsr(path: Path) -> list[GoldItem]:
    """Every coded sentence of PLOVER_GSR_CAMEO.txt (a JSON list), with its one gold event
    relabelled to PLOVER 2.0. The "DOCUMENT" records (file notes) are skipped."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"cannot read PLOVER GSR file: {exc}", str(path)) from exc
    items = []
    for rec in records:
        label = rec.get("event")
        if label == "DOCUMENT":
            continue
        origin = f"{path}#{rec.get('id')}"
        etype = PLOVER05_TO_20.get(label, label)
        if etype not in PLOVER_TYPES or not rec.get("text"):
            raise EvalError(f"unknown event type {label!r} or no text", origin)
        event = GoldEvent(type=etype,
                          source=_gsr_actors(rec.get("source"), origin),
                          target=_gsr_actors(rec.get("target"), origin),
                          mode=rec.get("mode") or None)
        items.append(GoldItem(id=rec["id"], text=rec["text"],
                              published=_iso_published(rec.get("date")),
                              events=(event,), origin=origin))
    return items


def _own_actors(value: Any, origin: str) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):
        raise EvalError("source/target must be a list of {text, country, sector}", origin)
    return tuple(GoldActor(a.get("text", ""), a.get("country") or None,
                           a.get("sector") or None) for a in value)


def read_own(path: Path) -> list[GoldItem]:
    """Our gold file: one JSON object a line, {"id", "text", "published", "events": [...],
    "tags": [...]}; "events": [] says the text holds no event (spurious ones count)."""
    items = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"cannot read gold file: {exc}", str(path)) from exc
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        origin = f"{path}:{lineno}"
        try:
            rec = json.loads(line)
            events = []
            for ev in rec["events"]:
                if ev["type"] not in PLOVER_TYPES:
                    raise EvalError(f"unknown PLOVER type {ev['type']!r}", origin)
                events.append(GoldEvent(
                    type=ev["type"], mode=ev.get("mode"), cameo=ev.get("cameo"),
                    source=_own_actors(ev.get("source", []), origin),
                    target=_own_actors(ev.get("target", []), origin),
                    negated=bool(ev.get("negated", False)), trigger=ev.get("trigger")))
            items.append(GoldItem(id=str(rec["id"]), text=rec["text"],
                                  published=_iso_published(rec.get("published")),
                                  events=tuple(events), tags=tuple(rec.get("tags", [])),
                                  origin=origin))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise EvalError(f"malformed gold line ({type(exc).__name__}: {exc})",
                            origin) from exc
    return items


def article_of(item: GoldItem) -> Article:
    """One single-paragraph Article per gold item."""
    return Article(id=item.id, origin=item.origin or item.id, text=item.text,
                   published=item.published, paragraphs=[Paragraph(0, len(item.text))])


def code_items(coder: Coder, items: Sequence[GoldItem]) -> tuple[list[list[PredEvent]], int]:
    """Predicted events per item, in item order, all items coded in one batched pass; and
    how many items came back with coding errors (they count as predicting what they got).
    An item is the unit the gold codes (a sentence, or a note of two or three): an event
    its sentences tell twice ("shelled Vovchansk. Three civilians were wounded.") counts
    once, as the gold counts it."""
    docs: list[CodedDocument] = list(coder.code_many(article_of(i) for i in items))
    if len(docs) != len(items):
        raise EvalError(f"coder returned {len(docs)} documents for {len(items)} items")
    return [[PredEvent.of(e) for e in d.events] for d in docs], sum(bool(d.errors) for d in docs)


# ---------------------------------------------------------------- matching

def _dyad_agrees(gold: GoldEvent, pred: PredEvent) -> bool:
    def side(gold_c: frozenset[str], pred_c: frozenset[str]) -> bool:
        return not gold_c or bool(gold_c & pred_c)
    return (gold.type == pred.type
            and side(gold.source_countries, pred.source_countries)
            and side(gold.target_countries, pred.target_countries))


def max_matching(gold: Sequence[GoldEvent], pred: Sequence[PredEvent],
                 agrees=_dyad_agrees) -> list[tuple[int, int]]:
    """A largest set of (gold index, pred index) pairs that agree, each index used once
    (Kuhn's augmenting paths; items hold a handful of events, so this is cheap)."""
    owner: dict[int, int] = {}  # pred index -> gold index

    def augment(g: int, seen: set[int]) -> bool:
        for p in range(len(pred)):
            if p in seen or not agrees(gold[g], pred[p]):
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(len(gold)):
        augment(g, set())
    return sorted((g, p) for p, g in owner.items())


def _same_type(gold: GoldEvent, pred: PredEvent) -> bool:
    return gold.type == pred.type


@dataclass
class ItemOutcome:
    """How one item's predictions lined up with its gold events."""
    item: GoldItem
    pred: list[PredEvent]
    type_pairs: list[tuple[int, int]]
    dyad_pairs: list[tuple[int, int]]

    @property
    def missed(self) -> list[int]:
        hit = {g for g, _ in self.type_pairs}
        return [g for g in range(len(self.item.events)) if g not in hit]

    @property
    def spurious(self) -> list[int]:
        hit = {p for _, p in self.type_pairs}
        return [p for p in range(len(self.pred)) if p not in hit]


@dataclass
class EventScorer:
    """Accumulates TP/FP/FN over items; `metrics()` gives the names the gate pins."""
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    dyad_tp: int = 0
    dyad_fp: int = 0
    dyad_fn: int = 0
    confusion: Counter = field(default_factory=Counter)  # (gold type, pred type) -> n
    by_tag: dict[str, list[int]] = field(default_factory=dict)  # tag -> [tp, fp, fn]
    outcomes: list[ItemOutcome] = field(default_factory=list)
    cameo: list[int] = field(default_factory=lambda: [0, 0, 0])  # gold coded, exact, root

    def add(self, item: GoldItem, pred: Sequence[PredEvent]) -> ItemOutcome:
        gold = item.events
        type_pairs = max_matching(gold, pred, _same_type)
        dyad_pairs = max_matching(gold, pred, _dyad_agrees)
        out = ItemOutcome(item, list(pred), type_pairs, dyad_pairs)
        for g, p in type_pairs:
            self.tp[gold[g].type] += 1
            self.confusion[gold[g].type, gold[g].type] += 1
            if gold[g].cameo:  # CAMEO on the events whose type is right
                self.cameo[0] += 1
                self.cameo[1] += pred[p].cameo == gold[g].cameo
                self.cameo[2] += pred[p].cameo[:2] == gold[g].cameo[:2]
        missed, spurious = out.missed, out.spurious
        for g in missed:
            self.fn[gold[g].type] += 1
        for p in spurious:
            self.fp[pred[p].type] += 1
        # Pair leftovers in order so a wrong label shows as gold X -> predicted Y.
        for g, p in zip(missed, spurious):
            self.confusion[gold[g].type, pred[p].type] += 1
        for g in missed[len(spurious):]:
            self.confusion[gold[g].type, NONE] += 1
        for p in spurious[len(missed):]:
            self.confusion[NONE, pred[p].type] += 1
        for tag in item.tags:
            acc = self.by_tag.setdefault(tag, [0, 0, 0])
            acc[0] += len(type_pairs)
            acc[1] += len(spurious)
            acc[2] += len(missed)
        self.dyad_tp += len(dyad_pairs)
        self.dyad_fp += len(pred) - len(dyad_pairs)
        self.dyad_fn += len(gold) - len(dyad_pairs)
        self.outcomes.append(out)
        return out

    def per_type(self) -> dict[str, tuple[float, float, float, int]]:
        """type -> (precision, recall, F1, gold support) for every type seen in gold or
        predictions."""
        types = sorted(set(self.tp) | set(self.fp) | set(self.fn))
        return {t: (*prf(self.tp[t], self.fp[t], self.fn[t]), self.tp[t] + self.fn[t])
                for t in types}

    def metrics(self) -> dict[str, float]:
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        p, r, f = prf(tp, fp, fn)
        dp, dr, df = prf(self.dyad_tp, self.dyad_fp, self.dyad_fn)
        per_type = self.per_type()
        macro = sum(v[2] for v in per_type.values()) / len(per_type) if per_type else 0.0
        out = {"type_precision": p, "type_recall": r, "type_f1": f,
               "dyad_precision": dp, "dyad_recall": dr, "dyad_f1": df, "macro_f1": macro}
        n, exact, root = self.cameo
        if n:  # the gold codes CAMEO: how often ours is the same code, and root
            out |= {"cameo_exact": round(exact / n, 4), "cameo_root": round(root / n, 4)}
        return out

    def counts(self) -> dict[str, int]:
        return {"items": len(self.outcomes),
                "gold_events": sum(len(o.item.events) for o in self.outcomes),
                "predicted_events": sum(len(o.pred) for o in self.outcomes)}

    def report(self) -> str:
        m = self.metrics()
        lines = [(f"type  P {m['type_precision']:.3f}  R {m['type_recall']:.3f}  "
                  f"F1 {m['type_f1']:.3f}  macro-F1 {m['macro_f1']:.3f}"),
                 (f"dyad  P {m['dyad_precision']:.3f}  R {m['dyad_recall']:.3f}  "
                  f"F1 {m['dyad_f1']:.3f}"),
                 *([(f"CAMEO on right-typed events: exact {m['cameo_exact']:.3f}  "
                     f"root {m['cameo_root']:.3f}")] if "cameo_exact" in m else []),
                 f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}"]
        for t, (p, r, f, n) in self.per_type().items():
            lines.append(f"{t:<10} {p:6.3f} {r:6.3f} {f:6.3f} {n:5d}")
        if self.by_tag:
            lines.append(f"{'tag':<22} {'P':>6} {'R':>6} {'F1':>6}")
            for tag, (tp, fp, fn) in sorted(self.by_tag.items()):
                p, r, f = prf(tp, fp, fn)
                lines.append(f"{tag[:22]:<22} {p:6.3f} {r:6.3f} {f:6.3f}")
        lines.append(confusion_table(self.confusion))
        return "\n".join(lines)

    def errors(self, suite: str) -> Iterable[dict[str, Any]]:
        """One record per missed or spurious event, with the text, for `--errors`."""
        for out in self.outcomes:
            item = out.item
            pred = [_pred_dict(p) for p in out.pred]
            gold = [_gold_dict(g) for g in item.events]
            for g in out.missed:
                yield {"suite": suite, "id": item.id, "kind": "missed",
                       "event": gold[g], "text": item.text, "gold": gold, "predicted": pred}
            for p in out.spurious:
                yield {"suite": suite, "id": item.id, "kind": "spurious",
                       "event": pred[p], "text": item.text, "gold": gold, "predicted": pred}
            type_hit = {g for g, _ in out.type_pairs}
            dyad_hit = {g for g, _ in out.dyad_pairs}
            for g in sorted(type_hit - dyad_hit):
                yield {"suite": suite, "id": item.id, "kind": "wrong_dyad",
                       "event": gold[g], "text": item.text, "gold": gold, "predicted": pred}


def _gold_dict(ev: GoldEvent) -> dict[str, Any]:
    return {"type": ev.type, "source": sorted(ev.source_countries),
            "target": sorted(ev.target_countries),
            "source_text": [a.text for a in ev.source], "target_text": [a.text for a in ev.target]}


def _pred_dict(ev: PredEvent) -> dict[str, Any]:
    return {"type": ev.type, "cameo": ev.cameo, "source": sorted(ev.source_countries),
            "target": sorted(ev.target_countries), "confidence": round(ev.confidence, 3),
            "trigger": ev.trigger}


def confusion_table(confusion: Counter) -> str:
    """Gold rows x predicted columns, only types that occur, "none" last; "." for 0."""
    if not confusion:
        return "confusion: (no events)"
    gold_types = sorted({g for g, _ in confusion} - {NONE})
    pred_types = sorted({p for _, p in confusion} - {NONE})
    rows = gold_types + ([NONE] if any(g == NONE for g, _ in confusion) else [])
    cols = pred_types + ([NONE] if any(p == NONE for _, p in confusion) else [])
    width = max(4, *(len(c[:4]) for c in cols))
    lines = ["confusion (rows gold, columns predicted, 4-letter heads):",
             " " * 10 + " ".join(f"{c[:4]:>{width}}" for c in cols)]
    for g in rows:
        cells = (confusion.get((g, c), 0) for c in cols)
        lines.append(f"{g:<10}" + " ".join(f"{(n or '.'):>{width}}" for n in cells))
    return "\n".join(lines)


# ---------------------------------------------------------------- suites

def score(items: Sequence[GoldItem], preds: Sequence[Sequence[PredEvent]],
          min_confidence: float = 0.0) -> EventScorer:
    """Score predictions (one list per item) keeping those at or above min_confidence."""
    scorer = EventScorer()
    for item, pred in zip(items, preds, strict=True):
        scorer.add(item, [p for p in pred if p.confidence >= min_confidence])
    return scorer


def sweep_table(items: Sequence[GoldItem], preds: Sequence[Sequence[PredEvent]],
                thresholds: Iterable[float] = SWEEP_THRESHOLDS) -> str:
    """Type and dyad P/R/F1 at each confidence threshold: the precision/recall trade-off."""
    lines = ["sweep   type P   type R  type F1   dyad P   dyad R  dyad F1"]
    for t in thresholds:
        m = score(items, preds, t).metrics()
        lines.append(f">={t:.1f}  " + "  ".join(f"{m[k]:7.3f}" for k in (
            "type_precision", "type_recall", "type_f1",
            "dyad_precision", "dyad_recall", "dyad_f1")))
    return "\n".join(lines)


def as_plover05(pred: PredEvent) -> PredEvent:
    """A predicted event as PLOVER 0.5 codes it: 0.5's FIGHT was all of CAMEO 19, so a
    2.0 COERCE blockade (191) is a 0.5 FIGHT (ASSAULT); we code occupation (192) as
    ASSAULT already."""
    if pred.type == "COERCE" and pred.cameo[:3] == "191":
        return dataclasses.replace(pred, type="ASSAULT")
    return pred


def run_items(name: str, coder: Coder, items: Sequence[GoldItem],
              options: EvalOptions | None = None,
              convert: Callable[[PredEvent], PredEvent] | None = None) -> SuiteResult:
    """Code the items once, score them, and build the suite's result (`convert` maps
    each prediction into the gold's version of the ontology first)."""
    min_conf = options.min_confidence if options else 0.0
    if options and options.limit:
        items = items[:options.limit]
    preds, n_failed = code_items(coder, items)
    if convert is not None:
        preds = [[convert(p) for p in item] for item in preds]
    scorer = score(items, preds, min_conf)
    report = scorer.report()
    if n_failed:
        report += f"\n{n_failed} item(s) had coding errors (see `tidings code` on them)"
    if options and options.sweep:
        report += "\n" + sweep_table(items, preds)
    if options and options.error_sink is not None:
        options.error_sink.extend(scorer.errors(name))
    return SuiteResult(name=name, metrics=scorer.metrics(), report=report,
                       counts={**scorer.counts(), "coding_errors": n_failed})


def gsr_path() -> Path | None:
    return shared_file(*GSR_PARTS)


def own_gold_path() -> Path | None:
    """eval/gold/events.jsonl, or the file named by $TIDINGS_EVENTS_GOLD (tests)."""
    env = os.environ.get(OWN_GOLD_ENV)
    path = Path(env) if env else OWN_GOLD_DEFAULT
    return path if path.is_file() else None


def run_gsr(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The PLOVER gold-standard sentences; None when ../shared is absent."""
    path = gsr_path()
    if path is None:
        return None
    return run_items("plover-gsr", coder, read_gsr(path), options, convert=as_plover05)


def run_own(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """Our own gold file; None when it does not exist yet."""
    path = own_gold_path()
    if path is None:
        return None
    return run_items("events-own", coder, read_own(path), options)


def run_file(name: str, path: Path, coder: Coder,
              options: EvalOptions | None) -> SuiteResult | None:
    """A gold file of our format scored as suite `name`; None when it does not exist."""
    if not path.is_file():
        return None
    return run_items(name, coder, read_own(path), options)


def run_heldout(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """Our blind gold file (same format as our own), read since to find general rules."""
    return run_file("events-heldout", HELDOUT_GOLD, coder, options)


def run_blind(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """Our second blind gold file, scored but never read while tuning."""
    return run_file("events-blind", BLIND_GOLD, coder, options)
