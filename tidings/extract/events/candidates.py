"""Stage 1: the candidates of a sentence, from the trigger lexicon, "X said Y must Z"
demands, and manner nouns merged into the verb they describe."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ...ontology.lexicon import TriggerEntry
from ..event_rules import active, register
from ..event_triggers import Candidate, _must_requests, find_candidates

register("must_request", "candidate",
         "The minister said Iran must release the detained sailors.",
         "\"X said Y must Z\" is X's demand of Y (REQUEST 100); what is demanded is not "
         "itself an event.")
register("manner_merge", "candidate",
         "Israeli forces killed a Hamas commander in an airstrike in Gaza.",
         "\"killed a commander in an airstrike\": the airstrike is how the killing was "
         "done, one event; its mode passes to the verb.")


def _inside(tok: Token, heads: list[Token]) -> bool:
    return any(h.i != tok.i and h in tok.ancestors for h in heads)


def sentence_candidates(sent: Span) -> list[Candidate]:
    cands = find_candidates(sent)
    musts = _must_requests(sent, cands) if active("must_request") else []
    if musts:  # what is demanded is not itself an event
        must_heads = [m.trigger for m in musts]
        cands = [c for c in cands if c.head not in must_heads
                 and not _inside(c.head, must_heads)]
        for m in musts:
            m.by.append("must_request")
        cands += musts
    return cands


def trigger_index(cands: list[Candidate]) -> dict[int, Candidate]:
    by_index = {c.trigger.i: c for c in cands}
    for c in cands:
        if c.governor is not None:
            by_index.setdefault(c.governor.i, c)
    return by_index


def merge_manner(cands: list[Candidate], by_index: dict[int, Candidate]) -> list[Candidate]:
    """"killed a commander in an airstrike": the airstrike is how the killing was done,
    one event; its mode ("aerial") passes to the verb."""
    if not active("manner_merge"):
        return cands
    keep = []
    for c in cands:
        t = c.trigger
        if t.pos_ == "NOUN" and c.governor is None and t.dep_ == "pobj" and \
                t.head.lower_ in ("in", "with", "during", "by", "through"):
            verb = by_index.get(t.head.head.i)
            if verb is not None and verb is not c and verb.entry.type == c.entry.type:
                if verb.entry.mode is None and c.entry.mode:
                    e = verb.entry
                    verb.entry = TriggerEntry(e.lemma, e.pos, e.type, c.entry.mode,
                                              c.entry.cameo, e.weight)
                verb.by.append("manner_merge")
                continue
        if t.lemma_ == "use" and t.dep_ in ("acl", "advcl"):
            # "broken up by police using stun grenades": how the act was done
            verb = next((by_index[a.i] for a in list(t.ancestors)[:3] if a.i in by_index), None)
            if verb is not None and verb is not c and verb.entry.type == c.entry.type:
                verb.by.append("manner_merge")
                continue
        keep.append(c)
    return keep
