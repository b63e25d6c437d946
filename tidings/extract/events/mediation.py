"""Mediation told in passing: "a ceasefire brokered by Norway", "a Norwegian-brokered
ceasefire", "talks hosted by the Egyptian president". The broker or host is the source;
the parties to what was brokered (those who signed, accepted or held it) are the targets.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..event_args import clause_subject
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
