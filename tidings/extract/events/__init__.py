"""tidings_events: PLOVER/CAMEO events from trigger words and the dependency parse.

Coding a sentence runs named stages, like spaCy's own components (match, then set
annotations), each a list of small rules registered in `tidings.extract.event_rules`:

    candidates  trigger words and light verbs; "X said Y must Z"; manner nouns merged;
                words the lexicon lacks, proposed by the learned model (learned.py)
    retypes     (on the trigger) a workers' strike is a protest
    vetoes      (on the trigger) content of another act, a condition, a sport, ...
    sides       who acts on whom, one strategy per construction (`sides.TARGETS`)
    vetoes      (on the sides) an event noun that is another act's argument, no sides
    modality    negation, future, hypothetical; "said they would"
    retypes     the table ontology/data/event_retypes.tsv, in order
    vetoes      (on the type) fighting no one, a body meeting on its own
    modality    reported, historical
    emit        unknown sides kept as text, countries inferred, the event

then, over the whole article (article.py): retellings joined into one event with all
its mentions, each event dated and placed where the text allows.

An event lists the rules that made it in `Event.by`; a dropped candidate is recorded on
`doc._.event_vetoes` with the veto that dropped it. Reported speech, negation and
modality are flagged, not hidden.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...models import Event
from ...ontology.lexicon import trigger_lexicon
from ..doc import register_extensions
from ..event_context import (
    _best_place,
    _clause_dates,
    _clause_places,
    _published_date,
    calibrated,
)
from ..event_rules import DISABLED, RULES, switched_off
from ..event_sides import ActorIndex, np_actors
from ..event_triggers import Candidate, find_candidates, is_light_verb, verb_lemmas
from .article import code_article
from .candidates import merge_manner, sentence_candidates, trigger_index
from .coding import Clause, Coding, Vetoed
from .countries import share_actor_countries
from .embedding import argument_of_trigger
from .emit import emit
from .learned import propose
from .learned_retype import retype
from .modality import read_modality, settle_modality
from .reaction import aim_reactions, aim_reactions_across
from .retypes import apply_retypes
from .sides import infer_targets, quoted_speaker, read_sides
from .vetoes import (
    SIDE_VETOES,
    TRIGGER_VETOES,
    TYPED_VETOES,
    act_subjects,
    first_veto,
)

__all__ = [
    "DISABLED",
    "RULES",
    "ActorIndex",
    "Candidate",
    "Vetoed",
    "calibrated",
    "code_sentence",
    "find_candidates",
    "is_light_verb",
    "make_component",
    "np_actors",
    "switched_off",
    "verb_lemmas",
]

register_extensions()


def code_candidate(c: Candidate, cl: Clause) -> Coding | None:
    """Run one candidate through the stages: its coding, or None when a veto drops it
    (the veto is recorded on the clause)."""
    k = Coding(c, entry=c.entry, by=list(c.by))
    apply_retypes("trigger", k, cl)
    c.entry = k.entry  # other candidates' vetoes see a workers' strike as a protest
    steps = (
        (None, TRIGGER_VETOES),
        (lambda: _read_sides(k, cl), SIDE_VETOES),
        (lambda: _type(k, cl), TYPED_VETOES),
    )
    for step, vetoes in steps:
        if step is not None:
            step()
        name = first_veto(vetoes, k, cl)
        if name is not None:
            cl.vetoed.append((name, c))
            return None
    settle_modality(k, cl)
    return k


def _read_sides(k: Coding, cl: Clause) -> None:
    read_sides(k, cl)
    quoted_speaker(k, cl)  # before the side vetoes: "'We will not accept ...,' X said"
    c = k.c
    k.nominal = c.trigger.pos_ == "NOUN" and c.governor is None
    k.outer = argument_of_trigger(c, cl.by_index) if k.nominal else None
    k.where = _best_place(cl.places.get(c.trigger.i, []) or [
        p for t in act_subjects(c) for p in cl.places.get(t.i, [])])


def _type(k: Coding, cl: Clause) -> None:
    infer_targets(k, cl)
    read_modality(k, cl)
    apply_retypes("clause", k, cl)


def code_sentence(doc: Doc, sent: Span, index: ActorIndex, counter: list[int],
                  vetoed: list[Vetoed] | None = None) -> list[Event]:
    """The events of one sentence; the candidates vetoed go to `vetoed`, if given."""
    cands = sentence_candidates(sent)
    events = _code_candidates(doc, sent, index, counter, vetoed, cands, cands) if cands \
        else []
    if not events:  # the rules found nothing here: what the learned stage proposes
        proposed = propose(sent, cands)
        if proposed:
            events = _code_candidates(doc, sent, index, counter, vetoed, cands + proposed,
                                      proposed)
    return retype(sent, events)  # where the learned re-typer is sure of another type


def _clause(doc: Doc, sent: Span, index: ActorIndex, kept: list[Candidate],
            by_index: dict[int, Candidate], owners: dict[int, Candidate]) -> Clause:
    """The clause the candidates are coded in; dates and places go to the nearest of
    `owners`."""
    return Clause(doc, sent, index, kept, by_index,
                  dates=_clause_dates(sent, owners, doc._.dates or []),
                  places=_clause_places(sent, owners, doc._.places or []),
                  published=_published_date(doc))


def _code_all(coded: list[Candidate], cl: Clause) -> list[Coding]:
    codings = []
    for c in coded:
        k = code_candidate(c, cl)
        if k is not None:
            codings.append(k)
            c.entry = k.entry  # later candidates of the sentence see its final type
    return codings


# vetoes that say a candidate is part of another event's telling, not an act of its own
PART_OF_ANOTHER = frozenset({"describing_participle", "same_act_continued"})


def _code_candidates(doc: Doc, sent: Span, index: ActorIndex, counter: list[int],
                     vetoed: list[Vetoed] | None, cands: list[Candidate],
                     coded: list[Candidate]) -> list[Event]:
    """Code `coded`, in a clause that knows all of `cands`."""
    by_index = trigger_index(cands)
    kept = merge_manner(cands, by_index)
    coded = [c for c in kept if any(c is d for d in coded)]
    entries = [(c, c.entry) for c in kept]
    cl = _clause(doc, sent, index, kept, by_index, by_index)
    codings = _code_all(coded, cl)
    dropped = {c.trigger.i for name, c in cl.vetoed if name in PART_OF_ANOTHER}
    if dropped & (cl.places.keys() | cl.dates.keys()):
        # a word that only describes another's argument or continues its act owns no
        # place or date: "struck a school [sheltering] families in the camp" - the camp
        # is where the strike was; the sentence is coded again without it as an owner
        for c, entry in entries:
            c.entry = entry
        owners = {i: c for i, c in by_index.items() if i not in dropped}
        cl = _clause(doc, sent, index, kept, by_index, owners)
        codings = _code_all(coded, cl)
    events = [emit(k, cl, counter) for k in codings]
    aim_reactions(codings, events)  # "... and Moscow called it a betrayal"
    share_actor_countries(events)
    if vetoed is not None:
        vetoed.extend(Vetoed.of(name, c, index.text) for name, c in cl.vetoed)
    return events


@Language.factory("tidings_events", assigns=["doc._.events", "doc._.event_vetoes"],
                  requires=["doc._.actors", "doc._.dates", "doc._.places"])
def make_component(nlp: Language, name: str):
    trigger_lexicon()  # load once, at pipeline build time

    def component(doc: Doc) -> Doc:
        index = ActorIndex(doc)
        counter = [0]
        events: list[Event] = []
        vetoed: list[Vetoed] = []
        for sent in doc.sents:
            events.extend(code_sentence(doc, sent, index, counter, vetoed))
        aim_reactions_across(doc, events)  # "... Eritrea rejected the accusation."
        share_actor_countries(events)  # then across the article
        doc._.events = code_article(doc, events, vetoed)
        doc._.event_vetoes = vetoed
        return doc
    return component
