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


@pytest.mark.parametrize("text", [
    "Moscow called it a dangerous escalation.",
    "Warsaw called the blasts an act of sabotage.",
    "The union called the arrests an attack on free speech.",
    "Baku called the shelling an act of aggression.",
    "Kyiv called the convoy a direct invasion.",
    "The envoy called the coup a serious blow to democracy.",
])
def test_calling_it_something_bad_is_criticism(coder, text):
    assert "ACCUSE" in {e.type for e in _events(coder, text)}, text


@pytest.mark.parametrize("text", [
    "Jets pounded what the army called militant depots near the border.",
    "Tokyo called it an unprecedented step.",
    ("The navy shot down the drones, the ministry said, calling it the largest attack yet "
     "by the group."),
])
def test_naming_a_thing_is_neither_a_call_nor_a_judgement(coder, text):
    types = {e.type for e in _events(coder, text) if e.trigger.text.startswith("call")}
    assert not types, (text, types)


def test_killed_in_a_shoot_out_with_the_police_is_killed_by_them(coder):
    evs = _events(coder, "A robber was killed in a shoot-out with the police on a busy road "
                         "in Bengaluru on Thursday.")
    ev = next(e for e in evs if e.trigger.text == "killed")
    assert [s.sector for s in ev.source] == ["COP"]
    assert "COP" not in {t.sector for t in ev.target}


def test_force_by_another_doer_beside_a_riot_is_its_own_act(coder):
    # "rioted, setting fire to mattresses": how the riot went
    events = _events(coder, "Prisoners rioted at the jail in Kaduna, setting fire to "
                            "mattresses.")
    assert [e.type for e in events] == ["PROTEST"], [(e.type, e.trigger.text) for e in events]
    # but the police's shooting beside it has a doer of its own
    events = _events(coder, "Protesters stormed the parliament building in Nairobi and set "
                            "part of it alight, and police shot dead several demonstrators.")
    shot = [e for e in events if e.type == "ASSAULT" and e.trigger.text == "shot"]
    assert shot and shot[0].source[0].text == "police", [(e.type, e.trigger.text) for e in events]


@pytest.mark.parametrize(("text", "trigger"), [
    ("A crowd of rioters beat to death two shopkeepers in Kaduna.", "beat"),
    ("Protesters hacked to death dozens of villagers near Bunia.", "hacked"),
    ("Three traders were lynched by a mob of demonstrators outside the market.", "lynched"),
])
def test_a_killing_by_rioters_is_an_assault_not_a_riot(coder, text, trigger):
    events = {e.trigger.text: e.type for e in _events(coder, text)}
    assert events.get(trigger) == "ASSAULT", events
    # their fires and stones are the riot
    events = _events(coder, "Protesters torched police vehicles in Nairobi.")
    assert [e.type for e in events] == ["PROTEST"]
