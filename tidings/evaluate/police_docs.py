"""Did police arrest someone, use force, kill someone? Scored per document.

Gold: eval/gold/police_docs.jsonl (dev, suite `police-docs`),
eval/gold/police_docs2.jsonl (a second dev split of longer articles, suite
`police-docs2`), eval/gold/police_docs3.jsonl (a third dev split, weighted to acts
told late, in the passive or in follow-up stories, suite `police-docs3`),
eval/gold/police_docs4.jsonl (a fourth dev split, mostly riot and curfew coverage
with police and mob acts mixed, suite `police-docs4`), eval/gold/police_docs5.jsonl
(a fifth dev split weighted to killings by police and their hard negatives, suite
`police-docs5`) and
eval/gold/police_docs_check.jsonl, eval/gold/police_docs_check2.jsonl and
eval/gold/police_docs_check3.jsonl (check splits, suites `police-docs-check`,
`police-docs-check2` and `police-docs-check3`), lower-cased
Indian English news written by us; one object a line with `id`, `text`, `published`
and the booleans `arrest`, `force`, `kill` (conventions in eval/README.md). Each
document becomes one Article; all are coded in one batched pass and the coded record
(docs/output.md) is mapped to the three labels:

- an event counts when it is real: not negated, and its modality is asserted,
  reported or historical (a past act told as fact), not future or hypothetical; and
  when its confidence is at or above the run's `--min-confidence`;
- police: a source side whose sector is COP (the side's own `sector`, or that of the
  document actor it names), inferred sides included;
- arrest: a police-sourced COERCE event with CAMEO 173 or mode "arrest";
- force: a police-sourced ASSAULT event, or COERCE 175 (violent repression);
- kill: a police-sourced ASSAULT event (whatever its CAMEO: 18x, 19x, 20x, and the
  crowd-control 175 "police fired at the crowd") that has killed victims: a casualty record linked to it
  (`casualty.event` is its id or one of its mentions' ids) with `killed` > 0 or a
  vague killed count (null, with "kill"/"dead"/"death" in its text), or a trigger
  that is itself a killing verb ("killed", "massacred", "executed", "neutralised") or is followed by
  "dead" / "to death" ("shot dead", "beaten to death").

Per label P/R/F1 over documents, `macro_f1` the mean of the three; the same labels
from a plain keyword grep (`grep_labels`) are reported beside them, as `grep_*`
metrics, so the report shows whether the coder beats a grep. `--errors` gets one row
per wrong label: id, label, gold, predicted, the head of the text and the police
events the coder found.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EvalError
from ..models import ActorRef, Article, CodedDocument, Event, Paragraph
from .base import SuiteResult, jsonl_items, prf
from .gold_extraction import gold_path

if TYPE_CHECKING:
    from ..nlp import Coder
    from .suites import EvalOptions

LABELS = ("arrest", "force", "kill")
DEV_GOLD, DEV2_GOLD, CHECK_GOLD = "police_docs", "police_docs2", "police_docs_check"
DEV3_GOLD, DEV4_GOLD, DEV5_GOLD = "police_docs3", "police_docs4", "police_docs5"
DEV6_GOLD = "police_docs6"
CHECK2_GOLD, CHECK3_GOLD = "police_docs_check2", "police_docs_check3"
POLICE_SECTOR = "COP"
REAL_MODALITIES = frozenset({"asserted", "reported", "historical"})
KILL_TRIGGERS = re.compile(r"^(kill|massacr|execut|assassinat|behead|lynch|neutrali)")
DEATH_AFTER = re.compile(r"\s+(?:dead|to death)\b")  # "shot dead", "beaten to death"
VAGUE_DEATH = re.compile(r"kill|dead|death|died|lives")
TEXT_HEAD = 160

# The keyword baseline: what a reader with grep would flag, with no idea who acted.
GREP = {
    "arrest": re.compile(r"\b(arrest(?:ed|s)?|detain(?:ed)?|held|nabbed|picked up|"
                         r"apprehended|rounded up|taken into custody|remanded)\b"),
    "force": re.compile(r"\b(lathi|lathicharg\w*|lathi-charg\w*|baton\w*|tear ?gas|"
                        r"water cannons?|rubber bullets?|fired|opened fire|firing|"
                        r"beat(?:en)?|thrash\w*|shot)\b"),
    "kill": re.compile(r"\b(killed|shot dead|gunned down|beaten to death|"
                       r"died in (?:police )?custody|custodial death)\b"),
}


@dataclass(frozen=True)
class PoliceItem:
    """One gold document and its three answers."""
    id: str
    text: str
    published: str | None
    gold: dict[str, bool]


def read_gold(path: Path) -> list[PoliceItem]:
    """The items of a police gold file; EvalError names the line or item that is wrong."""
    items = []
    for lineno, obj in jsonl_items(path, LABELS):
        bad = [k for k in LABELS if not isinstance(obj[k], bool)]
        if bad:
            raise EvalError(f"{path}:{lineno}: gold item {obj['id']}: "
                            f"{', '.join(bad)} must be true or false")
        if not str(obj["text"]).strip():
            raise EvalError(f"{path}:{lineno}: gold item {obj['id']}: empty text")
        items.append(PoliceItem(str(obj["id"]), obj["text"], obj.get("published"),
                                {k: obj[k] for k in LABELS}))
    return items


# ---------------------------------------------------------------- coded record -> labels

def _is_police(ref: ActorRef, sectors: dict[str, str | None]) -> bool:
    return ref.sector == POLICE_SECTOR or (
        ref.actor is not None and sectors.get(ref.actor) == POLICE_SECTOR)


def police_events(doc: CodedDocument, min_confidence: float = 0.0) -> list[Event]:
    """The document's real events (see the module docstring) with a police source."""
    sectors = {a.id: a.sector for a in doc.actors}
    return [e for e in doc.events
            if not e.negated and e.modality in REAL_MODALITIES
            and e.confidence >= min_confidence
            and any(_is_police(s, sectors) for s in e.source)]


def is_arrest(event: Event) -> bool:
    return event.type == "COERCE" and (event.cameo == "173" or event.mode == "arrest")


def is_force(event: Event) -> bool:
    return event.type == "ASSAULT" or (event.type == "COERCE" and event.cameo == "175")


def _killed(casualty: Any) -> bool:
    if casualty.killed is not None:
        return casualty.killed > 0
    return casualty.injured is None and casualty.killed_or_injured is None and \
        bool(VAGUE_DEATH.search(casualty.text.lower()))


def is_kill(event: Event, doc: CodedDocument) -> bool:
    """An ASSAULT with killed victims (the caller has checked that police did it)."""
    if event.type != "ASSAULT":
        return False
    ids = {event.id, *(m.id for m in event.mentions)}
    if any(c.event in ids and _killed(c) for c in doc.casualties):
        return True
    tellings = [(event.sentence, event.trigger),
                *((m.sentence, m.trigger) for m in event.mentions)]
    return any(KILL_TRIGGERS.match(trigger.text.lower()) or
               DEATH_AFTER.match(sentence.text[trigger.end - sentence.start:].lower())
               for sentence, trigger in tellings)


def labels_of(doc: CodedDocument, min_confidence: float = 0.0) -> dict[str, bool]:
    """The three answers the coded document gives."""
    events = police_events(doc, min_confidence)
    return {"arrest": any(is_arrest(e) for e in events),
            "force": any(is_force(e) for e in events),
            "kill": any(is_kill(e, doc) for e in events)}


def grep_labels(text: str) -> dict[str, bool]:
    """The three answers of the keyword baseline."""
    low = text.lower()
    return {label: bool(rx.search(low)) for label, rx in GREP.items()}


# ---------------------------------------------------------------- scoring

@dataclass
class LabelScore:
    """Document-level TP/FP/FN per label for one predictor."""
    counts: dict[str, list[int]] = field(
        default_factory=lambda: {k: [0, 0, 0] for k in LABELS})

    def add(self, gold: dict[str, bool], pred: dict[str, bool]) -> None:
        for label in LABELS:
            g, p = gold[label], pred[label]
            c = self.counts[label]
            c[0] += g and p
            c[1] += p and not g
            c[2] += g and not p

    def per_label(self) -> dict[str, tuple[float, float, float]]:
        return {k: prf(*self.counts[k]) for k in LABELS}

    def metrics(self, prefix: str = "") -> dict[str, float]:
        out: dict[str, float] = {}
        for label, (p, r, f) in self.per_label().items():
            out.update({f"{prefix}{label}_precision": p, f"{prefix}{label}_recall": r,
                        f"{prefix}{label}_f1": f})
        out[f"{prefix}macro_f1"] = sum(f for _, _, f in self.per_label().values()) / len(LABELS)
        return out


def score(items: Sequence[PoliceItem], preds: Sequence[dict[str, bool]]) -> LabelScore:
    """Per-label counts of predictions against gold, item by item."""
    if len(items) != len(preds):
        raise EvalError(f"{len(preds)} predictions for {len(items)} gold documents")
    scored = LabelScore()
    for item, pred in zip(items, preds):
        scored.add(item.gold, pred)
    return scored


def report(name: str, coder: LabelScore, grep: LabelScore, n_docs: int) -> str:
    """The table `tidings eval` prints: coder and grep side by side per label."""
    lines = [f"{name}: {n_docs} documents; police arrest / force / kill per document",
             (f"{'label':<8} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}   "
              f"{'grep P':>6} {'R':>6} {'F1':>6}")]
    ours, theirs = coder.per_label(), grep.per_label()
    for label in LABELS:
        tp, _fp, fn = coder.counts[label]
        (p, r, f), (gp, gr, gf) = ours[label], theirs[label]
        lines.append(f"{label:<8} {tp + fn:>5} {p:6.3f} {r:6.3f} {f:6.3f}   "
                     f"{gp:6.3f} {gr:6.3f} {gf:6.3f}")
    lines.append(f"{'macro':<8} {'':>5} {'':>6} {'':>6} "
                 f"{coder.metrics()['macro_f1']:6.3f}   {'':>6} {'':>6} "
                 f"{grep.metrics()['macro_f1']:6.3f}")
    return "\n".join(lines)


def _event_dict(event: Event) -> dict[str, Any]:
    return {"type": event.type, "cameo": event.cameo, "mode": event.mode,
            "trigger": event.trigger.text, "sentence": event.sentence.text,
            "modality": event.modality}


def error_rows(suite: str, items: Sequence[PoliceItem], preds: Sequence[dict[str, bool]],
               docs: Sequence[CodedDocument],
               min_confidence: float = 0.0) -> Iterable[dict[str, Any]]:
    """One row per document and label the coder got wrong."""
    for item, pred, doc in zip(items, preds, docs):
        wrong = [k for k in LABELS if item.gold[k] != pred[k]]
        if not wrong:
            continue
        evidence = [_event_dict(e) for e in police_events(doc, min_confidence)]
        for label in wrong:
            yield {"suite": suite, "id": item.id, "label": label,
                   "kind": "missed" if item.gold[label] else "spurious",
                   "gold": item.gold[label], "predicted": pred[label],
                   "text": item.text[:TEXT_HEAD], "police_events": evidence}


# ---------------------------------------------------------------- suites

def _article(item: PoliceItem) -> Article:
    return Article(id=item.id, origin=f"gold:{item.id}", text=item.text,
                   published=item.published, paragraphs=[Paragraph(0, len(item.text))])


def run_items(name: str, coder: Coder, items: Sequence[PoliceItem],
              options: EvalOptions | None = None) -> SuiteResult:
    """Code every document once (batched), map to labels, score coder and grep."""
    if options is not None and options.limit:
        items = items[:options.limit]
    min_conf = options.min_confidence if options is not None else 0.0
    docs = list(coder.code_many(_article(i) for i in items))
    if len(docs) != len(items):
        raise EvalError(f"coder returned {len(docs)} documents for {len(items)} items")
    preds = [labels_of(d, min_conf) for d in docs]
    ours = score(items, preds)
    grep = score(items, [grep_labels(i.text) for i in items])
    if options is not None and options.error_sink is not None:
        options.error_sink.extend(error_rows(name, items, preds, docs, min_conf))
    n_failed = sum(bool(d.errors) for d in docs)
    text = report(name, ours, grep, len(items))
    if n_failed:
        text += f"\n{n_failed} document(s) had coding errors (see `tidings code` on them)"
    counts = {"documents": len(items), "coding_errors": n_failed,
              **{f"gold_{k}": sum(i.gold[k] for i in items) for k in LABELS}}
    return SuiteResult(name, {**ours.metrics(), **grep.metrics("grep_")}, text, counts)


def _run(name: str, gold: str, coder: Coder,
         options: EvalOptions | None) -> SuiteResult | None:
    path = gold_path(gold)
    if not path.is_file():
        return None
    return run_items(name, coder, read_gold(path), options)


def run(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The dev split (eval/gold/police_docs.jsonl); None when it is absent."""
    return _run("police-docs", DEV_GOLD, coder, options)


def run_dev2(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The second dev split (eval/gold/police_docs2.jsonl); None when it is absent."""
    return _run("police-docs2", DEV2_GOLD, coder, options)


def run_dev3(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The third dev split (eval/gold/police_docs3.jsonl); None when it is absent."""
    return _run("police-docs3", DEV3_GOLD, coder, options)


def run_dev4(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The fourth dev split (eval/gold/police_docs4.jsonl, riot and curfew coverage and
    everyday police news); None when it is absent."""
    return _run("police-docs4", DEV4_GOLD, coder, options)


def run_dev5(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The fifth dev split (eval/gold/police_docs5.jsonl, killings by police told in
    many ways beside deaths that are not by police); None when it is absent."""
    return _run("police-docs5", DEV5_GOLD, coder, options)


def run_check(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The check split (eval/gold/police_docs_check.jsonl); None when it is absent."""
    return _run("police-docs-check", CHECK_GOLD, coder, options)


def run_check2(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The second check split (eval/gold/police_docs_check2.jsonl, riot coverage and
    everyday police news): a check, score only, never read while tuning the coder;
    None when it is absent."""
    return _run("police-docs-check2", CHECK2_GOLD, coder, options)


def run_dev6(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The sixth dev split (eval/gold/police_docs6.jsonl, written blind to the coder); None
    when its file is absent."""
    return _run("police-docs6", DEV6_GOLD, coder, options)


def run_check3(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The third check split (eval/gold/police_docs_check3.jsonl, a year of a city
    paper's crime and civic pages): a check, score only, never read while tuning the
    coder; None when it is absent."""
    return _run("police-docs-check3", CHECK3_GOLD, coder, options)
