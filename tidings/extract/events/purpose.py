"""An arrest or attack told only as what someone set out to do: "raids are on to nab
the accused", "a team went to the house to arrest him", "teams have been formed to
trace and arrest the gang". The purpose is not the act."""
from __future__ import annotations

from ..event_rules import rule
from .coding import Clause, Coding

# the types whose purpose, told alone, is so often not done yet
PURPOSE_TYPES = frozenset({"COERCE", "ASSAULT"})


@rule("veto", "purpose_only", "A police team went to the village to arrest the accused.")
def purpose_only(k: Coding, cl: Clause) -> bool:
    """An infinitive of purpose ("to arrest him") under a verb that is no event itself."""
    head = k.c.head
    if k.entry.type not in PURPOSE_TYPES or k.c.trigger.pos_ != "VERB":
        return False
    if head.dep_ not in ("advcl", "acl", "relcl") or head.head.i == head.i:
        return False
    to = any(a.dep_ == "aux" and a.lower_ == "to" for a in head.children)
    return to and head.head.i not in cl.by_index
