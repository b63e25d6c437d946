"""The state one sentence and one candidate carry through the stages of event coding."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span, Token

from ...models import ActorRef, Location, Mention
from ...ontology.lexicon import TriggerEntry
from ..event_sides import ActorIndex
from ..event_triggers import Candidate

Side = list[tuple[str, Token]]  # (actor id, the token naming it)


@dataclass
class Clause:
    """One sentence being coded: its candidates and what its clauses carry."""
    doc: Doc
    sent: Span
    index: ActorIndex
    cands: list[Candidate]
    by_index: dict[int, Candidate]            # trigger (and light verb) index -> candidate
    dates: dict[int, Any]                     # trigger index -> its clause's DateRef
    places: dict[int, list]                   # trigger index -> its clause's places
    published: date | None
    vetoed: list[tuple[str, Candidate]] = field(default_factory=list)


@dataclass
class Coding:
    """One candidate on its way to an event; each stage fills its part."""
    c: Candidate
    entry: TriggerEntry
    by: list[str]
    sources: Side = field(default_factory=list)
    targets: Side = field(default_factory=list)
    unnamed: ActorRef | None = None           # "Prisoners rioted": no known actor
    nominal: bool = False                     # an event noun with no light verb
    outer: Candidate | None = None            # the event a nominal one is the argument of
    where: Location | None = None
    inferred: list[ActorRef] = field(default_factory=list)
    quote: Any = None                         # the Quote the trigger sits in
    negated: bool = False
    modality: str = "asserted"
    reporter: Token | None = None             # "said" of "X said Y attacked Z"
    helped: Token | None = None               # "to help" of troops sent as aid
    when: Any = None                          # DateRef

    def fired(self, name: str) -> None:
        if name not in self.by:
            self.by.append(name)


@dataclass(frozen=True)
class Vetoed:
    """A candidate a veto dropped: which rule, on which trigger."""
    rule: str
    type: str
    trigger: Mention
    cameo: str = ""  # the trigger's CAMEO code, to tell "release" (084) from "eased" (085)

    @classmethod
    def of(cls, rule: str, c: Candidate, text: str) -> Vetoed:
        toks = [c.trigger] + ([c.governor] if c.governor is not None else [])
        start = min(t.idx for t in toks)
        end = max(t.idx + len(t.text) for t in toks)
        return cls(rule, c.entry.type, Mention(start, end, text[start:end]),
                   c.entry.cameo or "")
