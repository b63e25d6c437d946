"""PLV train (../shared/benchmarks/events/plv-train): real news sentences, each annotated with
one (source, target, PLOVER type) pair; the training data of the learned stage.

The suite `plv-train` never scores the shipped models on their own training data. It
codes every sentence once with the rules alone, then k-fold cross-validates the learned
stage: a proposer and a re-typer fitted on k-1 folds (`learned_fit.fit`, the shipped
models' settings and thresholds) code the held-out fold, on the same parses. It reports
both:

- type: a gold pair matches one predicted event whose type is among the pair's `types`
  (PLV's YIELD counts as CONCEDE or RETREAT); unmatched predictions count as false
  positives, so precision is a lower bound (PLV annotates one pair per sentence);
- dyad: the type, and each annotated side shares a word with the event's side (a side
  PLV leaves null agrees with anything).

Metrics without a prefix are rules + model (cross-validated); `rules_` the rules alone.
`scripts/train_event_model.py` uses the same readers, labels and folds.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.tokens import Doc, Span, Token

from ..errors import EvalError
from ..extract.event_rules import switched_off
from ..extract.events.candidates import sentence_candidates
from ..extract.events.learned import (
    NONE,
    RULE,
    EventModel,
    features,
    is_scored,
    shipped_model,
    switched_on,
    using_model,
    word_vectors,
)
from ..extract.events.learned_fit import FitSettings, fit
from ..extract.events.learned_retype import (
    RETYPED,
    sentence_features,
    shipped_retyper,
    using_retyper,
)
from ..models import Article, Event, Paragraph
from ..ontology.cameo import normalise_type
from ..paths import PROJECT_ROOT, shared_file
from .base import SuiteResult, prf
from .events import max_matching

if TYPE_CHECKING:
    from ..nlp import Coder
    from .suites import EvalOptions

PLV_PARTS = ("benchmarks", "events", "plv-train", "plv_train.jsonl")
OWN_TRAIN = PROJECT_ROOT / "eval" / "train" / "events_train.jsonl"
FOLDS = 5
STOP = frozenset(["the", "and", "for", "with", "from", "that", "this", "its", "his", "her",
                  "their", "who", "which"])


@dataclass(frozen=True)
class PlvPair:
    type: str                   # PLV's label (YIELD kept)
    types: tuple[str, ...]      # every type that counts as correct
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    source_text: str = ""
    target_text: str = ""


@dataclass(frozen=True)
class PlvItem:
    """One training sentence: a PLV item (`triggers` None: the trigger is guessed), or
    one of our own (`origin` "own"; `triggers` the gold events' (start, end, type))."""
    id: str
    text: str
    pairs: tuple[PlvPair, ...]
    origin: str = "plv"
    triggers: tuple[tuple[int, int, str], ...] | None = None


def plv_path() -> Path | None:
    return shared_file(*PLV_PARTS)


def read_plv(path: Path) -> list[PlvItem]:
    """Every sentence of plv_train.jsonl, sorted by id (folds do not depend on file order)."""
    items = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            pairs = tuple(PlvPair(
                g["type"], tuple(g["types"]),
                (g["source_start"], g["source_end"]) if "source_start" in g else None,
                (g["target_start"], g["target_end"]) if "target_start" in g else None,
                g.get("source_text") or "", g.get("target_text") or "")
                for g in rec["gold"])
            items.append(PlvItem(str(rec["id"]), rec["text"], pairs))
        except (ValueError, KeyError, TypeError) as exc:
            raise EvalError(f"malformed PLV line ({type(exc).__name__}: {exc})",
                            f"{path}:{lineno}") from exc
    return sorted(items, key=lambda i: (int(i.id.rsplit("-", 1)[-1]) if
                                        i.id.rsplit("-", 1)[-1].isdigit() else 0, i.id))


def own_train_path() -> Path | None:
    """eval/train/events_train.jsonl: our sentences in our coding conventions (None when
    the file is absent, as in an installed package)."""
    return OWN_TRAIN if OWN_TRAIN.is_file() else None


def _trigger_span(text: str, trigger: str) -> tuple[int, int] | None:
    """The first whole-word occurrence of `trigger` in `text`."""
    m = re.search(r"(?<!\w)" + re.escape(trigger) + r"(?!\w)", text)
    return (m.start(), m.end()) if m else None


def _own_side(text: str, actors: Sequence[dict[str, Any]]) -> tuple[tuple[int, int] | None, str]:
    if not actors:
        return None, ""
    start = text.find(actors[0]["text"])
    if start < 0:
        return None, ""
    return (start, start + len(actors[0]["text"])), " ".join(a["text"] for a in actors)


def _own_item(rec: dict[str, Any]) -> PlvItem:
    text, pairs, triggers = rec["text"], [], []
    for ev in rec["events"]:
        etype = normalise_type(ev["type"])
        span = _trigger_span(text, ev["trigger"])
        if span is None:
            raise ValueError(f"trigger {ev['trigger']!r} is not a word of the text")
        (src, src_text), (tgt, tgt_text) = _own_side(text, ev["source"]), \
            _own_side(text, ev["target"])
        pairs.append(PlvPair(etype, (etype,), src, tgt, src_text, tgt_text))
        triggers.append((*span, etype))
    return PlvItem(str(rec["id"]), text, tuple(pairs), "own", tuple(triggers))


def read_own_train(path: Path) -> list[PlvItem]:
    """Our training sentences (eval/README.md's events format), in file order; their
    labels are the gold triggers and types, used as they are."""
    items = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append(_own_item(json.loads(line)))
        except (ValueError, KeyError, TypeError) as exc:
            raise EvalError(f"malformed training line ({type(exc).__name__}: {exc})",
                            f"{path}:{lineno}") from exc
    return items


def training_items(plv_file: Path | None, own_file: Path | None) -> list[PlvItem]:
    """PLV train (sorted by id), then our own sentences: the folds (by position) hold
    both sources."""
    return (read_plv(plv_file) if plv_file else []) + \
        (read_own_train(own_file) if own_file else [])


def fold_of(index: int, k: int = FOLDS) -> int:
    return index % k


# ---------------------------------------------------------------- training rows

def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def weak_trigger(doc: Doc, pair: PlvPair) -> Token | None:
    """The word most likely naming the annotated act: the first verb above the target
    (else above the source) on its way up the parse."""
    for side in (pair.target, pair.source):
        tok = _token_at(doc, *side) if side else None
        if tok is None:
            continue
        while tok.head.i != tok.i:
            tok = tok.head
            if tok.pos_ == "VERB" or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
                return tok
    return None


def training_rows(doc: Doc, item: PlvItem, rule_events: Sequence[Event]
                  ) -> tuple[list[list[str]], np.ndarray, list[str]]:
    """Rows (features, tok2vec row, label) of one coded sentence: the annotated act's word
    (a rule event's trigger of a right type, else `weak_trigger`) is labelled with its
    type; other words the model would score are "none"; rule triggers of other types are
    left out (they may be right: PLV annotates one pair)."""
    labelled: dict[int, str] = {}
    other: set[int] = set()
    if item.triggers is not None:  # our own sentences: the gold triggers, exactly
        return _rows(doc, _exact_labels(doc, item), other)
    for pair in item.pairs:
        hit = next((e for e in rule_events if e.type in pair.types), None)
        tok = _token_at(doc, hit.trigger.start, hit.trigger.end) if hit else None
        if tok is None:
            tok = weak_trigger(doc, pair)
        if tok is not None:
            labelled[tok.i] = hit.type if hit else normalise_type(pair.type)
    for e in rule_events:
        tok = _token_at(doc, e.trigger.start, e.trigger.end)
        if tok is not None and tok.i not in labelled:
            other.add(tok.i)
    return _rows(doc, labelled, other)


def _exact_labels(doc: Doc, item: PlvItem) -> dict[int, str]:
    labelled = {}
    for start, end, etype in item.triggers or ():
        tok = _token_at(doc, start, end)
        if tok is not None:
            labelled[tok.i] = etype
    return labelled


def _rows(doc: Doc, labelled: dict[int, str], other: set[int]
          ) -> tuple[list[list[str]], np.ndarray, list[str]]:
    toks, labels = [], []
    for sent in doc.sents:
        taken = _rule_candidate_tokens(sent)
        for tok in sent:
            if tok.i in labelled:
                toks.append(tok)
                labels.append(labelled[tok.i])
            elif is_scored(tok) and tok.i not in taken and tok.i not in other:
                toks.append(tok)
                labels.append(NONE)
    vecs = word_vectors(doc[:], toks) if toks else np.zeros((0, 96), dtype=np.float32)
    return [features(t) for t in toks], vecs, labels


def retyper_row(doc: Doc, item: PlvItem, rule_events: Sequence[Event]
                ) -> tuple[list[str], str]:
    """The re-typer's row of one coded item: the features of the sentence holding the
    first annotated pair (and the rule events there), labelled with the pair's type, or
    with a rule event's type when it is one of the pair's types."""
    if item.triggers is not None:
        return _own_retyper_row(doc, item, rule_events)
    pair = item.pairs[0]
    sents = list(doc.sents)
    at = next((s[0] for s in (pair.source, pair.target) if s), 0)
    sent = next((s for s in sents if s.start_char <= at < s.end_char), sents[0])
    events = [e for e in rule_events if sent.start_char <= e.trigger.start < sent.end_char]
    label = next((e.type for e in events if e.type in pair.types),
                 normalise_type(pair.type))
    return sentence_features(sent, events), label


def _own_retyper_row(doc: Doc, item: PlvItem, rule_events: Sequence[Event]
                     ) -> tuple[list[str], str]:
    """Our sentence's row: the sentence of the first rule event (else of the first gold
    event), labelled with the gold type the rules found there, else the gold type of the
    event at the rule event's trigger, else the sentence's first gold type, else "none"
    (no event there: the rules' events are spurious)."""
    sents = list(doc.sents)
    triggers = item.triggers or ()
    at = rule_events[0].trigger.start if rule_events else \
        (triggers[0][0] if triggers else 0)
    sent = next((s for s in sents if s.start_char <= at < s.end_char), sents[0])
    events = [e for e in rule_events if sent.start_char <= e.trigger.start < sent.end_char]
    gold = [(a, b, t) for a, b, t in triggers if sent.start_char <= a < sent.end_char]
    label = next((e.type for e in events if any(e.type == t for _, _, t in gold)), None)
    if label is None and events:
        first = events[0].trigger
        label = next((t for a, b, t in gold if a < first.end and first.start < b), None)
    if label is None:
        label = gold[0][2] if gold else NONE
    return sentence_features(sent, events), label


def _rule_candidate_tokens(sent: Span) -> set[int]:
    cands = sentence_candidates(sent)
    return {c.trigger.i for c in cands} | {c.governor.i for c in cands if c.governor}


# ---------------------------------------------------------------- coding

@dataclass
class Parsed:
    """The PLV sentences parsed once, coded by the rules alone, with their rows."""
    items: list[PlvItem]
    docs: list[Doc]
    rules: list[list[Event]]
    feats: list[list[list[str]]]
    vecs: list[np.ndarray]
    labels: list[list[str]]
    sentence_rows: list[tuple[list[str], str]]


def parse_items(coder: Coder, items: Sequence[PlvItem]) -> Parsed:
    arts = [Article(id=i.id, origin=i.id, text=i.text, paragraphs=[Paragraph(0, len(i.text))])
            for i in items]
    docs = list(coder.nlp.pipe([a.text for a in arts], batch_size=64))
    out = Parsed(list(items), [], [], [], [], [], [])
    with switched_off(RULE):
        for item, art, doc in zip(items, arts, docs):
            doc._.article = art
            for _name, proc in coder.components.pipeline:
                doc = proc(doc)
            out.docs.append(doc)
            out.rules.append(list(doc._.events or []))
            f, v, lab = training_rows(doc, item, out.rules[-1])
            out.feats.append(f)
            out.vecs.append(v)
            out.labels.append(lab)
            out.sentence_rows.append(retyper_row(doc, item, out.rules[-1]))
    return out


def recode(coder: Coder, docs: Sequence[Doc], model: EventModel | None,
           retyper: EventModel | None = None) -> list[list[Event]]:
    """The events of already-coded docs, coded again by the event stage with `model`
    proposing and `retyper` re-typing."""
    events_stage = dict(coder.components.pipeline)["tidings_events"]
    out = []
    with using_model(model), using_retyper(retyper):
        for doc in docs:
            out.append(list(events_stage(doc)._.events or []))
    return out


def fit_rows(parsed: Parsed, indices: Sequence[int], settings: FitSettings,
             threshold: float, meta: dict[str, Any] | None = None) -> EventModel:
    feats = [f for i in indices for f in parsed.feats[i]]
    labels = [lab for i in indices for lab in parsed.labels[i]]
    vecs = [parsed.vecs[i] for i in indices if len(parsed.vecs[i])]
    matrix = np.concatenate(vecs) if vecs else np.zeros((0, 96), dtype=np.float32)
    return fit(feats, matrix, labels, settings, threshold, meta)


def fit_retyper(parsed: Parsed, indices: Sequence[int], settings: FitSettings,
                threshold: float, meta: dict[str, Any] | None = None) -> EventModel:
    rows = [parsed.sentence_rows[i] for i in indices]
    return fit([r[0] for r in rows], np.zeros((len(rows), 0)), [r[1] for r in rows],
               settings, threshold, meta)


@dataclass(frozen=True)
class Learned:
    """What the learned stage is fitted with: the proposer's and the re-typer's settings
    and thresholds (None: that part is not used)."""
    settings: FitSettings
    threshold: float | None
    retype_settings: FitSettings
    retype_threshold: float | None


FoldModels = list[tuple[EventModel | None, EventModel | None]]


def fold_models(parsed: Parsed, learned: Learned, k: int = FOLDS) -> FoldModels:
    """(proposer, re-typer) of each fold, fitted on the other folds' sentences."""
    out: FoldModels = []
    for f in range(k):
        train = [i for i in range(len(parsed.items)) if fold_of(i, k) != f]
        model = fit_rows(parsed, train, learned.settings, learned.threshold) \
            if learned.threshold is not None else None
        retyper = fit_retyper(parsed, train, learned.retype_settings,
                              learned.retype_threshold) \
            if learned.retype_threshold is not None else None
        out.append((model, retyper))
    return out


def cross_validate(coder: Coder, parsed: Parsed, learned: Learned, k: int = FOLDS,
                   models: FoldModels | None = None) -> list[list[Event]]:
    """Events of every sentence coded by rules + models that never saw its fold
    (`models`: fitted already, one pair per fold)."""
    models = models if models is not None else fold_models(parsed, learned, k)
    out: list[list[Event]] = [[] for _ in parsed.items]
    for f, (model, retyper) in enumerate(models):
        test = [i for i in range(len(parsed.items)) if fold_of(i, k) == f]
        for i, events in zip(test, recode(coder, [parsed.docs[i] for i in test], model,
                                          retyper)):
            out[i] = events
    return out


# ---------------------------------------------------------------- scoring

def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in STOP}


def _side_agrees(gold_text: str, refs: Sequence[Any], annotated: bool) -> bool:
    if not annotated:
        return True
    gold = _words(gold_text)
    pred = set().union(*(_words(r.text) for r in refs)) if refs else set()
    return any(p.startswith(g) or g.startswith(p) for p in pred for g in gold)


def _type_ok(pair: PlvPair, e: Event) -> bool:
    return e.type in pair.types


def _dyad_ok(pair: PlvPair, e: Event) -> bool:
    return (e.type in pair.types
            and _side_agrees(pair.source_text, e.source, pair.source is not None)
            and _side_agrees(pair.target_text, e.target, pair.target is not None))


@dataclass
class PlvScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    dyad_tp: int = 0
    dyad_fp: int = 0
    dyad_fn: int = 0
    found: Counter | None = None   # PLV label -> pairs found (type)
    support: Counter | None = None

    def metrics(self, prefix: str = "") -> dict[str, float]:
        p, r, f = prf(self.tp, self.fp, self.fn)
        dp, dr, df = prf(self.dyad_tp, self.dyad_fp, self.dyad_fn)
        return {f"{prefix}type_precision": p, f"{prefix}type_recall": r,
                f"{prefix}type_f1": f, f"{prefix}dyad_precision": dp,
                f"{prefix}dyad_recall": dr, f"{prefix}dyad_f1": df}


def score_plv(items: Sequence[PlvItem], preds: Sequence[Sequence[Event]]) -> PlvScore:
    s = PlvScore(found=Counter(), support=Counter())
    for item, coded in zip(items, preds, strict=True):
        events = [t for e in coded for t in e.tellings()]  # sentence-level gold
        pairs = item.pairs
        typed = max_matching(pairs, events, _type_ok)
        dyads = max_matching(pairs, events, _dyad_ok)
        s.tp += len(typed)
        s.fp += len(events) - len(typed)
        s.fn += len(pairs) - len(typed)
        s.dyad_tp += len(dyads)
        s.dyad_fp += len(events) - len(dyads)
        s.dyad_fn += len(pairs) - len(dyads)
        for g, _ in typed:
            s.found[pairs[g].type] += 1
        for pair in pairs:
            s.support[pair.type] += 1
    return s


def model_events(events: Sequence[Event]) -> Iterator[tuple[Event, float]]:
    """The events the learned stage made, with its score."""
    for e in events:
        for b in e.by:
            if b.startswith(RULE + ":"):
                yield e, float(b.rsplit(":", 1)[1])


def _line(title: str, score: PlvScore) -> str:
    m = list(score.metrics().values())
    return (f"{title:<40} type P/R/F1 {'/'.join(f'{v:.3f}' for v in m[:3])}  "
            f"dyad {'/'.join(f'{v:.3f}' for v in m[3:])}")


def report(rules: PlvScore, both: PlvScore, k: int, learned: Learned) -> str:
    def at(t: float | None) -> str:
        return "off" if t is None else f">= {t:.2f}"
    title = (f"rules + model ({k}-fold CV; propose {at(learned.threshold)}, "
             f"retype {at(learned.retype_threshold)})")
    lines = [_line("rules alone", rules), _line(title, both),
             f"{'PLV label':<10} {'pairs':>5} {'rules R':>8} {'+model R':>8}"]
    found_r, found_b = rules.found or Counter(), both.found or Counter()
    for label, n in sorted((rules.support or Counter()).items()):
        lines.append(f"{label:<10} {n:5d} {found_r[label] / n:8.3f} {found_b[label] / n:8.3f}")
    return "\n".join(lines)


def shipped_learned() -> Learned:
    """The settings and thresholds of the shipped models that are switched on (as
    $TIDINGS_EVENT_MODEL or the default says; a part off or absent has no threshold)."""
    def of(model: EventModel | None) -> tuple[FitSettings, float | None]:
        if model is None:
            return FitSettings(), None
        settings = FitSettings(**model.meta["settings"]) if "settings" in model.meta \
            else FitSettings()
        return settings, model.threshold
    return Learned(*of(shipped_model() if switched_on("propose") else None),
                   *of(shipped_retyper() if switched_on("retype") else None))


def by_origin(items: Sequence[PlvItem], preds: Sequence[Sequence[Event]], origin: str
              ) -> tuple[list[PlvItem], list[Sequence[Event]]]:
    """The items of one source (and their events)."""
    keep = [i for i, item in enumerate(items) if item.origin == origin]
    return [items[i] for i in keep], [preds[i] for i in keep]


def run_train(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """PLV train: the rules alone, and rules + the learned stage cross-validated. The
    fold models are fitted, as the shipped ones, on PLV and our own training sentences
    (eval/train/events_train.jsonl); the headline figures are PLV's, `own_` ours."""
    path = plv_path()
    if path is None:
        return None
    items = training_items(path, own_train_path())
    if options and options.limit:
        items = items[:options.limit]
    parsed = parse_items(coder, items)
    learned = shipped_learned()
    cv = cross_validate(coder, parsed, learned)
    # the rules' events from the same second run of the events stage the CV makes (it
    # can differ a little from the first, in the full pipeline)
    base = recode(coder, parsed.docs, None, None)
    plv_items, plv_cv = by_origin(items, cv, "plv")
    _, plv_rules = by_origin(items, base, "plv")
    own_items, own_cv = by_origin(items, cv, "own")
    _, own_rules = by_origin(items, base, "own")
    rules, both = score_plv(plv_items, plv_rules), score_plv(plv_items, plv_cv)
    made = [e for events in plv_cv for e, _ in model_events(events)]
    n_retyped = sum(1 for e in made if any(b.startswith(RETYPED + ":") for b in e.by))
    metrics = {**both.metrics(), **rules.metrics("rules_")}
    text = report(rules, both, FOLDS, learned)
    if own_items:
        own_r, own_b = score_plv(own_items, own_rules), score_plv(own_items, own_cv)
        metrics.update({**own_b.metrics("own_"), **own_r.metrics("own_rules_")})
        text += "\n" + "\n".join([f"our training sentences ({len(own_items)}), same folds:",
                                   _line("rules alone", own_r), _line("rules + model", own_b)])
    return SuiteResult(
        name="plv-train", metrics=metrics, report=text,
        counts={"items": len(plv_items), "gold_pairs": sum(len(i.pairs) for i in plv_items),
                "own_items": len(own_items), "model_events": len(made) - n_retyped,
                "model_retyped": n_retyped})
