"""Police actions as Indian and international English news words them: arrests (COERCE
173), crowd control and beatings (ASSAULT 175 / 182), shootings (ASSAULT 193), with the
police as the source, in active and passive voice, as written and lower-cased (the case
is restored before parsing). Sentences of our own."""
from __future__ import annotations

import pytest
from conftest import make_article

# (sentence, trigger word, type, CAMEO code)
CASES = [
    # arrests and detentions
    ("Police nabbed two chain snatchers near the bus depot in Pune.", "nabbed",
     "COERCE", "173"),
    ("two chain snatchers were nabbed by the police near the bus depot.", "nabbed",
     "COERCE", "173"),
    ("Railway police apprehended the lorry driver after a short chase.", "apprehended",
     "COERCE", "173"),
    ("police picked up three youths for questioning late on friday.", "picked",
     "COERCE", "173"),
    ("The woman was taken into custody by the police on Sunday.", "taken",
     "COERCE", "173"),
    ("police took the two brothers into custody after the clash.", "took",
     "COERCE", "173"),
    # a case registered (an FIR) or men "booked" are charges, not arrests
    ("Police booked four men for the assault on a bus conductor.", "booked",
     "ACCUSE", "115"),
    ("the police registered a case against the builder for cheating.", "registered",
     "ACCUSE", "115"),
    ("the stf nabbed a wanted gangster from his hideout in meerut.", "nabbed",
     "COERCE", "173"),
    ("a youth arrested in a theft case was produced in court on monday.", "arrested",
     "COERCE", "173"),
    ("three robbers were injured and arrested after an encounter with police.",
     "arrested", "COERCE", "173"),
    ("Police held two men for the robbery at a jewellery shop.", "held", "COERCE", "173"),
    ("cops arrested a history-sheeter in the old city on monday.", "arrested",
     "COERCE", "173"),
    # crowd control and beatings
    ("police resorted to lathicharge to clear the road.", "lathicharge", "ASSAULT",
     "175"),
    ("Police caned the protesters outside the district office.", "caned", "ASSAULT",
     "175"),
    ("police fired in the air to scatter the stone-throwing crowd.", "fired", "ASSAULT",
     "175"),
    ("Policemen thrashed a vegetable vendor in full public view.", "thrashed", "ASSAULT",
     "182"),
    # shootings
    ("a young man was shot dead by police in the district on tuesday.", "shot",
     "ASSAULT", "193"),
    ("Police gunned down a wanted gangster on the highway.", "gunned", "ASSAULT", "193"),
    # hyphened verbs, light verbs, agentless arrests, encounters
    ("the police lathi-charged the protesters who had blocked the highway.",
     "lathi-charged", "ASSAULT", "175"),
    ("Police Lathi-Charged Farmers Marching To The Secretariat.", "Lathi-Charged",
     "ASSAULT", "175"),
    ("police resorted to a mild lathicharge to disperse the crowd.", "resorted",
     "ASSAULT", "175"),
    ("the accused was arrested on sunday and sent to judicial custody.", "arrested",
     "COERCE", "173"),
    ("Three men were detained after the brawl at the fair, officials said.", "detained",
     "COERCE", "173"),
    ("the crime branch nabbed the gang leader from his hideout in thane.", "nabbed",
     "COERCE", "173"),
    ("two suspected dacoits were killed in an encounter with police near aligarh.",
     "killed", "ASSAULT", "190"),
    ("two farmers killed in police firing were cremated in their village.", "killed",
     "ASSAULT", "190"),
    ("two drug peddlers were shot dead after an exchange of fire with a police team.",
     "shot", "ASSAULT", "193"),
    # arrests told as a noun, held with no "for", caught by a body no list names
    ("the clerk was produced before a court on friday after his arrest from a hotel in pune.",
     "arrest", "COERCE", "173"),
    ("two women were held with stolen jewellery at the railway station.", "held",
     "COERCE", "173"),
    ("the pair was caught by a team of the special task force near the toll plaza.",
     "caught", "COERCE", "173"),
    # force told with plain verbs, and crowd control no one is named for
    ("reporters said they were manhandled by policemen outside the court.", "manhandled",
     "ASSAULT", "182"),
    ("policemen caned the candidates waiting outside the exam centre.", "caned",
     "ASSAULT", "175"),
    ("the aspirants were lathicharged near the secretariat on monday.", "lathicharged",
     "ASSAULT", "175"),
    ("two maoists were killed in an operation by the drg in dantewada.", "killed",
     "ASSAULT", "190"),
    # deaths told of the victim, firing told as a noun the parser tags as a verb
    ("one person died in police firing in the old city on thursday.", "died", "ASSAULT",
     "190"),
    ("two persons succumbed to injuries sustained in the police firing.", "firing",
     "ASSAULT", "193"),
    ("policemen were seen beating up a group of youths near the mosque.", "beating",
     "ASSAULT", "182"),
    ("an srp jawan fired at the mob near the mosque.", "fired", "ASSAULT", "193"),
    ("the police retaliated with tear gas when the crowd threw stones.", "retaliated",
     "ASSAULT", "175"),
    ("the crime branch took custody of the gangster from the district jail.", "took",
     "COERCE", "173"),
    ("the anti-corruption bureau caught a revenue inspector taking a bribe.", "caught",
     "COERCE", "173"),
    ("the police burst a dozen tear gas shells to scatter the stone-pelters at the chowk.",
     "burst", "ASSAULT", "175"),
    ("the escort party fired two rounds in the air and the crowd melted away.", "fired",
     "ASSAULT", "175"),
    ("the hawker said a constable kicked him outside the bus depot on monday.", "kicked",
     "ASSAULT", "182"),
]


def _events(coder, text):
    return coder.code(make_article(text, published="2024-03-14T10:00:00Z")).events


@pytest.mark.parametrize(("text", "trigger", "etype", "cameo"), CASES,
                         ids=[f"{i}-{c[1]}" for i, c in enumerate(CASES)])
def test_police_action_is_coded_with_the_police_as_source(coder, text, trigger, etype,
                                                           cameo):
    events = [e for e in _events(coder, text) if e.trigger.text.startswith(trigger)]
    assert events, f"no event on {trigger!r}: {text}"
    e = events[0]
    assert (e.type, e.cameo) == (etype, cameo)
    assert {r.sector for r in e.source} == {"COP"}
    assert all(r.sector != "COP" for r in e.target)


@pytest.mark.parametrize("text", [
    "Police said the arrest warrant was issued by the court last week.",
    "The police station was renovated last year.",
    "the police station in the old city was renovated last year.",
    "Police officials attended a meeting on road safety.",
    "She booked a room at the hotel for two nights.",
    "The committee held a meeting for two hours.",
])
def test_police_words_without_an_act_are_no_police_event(coder, text):
    assert [e.type for e in _events(coder, text) if e.type in ("COERCE", "ASSAULT")] == []


@pytest.mark.parametrize("text", [
    # a killing in a clash with others is not the police's
    "Two villagers were killed in a clash with a rival clan over land.",
    # an arrest done by someone named is theirs, not the police's
    "The journalist was detained by soldiers at a checkpoint.",
])
def test_acts_of_others_are_not_given_to_the_police(coder, text):
    events = [e for e in _events(coder, text) if e.type in ("COERCE", "ASSAULT")]
    assert all(r.sector != "COP" for e in events for r in e.source)


@pytest.mark.parametrize("text", [
    "A constable shot himself with his service rifle in the barracks.",
    "a police jeep hit a scooter on the ring road on tuesday night.",
    "A bus knocked down a cyclist near the police lines.",
])
def test_harm_to_oneself_and_road_accidents_are_no_assault(coder, text):
    assert [e.type for e in _events(coder, text) if e.type == "ASSAULT"] == []


@pytest.mark.parametrize(("text", "code"), [
    ("Three civilians were wounded in an Israeli airstrike on Gaza.", "ISR"),
    ("Four soldiers were killed in a Taliban ambush in Helmand.", "AFG"),
    # "in the police firing" parsed as "police" and "firing" under the preposition
    (("two youths were killed in the police firing and three others were admitted to the "
      "civil hospital."), None),
])
def test_the_holder_of_the_armed_act_is_the_source(coder, text, code):
    events = [e for e in _events(coder, text) if e.type == "ASSAULT"]
    if code is None:
        assert events and {r.sector for e in events for r in e.source} == {"COP"}, text
    else:
        assert events and code in {r.country for e in events for r in e.source}


def test_a_death_after_a_police_shooting_is_a_casualty(coder):
    doc = coder.code(make_article(
        "a suspected smuggler died after being shot by police at a checkpoint.",
        published="2024-03-14T10:00:00Z"))
    assert [c.killed for c in doc.casualties] == [1]


@pytest.mark.parametrize(("text", "trigger"), [
    ("a 22-year-old youth died due to police torture at the kotwali police station.",
     "torture"),
    ("one person died in the police lathicharge, his relatives said.", "lathicharge"),
])
def test_a_police_act_named_by_its_noun_is_the_polices(coder, text, trigger):
    events = [e for e in _events(coder, text) if e.trigger.text.startswith(trigger)]
    assert events and {r.sector for r in events[0].source} == {"COP"}, text


@pytest.mark.parametrize("text", [
    "the accused died in police custody on monday after he was allegedly beaten up by cops.",
    "a wanted gangster was gunned down in a police encounter in ghaziabad on friday.",
    "a youth died due to police torture, his family alleged.",
])
def test_deaths_at_police_hands_are_counted(coder, text):
    doc = coder.code(make_article(text, published="2024-03-14T10:00:00Z"))
    assert [c.killed for c in doc.casualties] == [1], text


@pytest.mark.parametrize("text", [
    "the minister held talks with members of the farmers' union.",
    "villagers demanded the arrest of the men who attacked the shopkeeper.",
])
def test_held_talks_and_demanded_arrests_are_no_arrest(coder, text):
    assert not [e for e in _events(coder, text) if e.cameo == "173" and not e.negated], text


def test_holding_hostages_is_an_abduction(coder):
    events = _events(coder, "The gunmen held twenty hostages inside the bank for six hours.")
    assert [(e.type, e.cameo) for e in events] == [("ASSAULT", "181")]


def test_no_force_used_is_negated(coder):
    events = _events(coder, "the sp said no force was used against the students.")
    assert events and all(e.negated for e in events if e.type == "ASSAULT")


def test_yet_to_arrest_is_no_arrest(coder):
    events = _events(coder, "the police are yet to arrest any of the accused.")
    assert all(e.negated for e in events if e.cameo == "173")


@pytest.mark.parametrize("text", [
    "two children died in the airstrike on the market.",
    "At least 12 people died in the assault on the prison, officials said.",
])
def test_a_death_with_no_doer_is_a_toll_not_an_act(coder, text):
    assert not [e for e in _events(coder, text) if e.trigger.text == "died"]


def test_killed_in_the_firing_the_police_resorted_to(coder):
    events = _events(coder, "the police resorted to firing in which three rioters were killed.")
    killed = next(e for e in events if e.trigger.text == "killed")
    assert {s.sector for s in killed.source} == {"COP"}


@pytest.mark.parametrize(("text", "trigger", "word"), [
    # a passive act by men no list names; a body named by its kind only
    ("a dalit youth was beaten to death by a group of men in the village.", "beaten", "group"),
    ("the excise department raided an illegal distillery near the river.", "raided",
     "department"),
])
def test_doers_no_list_names_are_kept_as_text(coder, text, trigger, word):
    act = next(e for e in _events(coder, text) if e.trigger.text == trigger)
    assert act.source and word in act.source[0].text


def test_breaking_up_a_march_with_stun_grenades_is_one_act(coder):
    events = _events(coder, "A march by students was broken up by police using stun grenades.")
    assert [e.trigger.text for e in events if e.type == "ASSAULT"] == ["broken"]


def test_an_administration_imposes_prohibitory_orders(coder):
    events = _events(coder, "the district collector imposed prohibitory orders in the town.")
    assert [(e.type, e.cameo) for e in events] == [("COERCE", "172")]
    assert events[0].source[0].sector == "GOV"


@pytest.mark.parametrize("text", [
    "two farmers fell to police bullets during the agitation in the district.",
    "of the nine who died in the riots, three fell to police bullets, the collector said.",
])
def test_falling_to_police_bullets_is_a_police_killing(coder, text):
    doc = coder.code(make_article(text, published="2024-03-14T10:00:00Z"))
    shots = [e for e in doc.events if e.type == "ASSAULT"]
    assert shots and "COP" in {s.sector for s in shots[0].source}, text
    assert any(c.killed for c in doc.casualties if c.event == shots[0].id), text


def test_a_currency_falling_to_a_low_is_no_attack(coder):
    assert not _events(coder, "the rupee fell to a record low against the dollar.")


def _police_killings(coder, text):
    doc = coder.code(make_article(text, published="2024-03-14T10:00:00Z"))
    kills = {c.event for c in doc.casualties if c.killed}
    return [e for e in doc.events if e.type == "ASSAULT" and e.id in kills and
            any(s.sector == "COP" for s in e.source)]


@pytest.mark.parametrize("text", [
    ("a 30-year-old weaver who was picked up for questioning in a theft case died in the "
     "lock-up of the city police station on sunday. his brother said there were injuries on "
     "his back and that he had been beaten."),
    ("a 45-year-old carpenter died at the town police station on sunday. relatives alleged "
     "that he was tortured."),
    ("a 32-year-old painter was found dead in the lock-up on monday. his family alleged that "
     "he had been beaten."),
])
def test_a_death_in_police_hands_the_story_blames_on_the_police_is_theirs(coder, text):
    assert [e.cameo for e in _police_killings(coder, text)] == ["1823"]


@pytest.mark.parametrize("text", [
    ("a 30-year-old weaver died in the lock-up of the city police station on sunday, "
     "officials said."),
    ("a 30-year-old weaver died in police custody on sunday. the post-mortem found no "
     "injuries and his family did not allege foul play."),
])
def test_a_death_in_custody_no_one_blames_on_the_police_is_no_killing(coder, text):
    assert _police_killings(coder, text) == []


def test_the_arrest_before_a_death_in_the_lock_up_is_kept(coder):
    events = _events(coder, "a 32-year-old painter arrested in a theft case was found dead "
                            "in the lock-up on monday. his family alleged he was beaten.")
    assert {e.cameo for e in events} >= {"173", "1823"}
