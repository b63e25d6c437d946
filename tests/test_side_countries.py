"""Countries for sides the text does not place (tidings/extract/events/countries.py)."""
from __future__ import annotations

import pytest
from conftest import make_article


def _codes(coder, text: str) -> list[tuple[str, list, list, list[str]]]:
    doc = coder.code(make_article(text, published="2024-03-14T10:00:00Z"))
    return [(e.type, [r.country for r in e.source], [r.country for r in e.target], e.by)
            for e in doc.events]


@pytest.mark.parametrize("text, etype, country", [
    ("Belarus pardoned 18 political prisoners on Friday.", "CONCEDE", "BLR"),
    ("Chinese leaders freed a Tibetan nun jailed for singing songs.", "RETREAT", "CHN"),
    ("Kenya's anti-corruption body accused a former governor of theft.", "ACCUSE", "KEN"),
    ("Ugandan soldiers beat detained protesters on Monday.", "ASSAULT", "UGA"),
])
def test_people_a_state_deals_with_at_home_are_of_its_country(coder, text, etype, country):
    coded = _codes(coder, text)
    ev = next(e for e in coded if e[0] == etype)
    assert ev[2] == [country] and "one_country_sentence" in ev[3], coded


@pytest.mark.parametrize("text, etype", [
    # an army's or a country's attack on people: wars are fought abroad
    ("US drones killed five people on Tuesday.", "ASSAULT"),
    # the sentence names a second country: who knows whose
    ("Germany sent food to families displaced by the floods, the Polish minister said.",
     "AID"),
    # refugees and migrants are not the host's people
    ("Italy deported 40 migrants on Sunday.", "COERCE"),
])
def test_a_sentence_of_another_country_or_a_war_places_no_one(coder, text, etype):
    coded = _codes(coder, text)
    for e in coded:
        assert "one_country_sentence" not in e[3], coded


@pytest.mark.parametrize("text, etype, target", [
    # the parser makes the object of "at" the subject of a gerund under it
    ("Kenyan police fired tear gas at demonstrators marching against the bill.", "ASSAULT",
     "demonstrators"),
    # ... or the object of "to" the subject of a clause beside it
    (("Peru has granted diplomatic asylum to five Panamanian army officers holed up in a "
      "diplomatic residence."), "AID", "Panamanian"),
])
def test_an_object_parsed_as_a_clause_subject_is_the_target(coder, text, etype, target):
    doc = coder.code(make_article(text, published="2024-03-14T10:00:00Z"))
    ev = next(e for e in doc.events if e.type == etype)
    assert target in [r.text for r in ev.target], ev.target


def test_with_and_a_gerund_is_no_object(coder):
    doc = coder.code(make_article(
        "North and South Korea pulled back from the brink after talks, with Pyongyang "
        "expressing regret for the blasts.", published="2024-03-14T10:00:00Z"))
    for e in doc.events:
        assert "Pyongyang" not in [r.text for r in e.target], (e.type, e.target)


@pytest.mark.parametrize("text, side, country", [
    # the sentence names a second country: only the phrase says where they are from
    ("Protesters in Goma accused Rwanda of backing the rebels.", "source", "COD"),
    ("Residents of Kisumu accused Uganda of stealing their fish.", "source", "KEN"),
])
def test_a_place_in_the_actors_phrase_places_it(coder, text, side, country):
    doc = coder.code(make_article(text, published="2024-03-14T10:00:00Z"))
    ev = next(e for e in doc.events if e.type == "ACCUSE")
    assert [r.country for r in getattr(ev, side)] == [country], ev

