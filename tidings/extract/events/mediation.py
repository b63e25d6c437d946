"""Mediation told in passing: "a ceasefire brokered by Norway", "a Norwegian-brokered
ceasefire", "talks hosted by the Egyptian president". The broker or host is the source;
the parties to what was brokered (those who signed, accepted or held it) are the targets.
Also the other sides "between" names: the parties a go-between stands between, and those
fighting between themselves.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..event_args import clause_subject, prep_objects
from ..event_rules import rule
from ..event_sides import ActorIndex, _dedupe, np_actors
from ..event_triggers import Candidate

# what a third party brokers (045), mediates or hosts (043)
MEDIATION_CAMEOS = frozenset({"045", "043"})


def told_in_passing(c: Candidate) -> bool:
    """"a deal brokered by X", "a Norwegian-brokered truce": a participle describing what
    was brokered, an act in its own right (not the content of the verb above it)."""
    return c.entry.cameo in MEDIATION_CAMEOS and (
        (c.trigger.dep_ == "acl" and c.trigger.tag_ == "VBN") or _prefix(c.trigger) is not None)


def _prefix(trigger: Token) -> Token | None:
    """"Norwegian" of "Norwegian-brokered"."""
    doc = trigger.doc
    if trigger.i >= 2 and doc[trigger.i - 1].text == "-":
        return doc[trigger.i - 2]
    return None


def mediation_sides(c: Candidate, index: ActorIndex, sources: list,
                    targets: list) -> tuple[list, list]:
    """The broker named by a hyphened prefix, and the parties to the brokered thing."""
    prefix = _prefix(c.trigger)
    if not sources and prefix is not None:
        sources = _dedupe(np_actors(prefix, index))
    thing = c.trigger.head  # the deal, truce or talks the participle describes
    if not targets:
        verb = thing.head.head if thing.dep_ == "pobj" else thing.head
        if thing.dep_ in ("dobj", "pobj", "nsubjpass") and verb.pos_ in ("VERB", "AUX"):
            subj, _ = clause_subject(verb)
            held = {a for a, _ in sources}
            targets = _dedupe([a for s in subj for a in np_actors(s, index) if a[0] not in held])
    return sources, targets


# What a go-between stands between: "mediate between X and Y", "a deal between X and Y",
# "a go-between for X and Y".
_MEDIATING = frozenset({"mediate", "mediating", "broker", "mediator", "mediators",
                        "go-between", "between", "intermediary", "middleman", "facilitator",
                        "guarantor", "shuttle", "mediation", "talks", "deal", "negotiations",
                        "dialogue", "truce", "ceasefire", "accord", "agreement", "peace"})
_GO_BETWEENS = frozenset({"mediator", "mediators", "go-between", "intermediary", "broker",
                          "middleman", "facilitator", "guarantor", "between"})  # "go-between"
# where a clause of its own begins: its parties are not the go-between's
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "conj", "nsubj",
                          "nsubjpass"})
# offering to mediate (AGREE 039), mediating (CONSULT 045), giving it up (SANCTION 165)
PARTIES_TYPES = frozenset({"AGREE", "CONSULT", "SANCTION"})


def _parties(trigger: Token) -> list[Token]:
    """The noun phrases a go-between stands between, in the trigger's own clause and
    those it governs without a subject ("offered to help broker a deal between ...")."""
    out, todo = [], [trigger]
    while todo:
        tok = todo.pop()
        for child in tok.children:
            if child.dep_ in _CLAUSE_DEPS:
                continue
            if child.dep_ == "prep" and tok.lower_ in _MEDIATING and (
                    child.lower_ == "between" or
                    (child.lower_ == "for" and tok.lower_ in _GO_BETWEENS)):
                for first in (x for x in child.children if x.dep_ == "pobj"):
                    out += [first] + [x for x in first.children if x.dep_ == "conj"]
                continue
            todo.append(child)
    return out


@rule("side", "mediated_parties",
      "The church offered to mediate between the government and the unions.")
def mediated_parties(c: Candidate, index: ActorIndex, s) -> None:
    """"offered to mediate between the government and the unions", "withdrew as mediator
    between Kinshasa and the M23", "a go-between for the junta and the bishops": the
    parties the go-between stands between are the other side."""
    if s.targets or c.entry.type not in PARTIES_TYPES:
        return
    own = frozenset(a for a, _ in s.sources)
    for party in _parties(c.trigger):
        s.targets += np_actors(party, index, exclude=own)


@rule("side", "between_sides",
      "Fierce fighting between the army and the rebels continued in the east.")
def between_sides(c: Candidate, index: ActorIndex, s) -> None:
    """"fighting between the army and the rebels", "clashes broke out between X and Y":
    the first named is one side, the second the other."""
    if s.sources or c.entry.type != "ASSAULT":
        return
    trig = c.trigger
    holders = [trig] + ([trig.head] if trig.dep_ in ("nsubj", "nsubjpass") else [])
    for first in [o for h in holders for o in prep_objects(h, {"between"})]:
        second = [x for x in first.children if x.dep_ == "conj"]
        others = [a for x in second for a in np_actors(x, index)]
        other_ids = {a for a, _ in others}
        s.sources += [a for a in np_actors(first, index) if a[0] not in other_ids]
        s.targets += others
        return
