"""Retypes: when a construction makes an event of another type than its trigger.

What an event becomes is data (ontology/data/event_retypes.tsv, one rule a row or a few
adjacent rows); when it does is one named condition here (`CONDITIONS`), so each rule
can be read, tested, measured and switched off by its name.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ...ontology.lexicon import TriggerEntry, trigger_lexicon
from ...ontology.retypes import KEEP, Retype, retype_table
from ...ontology.tone import polarity
from ...ontology.words import words
from ..event_args import (
    DRAWING_VERBS,
    agent_of,
    clause_subject,
    direct_objects,
    governing_clause,
    prep_objects,
)
from ..event_rules import RULES, active, register
from ..event_sides import _dedupe, np_actors
from ..event_triggers import Candidate, _object_lemmas
from .coding import Clause, Coding

Condition = Callable[[Coding, Clause], bool]

PROTEST_STRIKE = words("strike_protest_words")
STRIKE_CALLING_VERBS = words("strike_calling_verbs")
# Cooperative drills with a partner are cooperation, not a show of force.
DRILL_NOUNS = words("drill_nouns")
JOINT_WORDS = words("joint_words")
# Negated agreement is a refusal: "will not accept", "failed to reach agreement".
REFUSAL_WHEN_NEGATED = words("refusal_when_negated")
# Future conflictual acts are threats (PLOVER: the single category, not ACT+future).
THREAT_WHEN_FUTURE = {"ASSAULT", "COERCE"}
PROMISE_VERBS = words("promise_verbs")
# "vowed to respond", "vowed that Israel would be punished": what retaliation is called
RETALIATION_VERBS = words("retaliation_verbs")
RETALIATION_NOUNS = words("retaliation_nouns")
# "a scathing attack", "an attack on the plan": what only a verbal attack is or hits
VERBAL_ATTACK_WORDS = words("verbal_attack_words")
HELP_VERBS = words("help_verbs")
KEPT_OPEN_FORCE = words("kept_open_force")
# "called for sanctions against X": asking that X be punished is disapproval of X
PUNISHMENT_NOUNS = words("punishment_nouns")
CROWD_QUANTITIES = words("crowd_quantities")
PROTESTER_NOUNS = words("protester_nouns")
# the people an assault is done to ("beat a trader", "lynched a man"); the police are
# what a riot attacks
HARMED_PEOPLE = words("human_nouns") - PROTESTER_NOUNS
# "drew protests from thousands of students": people in the street, not a body
CROWD_WORDS = words("human_nouns") | words("quantity_nouns") | PROTESTER_NOUNS
POLICE_WORDS = words("police_words")
# what a mob attacks of another community: its holy places, homes or villages
COMMUNITY_TARGETS = words("community_targets")
HOLY_PLACES = words("holy_places")
# a killing is an assault whoever does it: "a mob lynched two men"
KILLING_VERBS = words("killing_verbs")


def _strike_is_protest(c: Candidate) -> bool:
    trig = c.trigger
    if trig.lemma_ != "strike" or trig.pos_ != "NOUN":
        return False
    words = {t.lower_ for t in trig.children}
    # "a strike for higher wages", "a strike by teachers": what a stoppage is for, who stops
    words |= {t.lemma_.lower() for p in trig.children if p.lower_ in ("for", "over", "by")
              for t in p.subtree}
    if c.governor is None and trig.dep_ == "pobj" and trig.head.head.pos_ in ("VERB", "AUX"):
        subj, _ = clause_subject(trig.head.head)  # "employees stopped work in a strike"
        words |= {t.lemma_.lower() for s in subj for t in s.subtree}
    if c.governor is not None:
        words |= {t.lower_ for t in c.governor.children}
        if any(p.lower_ == "on" and p.head == c.governor for p in trig.ancestors):
            return True
        if c.governor.lemma_ in STRIKE_CALLING_VERBS and trig.dep_ == "dobj" and \
                not any(t.dep_ in ("prt", "oprd", "xcomp", "ccomp")
                        for t in c.governor.children):
            return True  # "called a strike" (not "called in strikes", "called the strike
            # an act of aggression")
    if c.governor is not None:
        subj, _ = clause_subject(c.governor)
        words |= {t.lemma_.lower() for s in subj for t in s.subtree}
    return bool(words & PROTEST_STRIKE) or (trig.head.lemma_ == "go" and trig.dep_ == "pobj")


def _protest_drawn(c: Candidate) -> bool:
    """"The ruling drew a formal protest from Tokyo": a protest a government or body is
    said to have lodged against something, drawn from it, is an official complaint ("drew
    protests from thousands of students" is still a protest)."""
    trig = c.trigger
    if trig.pos_ != "NOUN" or trig.dep_ != "dobj" or \
            trig.head.lemma_.lower() not in DRAWING_VERBS:
        return False
    who = prep_objects(trig, {"from"}) or prep_objects(trig.head, {"from"})
    return bool(who) and not any(w.lemma_.lower() in CROWD_WORDS for w in who)


def _by_protesters(c: Candidate) -> bool:
    subj, passive = clause_subject(c.head)
    if passive:
        subj = agent_of(c.head)
    # "protesters", "thousands of protesters", "a crowd of demonstrators"
    heads = [o for s in subj for o in (s, *(p for c in s.children if c.lower_ == "of"
                                            for p in c.children if p.dep_ == "pobj"))]
    return any(_is_protester(h) for h in heads) and not _person_harmed(c)


def _is_protester(tok: Token, nouns: frozenset[str] = PROTESTER_NOUNS) -> bool:
    """"protesters", and "Rioters (Kenya)" as ACLED names them (a proper noun the
    parser leaves unlemmatised)."""
    low = tok.lower_
    return tok.lemma_.lower() in nouns or low in nouns or (low.endswith("s") and low[:-1] in nouns)


def _person_harmed(c: Candidate) -> bool:
    """A killing ("a mob lynched two reservists", "hacked to death dozens of people"),
    violence against a person ("activists thrashed two traders"), or against a
    community's holy places or homes ("crowds torched synagogues", "attacked Serb
    homes") is an assault, whoever does it (a riot attacks police, property or order)."""
    if c.entry.type != "ASSAULT" or c.trigger.pos_ != "VERB" or c.head.tag_ == "VBG":
        return False  # a participle's subject is the parser's guess: left to the riot
    if c.trigger.lemma_ in KILLING_VERBS or any(  # "hacked to death", "beaten to death"
            p.lower_ == "to" and any(o.lemma_ == "death" for o in p.children)
            for p in c.head.children if p.dep_ == "prep"):
        return True
    subj, passive = clause_subject(c.head)
    objects = subj if passive else direct_objects(c.head) or [  # "attacked and beat a man"
        o for x in c.head.children if x.dep_ == "conj" and x.pos_ == "VERB"
        for o in direct_objects(x)]
    objects += [p for o in objects if o.lemma_.lower() in CROWD_QUANTITIES  # "dozens of"
                for x in o.children if x.lower_ == "of" for p in x.children
                if p.dep_ == "pobj"]
    for o in objects:
        lemma = o.lemma_.lower()
        if o.ent_type_ == "PERSON" or (lemma in HARMED_PEOPLE and lemma not in POLICE_WORDS):
            return True
        if lemma in COMMUNITY_TARGETS and (lemma in HOLY_PLACES or any(
                m.ent_type_ == "NORP" for m in o.children)):
            return True  # "torched synagogues", "attacked Serb homes": a community's
    return False



def _by_crowd(c: Candidate) -> bool:
    """Is the act's subject a crowd: "thousands of farmers", "demonstrators"?"""
    subj, passive = clause_subject(c.head)
    if passive or not subj:
        return False
    s = subj[0]
    if _is_protester(s, PROTESTER_NOUNS - {"student", "activist", "supporter"}):
        return True
    return s.lemma_.lower() in CROWD_QUANTITIES and any(
        p.lower_ == "of" for p in s.children)



def _sent_to_help(c: Candidate) -> bool:
    """"sent troops to help rebuild", "deployed soldiers to assist flood victims"."""
    return any(x.dep_ in ("advcl", "xcomp") and x.lemma_ in HELP_VERBS
               and any(a.lower_ == "to" for a in x.children) for x in c.head.children)



def _is_joint(c: Candidate, sources: list, targets: list) -> bool:
    words = {t.lower_ for t in c.trigger.children}
    with_partner = any(p.lower_ == "with" for p in c.trigger.children) or (
        c.governor is not None and any(p.lower_ == "with" for p in c.governor.children))
    return bool(words & JOINT_WORDS) or with_partner or len(sources) >= 2



def _prepared_for(head: Token) -> bool:
    """"prepared to attack", "prepared to resume shelling": readying an assault."""
    cur = head
    for _ in range(2):
        if cur.dep_ != "xcomp":
            return False
        if cur.head.lemma_ in ("prepare", "ready", "mass"):
            return True
        if cur.head.lemma_ not in ("resume", "continue", "start", "begin"):
            return False
        cur = cur.head
    return False



def _content_type(c: Candidate, by_index: dict[int, Candidate]) -> str | None:
    """The type of the act a promise or threat is about ("vowed to [destroy]")."""
    for x in c.head.children:
        if x.dep_ in ("xcomp", "ccomp"):
            other = by_index.get(x.i)
            if other is not None:
                return other.entry.type
    return None



def _conditional(c: Candidate) -> bool:
    """"will strike if attacked", "would close the border unless ...": a future act
    made to depend on the other side. Such acts, and announced ones with no date ("said
    it would tighten the blockade"), are threats; a scheduled one ("will close its
    border from Thursday", "will demolish the homes next week") keeps its type, dated in
    the future."""
    cur = c.head
    for _ in range(3):
        for x in cur.children:
            if x.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in x.children
                                         if m.dep_ == "mark"):
                return True
        if cur.dep_ not in ("xcomp", "conj", "ccomp") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False



def _scheduled(k: Coding, cl: Clause) -> object:
    c = k.c
    return cl.dates.get(c.trigger.i) or (
        cl.dates.get(c.governor.i) if c.governor is not None else None)


def _retaliation(verb: Token) -> bool:
    """ "vowed to punish", "vowed (on Thursday) to retaliate", "vowed to make Tehran pay",
    "promised resolute countermeasures": what is promised is to hit back."""
    for x in verb.children:
        if x.dep_ in ("dobj", "obj") and x.lemma_.lower() in RETALIATION_NOUNS:
            return True
        if x.dep_ not in ("xcomp", "ccomp", "advcl") or (
                x.dep_ == "advcl" and not any(a.lower_ == "to" for a in x.children)):
            continue
        if x.lemma_.lower() in RETALIATION_VERBS or (x.lemma_ == "make" and any(
                y.lower_ == "pay" for y in x.children if y.dep_ in ("ccomp", "xcomp"))):
            return True
    return False


def _refusal(k: Coding, cl: Clause) -> bool:
    """"will not accept", "failed to reach agreement": negated agreement is a refusal."""
    c = k.c
    refusal_form = k.modality in ("future", "hypothetical") or (
        c.head.dep_ == "xcomp" and c.head.head.lemma_ == "fail")
    return k.negated and refusal_form and (c.trigger.lemma_ in REFUSAL_WHEN_NEGATED or (
        c.governor is not None and c.governor.lemma_ in REFUSAL_WHEN_NEGATED))


def _verbal_attack(c: Candidate) -> bool:
    """"launched a scathing attack on the government", "an attack on the plan": words,
    not force: a modifier that only words take, or an object that only words can hit."""
    noun = c.trigger
    if noun.pos_ != "NOUN":
        return False
    if any(m.dep_ == "amod" and m.lower_ in VERBAL_ATTACK_WORDS for m in noun.children):
        return True
    return any(o.lemma_.lower() in VERBAL_ATTACK_WORDS  # "on Blackburn and the law"
               for p in noun.children if p.dep_ == "prep" and p.lower_ == "on"
               for pobj in p.children if pobj.dep_ == "pobj"
               for o in (pobj, *pobj.conjuncts))


def _called_it(c: Candidate) -> int:
    """"called the decision a violation of international law", "called the move
    illegal", "called the deal historic": the tone of what X is called (-1, 0, +1)."""
    verb = c.head
    if verb.lemma_.lower() != "call":
        return 0
    objs = direct_objects(verb)
    if any(o.lower_ == "what" for o in objs):
        return 0  # "pounded what the army called weapons depots": naming, not judging
    words = [w for t in verb.children if t.dep_ in ("oprd", "xcomp", "acomp")
             for w in _judging_words(t)]
    if not words and verb.dep_ == "relcl":  # "a switch Taipei called a betrayal": the
        # thing called is the noun the clause hangs on, its object the judgement
        words = [w for o in objs for w in _judging_words(o)]
    judged = bool(words)
    if not words:  # "the move illegal and ...", the parser hanging it on the object (but
        # "called the award of the Nobel peace prize ... an obscenity": the judgement only)
        words = [t for o in objs for t in o.subtree if t.i > o.i]
    tones = [polarity(t.lower_) or polarity(t.lemma_.lower()) or (
        -1 if judged and _violence_named(t) else 0) for t in words]
    if any(t < 0 for t in tones):
        return -1
    return 1 if any(t > 0 for t in tones) else 0


def _violence_named(t: Token) -> bool:
    """"called the campaign a textbook example of ethnic cleansing": calling a thing an
    act of mass violence judges it, whatever the tone list says of the word."""
    entries = trigger_lexicon().get((t.lemma_.lower(), "N"))
    return bool(entries) and entries[0].type == "ASSAULT"


def _judging_words(called: Token) -> list[Token]:
    """What a thing is called, without the acts it names: "a dangerous [escalation]", "an
    act of [sabotage]", but not "the largest attack yet" (an attack named, not judged)."""
    named = [called, *(o for p in called.children if p.lower_ == "of"
                       for o in p.children if o.dep_ == "pobj")]
    # "a direct invasion", "an act of aggression": an act the thing is classed as judges it
    classed = any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in called.children)
    return [t for t in named if classed or (t.lemma_.lower(), "N") not in trigger_lexicon()
            or any(p.lower_ == "on" for p in t.children)] + [  # "an attack on free speech"
        m for m in called.children if m.dep_ == "amod"]


def _punished(c: Candidate) -> Token | None:
    """"called for sanctions against Nigeria": who the punishment asked for is aimed at."""
    asked = [o for p in c.head.children if p.dep_ == "prep" and p.lower_ == "for"
             for o in p.children if o.dep_ == "pobj"] + direct_objects(c.head)
    for o in asked:  # "called for sanctions against X", "urged sanctions on X"
        if o.lemma_.lower() in PUNISHMENT_NOUNS:
            return next((t for q in o.children if q.dep_ == "prep" and
                         q.lower_ in ("against", "on") for t in q.children
                         if t.dep_ == "pobj"), None)
    return None


def _punished_targets(k: Coding, cl: Clause) -> None:
    """The one punishment is asked for against is the target of the disapproval."""
    aimed = _punished(k.c)
    found = np_actors(aimed, cl.index) if aimed is not None else []
    if found:
        k.targets = _dedupe(found)


def _peacekeeping(c: Candidate) -> bool:
    """Peacekeepers named in the act's own clause ("deployed 230 troops to Liberia on a
    peacekeeping mission"), not in another one ("... a headland the peacekeepers had
    left")."""
    own = {c.head, c.trigger, governing_clause(c.trigger)} - {None}

    def clause(t: Token) -> Token | None:  # "sent troops [to join] a peacekeeping force"
        g = governing_clause(t)
        while g is not None and g not in own and g.dep_ in ("xcomp", "advcl"):
            g = governing_clause(g)
        return g
    return any(t.lower_.startswith("peacekeep") and clause(t) in own for t in c.trigger.sent)

CONDITIONS: dict[str, Condition] = {
    "strike_is_protest": lambda k, cl: _strike_is_protest(k.c),
    "protest_drawn": lambda k, cl: _protest_drawn(k.c),
    "by_protesters": lambda k, cl: _by_protesters(k.c),
    "by_crowd": lambda k, cl: k.c.trigger.pos_ == "VERB" and k.entry.cameo[:2] != "02" and \
    _by_crowd(k.c),  # a crowd seeking refuge or help appeals, it does not protest
    "sent_to_help": lambda k, cl: _sent_to_help(k.c),
    "peacekeeping": lambda k, cl: _peacekeeping(k.c),
    "joint_drill": lambda k, cl: k.c.trigger.lemma_ in DRILL_NOUNS and _is_joint(
        k.c, k.sources, k.targets),
    "prepared_for": lambda k, cl: _prepared_for(k.c.head),
    "promised_violence": lambda k, cl: k.c.trigger.lemma_ in PROMISE_VERBS and (
        _content_type(k.c, cl.by_index) in THREAT_WHEN_FUTURE or _retaliation(k.c.head)),
    "verbal_attack": lambda k, cl: _verbal_attack(k.c),
    "called_it_bad": lambda k, cl: _called_it(k.c) < 0,
    "called_for_punishment": lambda k, cl: _punished(k.c) is not None,
    "called_it_good": lambda k, cl: _called_it(k.c) > 0,
    "promised_support": lambda k, cl: k.c.trigger.lemma_ in PROMISE_VERBS and
    _content_type(k.c, cl.by_index) == "SUPPORT",
    "refused": _refusal,
    # "did not rule out military action": force kept open is a threat of force
    "force_not_ruled_out": lambda k, cl: k.negated and k.c.trigger.lemma_ == "rule" and bool(
        _object_lemmas(k.c.trigger) & KEPT_OPEN_FORCE),
    "unscheduled_future": lambda k, cl: k.modality == "future" and not k.negated and (
        _conditional(k.c) or _scheduled(k, cl) is None),
    "future_withdrawal": lambda k, cl: k.modality == "future" and not k.negated and
    k.entry.mode == "withdraw",
    "future": lambda k, cl: k.modality == "future" and not k.negated,
    # "will release the hostages" is an intent (AGREE 035); "will resign" is the
    # resignation announced, a retreat kept as it is (PLOVER manual: future retreats
    # are not reduced to AGREE)
    "future_yield": lambda k, cl: k.modality == "future" and not k.negated and
    k.entry.mode != "resign",
    # "will impose sanctions if ...": a threat; "could impose sanctions if ..." said by
    # others is a possibility, kept as it is
    "conditional_act": lambda k, cl: k.modality == "future" and not k.negated and
    _conditional(k.c),
}


def _helped_targets(k: Coding, cl: Clause) -> None:
    """Troops sent "to help flood victims": who is helped is the target."""
    k.helped = next(x for x in k.c.head.children if x.dep_ in ("advcl", "xcomp")
                    and x.lemma_ in HELP_VERBS)
    k.targets = k.targets or _dedupe([a for o in direct_objects(k.helped)
                                      for a in np_actors(o, cl.index)])


# What a rule does besides retyping.
AFTER: dict[str, Callable[[Coding, Clause], None]] = {"troops_sent_to_help": _helped_targets,
                                                      "punishment_asked": _punished_targets}


def _register(table: tuple[Retype, ...]) -> None:
    for row in table:
        if row.when not in CONDITIONS:
            raise ValueError(f"event_retypes.tsv: rule {row.rule!r}: no condition "
                             f"named {row.when!r}")
        if row.example and row.rule not in RULES:
            register(row.rule, "retype", row.example, f"{row.from_type} -> {row.type} "
                     f"when {row.when}")


_register(retype_table())


def _retyped(entry: TriggerEntry, row: Retype) -> TriggerEntry:
    mode = entry.mode if row.mode == KEEP else row.mode
    return TriggerEntry(entry.lemma, entry.pos, row.type, mode, row.cameo,
                        row.new_weight(entry.weight))


def apply_retypes(stage: str, k: Coding, cl: Clause) -> None:
    """Run the table's rows of this stage, in order, over the coding's entry."""
    for row in retype_table():
        if row.stage != stage or not active(row.rule):
            continue
        if row.from_type != "*" and k.entry.type != row.from_type:
            continue
        if not CONDITIONS[row.when](k, cl):
            continue
        k.entry = _retyped(k.entry, row)
        if row.modality is not None:
            k.modality = row.modality
        if row.clear_negation:
            k.negated = False
        k.fired(row.rule)
        if row.rule in AFTER:
            AFTER[row.rule](k, cl)
