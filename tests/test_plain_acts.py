"""Acts told with plain verbs and their complements (issue 13, session 7): verdicts
("found X guilty"), releases ("let X free", "returned X to Y"), disputes of another's
word ("refuted the claims"), legal action, complaints, and the hyphenated "cease-fire".
Sentences of our own."""
from __future__ import annotations

import pytest
from conftest import assert_trigger_codes
from conftest import events_of as _events

# (sentence, trigger word, type, CAMEO code)
CASES = [
    ("A Cairo court found three journalists guilty of spreading false news.",
     "found", "SANCTION", "116"),
    ("Ethiopia let free 74 opposition leaders on Tuesday.", "let", "RETREAT", "084"),
    ("The militia let the hostages go after a week.", "let", "RETREAT", "084"),
    ("Germany returned the looted statues to Nigeria.", "returned", "RETREAT", "084"),
    ("The government disputed the findings of the UN report.", "disputed", "ACCUSE", "111"),
    ("Pretoria refuted the American president's remarks on land reform.",
     "refuted", "ACCUSE", "111"),
    ("Two ministers challenged the court's ruling on the border.",
     "challenged", "ACCUSE", "111"),
    ("UN officials complained that Damascus blocked their convoys.",
     "complained", "ACCUSE", "114"),
    ("The European Commission launched legal action against Hungary over the media law.",
     "launched", "ACCUSE", "115"),
    ("Kyiv announced a three-day cease-fire with the separatists.",
     "announced", "CONCEDE", "0871"),
    # refusals by a court or a government
    ("The state government denied permission to the opposition's march.",
     "denied", "REJECT", "120"),
    ("The Supreme Court dismissed the petition filed by the former governor.",
     "dismissed", "REJECT", "120"),
    ("The High Court quashed the detention orders passed by the police commissioner.",
     "quashed", "REJECT", "120"),
    # idioms reporters use for codebook acts
    ("Nurses at the state hospitals downed tools over unpaid allowances.",
     "downed", "PROTEST", "143"),
    ("The jailed activist refused food for three weeks.", "refused", "PROTEST", "142"),
    ("Bamako told the French ambassador to leave within 72 hours.", "told", "SANCTION", "166"),
    ("The junta asked the UN mission to leave the country.", "asked", "SANCTION", "166"),
    ("Islamabad held Kabul responsible for the attack on the border post.",
     "held", "ACCUSE", "112"),
    ("The rebels laid siege to the town of Kalehe.", "laid", "COERCE", "191"),
    ("Indian and Chinese troops traded fire along the disputed border.",
     "traded", "ASSAULT", "190"),
    ("Gunmen hacked a village chief to death in Ituri.", "hacked", "ASSAULT", "180"),
    ("Unknown attackers set off a bomb outside a mosque in Quetta.", "set", "ASSAULT", "183"),
    ("Gunmen ransacked the district office in Jos.", "ransacked", "COERCE", "171"),
    ("The government brushed aside calls for a public inquiry.", "brushed", "REJECT", "120"),
    ("Armenia insisted on the return of its prisoners of war.", "insisted", "REQUEST", "100"),
    ("The World Bank froze disbursements to Mali after the coup.", "froze", "SANCTION", "163"),
    ("Riot police responded with tear gas and rubber bullets.", "responded", "ASSAULT", "175"),
    ("Hamas turned down the Egyptian proposal on Sunday.", "turned", "REJECT", "127"),
    ("Kyiv and Moscow traded blame for the shelling of the plant.", "traded", "ACCUSE", "112"),
    ("Armenia froze its membership of the alliance.", "froze", "SANCTION", "163"),
    ("The envoy made a plea for calm in Tripoli.", "made", "REQUEST", "020"),
    ("Parliament voted to end the state of emergency.", "end", "CONCEDE", "081"),
    ("Tehran gave UN inspectors access to the plant.", "gave", "RETREAT", "086"),
    ("The interior minister handed in his resignation on Monday.", "handed", "RETREAT", "080"),
    ("Gunmen snatched 12 passengers from a minibus near Gusau.", "snatched", "ASSAULT", "181"),
    ("A roadside bomb tore through a police convoy near Bannu.", "tore", "ASSAULT", "183"),
    ("Both sides broke the truce within hours.", "broke", "ASSAULT", "190"),
    ("Thousands of Sudanese have sought refuge in Chad since April.", "sought", "REQUEST", "020"),
    ("A Delhi court ordered the former minister to appear for questioning.",
     "ordered", "REQUEST", "100"),
    ("Oman launched a mediation effort between Iran and the United States.",
     "launched", "CONSULT", "045"),
    ("Two constables thrashed a food delivery agent in Hyderabad.", "thrashed", "ASSAULT", "182"),
]


@pytest.mark.parametrize(("text", "etype"), [
    ("Tehran vowed on Sunday to punish Israel for the strike.", "THREATEN"),
    ("Beijing promised firm countermeasures if the arms sale went ahead.", "THREATEN"),
    ("Moscow vowed to make Kyiv pay for the attack.", "THREATEN"),
])
def test_a_promise_to_hit_back_is_a_threat(coder, text, etype):
    assert etype in {e.type for e in _events(coder, text)}, text


@pytest.mark.parametrize("text", [
    "The foreign minister declined to comment on the reports.",
    "The ministry refused to say whether talks had resumed.",
])
def test_no_comment_is_no_refusal(coder, text):
    assert "REJECT" not in {e.type for e in _events(coder, text)}, text


def test_they_stands_for_the_unnamed_speakers(coder):
    """ "Nurses said they will not end the strike": the nurses refuse, kept as text."""
    events = _events(coder, "The nurses said they will not end the strike until they are paid.")
    refusal = next(e for e in events if e.type == "REJECT")
    assert [s.text for s in refusal.source] == ["The nurses"]


@pytest.mark.parametrize(("text", "trigger", "etype", "cameo"), CASES,
                         ids=[f"{c[1]}-{c[3]}" for c in CASES])
def test_the_trigger_codes_its_act(coder, text, trigger, etype, cameo):
    assert_trigger_codes(_events(coder, text), text, trigger, etype, cameo)


def test_the_guilty_party_is_the_target(coder):
    events = _events(coder, "A court in Ankara found the former minister guilty of fraud.")
    verdict = next(e for e in events if e.cameo == "116")
    assert "complement_side" in verdict.by
    assert any("minister" in t.text for t in verdict.target)


@pytest.mark.parametrize("text", [
    "The soldiers returned to their barracks.",      # going back, no object
    "Police returned fire when the gunmen shot at them.",
    "The company found the market difficult.",        # no verdict
    "The team contested the final in Lisbon.",         # not a disputed claim
    "Journalists questioned the minister for an hour.",
])
def test_look_alikes_code_no_release_or_accusation(coder, text):
    types = {(e.type, e.cameo) for e in _events(coder, text)}
    assert not types & {("RETREAT", "084"), ("ACCUSE", "111"), ("SANCTION", "116")}, text


def test_a_cease_fire_is_no_shooting(coder):
    events = _events(coder, "The rebels declared a cease-fire on Sunday.")
    assert "ASSAULT" not in {e.type for e in events}


def test_a_second_act_coordinated_with_a_first_is_coded(coder):
    """ "scrapped ... and recalled ...": the second act is no content of the first."""
    events = _events(coder, "The junta scrapped its defence pact with France on Thursday "
                            "and recalled its ambassador from Paris.")
    assert {"REJECT", "SANCTION"} <= {e.type for e in events}


def test_acts_coordinated_inside_an_accusation_are_not_coded(coder):
    events = _events(coder, "Russia threatened to impose sanctions and expel diplomats.")
    assert "SANCTION" not in {e.type for e in events}
    events = _events(coder, "The Taliban accused Islamabad of bombing homes in Paktika "
                            "and killing eight civilians.")
    assert "ASSAULT" not in {e.type for e in events}


def test_downing_an_aircraft_is_an_assault(coder):
    events = _events(coder, "Rebels downed an army helicopter near Kidal.")
    assert "ASSAULT" in {e.type for e in events}


@pytest.mark.parametrize("text", [
    "The defendant entered a plea of not guilty.",
    "He said no.",
])
def test_look_alikes_of_pleas_and_refusals(coder, text):
    assert not _events(coder, text), text


def test_an_announced_resignation_stays_a_retreat(coder):
    """ "was indicted ... and will resign": the prime minister resigns (the conjunct's own
    "will" makes the shared subject its doer), a retreat announced, not an intent."""
    events = _events(coder, "The prime minister has been indicted by the court and will resign.")
    resign = next(e for e in events if e.trigger.text == "resign")
    assert resign.type == "RETREAT" and resign.modality == "future"
    assert any("minister" in s.text for s in resign.source)


def test_a_future_release_is_an_intent(coder):
    events = _events(coder, "The rebels said they will release the hostages on Sunday.")
    assert "AGREE" in {e.type for e in events}


@pytest.mark.parametrize(("text", "who"), [
    ("The strike committee declared that it will not end the strike until wages are paid.",
     "committee"),
    ("The union's chairman said that they will not end the strike until permits are fixed.",
     "chairman"),
])
def test_a_pronoun_in_a_reported_refusal_is_the_speaker(coder, text, who):
    """ "X said it / they will not end the strike": X refuses (REJECT), kept as text."""
    refusal = next(e for e in _events(coder, text) if e.type == "REJECT")
    assert who in refusal.source[0].text
