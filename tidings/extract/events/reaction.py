"""Targets an event's own clause does not name, read from the acts around it:

- a reaction to an act told before it ("Turkey shot down a Russian jet, and Putin called
  it a stab in the back", "his predecessor pardoned four exiles, and Havana denounced the
  pardon"; "... Eritrea rejected the accusation" a sentence later) is aimed at whoever
  did that act;
- a second act of the same doers coordinated with a first ("detained 200 workers and used
  water cannon") is done to the first act's target;
- sides that act on "each other" are each other's targets.

Each runs only on events with no target that names an actor or a country."""
from __future__ import annotations

import dataclasses
from bisect import bisect_right

from spacy.tokens import Doc, Token

from ...models import Event
from ...ontology.words import words
from ..event_rules import active, register
from .coding import Coding

register("reaction_to_act", "side",
         "Turkish jets shot down a Russian warplane, and Moscow called it a betrayal.",
         "A criticism, support, demand or refusal of an act the sentence told before it "
         "(\"called it ...\", \"condemned the attack\", \"a move X rejected\") is aimed at "
         "that act's doer, when its clause names no other target.")

register("reaction_across_sentences", "side",
         "Ethiopia accused Eritrea of sheltering the kidnappers. Eritrea rejected the "
         "accusation.",
         "A reaction that names an act by a noun (\"rejected the accusation\", \"welcomed "
         "the vote\") with no act before it in its sentence answers the last such act of the "
         "four sentences before it.")
register("shared_target", "side",
         "Police detained 200 workers and used water cannon to push them back.",
         "A second act coordinated with a first (\"... and used water cannon\"), by the same "
         "side, with no target of its own, is done to the first act's target.")
register("reciprocal_sides", "side",
         "Kyiv and Moscow accused each other of shelling the nuclear plant.",
         "Sides that act on \"each other\", \"one another\" or \"the other\" are also "
         "each other's targets.")

REACTION_TYPES = frozenset({"ACCUSE", "SUPPORT", "REQUEST", "REJECT", "THREATEN"})
# nouns that name an act already told: "the move", "the attack", "the pardon"
ACT_NOUNS = words("act_reference_nouns")
ACT_PRONOUNS = frozenset({"it", "this", "that"})
# a noun of force names a force act: "condemned the attack" after an air strike
FORCE_NOUNS = words("force_reference_nouns")
# "warned of a response in kind", "threatened retaliation": an answer to the act told
RESPONSE_NOUNS = words("response_nouns")
_OBJECT_DEPS = frozenset({"dobj", "pobj", "nsubjpass", "attr", "oprd"})
_CLIMB_DEPS = frozenset({"ccomp", "xcomp", "conj"})


def _act_reference(head: Token) -> Token | None:
    """The word by which the reaction names an earlier act: its object ("condemned the
    pardon", "called it ...", "an inquiry into the strike"), or the noun a relative clause
    hangs on ("a move officials said they could not accept")."""
    frontier = [(t, 1) for t in head.children if t.dep_ in _OBJECT_DEPS | {"prep"}]
    # "warned that the decision would be a mistake"
    frontier += [(s, 2) for t in head.children if t.dep_ == "ccomp" for s in t.children
                 if s.dep_ == "nsubj"]
    while frontier:
        tok, depth = frontier.pop(0)
        if tok.dep_ in _OBJECT_DEPS | {"nsubj"} and _names_an_act(tok):
            return tok
        if depth < 4 and tok.pos_ in ("NOUN", "ADP"):
            frontier += [(t, depth + 1) for t in tok.children if t.dep_ in _OBJECT_DEPS
                         or t.dep_ == "prep"]
    tok = head
    while tok.dep_ in _CLIMB_DEPS and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in ("relcl", "acl") and tok.head.lower_ not in ACT_PRONOUNS and \
            _names_an_act(tok.head):
        return tok.head
    return None


def _names_an_act(tok: Token) -> bool:
    return tok.lower_ in ACT_PRONOUNS and tok.pos_ == "PRON" or \
        tok.pos_ == "NOUN" and tok.lemma_.lower() in ACT_NOUNS | RESPONSE_NOUNS


def _unaimed(event: Event) -> bool:
    """No target the clause names: none, or only words that name no actor or country."""
    return all(r.actor is None and r.country is None for r in event.target)


def _antecedent(ref: Token, event: Event, earlier: list[Event]) -> Event | None:
    """The act `ref` names among the events told before it: the one its word names
    ("the pardon" - "pardoned"), else the last force act for a noun of force, else the
    last act; never one of the reacting side's own, nor one whose doer is unnamed."""
    stem = ref.lemma_.lower()[:5]
    same_word = [e for e in earlier if e.trigger.text.lower()[:5] == stem]
    own = {r.actor or r.text for r in event.source}
    candidates = [e for e in same_word[-1:] or earlier
                  if any(r.actor is not None or r.country for r in e.source)
                  and not own & {r.actor or r.text for r in e.source}]
    if same_word or not candidates:
        return candidates[-1] if candidates else None
    if ref.lemma_.lower() in FORCE_NOUNS:
        force = [e for e in candidates if e.type == "ASSAULT"]
        return force[-1] if force else None
    return candidates[-1]


def _same_side(a: Event, b: Event) -> bool:
    """Whether two events have the same doers (by actor, else by the words)."""
    return bool(a.source) and {r.actor or r.text for r in a.source} == \
        {r.actor or r.text for r in b.source}


def _reciprocal(head: Token) -> bool:
    """"accused each other", "blamed one another", "each accused the other"."""
    return any(t.dep_ in ("dobj", "pobj") and (
        t.lower_ == "other" and any(d.lower_ in ("each", "the") for d in t.children)
        or t.lower_ == "one" and any(d.lower_ == "another" for d in t.children))
        for t in list(head.children) + [p for c in head.children if c.dep_ == "prep"
                                        for p in c.children])


def aim_reactions(codings: list[Coding], events: list[Event]) -> None:
    """Give each reaction that names an earlier act of its sentence, and no target of
    its own, that act's doer as its target; sides acting on each other, each other."""
    heads = {k.c.head.i: e for k, e in zip(codings, events, strict=True)}
    for k, event in zip(codings, events, strict=True):
        first = heads.get(k.c.head.head.i) if k.c.head.dep_ == "conj" else None
        if active("shared_target") and first is not None and first is not event and \
                _unaimed(event) and not _unaimed(first) and _same_side(first, event):
            event.target = [dataclasses.replace(r) for r in first.target]
            event.by.append("shared_target")
            continue
        if active("reciprocal_sides") and len(event.source) >= 2 and _unaimed(event) \
                and _reciprocal(k.c.head):
            event.target = [dataclasses.replace(r) for r in event.source]
            event.by.append("reciprocal_sides")
            continue
        if not active("reaction_to_act") or event.type not in REACTION_TYPES or \
                not _unaimed(event):
            continue
        ref = _act_reference(k.c.head)
        if ref is None:
            continue
        earlier = [e for e in events if e.trigger.start < event.trigger.start
                   and e is not event]
        act = _antecedent(ref, event, earlier)
        if act is None:
            continue
        event.target = [dataclasses.replace(r) for r in act.source]
        if "reaction_to_act" not in event.by:
            event.by.append("reaction_to_act")


def aim_reactions_across(doc: Doc, events: list[Event]) -> None:
    """Reactions still unaimed whose object names an act by a noun ("Eritrea rejected the
    accusation") answer the last act of the four sentences before theirs."""
    if not active("reaction_across_sentences"):
        return
    sent_starts: list[int] = []
    for event in events:
        if event.type not in REACTION_TYPES or not _unaimed(event):
            continue
        span = doc.char_span(event.trigger.start, event.trigger.end,
                             alignment_mode="expand")
        ref = _act_reference(span.root) if span is not None else None
        if ref is None or ref.pos_ != "NOUN":
            continue  # a pronoun across sentences may well stand for an actor
        sent_starts = sent_starts or [s.start_char for s in doc.sents]
        here = bisect_right(sent_starts, event.trigger.start) - 1
        lower = sent_starts[max(here - 4, 0)]
        earlier = [e for e in events if lower <= e.trigger.start < sent_starts[here]]
        act = _antecedent(ref, event, earlier)
        if act is not None:
            event.target = [dataclasses.replace(r) for r in act.source]
            event.by.append("reaction_across_sentences")
