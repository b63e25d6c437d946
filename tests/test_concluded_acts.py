"""Acts of the wire, PLV and codebook styles (issue 13, session 8): an agreement concluded is
CAMEO 057 SUPPORT ("reached an agreement", "struck a deal"), as the GSR and PLV code it,
while "agreed to" an act stays an intent (AGREE). Sentences of our own."""
from __future__ import annotations

import pytest
from conftest import assert_trigger_codes
from conftest import events_of as _events

# (sentence, trigger word, type, CAMEO code)
CASES = [
    ("Kenya and Uganda struck a deal on Monday to share the waters of the lake.",
     "struck", "SUPPORT", "057"),
    ("The two governments reached an agreement on border trade.", "reached", "SUPPORT", "057"),
    ("Britain and Japan agreed a trade deal on Friday.", "agreed", "SUPPORT", "057"),
    ("Chile and Peru sealed an accord on fishing rights.", "sealed", "SUPPORT", "057"),
    ("Vietnam and Laos inked a pact on hydropower.", "inked", "SUPPORT", "057"),
    ("Ghana and Togo agreed to reopen their border next month.", "agreed", "AGREE", "0355"),
    # diplomatic protests, cancelled visits, expulsions, threats of force
    ("Hanoi lodged a formal protest with Beijing over the collision.", "lodged", "ACCUSE", "114"),
    # cancelled meetings are REJECT (PLOVER manual, SANCTION's ambiguities; PLV codes so)
    ("Peru called off a summit with Ecuador after the border incident.", "called", "REJECT",
     "125"),
    ("The foreign minister cut short a visit to Riga on Monday.", "cut", "REJECT", "125"),
    ("Mali's junta kicked out the UN human rights representative.", "kicked", "SANCTION", "166"),
    ("The president vowed to crush the armed gangs.", "vowed", "THREATEN", "138"),
    # aid and cooperation told with plain verbs
    ("Kuwait deposited two billion dollars in Egypt's central bank.", "deposited", "AID", "071"),
    ("Spain and France exchanged files on suspected smugglers.", "exchanged", "COOPERATE", "064"),
    ("Greek and Turkish divers worked together to free the trapped ferry.", "worked",
     "COOPERATE", "060"),
    # crowds
    ("Angry depositors rampaged through bank branches in Beirut.", "rampaged", "PROTEST", "145"),
    ("Government helicopters dropped chlorine canisters on the town.", "dropped", "ASSAULT",
     "195"),
    # an official suspended from duty (eval/README.md: SANCTION expel)
    ("Two constables were suspended after the video surfaced.", "suspended", "SANCTION", "160"),
]


@pytest.mark.parametrize(("text", "trigger", "etype", "cameo"), CASES,
                         ids=[f"{c[1]}-{c[2]}" for c in CASES])
def test_the_trigger_codes_its_act(coder, text, trigger, etype, cameo):
    assert_trigger_codes(_events(coder, text), text, trigger, etype, cameo)


def test_striking_a_deal_is_no_attack(coder):
    events = _events(coder, "The unions struck a deal with the ministry after a night of talks.")
    assert "ASSAULT" not in {e.type for e in events}


def test_a_rebuke_drawn_is_the_drawer_s_target(coder):
    events = _events(coder, "Kyiv's decision drew a sharp rebuke from Hungary on Monday.")
    rebuke = next(e for e in events if e.trigger.text == "rebuke")
    assert rebuke.type == "ACCUSE" and "appeal_from" in rebuke.by
    assert [s.country for s in rebuke.source] == ["HUN"]
    assert [t.country for t in rebuke.target] == ["UKR"]


def test_a_mob_that_sets_vehicles_on_fire_riots(coder):
    events = _events(coder, "A mob set two police jeeps on fire near the market.")
    assert [(e.type, e.cameo) for e in events] == [("PROTEST", "145")]


def test_a_subject_parsed_as_an_apposition_of_the_opening_phrase_is_the_subject(coder):
    events = _events(coder, "After a week of shelling along the disputed border, Armenia and "
                            "Azerbaijan held talks in Almaty on Thursday.")
    talks = next(e for e in events if e.type == "CONSULT")
    assert {s.country for s in talks.source} == {"ARM", "AZE"}


def test_a_grant_given_with_a_verb_is_the_subject_s_aid(coder):
    events = _events(coder, "Germany reinforced its commitment to refugees with a contribution "
                            "of 56 million euros.")
    assert [(e.type, [s.country for s in e.source]) for e in events] == [("AID", ["DEU"])]


def test_calling_for_sanctions_against_someone_is_disapproval_of_them(coder):
    events = _events(coder, "The archbishop called for sanctions against Nigeria on Sunday.")
    call = next(e for e in events if e.trigger.text == "called")
    assert (call.type, call.cameo) == ("ACCUSE", "111") and "punishment_asked" in call.by
    assert [t.country for t in call.target] == ["NGA"]
