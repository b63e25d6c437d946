"""Deaths in police hands: the police's act only when the story blames them."""
from __future__ import annotations

from ...ontology.words import words
from ..casualties import DEATH_AS_ATTACK
from ..event_args import NEGATORS
from ..event_rules import rule
from .coding import Clause, Coding

# What blames the police for a death in their hands ("his family alleged he was beaten",
# "injuries on the body"); a cue just after a negator ("no injuries") blames no one.
CUSTODY_BLAME_WORDS = words("custody_blame_words")
DENYING = NEGATORS | {"no", "without"}


@rule("veto", "custody_death_unblamed",
      "A man died in the lock-up of the city police station on Sunday, officials said.")
def custody_death_unblamed(k: Coding, cl: Clause) -> bool:
    """A death in police hands ("died in the lock-up") is the police's act only when the
    story blames them: a beating, torture or injuries it tells (not denies)."""
    if "in_police_hands" not in k.by or k.entry.cameo != DEATH_AS_ATTACK:
        return False
    doc = cl.sent.doc
    return not any(t.lower_ in CUSTODY_BLAME_WORDS and not any(
        x.lower_ in DENYING for x in doc[max(0, t.i - 3):t.i])
        for t in doc)
