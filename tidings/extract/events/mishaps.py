"""Acts of nature and mishaps: storms, quakes, floods, "a fire in a market" and a bus
that collided kill too, but attack no one (read by the vetoes)."""
from __future__ import annotations

from spacy.tokens import Token

from ...ontology.words import words
from ..event_args import agent_of, clause_subject
from ..event_triggers import Candidate

NATURAL_HAZARDS = words("natural_hazards")
MISHAP_VERBS = words("mishap_verbs")
ARMED_ACTS = words("armed_act_nouns")


def doers(c: Candidate) -> list[Token]:
    """Who or what does the candidate's act: the subject, or the by-agent of a passive."""
    subj, passive = clause_subject(c.head)
    return agent_of(c.head) if passive else list(subj)


def by_nature(c: Candidate) -> bool:
    """Storms, quakes, floods, blazes and "a fire" kill too, but attack no one; nor does a
    bus that collided ("..., killing 14 passengers", "killed when a bus collided with
    a truck")."""
    head = c.head
    if head.tag_ == "VBG" and head.dep_ in ("advcl", "xcomp") and \
            head.head.lemma_.lower() in MISHAP_VERBS:
        return True
    if not doers(c) and any(_mishap_clause(x) for x in head.children):
        return True  # "were killed when their bus collided with a truck"
    return any(t.lemma_.lower() in NATURAL_HAZARDS or _a_fire(t) for s in doers(c)
               for t in [s, *(x for x in s.children if x.dep_ == "compound")])


def _a_fire(tok: Token) -> bool:
    """"a fire in a market", "the fire": a blaze, not the "fire" of "Israeli fire" or
    "police fire" (shots: someone's, named before it)."""
    return tok.lower_ == "fire" and any(d.dep_ == "det" for d in tok.children) and not any(
        d.dep_ in ("amod", "compound", "poss", "nmod") for d in tok.children)


def _mishap_clause(clause: Token) -> bool:
    """"when their plane crashed", "after the building collapsed": a mishap's clause,
    with no armed act in it ("collapsed after an airstrike")."""
    return clause.dep_ == "advcl" and clause.lemma_.lower() in MISHAP_VERBS and any(
        m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "after", "as")
        for m in clause.children) and not any(
        t.lemma_.lower() in ARMED_ACTS for t in clause.subtree)
