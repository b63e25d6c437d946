"""Who did an armed act the sentence tells without naming its doer: "killed in an
encounter with police" (the act's holder), "were shot dead when the police returned
fire" (the clause that fired), "the patrol retaliated and two cadres were killed" (the
security force the unit belongs to, named before in the article), "a bomb planted by
militants hit the convoy" (who used the weapon)."""
from __future__ import annotations

from spacy.tokens import Token

from ...ontology.kb import get_kb
from ...ontology.words import words
from ..event_args import (
    agent_of,
    clause_subject,
    fell_to_bullets,
    prep_objects,
    victim_subject,
)
from ..event_rules import register
from ..event_sides import ROLE_PREFIX, ActorIndex, np_actors
from ..event_triggers import Candidate

# a bomb, shell or missile told as the doer: who planted, fired or dropped it did it
WEAPON_NOUNS = words("bomb_words") | words("heavy_weapon_words") | words("air_weapon_words")
# "killed in an encounter with police", "killed in police firing", "wounded in an Israeli
# airstrike": the nouns of an armed act whose holder did the killing
ENCOUNTER_NOUNS = words("armed_act_nouns")


def _encounter_sources(c: Candidate, index: ActorIndex) -> list:
    """The holder of the armed act a passive assault happened in: "with X" of the act
    ("an exchange of fire with a police team"), or its modifier ("police firing", "an
    Israeli airstrike", "the army's operation")."""
    head = c.head
    if c.entry.type != "ASSAULT" or not (_passive_clause(head) or victim_subject(head)) or \
            any(x.dep_ == "agent" for x in head.children):
        return []
    heads = [head, *(x for x in head.conjuncts if x.tag_ == "VBN")]
    preps = {"in", "during", "after"} | ({"to"} if fell_to_bullets(head) else set())
    for noun in [o for h in heads for o in prep_objects(h, preps)]:
        # "in police firing", parsed "police" + "firing" as its clause or the preposition's
        if any(x.dep_ == "acl" and x.lemma_.lower() in ENCOUNTER_NOUNS for x in noun.children) \
                or any(x.dep_ == "pcomp" and x.lemma_.lower() in ENCOUNTER_NOUNS
                       for x in noun.head.children):
            found = _holder(noun, index)
            if found:
                return found
        if _noun_word(noun) not in ENCOUNTER_NOUNS:
            continue
        # "in a shoot-out with the police": the parser may hang "with" on the verb
        for holder in (noun, *prep_objects(noun, {"of"}), *heads):
            for other in prep_objects(holder, {"with", "by"}):
                found = _holder(other, index)
                if found:
                    return found
        found = _holder(noun, index)
        if found:
            return found
    return []


def _noun_word(noun: Token) -> str:
    """The noun as one word: "shoot-out" is parsed "shoot" "-" "out"."""
    before = noun.doc[noun.i - 2:noun.i] if noun.i >= 2 else None
    if before is not None and before[1].text == "-" and before[0].head == noun:
        return before[0].lower_ + noun.lower_
    return noun.lemma_.lower()


def _holder(tok: Token, index: ActorIndex) -> list:
    """The actors of a phrase, or failing them the role word modifying it: "a Taliban
    ambush", "an Israeli airstrike", "police firing", "a police team"."""
    for mod in tok.children:  # the role first: "a police team in Dibrugarh" is the police
        role = get_kb().role([mod.lemma_.lower()]) if mod.i < tok.i and \
            mod.dep_ in ("compound", "poss", "nmod") else None
        if role is not None and role.sector and index.at(mod) is None:
            return [(ROLE_PREFIX + role.sector, mod)]
    return np_actors(tok, index)


def _passive_clause(head: Token) -> bool:
    """A passive verb, a passive participle describing a noun ("a man arrested in a
    cheating case"), or a verb coordinated with a passive ("were injured and arrested")."""
    if head.dep_ == "conj" and head.tag_ == "VBN" and head.head.tag_ == "VBN":
        head = head.head
    return any(x.dep_ in ("nsubjpass", "auxpass") for x in head.children) or (
        head.dep_ == "acl" and head.tag_ == "VBN")


# Verbs of the clause that fired, when another clause tells the death: "when the police
# returned fire", "the team fired at him and he was killed", "the patrol retaliated".
FIRING_VERBS = words("firing_verbs")
# Words for a unit of a force: "the team", "the patrol", "the commandos": which force
# they belong to is the security force the article named before.
FORCE_UNIT_NOUNS = words("force_unit_nouns")
SECURITY_SECTORS = ("COP", "MIL")
# The armed men a security force fights: their deaths in an encounter are its acts.
ARMED_ADVERSARIES = words("armed_adversary_words")


def exchange_sources(c: Candidate, index: ActorIndex) -> list:
    """The doer of a passive, agentless killing told beside the clause that fired
    ("were shot dead when the police returned fire"), or told as happening in an
    exchange no holder is named for ("was killed in the exchange of fire that followed"),
    or told of armed men just after an encounter ("the gunfight lasted an hour. a maoist
    was killed"): the security force named last before it, unless the dead are that force."""
    head = c.head
    if c.entry.type != "ASSAULT" or not _passive_clause(head) or \
            any(x.dep_ == "agent" for x in head.children):
        return []
    linked = [head.head] if head.dep_ in ("conj", "advcl", "ccomp", "relcl") and \
        head.head.i != head.i else []  # "resorted to firing in which three were killed"
    linked += [x for x in head.children if x.dep_ in ("advcl", "conj") and x.pos_ == "VERB"]
    victims = {t.i for t in clause_subject(head)[0]}
    for verb in linked:
        if verb.lemma_.lower() not in FIRING_VERBS:
            if head.dep_ == "relcl" and verb.lemma_.lower() in ENCOUNTER_NOUNS:
                found = _holder(verb, index)  # "the police firing in which two died"
                if found:
                    return found
            continue
        subj, passive = clause_subject(verb)
        if not subj and verb.dep_ == "pcomp":  # "resorted to firing": who resorted
            subj, passive = clause_subject(verb.head.head)
        if passive or victims & {t.i for t in subj}:
            continue  # "opened fire and were shot dead": the ones who fired were shot
        for s in subj:
            found = _holder(s, index) or _unit_force(s, index)
            if found:
                return found
    nouns = prep_objects(head, {"in", "during"})
    if any(n.lemma_.lower() in ENCOUNTER_NOUNS for n in nouns) and not _victims_are_force(
            head, index):
        return _last_force(head, index)
    if _adversaries_killed(head) and _encounter_told_before(head):
        return _last_force(head, index)
    return []


def _adversaries_killed(head: Token) -> bool:
    """ "a maoist was killed", "two gangsters were shot dead": the dead are the kind of
    armed men a security force fights."""
    return any(x.dep_ == "nsubjpass" and x.lemma_.lower() in ARMED_ADVERSARIES
               for x in head.children)


def _encounter_told_before(head: Token) -> bool:
    """An armed encounter named in this sentence or the two before it ("the gunfight
    lasted 40 minutes. a maoist was killed")."""
    sent = head.sent
    start = sent.start
    for _ in range(2):
        if start == 0:
            break
        start = head.doc[start - 1].sent.start
    return any(t.lemma_.lower() in ENCOUNTER_NOUNS and t.pos_ == "NOUN"
               for t in head.doc[start:sent.end] if t.i != head.i)


def _unit_force(tok: Token, index: ActorIndex) -> list:
    """ "the team", "the patrol": the force named last before it."""
    if tok.lemma_.lower() not in FORCE_UNIT_NOUNS:
        return []
    return _last_force(tok, index)


def _victims_are_force(head: Token, index: ActorIndex) -> bool:
    """ "a constable was killed in the exchange of fire": the force is the victim."""
    for s in (x for x in head.children if x.dep_ == "nsubjpass"):
        for actor_id, _ in _holder(s, index):
            if any(actor_id.startswith(ROLE_PREFIX + sector) for sector in SECURITY_SECTORS):
                return True
            actor = index.actors.get(actor_id)
            if actor is not None and actor.sector in SECURITY_SECTORS:
                return True
    return False


def _last_force(tok: Token, index: ActorIndex) -> list:
    """The police or armed force the article named last before `tok`."""
    for i in range(tok.i - 1, -1, -1):
        hit = index.by_token.get(i)
        if hit is None:
            continue
        actor = index.actors.get(hit[0])
        if actor is not None and actor.sector in SECURITY_SECTORS:
            return [(hit[0], tok.doc[i])]
    return []


def unit_sources(c: Candidate, index: ActorIndex) -> list:
    """ "a special team apprehended him", "caught by a team": a unit no force is named
    for is the security force named last before it."""
    subj, passive = clause_subject(c.head)
    if passive:
        subj = [o for x in c.head.children if x.dep_ == "agent" for o in x.children
                if o.dep_ == "pobj"]
    for s in subj:
        if any(x.dep_ == "prep" and x.lower_ == "of" for x in s.children):
            continue  # "a team of doctors"; "a team of the task force" names its own
        found = _unit_force(s, index)
        if found:
            return found
    return []


register("weapon_user", "side", "Insurgents planted a bomb that hit a police patrol.",
         "A bomb, shell or missile told as the doer: who planted or fired it did it.")


def weapon_users(c: Candidate, index: ActorIndex) -> list:
    """ "a bomb planted by militants hit the convoy", "insurgents fired a rocket that
    killed two soldiers": a weapon is the subject; who planted or fired it did it."""
    if c.entry.type != "ASSAULT":
        return []
    subj, passive = clause_subject(c.head)
    if passive:
        return []
    for weapon in subj:
        if weapon.lemma_.lower() not in WEAPON_NOUNS:
            continue
        users = [a for x in weapon.children if x.dep_ == "acl" for a in agent_of(x)]
        if not users and weapon.dep_ == "dobj":  # "planted a bomb that ..."
            users, used_passively = clause_subject(weapon.head)
            if used_passively:  # "a bomb was planted by militants that ..."
                users = agent_of(weapon.head)
        found = [a for u in users for a in np_actors(u, index)]
        if found:
            return found
    return []
