"""Modality: negation and the modality of the trigger's clause, and the named rules
that refine it (future in the past, reported, historical)."""
from __future__ import annotations

from typing import Any

from ..event_args import in_anniversary, is_negated, modality_of, reporting_verb
from ..event_context import _is_historical
from ..event_rules import active, register
from .coding import Clause, Coding

register("future_in_past", "modality", "Farmers said they would blockade Paris.",
         "\"said they would blockade\": future in the past, not hypothetical.")
register("reported_speech", "modality", "Syrian state media said Israeli jets struck Damascus.",
         "An asserted act under a speech verb is reported.")
register("reported_in_quote", "modality",
         '"Syrian troops shelled our border posts. We will not forget it," Turkish President '
         'Recep Tayyip Erdogan said.',
         "An asserted act inside someone else's quote is reported.")
register("historical", "modality",
         "Iran condemned the killing of Qasem Soleimani by American forces in Baghdad on "
         "January 3, 2020.",
         "An act dated well before publication, or inside an anniversary, is historical.")


def read_modality(k: Coding, cl: Clause) -> None:
    """Negation, modality and the reporting verb of the trigger's clause."""
    c = k.c
    k.negated = is_negated(c.trigger, c.governor)
    k.modality = modality_of(c.trigger, c.governor)
    k.reporter = reporting_verb(c.head)
    if active("future_in_past") and k.modality == "hypothetical" and \
            k.reporter is not None and any(a.lower_ == "would" for a in c.head.children):
        k.modality = "future"  # "said they would blockade": future in the past
        k.fired("future_in_past")


def event_date(k: Coding, cl: Clause) -> Any:
    """The date of the trigger's clause, or of the clause it hangs from, or of a
    setting phrase ("In a Saturday meeting ..., Zarif condemned": the meeting's)."""
    c, dates = k.c, cl.dates
    when = dates.get(c.trigger.i) or (dates.get(c.governor.i) if c.governor else None)
    h = c.head
    for _ in range(4):  # "attacked ..., killing 19 and torching homes", "recovered
        # weapons after raiding a camp": the date of the act they hang from
        if when is not None or h.dep_ not in ("xcomp", "advcl", "conj", "pcomp", "prep"):
            break
        h = h.head
        when = dates.get(h.i)
    if when is None:
        for other in cl.cands:
            h = other.trigger
            if other is not c and (h.head.i == c.head.i or (
                    h.dep_ == "pobj" and h.head.head.i == c.head.i)):
                when = when or dates.get(h.i)
    return when


def settle_modality(k: Coding, cl: Clause) -> None:
    """Reported (a speech verb or another's quote) and historical, once the type is final."""
    if active("reported_speech") and k.modality == "asserted" and k.reporter is not None:
        k.modality = "reported"
        k.fired("reported_speech")
    quote = k.quote
    if active("reported_in_quote") and k.modality == "asserted" and quote is not None and \
            quote.speaker and quote.speaker not in {a for a, _ in k.sources}:
        k.modality = "reported"
        k.fired("reported_in_quote")
    k.when = event_date(k, cl)
    if active("historical") and k.modality in ("asserted", "reported") and (
            in_anniversary(k.c.trigger) or _is_historical(k.when.value if k.when else None,
                                                          cl.published)):
        k.modality = "historical"
        k.fired("historical")
