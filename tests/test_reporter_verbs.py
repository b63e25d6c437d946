"""The plain verbs and nouns reporters use for codebook acts (issue 13), and the
constructions that type them: call-ups, concessions, refusals, verbal attacks, phone
calls, arrivals, and the rest. Sentences of our own; each asserts the type (and the CAMEO
code) of the event its trigger word names, or that the sentence holds an event of a type."""
from __future__ import annotations

import pytest
from conftest import assert_trigger_codes, make_article

# (sentence, trigger word, type, CAMEO code)
CASES = [
    # call-ups, parades, expulsions, broken-off talks, martial law, rape, courts, shuttle
    # diplomacy, weapons handed in, convoys let in, looting
    ("Moscow called up 150,000 conscripts for the autumn draft.", "called", "MOBILIZE", "154"),
    ("Pyongyang paraded its newest rockets past the leader's stand.",
     "paraded", "MOBILIZE", "150"),
    ("Mali kicked out the Swedish envoy on Friday.", "kicked", "SANCTION", "166"),
    ("The rebels broke off talks with the government in Doha.", "broke", "SANCTION", "164"),
    ("Bolivia broke off relations with Israel.", "broke", "SANCTION", "161"),
    ("The new government scrapped the gas deal with Turkey.", "scrapped", "REJECT", "127"),
    ("Thailand's army chief declared martial law across the country.",
     "declared", "COERCE", "1724"),
    ("The governor imposed a curfew on the old city.", "imposed", "COERCE", "1723"),
    ("Soldiers raped two girls in a village near Goma, witnesses said.",
     "raped", "ASSAULT", "1821"),
    ("Ukraine took Russia to the International Court of Justice.", "took", "ACCUSE", "115"),
    ("Qatari envoys shuttled between Hamas and Israel all week.", "shuttled", "CONSULT", "045"),
    ("Oman brokered a prisoner swap between Iran and Belgium.", "brokered", "CONSULT", "045"),
    ("Hundreds of militiamen handed in their weapons in Bunia.", "handed", "RETREAT", "0873"),
    ("Israel let 40 aid trucks into northern Gaza on Sunday.", "let", "RETREAT", "0863"),
    ("Two rockets slammed into a market in Kharkiv.", "slammed", "ASSAULT", "194"),
    ("Gunmen looted shops in the centre of Cap-Haitien.", "looted", "COERCE", "171"),
    ("Insurgents blew up a railway bridge north of Kaduna.", "blew", "ASSAULT", "183"),
    # street violence and local protest words
    ("A man stabbed two passers-by outside the station in Solingen.",
     "stabbed", "ASSAULT", "180"),
    ("Unknown assailants murdered a human rights lawyer in Kampala.",
     "murdered", "ASSAULT", "180"),
    ("stone-throwing youths pelted the police with bricks in the old quarter.",
     "pelted", "ASSAULT", "180"),
    ("angry students gheraoed the vice-chancellor's office for six hours.",
     "gheraoed", "PROTEST", "144"),
    ("shopkeepers observed a bandh across the district on friday.",
     "observed", "PROTEST", "143"),
    ("Soldiers cordoned off the refugee camp in Jenin.", "cordoned", "COERCE", "172"),
    ("Blue helmets escorted a convoy of refugees to the border.", "escorted", "AID", "074"),
    # crowds, walkouts, defiance, bans
    ("Thousands of protesters stormed the parliament building in Colombo.",
     "stormed", "PROTEST", "145"),
    ("Syrian aircraft dropped barrels packed with explosives on Daraa.",
     "dropped", "ASSAULT", "195"),
    ("Rail workers in Lyon walked off the job on Monday.", "walked", "PROTEST", "143"),
    ("Riot police dragged away dozens of protesters in Tbilisi.", "dragged", "COERCE", "173"),
    ("Serbia ignored the ultimatum from the European Union.", "ignored", "REJECT", "128"),
    ("The election commission barred the opposition leader from running.",
     "barred", "COERCE", "172"),
    # concessions
    ("The ruling party backed down on the fuel tax after a week of strikes.",
     "backed", "CONCEDE", "080"),
    ("The government gave in to the teachers after a month-long strike.",
     "gave", "CONCEDE", "080"),
    ("Nairobi withdrew the finance bill on Wednesday.", "withdrew", "CONCEDE", "080"),
    ("A Dhaka court granted bail to the photographer.", "granted", "CONCEDE", "081"),
    ("Warsaw put the judicial reform on hold.", "put", "CONCEDE", "080"),
    ("The ministry rescinded the ban on opposition rallies.", "rescinded", "CONCEDE", "081"),
    ("The mayor accepted the demands of the striking bus drivers.",
     "accepted", "CONCEDE", "083"),
    # returns, eased tariffs, ceasefires kept
    ("Italy returned two stolen Etruscan statues to Greece.", "returned", "RETREAT", "084"),
    ("Washington rolled back tariffs on Mexican steel.", "rolled", "RETREAT", "085"),
    ("Canada reduced tariffs on Chinese electric cars.", "reduced", "RETREAT", "085"),
    ("The parliament repealed the foreign agents law.", "repealed", "CONCEDE", "081"),
    ("The army ceased all military operations in the Tigray region.",
     "ceased", "RETREAT", "0872"),
    ("Teachers lifted their boycott of the exams.", "lifted", "CONCEDE", "081"),
    ("Prosecutors dropped the investigation into the former minister.",
     "dropped", "CONCEDE", "080"),
    ("Brussels granted Warsaw a waiver on the emissions rules.", "granted", "CONCEDE", "080"),
    # calls, meetings and what is fired
    ("Macron called the Ukrainian president on Sunday evening.", "called", "CONSULT", "041"),
    ("The president called for calm on Monday.", "called", "REQUEST", "020"),
    ("Modi held bilateral discussions with the Nepali prime minister.",
     "held", "CONSULT", "040"),
    ("Lula attended the Brics summit in Kazan.", "attended", "CONSULT", "040"),
    ("Soldiers fired live bullets at the crowd.", "fired", "ASSAULT", "193"),
    ("Riot police fired rubber bullets on Friday.", "fired", "ASSAULT", "175"),
    # sieges and aid teams
    ("Peru's president declared a state of siege in Puno.", "declared", "COERCE", "1724"),
    ("Cuba sent a team of doctors to Haiti.", "sent", "AID", "073"),
    ("Norway announced a contribution of 20 million dollars to the World Food Programme.",
     "announced", "AID", "071"),
    # stones, hackers, prevented rallies
    ("Youths threw stones at a police van in Srinagar.", "threw", "ASSAULT", "180"),
    ("Hackers linked to Iran hacked the water utility's computers.", "hacked", "COERCE", "170"),
    ("Pro-Kremlin hackers defaced the websites of three Czech ministries.",
     "defaced", "COERCE", "170"),
    ("Police prevented a rally by opposition supporters in Harare.",
     "prevented", "COERCE", "172"),
    # withdrawals from deals, custody
    ("Moscow pulled out of the grain deal on Monday.", "pulled", "SANCTION", "164"),
    ("the accused was sent to judicial custody for 14 days.", "sent", "COERCE", "173"),
    # codebook assaults to the third digit
    ("The militia used villagers as human shields near Mosul.", "used", "ASSAULT", "184"),
    ("Rebels violated the ceasefire east of Aleppo.", "violated", "ASSAULT", "196"),
    ("Government forces gassed residents of the suburb.", "gassed", "ASSAULT", "2041"),
    ("The army carried out ethnic cleansing of the minority.", "carried", "ASSAULT", "203"),
]

# (sentence, a type the sentence must hold)
TYPE_CASES = [
    # what a vow is about
    ("Iran's foreign minister vowed that the attack would be answered.", "THREATEN"),
    ("The militia vowed to avenge the killing of its commander.", "THREATEN"),
    ("Canada vowed to support Armenia.", "SUPPORT"),
    # a refused concession is a rejection
    ("Washington will not lift the embargo until Havana frees its political prisoners.",
     "REJECT"),
    ("The teachers will not end their strike until their pay is raised.", "REJECT"),
    ("The rebels will not begin talks with the government before a ceasefire.", "REJECT"),
    ("Seoul will not release the seized tanker.", "REJECT"),
    # an announced, undated boycott or sanction is a threat
    ("Bolivia's opposition said it would boycott the runoff.", "THREATEN"),
    ("Ankara said it would cut diplomatic ties with Tel Aviv.", "THREATEN"),
    ("The opposition boycotted the runoff on Sunday.", "PROTEST"),
    # verbal attacks and deadlines
    ("The former premier launched a blistering attack on the central bank.", "ACCUSE"),
    ("The mayor launched an attack on the governor's budget.", "ACCUSE"),
    ("Militants launched an attack on a police post in Bannu.", "ASSAULT"),
    ("The court gave the council a 60-day deadline to reopen the road.", "THREATEN"),
    # what X is called says the act
    ("Beijing called the visit a provocation and a violation of its sovereignty.", "ACCUSE"),
    ("Tehran called the sanctions illegal.", "ACCUSE"),
    ("Modi called Putin on Monday.", "CONSULT"),
    # troops arriving, convoys let in
    ("French troops arrived in Bamako on Friday to help the army secure the capital.", "AID"),
    ("Hundreds of soldiers arrived in Goma on Tuesday.", "MOBILIZE"),
    ("Israel allowed twenty aid trucks to enter Gaza on Sunday.", "RETREAT"),
    # more codebook words
    ("The opposition leader lambasted the government over fuel prices.", "ACCUSE"),
    ("Prosecutors in Seoul prosecuted the former president for bribery.", "ACCUSE"),
    ("The rebels announced the surrender of their last stronghold to the army.", "RETREAT"),
    ("Spain approved the extradition of the banker to the United States.", "COOPERATE"),
]


def _events(coder, text):
    return coder.code(make_article(text, published="2024-03-14T10:00:00Z")).events


@pytest.mark.parametrize(("text", "trigger", "etype", "cameo"), CASES,
                         ids=[f"{c[1]}-{c[3]}" for c in CASES])
def test_the_trigger_codes_its_act(coder, text, trigger, etype, cameo):
    assert_trigger_codes(_events(coder, text), text, trigger, etype, cameo)


@pytest.mark.parametrize(("text", "etype"), TYPE_CASES, ids=[c[0][:40] for c in TYPE_CASES])
def test_the_sentence_holds_its_act(coder, text, etype):
    assert etype in {e.type for e in _events(coder, text)}, text


@pytest.mark.parametrize("text", [
    "The team called up two young strikers for the friendly.",  # sport, no mobilisation
    "The tyre blew up on the motorway.",
    "The critic slammed the film as dull.",  # criticism, not an assault
    "Two men suspected of blowing up a bridge in 2019 went on trial.",
])
def test_look_alikes_are_no_assault_or_mobilisation(coder, text):
    types = {e.type for e in _events(coder, text)}
    assert not types & {"ASSAULT", "MOBILIZE"}, text


def test_an_ordinary_phrase_is_no_place_in_lower_case(coder):
    """ "the old city" in lower case is not Jerusalem's Old City."""
    doc = coder.code(make_article(
        "police detained 14 people after a clash in the old city area on monday evening.",
        published="2024-03-14T10:00:00Z"))
    assert all(p.country != "PSE" for p in doc.places)


@pytest.mark.parametrize(("text", "trigger", "etype"), [
    ("Rebels seized the town of Bunagana after two days of clashes with the army.",
     "clashes", "ASSAULT"),
    ("The junta dissolved parliament following the arrest of the prime minister.",
     "arrest", "COERCE"),
    ("Government troops recaptured the airport after clashes with militiamen.", "clashes",
     "ASSAULT"),
])
def test_an_act_told_as_what_came_before_is_coded(coder, text, trigger, etype):
    events = [e for e in _events(coder, text) if e.trigger.text.startswith(trigger)]
    assert events and events[0].type == etype, text
    assert "told_as_antecedent" in events[0].by or events[0].source


@pytest.mark.parametrize(("text", "trigger"), [
    ("Rebels seized the town of Bunagana on Monday.", "seized"),
    ("Government troops recaptured the airport in Tripoli.", "recaptured"),
    ("Pro-government militias took over the town of Mongo.", "took"),
])
def test_taking_a_place_is_occupying_territory(coder, text, trigger):
    events = [e for e in _events(coder, text) if e.trigger.text.startswith(trigger)]
    assert events and (events[0].type, events[0].cameo) == ("ASSAULT", "192"), text


def test_gsr_scoring_reads_a_blockade_as_plover05_fight():
    from tidings.evaluate.events import PredEvent, as_plover05
    took = PredEvent(type="COERCE", source_countries=frozenset(),
                     target_countries=frozenset(), cameo="191")
    arrest = PredEvent(type="COERCE", source_countries=frozenset(),
                       target_countries=frozenset(), cameo="173")
    assert as_plover05(took).type == "ASSAULT"
    assert as_plover05(arrest).type == "COERCE"


def test_a_date_is_not_the_preposition_a_trigger_needs(coder):
    """ "called X on Saturday" is a phone call, not "called on X" (a request)."""
    events = _events(coder, "Erdogan called Putin on Saturday.")
    assert [e.type for e in events] == ["CONSULT"]


def test_an_assault_told_by_what_it_did_is_coded(coder):
    """ "A drone strike killed 26 people": no doer named, the act told by its victims."""
    events = _events(coder, "A drone strike killed at least 26 people in Amhara on Sunday.")
    assert "ASSAULT" in {e.type for e in events}


def test_a_release_told_in_passing_joins_the_release_not_an_easing(coder):
    from conftest import make_article
    doc = coder.code(make_article(
        "Belarus freed 52 prisoners on Wednesday. In return, the United States eased "
        "sanctions on the state airline. The opposition welcomed Wednesday's release.",
        published="2024-09-11T10:00:00Z"))
    eased = next(e for e in doc.events if e.trigger.text == "eased")
    assert [m.trigger.text for m in eased.mentions] == ["eased"]
    freed = next(e for e in doc.events if e.trigger.text == "freed")
    assert "release" in [m.trigger.text for m in freed.mentions]


def test_a_visitor_arriving_is_no_deployment(coder):
    events = _events(coder, "The president arrived in Paris on Monday.")
    assert "MOBILIZE" not in {e.type for e in events}
