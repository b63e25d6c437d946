"""FastEntityRecognizer finds exactly the entities spaCy's own recogniser finds."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Span

from tidings.fast_ner import (
    NEXT_SENT,
    ROOM,
    SPACE,
    FastEntityRecognizer,
    _decode,
    _make_plan,
    _plan,
    token_codes,
)
from tidings.nlp import MODEL_NAME

ROOT = Path(__file__).resolve().parent.parent

# Our own sentences: entities at the first and the last token, one-token docs, names
# across a sentence break, whitespace tokens where an entity may not start, numbers,
# dates and money, and the same in lower and upper case.
TEXTS = [
    "Paris",
    "",
    "   ",
    "UN",
    "The talks in Geneva ended on Friday, said Antonio Guterres",
    "Officials in Kabul said 12 people died.  \n\n  Kabul Airport was closed on 3 May 2021.",
    "He met Joe Biden. Biden then flew to the Hague on Air Force One.",
    "The European Union pledged $3.5 billion (about 40 percent) to the World Food Programme.",
    "\n Reuters \n reported that  Hamas and  Israel agreed to a truce in Cairo.\n",
    "Russian forces shelled Kharkiv and Izium overnight, Ukraine's General Staff said.",
]


def _corpus() -> list[str]:
    paragraphs = []
    for path in sorted((ROOT / "examples").glob("*.txt")):
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    texts = TEXTS + paragraphs
    return texts + [t.lower() for t in texts] + [t.upper() for t in texts]


@pytest.fixture(scope="module")
def models(coder):
    stock = spacy.load(MODEL_NAME)
    assert type(stock.get_pipe("ner")) is EntityRecognizer
    return stock, coder.nlp


def _parsed_to_ner(nlp, texts: list[str]) -> list:
    """Docs parsed by every pipe before the recogniser."""
    docs = [nlp.make_doc(t) for t in texts]
    for name, pipe in nlp.pipeline:
        if name == "ner":
            break
        docs = list(pipe.pipe(docs, batch_size=64))
    return docs


def _entities(docs) -> list:
    return [[(e.start, e.end, e.label_) for e in doc.ents] +
            [[t.ent_iob_ for t in doc]] for doc in docs]


def test_coder_uses_the_fast_recognizer(models):
    stock, fast = models
    ner = fast.get_pipe("ner")
    assert isinstance(ner, FastEntityRecognizer)
    assert _plan(ner) is not None  # the model takes the fast path
    assert ner.cfg == stock.get_pipe("ner").cfg
    assert fast.pipe_names == stock.pipe_names


def test_same_entities_and_docs_as_the_stock_recognizer(models):
    stock, fast = models
    texts = _corpus()
    ours = list(fast.pipe(texts, batch_size=16))
    theirs = list(stock.pipe(texts, batch_size=16))
    assert sum(len(doc.ents) for doc in ours) > 200
    assert _entities(ours) == _entities(theirs)
    for a, b in zip(ours, theirs, strict=True):
        assert a.to_bytes() == b.to_bytes()
    doc = fast("Antonio Guterres spoke in Geneva")
    assert [(e.text, e.label_) for e in doc.ents] == [("Antonio Guterres", "PERSON"),
                                                     ("Geneva", "GPE")]


def test_entities_already_set_go_to_the_stock_code(models):
    stock, fast = models
    texts = ["Officials in Kabul said the Taliban had left.", "Paris is calm."]
    ours, theirs = _parsed_to_ner(fast, texts), _parsed_to_ner(fast, texts)
    for docs in (ours, theirs):
        docs[0].set_ents([Span(docs[0], 3, 4, label="ORG")], default="unmodified")
    ner = fast.get_pipe("ner")
    assert _decode(ner, _plan(ner), ours) is None
    ours = list(ner.pipe(ours))
    theirs = list(stock.get_pipe("ner").pipe(theirs))
    assert _entities(ours) == _entities(theirs)
    assert (ours[0][3].ent_type_, ours[0][3].ent_iob_) == ("ORG", "B")


def test_a_recognizer_it_does_not_reproduce_is_left_to_spacy(models):
    _stock, fast = models
    ner = fast.get_pipe("ner")
    beam = dict(ner.cfg)
    ner.cfg["beam_width"] = 4
    try:
        assert _make_plan(ner) is None
    finally:
        ner.cfg.clear()
        ner.cfg.update(beam)
    assert _make_plan(ner) is not None


def test_valid_moves_are_spacys_at_every_token(models):
    """The valid-move table against BiluoPushDown.is_valid, move by move, at every
    token of docs with sentence breaks, whitespace and a last token, an entity open
    or not."""
    _stock, fast = models
    ner = fast.get_pipe("ner")
    _kinds, _labels, names, _unseen, table = _plan(ner)
    moves = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    docs = _parsed_to_ner(fast, ["Talks ended. \n Kabul said  \n no. Then Paris", "Rome"])
    codes = token_codes(docs)
    at = 0
    for doc in docs:
        for t in range(len(doc)):
            for opened in ([None] if t == 0 else [None, "GPE", "ORG"]):
                spacy_state = ner.moves.init_batch([doc])[0]
                for i in range(t):
                    if opened is not None and i == t - 1:
                        spacy_state.open_ent(ner.vocab.strings.add(opened))
                    spacy_state.push()
                    spacy_state.pop()
                row = table[0 if opened is None else names.index(opened), codes[at + t]]
                expected = [bool(ner.moves.is_valid(spacy_state, m)) for m in moves]
                assert row.tolist() == expected, (doc.text, t, opened)
        at += len(doc)
    assert {ROOM | NEXT_SENT, SPACE | ROOM, ROOM, 0} <= set(codes.tolist())
