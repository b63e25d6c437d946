"""Countries for sides the text does not place, marked inferred: where the event
happened, the facing domestic body's country, the one country the sentence names
(docs/output.md, "Event sides and inferred"); and the place an act is done to."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ...models import ActorRef, Event, Location
from ...ontology.words import words
from ..event_rules import active, register
from ..event_sides import STATE_SECTORS, ActorIndex

TRANSNATIONAL_SECTORS = {"NGO", "IGO", "MNC"}
DOMESTIC_SECTORS = {"COP", "JUD", "GOV"}
STATELESS_ARMED = {"REB", "INS", "UAF"}
# people a state deals with at home (_one_country_sentence): by sector, or by the last
# word of a side no list names; those held or protesting are home even in an army's hands
HOME_SECTORS = {"CVL", "OPP", "EDU", "REL", "LAB", "PTY", "AGR"}
HOME_PEOPLE = words("home_people")
# a state's coercion falls on those it rules: "barred the former prime minister's party",
# "warned it would suspend the permit of the mobile firm"; not so its praise or talks
HOME_RULE_TYPES = {"COERCE", "SANCTION", "ACCUSE", "THREATEN", "CONCEDE", "INVESTIGATE"}
RULED_SECTORS = {"GOV", "JUD", "LEG", "BUS", "MED"}
HELD_PEOPLE = words("held_people")
PLACES_TOLD_AGAIN = words("places_told_again")


def _diplomat(ref: ActorRef) -> bool:
    """An ambassador or embassy: posted abroad, so no clue to the other side's country."""
    return any(w in ref.text.lower() for w in ("ambassador", "envoy", "diplomat", "embassy",
                                               "consul"))


def _located_country(sources: list[ActorRef], targets: list[ActorRef],
                     where: Location | None, etype: str) -> None:
    """A side the text names but does not place ("Islamic fundamentalists", "President
    Dos Santos") is taken to be of the country where the event happened; protesters
    with no place, of the country they protest against. Marked inferred."""
    for side, other in ((sources, targets), (targets, sources)):
        for ref in side:
            if ref.country is not None:
                continue
            country = where.country if where is not None and where.country not in (
                None, "IGO") else None
            if country is None and etype in ("PROTEST",) and side is sources:
                found = {r.country for r in other if r.country and r.country != "IGO"}
                country = found.pop() if len(found) == 1 else None
            if country is None and etype in ("COERCE", "ASSAULT") and side is targets:
                # police and courts act at home: "Egyptian police arrested 12 people"
                found = {r.country for r in other if r.country and r.country != "IGO"
                         and r.sector in DOMESTIC_SECTORS}
                country = found.pop() if len(found) == 1 else None
            if country:
                ref.country, ref.inferred = country, True
                ref.code = country + (ref.sector or "")


def place_sides_where(ev: Event) -> None:
    """Sides of an event placed later (by the paragraph or the dateline: "... in Warsaw.
    Police arrested 5.") take the country of that place, as place_of_event gives it."""
    before = [r.country for r in ev.source + ev.target]
    if active("place_of_event") and None in before:
        _located_country(ev.source, ev.target, ev.location, ev.type)
        if [r.country for r in ev.source + ev.target] != before:
            ev.by.append("place_of_event")


def _domestic_country(sources: list[ActorRef], targets: list[ActorRef]) -> None:
    """"The Kenyan opposition called on the government": an unnamed state body facing
    actors of one country is taken to be that country's (marked inferred)."""
    for side, other in ((sources, targets), (targets, sources)):
        countries = {r.country for r in other if r.country}
        if len(countries) != 1 or "IGO" in countries:
            continue
        country = countries.pop()
        # a government facing a country or another government may well deal with a
        # foreign one ("the foreign ministry expelled the Ivorian ambassador", "the
        # chancellor praised Turkey"); police, courts and armies act at home
        diplomatic = any(r.actor is not None and r.sector in (None, "GOV") for r in other)
        for ref in side:
            if ref.country is None and ref.sector in STATE_SECTORS and not (
                    ref.sector == "GOV" and diplomatic):
                ref.country, ref.code, ref.inferred = country, country + ref.sector, True

# Phrases below an event that set its time or cause, not what it acts on.
_SETTING_PREPS = words("setting_preps")
_NOT_OBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "agent", "advcl", "relcl",
                    "acl", "appos", "parataxis", "mark", "punct", "cc"}


def object_place(head: Token, index: ActorIndex) -> tuple[str, Token] | None:
    """The country of the first place named in what an act is done to, when no actor is:
    "blockade Paris", "a curfew in Algiers", "opened an embassy in Tehran", "mobilized
    reservists for a war against Iraq"; a place told again ("took control of the city",
    "fled the capital") is the one named last before it in the sentence. Subjects, time
    and cause phrases and other clauses are not searched."""
    frontier = [(c, 1) for c in head.children if c.dep_ not in _NOT_OBJECT_DEPS]
    while frontier:
        tok, depth = frontier.pop(0)
        if tok.dep_ == "prep" and tok.lower_ in _SETTING_PREPS:
            continue
        country = index.place_country.get(tok.i)
        if country is None and tok.dep_ in ("pobj", "dobj"):
            country = _place_told_again(tok, index)
        if country and country != "IGO" and tok.dep_ in ("pobj", "dobj", "conj"):
            return country, tok
        if depth < 5:
            frontier += [(c, depth + 1) for c in tok.children
                         if c.dep_ not in _NOT_OBJECT_DEPS]
    return None


def _place_told_again(tok: Token, index: ActorIndex) -> str | None:
    """"the city", "the capital", "the country" with nothing naming it: the country of
    the place named last before it in the sentence that is not itself a side ("...
    Aleppo ..., as the army took control of the city")."""
    if tok.lemma_ not in PLACES_TOLD_AGAIN or not any(
            d.dep_ == "det" and d.lower_ == "the" for d in tok.children) or any(
            d.dep_ in ("prep", "compound", "amod", "poss", "acl", "relcl") for d in tok.children):
        return None
    for i in range(tok.i - 1, tok.sent.start - 1, -1):
        country = index.place_country.get(i) or index.inner_country.get(i)
        if country and country != "IGO" and i not in index.by_token:  # not a side
            return country
    return None


def _facing_country(sources: list[ActorRef], targets: list[ActorRef],
                    index: ActorIndex) -> None:
    """A side the text names but places nowhere ("Darfur rebels", "President Dos
    Santos", "demonstrators"), facing a domestic body of one country (its government,
    police, courts, parties; not a bare country or an army), is taken to be of that
    country, as CAMEO coders do: such events are mostly domestic. Runs after the event's own place had its say. Marked inferred.
    Transnational bodies (NGOs, IGOs, companies) are left without a country."""
    for side, other in ((sources, targets), (targets, sources)):
        countries = {r.country for r in other if r.country}
        if len(countries) != 1 or "IGO" in countries or any(
                (r.sector in (None, "MIL") and not r.inferred) or _diplomat(r)
                for r in other):
            # a bare country or an army may well act abroad ("US raids on resistance
            # groups"): only a domestic body's counterpart is taken to be domestic
            continue
        country = countries.pop()
        _place(_unplaced(side, index), country)


def _sentence_country(sources: list[ActorRef], targets: list[ActorRef], etype: str,
                      sent: Span, index: ActorIndex) -> None:
    """Sides still unplaced, placed by the one country their sentence names:

    - an office holder ("Vice-President Moody Awori", "Lt. Gen. Prosper Avril"), when
      the sentence's places and actors name one country;
    - the victims of an attack or arrest ("killing five civilians", "arrested 14
      opposition supporters during a demonstration in Harare"), when its places name one
      (the attacker's nationality does not count: "a Russian airstrike ... in Idlib").
    Marked inferred."""
    places, named = _named_countries(sent, index)
    for side, other in ((sources, targets), (targets, sources)):
        state = [r for r in side if r.country is None and r.sector in STATE_SECTORS]
        # the other side's country is not this one's: "Chancellor Brandt praised Turkey"
        left = named - {r.country for r in other}
        if state and len(left) == 1 and len(named) == 1:
            _place(state, next(iter(left)))
    if etype == "PROTEST" and len(places) == 1:
        # "farmers drove tractors into New Delhi to demand ...": the crowd is local
        _place(_unplaced(sources, index), next(iter(places)))
    if etype in ("ASSAULT", "COERCE") and len(places) == 1:
        # "gunmen ambushed a bus on the Kumba-Buea road", "villagers pelted a police team
        # in Sasaram": unnamed attackers and a crowd are local
        _place([r for r in sources if r.country is None and (r.actor is None or
                                                             r.sector in ("UAF", "CVL"))],
               next(iter(places)))
        _place(_unplaced(targets, index), next(iter(places)))
    every_place = {index.place_country[i] for i in range(sent.start, sent.end)
                   if i in index.place_country} - {"IGO"}
    if etype in ("ASSAULT", "COERCE") and len(every_place) == 1:
        # "Islamic State fighters captured Mosul": a group of no one country fights
        # where the sentence puts it
        _place([r for r in sources if r.country is None and r.sector in STATELESS_ARMED],
               next(iter(every_place)))


def _named_countries(sent: Span, index: ActorIndex) -> tuple[set[str], set[str]]:
    """The countries of the sentence's places (not read as actors), and those with the
    countries of its actors."""
    places = {index.place_country[i] for i in range(sent.start, sent.end)
              if i in index.place_country and i not in index.by_token} - {"IGO"}
    named = places | {index.actors[hit[0]].country for i in range(sent.start, sent.end)
                      if (hit := index.by_token.get(i)) and hit[0] in index.actors
                      and index.actors[hit[0]].country} - {"IGO"}
    return places, named


def _one_country_sentence(sources: list[ActorRef], targets: list[ActorRef], etype: str,
                          sent: Span, index: ActorIndex) -> None:
    """A sentence that names one country only, whose one side is of it: the people the
    other side names and no rule placed ("Belarus pardoned 18 political prisoners",
    "Ugandan soldiers beat detained protesters", "Venezuela broke off talks with the
    opposition") are of that country too. Only people a state deals with at home:
    civilians, opponents, prisoners, students, clergy, parties, governors and mayors,
    and the officials, courts and firms its coercion falls on; not armed groups,
    refugees, migrants or diplomats. An army's or a country's attack on civilians is left alone
    (wars are fought abroad). Marked inferred."""
    _, named = _named_countries(sent, index)
    if len(named) != 1:
        return
    country = next(iter(named))
    for side, other in ((sources, targets), (targets, sources)):
        if {r.country for r in other} != {country} or any(_diplomat(r) for r in other):
            continue
        at_war = etype == "ASSAULT" and any(r.sector in (None, "MIL") for r in other)
        ruled = side is targets and etype in HOME_RULE_TYPES
        _place([r for r in _unplaced(side, index) if _domestic(r, at_war, ruled)], country)


def _domestic(ref: ActorRef, at_war: bool, ruled: bool) -> bool:
    """People a state deals with at home (see _one_country_sentence); with `ruled`
    (the target of a state's coercion) officials, courts and firms too."""
    word = ref.text.split()[-1].lower() if ref.text.split() else ""
    if word in HELD_PEOPLE:  # "18 political prisoners", "detained protesters"
        return True
    if at_war:
        return False
    return ref.sector in HOME_SECTORS or word in HOME_PEOPLE or (
        ruled and ref.sector in RULED_SECTORS)


def _place(refs: list[ActorRef], country: str) -> None:
    for ref in refs:
        ref.country, ref.inferred = country, True
        ref.code = country + (ref.sector or "")


def _unplaced(refs: list[ActorRef], index: ActorIndex) -> list[ActorRef]:
    """The refs with no country that a place or a counterpart may place: not a bare
    person's name, not a transnational body."""
    return [r for r in refs if r.country is None and not _bare_person(r, index)
            and r.sector not in TRANSNATIONAL_SECTORS]


def _bare_person(ref: ActorRef, index: ActorIndex) -> bool:
    """A named person the text gives no role: nothing says where they belong."""
    actor = index.actors.get(ref.actor or "")
    return actor is not None and actor.kind == "person" and ref.sector is None



# ---------------------------------------------------------------- as named rules

register("place_of_event", "place", "Islamic fundamentalists rioted in Algiers.",
         _located_country.__doc__ or "")
register("domestic_body", "place", "The Kenyan opposition called on the government to resign.",
         _domestic_country.__doc__ or "")
register("facing_domestic_body", "place",
         "The Sudanese government accused Darfur rebels of attacking a convoy.",
         _facing_country.__doc__ or "")
register("one_country_sentence", "place",
         "Belarus pardoned 18 political prisoners.", _one_country_sentence.__doc__ or "")
register("country_of_sentence", "place",
         "Police arrested 14 opposition supporters during a demonstration in Harare.",
         _sentence_country.__doc__ or "")


def place_sides(sources: list[ActorRef], targets: list[ActorRef], where: Location | None,
                etype: str, sent: Span, index: ActorIndex) -> list[str]:
    """Give unplaced sides a country, each rule in turn (where it happened first: "fired
    rockets at army positions in northern Israel"); the names of those that did."""
    steps = [
        ("place_of_event", lambda: _located_country(sources, targets, where, etype)),
        ("domestic_body", lambda: _domestic_country(sources, targets)),
        ("facing_domestic_body", lambda: _facing_country(sources, targets, index)),
        ("country_of_sentence", lambda: _sentence_country(sources, targets, etype, sent,
                                                          index)),
        ("one_country_sentence", lambda: _one_country_sentence(sources, targets, etype,
                                                               sent, index)),
    ]
    fired = []
    for name, step in steps:
        if not active(name):
            continue
        before = [r.country for r in sources + targets]
        step()
        if [r.country for r in sources + targets] != before:
            fired.append(name)
    return fired


register("same_actor_placed", "place",
         "Gunmen abducted 11 passengers near Okene and demanded a ransom.",
         "An actor one act was placed in is in that place for the other acts of its "
         "sentence, then of its article, that place it nowhere (marked inferred).")


def share_actor_countries(events: list[Event]) -> None:
    """Acts by the same actor: a country one of them inferred for the actor
    ("abducted 11 passengers near Okene": NGA) holds for the others that place it
    nowhere ("and demanded a ransom"). Called for each sentence's acts, then for the
    article's, so an actor placed in its own sentence keeps that place."""
    if not active("same_actor_placed"):
        return
    placed: dict[str, str] = {}
    for ev in events:
        for ref in ev.source + ev.target:
            if ref.actor is not None and ref.country is not None and ref.inferred:
                placed.setdefault(ref.actor, ref.country)
    for ev in events:
        refs = [r for r in ev.source + ev.target
                if r.actor is not None and r.actor in placed and r.country is None]
        for r in refs:
            _place([r], placed[r.actor or ""])
        if refs:
            ev.by.append("same_actor_placed")


register("country_of_article", "place",
         "Gunmen killed three villagers near Jos on Monday. Soldiers arrested two men in "
         "Bauchi.\n\nPolice detained ten protesters on Tuesday.",
         "When every placed act of an article happened in one country, the sides no rule "
         "placed (police, protesters, gunmen) are of that country (marked inferred).")


def place_sides_in_article(events: list[Event]) -> None:
    """A local story: every act placed in one country (at least two of them), so the
    unplaced sides of its other acts ("Police detained ten protesters" in a later
    paragraph) are taken to be of that country: sides with a sector only (a bare name
    says nothing of where one belongs), not a transnational body."""
    where = [ev.location.country for ev in events if ev.location is not None]
    countries = set(where) - {None, "IGO"}
    if not active("country_of_article") or len(countries) != 1 or len(where) < 2:
        return
    country = countries.pop()
    for ev in events:
        refs = [r for r in ev.source + ev.target if r.country is None and
                r.sector not in TRANSNATIONAL_SECTORS and r.sector is not None]
        if refs:
            _place(refs, country)
            ev.by.append("country_of_article")
