"""The speed-ups on the coding path give exactly what the slower code gave."""
from __future__ import annotations

import pytest
import spacy
from conftest import make_article
from spacy.pipeline import AttributeRuler

from tidings.extract import casualties, dates
from tidings.nlp import MODEL_NAME, FastAttributeRuler, forget_transient

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


# -- memory zones: what a batch adds to the vocabulary is freed after it ---------------
ODD = ("The Flumpington council zorbified the Quarnish accord on 4 March 1893, "
       "officials said, and the Vexlanders denounced it.")


def test_a_memory_zone_frees_new_words_and_leaves_the_caches_valid(coder):
    """Words first seen inside a zone (and their lemmas) leave the string store with
    it; the fast pipes forget what they cached for them, so the same text parsed
    again later gets the same annotations instead of pointing at freed strings."""
    nlp = coder.nlp
    strings = nlp.vocab.strings
    assert "zorbified" not in strings and "zorbifie" not in strings
    before = len(strings)
    with nlp.memory_zone():
        doc = nlp(ODD)
        expected = [(t.text, t.lemma_, t.tag_, t.pos_, t.dep_) for t in doc]
        assert "zorbifie" in [t.lemma_ for t in doc]
    forget_transient(nlp)
    assert "zorbified" not in strings and "zorbifie" not in strings
    assert len(strings) == before
    with nlp.memory_zone():  # the word again, in a later zone
        assert [(t.text, t.lemma_, t.tag_, t.pos_, t.dep_) for t in nlp(ODD)] == expected
    forget_transient(nlp)
    assert len(strings) == before


def test_coding_in_batches_does_not_grow_the_vocabulary(coder):
    """Coder.code_many codes each batch inside a memory zone: articles full of new
    words leave the string store as it was, and code the same each time."""
    articles = [make_article(ODD.replace("1893", str(1893 + n)) + f" Report {n}77{n}.",
                             "2024-03-05T10:00:00Z") for n in range(3)]
    strings = coder.nlp.vocab.strings
    first = [d.to_dict() for d in coder.code_many(articles)]
    size = len(strings)
    again = [d.to_dict() for d in coder.code_many(articles)]
    assert again == first and len(strings) == size
    assert "Flumpington" not in strings and any(d["events"] for d in first)
