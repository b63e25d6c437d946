"""The actors a noun phrase names, for tidings_events: the `ActorIndex` (actor mentions
by token, pronouns to their antecedents, demonyms to their countries) and `np_actors`
(the actors of a noun phrase, with country-only and role-only references). Which
phrases of a clause hold the sides is tidings.extract.events.sides.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from ..models import Actor, ActorRef
from ..ontology.kb import case_ok, get_kb
from ..ontology.lexicon import trigger_lexicon
from ..ontology.words import words
from .datelines import dateline_span
from .doc import doc_text
from .event_args import agent_of, conjuncts, prep_objects

ROLE_PREFIX = "role:"
COUNTRY_PREFIX = "country:"
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
# Prefixes that make a demonym part of a name: "Pan-American", "Inter-American".
HYPHEN_PREFIXES = words("hyphen_prefixes")
# Places named by the body that holds them: "a police post", "an army base".
FACILITY_NOUNS = words("facility_nouns")
NONPERSON_PRONOUNS = words("nonperson_pronouns")
# a relative of someone is not who that someone stands for
KIN_NOUNS = words("kin_nouns")
# bodies a town names as their own ("Lagos police", "the Kano State government")
LOCAL_BODIES = frozenset({"COP", "GOV", "JUD", "LEG"})
# who is posted abroad: a place beside them is where they serve, not whose they are
POSTED_ABROAD = words("posted_abroad")


# ---------------------------------------------------------------- actors

class ActorIndex:
    """Actor mentions of one document, looked up by token."""

    def __init__(self, doc: Doc):
        self.actors: dict[str, Actor] = {a.id: a for a in (doc._.actors or [])}
        self.by_token: dict[int, tuple[str, int, int]] = {}
        self.text = doc_text(doc)
        self.sent_start = [0] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                self.sent_start[i] = sent.start
        self.place_country: dict[int, str] = {}
        self.country_tokens: set[int] = set()
        for place in doc._.places or []:
            if not place.country:
                continue
            for m in place.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                for t in span or []:
                    self.place_country[t.i] = place.country
                    if place.feature == "country":
                        self.country_tokens.add(t.i)
        # places inside names, kept apart until the events are coded ("Lagos police")
        self.inner_country: dict[int, str] = {}
        for m, entry in doc._.place_modifiers or []:
            for t in doc.char_span(m.start, m.end, alignment_mode="expand") or []:
                if entry.iso3 and entry.feature != "country":
                    self.inner_country[t.i] = entry.iso3
        self.doc = doc
        for start, end, actor_id in doc._.actor_spans or []:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                prev = self.by_token.get(t.i)
                if prev is None or (end - start) > (prev[2] - prev[1]):
                    self.by_token[t.i] = (actor_id, start, end)

    def at(self, tok: Token) -> str | None:
        hit = self.by_token.get(tok.i)
        if hit:
            return hit[0]
        if tok.lower_ in NONPERSON_PRONOUNS:
            return self._antecedent(tok)
        return None

    def _antecedent(self, pron: Token) -> str | None:
        """"its forces", "they said": the nearest earlier subject that is not a person,
        in this sentence or the one before."""
        # Token.sent walks the whole document; the index keeps each token's sentence.
        start = self.sent_start[pron.i]
        starts = [start]
        if start > 0:
            starts.append(self.sent_start[start - 1])
        for lo in starts:
            hi = pron.i if lo == start else start
            for tok in reversed(pron.doc[lo:hi]):
                if tok.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                hit = self.by_token.get(tok.i)
                actor = self.actors.get(hit[0]) if hit else None
                if actor is not None and actor.kind != "person":
                    return actor.id
        return None

    def country_word(self, tok: Token) -> str | None:
        """The country a word names as a demonym or name ("French", "Iran's"); a city
        modifying a noun ("the Erbil attack") is where, not who."""
        if tok.i in self.country_tokens:
            return self.place_country[tok.i]
        doc = tok.doc
        if tok.i > 0 and doc[tok.i - 1].text == "-" and tok.i > 1 and \
                doc[tok.i - 2].lower_ in HYPHEN_PREFIXES:
            return None  # "Pan-American Highway", "Inter-American Commission"
        for n in (3, 2, 1):  # "North Korean", "Central African"
            if tok.i - n + 1 < 0:
                continue
            words = [t.text for t in doc[tok.i - n + 1:tok.i + 1]]
            for surface, entry in get_kb().lookup(words):
                if entry.kind in ("country", "demonym") and entry.country and \
                        case_ok(surface, words):  # "car" is no "CAR"
                    return entry.country
        return None

    def ref(self, actor_id: str, doc: Doc, tok: Token) -> ActorRef:
        if actor_id.startswith(COUNTRY_PREFIX):
            country, _, sector = actor_id[len(COUNTRY_PREFIX):].partition("|")
            return ActorRef(actor=None, text=tok.text, country=country, sector=sector or None,
                            code=country + sector)
        if actor_id.startswith(ROLE_PREFIX):
            sector = actor_id[len(ROLE_PREFIX):]
            return ActorRef(actor=None, text=tok.text, sector=sector, code=sector)
        actor = self.actors.get(actor_id)
        hit = self.by_token.get(tok.i)
        text = self.text[hit[1]:hit[2]] if hit else tok.text
        if actor is None:
            return ActorRef(actor=None, text=text)
        country = actor.country or (self._named_in(hit, actor.sector) if hit else None) \
            or self._placed_by_phrase(tok, actor.sector)
        return ActorRef(actor=actor.id, text=text, country=country,
                        sector=actor.sector, code=actor.code)

    def _named_in(self, hit: tuple[str, int, int], sector: str | None) -> str | None:
        """The country named in an actor's name the knowledge base has no country for:
        a place ("El Fasher"), "Protesters (Palestine)", "Islamic State (Mozambique)
        militants"; for a local body also its town: "Lagos police", "the Kano State
        government"."""
        span = self.doc.char_span(hit[1], hit[2], alignment_mode="expand") or []
        if span and all(t.i in self.place_country for t in span):
            return self.place_country[span[0].i]  # the actor is a place: "El Fasher"
        for t in span[:-1]:
            country = self.place_country.get(t.i) if t.i in self.country_tokens else \
                (self.inner_country.get(t.i) or self.place_country.get(t.i)
                 if sector in LOCAL_BODIES else None)
            if country and country != "IGO":
                return country
        return None

    def _placed_by_phrase(self, tok: Token, sector: str | None) -> str | None:
        """The country of the place a phrase of the actor's puts it in: "protesters in
        Goma", "residents of Tabarre", "militants from Pakistan", "police in Dhaka".
        Not an army ("troops in Syria" may be anyone's), a bare name, or an envoy ("the
        ambassador in Paris" is posted there)."""
        if sector in (None, "MIL") or tok.lemma_.lower() in POSTED_ABROAD:
            return None
        for p in tok.children:
            if p.dep_ != "prep" or p.lower_ not in ("in", "of", "from", "at"):
                continue
            for o in (o for o in p.children if o.dep_ == "pobj"):
                for t in (o, *(m for m in o.children if m.dep_ in ("compound", "amod"))):
                    country = self.place_country.get(t.i)
                    if country and country != "IGO":
                        return country
        return None


def _np_core(tok: Token) -> list[Token]:
    """The head noun, then its possessor and modifiers, nearest first."""
    order = [tok]
    for dep in ("poss", "compound", "amod", "nmod", "appos"):
        for c in tok.children:
            if c.dep_ == dep:
                order.extend(sorted(c.subtree, key=lambda t: abs(t.i - c.i)))
    return order


def _named_members(member: Token, index: ActorIndex, depth: int,
                   exclude: frozenset[str]) -> list[tuple[str, Token]]:
    """"Western countries, including France and Britain": the members a group names."""
    return [x for p in member.children if p.dep_ == "prep" and p.lower_ in ("including", "like")
            for o in p.children if o.dep_ == "pobj"
            for x in np_actors(o, index, depth + 1, exclude)]


def names_a_side(phrase: Token, index: ActorIndex) -> bool:
    """The phrase names a side before its head ("over [Turkish] survey ships"), not only
    deep inside it ("over the release of water from Fukushima")."""
    return any(t.i <= phrase.i for _, t in np_actors(phrase, index))


def _in_dateline(tok: Token) -> bool:
    """Whether the token is in the dateline: where the story was filed, never a side."""
    span = dateline_span(tok.doc)
    return span is not None and span[0] <= tok.idx < span[1]


def np_actors(tok: Token, index: ActorIndex, depth: int = 0,
              exclude: frozenset[str] = frozenset()) -> list[tuple[str, Token]]:
    """Actors named by the noun phrase headed by `tok`, one per coordinated member.

    "the United States' decision to hit" -> the United States; "the recent measures by
    the United States" -> the United States; "Israel and Lebanon" -> both; "two French
    nationals" -> France (a country-only reference). Actors in `exclude` (the other
    side) are passed over: "its purchases of Russian gas" -> Russia.
    """
    found: list[tuple[str, Token]] = []
    for member in conjuncts(tok):
        if any(c.lower_ == "ethnic" for c in member.children) or _in_dateline(member):
            continue  # "ethnic Albanians" in Serbia are not Albania; "BERLIN -- A court"
        if member.lemma_.lower() in KIN_NOUNS:
            continue  # "the son of a sub-inspector", "the minister's wife": not the body
        several = _coordinated_countries(member, index)
        if several:  # "the Chinese and US presidents": two sides in one phrase
            found += [x for x in several if x[0] not in {a for a, _ in found}]
            continue
        hit = None
        if member.lower_ == "them" and depth < 2:
            # "expelled two diplomats, accusing them of ...": an object before it first
            hit = _antecedent_actor(member, index, depth, exclude)
        for t in ([] if hit else _np_core(member)):
            actor_id = index.at(t)
            if actor_id and actor_id not in exclude:
                hit = (actor_id, t)
                break
        if hit is not None:
            hit = _owned_by_antecedent(hit, member, index)  # "its army"
        if hit is None:
            hit = _country_modifier(member, index)
        if hit is None and depth < 2:
            for held in member.children:  # "positions held by the Arakan Army"
                if held.dep_ == "acl" and held.tag_ == "VBN":
                    # "missiles fired from an Israeli helicopter": who fired them
                    launched = prep_objects(held, {"from"}) if held.lemma_.lower() in (
                        "fire", "launch", "drop") else []
                    for a in agent_of(held) + launched:
                        inner = np_actors(a, index, depth + 1, exclude)
                        hit = hit or (inner[0] if inner else None)
        if hit is None and depth < 2:
            named = _named_members(member, index, depth, exclude)
            if named:  # "donors including the EU and the US": the ones named
                found += [x for x in named if x[0] not in {a for a, _ in found}]
                continue
        if hit is None and member.lemma_.lower() in FACILITY_NOUNS:
            hit = _role_only(member)  # "a police post in Afgooye": the police, not Afgooye
        if hit is None and depth < 2:
            # "the targeting of the headquarters": for an act, "of" names its object
            act = member.tag_ == "VBG" or member.lower_.endswith("ing") or \
                (member.lemma_.lower(), "N") in trigger_lexicon()
            subs = agent_of(member) + prep_objects(
                member, {"by", "from"} if act else {"of", "by", "from"})
            located = member.pos_ == "NOUN" and not act
            if located:  # "authorities in Tehran", "nurses across Kenya"
                subs += prep_objects(member, {"in", "across", "throughout"})
            for sub in subs:
                inner = np_actors(sub, index, depth + 1, exclude)
                if not inner and located and sub.i in index.place_country:
                    inner = [(COUNTRY_PREFIX + index.place_country[sub.i], sub)]
                if inner:
                    hit = inner[0]
                    break
        if hit is None and depth < 2 and member.lower_ in ("they", "them") and \
                index.at(member) is None:  # "accusing them of", "they would blockade"
            # "Radical French farmers said they would ...": an antecedent that is no
            # known actor can still be placed by its modifiers
            hit = _antecedent_actor(member, index, depth, exclude)
        if hit is None:
            hit = _role_only(member)
        if hit is None and member.i in index.place_country and \
                member.dep_ not in ("compound", "amod", "nmod"):
            # "the withdrawal from Panama", "an attack on Kharkiv": the place's country
            hit = COUNTRY_PREFIX + index.place_country[member.i], member
        if hit is not None and hit[0] not in {a for a, _ in found}:
            found.append(hit)
    return found


def _antecedent_actor(pron: Token, index: ActorIndex, depth: int,
                     exclude: frozenset[str]) -> tuple[str, Token] | None:
    """The actor named by the first noun before `pron` that it can stand for and that
    names one ("charged his aide with embezzling funds, and ECOWAS called on them":
    not the funds)."""
    for ante in _nouns_before(pron):
        inner = np_actors(ante, index, depth + 1, exclude)
        if inner:
            return inner[0]
    return None


def _subject_before(pron: Token) -> Token | None:
    """The nearest plural noun before a pronoun that it can stand for."""
    return next(_nouns_before(pron), None)


def _nouns_before(pron: Token) -> Iterator[Token]:
    """The plural nouns before a pronoun in its sentence that it can stand for, nearest
    first: subjects for "they"; for "them", objects first ("expelled two diplomats,
    accusing them of ...")."""
    deps = ("dobj", "pobj", "nsubj", "nsubjpass") if pron.lower_ == "them" else \
        ("nsubj", "nsubjpass")
    before = list(reversed(pron.doc[pron.sent.start:pron.i]))
    for dep in deps:
        for tok in before:
            if tok.dep_ == dep and tok.tag_ in ("NNS", "NNPS"):
                yield tok


def _owned_by_antecedent(hit: tuple[str, Token], member: Token,
                         index: ActorIndex) -> tuple[str, Token]:
    """"its army", "their police": a body with no country of its own belongs to the
    pronoun's antecedent's country."""
    actor = index.actors.get(hit[0])
    if actor is None or actor.country or not actor.sector:
        return hit
    for c in member.children:
        if c.dep_ == "poss" and c.lower_ in ("its", "their"):
            owner = index.actors.get(index._antecedent(c) or "")
            if owner is not None and owner.country:
                return COUNTRY_PREFIX + owner.country + "|" + actor.sector, hit[1]
    return hit


def _coordinated_countries(tok: Token, index: ActorIndex) -> list[tuple[str, Token]]:
    """"Saudi and Houthi delegations", "Indian and French troops": one reference per
    coordinated modifier, each with the sector the head noun implies."""
    role = get_kb().role([tok.lemma_]) if tok.pos_ == "NOUN" else None
    sector = role.sector if role is not None and role.sector else ""
    for c in tok.children:
        if c.dep_ not in ("amod", "compound", "nmod") or c.i > tok.i:
            continue
        members = [c] + [x for x in c.children if x.dep_ == "conj"]
        if len(members) < 2:
            continue
        out = []
        for m in members:
            actor_id = index.at(m)
            actor = index.actors.get(actor_id or "")
            country = actor.country if actor is not None and actor.kind == "country" \
                else index.country_word(m)
            if country:
                out.append((COUNTRY_PREFIX + country + "|" + sector, m))
        if len(out) >= 2:
            return out
    return []


def _country_modifier(tok: Token, index: ActorIndex) -> tuple[str, Token] | None:
    """A demonym or country name modifying a noun that is no actor by itself:
    "two French nationals", "Iranian nuclear facilities", "the Lithuanian border"."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < tok.i:
            country = index.country_word(c)
            if country:
                return COUNTRY_PREFIX + country, c
    return None


def _role_only(tok: Token) -> tuple[str, Token] | None:
    """"the government", "the army": a state body the text does not tie to a country.
    Kept as a sector (ROLE_PREFIX + sector) so a domestic event can give it one.
    A facility named by its body counts as the body: "a police post", "an army base"."""
    if tok.pos_ != "NOUN" or tok.dep_ in ("compound", "amod"):
        return None
    if tok.lemma_.lower() in FACILITY_NOUNS:
        for c in tok.children:
            if (c.dep_ == "compound" and c.i == tok.i - 1) or c.dep_ == "poss":
                role = get_kb().role([c.lemma_])
                if role is not None and role.sector in STATE_SECTORS:
                    return ROLE_PREFIX + role.sector, c
        return None
    role = get_kb().role([tok.lemma_]) or get_kb().role([tok.text])
    if role is None or not role.sector:
        return None
    if tok.lower_ == "intelligence" and tok.dep_ not in ("nsubj", "nsubjpass"):
        return None  # "share intelligence" is information, not a spy agency
    return ROLE_PREFIX + role.sector, tok


def _dedupe(items: list[tuple[str, Token]]) -> list[tuple[str, Token]]:
    seen, out = set(), []
    for actor_id, tok in items:
        if actor_id not in seen:
            seen.add(actor_id)
            out.append((actor_id, tok))
    return out
