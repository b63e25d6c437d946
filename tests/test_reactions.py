"""Reactions aimed at the doer of an act the sentence told before them ("... and Moscow
called it a betrayal"; issue 13, session 12: on the dev splits most right-typed events
with a wrong dyad had no target). Sentences of our own."""
from __future__ import annotations

import pytest
from conftest import events_of as _events

from tidings.extract.event_rules import switched_off


def _one(events, etype: str, trigger: str):
    found = [e for e in events if e.type == etype and e.trigger.text == trigger]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events]
    return found[0]


@pytest.mark.parametrize(("text", "etype", "trigger", "doer"), [
    (("Chadian jets bombed a rebel column near the border, and Khartoum called it an act of "
     "war."), "ACCUSE", "called", "TCD"),
    (("Egyptian troops stormed a militant hideout in Sinai, and Amnesty International "
     "called for an inquiry into the raid."), "REQUEST", "called", "EGY"),
    ("Belgrade expelled the Croatian ambassador on Monday, and Zagreb denounced the move.",
     "ACCUSE", "denounced", "SRB"),
    (("Kenyan police shot three protesters in Kisumu, and the opposition condemned the "
     "killing."), "ACCUSE", "condemned", "KEN"),
    ("Santiago lifted its ban on Bolivian trucks, a step the Bolivian government welcomed.",
     "SUPPORT", "welcomed", "CHL"),
])
def test_a_reaction_is_aimed_at_the_doer_of_the_act_before_it(coder, text, etype, trigger,
                                                                 doer):
    event = _one(_events(coder, text), etype, trigger)
    assert doer in {r.country for r in event.target}, [(r.text, r.country) for r in event.target]
    assert "reaction_to_act" in event.by


def test_force_noun_skips_a_later_act_that_is_no_force(coder):
    text = ("Ugandan troops shelled rebel camps in Ituri, Kampala recalled its envoy from "
            "Kinshasa, and the Congolese government condemned the attack.")
    event = _one(_events(coder, text), "ACCUSE", "condemned")
    assert "UGA" in {r.country for r in event.target}


@pytest.mark.parametrize("text", [
    # the reaction names its own target: nothing to add
    "Iraqi forces shelled a village near Kirkuk, and Ankara condemned Baghdad for the attack.",
    # no act told before it: the criticism has no target to borrow
    "The Canadian foreign minister condemned the attack on the embassy in Kabul.",
    # the reacting side's own act is not the one it reacts to
    "Lithuania expelled two Russian diplomats and called the move necessary.",
])
def test_no_borrowed_target_where_the_sentence_gives_none(coder, text):
    events = _events(coder, text)
    assert all("reaction_to_act" not in e.by for e in events), \
        [(e.type, e.trigger.text, e.by) for e in events]


def test_the_rule_can_be_switched_off(coder):
    with switched_off("reaction_to_act"):
        events = _events(coder, "Chadian jets bombed a rebel column near the border, and "
                                "Khartoum called it an act of war.")
    assert all("reaction_to_act" not in e.by for e in events)


@pytest.mark.parametrize(("text", "etype", "trigger", "doer"), [
    # a refusal of a request, an offer turned down
    (("The EU pressed Minsk to free the jailed reporters, but Belarus turned the request "
     "down."), "REJECT", "turned", "IGO"),
    # a threat of an answer to the act told
    ("Oslo expelled three Russian diplomats, and Moscow warned of a response in kind.",
     "THREATEN", "warned", "NOR"),
    # the subject of what a warning says
    (("Canberra refused to renew the Chinese firm's port lease, and Beijing warned that the "
     "decision would be a mistake."), "THREATEN", "warned", "AUS"),
])
def test_refusals_and_threats_answer_the_act_before_them(coder, text, etype, trigger, doer):
    event = _one(_events(coder, text), etype, trigger)
    assert doer in {r.country for r in event.target}, [(r.text, r.country) for r in event.target]


@pytest.mark.parametrize(("text", "etype", "trigger", "other"), [
    ("The Kyrgyz parliament refused to let German transport planes use the air base.",
     "REJECT", "refused", "DEU"),
    ("Hanoi agreed to let Chinese inspectors visit the plant next month.", "AGREE", "agreed",
     "CHN"),
    ("Tripoli said it would allow UN inspectors to visit two chemical plants.", "AGREE",
     "allow", "IGO"),
])
def test_whoever_is_let_act_is_the_other_side(coder, text, etype, trigger, other):
    event = _one(_events(coder, text), etype, trigger)
    assert other in {r.country for r in event.target}, [(r.text, r.country) for r in event.target]
    assert "permitted_party" in event.by


@pytest.mark.parametrize("text", [
    "Kyiv and Moscow accused each other of shelling the nuclear plant.",
    "Kyrgyzstan and Tajikistan each accused the other of opening fire on its villages.",
])
def test_sides_acting_on_each_other_are_each_others_targets(coder, text):
    event = _one(_events(coder, text), "ACCUSE", "accused")
    assert {r.country for r in event.target} == {r.country for r in event.source}
    assert len(event.source) == 2 and "reciprocal_sides" in event.by


def test_them_stands_for_the_actors_before_it_not_for_things(coder):
    # the nearest plural object ("funds") names no actor: the generals do
    text = ("Guinea's generals, who seized power on Monday, charged the ousted president's "
            "chief of staff with embezzling state funds, and ECOWAS called on them to free him.")
    event = _one(_events(coder, text), "REQUEST", "called")
    assert [r.country for r in event.target] == ["GIN"], [(r.text, r.country) for r in event.target]


@pytest.mark.parametrize(("text", "doer"), [
    # an agentless killing beside the clause of the attack that did it
    (("Ten Somali soldiers were killed when al-Shabaab fighters overran a base in Middle "
     "Shabelle on Monday."), "SOM"),
    ("Three civilians were killed when Russian troops shelled the village.", "RUS"),
    # the weapon's "fired from" names who fired it
    ("A Hamas commander was killed by missiles fired from an Israeli helicopter gunship.",
     "ISR"),
])
def test_the_doer_of_an_agentless_killing_is_read_beside_it(coder, text, doer):
    killed = _one(_events(coder, text), "ASSAULT", "killed")
    assert doer in {r.country for r in killed.source}, [(r.text, r.country) for r in killed.source]


@pytest.mark.parametrize(("text", "etype", "trigger", "doer"), [
    (("Ethiopia accused Eritrea of sheltering the kidnappers. Eritrea rejected the "
     "accusation as baseless."), "REJECT", "rejected", "ETH"),
    (("Washington and Berlin called for the release of the activist. Russia's foreign "
     "ministry rejected the calls as interference."), "REJECT", "rejected", "USA"),
])
def test_a_reaction_answers_the_act_named_in_the_sentences_before(coder, text, etype,
                                                                   trigger, doer):
    event = _one(_events(coder, text), etype, trigger)
    assert doer in {r.country for r in event.target}, [(r.text, r.country) for r in event.target]
    assert "reaction_across_sentences" in event.by


def test_a_pronoun_does_not_reach_across_sentences(coder):
    # "it" may stand for an actor: only a noun that names an act reaches back
    events = _events(coder, "Ethiopia accused Eritrea of sheltering the kidnappers. Kenya "
                            "condemned it on Monday.")
    assert all("reaction_across_sentences" not in e.by for e in events)


def test_a_second_act_of_the_same_doers_shares_the_first_acts_target(coder):
    events = _events(coder, "Kenyan police detained 40 opposition supporters in Kisumu and "
                            "used water cannon to push them back.")
    used = _one(events, "ASSAULT", "used")
    assert [r.text for r in used.target] == ["40 opposition supporters"]
    assert "shared_target" in used.by


def test_a_second_act_of_other_doers_keeps_its_own_sides(coder):
    events = _events(coder, "Russian jets bombed the town, and Turkey called for restraint.")
    called = _one(events, "REQUEST", "called")
    assert "shared_target" not in called.by
