"""Places in lower-cased text and names shared by places far apart (issue 13, session
20). Sentences of our own."""
from __future__ import annotations

from conftest import make_article

from tidings.ontology.casing import restore_case


def test_a_town_after_of_is_capitalised():
    assert "police of Hyderabad" in restore_case("the cyber police of hyderabad arrested two men.")


def test_a_common_word_that_names_a_region_stays_a_word():
    text = "villagers fled into the forest near the delta."
    assert restore_case(text) == "Villagers fled into the forest near the delta."


def test_an_irregular_verb_form_is_no_town():
    text = "a trader was shot by bike-borne assailants in begusarai."
    assert "bike-borne" in restore_case(text) and "Begusarai" in restore_case(text)


def test_a_city_outranks_a_smaller_region_of_its_name_elsewhere(coder):
    doc = coder.code(make_article("Students marched in Paris against the war in Gaza.",
                                  published="2024-04-30T09:00:00Z"))
    assert {p.name: p.country for p in doc.places}.get("Gaza") == "PSE"


def test_brussels_acting_is_the_european_union_and_stays_a_belgian_place(coder):
    doc = coder.code(make_article("Brussels threatened to suspend budget support to Bamako. "
                                  "Farmers blocked roads in Brussels.",
                                  published="2024-04-30T09:00:00Z"))
    threat = next(e for e in doc.events if e.type == "THREATEN")
    assert [r.country for r in threat.source] == ["IGO"]
    assert {p.name: p.country for p in doc.places}.get("Brussels") == "BEL"


def test_a_company_named_like_a_region_is_no_place(coder):
    doc = coder.code(make_article("Myanmar refugees sued Meta in a California court.",
                                  published="2024-04-30T09:00:00Z"))
    assert "Meta" not in {p.name for p in doc.places}
    doc = coder.code(make_article("On 4 October 2020, Armenian forces shelled Ganja "
                                  "(Ganja-Gazakh), damaging homes.",
                                  published="2020-10-05T09:00:00Z"))
    assert {p.name: p.country for p in doc.places}.get("Ganja") == "AZE"
