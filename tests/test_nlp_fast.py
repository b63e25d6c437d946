"""The speed-ups on the coding path give exactly what the slower code gave."""
from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from tidings.extract import casualties, dates
from tidings.nlp import MODEL_NAME, FastAttributeRuler

# Our own sentences, chosen to hit the attribute ruler's rarer rules: several-token
# rules ("gonna", "y'all", "let's", "ain't"), the REGEX rule ("nothin'"), whitespace
# tokens, "there is" and "but" as an adverb.
TEXTS = [
    "Officials said on Tuesday that the army had shelled the town, killing five people.",
    "They're gonna hold the vote anyway, y'all, and let's see who turns up.",
    "\"We ain't got nothin' left,\" a farmer told reporters, \"nuthin' at all.\"",
    "There is no ceasefire, and there were reports of fresh fighting.  \n\n  Talks resume.",
    "But the ministry said it would not comment.\n",
    "Ms. Okafor herself met them; we could not reach anyone at the embassy.",
    "   ",
    "The I.M.F. and the E.U. gave 3.5 billion dollars to the 2019-20 budget.",
]


@pytest.fixture(scope="module")
def models(coder):
    stock = spacy.load(MODEL_NAME)
    assert type(stock.get_pipe("attribute_ruler")) is AttributeRuler
    return stock, coder.nlp


def test_coder_uses_the_fast_ruler(models):
    _stock, fast = models
    ruler = fast.get_pipe("attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler)
    assert ruler._fast_plan() is not None  # the model's rules all take the fast path


def test_fast_ruler_annotates_exactly_like_the_stock_one(models):
    stock, fast = models
    for a, b in zip(stock.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in a] == \
            [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in b]
        assert a.to_bytes() == b.to_bytes()
    gonna = fast("They're gonna win, y'all.")
    assert [t.lemma_ for t in gonna][2:4] == ["go", "to"]


def test_fast_ruler_falls_back_when_a_rule_is_beyond_it(models):
    stock, _fast = models
    nlp = spacy.load(MODEL_NAME, exclude=["attribute_ruler"])
    ruler = nlp.add_pipe("attribute_ruler", before="lemmatizer")
    ruler.add_patterns(stock.get_pipe("attribute_ruler").patterns)
    ruler.add([[{"LENGTH": {">": 30}}]], {"POS": "X"})  # an operator it does not evaluate
    ruler.__class__ = FastAttributeRuler
    assert ruler._fast_plan() is None
    doc = nlp("Supercalifragilisticexpialidociousness was here.")
    assert doc[0].pos_ == "X" and doc[1].pos_ == "AUX"


@pytest.mark.parametrize("published", [None, "2024-06-15T08:00:00Z", "1990-01-01"])
def test_explicit_dates_match_dateparser(published):
    base = dates._base(published)
    samples = [str(y) for y in (1500, 1815, 1999, 2000, 2024, 2031, 2099)] + \
        [f"{m.capitalize()} {y}" for m, y in zip(dates.MONTHS, range(1990, 2040, 4))]
    for text in samples:
        data = dates._parser(base).get_date_data(text)
        precision = dates._PRECISION[data.period]
        assert dates.explicit(text) == (dates._fmt(data.date_obj.date(), precision), precision)
    assert dates.explicit("2019-20") is None and dates.explicit("march 2020") is None
    assert dates.resolve("in April 2023", published) == ("2023-04", "month")


def test_casualty_prefilter_keeps_every_hit():
    sentences = [
        "Three soldiers were wounded and at least 12 people were killed.",
        "The death toll rose to 41 on Sunday.",
        "The blast claimed 17 lives and left five people dead.",
        "Gunmen shot dead two guards.",
        "Officials reported 25 casualties after the storm.",
        "The talks ended without agreement.",
    ]
    for s in sentences:
        hits = casualties._hits(s, 0)
        assert bool(hits) == bool(casualties._ANY_CASUALTY_WORD.search(s))
    assert not casualties._hits(sentences[-1], 0)


def test_a_grown_vocabulary_is_dropped_between_batches(monkeypatch):
    """Once the model's vocabulary has taken VOCAB_GROWTH new strings, the Coder loads a
    fresh model before the next batch: the strings of the words it met are gone, and
    the articles code exactly as with no reload."""
    from conftest import make_article

    from tidings import nlp as nlp_module
    from tidings.nlp import Coder

    articles = [make_article(f"The Flumpington{n} council zorbified the Quarnish{n} accord "
                             f"on {n + 1} March, officials said; {n}7{n} people protested.",
                             "2024-03-05T10:00:00Z") for n in range(6)]
    steady = Coder(batch_size=2)
    expected = [d.to_dict() for d in steady.code_many(articles)]
    assert steady.reloads == 0 and "Flumpington5" in steady.nlp.vocab.strings
    monkeypatch.setattr(nlp_module, "VOCAB_GROWTH", 10)
    bounded = Coder(batch_size=2)
    base = len(bounded.nlp.vocab.strings)
    assert [d.to_dict() for d in bounded.code_many(articles)] == expected
    assert bounded.reloads == 2  # before the second and the third batch
    assert "Flumpington1" not in bounded.nlp.vocab.strings
    assert len(bounded.nlp.vocab.strings) - base < len(steady.nlp.vocab.strings) - base
    assert any(d["events"] for d in expected)
