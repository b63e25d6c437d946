"""The learned stage: a linear model proposes event candidates the trigger lexicon lacks.

Each verb and common noun of a sentence that no rule made a candidate is scored by a
multinomial logistic regression over cheap features of the parse (its lemma, its
dependency, its head, its children's lemmas and the tok2vec row spaCy already computed)
and labelled with a PLOVER type or "none". A word whose best type scores at or above the
model's threshold becomes a candidate like any other: the rules read its sides, veto it,
settle its modality and retype it; the event says `model:TYPE:score` in `Event.by`.

The weights ship in `ontology/data/event_model.json`, written by
`scripts/train_event_model.py` (docs/model.md is its card); they are loaded once, on the
first sentence. By default only the parts in DEFAULT_PARTS are on (docs/model.md,
"Verdict": the re-typer, learned_retype.py, is; this proposer is not):
`TIDINGS_EVENT_MODEL=1` switches both on, `=propose` or `=retype` one of them alone,
`=0` both off, as does `TIDINGS_RULES_OFF=model` like any rule.
"""
from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Span, Token

from ...ontology.cameo import DEFAULT_CAMEO, normalise_type
from ...ontology.lexicon import TriggerEntry
from ...paths import DATA_DIR
from ..event_rules import active, register
from ..event_triggers import Candidate

MODEL_PATH = DATA_DIR / "event_model.json"
SWITCH_ENV = "TIDINGS_EVENT_MODEL"
# The parts on when $TIDINGS_EVENT_MODEL is unset: those whose held-out gain pays for
# their time (docs/model.md, "Verdict"): none. The re-typer changes no event of our sets
# and raises PLV's cross-validated F1 by less than noise (.754 -> .756) for about 2% of
# the coder's time; the proposer's CV precision stays under its bar.
DEFAULT_PARTS: frozenset[str] = frozenset()
NONE = "none"
RULE = "model"
# Parts of speech a trigger can have; proper nouns name actors, not acts.
TRIGGER_POS = ("VERB", "NOUN")
# Children whose lemma says what the act is done to or with.
ARG_DEPS = ("dobj", "nsubj", "nsubjpass", "prt", "xcomp", "ccomp", "acomp", "attr", "neg",
            "aux", "compound", "amod", "agent", "dative")

register(RULE, "candidate",
         "Activists challenged the police over the killings.",
         "A verb or noun the lexicon lacks, scored by the learned model (docs/model.md): "
         "over its threshold it is a candidate of the model's type; `model:TYPE:score`.")


def is_scored(tok: Token) -> bool:
    """Whether the model scores this word as a possible trigger."""
    return tok.pos_ in TRIGGER_POS and tok.tag_ not in ("NNP", "NNPS") and tok.is_alpha \
        and len(tok.text) > 2


def features(tok: Token) -> list[str]:
    """The sparse features of one candidate word: names, not weights."""
    lemma = tok.lemma_.lower()
    head = tok.head
    out = [f"w={lemma}", f"wp={lemma}|{tok.pos_}", f"t={tok.tag_}", f"d={tok.dep_}",
           f"wd={lemma}|{tok.dep_}"]
    if head.i != tok.i:
        out += [f"h={head.lemma_.lower()}", f"hd={head.lemma_.lower()}|{tok.dep_}",
                f"hp={head.pos_}|{tok.dep_}"]
    else:
        out.append("root")
    for c in tok.children:
        dep = c.dep_
        if dep == "prep":
            out.append(f"p={lemma}|{c.lower_}")
            for g in c.children:
                if g.dep_ == "pobj":
                    out.append(f"po={c.lower_}|{g.lemma_.lower()}")
                    if g.ent_type_:
                        out.append(f"pe={c.lower_}|{g.ent_type_}")
        elif dep in ARG_DEPS:
            out.append(f"c={dep}|{c.lemma_.lower()}")
            if c.ent_type_:
                out.append(f"ce={dep}|{c.ent_type_}")
            elif dep in ("nsubj", "dobj", "nsubjpass"):
                out.append(f"cp={dep}|{c.pos_}")
    return out


@dataclass(frozen=True)
class EventModel:
    """Weights of the linear model: one column per label, one row per feature."""
    labels: tuple[str, ...]
    vocab: dict[str, int]
    sparse: np.ndarray          # (n_features, n_labels)
    dense: np.ndarray           # (dense_dim, n_labels), over standardised tok2vec rows
    bias: np.ndarray            # (n_labels,)
    mean: np.ndarray            # (dense_dim,)
    scale: np.ndarray           # (dense_dim,)
    threshold: float
    meta: dict[str, Any]

    def probabilities(self, feats: Sequence[Sequence[str]], vectors: np.ndarray) -> np.ndarray:
        """Label probabilities, one row per word (its feature names, its tok2vec row)."""
        scores = ((vectors - self.mean) / self.scale) @ self.dense + self.bias
        for row, names in enumerate(feats):
            ids = [self.vocab[n] for n in names if n in self.vocab]
            if ids:
                scores[row] += self.sparse[ids].sum(axis=0)
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        return scores / scores.sum(axis=1, keepdims=True)

    def to_json(self) -> str:
        """The model as one JSON document; float16 weights, base64, so bytes are stable."""
        def pack(a: np.ndarray) -> dict[str, Any]:
            return {"shape": list(a.shape),
                    "f16": base64.b64encode(a.astype("<f2").tobytes()).decode("ascii")}
        names = sorted(self.vocab, key=self.vocab.__getitem__)
        doc = {"meta": self.meta, "labels": list(self.labels), "threshold": self.threshold,
               "features": names, "sparse": pack(self.sparse), "dense": pack(self.dense),
               "bias": pack(self.bias), "mean": pack(self.mean), "scale": pack(self.scale)}
        return json.dumps(doc, indent=0, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> EventModel:
        doc = json.loads(text)

        def unpack(d: dict[str, Any]) -> np.ndarray:
            raw = np.frombuffer(base64.b64decode(d["f16"]), dtype="<f2")
            return raw.astype(np.float32).reshape(d["shape"])
        return cls(labels=tuple(doc["labels"]),
                   vocab={n: i for i, n in enumerate(doc["features"])},
                   sparse=unpack(doc["sparse"]), dense=unpack(doc["dense"]),
                   bias=unpack(doc["bias"]), mean=unpack(doc["mean"]),
                   scale=unpack(doc["scale"]), threshold=float(doc["threshold"]),
                   meta=doc.get("meta", {}))

    @classmethod
    def load(cls, path: Path) -> EventModel:
        return cls.from_json(path.read_text(encoding="utf-8"))


_override: list[EventModel | None] = []


@lru_cache(maxsize=1)
def shipped_model() -> EventModel | None:
    """The model in the package, loaded once (None if the file is missing)."""
    return EventModel.load(MODEL_PATH) if MODEL_PATH.is_file() else None


def switched_on(part: str = "propose") -> bool:
    """Whether this part of the stage ("propose" or "retype") is on: $TIDINGS_EVENT_MODEL
    unset or empty, the parts in DEFAULT_PARTS; 1/on/true/yes both; 0/off/false/no
    neither; a part's own name that part alone."""
    value = os.environ.get(SWITCH_ENV, "").strip().lower()
    if not value:
        return part in DEFAULT_PARTS
    return value in ("1", "on", "true", "yes", part)


def current_model() -> EventModel | None:
    """The model the stage uses: one set by `using_model`, else the shipped one when
    $TIDINGS_EVENT_MODEL switches it on, else None (the rules alone)."""
    if _override:
        return _override[-1]
    return shipped_model() if switched_on() else None


@contextmanager
def using_model(model: EventModel | None) -> Iterator[None]:
    """Code with this model instead of the shipped one (cross-validation, tests);
    None codes with no model at all."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()


def word_vectors(sent: Span, toks: Sequence[Token], dim: int = 96) -> np.ndarray:
    """The tok2vec rows of these words (zeros when the Doc has no tensor)."""
    tensor = sent.doc.tensor
    if tensor is None or len(tensor) != len(sent.doc) or tensor.shape[1] != dim:
        return np.zeros((len(toks), dim), dtype=np.float32)
    return np.asarray(tensor[[t.i for t in toks]], dtype=np.float32)


def propose(sent: Span, cands: Sequence[Candidate]) -> list[Candidate]:
    """Candidates for the words of `sent` the rules left alone, whose best label is a
    type the sentence's rule candidates do not already hold, over the threshold."""
    model = current_model()
    if model is None or not active(RULE):
        return []
    taken = {c.trigger.i for c in cands} | {c.governor.i for c in cands if c.governor}
    toks = [t for t in sent if t.i not in taken and is_scored(t)]
    if not toks:
        return []
    probs = model.probabilities([features(t) for t in toks],
                                word_vectors(sent, toks, model.mean.shape[0]))
    probs[:, model.labels.index(NONE)] = -1.0
    best = probs.argmax(axis=1)
    scores = probs[np.arange(len(toks)), best]
    held = {c.entry.type for c in cands}
    out = []
    for row in np.argsort(-scores, kind="stable"):  # one proposal per type: the surest
        tok, score = toks[row], float(scores[row])
        etype = normalise_type(model.labels[best[row]])
        if score < model.threshold:
            break
        if etype in held:
            continue
        held.add(etype)
        pos = "N" if tok.pos_ == "NOUN" else "V"
        entry = TriggerEntry(tok.lemma_.lower(), pos, etype, None, DEFAULT_CAMEO[etype],
                             round(score, 2))
        out.append(Candidate(tok, entry, by=[f"{RULE}:{etype}:{score:.2f}"]))
    return sorted(out, key=lambda c: c.trigger.i)
