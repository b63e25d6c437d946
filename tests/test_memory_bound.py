"""Memory on long runs: spaCy's vocabulary does not grow without bound across batches,
and a model the Coder drops is freed, even when gc.freeze() has hidden it from the
collector (bench/memory_growth.py measures both on 30,000 articles; BENCHMARKS.md)."""
from __future__ import annotations

import gc
import random
import string
import weakref
from itertools import pairwise

from conftest import make_article

from tidings import nlp as nlp_module
from tidings.nlp import Coder, collect_frozen


def _new_words_batch(rng: random.Random, size: int) -> list:
    """`size` articles, each full of words no model has seen."""
    def word() -> str:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(9))

    return [make_article(
        f"The {word().title()} council {word()} the {word().title()} accord in Quito on "
        f"Tuesday, officials said; {word()} {word()} {word()} {word()} {word()}.",
        "2024-03-05T10:00:00Z", f"r{n}") for n in range(size)]


def _growth_per_pass(monkeypatch, vocab_growth: int, passes: int = 9) -> list[int]:
    """Strings over the model's own after each pass of one 4-article batch of new words."""
    rng = random.Random(11)
    monkeypatch.setattr(nlp_module, "VOCAB_GROWTH", vocab_growth)
    coder = Coder(batch_size=4)
    base = len(coder.nlp.vocab.strings)
    out = []
    for _ in range(passes):
        coded = list(coder.code_many(_new_words_batch(rng, 4)))
        assert all(not d.errors for d in coded)
        out.append(len(coder.nlp.vocab.strings) - base)
    return out


def test_the_string_store_stays_bounded_across_batches(monkeypatch):
    """The same small batch, coded again and again with new words each time: without a
    bound the StringStore grows by every pass's words; with one it never holds more
    than VOCAB_GROWTH plus one pass's new strings over what the model came with, and
    a reload brings it back down."""
    unbounded = _growth_per_pass(monkeypatch, 10**9)
    one_pass = unbounded[0]
    assert one_pass > 30 and unbounded[-1] >= 8 * one_pass  # it would keep growing
    largest_pass = max(b - a for a, b in pairwise([0, *unbounded]))
    bounded = _growth_per_pass(monkeypatch, 2 * one_pass)
    assert max(bounded) <= 2 * one_pass + largest_pass < unbounded[-1] / 2
    assert any(b < a for a, b in pairwise(bounded))  # a reload reset it


def test_a_dropped_model_is_freed_though_frozen(monkeypatch):
    """The disk cache calls gc.freeze() after the model is loaded; a reload must still
    free the old model's cycles (about 7,000 objects were left behind)."""
    coder = Coder()
    list(coder.code_many(_new_words_batch(random.Random(3), 1)))
    gc.freeze()
    monkeypatch.setattr(nlp_module, "VOCAB_GROWTH", -1)
    coder._bound_vocabulary()
    assert coder.reloads == 1
    gc.collect()
    gc.unfreeze()
    try:
        left_behind = gc.collect()
    finally:
        gc.freeze()
    assert left_behind < 500


def test_collect_frozen_reaches_frozen_cycles():
    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a
    alive = weakref.ref(a)
    gc.freeze()
    del a, b
    gc.collect()
    assert alive() is not None  # a frozen cycle is out of the collector's sight
    assert collect_frozen() >= 2
    assert alive() is None
    assert gc.get_freeze_count() > 0  # what was frozen and alive is frozen again
