"""Acts whose sufferer is the clause's subject ("came under fire from X", "were subjected
to torture by X", "remained under house arrest"), refusals told as a negated future,
hand-overs of power, places taken by name, split particles, and the police units and
forces the police splits name (issue 13, session 10). Sentences of our own."""
from __future__ import annotations

import pytest
from conftest import assert_trigger_codes
from conftest import events_of as _events


def _one(coder, text, trigger):
    on = [e for e in _events(coder, text) if e.trigger.text.startswith(trigger)]
    assert on, f"no event on {trigger!r}: {text}"
    return on[0]


def test_the_subject_of_came_under_fire_is_the_target(coder):
    ev = _one(coder, "The Georgian convoy came under fire from Ossetian militiamen on Friday.",
              "came")
    assert ev.type == "ASSAULT"
    assert [s.text for s in ev.source] == ["Ossetian militiamen"]
    assert ev.target and ev.target[0].country == "GEO"


def test_an_attack_no_one_is_named_for_keeps_its_target(coder):
    ev = _one(coder, "Mali's army came under attack near Gao on Thursday.", "came")
    assert ev.type == "ASSAULT" and not ev.source
    assert ev.target and ev.target[0].country == "MLI"


def test_subjected_to_torture_by_is_the_agents_assault(coder):
    ev = _one(coder, "The prisoners were subjected to torture by jail guards, the report said.",
              "subjected")
    assert (ev.type, ev.cameo) == ("ASSAULT", "182")
    assert [s.text for s in ev.source] == ["jail guards"]
    assert [t.text for t in ev.target] == ["The prisoners"]


def test_who_remains_under_house_arrest_is_the_one_held(coder):
    ev = _one(coder, "The former president remained under house arrest in Niamey.", "remained")
    assert ev.type == "COERCE"
    assert not ev.source
    assert [t.text for t in ev.target] == ["president"]


@pytest.mark.parametrize("text,trigger,etype,cameo", [
    ("Separatist leaders called a strike across the valley on Monday.", "called",
     "PROTEST", "143"),
    ("The king handed power to an interim council on Sunday.", "handed", "CONCEDE", "0831"),
    ("The occupying powers transferred sovereignty to the new cabinet.", "transferred",
     "CONCEDE", "0831"),
    ("Government troops crushed the mutiny within hours.", "crushed", "ASSAULT", "175"),
    ("Baku suspended military contacts with Yerevan.", "suspended", "SANCTION", "164"),
    ("The insurgents captured Ramadi after a week of fighting.", "captured", "ASSAULT", "192"),
    ("The government pulled its monitors out of the disputed district.", "pulled",
     "SANCTION", "166"),
    ("Moscow pulled its marines out of Tartus.", "pulled", "RETREAT", "0874"),
    ("The rebels handed the two pilots back to Ankara.", "handed", "RETREAT", "084"),
    ("Oslo withdrew its ambassador after the trial.", "withdrew", "SANCTION", "161"),
    ("The junta ordered the French troops to leave the country.", "ordered", "SANCTION",
     "166"),
    ("The two premiers initialled the border treaty in Geneva.", "initialled", "SUPPORT",
     "057"),
    ("Seoul said it would not back the proposed embargo.", "back", "REJECT", "120"),
    ("The militia said it would never hand over the captured pilot.", "hand", "REJECT",
     "120"),
    ("The navy blasted the fishing boats with water cannon.", "blasted", "ASSAULT", "175"),
    ("Tehran's envoy called the resolution worthless.", "called", "ACCUSE", "111"),
    ("Junta leaders proclaimed martial law in the north.", "proclaimed", "COERCE", "1724"),
    ("Martial law was ended by the new civilian cabinet.", "ended", "CONCEDE", "081"),
    ("The cabinet dropped its plan to raise fuel prices after a week of riots.", "dropped",
     "CONCEDE", "080"),
    ("The army gave back the seized fishing nets to the villagers.", "gave", "RETREAT",
     "084"),
    ("Budget support for Chad was frozen by the World Bank.", "frozen", "SANCTION", "163"),
    ("Sweden stopped arms exports to Turkey after the incursion.", "stopped", "SANCTION",
     "162"),
    ("Bamako ordered the UN observers out of the northern region.", "ordered", "SANCTION",
     "166"),
    ("Militias drove thousands of villagers out of the valley.", "drove", "ASSAULT", "201"),
    ("Riot police drove the demonstrators back towards the bridge.", "drove", "ASSAULT", "175"),
    ("The forced expulsion of the Uzbek minority by Kyrgyz troops emptied the town.",
     "expulsion", "ASSAULT", "201"),
    ("A roadside bomb exploded near a checkpoint in Kandahar.", "exploded", "ASSAULT", "183"),
    ("The Thai premier phoned his Cambodian counterpart to convey Bangkok's support.",
     "convey", "SUPPORT", "051"),
    ("Fiji reaffirmed its commitment to the Pacific security pact.", "reaffirmed", "SUPPORT",
     "051"),
    ("The navies of India and France held joint war games off Goa.", "held", "COOPERATE",
     "062"),
])
def test_the_trigger_codes_its_act(coder, text, trigger, etype, cameo):
    assert_trigger_codes(_events(coder, text), text, trigger, etype, cameo)


@pytest.mark.parametrize("text", [
    "Gambia took Myanmar to the World Court over the killings.",
    "Rescue workers pulled two survivors out of the rubble.",
])
def test_look_alikes_take_no_place_and_withdraw_nothing(coder, text):
    assert not {(e.type, e.cameo) for e in _events(coder, text)} & {
        ("ASSAULT", "192"), ("RETREAT", "0874")}


@pytest.mark.parametrize("text,unit", [
    ("two cadres were killed in an exchange of fire with the greyhounds near the dam.",
     "greyhounds"),
    ("a bsf jawan fired at the smugglers near the border outpost.", "bsf"),
    ("a home guard hit the hawker with a stick at the fair.", "home guard"),
])
def test_police_units_are_police(coder, text, unit):
    events = _events(coder, text)
    assert any(s.sector == "COP" and unit in s.text.lower() for e in events for s in e.source), \
        [(e.type, [(s.text, s.sector) for s in e.source]) for e in events]


def test_returned_fire_is_the_replying_side_firing(coder):
    ev = _one(coder, "Border guards returned fire after smugglers shot at the outpost.", "returned")
    assert (ev.type, ev.cameo) == ("ASSAULT", "193")
    assert [s.text for s in ev.source] == ["Border guards"]


def test_reinforcements_belong_to_the_force_named_before(coder):
    events = _events(coder, "the police reached the square at noon. reinforcements arrived "
                            "later and resorted to a lathi-charge to disperse the crowd.")
    charge = [e for e in events if e.cameo == "175"]
    assert charge and charge[0].source[0].sector == "COP"


def test_a_relative_of_a_policeman_is_not_the_police(coder):
    events = _events(coder, "A shopkeeper was shot dead by the son of a sub-inspector in a "
                            "quarrel on Monday.")
    assert not any(s.sector == "COP" for e in events for s in e.source)


def test_a_quoted_refusal_is_the_speakers(coder):
    ev = _one(coder, '"We will not accept lessons from anyone," Erdogan said on Tuesday.',
              "accept")
    assert ev.type == "REJECT"
    assert ev.source and ev.source[0].actor is not None  # the speaker, not "we" as text


def test_who_survives_an_attempt_on_his_life_is_its_target(coder):
    ev = _one(coder, "The Haitian senator survived an assassination attempt in Jacmel.",
              "survived")
    assert ev.type == "ASSAULT" and not ev.source
    assert any(t.text == "Haitian senator" for t in ev.target)


def test_in_protest_hung_on_a_noun_is_the_verbs_protest(coder):
    ev = _one(coder, "Dairy farmers blocked the bridge with their trucks in protest at the "
                     "new milk prices.", "blocked")
    assert ev.type == "PROTEST"


def test_the_act_answered_in_retaliation_happened(coder):
    events = _events(coder, "Jets struck a militia depot in retaliation for the shelling of "
                            "a border town.")
    assert any(e.trigger.text == "shelling" and e.type == "ASSAULT" for e in events)


def test_the_wounded_of_a_toll_are_no_act_of_their_own(coder):
    events = _events(coder, "Gunmen attacked a checkpoint near Kirkuk on Monday. Three "
                            "policemen were killed and five injured.")
    assert [e.type for e in events] == ["ASSAULT"]


def test_naming_a_strike_an_aggression_is_no_strike_called(coder):
    events = _events(coder, "The Kremlin called the strike an act of aggression.")
    assert not any(e.type == "PROTEST" for e in events)


def test_visiting_no_one_is_no_visit(coder):
    events = _events(coder, "The local MLA and the corporator visited the area on Sunday and "
                            "appealed for calm.")
    assert [e.type for e in events] == ["REQUEST"]


def test_the_possessor_of_a_killing_is_its_victim(coder):
    events = _events(coder, "Two gunmen were arrested for the journalist's killing, "
                            "police said.")
    assert not any(e.type == "ASSAULT" and any(s.text == "journalist" for s in e.source)
                   for e in events)
