"""Vetoes: the named reasons a candidate is no event of its own.

Three ordered lists, run at three points of `code_sentence`: on the trigger alone
(`TRIGGER_VETOES`), once the sides are read (`SIDE_VETOES`) and once the type is final
(`TYPED_VETOES`). Each veto is `veto(coding, clause) -> bool`; the first that holds drops
the candidate and is recorded on `doc._.event_vetoes`.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from ...ontology.words import words
from ..casualties import DEATH_AS_ATTACK
from ..event_args import (
    agent_of,
    clause_subject,
    direct_objects,
    prep_objects,
    undergone_act,
    victim_subject,
)
from ..event_rules import active, register, rule
from ..event_triggers import Candidate
from .coding import Clause, Coding
from .custody import custody_death_unblamed
from .embedding import describes_argument, is_content_of_other
from .mediation import told_in_passing
from .mishaps import by_nature, doers
from .purpose import purpose_only
from .retypes import _called_it, _strike_is_protest
from .sides import sources_targets
from .unnamed import met_someone

Veto = Callable[[Coding, Clause], bool]

SPEECH_ACT_TYPES = {"REQUEST", "ACCUSE", "THREATEN", "REJECT", "AGREE", "SUPPORT"}
# Nominal events weaker than this need a light verb or explicit actors on both sides.
NOMINAL_MIN_WEIGHT = 0.45
INTENT_NOUNS = words("intent_nouns")
ABILITY_ADJECTIVES = words("ability_adjectives")
BUSINESS_OBJECTS = words("business_objects")
TRAVEL_VERBS = frozenset({"fly", "arrive", "travel", "tour"})
WORDY_DOERS = words("wordy_doers")
SPORT_VERBS = words("sport_verbs")
SPORT_NOUNS = words("sport_nouns")
# Objects that make "fighting X" a fight with someone: armed people and their units.
FOUGHT_PEOPLE = words("fought_people")
# "failed to", "unable to": what follows was not done.
FAILING_WORDS = words("failing_words")
# "the attack wounded four people": an act named as the subject of what it did
ACT_NOUNS = words("retold_act_nouns")
# "suspected of blowing up a plane": the act is what someone is suspected of
SUSPECTING_WORDS = frozenset({"suspect", "suspected", "accused", "convicted", "guilty"})
# "after [weeks] of protests": spans of time an act is counted in
TIME_SPANS = words("time_span_nouns")
# what a sentence tells as having come before its act, with no doer named
ANTECEDENT_TYPES = frozenset({"ASSAULT", "COERCE"})
# "in retaliation for", "in response to": the act answered happened
ANSWERING_NOUNS = frozenset({"retaliation", "reprisal", "response", "revenge"})
REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "myself",
                        "ourselves", "yourself"})
# "a police jeep hit a scooter": vehicles and what they do in accidents
VEHICLE_NOUNS = words("vehicle_nouns")
ACCIDENT_VERBS = frozenset({"hit", "knock", "run", "crush", "mow", "strike"})
# "vowed to keep up their strike": a vow to go on protesting (protest_kept_up)
PROMISE_VERBS = words("promise_verbs")
GOING_ON_VERBS = words("going_on_verbs")
PROTEST_WORDS = words("protest_words")
SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b|\b(?:nil|one|two|three|four|five|six|seven)-"
                   r"(?:nil|one|two|three|four|five|six|seven)\b", re.IGNORECASE)


def _under_intent_noun(c: Candidate) -> bool:
    """"under the pretext of fighting Daesh", "the right to fire", "capable of
    launching": not an act done."""
    cur = c.head
    for _ in range(3):
        if cur.dep_ not in ("pcomp", "pobj", "prep", "acl", "xcomp", "advcl") or \
                cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.pos_ == "NOUN" and cur.lemma_.lower() in INTENT_NOUNS or \
                cur.pos_ == "ADJ" and cur.lower_ in ABILITY_ADJECTIVES:
            return True
        if cur.pos_ == "VERB":
            return False
    return False


def _charged_with(c: Candidate, by_index: dict[int, Candidate]) -> bool:
    """An act named as the reason for a sentence, an arrest or a charge ("sentenced to
    life for killing a civilian", "arrested on charges of attacking police")."""
    cur = c.head
    for _ in range(4):
        if cur.dep_ in ("pcomp", "pobj") and cur.head.lower_ in ("for", "over", "of") \
                and cur.head.dep_ == "prep":
            other = by_index.get(cur.head.head.i)
            if other is not None and other is not c and other.entry.type in (
                    "COERCE", "SANCTION", "ACCUSE"):
                return True
            if cur.head.head.lemma_.lower() in SUSPECTING_WORDS:
                return True  # "two men suspected of blowing up a plane"
            cur = cur.head.head
            continue
        return False
    return False


def _is_sport(c: Candidate, sent: Span) -> bool:
    """"Brazil beat Argentina 2-1 in a World Cup qualifier": a match, not an assault."""
    if c.trigger.lemma_.lower() not in SPORT_VERBS:
        return False
    return bool(SCORE.search(sent.text)) or any(t.lemma_.lower() in SPORT_NOUNS for t in sent)


def _hangs_from_verb(tok: Token) -> bool:
    """Is this noun an argument of a verb (directly or through one preposition), rather
    than buried in another noun phrase ("amid a row over the killing of ...")?"""
    head = tok.head
    if head.pos_ == "ADP":
        head = head.head
    return head.pos_ in ("VERB", "AUX")


def _consequence_of(c: Candidate, by_index: dict[int, Candidate]) -> bool:
    """"an attack ..., which killed one contractor": the killing is that same attack."""
    h = c.head
    while h.dep_ == "conj" and h.head.i != h.i:  # "which killed one ... and wounded ..."
        h = h.head
    if c.entry.type == "ASSAULT" and any(
            a.lemma_ == "leave" and a.pos_ == "VERB" and not any(
                s.dep_ == "nsubj" and c.trigger in s.subtree for s in a.children)
            for a in h.ancestors):
        # "beat protesters ..., leaving at least 40 people injured" (but "the bombing
        # left 15 dead" is the bombing)
        return True
    if c.entry.type != "ASSAULT" or h.dep_ not in ("relcl", "acl"):
        return False
    cur = h.head
    for _ in range(7):  # the clause may hang from "the airport of Erbil" inside the phrase
        other = by_index.get(cur.i)
        if other is not None and other is not c:
            return other.entry.type == "ASSAULT"
        if cur.dep_ not in ("pobj", "prep", "compound", "appos") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _mere_warning(c: Candidate) -> bool:
    """"warned that moves are aimed at souring relations" states a view; "warned that
    the crime would not go unanswered" threatens. A warning needs an addressee or a
    future or conditional content to be a threat."""
    h = c.head
    if h.lemma_ != "warn" or any(x.dep_ in ("dobj", "dative") for x in h.children):
        return False
    for x in h.children:
        if x.dep_ == "ccomp":
            auxes = {a.lower_ for a in x.subtree if a.dep_ in ("aux", "neg")}
            return not auxes & {"will", "would", "could", "might", "may", "shall", "not",
                                "never", "'ll", "wo", "must"}
        if x.dep_ == "prep" and x.lower_ in ("against", "of"):
            return False
    return False


def _is_condition(c: Candidate) -> bool:
    """"if attacked", "unless Stockholm cracks down": a condition, not an event."""
    return any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
               for m in c.head.children)


def _is_reduced_relative(c: Candidate) -> bool:
    """"three companies accused of supplying parts": a description of an entity."""
    h = c.head
    if c.entry.cameo == "173" and any(x.dep_ in ("prep", "npadvmod", "advmod") for x in h.children):
        return False  # "a man arrested in a cheating case died": an arrest that happened
    return (h.dep_ == "acl" and h.tag_ == "VBN" and not agent_of(h)
            and c.entry.type in ("ACCUSE", "COERCE", "SANCTION"))


def _continues_same_act(c: Candidate, by_index: dict[int, Candidate]) -> bool:
    """"stormed a hotel, killing nine": the participle continues the same attack."""
    h = c.head
    means = h.dep_ == "pcomp" and h.head.lower_ == "by" and h.tag_ == "VBG"
    if means:
        h = h.head  # "tried to assassinate the governor by firing at his convoy"
    purpose = h.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in h.children)
    if not means and (h.dep_ not in ("advcl", "conj", "xcomp") or (
            h.tag_ != "VBG" and not purpose)):
        return False  # "struck ..., killing nine"; "began a hunger strike to protest ..."
    other = by_index.get(h.head.i)
    if other is None and h.head.dep_ in ("dobj", "pobj"):
        other = by_index.get(h.head.head.i)
    return other is not None and other is not c and other.entry.type == c.entry.type


def _part_of_protest(c: Candidate, by_index: dict[int, Candidate]) -> bool:
    """Protesters "demanding" or "calling for" something: the demand is the protest's
    (and "rioted, setting fire to ...": the fire is the riot's)."""
    head = c.head
    if head.dep_ not in ("advcl", "xcomp", "acl", "conj", "relcl"):
        return False
    cur = head.head
    other = by_index.get(cur.i)
    for _ in range(3):  # "demonstrators protesting ...", "a strike at the factories
        # demanding ...": the protest is the verb the noun phrase hangs from
        if other is not None or cur.dep_ not in ("nsubj", "dobj", "pobj", "prep") or \
                cur.head.i == cur.i:
            break
        cur = cur.head
        other = by_index.get(cur.i)
    return other is not None and other is not c and (
        other.entry.type == "PROTEST" or _strike_is_protest(other))


def _failed(c: Candidate) -> bool:
    """"failed to renew the sanctions", "was unable to reach the town": not done."""
    h = c.head
    return h.dep_ == "xcomp" and h.head.lemma_.lower() in FAILING_WORDS


# ---------------------------------------------------------------- on the trigger

@rule("veto", "content_of_other", "Russia threatened to impose sanctions on Ukraine.")
def content_of_other(k: Coding, cl: Clause) -> bool:
    """An act that is only the content of another event: what is threatened, demanded,
    promised or agreed is not done."""
    return k.c.speaker is None and is_content_of_other(k.c, cl.by_index) and \
        not told_in_passing(k.c)


@rule("veto", "demand_of_protest",
      "Thousands of demonstrators protested in Paris, demanding the resignation of the "
      "government.")
def demand_of_protest(k: Coding, cl: Clause) -> bool:
    """Protesters "demanding" something: the demand is the protest's."""
    return k.entry.type == "REQUEST" and _part_of_protest(k.c, cl.by_index)


@rule("veto", "riot_in_passing", "Prisoners rioted at the jail in Kaduna, setting fire to "
      "mattresses.")
def riot_in_passing(k: Coding, cl: Clause) -> bool:
    """"rioted, setting fire to mattresses": how the riot went, not a new act; not when
    its clause has a doer of its own ("stormed parliament, and police shot dead ...") or
    tells what came before ("looted shops after a gang leader was shot dead")."""
    return k.entry.type in ("ASSAULT", "COERCE") and k.c.head.dep_ in ("advcl", "conj") \
        and not any(t.dep_ in ("nsubj", "agent") or t.dep_ == "mark" and t.lower_ in (
            "after", "before") for t in k.c.head.children) \
        and _part_of_protest(k.c, cl.by_index)


@rule("veto", "charged_with",
      "A court in Cairo sentenced the policeman to life in prison for killing a protester.")
def charged_with(k: Coding, cl: Clause) -> bool:
    """"sentenced ... for killing a civilian": the charge, not a new act."""
    return k.entry.type in ("ASSAULT", "COERCE") and _charged_with(k.c, cl.by_index)


@rule("veto", "act_of_nature", "Typhoon Haiyan killed 1,200 people in the Philippines.")
def act_of_nature(k: Coding, cl: Clause) -> bool:
    """Storms, quakes and floods kill too, but attack no one."""
    return k.entry.type in ("ASSAULT", "COERCE") and by_nature(k.c)


@rule("veto", "done_by_words", "The new law targets Americans who hide assets abroad.")
def done_by_words(k: Coding, cl: Clause) -> bool:
    """A law, a tweet or sanctions "target" or "hit" people in words or money, not force;
    stocks "beat" a record high."""
    return k.entry.type == "ASSAULT" and k.c.trigger.pos_ == "VERB" and any(
        t.lemma_.lower() in WORDY_DOERS for t in doers(k.c))


@rule("veto", "naming_not_calling", "Tokyo called it an unprecedented step.")
def naming_not_calling(k: Coding, cl: Clause) -> bool:
    """"called it an unprecedented step": naming something is no phone call (and, with
    no tone, no judgement either)."""
    return k.entry.type == "CONSULT" and k.c.trigger.lemma_ == "call" and any(
        t.dep_ == "oprd" for t in k.c.trigger.children) and _called_it(k.c) == 0


@rule("veto", "no_visit", "Thousands of refugees arrived in Greece.")
def no_visit(k: Coding, cl: Clause) -> bool:
    """Flying, travelling or arriving is a visit only when someone who stands for a side
    goes to another country: not refugees or a plane, nor a leader at home."""
    if k.entry.cameo != "042" or k.c.trigger.lemma_ not in TRAVEL_VERBS:
        return False
    doc = k.c.trigger.doc
    sources = [cl.index.ref(a, doc, t) for a, t in k.sources]
    targets = [cl.index.ref(a, doc, t) for a, t in k.targets]
    if not sources or all(s.sector in ("CVL", "REF") or (s.sector is None and s.actor is None)
                          for s in sources):
        return True
    home = {s.country for s in sources}
    return bool(targets) and all(t.country in home for t in targets)


@rule("veto", "sport", "Brazil beat Argentina 2-1 in a World Cup qualifier.")
def sport(k: Coding, cl: Clause) -> bool:
    """A match, not an assault."""
    return k.entry.type in ("ASSAULT", "COERCE") and _is_sport(k.c, cl.sent)


@rule("veto", "condition", "Iran said it would retaliate if attacked by Israel.")
def condition(k: Coding, cl: Clause) -> bool:
    """"if attacked", "unless Stockholm cracks down": a condition, not an event."""
    return _is_condition(k.c)


@rule("veto", "reduced_relative",
      "The United States sanctioned three companies accused of supplying parts to Iran.")
def reduced_relative(k: Coding, cl: Clause) -> bool:
    """"three companies accused of supplying parts": a description of an entity."""
    return _is_reduced_relative(k.c)


@rule("veto", "same_act_continued", "Gunmen stormed a hotel in Mogadishu, killing nine people.")
def same_act_continued(k: Coding, cl: Clause) -> bool:
    """"stormed a hotel, killing nine": the participle continues the same attack."""
    return _continues_same_act(k.c, cl.by_index)


@rule("veto", "under_intent_noun",
      "Turkey sent troops into Syria under the pretext of fighting the Kurdish militia.")
def under_intent_noun(k: Coding, cl: Clause) -> bool:
    """"under the pretext of fighting Daesh", "the right to fire": not an act done."""
    return _under_intent_noun(k.c) and not told_in_passing(k.c)


@rule("veto", "consequence_of",
      "Militants launched a drone attack on the airport of Erbil, which killed one "
      "contractor.")
def consequence_of(k: Coding, cl: Clause) -> bool:
    """"an attack ..., which killed one contractor": the killing is that same attack."""
    return _consequence_of(k.c, cl.by_index)


@rule("veto", "mere_warning",
      "China warned that the moves are aimed at souring relations with Japan.")
def mere_warning(k: Coding, cl: Clause) -> bool:
    """A warning with no addressee and no future or conditional content states a view."""
    return _mere_warning(k.c)


@rule("veto", "describing_participle",
      "The Malian army has been fighting rebel groups supporting the jihadists.")
def describing_participle(k: Coding, cl: Clause) -> bool:
    """A participle that describes the argument of another event ("fighting rebels
    supporting X") says who the argument is, not what happened; an attack so named is
    dropped only inside a speech act ("appealed for justice for the reporter killed"),
    a protest never ("dispersed demonstrators protesting the results")."""
    if k.entry.type == "PROTEST":
        return False  # "dispersed demonstrators protesting ...": the protest took place
    other = describes_argument(k.c, cl.by_index)
    if other is not None and other.entry.cameo == DEATH_AS_ATTACK:
        return False  # "a painter arrested in a theft case was found dead in the lock-up"
    return other is not None and (k.entry.type != "ASSAULT"
                                  or other.entry.type in SPEECH_ACT_TYPES)


# ---------------------------------------------------------------- once the sides are read

@rule("veto", "demand_without_addressee",
      "The minister said any settlement must include the return of refugees.")
def demand_without_addressee(k: Coding, cl: Clause) -> bool:
    """"any settlement must include ...": no one is asked."""
    return k.c.speaker is not None and not k.targets


@rule("veto", "argument_of_speech_act", "India rejected a U.S. request for troops.")
def argument_of_speech_act(k: Coding, cl: Clause) -> bool:
    """"rejected a U.S. request": the request is what is rejected, not an event."""
    return k.outer is not None and k.entry.type in SPEECH_ACT_TYPES


@rule("veto", "argument_of_other_event", "Iran condemned the attack on its embassy in Kabul.")
def argument_of_other_event(k: Coding, cl: Clause) -> bool:
    """"condemned the US strikes on ...": the strikes are an event in their own right only
    when the phrase names who carried them out."""
    if k.outer is None:
        return False
    outer_sources = {a for a, _ in sources_targets(k.outer, cl.index)[0]}
    return not k.sources or {a for a, _ in k.sources} <= outer_sources


@rule("veto", "weak_nominal", "A deal between Iran and the United States collapsed.")
def weak_nominal(k: Coding, cl: Clause) -> bool:
    """A weak event noun needs explicit actors on both sides."""
    return k.nominal and k.entry.weight < NOMINAL_MIN_WEIGHT and not (k.sources and k.targets)


@rule("veto", "nominal_without_source",
      "Officials said the blockade of the port was hurting trade.")
def nominal_without_source(k: Coding, cl: Clause) -> bool:
    """An event noun no one is said to have done (but "said about a recent attack on the
    airport of Erbil" is kept: an assault with a place hanging from a verb)."""
    if not k.nominal or k.sources or (
            k.entry.type == "ASSAULT" and k.where and _hangs_from_verb(k.c.trigger)):
        return False
    if k.entry.type == "ASSAULT" and _act_that_hurt(k.c.trigger):
        return False  # "a drone strike killed 26 people": the act is told by what it did
    if _told_as_antecedent(k):
        k.fired("told_as_antecedent")
        return False
    return True


def _told_as_antecedent(k: Coding) -> bool:
    return active("told_as_antecedent") and k.entry.type in ANTECEDENT_TYPES and \
        _antecedent_act(k.c.trigger)


register("told_as_antecedent", "candidate",
         "Police sealed off the district following the arrest of two suspects.",
         "A violent or coercive act the sentence tells as what came before its main "
         "act ('after clashes with X', 'after two days of fighting', 'following the "
         "arrest of Y') happened, though no one is named as its doer.")


def _antecedent_act(tok: Token) -> bool:
    """"after clashes with the army", "after weeks of protests", "following the arrest
    of ...", "in retaliation for the bombings": an event noun in an "after" phrase of a
    verb (or of a span of time in one), or what an act answers."""
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    if prep.lower_ == "of" and prep.head.lower_ in TIME_SPANS and prep.head.dep_ == "pobj":
        prep = prep.head.head  # "after [two nights] of clashes"
    if prep.lower_ in ("for", "to") and prep.head.lemma_.lower() in ANSWERING_NOUNS:
        return True  # "in retaliation for the bombings", "in response to the shelling"
    return prep.lower_ in ("after", "following") and prep.dep_ == "prep" and \
        prep.head.pos_ in ("VERB", "AUX")


@rule("veto", "no_sides", "They protested near the ministry on Monday.")
def no_sides(k: Coding, cl: Clause) -> bool:
    """A trigger with no actor on either side, unless a violent act with a place; a
    death no doer is found for ("12 people died in the assault") is a toll, not an act."""
    if not k.sources and k.unnamed is None and victim_subject(k.c.head) and \
            undergone_act(k.c.head) is None:
        return True
    return not k.sources and not k.targets and k.unnamed is None and \
        not (k.entry.type == "ASSAULT" and (k.where or act_with_victims(k.c) or
                                            _acted_on(k.c))) and \
        not (k.nominal and (_told_as_antecedent(k) or (
            k.entry.type == "ASSAULT" and _act_that_hurt(k.c.trigger))))


def act_with_victims(c: Candidate) -> bool:
    """"A separate attack on a market wounded four people": the act is the subject, the
    people it hurt the object; no actor is named, but the violence is told."""
    return bool(act_subjects(c)) and bool(direct_objects(c.head))


def _acted_on(c: Candidate) -> bool:
    """"The air force bombed militant hideouts": violence done to something named, by a
    verb of its own (not a noun: "the attack" alone is no event)."""
    return c.trigger.pos_ == "VERB" and c.governor is None and any(
        o.pos_ in ("NOUN", "PROPN") and o.ent_type_ not in ("DATE", "TIME")
        for o in direct_objects(c.head))


def _act_that_hurt(noun: Token) -> bool:
    """A new (indefinite) assault noun that is the subject of a verb with an object: "a
    drone strike killed 26 people", "an explosion shattered windows"."""
    if any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that", "these", "those")
           for c in noun.children):
        return False  # "the illegal strikes have violated ...": a retelling, joined later
    verb = noun.head
    if noun.dep_ == "nsubj" and verb.pos_ == "VERB" and bool(direct_objects(verb)):
        return True
    # parsed as a headline: "A drone strike [killed at least 26 people]" as a participle
    return noun.dep_ == "ROOT" and any(
        v.dep_ == "acl" and v.i == noun.i + 1 and bool(direct_objects(v)) for v in noun.children)


def act_subjects(c: Candidate) -> list[Token]:
    """The act nouns that are the subject of the candidate's verb ("the attack wounded")."""
    subjects, passive = clause_subject(c.head)
    return [] if passive else [t for t in subjects if t.lemma_.lower() in ACT_NOUNS]


# ---------------------------------------------------------------- once the type is final

@rule("veto", "fighting_without_target", "Government troops fought in the hills near Goma.")
def fighting_without_target(k: Coding, cl: Clause) -> bool:
    """"fighting against terrorism", "fighting broke out": no one is fought (but in
    "Azerbaijani and Armenian forces fought", each side fights the other)."""
    return k.c.trigger.lemma_ in ("fight", "fighting") and not k.targets and \
        not _fights_people(k.c.head) and len({a for a, _ in k.sources}) < 2


def _fights_people(head: Token) -> bool:
    """"fighting rebel groups", "fought the militants": an object naming armed people
    is a target even when it names no known actor."""
    for o in direct_objects(head):
        lemmas = {o.lemma_.lower()} | {x.lemma_.lower() for x in o.children
                                       if x.dep_ in ("amod", "compound")}
        if lemmas & FOUGHT_PEOPLE:
            return True
    return False


@rule("veto", "lone_consultation", "The Kenyan cabinet met on Tuesday.")
def lone_consultation(k: Coding, cl: Clause) -> bool:
    """One body meeting on its own is not a consultation between actors (an IGO's members
    meeting is: "Foreign ministers of the G7 met"; so is meeting people no known actor
    names: "held a meeting with members of a delegation"); a mediator's effort is."""
    sources = k.sources
    if k.entry.cameo == "045" and (k.c.trigger.pos_ != "NOUN" or k.c.governor is not None):
        return False  # "launched a mediation effort": between others, by itself
    if k.entry.cameo == "042" and not k.targets and not k.inferred:
        return True  # "the MLA and the corporator visited the area": no one is visited
    return k.entry.type == "CONSULT" and not k.targets and not k.inferred and \
        len(sources) < 2 and not (
            sources and cl.index.actors.get(sources[0][0]) is not None
            and cl.index.actors[sources[0][0]].country == "IGO") and not met_someone(k.c)


TRIGGER_VETOES: list[Veto] = [
    content_of_other, demand_of_protest, riot_in_passing, charged_with, act_of_nature,
    done_by_words, naming_not_calling, sport, condition, reduced_relative, same_act_continued,
    under_intent_noun,
    consequence_of, mere_warning, describing_participle, purpose_only,
]
SIDE_VETOES: list[Veto] = [
    demand_without_addressee, argument_of_speech_act, argument_of_other_event,
    weak_nominal, nominal_without_source, no_sides, no_visit, custody_death_unblamed,
]
@rule("veto", "failed_act", "The Security Council failed to renew the arms embargo on Mali.")
def failed_act(k: Coding, cl: Clause) -> bool:
    """"failed to renew the embargo", "unable to reach the town": an act not done is no
    event (a failed agreement is already a refusal, REJECT, and kept)."""
    return k.entry.type != "REJECT" and _failed(k.c)


@rule("veto", "self_inflicted", "A constable shot himself with his service rifle on Friday.")
def self_inflicted(k: Coding, cl: Clause) -> bool:
    """"shot himself", "set themselves on fire": harm done to oneself is no assault."""
    return k.entry.type == "ASSAULT" and k.entry.mode != "explosives" and \
        k.c.head.lemma_.lower() not in ("blow", "detonate") and any(
            o.lower_ in REFLEXIVES for o in direct_objects(k.c.head))


@rule("veto", "traffic_accident", "A police jeep hit a scooter on the ring road.")
def traffic_accident(k: Coding, cl: Clause) -> bool:
    """"a police jeep hit a scooter", "a bus ran over a pedestrian": a vehicle that hits
    or runs over someone is an accident, not an assault (a vehicle "rammed into" a crowd
    stays an attack)."""
    head = k.c.head
    if k.entry.type != "ASSAULT" or head.lemma_.lower() not in ACCIDENT_VERBS:
        return False
    subj, passive = clause_subject(head)
    if passive:
        subj = agent_of(head)
    heads = [t for s in subj for t in (s, *(c for c in s.children if c.dep_ == "appos"))]
    return any(t.lemma_.lower() in VEHICLE_NOUNS for t in heads)


@rule("veto", "business_deal", "Lufthansa agreed to buy a stake in the Italian carrier.")
def business_deal(k: Coding, cl: Clause) -> bool:
    """"agreed to buy a stake", "agreed to be taken over by Bank of America": a company's
    deal, not a pact between sides."""
    if k.entry.type != "AGREE":
        return False
    content = [x for x in k.c.head.children if x.dep_ == "xcomp"]
    if any(x.lemma_ == "take" and any(p.lower_ == "over" for p in x.children) and
           any(a.dep_ == "auxpass" for a in x.children) for x in content):
        return True  # "agreed to be taken over"
    return any(o.lemma_.lower() in BUSINESS_OBJECTS for x in content
               for d in direct_objects(x) for o in (d, *prep_objects(d, {"of"})))


@rule("veto", "protest_kept_up", "Striking dockers vowed to keep up their walkout.")
def protest_kept_up(k: Coding, cl: Clause) -> bool:
    """"vowed to keep up their strike", "vowed to keep blocking roads": a vow to go on
    protesting is the protest's stand, not an agreement."""
    if k.entry.type != "AGREE" or k.c.trigger.lemma_ not in PROMISE_VERBS:
        return False
    return any(t is not x and (t.lemma_.lower() in PROTEST_WORDS or (
        t.i in cl.by_index and cl.by_index[t.i].entry.type == "PROTEST"))
        for x in k.c.head.children if x.dep_ == "xcomp" and x.lemma_ in GOING_ON_VERBS
        for t in x.subtree)


TYPED_VETOES: list[Veto] = [fighting_without_target, lone_consultation, failed_act,
                            self_inflicted, traffic_accident, business_deal, protest_kept_up]


def first_veto(vetoes: list[Veto], k: Coding, cl: Clause) -> str | None:
    """The name of the first veto (switched on) that drops this candidate, if any."""
    for veto in vetoes:
        name = veto.rule_name  # type: ignore[attr-defined]
        if active(name) and veto(k, cl):
            return name
    return None
