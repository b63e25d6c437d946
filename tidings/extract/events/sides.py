"""Sides: who acts on whom, one named strategy per construction.

`sources_targets` reads a candidate's source and target from its own clause: first
who did it (an event noun's modifier, "claimed responsibility for", "ordered X to",
or the clause subject), then each construction that may name the other side, in order
(`TARGETS`). `read_sides` adds what the sentence says around them: a demand's addressee,
an honest unknown subject ("Prisoners rioted"), the place acted on, and the speaker of
a first-person quote.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Token

from ...models import ActorRef
from ...ontology.words import words
from ..event_args import (
    AT_TARGET_VERBS,
    DRAWING_VERBS,
    PRONOUNS_FIRST_PERSON,
    TARGET_PREPS,
    agent_of,
    clause_subject,
    direct_objects,
    prep_objects,
    received_from,
    relative_head_object,
    undergone_act,
    undergone_doers,
    victim_subject,
)
from ..event_context import _quote_at
from ..event_rules import active, register, rule
from ..event_sides import (
    COUNTRY_PREFIX,
    ROLE_PREFIX,
    ActorIndex,
    _dedupe,
    names_a_side,
    np_actors,
)
from ..event_triggers import COMPLEMENT_DEPS, Candidate, _light_object
from .coding import Clause, Coding
from .countries import object_place
from .exchange import (
    _encounter_sources,
    _holder,
    exchange_sources,
    unit_sources,
    weapon_users,
)
from .mediation import between_sides, mediated_parties, mediation_sides, told_in_passing
from .permission import permitted_party, phrase_party
from .unnamed import (
    CROWD_CONTROL_CAMEOS,
    _agentless,
    _arrest,
    _arresting_body,
    _body,
    _done_in_police_hands,
    _own,
    _police,
    _unresolved_subject,
)

# Material acts whose recipient is, failing a named one, the place they happened in.
LOCATION_TARGET_TYPES = {"CONCEDE", "COERCE", "SANCTION", "AID", "RETREAT", "PROTEST",
                         "MOBILIZE", "ASSAULT"}

PHRASE_VERBS = words("phrase_verbs")
# Prepositions that name the other side for some types only.
EXTRA_TARGET_PREPS = {
    "MOBILIZE": {"near", "toward", "towards", "to", "along", "at", "on"},
    "SANCTION": {"from"}, "RETREAT": {"from"}, "COERCE": {"from"}, "ACCUSE": {"at"},
    "AGREE": {"between"}, "PROTEST": {"outside"},  # "rallied outside the US embassy"
    "CONSULT": {"between", "by", "over", "via"},  # "spoke by telephone with X"
}
NOUN_TARGET_PREPS = {"AID": {"for"}, "THREATEN": {"for"}, "SUPPORT": {"for"}, "COERCE": {"for"}}
# Prepositions after a non-actor object that name the other side: "action against
# Russia", "sanctions on Iran", "aid to Sudan".
OBJECT_TARGET_PREPS = {
    "THREATEN": {"against", "on"}, "SANCTION": {"against", "on", "upon", "from"},
    "COERCE": {"against", "on", "upon"}, "ASSAULT": {"against", "on"},
    "AID": {"to", "for"}, "SUPPORT": {"to", "for"},
    # "demanded the withdrawal of Serbian forces", "a meeting of the Security Council"
    "REQUEST": {"of", "from"},
    "CONSULT": {"between", "with"},  # "mediated talks between Hamas and Israel"
}
CONTENT_PREPS = words("content_preps")
# Acts whose object with "its"/"their" is the actor's own: "recalled its ambassador",
# "withdrew their troops", "moved its forces".
OWN_OBJECT_TYPES = {"SANCTION", "RETREAT", "MOBILIZE", "CONCEDE"}
# Verbs whose object is made to act: "ordered the paper to close".
COMPELLING_VERBS = words("compelling_verbs")
ENABLING_VERBS = words("enabling_verbs")
CONTENT_GOVERNORS = {"AGREE", "THREATEN", "REQUEST", "REJECT", "CONCEDE", "ACCUSE", "SUPPORT"}


def _claimed_by(trig: Token) -> Token | None:
    """The verb of "claimed/accepted responsibility for <trig>", if the event noun is there."""
    prep, noun = trig.head, trig.head.head
    if trig.dep_ != "pobj" or prep.lower_ != "for":
        return None
    if noun.lemma_.lower() not in ("responsibility", "credit") or noun.dep_ != "dobj":
        return None
    verb = noun.head
    return verb if verb.lemma_.lower() in ("claim", "accept", "take", "admit") else None


def _object_actors(o: Token, index: ActorIndex) -> list[tuple[str, Token]]:
    """Actors an object names, or failing that, the actors its "of"/"against"/"on"
    phrases name: "the resignation of President X", "an end to the blockade of Gaza"."""
    found = np_actors(o, index)
    if not found:
        for p in prep_objects(o, {"of", "against", "on", "to"}):
            found += np_actors(p, index)
    return found


def _first_person(tok: Token) -> bool:
    return tok.pos_ == "PRON" and tok.lower_ in PRONOUNS_FIRST_PERSON


@dataclass
class Sides:
    sources: list[tuple[str, Token]] = field(default_factory=list)
    targets: list[tuple[str, Token]] = field(default_factory=list)
    by: list[str] = field(default_factory=list)


# acts whose possessor suffers them: "Khashoggi's killing", "the sarpanch's murder"
SUFFERED_NOUNS = words("suffered_nouns")
# the verbs that say what someone is: "X is the largest donor", "remains its main backer"
COPULAS = frozenset({"be", "remain", "become", "stay"})

# ---------------------------------------------------------------- the strategies
# Each reads one construction into `s.sources` / `s.targets`; `sources_targets` runs them
# in order and records on the event the ones that found someone.

@rule("side", "nominal_modifier", "Iran condemned the US airstrikes on Iraqi militias.")
def nominal_modifier(c: Candidate, index: ActorIndex, s: Sides) -> None:
    """"the US airstrikes on ...", "Washington's assassination of ...": an event noun's
    possessor or modifier, or its "by" phrase, is who did it."""
    trig = c.trigger
    for t in trig.children:
        if t.dep_ == "poss" and trig.lemma_.lower() in SUFFERED_NOUNS:
            s.targets += np_actors(t, index)  # "Khashoggi's killing", "his arrest"
        elif t.dep_ in ("poss", "compound", "amod", "nmod") and t.i < trig.i:
            s.sources += np_actors(t, index)
    for a in agent_of(trig):
        s.sources += np_actors(a, index)
    if not s.sources and c.entry.type in ("ASSAULT", "COERCE"):
        # "police firing", "police torture": the police by their role word alone
        s.sources += [h for h in _holder(trig, index) if h[0] == ROLE_PREFIX + "COP"]


@rule("side", "claimed_responsibility",
      "The Houthis claimed responsibility for a missile attack on Riyadh.")
def claimed_responsibility(c: Candidate, index: ActorIndex, s: Sides) -> None:
    """"the Houthis claimed responsibility for a missile attack on ...": theirs."""
    claim = _claimed_by(c.trigger)
    if not s.sources and claim is not None:
        for sj in clause_subject(claim)[0]:
            s.sources += np_actors(sj, index)


@rule("side", "meeting_of_subject",
      "In a meeting with Iraqi Prime Minister Mustafa al-Kadhimi on Saturday, Iranian "
      "President Hassan Rouhani condemned the sanctions.")
def meeting_of_subject(c: Candidate, index: ActorIndex, s: Sides) -> None:
    """"In a meeting with Hussein on Saturday, Shamkhani denounced ...": the meeting is
    the main subject's."""
    trig = c.trigger
    fought_with = c.entry.type == "ASSAULT" and bool(prep_objects(trig, {"with"}))
    given_with = c.entry.type == "AID" and trig.head.lower_ == "with"  # "with a donation"
    if not s.sources and (c.entry.type == "CONSULT" or fought_with or given_with) and \
            trig.dep_ == "pobj" and trig.head.head.pos_ in ("VERB", "AUX"):
        # also "M23 rebels took Kiwanja after clashes with the army": theirs too
        subj, passive = clause_subject(trig.head.head)
        if not passive:
            for sj in subj:
                s.sources += np_actors(sj, index)


@rule("side", "subject_of_copula",
      "The United States remains the largest donor of humanitarian aid to Yemen.")
def subject_of_copula(c: Candidate, index: ActorIndex, s: Sides) -> None:
    """"X is the largest donor", "X was one of the main backers": the one a role noun
    of an act is said of is the one who acts."""
    trig = c.trigger
    if trig.dep_ == "pobj" and trig.head.lower_ == "of" and trig.head.head.lower_ == "one":
        trig = trig.head.head  # "one of the largest donors"
    if not s.sources and trig.dep_ == "attr" and trig.head.lemma_ in COPULAS:
        for sj in clause_subject(trig.head)[0]:
            s.sources += np_actors(sj, index)


@rule("side", "appeal_from", "Calls from ASEAN for a ceasefire in Myanmar went unheeded.")
def appeal_from(c: Candidate, index: ActorIndex, s: Sides) -> None:
    """"appeals from ASEAN": a speech act's "from" phrase is who made it; "the decision
    drew a rebuke from the Vatican": the one that drew it is its target."""
    if c.entry.type not in ("REQUEST", "ACCUSE", "THREATEN", "SUPPORT", "REJECT", "AID") or \
            c.entry.type == "AID" and c.governor is None:  # "received aid from X" only
        return
    trig = c.trigger
    drawn = trig.dep_ == "dobj" and trig.head.lemma_.lower() in DRAWING_VERBS
    for holder in (trig, trig.head) if drawn else (trig,):
        for a in prep_objects(holder, {"from"}):
            s.sources += np_actors(a, index)
    if drawn and s.sources:
        for subj in clause_subject(trig.head)[0]:
            s.targets += np_actors(subj, index)


@rule("side", "compelled_by_order", "The government ordered La Prensa to suspend publication.")
def compelled_by_order(c: Candidate, index: ActorIndex, s: Sides) -> None:
    """"the government ordered La Prensa to suspend publication": the order is the act,
    the one ordered its target."""
    head = c.head
    for subj in clause_subject(head.head)[0]:
        s.sources += np_actors(subj, index)
    for o in direct_objects(head.head):
        s.targets += np_actors(o, index)


def _compelled(c: Candidate) -> bool:
    head = c.head
    return head.dep_ == "xcomp" and head.head.lemma_ in COMPELLING_VERBS and \
        c.entry.type in ("COERCE", "SANCTION", "RETREAT", "CONCEDE") and \
        bool(direct_objects(head.head))


@rule("side", "clause_subject", "Iran condemned Israel on Tuesday.")
def subject_of_clause(c: Candidate, index: ActorIndex, s: Sides) -> None:
    """The clause's subject is the source, or the target when the clause is passive
    ("were attacked by Russian troops"); a "by" phrase is the source."""
    head = c.head
    subj, passive = clause_subject(head)
    if passive and c.governor is not None and c.governor.lemma_ in ("engage", "involve"):
        passive = False  # "were engaged in ethnic cleansing": they did it
    if victim_subject(head):
        passive = True  # "two children died in the airstrike": they are its victims
    felt = c.trigger.lemma_ in FEELING_VERBS  # "was dismayed by the verdict": felt by X
    for sj in subj:
        (s.targets if passive and not felt else s.sources).extend(np_actors(sj, index))
    for a in agent_of(head):
        (s.targets if felt else s.sources).extend(np_actors(a, index))
    act = undergone_act(head)
    if act is not None and act.i == c.trigger.i:  # "came under fire from X", "attack by X"
        for a in undergone_doers(head, act):
            s.sources += np_actors(a, index)


@rule("side", "direct_object", "Iran expelled two Russian diplomats.")
def direct_object(c: Candidate, index: ActorIndex, s: Sides) -> None:
    """The object names the other side ("expelled two Russian diplomats"), or a phrase
    on it does ("threatened further action against Russia"); "recalled its ambassador
    from Vienna": its own, the place is the target. Not for "expressed readiness", "sent
    troops", where the object is part of the act, nor "moved troops" (one's own)."""
    trig, head = c.trigger, c.head
    if not ((trig.pos_ != "NOUN" or c.governor is not None) and
            not (c.entry.objects and head.lemma_ in PHRASE_VERBS) and
            c.entry.type != "MOBILIZE"):
        return
    src_ids = frozenset(a for a, _ in s.sources)
    objects = direct_objects(head) or [o for x in head.children if x.dep_ == "conj"
                                       and x.pos_ == "VERB" for o in direct_objects(x)] \
        or relative_head_object(head)  # "an engineer [it had detained]"
    for o in objects:  # "raided and closed the offices": the offices of both
        if o.i == trig.i:
            continue
        if c.entry.type in OWN_OBJECT_TYPES and _own(o):
            for p in prep_objects(o, {"from", "to", "in"}):
                s.targets += np_actors(p, index, exclude=src_ids)
            continue
        found = np_actors(o, index, exclude=src_ids)
        if not found and o.pos_ == "NOUN":
            for p in prep_objects(o, OBJECT_TARGET_PREPS.get(c.entry.type, {"against"})):
                found += np_actors(p, index, exclude=src_ids)
        s.targets += found


@rule("side", "target_preposition", "Iran held talks with Saudi Arabia in Baghdad.")
def target_preposition(c: Candidate, index: ActorIndex, s: Sides) -> None:
    """A prepositional phrase of the trigger (or its light verb) naming the other side:
    "talks with", "fired at", "reneged on his commitment to the Zambian people"."""
    holders = [c.trigger] + ([c.governor] if c.governor is not None else [])
    over = c.entry.type == "ACCUSE" and any(names_a_side(p, index) for h in holders for p in
                                             prep_objects(h, {"over", "about"}))
    for h in holders:  # "a complaint with the UN over Turkish ships": the ships' owner
        preps = TARGET_PREPS - {"with"} | {"over", "about"} if over else TARGET_PREPS
        preps |= {"at"} if h.lemma_ in AT_TARGET_VERBS else set()
        preps |= EXTRA_TARGET_PREPS.get(c.entry.type, set())
        if h.pos_ == "NOUN":
            preps |= NOUN_TARGET_PREPS.get(c.entry.type, set())
        if h.pos_ == "VERB":
            preps = preps - {"of"}
        for p in prep_objects(h, preps):
            if p.ent_type_ in ("DATE", "TIME", "CARDINAL"):
                continue
            found = np_actors(p, index)
            if not found and p.pos_ == "NOUN" and p.i not in index.place_country:
                for q in prep_objects(p, {"to", "against", "with"}):
                    found += np_actors(q, index)
            s.targets += found


@rule("side", "phrase_object",
      "Iraq expressed its readiness to expand relations with Iran.")
def phrase_object(c: Candidate, index: ActorIndex, s: Sides) -> None:
    """A phrase verb's object carries the sides ("readiness to expand relations with Iran",
    "suspended Gabon's membership"), as does what is rejected ("defied X's ultimatum")."""
    if s.targets or not (c.entry.objects or c.entry.type == "REJECT"):
        return
    for o in direct_objects(c.head):
        for t in o.subtree:
            if (t.dep_ == "pobj" and t.head.lower_ in TARGET_PREPS) or (
                    t.dep_ == "dobj" and t.head.head == o):  # "an invitation to meet X"
                s.targets += np_actors(t, index)
        for t in o.children:
            if t.dep_ == "poss" and not s.sources:
                s.sources += np_actors(t, index)
            elif t.dep_ == "poss" and c.entry.type in ("SANCTION", "COERCE", "REJECT"):
                s.targets += np_actors(t, index, exclude=frozenset(a for a, _ in s.sources))


@rule("side", "complement_side", "A court found the former minister guilty of fraud.")
def complement_side(c: Candidate, index: ActorIndex, s: Sides) -> None:
    """A trigger read with its complement ("found X guilty", "let X go", "let free X"):
    the complement's subject or object is the other side."""
    if s.targets or not c.entry.complements:
        return
    src_ids = frozenset(a for a, _ in s.sources)
    for comp in c.trigger.children:
        if comp.dep_ in COMPLEMENT_DEPS and comp.lower_ in c.entry.complements:
            for o in [x for x in comp.children if x.dep_ == "nsubj"] + direct_objects(comp):
                s.targets += np_actors(o, index, exclude=src_ids)


@rule("side", "protested_against",
      "Students staged a rally in protest against abuses by Turkish police.")
def protested_against(c: Candidate, index: ActorIndex, s: Sides) -> None:
    """"began a hunger strike to protest Sweden's decision", "in protest against the
    government's refusal", "in defiance of the authorities": who is protested against
    (rather than the place of "blocked streets in Hong Kong")."""
    if c.entry.type != "PROTEST" or not all(a.startswith(COUNTRY_PREFIX)
                                            for a, _ in s.targets):
        return
    against: list[tuple[str, Token]] = []
    for x in list(c.head.children) + list(c.trigger.children):
        if x.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in x.children):
            for o in direct_objects(x) + prep_objects(x, {"against", "at", "over"}):
                against += _object_actors(o, index)  # "the resignation of X"
        if x.dep_ == "prep" and x.lower_ in ("in", "against", "over"):
            for p in (g for g in x.children if g.dep_ == "pobj"):
                if p.lemma_ in ("protest", "defiance", "opposition"):
                    for o in prep_objects(p, {"of", "against", "at", "over", "to"}):
                        against += np_actors(o, index)
                elif x.lower_ == "against":
                    against += np_actors(p, index)
    s.targets = against or s.targets


@rule("side", "purpose_clause", "Israeli troops opened fire to disperse Palestinian demonstrators.")
def purpose_clause(c: Candidate, index: ActorIndex, s: Sides) -> None:
    """"opened fire to disperse demonstrators": the purpose clause names who was hit."""
    if s.targets or c.entry.type not in ("ASSAULT", "COERCE") or (
            c.trigger.pos_ == "NOUN" and c.governor is None):
        return
    for x in c.head.children:
        if x.dep_ == "advcl" and any(a.lower_ == "to" for a in x.children):
            for o in direct_objects(x):
                s.targets += np_actors(o, index, exclude=frozenset(a for a, _ in s.sources))


@rule("side", "content_clause", "Russia threatened to impose sanctions on Ukraine.")
def content_clause(c: Candidate, index: ActorIndex, s: Sides) -> None:
    """"threatened to impose sanctions on Ukraine", "demanded that the US cancel ...": the
    target sits in the content clause."""
    if s.targets or c.entry.type not in CONTENT_GOVERNORS:
        return
    for o in prep_objects(c.head, {"for"}) if c.entry.type == "REQUEST" else []:
        for p in prep_objects(o, CONTENT_PREPS):  # "called for sanctions against Moscow"
            s.targets += np_actors(p, index)
    for x in _content_clauses(c):
        if x.dep_ == "ccomp":
            for subj in clause_subject(x)[0]:
                s.targets += np_actors(subj, index)
        own = frozenset(a for a, _ in s.sources)  # "downgrade its relations with Spain"
        for o in direct_objects(x) + prep_objects(x, CONTENT_PREPS):
            found = np_actors(o, index, exclude=own)
            if not found:  # "restrictions against German goods"
                for p in prep_objects(o, CONTENT_PREPS):
                    found += np_actors(p, index)
            s.targets += found
        lv = _light_object(x)
        if lv is not None:
            for o in prep_objects(lv, TARGET_PREPS):
                s.targets += np_actors(o, index)


def _content_clauses(c: Candidate) -> list[Token]:
    """The clauses that say what is agreed, threatened, asked or refused: the head's
    complements and "to" clauses ("threatened on Sunday to downgrade"), a light verb's
    noun's "to" clause ("signalled a readiness to give ground to Azerbaijan"), and the
    clause an enabling verb of those governs ("offered to help Pyongyang build")."""
    def to_clause(x: Token) -> bool:
        return any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)
    out = [x for x in c.head.children if x.dep_ in ("xcomp", "ccomp") or (
        x.dep_ == "advcl" and to_clause(x))]
    if c.governor is not None:
        out += [x for x in c.trigger.children if x.dep_ == "acl" and to_clause(x)]
    return out + [y for x in out if x.lemma_ in ENABLING_VERBS for y in x.children
                  if y.dep_ == "ccomp"]


@rule("side", "threat_condition",
      "North Korea threatened to stop the talks if the United States goes ahead with the "
      "drills.")
def threat_condition(c: Candidate, index: ActorIndex, s: Sides) -> None:
    """"threatened to stop the talks if the United States goes ahead": who is threatened
    is who must meet the condition."""
    if s.targets or c.entry.type != "THREATEN":
        return
    head = c.head
    for cl in [x for x in head.children if x.dep_ == "xcomp"] + [head]:
        for cond in cl.children:
            if cond.dep_ == "advcl" and any(m.lower_ in ("if", "unless")
                                            for m in cond.children if m.dep_ == "mark"):
                subj, passive = clause_subject(cond)
                if not passive:
                    for sj in subj:
                        s.targets += np_actors(sj, index)


Strategy = Callable[[Candidate, ActorIndex, Sides], None]
NOMINAL_SOURCES: list[Strategy] = [nominal_modifier, claimed_responsibility,
                                   meeting_of_subject, subject_of_copula, appeal_from,
                                   between_sides]
TARGETS: list[Strategy] = [direct_object, target_preposition, phrase_object,
                           complement_side, protested_against, purpose_clause, content_clause,
                           threat_condition, permitted_party, mediated_parties, phrase_party]


def _run(strategies: list[Strategy], c: Candidate, index: ActorIndex, s: Sides) -> None:
    for strategy in strategies:
        name = strategy.rule_name  # type: ignore[attr-defined]
        if not active(name):
            continue
        n_sources, n_targets, targets = len(s.sources), len(s.targets), s.targets
        strategy(c, index, s)
        if len(s.sources) != n_sources or len(s.targets) != n_targets or \
                s.targets is not targets:
            s.by.append(name)


def sources_targets(c: Candidate, index: ActorIndex) -> tuple[list, list, list[str]]:
    """The actors on each side of a candidate, and the strategies that found them."""
    s = Sides()
    trig = c.trigger
    if (trig.pos_ == "NOUN" or (trig.tag_ == "VBG" and trig.dep_ in ("pobj", "dobj"))) and \
            c.governor is None:  # "in the police firing", tagged as a verb
        _run(NOMINAL_SOURCES, c, index, s)
    elif active("compelled_by_order") and _compelled(c):
        _run([compelled_by_order], c, index, s)
    elif c.entry.type == "AID" and received_from(c.governor, trig):
        _run([appeal_from], c, index, s)  # "received military aid from Germany"
    else:
        _run([subject_of_clause], c, index, s)
    _run(TARGETS, c, index, s)
    src_ids = {a for a, _ in s.sources}
    targets = [(a, t) for a, t in s.targets if a not in src_ids]
    return _dedupe(s.sources), _dedupe(targets), s.by


# ---------------------------------------------------------------- around the clause

register("unnamed_subject", "side", "Prisoners rioted at the central jail in Kaduna.",
         "A subject that names no known actor is kept as text: an honest unknown source.")
register("place_as_target", "side", "Protesters rallied in Algiers on Friday.",
         "A material act with no named recipient is taken to be done to the country it "
         "happened in (inferred).")
register("object_place", "side", "Vice-President Moody Awori condemned the killings in Kenya.",
         "The country of the place an act is done to, when no actor is named (inferred).")
register("quoted_speaker", "side",
         '"We will attack Syria," Turkish President Recep Tayyip Erdogan said on Monday.',
         "In a direct quote, \"we\" is the speaker.")


def read_sides(k: Coding, cl: Clause) -> None:
    """The sides of the candidate: from its clause (or, for "X said Y must Z", X and Y),
    then an honest unknown subject when no actor is named."""
    c, index = k.c, cl.index
    if c.speaker is not None:
        subj, _ = clause_subject(c.speaker)
        k.sources = _dedupe([a for s in subj for a in np_actors(s, index)])
        subj, _ = clause_subject(c.trigger)
        k.targets = _dedupe([a for s in subj for a in np_actors(s, index)
                             if a[0] not in {x for x, _ in k.sources}])
    else:
        k.sources, k.targets, by = sources_targets(c, index)
        k.by.extend(by)
    if active("mediated_in_passing") and told_in_passing(c):  # "a deal brokered by X"
        k.sources, k.targets = mediation_sides(c, index, k.sources, k.targets)
        k.fired("mediated_in_passing")
    for name, infer in UNNAMED_DOERS:  # the first that names a doer
        if not k.sources and active(name):
            k.sources = infer(c, index)
            if k.sources:
                k.fired(name)  # "killed in a shoot-out with the police": not their victim
                k.targets = [t for t in k.targets if t[0] not in {a for a, _ in k.sources}]
    if active("unnamed_subject") and not k.sources and (
            c.trigger.pos_ != "NOUN" or c.governor is not None):
        k.unnamed = _unresolved_subject(c.head)  # "Prisoners rioted": no known actor
    if not k.sources and (k.unnamed is None or _body(k.unnamed)) and \
            active("arrest_by_police") and _arrest(c):  # "the bureau arrested": police
        who = "police" if _agentless(c) else _arresting_body(c)
        if who:
            k.unnamed = _police(who)
            k.fired("arrest_by_police")
    if not k.sources and k.unnamed is None and active("crowd_control_by_police") and \
            c.entry.cameo in CROWD_CONTROL_CAMEOS and _agentless(c):
        k.unnamed = _police("police")
        k.fired("crowd_control_by_police")
    if not k.sources and k.unnamed is None and active("in_police_hands") and \
            c.entry.type == "ASSAULT" and _done_in_police_hands(c):
        k.unnamed = _police("police")
        k.fired("in_police_hands")


register("encounter_with", "side",
         "Two suspected robbers were killed in an encounter with the police near Agra.",
         "Killed in an encounter, clash or shootout with X, or in X's firing, raid or "
         "airstrike: X did it.")
register("exchange_of_fire", "side",
         "The gunmen opened fire and were shot dead when the police returned fire.",
         "A killing told with no doer beside the clause that fired (\"when the police "
         "returned fire\"), or in an exchange no holder is named for: the one that fired, "
         "or the security force named last before it.")
register("unit_of_force", "side",
         "Police formed three teams to trace the robbers. On Monday a special team "
         "arrested two men near the market.",
         "A unit no force is named for (\"the team\", \"the patrol\") belongs to the "
         "security force the article named last before it.")
register("arrest_by_police", "side", "The accused was arrested on Sunday in Kanpur.",
         "Arrested, detained or taken into custody with no one named: the police (inferred).")
register("mediated_in_passing", "side",
         "Russia and Ukraine swapped 270 prisoners in a deal brokered by Turkey.",
         "A deal brokered, or talks hosted, by X (or an X-brokered truce): X is the source "
         "and the parties to the deal are the targets.")
register("in_police_hands", "side", "The youth was beaten with lathis at the police station.",
         "Beaten or tortured at a police station, in police custody or in the lock-up with "
         "no one named: the police (inferred).")
register("crowd_control_by_police", "side", "The protesters were lathicharged near the crossing.",
         "Dispersed with batons, tear gas or water cannon (CAMEO 175) with no one named: the "
         "police (inferred).")

# "Britain was dismayed by the verdict": the one who feels it disapproves of the "by"
FEELING_VERBS = words("feeling_verbs")
# who did an act the clause names no doer for, tried in this order
UNNAMED_DOERS = [("encounter_with", _encounter_sources), ("exchange_of_fire", exchange_sources),
                 ("unit_of_force", unit_sources), ("weapon_user", weapon_users)]


def infer_targets(k: Coding, cl: Clause) -> None:
    """Failing a named target: the country where a material act happened, or the country
    of the place it was done to."""
    c = k.c
    where = k.where
    if active("place_as_target") and not k.targets and where is not None and \
            where.country and (k.entry.type in LOCATION_TARGET_TYPES or k.entry.mode == "visit"):
        k.inferred = [ActorRef(actor=None, text=where.name, country=where.country,
                               code=where.country, inferred=True)]
        k.fired("place_as_target")
    if active("object_place") and not k.targets and not k.inferred and (
            c.trigger.pos_ != "NOUN" or c.governor):
        placed = object_place(c.head, cl.index)
        if placed is not None:
            k.inferred = [ActorRef(actor=None, text=placed[1].text, country=placed[0],
                                   code=placed[0], inferred=True)]
            k.fired("object_place")


def quoted_speaker(k: Coding, cl: Clause) -> None:
    """"We condemn ...," Khazali said: the speaker is the source."""
    c, index = k.c, cl.index
    k.quote = quote = _quote_at(cl.doc, c.trigger.idx)
    if not active("quoted_speaker") or quote is None or not quote.direct or \
            not index.actors.get(quote.speaker or ""):
        return
    sources = [(quote.speaker, t) if _first_person(t) else (a, t) for a, t in k.sources]
    if not sources and k.unnamed is None:
        subj, passive = clause_subject(c.head)
        if subj and not passive and _first_person(subj[0]):
            sources = [(quote.speaker, subj[0])]
    if [a for a, _ in sources] != [a for a, _ in k.sources]:
        k.fired("quoted_speaker")
    k.sources = sources
