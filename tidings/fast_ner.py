"""spaCy's entity recogniser with the same entities, its greedy decoding done in numpy.

The stock recogniser (`spacy.pipeline.EntityRecognizer`, greedy, beam width 1) runs its
own tok2vec, then moves through each paragraph one token at a time, scoring the 74
BILUO moves for every paragraph of a batch at each step: 3.9 of its 5.7 s for the 400
articles of bench/throughput.py. The scoring is a few small matrix operations; checking
which moves are allowed calls a compiled function per move and state, and in the spaCy
build we run those calls take and release the interpreter lock (`perf` puts a third of
the recogniser's time in pthread_mutex_lock/unlock, under StateC::B_ and Vec.arg_max).

`FastEntityRecognizer.predict` computes the same numbers with the same operations in
the same order (the layer's precomputed token features summed feature by feature, the
bias added, maxout, the output layer through the same BLIS gemm, its bias; masked to
the allowed moves; the first best move kept), for every paragraph of the batch at once,
looks the allowed moves up in a table of BiluoPushDown's rules, and hands spaCy states
that hold the chosen entities to the stock `set_annotations`. Everything it does not handle (a beam, an
entity already set on a paragraph, another state layout or move set, a GPU) goes to
the stock code. tests/test_fast_ner.py checks entity for entity that the two agree.
"""
from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.pipeline._parser_internals.ner import BiluoPushDown
from spacy.tokens import Doc
from thinc.api import NumpyOps

_KINDS = {"B": 0, "I": 1, "L": 2, "U": 3, "O": 4}
BEGIN, IN, LAST, UNIT, OUT = range(5)


class FastEntityRecognizer(EntityRecognizer):
    """EntityRecognizer whose greedy `predict` decodes in numpy (module docstring)."""

    def predict(self, docs: Any) -> Any:
        if isinstance(docs, Doc):
            docs = [docs]
        plan = _plan(self)
        if plan is None or not any(len(doc) for doc in docs):
            return super().predict(docs)
        chosen = _decode(self, plan, docs)
        if chosen is None:
            return super().predict(docs)
        return _states(self, docs, chosen)


def fast_entity_recognizer(ner: EntityRecognizer) -> EntityRecognizer:
    """A FastEntityRecognizer sharing `ner`'s vocabulary, model, moves and settings."""
    cfg = ner.cfg
    fast = FastEntityRecognizer(
        ner.vocab, ner.model, name=ner.name, moves=ner.moves,
        update_with_oracle_cut_size=cfg["update_with_oracle_cut_size"],
        beam_width=cfg["beam_width"], beam_density=cfg["beam_density"],
        beam_update_prob=cfg["beam_update_prob"],
        incorrect_spans_key=cfg.get("incorrect_spans_key"), scorer=ner.scorer)
    fast.cfg = dict(cfg)  # as loaded ("moves": None), so to_disk writes the same cfg
    return fast


def _plan(ner: EntityRecognizer) -> tuple | None:
    """(kind of each move, label index of each move, label strings, unseen classes,
    the valid-move table), or None when this recogniser is not one `_decode`
    reproduces."""
    cached = getattr(ner, "_tidings_plan", None)
    if cached is not None and cached[0] is ner.model and cached[1] == ner.moves.n_moves:
        return cached[2]
    plan = _make_plan(ner)
    ner._tidings_plan = (ner.model, ner.moves.n_moves, plan)
    return plan


def _make_plan(ner: EntityRecognizer) -> tuple | None:
    model = ner.model
    if ner.cfg.get("beam_width", 1) != 1 or type(ner.moves) is not BiluoPushDown \
            or not model.attrs.get("has_upper") or len(model.layers) != 3 \
            or type(model.ops) is not NumpyOps or not model.ops.use_blis:
        return None
    lower = model.layers[1]
    if not (lower.has_dim("nF") and lower.get_dim("nF") == 3 and lower.has_dim("nP")
            and lower.get_dim("nP") == 2):
        return None
    kinds, labels, names = [], [], [""]
    for i in range(ner.moves.n_moves):
        name = ner.moves.get_class_name(i)
        kind = _KINDS.get(name[:1])
        if kind is None or (kind != OUT and name[1:2] != "-") or (kind == OUT and name != "O"):
            return None
        label = name[2:]
        if label not in names:
            names.append(label)
        kinds.append(kind)
        labels.append(names.index(label))  # 0: no label ("O", the blocking "U-")
    unseen = sorted(int(c) for c in model.attrs.get("unseen_classes", ()))
    return (numpy.array(kinds), numpy.array(labels), names, unseen,
            _valid_table(numpy.array(kinds), numpy.array(labels)))


def _decode(ner: EntityRecognizer, plan: tuple, docs: list[Doc]) -> list | None:
    """The entities (start, end, label) the greedy decoder chooses in each doc, or None
    when a doc has preset entity annotation or a state has no valid move."""
    kinds, move_labels, _names, unseen, table = plan
    codes = token_codes(docs)
    if codes is None:
        return None
    tok2vec, lower, upper = ner.model.layers
    cached = lower.predict(tok2vec.predict(docs))  # (tokens + 1, nF, nO, nP); 0: padding
    feats = cached.reshape((cached.shape[0], cached.shape[1], -1))
    layer = (feats, lower.get_param("b").reshape(-1), upper.get_param("W"),
             upper.get_param("b"), unseen)
    lengths = numpy.array([len(doc) for doc in docs])
    starts = numpy.concatenate([[0], numpy.cumsum(lengths)[:-1]])
    state = _State(len(docs))
    for t in range(int(lengths.max())):
        live = numpy.flatnonzero(lengths > t)
        here = starts[live] + t
        scores = _scores(ner.model.ops, layer, here, state, live, starts)
        valid = table[state.label[live] * state.open[live], codes[here]]
        if not valid.any(axis=1).all():
            return None
        best = numpy.where(valid, scores, -numpy.inf).argmax(axis=1)
        state.apply(live, t, kinds[best], move_labels[best])
    return state.ents


# A token's code for _valid_table: 1 if another token of its doc follows (room for a
# Begin or In), 2 if that token starts a sentence, 4 if it is whitespace.
ROOM, NEXT_SENT, SPACE = 1, 2, 4


def token_codes(docs: list[Doc]) -> numpy.ndarray | None:
    """Each token's code (ROOM | NEXT_SENT | SPACE), over the docs' tokens end to end;
    None when a doc has entity annotation already (the stock code knows what of it to
    keep)."""
    arrays = [doc.to_array([IS_SPACE, SENT_START, ENT_IOB]) for doc in docs if len(doc)]
    flat = numpy.concatenate(arrays)
    if flat[:, 2].any():
        return None
    room = numpy.ones(len(flat), dtype=bool)
    room[numpy.cumsum([len(doc) for doc in docs if len(doc)]) - 1] = False
    next_sent = room & numpy.append(flat[1:, 1] == 1, False)
    return room * ROOM + next_sent * NEXT_SENT + flat[:, 0].astype(bool) * SPACE


def _valid_table(kinds: numpy.ndarray, labels: numpy.ndarray) -> numpy.ndarray:
    """BiluoPushDown's is_valid for docs without preset entities, as a table: [0 when no
    entity is open, else the open entity's label index][token code][move]."""
    table = numpy.zeros((int(labels.max()) + 1, 8, len(kinds)), dtype=bool)
    labelled = labels != 0
    for code in range(8):
        room, next_sent, space = bool(code & ROOM), bool(code & NEXT_SENT), bool(code & SPACE)
        table[0, code] = (kinds == OUT) | (labelled & (
            ((kinds == BEGIN) & room & (not next_sent) & (not space))
            | ((kinds == UNIT) & (not space))))
        for label in range(1, len(table)):
            same = labelled & (labels == label)
            table[label, code] = same & (((kinds == IN) & room & (not next_sent))
                                         | (kinds == LAST))
    return table


class _State:
    """Each doc's open entity (start, label index) and the entities closed so far."""

    def __init__(self, n: int):
        self.open = numpy.zeros(n, dtype=bool)
        self.start = numpy.zeros(n, dtype=int)
        self.label = numpy.zeros(n, dtype=int)
        self.ents: list[list[tuple[int, int, int]]] = [[] for _ in range(n)]

    def apply(self, live: numpy.ndarray, t: int, kinds: numpy.ndarray,
              labels: numpy.ndarray) -> None:
        for k in numpy.flatnonzero(kinds != OUT).tolist():
            doc, kind = int(live[k]), int(kinds[k])
            if kind == BEGIN:
                self.open[doc], self.start[doc], self.label[doc] = True, t, labels[k]
            elif kind == LAST:
                self.ents[doc].append((int(self.start[doc]), t + 1, int(self.label[doc])))
                self.open[doc] = False
            elif kind == UNIT:
                self.ents[doc].append((t, t + 1, int(labels[k])))


def _scores(ops: Any, layer: tuple, here: numpy.ndarray, state: _State,
            live: numpy.ndarray, starts: numpy.ndarray) -> numpy.ndarray:
    """Every live state's move scores, as spaCy's predict_states computes them: the
    features of (this token, the open entity's first token, the token before) summed in
    that order onto zeros, the bias, maxout over two pieces, the output layer."""
    feats, bias, weights, out_bias, unseen = layer
    is_open = state.open[live]
    ids = (here + 1,
           numpy.where(is_open, starts[live] + state.start[live] + 1, 0),
           numpy.where(is_open, here, 0))  # row 0: the padding of an absent token
    summed = numpy.zeros((len(live), feats.shape[2]), dtype="f")
    for f, rows in enumerate(ids):
        summed += feats[rows, f]
    summed += bias
    pieces = summed.reshape((len(live), -1, 2))
    hidden = numpy.ascontiguousarray(numpy.where(pieces[:, :, 0] > pieces[:, :, 1],
                                                 pieces[:, :, 0], pieces[:, :, 1]))
    scores = ops.gemm(hidden, weights, trans2=True)
    scores += out_bias
    if unseen:
        scores[:, unseen] = scores.min()
    return scores


def _states(ner: EntityRecognizer, docs: list[Doc], chosen: list) -> list:
    """spaCy parse states holding the chosen entities, for the stock set_annotations:
    each entity opened and closed where the decoder moved through it."""
    names = _plan(ner)[2]
    strings = ner.vocab.strings
    states = ner.moves.init_batch(docs)
    for state, ents in zip(states, chosen):
        at = 0
        for start, end, label in ents:
            for _ in range(start - at):
                state.push()
                state.pop()
            state.open_ent(strings.add(names[label]))
            for _ in range(end - 1 - start):
                state.push()
                state.pop()
            state.close_ent()
            state.push()
            state.pop()
            at = end
    return states


def use_fast_entity_recognizer(nlp: Language) -> None:
    """Put a FastEntityRecognizer in place of each stock EntityRecognizer of `nlp`
    (spaCy has no public call that swaps a loaded component for another object; a
    compiled class's instances cannot change class as FastAttributeRuler's do)."""
    components = getattr(nlp, "_components", None)
    if not isinstance(components, list):  # another spaCy: keep its own recogniser
        return
    for i, (name, pipe) in enumerate(components):
        if type(pipe) is EntityRecognizer:
            components[i] = (name, fast_entity_recognizer(pipe))
