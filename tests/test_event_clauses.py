"""Acts told in subordinate clauses: who does them, whether they are acts at all, and the
verbs and nouns of force the lexicon reads (sentences of our own)."""
from __future__ import annotations

import pytest
from conftest import make_article


def events_of(coder, text):
    return coder.code(make_article(text, published="2024-03-14T10:00:00Z")).events


def of_type(coder, text, etype):
    return [e for e in events_of(coder, text) if e.type == etype]


def test_an_ing_clause_after_a_preposition_is_done_by_the_verbs_subject(coder):
    raid = next(e for e in events_of(coder, "Police arrested five men after raiding a "
                                            "warehouse in Lagos.") if e.cameo == "171")
    assert [s.text for s in raid.source] == ["Police"]
    beating = of_type(coder, "A trader died after being beaten by soldiers in Kano.",
                      "ASSAULT")
    assert [s.text for s in beating[0].source] == ["soldiers"]


@pytest.mark.parametrize(("text", "etype", "doer"), [
    ("The president of Kenya thanked Norway for sending grain to Turkana.", "AID", "Norway"),
    ("The minister praised the army for withdrawing its troops from the town.", "RETREAT",
     "army"),
])
def test_the_one_thanked_or_praised_for_an_act_did_it(coder, text, etype, doer):
    acts = of_type(coder, text, etype)
    assert acts and [s.text for s in acts[0].source] == [doer], acts


def test_an_ing_clause_takes_the_date_of_the_act_it_hangs_from(coder):
    evs = events_of(coder, "On 4 March 2021, soldiers recovered rifles after raiding a "
                           "camp near Gao.")
    assert {e.trigger.text: e.date for e in evs} == {"recovered": "2021-03-04",
                                                     "raiding": "2021-03-04"}


def test_the_means_of_an_attack_is_the_same_attack(coder):
    evs = of_type(coder, "Gunmen tried to kill a judge by firing at his car in Lahore.",
                  "ASSAULT")
    assert [e.trigger.text for e in evs] == ["kill"]


@pytest.mark.parametrize("text", [
    "The navy has drones capable of striking ships far out at sea.",
    "The rebels are able to shell the airport from the hills.",
])
def test_a_power_to_act_is_no_act(coder, text):
    assert of_type(coder, text, "ASSAULT") == []


@pytest.mark.parametrize(("text", "cameo"), [
    ("The militia hanged two shepherds in a village square near Gao.", "186"),
    ("Al-Shabaab fighters were holding 300 villagers as human shields near Kismayo.", "184"),
    ("Rebels are holding twelve soldiers in the hills above Bunia.", "181"),
    ("Two trucks were set ablaze by militants near Kidal.", "1712"),
    ("Iran launched cyber warfare against Albania.", "190"),
])
def test_verbs_and_nouns_of_force(coder, text, cameo):
    assert [e.cameo for e in of_type(coder, text, "ASSAULT")] == [cameo]


@pytest.mark.parametrize("text", [
    "The farmer hanged a portrait of the king in his shop.",
    "A teenager hanged himself in Pune.",
    "Rebel leaders are holding talks with the government in Bunia.",
    # a blaze, a market, a match told in words
    "A fire in a crowded bus depot near Kanpur killed 12 passengers.",
    "Stocks in Seoul closed at a record high on Friday, beating a peak reached in 2021.",
    "Spain crushed Italy three-nil in Madrid on Sunday to reach the final.",
])
def test_look_alikes_of_force_are_no_assault(coder, text):
    assert of_type(coder, text, "ASSAULT") == []


def test_someones_fire_still_kills(coder):
    killed = of_type(coder, "Israeli fire killed three Palestinians near the fence.", "ASSAULT")
    assert killed and [s.country for s in killed[0].source] == ["ISR"]


def test_a_reaction_told_in_a_relative_clause_is_an_act(coder):
    evs = of_type(coder, "Ghana signed a loan deal with the IMF that opposition leaders "
                         "denounced as a betrayal.", "ACCUSE")
    assert [e.trigger.text for e in evs] == ["denounced"]


def test_what_something_is_called_judges_it_not_the_words_of_its_object(coder):
    evs = events_of(coder, "Moscow called the award of the peace prize to the activist an "
                           "obscenity.")
    assert [e.type for e in evs] == ["ACCUSE"]


def test_aid_received_from_a_giver_goes_from_the_giver(coder):
    aid = of_type(coder, "Ukraine received military aid from Germany.", "AID")[0]
    assert ([s.country for s in aid.source], [t.country for t in aid.target]) == \
        (["DEU"], ["UKR"])


def test_sides_of_an_act_placed_by_its_paragraph_take_that_country(coder):
    evs = events_of(coder, "On 23 May 2023, about 200 farmers protested outside parliament "
                           "in Warsaw over grain imports. Police arrested five of them.")
    arrest = next(e for e in evs if e.type == "COERCE")
    assert [s.country for s in arrest.source] == ["POL"]
    assert "paragraph_place" in arrest.by and arrest.source[0].inferred


@pytest.mark.parametrize(("text", "etype", "target"), [
    ("Algeria threatened on Sunday to downgrade its relations with Spain.", "THREATEN", "ESP"),
    ("China banned imports of barley from Australia.", "SANCTION", "AUS"),
    ("Thousands of Iraqis rallied outside the US embassy in Baghdad.", "PROTEST", "USA"),
    ("Greece lodged a complaint with the UN over Turkish survey ships near Crete.", "ACCUSE",
     "TUR"),
    # nothing of a side's in the "over" phrase: the one complained to
    ("China lodged a complaint with Japan over the release of treated water.", "ACCUSE", "JPN"),
    # what is called for names whom it is against
    ("Baltic ministers called for sanctions against Minsk over the forced landing.", "ACCUSE",
     "BLR"),
    # the clause an enabling verb governs: whom the act is for or against
    ("Japan offered to help Manila modernise its coast guard.", "AGREE", "PHL"),
    ("The militia vowed to make Kyiv pay for the raid.", "THREATEN", "UKR"),
    # a light verb's noun carries the content clause
    ("Serbia's premier signalled a readiness to return the seized trucks to Kosovo.", "AGREE",
     "XKX"),
])
def test_the_other_side_in_a_content_clause_object_or_phrase(coder, text, etype, target):
    ev = of_type(coder, text, etype)[0]
    assert [t.country for t in ev.target] == [target]


def test_unplaced_sides_of_a_local_story_are_of_its_one_country(coder):
    evs = events_of(coder, "Gunmen killed three villagers near Jos on Monday. Soldiers "
                           "arrested two men in Bauchi.\n\nPolice detained ten protesters "
                           "on Tuesday.")
    detained = next(e for e in evs if e.trigger.text == "detained")
    assert [s.country for s in detained.source] == ["NGA"]
    assert "country_of_article" in detained.by
    # two countries in the story: nothing is assumed
    evs = events_of(coder, "Gunmen killed three villagers near Jos on Monday. Soldiers "
                           "arrested two men in Accra.\n\nPolice detained ten protesters "
                           "on Tuesday.")
    detained = next(e for e in evs if e.trigger.text == "detained")
    assert [s.country for s in detained.source] == [None]


def test_a_reaction_answers_an_accusation_told_a_few_sentences_before(coder):
    evs = events_of(coder, "Estonia accused Russia of hacking its ministries. The attacks "
                           "began in April. Banks closed their websites for a day. Schools "
                           "moved lessons to paper. The Kremlin rejected the accusation.")
    reject = next(e for e in evs if e.type == "REJECT")
    assert [t.country for t in reject.target] == ["EST"]


@pytest.mark.parametrize(("text", "trigger", "source"), [
    (("MOGADISHU, Somalia -- A U.S. military airstrike has killed a worker for a telecom "
     "company in Somalia, officials said Tuesday."), "killed", ["U.S."]),
    (("PORT-AU-PRINCE, Feb 27 (AFP) - Armed gangs attacked the main prison overnight, "
     "officials said."), "attacked", ["Armed gangs"]),
    ("BERLIN -- A court in Bavaria has convicted three men over an assault on passers-by.",
     "convicted", ["Bavaria"]),
])
def test_the_dateline_and_its_agency_are_no_side(coder, text, trigger, source):
    act = [e for e in events_of(coder, text) if e.trigger.text == trigger]
    assert act and [s.text for s in act[0].source] == source, act


def test_a_toll_hung_on_the_reporting_verb_is_the_reported_acts(coder):
    """"Taliban fighters overran a base, officials said, killing 17 soldiers": the
    fighters kill, not the officials."""
    killing = [e for e in events_of(coder, "Taliban fighters overran an army base in Ghazni, "
                                           "officials said Tuesday, killing 17 soldiers.")
               if e.trigger.text == "killing"]
    assert killing and [s.text for s in killing[0].source] == ["Taliban fighters"], killing


@pytest.mark.parametrize(("text", "etype", "targets"), [
    ("Qatar offered to mediate between the Sudanese army and the RSF rebels.", "AGREE",
     {"SDN"}),
    ("Turkey agreed to help broker a truce between Armenia and Azerbaijan.", "AGREE",
     {"ARM", "AZE"}),
    ("Angola withdrew as mediator between the Rwandan government and the Congolese army.",
     "SANCTION", {"RWA", "COD"}),
    ("Norway proposed to act as a go-between for the Colombian government and the ELN.",
     "AGREE", {"COL"}),
])
def test_the_parties_a_go_between_stands_between_are_the_other_side(coder, text, etype,
                                                                     targets):
    ev = of_type(coder, text, etype)[0]
    assert {t.country for t in ev.target} == targets
    assert "mediated_parties" in ev.by


@pytest.mark.parametrize(("text", "etype", "country"), [
    ("Lagos police arrested ten protesters on Monday.", "COERCE", "NGA"),
    ("The Dubai police arrested a British tourist at the airport.", "COERCE", "ARE"),
    ("Islamic State (Nigeria) militants raided a church in the north.", "COERCE", "NGA"),
])
def test_a_country_or_a_local_bodys_town_in_its_name_is_its_country(coder, text, etype,
                                                                    country):
    ev = of_type(coder, text, etype)[0]
    assert [s.country for s in ev.source] == [country]


def test_a_place_taken_for_an_actor_keeps_its_country(coder):
    ev = of_type(coder, "Rebels seized the main market of El Obeid.", "ASSAULT")[0]
    assert [t.country for t in ev.target] == ["SDN"]


def test_a_town_in_a_militants_name_is_no_country(coder):
    # only local bodies (police, government, courts, councils) take their town's country:
    # "Moro" is also a town in Pakistan, these rebels are no Pakistanis
    ev = of_type(coder, "The Moro rebels ambushed an army patrol in Mindanao.", "ASSAULT")[0]
    assert "PAK" not in {s.country for s in ev.source + ev.target}


def test_a_place_told_again_is_the_one_named_before_it(coder):
    ev = of_type(coder, "Protests spread to Mandalay, and the junta imposed martial law on "
                        "the city.", "COERCE")[0]
    assert [(t.text, t.country) for t in ev.target] == [("city", "MMR")]
    assert "object_place" in ev.by and ev.target[0].inferred
    # a place that is itself a side is not the one told again
    ev = of_type(coder, "Rwanda and Uganda rushed troops to the capital.", "MOBILIZE")[0]
    assert ev.target == []
