"""Who is let, or not let, do something: "refused to let German planes use the base",
"agreed to allow UN inspectors to visit the plants". The parser hangs them as the
subject of a clause under "let" / "allow" (or as its object): they are the other side
of the agreement, refusal or concession. And who a verb's needed preposition names:
"called in the Russian charge d'affaires", "opened its borders to Syrians"."""
from __future__ import annotations

from spacy.tokens import Token

from ...ontology.words import words
from ..event_args import prep_objects
from ..event_rules import rule
from ..event_sides import ActorIndex, np_actors
from ..event_triggers import Candidate

PERMIT_VERBS = words("permit_verbs")
PERMISSION_TYPES = frozenset({"AGREE", "REJECT", "CONCEDE", "RETREAT"})
# types whose needed preposition may name the one acted on (not "fired into the sea")
PHRASE_PARTY_TYPES = frozenset({"ACCUSE", "AID", "CONCEDE"})


def _permitted(verb: Token) -> list[Token]:
    """Who `verb` ("let", "allow") lets act: its object, or its clause's subject."""
    out = []
    for child in verb.children:
        if child.dep_ == "dobj":
            out.append(child)
        elif child.dep_ == "ccomp":
            out += [t for t in child.children if t.dep_ == "nsubj"]
    return out


@rule("side", "permitted_party",
      "The Kyrgyz parliament refused to let German transport planes use the air base.")
def permitted_party(c: Candidate, index: ActorIndex, s) -> None:
    """"refused to let German planes use the base", "would allow UN inspectors to
    visit": whoever is let, or not let, act is the other side."""
    if s.targets or c.entry.type not in PERMISSION_TYPES:
        return
    own = frozenset(a for a, _ in s.sources)
    verbs = [c.head] + [x for x in c.head.children if x.dep_ == "xcomp"]
    for verb in verbs:
        if verb.lemma_.lower() in PERMIT_VERBS:
            for who in _permitted(verb):
                s.targets += np_actors(who, index, exclude=own)


@rule("side", "phrase_party", "France called in the Russian charge d'affaires.")
def phrase_party(c: Candidate, index: ActorIndex, s) -> None:
    """A trigger read with a needed preposition whose object is someone ("called in the
    Russian charge d'affaires", "opened its borders to thousands of Syrians"): that one
    is the other side, when no object named it."""
    if s.targets or not c.entry.preps or not c.entry.prep_objects or \
            c.entry.type not in PHRASE_PARTY_TYPES:
        return
    own = frozenset(a for a, _ in s.sources)
    for p in prep_objects(c.head, set(c.entry.preps)):
        s.targets += np_actors(p, index, exclude=own)
