"""The learned re-typer: where the rules coded an event of a type the sentence's words
speak against, a sentence-level classifier gives the event its type.

PLV train's sentences each hold an annotated act, and the rules often find the act but
give it another type than PLV's annotators ("will not lift the ban": a CONCEDE negated,
PLV's REJECT); our own training sentences (eval/train/events_train.jsonl) say where our
conventions keep the rules' type. A multinomial logistic regression learns, from the whole sentence
(its content lemmas, verbs and their dependencies, lemma bigrams, the root, and what
the rules coded: types, trigger lemmas and the trigger's own features), which PLOVER
type the sentence's act has. No dense features: the mean of the sentence's tok2vec
rows cost seven points of cross-validated accuracy (.717 with, .789 without).

It never adds or drops an event. A sentence with exactly one rule event (`MAX_EVENTS`)
is re-typed when the model's surest type scores at or above its threshold, the event's
own type scores at most `MAX_OWN`, and the model saw the event's trigger word coded
with that type in training (the feature "trt=lemma|TYPE" is in its vocabulary: it
corrects confusions it has seen, not words it knows nothing of). The event then takes
the model's type and the type's root CAMEO code; sides, trigger, modality, negation
(but a negated act re-typed REJECT is the refusal itself, asserted) and the rules'
provenance stay; `by` starts with `model:TYPE:score, model_retyped:OLD`.

Weights: `ontology/data/event_retyper.json`, written by `scripts/train_event_model.py`
with the proposer's model (docs/model.md). Switched like the proposer (learned.py,
`switched_on`): on by default when `learned.DEFAULT_PARTS` names it, `TIDINGS_EVENT_MODEL=0`
or `=propose` off, `TIDINGS_RULES_OFF=model` off (the learned stage's one rule).
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise

import numpy as np
from spacy.tokens import Span, Token

from ...models import Event
from ...ontology.cameo import DEFAULT_CAMEO, goldstein, quad_class
from ...paths import DATA_DIR
from ..event_rules import active
from .learned import NONE, RULE, EventModel, features, switched_on

RETYPER_PATH = DATA_DIR / "event_retyper.json"
RETYPED = "model_retyped"   # `by`: "model_retyped:OLD" after "model:NEW:score"
MAX_OWN = 0.2       # an event whose own type the model scores higher keeps it
MAX_EVENTS = 1      # a sentence of more events is left alone: the model names one type
CONTENT_POS = ("VERB", "NOUN", "ADJ", "ADV", "ADP", "PART")

def _trigger_token(sent: Span, e: Event) -> Token | None:
    span = sent.doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def sentence_features(sent: Span, events: Sequence[Event]) -> list[str]:
    """The sparse features of a sentence and what the rules coded in it."""
    out = []
    lemmas = []
    for tok in sent:
        if not tok.is_alpha or tok.pos_ not in CONTENT_POS:
            continue
        lemma = tok.lemma_.lower()
        lemmas.append(lemma)
        if not tok.is_stop or tok.pos_ in ("VERB", "ADP", "PART"):
            out.append(f"l={lemma}")
        if tok.pos_ == "VERB":
            out.append(f"vd={lemma}|{tok.dep_}")
            out += [f"vc={lemma}|{c.dep_}|{c.lemma_.lower()}" for c in tok.children
                    if c.dep_ in ("prt", "neg", "xcomp", "prep", "dative")]
        if tok.dep_ == "ROOT":
            out.append(f"root={lemma}")
    out += [f"bi={a}_{b}" for a, b in pairwise(lemmas)]
    for e in events:
        tok = _trigger_token(sent, e)
        lemma, dep = (tok.lemma_.lower(), tok.dep_) if tok is not None else ("", "")
        out += [f"rt={e.type}", f"tr={lemma}", f"trt={lemma}|{e.type}", f"rtd={e.type}|{dep}"]
        if tok is not None:  # what the trigger's own words say (learned.features)
            out += [f"x{f}" for f in features(tok)]
        if e.negated:
            out.append("negated")
    if not events:
        out.append("rt=none")
    return sorted(set(out))


_override: list[EventModel | None] = []


@lru_cache(maxsize=1)
def shipped_retyper() -> EventModel | None:
    """The re-typer in the package, loaded once (None if the file is missing)."""
    return EventModel.load(RETYPER_PATH) if RETYPER_PATH.is_file() else None


def current_retyper() -> EventModel | None:
    if _override:
        return _override[-1]
    return shipped_retyper() if switched_on("retype") else None


@contextmanager
def using_retyper(model: EventModel | None) -> Iterator[None]:
    """Re-type with this model instead of the shipped one; None: no re-typing."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()


def type_probabilities(model: EventModel, sent: Span, events: Sequence[Event]) -> np.ndarray:
    return model.probabilities([sentence_features(sent, events)], np.zeros((1, 0)))[0]


def known_triggers(model: EventModel, feats: Sequence[str]) -> set[str]:
    """The "lemma|TYPE" of rule events whose trigger word the model saw coded with that
    type in training (a feature of its vocabulary)."""
    return {f[4:] for f in feats if f.startswith("trt=") and f in model.vocab}


def retype_events(events: list[Event], labels: Sequence[str], probs: np.ndarray,
                  threshold: float, eligible: Sequence[bool] | None = None) -> list[Event]:
    """`events` with at most one re-typed, by the rule in the module's docstring;
    `eligible` (one per event) says which may be."""
    if not events or len(events) > MAX_EVENTS:
        return events
    ranked = [(float(probs[i]), lab) for i, lab in enumerate(labels) if lab != NONE]
    score, best = max(ranked)
    if score < threshold or best not in DEFAULT_CAMEO or any(e.type == best for e in events):
        return events
    own = [float(probs[labels.index(e.type)]) if e.type in labels else 0.0 for e in events]
    pick = int(np.argmin(own))
    if own[pick] > MAX_OWN or (eligible is not None and not eligible[pick]):
        return events
    e = events[pick]
    cameo = DEFAULT_CAMEO[best]
    # "will not lift the ban" re-typed REJECT: the refusal is the act, not negated
    negated = e.negated and best != "REJECT"
    new = replace(e, type=best, cameo=cameo, goldstein=goldstein(cameo),
                  quad_class=quad_class(cameo), negated=negated,
                  by=[f"{RULE}:{best}:{score:.2f}", f"{RETYPED}:{e.type}"] + list(e.by))
    return events[:pick] + [new] + events[pick + 1:]


def retype(sent: Span, events: list[Event]) -> list[Event]:
    """The sentence's events, re-typed where the shipped (or set) model is sure."""
    model = current_retyper()
    if model is None or not events or not active(RULE):
        return events
    feats = sentence_features(sent, events)
    known = known_triggers(model, feats)
    eligible = [f"{_lemma(sent, e)}|{e.type}" in known for e in events]
    probs = model.probabilities([feats], np.zeros((1, 0)))[0]
    return retype_events(events, model.labels, probs, model.threshold, eligible)


def _lemma(sent: Span, e: Event) -> str:
    tok = _trigger_token(sent, e)
    return tok.lemma_.lower() if tok is not None else ""
