"""Words and money that "target" or "hit" no one by force, verbal attacks on several
things at once, and stoppages for pay (issue 13, session 11). Sentences of our own."""
from __future__ import annotations

import pytest
from conftest import events_of as _events


@pytest.mark.parametrize("text", [
    "The new tax rule targets foreign firms that shift profits abroad.",
    "The ambassador posted a string of messages targeting Swedish journalists.",
    "Police broke up a ring running scams targeting pensioners.",
    "Venezuela's oil revenue was hit by sanctions last year.",
    "Fresh tariffs hit Canadian lumber exports in March.",
])
def test_a_law_a_post_or_sanctions_assault_no_one(coder, text):
    assert "ASSAULT" not in {e.type for e in _events(coder, text)}, text


@pytest.mark.parametrize("text", [
    "Gunmen targeted a police patrol near Quetta on Sunday.",
    "Insurgents hit an army outpost with rockets overnight.",
    "Fighter jets targeted rebel depots outside Sanaa.",
])
def test_people_who_target_or_hit_still_assault(coder, text):
    assert "ASSAULT" in {e.type for e in _events(coder, text)}, text


def test_a_verbal_attack_on_a_person_and_a_law_is_criticism(coder):
    events = _events(coder, "The opposition bloc led the attacks on Ms Keller and her "
                            "pension law in parliament.")
    assert "ACCUSE" in {e.type for e in events}
    assert "ASSAULT" not in {e.type for e in events}


@pytest.mark.parametrize("text", [
    "About 900 contract workers stopped work in a strike for higher wages on Monday.",
    "Dock workers downed tools in a strike over unpaid salaries.",
])
def test_a_stoppage_for_pay_is_a_protest(coder, text):
    types = {e.type for e in _events(coder, text)}
    assert "PROTEST" in types and "ASSAULT" not in types, (text, types)


def test_a_strike_for_a_second_night_is_still_an_air_strike(coder):
    types = {e.type for e in _events(coder, "Israel launched a strike for the second "
                                            "night on targets in Gaza.")}
    assert "ASSAULT" in types and "PROTEST" not in types
