"""Lower-cased text gets its capitals back before parsing (tidings/ontology/casing.py),
and the coded document still speaks of the article as it came."""
from __future__ import annotations

from conftest import make_article

from tidings.ontology.casing import needs_case, restore_case

LOWER = ("israeli warplanes struck hezbollah positions near the lebanese border on "
         "tuesday. the un secretary-general urged both sides to show restraint.")


def test_restored_copy_has_the_same_letters_and_length():
    restored = restore_case(LOWER)
    assert len(restored) == len(LOWER) and restored.lower() == LOWER
    assert restored.startswith("Israeli warplanes struck Hezbollah")
    assert "Tuesday. The UN" in restored


def test_only_lower_cased_text_is_restored():
    assert needs_case(LOWER)
    assert not needs_case("Israeli warplanes struck Hezbollah positions on Tuesday.")
    assert not needs_case("ok")


def test_common_words_that_are_also_names_stay_words():
    assert restore_case("they told us who may come.") == "They told us who may come."


def test_lower_cased_article_codes_its_actors_and_keeps_its_text(coder):
    article = make_article(LOWER, published="2024-03-14T10:00:00Z")
    doc = coder.code(article)
    assert doc.article.text == LOWER
    assault = next(e for e in doc.events if e.type == "ASSAULT")
    assert {r.country for r in assault.source} == {"ISR"}
    assert {r.country for r in assault.target} == {"LBN"}
    for e in doc.events:
        for m in (e.sentence, e.trigger):
            assert m.text == LOWER[m.start:m.end]
        for ref in e.source + e.target:
            assert ref.text in LOWER
    for actor in doc.actors:
        for m in actor.mentions:
            assert m.text == LOWER[m.start:m.end]
