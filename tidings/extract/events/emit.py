"""Emit: an event from a coding that passed every stage, with the rules that made it."""
from __future__ import annotations

from ...models import Event, Mention
from ...ontology.cameo import goldstein, quad_class
from ...ontology.words import words
from ..event_context import _confidence, _context
from ..event_rules import active, register
from ..event_triggers import Candidate
from .cameo_codes import refine_cameo
from .coding import Clause, Coding
from .countries import place_sides
from .sides import OWN_OBJECT_TYPES, PHRASE_VERBS
from .unnamed import _unresolved_objects

register("unnamed_object", "side", "Gunmen abducted a local chief in Kasese.",
         "An object that names no known actor is kept as text: who, before where.")
register("assault_mode", "emit", "Russian drones attacked power stations in Kyiv.",
         "A drone or an aircraft among the trigger's words makes the assault's mode.")

# Modifiers that specify an ASSAULT's mode.
AERIAL = words("aerial_words")
DRONE = words("drone_words")
# Prepositions naming who force was used on: "fired tear gas at", "used force against".
VICTIM_PREPS = words("victim_preps")
# acts whose object may be a thing that stands for its owners: "torched four homes",
# "blockaded the airport"
THING_TYPES = frozenset({"ASSAULT", "PROTEST"})
# acts done only to people: arrest, abduct, beat or torture
DONE_TO_PEOPLE = frozenset({"173", "181", "182"})


def _refine_mode(c: Candidate) -> str | None:
    mode = c.entry.mode
    if c.entry.type != "ASSAULT":
        return mode
    words = {t.lower_ for t in c.trigger.children} | {c.trigger.lower_}
    if c.governor is not None:
        words |= {t.lower_ for t in c.governor.children}
    if words & DRONE:
        return "drone"
    if words & AERIAL or c.trigger.lower_.startswith("air"):
        return "aerial"
    return mode



def _target_refs(k: Coding, cl: Clause) -> list:
    c, entry, index = k.c, k.entry, cl.index
    target_refs = [index.ref(a, cl.doc, t) for a, t in k.targets]
    if not target_refs and (c.trigger.pos_ != "NOUN" or c.governor is not None) and \
            not (c.entry.objects and c.head.lemma_ in PHRASE_VERBS) and \
            entry.type != "MOBILIZE" and active("unnamed_object"):
        # "killed one person", "abducted a local chief in Kasese": who, before where
        target_refs = _unresolved_objects(
            k.helped if k.helped is not None else c.head, c.trigger,
            VICTIM_PREPS if entry.type in ("ASSAULT", "COERCE") else frozenset(),
            skip_own=entry.type in OWN_OBJECT_TYPES, things=entry.type in THING_TYPES,
            anyone=entry.cameo in DONE_TO_PEOPLE)
        if target_refs and k.inferred and target_refs[0].text.endswith(k.inferred[0].text):
            target_refs = []  # the object is the place itself: "provide Ukraine with"
        if target_refs:
            k.fired("unnamed_object")
    return target_refs or k.inferred


def emit(k: Coding, cl: Clause, counter: list[int]) -> Event:
    c, entry, index, sent = k.c, k.entry, cl.index, cl.sent
    trigger_toks = [c.trigger] + ([c.governor] if c.governor is not None else [])
    t_start = min(t.idx for t in trigger_toks)
    t_end = max(t.idx + len(t.text) for t in trigger_toks)
    s_end = sent.start_char + len(sent.text.rstrip())
    counter[0] += 1
    cameo, instrument_mode = refine_cameo(k, cl)
    c.entry = entry  # later candidates of the sentence see this one's final type
    source_refs = [index.ref(a, cl.doc, t) for a, t in k.sources]
    if not source_refs and k.unnamed is not None:
        source_refs = [k.unnamed]
        k.fired("unnamed_subject")
    target_refs = _target_refs(k, cl)
    k.by.extend(place_sides(source_refs, target_refs, k.where, entry.type, sent, index))
    mode = _refine_mode(c) if active("assault_mode") else c.entry.mode
    if mode != c.entry.mode:
        k.fired("assault_mode")
    elif mode is None:
        mode = instrument_mode  # "gunmen attacked": firearms, from assault_instrument
    when = k.when
    return Event(
        id=f"e{counter[0]}", type=entry.type, mode=mode,
        context=_context(c, index.text[sent.start_char:s_end], source_refs, target_refs),
        cameo=cameo, goldstein=goldstein(cameo),
        quad_class=quad_class(cameo),
        source=source_refs,
        target=target_refs,
        date=when.value if when else None,
        date_precision=when.precision if when else None,
        location=k.where, negated=k.negated, modality=k.modality,
        confidence=_confidence(c, len(k.sources), len(k.targets), k.modality, k.negated),
        sentence=Mention(sent.start_char, s_end, index.text[sent.start_char:s_end]),
        trigger=Mention(t_start, t_end, index.text[t_start:t_end]),
        quote=k.quote.id if k.quote is not None else None,
        by=k.by,
    )
