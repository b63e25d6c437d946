"""Who acts on whom for tidings_events: an event's source and target sides.

Holds the `ActorIndex` (actor mentions by token), `np_actors` (the actors a noun
phrase names, with country-only and role-only references), the reading of a
trigger's subject, object and prepositional phrases into sources and targets, the
honest unknown sides ("Prisoners rioted") and the country inferred for a side the
text does not place (where the event happened, or the other side's country).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..models import Actor, ActorRef, Location
from ..ontology.kb import get_kb
from ..ontology.lexicon import trigger_lexicon
from .doc import doc_text
from .event_args import (
    AT_TARGET_VERBS,
    PRONOUNS_FIRST_PERSON,
    TARGET_PREPS,
    agent_of,
    clause_subject,
    conjuncts,
    direct_objects,
    prep_objects,
)
from .event_triggers import Candidate, _light_object

PHRASE_VERBS = {"express", "reach", "sign", "voice", "send", "provide", "deliver", "supply",
                "grant", "withdraw", "pull", "lift", "ease", "share", "restore", "normalize",
                "normalise", "launch", "fire", "suspend", "halt", "cut", "reduce"}
ROLE_PREFIX = "role:"
COUNTRY_PREFIX = "country:"
# Prepositions that name the other side for some types only.
EXTRA_TARGET_PREPS = {
    "MOBILIZE": {"near", "toward", "towards", "to", "along", "at", "on"},
    "SANCTION": {"from"}, "RETREAT": {"from"}, "COERCE": {"from"}, "ACCUSE": {"at"},
    "AGREE": {"between"},
    "CONSULT": {"between", "by", "over", "via"},  # "spoke by telephone with X"
}
NOUN_TARGET_PREPS = {"AID": {"for"}, "THREATEN": {"for"}, "SUPPORT": {"for"},
                     "COERCE": {"for"}}
# Prepositions after a non-actor object that name the other side: "action against
# Russia", "sanctions on Iran", "aid to Sudan".
OBJECT_TARGET_PREPS = {
    "THREATEN": {"against", "on"}, "SANCTION": {"against", "on", "upon"},
    "COERCE": {"against", "on", "upon"}, "ASSAULT": {"against", "on"},
    "AID": {"to", "for"}, "SUPPORT": {"to", "for"},
    # "demanded the withdrawal of Serbian forces", "a meeting of the Security Council"
    "REQUEST": {"of", "from"},
    "CONSULT": {"between", "with"},  # "mediated talks between Hamas and Israel"
}
CONTENT_PREPS = {"with", "on", "upon", "against", "to", "toward", "towards", "from", "into"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
TRANSNATIONAL_SECTORS = {"NGO", "IGO", "MNC"}
# Verbs whose bare number object counts people: "arresting 12", "killed 20".
NUMBER_OBJECT_VERBS = {"arrest", "detain", "kill", "wound", "injure", "abduct", "kidnap",
                       "execute", "jail", "seize", "capture", "hold"}
# Acts whose object with "its"/"their" is the actor's own: "recalled its ambassador",
# "withdrew their troops", "moved its forces".
OWN_OBJECT_TYPES = {"SANCTION", "RETREAT", "MOBILIZE", "CONCEDE"}
# Verbs whose object is made to act: "ordered the paper to close".
COMPELLING_VERBS = {"order", "force", "compel", "instruct", "direct"}
# Prefixes that make a demonym part of a name: "Pan-American", "Inter-American".
HYPHEN_PREFIXES = {"pan", "inter", "trans", "anti", "pro", "afro", "euro", "ibero", "latin"}
# Places named by the body that holds them: "a police post", "an army base".
FACILITY_NOUNS = {"post", "station", "base", "checkpoint", "barracks", "camp", "outpost",
                  "stronghold", "hideout", "bastion",
                  "headquarters", "convoy", "patrol", "position", "positions", "garrison"}
NONPERSON_PRONOUNS = {"it", "its", "they", "their", "them"}
CONTENT_GOVERNORS = {"AGREE", "THREATEN", "REQUEST", "REJECT", "CONCEDE", "ACCUSE",
                     "SUPPORT"}
DOMESTIC_SECTORS = {"COP", "JUD", "GOV"}
QUANTITY_NOUNS = {"ten", "tens", "hundred", "hundreds", "thousand", "thousands", "dozen",
                  "dozens", "score", "scores", "million", "millions", "group", "number",
                  "crowd", "crowds", "band", "handful", "majority", "some", "most"}
# Plural endings of nouns for kinds of people, for subjects no list names.
PERSON_PLURAL_ENDINGS = ("workers", "ers", "ors", "ists", "ians")
HUMAN_NOUNS = {
    "people", "person", "man", "men", "woman", "women", "child", "children", "youth",
    "youths", "protester", "demonstrator", "resident", "villager", "worker", "student",
    "activist", "farmer", "prisoner", "inmate", "detainee", "supporter", "fighter",
    "militant", "gunman", "gunmen", "rebel", "refugee", "migrant", "doctor", "nurse",
    "teacher", "driver", "journalist", "member", "leader", "official", "lawmaker",
    "civilian", "pilgrim", "worshipper", "fundamentalist", "extremist", "guerrilla",
    "insurgent", "jihadist", "soldier", "troop", "policeman", "officer", "veteran",
    "miner", "trader", "merchant", "employee", "voter", "opponent", "critic", "dissident",
    "victim", "hostage", "captive", "survivor", "family", "islamist", "assailant",
    "attacker", "bomber", "sniper", "raider", "hacker", "separatist", "nationalist",
}


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
            for _surface, entry in get_kb().lookup(words):
                if entry.kind in ("country", "demonym") and entry.country:
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
        return ActorRef(actor=actor.id, text=text, country=actor.country,
                        sector=actor.sector, code=actor.code)


def _np_core(tok: Token) -> list[Token]:
    """The head noun, then its possessor and modifiers, nearest first."""
    order = [tok]
    for dep in ("poss", "compound", "amod", "nmod", "appos"):
        for c in tok.children:
            if c.dep_ == dep:
                order.extend(sorted(c.subtree, key=lambda t: abs(t.i - c.i)))
    return order


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
        if any(c.lower_ == "ethnic" for c in member.children):
            continue  # "ethnic Albanians" in Serbia are not Albania
        several = _coordinated_countries(member, index)
        if several:  # "the Chinese and US presidents": two sides in one phrase
            found += [x for x in several if x[0] not in {a for a, _ in found}]
            continue
        hit = None
        if member.lower_ == "them" and depth < 2:
            # "expelled two diplomats, accusing them of ...": an object before it first
            ante = _subject_before(member)
            inner = np_actors(ante, index, depth + 1, exclude) if ante is not None else []
            hit = inner[0] if inner else None
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
                    for a in agent_of(held):
                        inner = np_actors(a, index, depth + 1, exclude)
                        hit = hit or (inner[0] if inner else None)
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
            ante = _subject_before(member)
            inner = np_actors(ante, index, depth + 1, exclude) if ante is not None else []
            hit = inner[0] if inner else None
        if hit is None:
            hit = _role_only(member)
        if hit is None and member.i in index.place_country and \
                member.dep_ not in ("compound", "amod", "nmod"):
            # "the withdrawal from Panama", "an attack on Kharkiv": the place's country
            hit = COUNTRY_PREFIX + index.place_country[member.i], member
        if hit is not None and hit[0] not in {a for a, _ in found}:
            found.append(hit)
    return found


def _subject_before(pron: Token) -> Token | None:
    """The nearest plural noun before a pronoun in its sentence that it can stand for:
    a subject for "they"; for "them", an object first ("expelled two diplomats,
    accusing them of ...")."""
    deps = ("dobj", "pobj", "nsubj", "nsubjpass") if pron.lower_ == "them" else \
        ("nsubj", "nsubjpass")
    before = list(reversed(pron.doc[pron.sent.start:pron.i]))
    for dep in deps:
        for tok in before:
            if tok.dep_ == dep and tok.tag_ in ("NNS", "NNPS"):
                return tok
    return None


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


# ---------------------------------------------------------------- arguments

def _sources_targets(c: Candidate, index: ActorIndex) -> tuple[list, list]:
    trig, head = c.trigger, c.head
    sources: list[tuple[str, Token]] = []
    targets: list[tuple[str, Token]] = []
    nominal = trig.pos_ == "NOUN"

    if nominal and c.governor is None:
        # "the US airstrikes on ...", "Washington's assassination of ..."
        for t in trig.children:
            if t.dep_ in ("poss", "compound", "amod", "nmod") and t.i < trig.i:
                sources += np_actors(t, index)
        for a in agent_of(trig):
            sources += np_actors(a, index)
        claim = _claimed_by(trig)
        if not sources and claim is not None:
            # "the Houthis claimed responsibility for a missile attack on ...": theirs
            for sj in clause_subject(claim)[0]:
                sources += np_actors(sj, index)
        if not sources and c.entry.type == "CONSULT" and trig.dep_ == "pobj" and \
                trig.head.head.pos_ in ("VERB", "AUX"):
            # "In a meeting with Hussein on Saturday, Shamkhani denounced ...": the
            # meeting is the main subject's
            subj, passive = clause_subject(trig.head.head)
            if not passive:
                for sj in subj:
                    sources += np_actors(sj, index)
        if c.entry.type in ("REQUEST", "ACCUSE", "THREATEN", "SUPPORT", "REJECT"):
            for a in prep_objects(trig, {"from"}):  # "appeals from ASEAN"
                sources += np_actors(a, index)
    elif head.dep_ == "xcomp" and head.head.lemma_ in COMPELLING_VERBS and \
            c.entry.type in ("COERCE", "SANCTION", "RETREAT", "CONCEDE") and \
            direct_objects(head.head):
        # "the government ordered La Prensa to suspend publication": the order is the
        # act, the one ordered its target
        for s in clause_subject(head.head)[0]:
            sources += np_actors(s, index)
        for o in direct_objects(head.head):
            targets += np_actors(o, index)
    else:
        subj, passive = clause_subject(head)
        if passive and c.governor is not None and c.governor.lemma_ in ("engage", "involve"):
            passive = False  # "were engaged in ethnic cleansing": they did it
        for s in subj:
            (targets if passive else sources).extend(np_actors(s, index))
        for a in agent_of(head):
            sources += np_actors(a, index)

    # targets: the object, or the phrase that names the other side
    holders = [trig] + ([c.governor] if c.governor is not None else [])
    # "expressed readiness", "sent troops": the object is part of the act itself;
    # "expelled two Russian diplomats", "rejected the Indian proposal": it names the
    # other side; "moved troops": the troops are one's own
    if (not nominal or c.governor is not None) and \
            not (c.entry.objects and head.lemma_ in PHRASE_VERBS) and \
            c.entry.type != "MOBILIZE":
        src_ids = frozenset(a for a, _ in sources)
        objects = direct_objects(head) or [o for x in head.children if x.dep_ == "conj"
                                           and x.pos_ == "VERB" for o in direct_objects(x)]
        for o in objects:  # "raided and closed the offices": the offices of both
            if o.i == trig.i:
                continue
            if c.entry.type in OWN_OBJECT_TYPES and _own(o):
                # "recalled its ambassador from Vienna": its own; the place is the target
                for p in prep_objects(o, {"from", "to", "in"}):
                    targets += np_actors(p, index, exclude=src_ids)
                continue
            found = np_actors(o, index, exclude=src_ids)
            if not found and o.pos_ == "NOUN":
                # "threatened further action against Russia", "imposed a ban on X"
                for p in prep_objects(o, OBJECT_TARGET_PREPS.get(c.entry.type, {"against"})):
                    found += np_actors(p, index, exclude=src_ids)
            targets += found
    for h in holders:
        preps = TARGET_PREPS | ({"at"} if h.lemma_ in AT_TARGET_VERBS else set())
        preps |= EXTRA_TARGET_PREPS.get(c.entry.type, set())
        if h.pos_ == "NOUN":
            preps |= NOUN_TARGET_PREPS.get(c.entry.type, set())
        if h.pos_ == "VERB":
            preps = preps - {"of"}
        for p in prep_objects(h, preps):
            if p.ent_type_ in ("DATE", "TIME", "CARDINAL"):
                continue
            found = np_actors(p, index)
            if not found and p.pos_ == "NOUN" and p.i not in index.place_country:
                # "reneged on his commitment to the Zambian people"
                for q in prep_objects(p, {"to", "against", "with"}):
                    found += np_actors(q, index)
            targets += found
    if not targets and c.entry.objects:
        # "expressed Iraq's readiness to expand relations with Iran"
        for o in direct_objects(head):
            for t in o.subtree:
                if t.dep_ == "pobj" and t.head.lower_ in TARGET_PREPS:
                    targets += np_actors(t, index)
            for t in o.children:
                if t.dep_ == "poss" and not sources:
                    sources += np_actors(t, index)
                elif t.dep_ == "poss" and c.entry.type in ("SANCTION", "COERCE", "REJECT"):
                    # "the AU suspended Gabon's membership": whose membership
                    targets += np_actors(t, index, exclude=frozenset(a for a, _ in sources))
    if c.entry.type == "PROTEST" and all(a.startswith(COUNTRY_PREFIX) for a, _ in targets):
        # "began a hunger strike to protest Sweden's decision", "in protest against the
        # government's refusal", "in defiance of the authorities": who is protested
        # against (rather than the place of "blocked streets in Hong Kong")
        against: list[tuple[str, Token]] = []
        for x in list(head.children) + list(trig.children):
            if x.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in x.children):
                for o in direct_objects(x) + prep_objects(x, {"against", "at", "over"}):
                    against += _object_actors(o, index)  # "the resignation of X"
            if x.dep_ == "prep" and x.lower_ in ("in", "against", "over"):
                for p in (g for g in x.children if g.dep_ == "pobj"):
                    if p.lemma_ in ("protest", "defiance", "opposition"):
                        for o in prep_objects(p, {"of", "against", "at", "over", "to"}):
                            against += np_actors(o, index)
                    elif x.lower_ == "against":
                        against += np_actors(p, index)
        targets = against or targets
    if not targets and c.entry.type in ("ASSAULT", "COERCE") and (
            not nominal or c.governor is not None):
        # "opened fire to disperse demonstrators": the purpose clause names who was hit
        for x in head.children:
            if x.dep_ == "advcl" and any(a.lower_ == "to" for a in x.children):
                for o in direct_objects(x):
                    targets += np_actors(o, index, exclude=frozenset(a for a, _ in sources))
    if not targets and c.entry.type in CONTENT_GOVERNORS:
        # "threatened to impose sanctions on Ukraine", "demanded that the US cancel ...":
        # the target sits in the content clause
        for x in head.children:
            if x.dep_ not in ("xcomp", "ccomp"):
                continue
            if x.dep_ == "ccomp":
                for subj in clause_subject(x)[0]:
                    targets += np_actors(subj, index)
            own = frozenset(a for a, _ in sources)  # "downgrade its relations with Spain"
            for o in direct_objects(x) + prep_objects(x, CONTENT_PREPS):
                found = np_actors(o, index, exclude=own)
                if not found:  # "restrictions against German goods"
                    for p in prep_objects(o, CONTENT_PREPS):
                        found += np_actors(p, index)
                targets += found
            lv = _light_object(x)
            if lv is not None:
                for o in prep_objects(lv, TARGET_PREPS):
                    targets += np_actors(o, index)
    if not targets and c.entry.type in ("THREATEN", "ACCUSE", "REJECT"):
        # "warned that the new US crime would not go unanswered"
        for cc in head.children:
            if cc.dep_ == "ccomp":
                subj, _ = clause_subject(cc)
                for s in subj:
                    targets += np_actors(s, index)
    if not targets and c.entry.type == "THREATEN":
        # "threatened to stop the talks if the United States goes ahead": who is
        # threatened is who must meet the condition
        for cl in [x for x in head.children if x.dep_ == "xcomp"] + [head]:
            for cond in cl.children:
                if cond.dep_ == "advcl" and any(m.lower_ in ("if", "unless")
                                                for m in cond.children if m.dep_ == "mark"):
                    subj, passive = clause_subject(cond)
                    if not passive:
                        for s in subj:
                            targets += np_actors(s, index)
    src_ids = {a for a, _ in sources}
    targets = [(a, t) for a, t in targets if a not in src_ids]
    return _dedupe(sources), _dedupe(targets)


def _claimed_by(trig: Token) -> Token | None:
    """The verb of "claimed/accepted responsibility for <trig>", if that is where the
    event noun stands."""
    prep = trig.head
    if trig.dep_ != "pobj" or prep.lower_ != "for":
        return None
    noun = prep.head
    if noun.lemma_.lower() not in ("responsibility", "credit") or noun.dep_ != "dobj":
        return None
    verb = noun.head
    return verb if verb.lemma_.lower() in ("claim", "accept", "take", "admit") else None


def _diplomat(ref: ActorRef) -> bool:
    """An ambassador or embassy: posted abroad, so no clue to the other side's country."""
    return any(w in ref.text.lower() for w in ("ambassador", "envoy", "diplomat", "embassy",
                                               "consul"))


def _own(o: Token) -> bool:
    """An object the actor owns: "its ambassador", "their troops"."""
    return any(p.dep_ == "poss" and p.lower_ in ("its", "their") for p in o.children)


def _object_actors(o: Token, index: ActorIndex) -> list[tuple[str, Token]]:
    """Actors an object names, or failing that, the actors its "of"/"against"/"on"
    phrases name: "the resignation of President X", "an end to the blockade of Gaza"."""
    found = np_actors(o, index)
    if not found:
        for p in prep_objects(o, {"of", "against", "on", "to"}):
            found += np_actors(p, index)
    return found


def _dedupe(items: list[tuple[str, Token]]) -> list[tuple[str, Token]]:
    seen, out = set(), []
    for actor_id, tok in items:
        if actor_id not in seen:
            seen.add(actor_id)
            out.append((actor_id, tok))
    return out


def _unresolved_objects(head: Token, trigger: Token, preps: frozenset[str] = frozenset(),
                        skip_own: bool = False) -> list[ActorRef]:
    """The object noun phrase as text when it names no known actor (or, with `preps`,
    the object of one of those prepositions: "used water cannon against thousands of
    people")."""
    passive_subjects = [] if head.lemma_ in ("engage", "involve") else [
        c for c in head.children if c.dep_ == "nsubjpass"]  # "were engaged in" is active
    for o in direct_objects(head) + passive_subjects + prep_objects(head, set(preps)):
        if o.ent_type_ in ("DATE", "TIME") or (skip_own and _own(o)):
            continue  # "on Friday", "recalled its ambassador"
        if o.pos_ == "NUM" and o.i != trigger.i and head.lemma_ in NUMBER_OBJECT_VERBS:
            return [ActorRef(actor=None, text=o.text)]  # "arresting 12", "killing 20"
        if o.i == trigger.i or o.pos_ not in ("NOUN", "PROPN"):
            continue
        if _agent_noun(o) is None:
            continue
        return [ActorRef(actor=None, text=o.doc[o.left_edge.i:o.i + 1].text)]
    return []


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
_SETTING_PREPS = {"since", "after", "before", "during", "despite", "until", "following",
                  "amid", "because", "by", "from"}
_NOT_OBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "agent", "advcl", "relcl",
                    "acl", "appos", "parataxis", "mark", "punct", "cc"}


def object_place(head: Token, index: ActorIndex) -> tuple[str, Token] | None:
    """The country of the first place named in what an act is done to, when no actor is:
    "blockade Paris", "a curfew in Algiers", "opened an embassy in Tehran", "mobilized
    reservists for a war against Iraq". Subjects, time and cause phrases and other
    clauses are not searched."""
    frontier = [(c, 1) for c in head.children if c.dep_ not in _NOT_OBJECT_DEPS]
    while frontier:
        tok, depth = frontier.pop(0)
        if tok.dep_ == "prep" and tok.lower_ in _SETTING_PREPS:
            continue
        country = index.place_country.get(tok.i)
        if country and country != "IGO" and tok.dep_ in ("pobj", "dobj", "conj"):
            return country, tok
        if depth < 5:
            frontier += [(c, depth + 1) for c in tok.children
                         if c.dep_ not in _NOT_OBJECT_DEPS]
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
    places = {index.place_country[i] for i in range(sent.start, sent.end)
              if i in index.place_country and i not in index.by_token} - {"IGO"}
    named = places | {index.actors[hit[0]].country for i in range(sent.start, sent.end)
                      if (hit := index.by_token.get(i)) and hit[0] in index.actors
                      and index.actors[hit[0]].country} - {"IGO"}
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
        # "gunmen ambushed a bus on the Kumba-Buea road": unnamed attackers are local
        _place([r for r in sources if r.country is None and (r.actor is None or
                                                             r.sector == "UAF")],
               next(iter(places)))
        _place(_unplaced(targets, index), next(iter(places)))


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


def _first_person(tok: Token) -> bool:
    return tok.pos_ == "PRON" and tok.lower_ in PRONOUNS_FIRST_PERSON


def _agent_noun(tok: Token) -> Token | None:
    """The word naming who acts, if this noun can act: "Tens of thousands [of people]"
    -> people; "Prisoners" -> itself; "The measures", "twin truck bombings" -> None."""
    if tok.lemma_.lower() in QUANTITY_NOUNS:
        inner = prep_objects(tok, {"of"})
        return _agent_noun(inner[0]) if inner else (tok if tok.lower_ != "measures" else None)
    if tok.pos_ == "PROPN":
        if tok.text.isupper() and any(t.text in ("—", "–", "-") for t in tok.rights):
            return None  # a dateline ("DAR ES SALAAM — ...") parsed as a subject
        return tok
    if tok.pos_ != "NOUN" or (tok.lemma_.lower(), "N") in trigger_lexicon():
        return None
    if get_kb().role([tok.lemma_]) is not None or tok.lemma_.lower() in HUMAN_NOUNS:
        return tok
    if tok.tag_ == "NNS" and tok.lower_.endswith(PERSON_PLURAL_ENDINGS):
        return tok  # "Dockworkers", "politicians", "rioters", "pensioners"
    return None


def _unresolved_subject(head: Token) -> ActorRef | None:
    """The subject noun phrase as text when it names no known actor ("Islamic
    fundamentalists", "Prisoners"): the event stays, with an honest unknown source."""
    subj, passive = clause_subject(head)
    if passive or not subj:
        return None
    tok = subj[0]
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lower_ in NONPERSON_PRONOUNS:
        return None
    if _agent_noun(tok) is None:
        return None
    text = tok.doc[tok.left_edge.i:tok.i + 1].text
    return ActorRef(actor=None, text=text)
