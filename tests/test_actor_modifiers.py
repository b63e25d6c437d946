"""A role word before the head noun names the actor: "rebel forces" are rebels, not the
army they fight; "police units" are the police; "government forces" stay the military."""
from __future__ import annotations

import pytest
from conftest import make_article

# (sentence, trigger, side, sector of that side's actor)
CASES = [
    ("The military has been fighting rebel forces in the north.", "fighting", "target", "REB"),
    ("Police units raided the house of the opposition leader.", "raided", "source", "COP"),
    ("Militia fighters ambushed government forces near the border.", "ambushed", "target",
     "MIL"),
    ("Opposition forces shelled the airport.", "shelled", "source", "OPP"),
    ("The Pope appealed to the warring parties for a ceasefire.", "appealed", "source", "REL"),
    ("Army commandos stormed the hijacked plane.", "stormed", "source", "MIL"),
]


@pytest.mark.parametrize(("text", "trigger", "side", "sector"), CASES,
                         ids=[c[1] for c in CASES])
def test_modifier_role_names_the_actor(coder, text, trigger, side, sector):
    events = coder.code(make_article(text, published="2024-03-14T10:00:00Z")).events
    event = next(e for e in events if e.trigger.text == trigger)
    refs = event.source if side == "source" else event.target
    assert sector in {r.sector for r in refs}, (text, refs)


def test_a_bare_unit_word_is_no_actor(coder):
    """ "The unit" alone names nobody: no actor from a generic group noun."""
    doc = coder.code(make_article("The unit left the base on Monday.",
                                  published="2024-03-14T10:00:00Z"))
    assert not [a for a in doc.actors if a.name.lower() in ("unit", "the unit")]


def test_a_lower_case_word_is_no_country_acronym(coder):
    """ "a car bomb" is no "CAR" (the Central African Republic)."""
    doc = coder.code(make_article(
        "A car bomb went off outside a military checkpoint in Mogadishu, killing five "
        "soldiers.", published="2024-03-14T10:00:00Z"))
    assert all(r.country != "CAF" for e in doc.events for r in (*e.source, *e.target))


def test_an_officer_of_an_international_body_is_that_body(coder):
    doc = coder.code(make_article(
        "The prosecutor of the International Criminal Court opened an investigation into "
        "war crimes in Sudan.", published="2024-03-14T10:00:00Z"))
    event = next(e for e in doc.events if e.type == "ACCUSE")
    assert {r.country for r in event.source} == {"IGO"}
