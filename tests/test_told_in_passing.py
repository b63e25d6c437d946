"""Acts told inside other acts, the other side a phrase or an object names, protests
drawn from governments and refusals said in the future (issue 13, session 20).
Sentences of our own."""
from __future__ import annotations

import pytest
from conftest import events_of


def _of(events, etype):
    return [e for e in events if e.type == etype]


def _countries(refs):
    return {r.country for r in refs}


@pytest.mark.parametrize("text", [
    "Manila signed a fishing pact with Beijing, a step Hanoi called a betrayal of the region.",
    "Quito expelled the envoy, a move Caracas's foreign ministry called an outrage.",
])
def test_what_a_relative_clause_calls_a_thing_judges_it(coder, text):
    called = [e.type for e in events_of(coder, text) if e.trigger.text == "called"]
    assert called == ["ACCUSE"], called


def test_calling_a_thing_mass_violence_judges_it(coder):
    events = events_of(coder, "The UN envoy called the shelling of the camps a massacre.")
    assert _of(events, "ACCUSE"), [(e.type, e.trigger.text) for e in events]


def test_a_diplomat_called_in_is_the_target(coder):
    events = events_of(coder, "Poland called in the Belarusian ambassador on Friday.")
    accuse = _of(events, "ACCUSE")
    assert accuse and accuse[0].cameo == "114"
    assert _countries(accuse[0].target) == {"BLR"}


def test_people_a_border_is_opened_to_are_the_target(coder):
    events = events_of(coder, "Uganda opened its borders to thousands of Congolese villagers.")
    aid = _of(events, "AID")
    assert aid and _countries(aid[0].target) == {"COD"}


@pytest.mark.parametrize(("text", "cameo"), [
    ("Washington reimposed sanctions on Caracas's oil sector.", "163"),
    ("Brussels cut off budget support to the junta in Bamako.", "161"),
])
def test_sanctions_reimposed_and_support_cut(coder, text, cameo):
    events = events_of(coder, text)
    sanction = _of(events, "SANCTION")
    assert sanction and sanction[0].cameo == cameo, [(e.type, e.cameo) for e in events]


def test_strikes_answered_were_done(coder):
    events = events_of(coder, "Syria vowed to retaliate for Turkey's drone strikes on its bases.")
    assault = _of(events, "ASSAULT")
    assert assault and _countries(assault[0].source) == {"TUR"}


def test_a_planned_offensive_is_still_not_done(coder):
    events = events_of(coder, "Moscow vowed to answer Kyiv's planned offensive in the south.")
    assert not _of(events, "ASSAULT")


def test_an_attack_the_people_named_carried_out(coder):
    events = events_of(coder, "Delhi accused Islamabad of harbouring the gunmen who "
                              "carried out an attack on Indian pilgrims.")
    assault = _of(events, "ASSAULT")
    assert assault and _countries(assault[0].target) == {"IND"}


def test_what_a_blast_did_is_the_blast(coder):
    events = events_of(coder, "Seoul expressed regret over the blast that destroyed a "
                              "northern guard post.")
    assert not _of(events, "ASSAULT")


@pytest.mark.parametrize(("text", "thing"), [
    ("Gunmen ambushed a bus near Maiduguri on Tuesday.", "bus"),
    ("Settlers torched an olive grove outside Hebron.", "grove"),
    ("Militiamen burned down a warehouse outside Bunia.", "warehouse"),
])
def test_a_thing_attacked_is_the_target_where_it_stood(coder, text, thing):
    assault = _of(events_of(coder, text), "ASSAULT")
    assert assault and assault[0].target, [(e.type, e.target) for e in events_of(coder, text)]
    assert assault[0].target[0].text.endswith(thing) and assault[0].target[0].country


def test_unnamed_agents_are_the_source(coder):
    assault = _of(events_of(coder, "Security agents beat two student leaders in Harare."),
                  "ASSAULT")
    assert assault and [r.text for r in assault[0].source] == ["Security agents"]


@pytest.mark.parametrize(("text", "thing"), [
    ("Truckers blocked the main highway near Santiago for a week.", "highway"),
    ("Students occupied the rector's offices at the university in Dhaka.", "offices"),
])
def test_what_protesters_block_or_seize_is_the_target(coder, text, thing):
    protest = _of(events_of(coder, text), "PROTEST")
    assert protest and protest[0].target, [(e.type, e.target) for e in events_of(coder, text)]
    assert protest[0].target[0].text.endswith(thing) and protest[0].target[0].country


@pytest.mark.parametrize(("text", "target"), [
    ("Bolivia's president rejected an invitation to meet Chile's foreign minister.", "CHL"),
    ("Congo's President Felix Tshisekedi defied his party's ultimatum to resign.", "COD"),
])
def test_what_is_rejected_names_the_other_side(coder, text, target):
    events = events_of(coder, text)
    reject = _of(events, "REJECT")
    assert reject and target in _countries(reject[0].target), [(e.type, e.target)
                                                               for e in events]


def test_a_protest_drawn_from_a_government_is_an_official_complaint(coder):
    accuse = _of(events_of(coder, "The ruling drew a formal protest from Seoul."), "ACCUSE")
    assert accuse and accuse[0].cameo == "114" and _countries(accuse[0].source) == {"KOR"}
    crowd = events_of(coder, "The law drew protests from thousands of students in Dhaka.")
    assert not _of(crowd, "ACCUSE")


@pytest.mark.parametrize("text", [
    "Hanoi said it would not attend the regional summit in Phnom Penh.",
    "Ankara said it would not reopen the border crossing with Armenia.",
    "Oslo said it would not renew the fishing agreement with Moscow.",
])
def test_what_one_says_one_will_not_do_together_is_a_rejection(coder, text):
    types = [e.type for e in events_of(coder, text)]
    assert "REJECT" in types and not {"CONSULT", "RETREAT", "AGREE"} & set(types), types
