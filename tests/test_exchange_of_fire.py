"""Killings told with no doer in an exchange of fire (issue 13, police news): the clause
that fired, or the security force named before; casualties told with pronouns, "shot
dead", "neutralised", "beaten to death". Sentences of our own."""
from __future__ import annotations

from conftest import make_article


def _coded(coder, text):
    return coder.code(make_article(text, published="2024-06-11T10:00:00Z"))


def _sectors(event):
    return {s.sector for s in event.source}


def test_the_clause_that_fired_is_the_doer(coder):
    doc = _coded(coder, "The gunmen opened fire and were shot dead when the police "
                        "returned fire.")
    shot = next(e for e in doc.events if e.trigger.text == "shot")
    assert _sectors(shot) == {"COP"} and "exchange_of_fire" in shot.by
    assert any("gunmen" in t.text for t in shot.target)
    fired = next(e for e in doc.events if e.trigger.text.startswith("opened"))
    assert fired is not shot and "COP" not in _sectors(fired)  # two acts, not joined


def test_a_killing_in_an_exchange_is_the_force_named_before(coder):
    doc = _coded(coder, "Commandos of the Kerala police were combing the forest near "
                        "Vythiri on Tuesday. A rebel was killed in the exchange of fire "
                        "that followed.")
    killed = next(e for e in doc.events if e.trigger.text == "killed")
    assert _sectors(killed) == {"COP"}
    assert any(c.killed == 1 and c.event in {killed.id, *(m.id for m in killed.mentions)}
               for c in doc.casualties)


def test_the_force_killed_in_an_exchange_is_no_doer(coder):
    doc = _coded(coder, "Police raided a hideout in Gaya. A constable was killed in the "
                        "exchange of fire.")
    killed = next(e for e in doc.events if e.trigger.text == "killed")
    assert "COP" not in _sectors(killed)


def test_passive_coordination_is_acted_on(coder):
    """ "fled and were arrested": the ones who fled were arrested, by no one named."""
    doc = _coded(coder, "Two men fled and were arrested in Agra.")
    arrest = next(e for e in doc.events if e.trigger.text == "arrested")
    assert not any("men" in s.text for s in arrest.source)


def test_casualties_told_with_a_pronoun_or_a_manner_of_death(coder):
    for text, killed in [("He was gunned down by the police near the canal.", 1),
                         ("Both militants were neutralised by the police, the IGP said.", 2),
                         ("She was beaten to death by a mob in the market.", 1),
                         ("The police fired several rounds and he was shot dead.", 1)]:
        doc = _coded(coder, text)
        assert [c.killed for c in doc.casualties] == [killed], text


def test_a_pronoun_alone_is_no_casualty(coder):
    assert _coded(coder, "He said he was tired of the delays.").casualties == []


def test_a_unit_belongs_to_the_force_named_before(coder):
    doc = _coded(coder, "Police formed three teams to trace the robbers. On Monday a "
                        "special team apprehended two men near the bus stand.")
    arrest = next(e for e in doc.events if e.trigger.text == "apprehended")
    assert _sectors(arrest) == {"COP"} and "unit_of_force" in arrest.by


def test_a_team_of_others_is_no_force(coder):
    doc = _coded(coder, "Police sealed the village. A team of doctors treated the "
                        "injured at the school.")
    assert not any("unit_of_force" in e.by for e in doc.events)


def test_no_one_arrested_is_a_negated_arrest(coder):
    doc = _coded(coder, "No one has been arrested for the attack so far.")
    assert all(e.negated for e in doc.events if e.type == "COERCE")


def test_caught_by_the_police_is_an_arrest(coder):
    doc = _coded(coder, "The two smugglers were caught by the police at a checkpoint.")
    assert any(e.type == "COERCE" and e.cameo == "173" for e in doc.events)


def test_an_arrest_by_a_body_no_list_names_is_a_police_arrest(coder):
    doc = _coded(coder, "the ats on monday arrested a 30-year-old man from a rented room.")
    arrest = next(e for e in doc.events if e.type == "COERCE")
    assert _sectors(arrest) == {"COP"} and "arrest_by_police" in arrest.by


def test_an_arrest_set_out_for_is_not_made(coder):
    for text in ["A police team went to the village to arrest the accused.",
                 "Three teams have been formed to nab the accused, who fled after the attack."]:
        assert not any(e.type == "COERCE" and not e.negated for e in _coded(coder, text).events), text


def test_tear_gas_lobbed_is_force(coder):
    doc = _coded(coder, "Police lobbed tear gas shells to disperse stone-pelting youths.")
    assert any(e.type == "ASSAULT" and "COP" in _sectors(e) for e in doc.events)


def test_armed_men_killed_just_after_an_encounter_are_the_force_s_act(coder):
    doc = _coded(coder, "A team of the Gaya police went into the hills after a tip-off. The "
                        "gunfight lasted for 40 minutes. A maoist was killed.")
    killed = next(e for e in doc.events if e.trigger.text == "killed")
    assert _sectors(killed) == {"COP"} and "exchange_of_fire" in killed.by


def test_a_civilian_killed_after_an_encounter_has_no_doer_inferred(coder):
    doc = _coded(coder, "Militants attacked a police post. The gunfight lasted an hour. "
                        "A civilian was killed.")
    killed = next(e for e in doc.events if e.trigger.text == "killed")
    assert "COP" not in _sectors(killed)


def test_a_hyphened_rank_is_the_police(coder):
    doc = _coded(coder, "a sub-inspector fired back, and the robber was shot dead on the spot.")
    shot = next(e for e in doc.events if e.trigger.text == "shot")
    assert _sectors(shot) == {"COP"}
    assert doc.casualties and doc.casualties[0].killed == 1


def test_who_used_the_weapon_that_did_it_is_the_doer(coder):
    doc = _coded(coder, "Rebels launched a mortar shell that wounded three soldiers near "
                        "Goma.")
    hit = next(e for e in doc.events if e.trigger.text == "wounded")
    assert [s.text for s in hit.source] == ["Rebels"] and "weapon_user" in hit.by
    # a weapon no one is said to have used names no doer
    doc = _coded(coder, "A mortar shell wounded three soldiers near Goma.")
    hit = next(e for e in doc.events if e.trigger.text == "wounded")
    assert hit.source == [] and "weapon_user" not in hit.by
