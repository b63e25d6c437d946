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


def test_upper_cased_text_is_restored_like_lower_cased(coder):
    """An archive in capitals codes as its lower-cased copy does: same events, same
    countries, and every offset still points into the text as it came."""
    from conftest import make_article
    text = "IRAN CONDEMNED THE ISRAELI AIRSTRIKES ON SYRIA ON TUESDAY, STATE MEDIA SAID."
    upper = coder.code(make_article(text, published="2024-03-14T10:00:00Z"))
    lower = coder.code(make_article(text.lower(), published="2024-03-14T10:00:00Z"))
    assert [(e.type, e.cameo) for e in upper.events] == \
        [(e.type, e.cameo) for e in lower.events] != []
    assert {r.country for e in upper.events for r in e.source} == {"IRN"}
    for e in upper.events:
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text


def test_a_short_capital_dateline_leaves_the_text_alone():
    from tidings.ontology.casing import needs_case
    assert not needs_case("BEIRUT (Reuters) - Israel struck targets in Lebanon on Monday.")
    assert needs_case("ISRAEL STRUCK TARGETS IN SOUTHERN LEBANON ON MONDAY NIGHT\nText.")


def test_the_case_suite_scores_each_variant(coder):
    from tidings.evaluate.case_variants import score_variants
    from tidings.evaluate.events import GoldActor, GoldEvent, GoldItem
    from tidings.evaluate.suites import SUITES
    gold = GoldEvent(type="ACCUSE", source=(GoldActor("Iran", "IRN"),),
                     target=(GoldActor("Israel", "ISR"),))
    items = [GoldItem(id="c1", text="Iran condemned Israel on Tuesday.",
                      published="2024-03-14", events=(gold,))]
    scores = score_variants(coder, items)
    assert set(scores) == {"as_written", "lower", "upper"}
    assert all(m["type_f1"] == 1.0 for m in scores.values())
    assert "events-case" in SUITES


def test_one_word_towns_are_capitalised_only_where_safe():
    """A town no English word list knows is a name ("meerut"); a known word is one only
    after a locative or before a region word ("in lagos", "of lagos"), never a verb
    form."""
    from tidings.ontology.casing import restore_case
    text = ("police said the firing was in meerut and the lagos nurses struck in lagos. "
            "she showed interest in reading and the sale went on.")
    restored = restore_case(text)
    assert "Meerut" in restored and "in Lagos" in restored and "the lagos nurses" in restored
    assert "in reading" in restored and "the sale" in restored
    assert len(restored) == len(text)


def test_a_town_written_with_accents_is_capitalised_as_written_without():
    """The gazetteer writes "Ghāziābād" and "Sasarām"; lower-cased news writes
    "ghaziabad": the town is found by its letters without accents."""
    text = "cops in ghaziabad shot a criminal and villagers in sasaram pelted stones."
    restored = restore_case(text)
    assert "in Ghaziabad" in restored and "in Sasaram" in restored
    assert len(restored) == len(text)


def test_a_crowd_that_attacks_is_of_the_country_of_its_sentence(coder):
    """"angry villagers pelted stones at a police team ... in sasaram": the crowd and the
    police are local, as unnamed attackers are."""
    doc = coder.code(make_article(
        "angry villagers pelted stones at a police team that went to arrest a liquor "
        "smuggler in sasaram, injuring a sub-inspector."))
    pelt = [e for e in doc.events if e.trigger.text == "pelted"]
    assert pelt and [r.country for r in pelt[0].source] == ["IND"], doc.events


def test_a_match_told_with_the_sport_named_is_no_assault(coder):
    doc = coder.code(make_article("India's cricket team beat Australia by six wickets."))
    assert not [e for e in doc.events if e.type == "ASSAULT"], doc.events


def test_title_case_headlines_are_sentence_cased_and_names_kept():
    assert restore_case("U.S. Lifts Travel Ban to Lebanon.") == \
        "U.S. lifts travel ban to Lebanon."
    head = "Kenyan Police Arrest Opposition Leader In Nairobi\nThe arrest came on Monday."
    assert needs_case(head)
    assert restore_case(head).startswith("Kenyan police arrest opposition leader in Nairobi\n")
    # a sentence, a byline or a name alone is no title-case headline
    for line in ("Israeli warplanes struck Hezbollah positions on Tuesday.", "By John Smith",
                 "Secretary-General Antonio Guterres"):
        assert not needs_case(line), line
    # an abbreviation is no sentence end: the word after it stays as it is
    assert restore_case("the u.s. said it would act.").startswith("The u.s. said")


def test_a_title_case_headline_is_coded(coder):
    doc = coder.code(make_article("Kenya Police Arrest Opposition Leader In Nairobi"))
    arrest = [e for e in doc.events if e.type == "COERCE"]
    assert arrest and arrest[0].source[0].country == "KEN", [(e.type, e.trigger.text)
                                                            for e in doc.events]
    assert arrest[0].trigger.text == "Arrest"  # the article's own text
