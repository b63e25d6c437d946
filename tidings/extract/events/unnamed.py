"""Honest unknowns: a side the text names as words but no known actor ("Prisoners
rioted", "killed one person"), kept as text so the event stays."""
from __future__ import annotations

from spacy.tokens import Token

from ...models import ActorRef
from ...ontology.kb import get_kb
from ...ontology.lexicon import trigger_lexicon
from ...ontology.words import words
from ..event_args import (
    SPEECH_VERBS,
    clause_subject,
    direct_objects,
    prep_objects,
    undergone_act,
    undergone_doers,
    victim_subject,
)
from ..event_sides import NONPERSON_PRONOUNS, _subject_before
from ..event_triggers import Candidate
from .exchange import _noun_word, _passive_clause

# Verbs whose bare number object counts people: "arresting 12", "killed 20".
NUMBER_OBJECT_VERBS = words("number_object_verbs")
QUANTITY_NOUNS = words("quantity_nouns")
# Plural endings of nouns for kinds of people, for subjects no list names.
PERSON_PLURAL_ENDINGS = ("workers", "ers", "ors", "ists", "ians")
HUMAN_NOUNS = words("human_nouns")
ACTING_BODIES = words("acting_bodies")
ATTACKED_THINGS = words("attacked_things")


def _agent_noun(tok: Token) -> Token | None:
    """The word naming who acts, if this noun can act: "Tens of thousands [of people]"
    -> people; "Prisoners" -> itself; "The measures", "twin truck bombings" -> None."""
    if tok.lemma_.lower() in QUANTITY_NOUNS:
        inner = prep_objects(tok, {"of"})
        return _agent_noun(inner[0]) if inner else (tok if tok.lower_ != "measures" else None)
    if tok.pos_ == "PROPN":
        if tok.text.isupper() and any(t.text in ("—", "–", "-") for t in tok.rights):
            return None  # a dateline ("DAR ES SALAAM — ...") parsed as a subject
        return tok
    if tok.pos_ != "NOUN" or (tok.lemma_.lower(), "N") in trigger_lexicon():
        return None
    if get_kb().role([tok.lemma_]) is not None or tok.lemma_.lower() in HUMAN_NOUNS or \
            tok.lemma_.lower() in ACTING_BODIES:
        return tok
    if tok.tag_ == "NNS" and tok.lower_.endswith(PERSON_PLURAL_ENDINGS):
        return tok  # "Dockworkers", "politicians", "rioters", "pensioners"
    return None


def met_someone(c: Candidate) -> bool:
    """"held a meeting with members of a delegation", "met with tribal elders": people
    are met, though no known actor names them ("met with resistance" meets no one)."""
    return any(_agent_noun(o) is not None
               for h in {c.trigger, c.head} for o in prep_objects(h, {"with"}))


def _speaker(head: Token) -> Token | None:
    """Who says the clause a pronoun is the subject of: "the committee declared that it
    will not end the strike" -> the committee."""
    for verb in list(head.ancestors)[:3]:
        if verb.lemma_.lower() in SPEECH_VERBS:
            subj = [c for c in verb.children if c.dep_ == "nsubj"]
            return subj[0] if subj and subj[0].pos_ in ("NOUN", "PROPN") else None
    return None


def _unresolved_subject(head: Token) -> ActorRef | None:
    """The subject noun phrase as text when it names no known actor ("Islamic
    fundamentalists", "Prisoners"): the event stays, with an honest unknown source."""
    subj, passive = clause_subject(head)
    if head.dep_ == "conj" and head.tag_ == "VBN" and _passive_clause(head.head):
        passive = True  # "four were killed and dozens [injured]": no doer named
    act = undergone_act(head)
    if passive or act is not None:  # "was beaten to death by a group of men", "came
        # under fire from gunmen": the "by" or "from" phrase did it
        subj = [o for x in head.children if x.dep_ == "agent" for o in x.children
                if o.dep_ == "pobj"] + (undergone_doers(head, act) if act is not None else [])
    elif victim_subject(head):
        return None
    if not subj:
        return None
    tok = subj[0]
    if tok.pos_ == "PRON" and tok.lower_ == "they":  # "teachers said they will not ..."
        tok = _subject_before(tok) or _speaker(head) or tok
    elif tok.pos_ == "PRON" and tok.lower_ == "it":  # "the committee said it will not"
        tok = _speaker(head) or tok
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lower_ in NONPERSON_PRONOUNS:
        return None
    if _agent_noun(tok) is None:
        return None
    text = tok.doc[tok.left_edge.i:tok.i + 1].text
    return ActorRef(actor=None, text=text)


def _unresolved_objects(head: Token, trigger: Token, preps: frozenset[str] = frozenset(),
                        skip_own: bool = False, things: bool = False,
                        anyone: bool = False) -> list[ActorRef]:
    """The object noun phrase as text when it names no known actor (or, with `preps`,
    the object of one of those prepositions: "used water cannon against thousands of
    people"); with `things` (an attack) also what was attacked that stands for its
    owners ("torched four homes", "shelled army positions"); with `anyone` (an act done
    only to people: an arrest, an abduction, a beating) any noun ("detained the
    headmaster", "the village sarpanch was arrested")."""
    passive_subjects = [] if head.lemma_ in ("engage", "involve") else [
        c for c in head.children if c.dep_ == "nsubjpass"]  # "were engaged in" is active
    for o in direct_objects(head) + passive_subjects + prep_objects(head, set(preps)):
        if o.ent_type_ in ("DATE", "TIME") or (skip_own and _own(o)):
            continue  # "on Friday", "recalled its ambassador"
        if o.pos_ == "NUM" and o.i != trigger.i and head.lemma_ in NUMBER_OBJECT_VERBS:
            return [ActorRef(actor=None, text=o.text)]  # "arresting 12", "killing 20"
        if o.i == trigger.i or o.pos_ not in ("NOUN", "PROPN"):
            continue
        if _agent_noun(o) is None and not (things and o.lemma_.lower() in ATTACKED_THINGS) \
                and not (anyone and o.pos_ == "NOUN" and not o.ent_type_):
            continue
        return [ActorRef(actor=None, text=o.doc[o.left_edge.i:o.i + 1].text)]
    return []


def _own(o: Token) -> bool:
    """An object the actor owns: "its ambassador", "their troops"."""
    return any(p.dep_ == "poss" and p.lower_ in ("its", "their") for p in o.children)


# ---------------------------------------------------------------- the police, unnamed

# what only the police do to people: "was arrested", "were detained", "taken into custody"
ARREST_CAMEOS = frozenset({"173"})
# what only the police do to crowds: lathicharges, tear gas, water cannon
CROWD_CONTROL_CAMEOS = frozenset({"175"})
# where only the police hold people
POLICE_PLACES = frozenset({"lock-up", "lockup", "thana", "chowki", "kotwali"})


def _arrest(c: Candidate) -> bool:
    return c.entry.type == "COERCE" and c.entry.cameo in ARREST_CAMEOS


def _agentless(c: Candidate) -> bool:
    """ "was arrested on Sunday", "after his arrest", "were lathicharged": no one is named
    for it."""
    head = c.head
    if c.trigger.pos_ == "NOUN" and c.trigger == head:
        return not any(x.dep_ == "prep" and x.lower_ == "by" for x in head.children)
    return _passive_clause(head) and not any(x.dep_ == "agent" for x in head.children)


def _arresting_body(c: Candidate) -> str | None:
    """An arrest's subject no list names ("the ats arrested", "the sog nabbed"): a body
    that arrests people is a police body; its words are kept."""
    subj, passive = clause_subject(c.head)
    if undergone_act(c.head) is not None:
        return None  # "remained under house arrest": the subject is the one held
    if passive:  # "was caught by a team of the task force"
        subj = [o for x in c.head.children if x.dep_ == "agent" for o in x.children
                if o.dep_ == "pobj"]
    if not subj or subj[0].pos_ not in ("NOUN", "PROPN") or \
            subj[0].lower_ in NONPERSON_PRONOUNS or \
            (subj[0].lemma_.lower(), "N") in trigger_lexicon():  # "raids are on to nab"
        return None
    tok = subj[0]
    return tok.doc[tok.left_edge.i:tok.i + 1].text


def _police_place(o: Token, police_named: bool) -> bool:
    """A place only the police hold people in; `police_named` when the words before
    said the police took him there ("brought to the station": no bus or railway
    station named)."""
    held = {m.lemma_.lower() for m in o.children if m.dep_ in ("compound", "amod")}
    return _noun_word(o) in POLICE_PLACES or (  # "lock-up" is parsed "lock", "-", "up"
        o.lemma_.lower() in ("station", "custody") and
        ("police" in held or (police_named and not held)))


def _in_police_hands(c: Candidate) -> bool:
    """"was beaten at the police station", "tortured in police custody", "died in the
    lock-up": done where only the police hold people (not "in judicial custody"); or
    after the police took him: "beaten to death after being brought to the station",
    "tortured after he was taken into custody"."""
    for p in c.head.children:
        if p.dep_ == "prep" and p.lower_ in ("at", "in", "inside") and any(
                o.dep_ == "pobj" and _police_place(o, False) for o in p.children):
            return True
        after = (p.dep_ == "prep" and p.lower_ == "after") or (p.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ == "after" for m in p.children))
        if after and any(o.dep_ == "pobj" and _police_place(o, True) for o in p.subtree):
            return True
    return False


def _done_in_police_hands(c: Candidate) -> bool:
    """No doer named ("was beaten", "died") for an act done where only the police hold
    people: the police did it."""
    return (_agentless(c) or victim_subject(c.head)) and _in_police_hands(c)


def _body(ref: ActorRef) -> bool:
    return ref.text.split()[-1].lower() in ACTING_BODIES


def _police(text: str) -> ActorRef:
    return ActorRef(actor=None, text=text, country=None, sector="COP", code="COP",
                    inferred=True)
