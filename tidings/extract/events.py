"""tidings_events: PLOVER/CAMEO events from trigger words and the dependency parse.

For each sentence we find trigger verbs ("condemned", "carried out airstrikes") and
nominal events ("the US airstrikes on ..."), then read their source and target from
the trigger's own subject, object and prepositional phrases, resolved to the actors
that `tidings_actors` found. An event is emitted only when its sentence supports it:
a trigger with no actor on either side is dropped unless it is a violent act with a
place. Reported speech, negation and modality are flagged, not hidden.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..models import Actor, ActorRef, Event, Location, Mention
from ..ontology.cameo import goldstein, quad_class
from ..ontology.kb import get_kb
from ..paths import DATA_DIR
from ..ontology.lexicon import TriggerEntry, trigger_lexicon
from .doc import register_extensions
from .event_args import (
    AT_TARGET_VERBS,
    LOCATIVE_PREPS,
    PRONOUNS_FIRST_PERSON,
    SPEECH_VERBS,
    TARGET_PREPS,
    agent_of,
    clause_subject,
    conjuncts,
    direct_objects,
    governing_clause,
    in_anniversary,
    is_negated,
    modality_of,
    prep_objects,
    reporting_verb,
)

register_extensions()

# Verbs that carry no event themselves but introduce a nominal one:
# "carried out raids", "held talks", "launched an offensive", "imposed sanctions".
LIGHT_VERBS = {
    "carry", "conduct", "launch", "stage", "mount", "hold", "make", "issue", "impose",
    "open", "begin", "start", "resume", "pay", "level", "file", "lodge", "announce",
    "declare", "initiate", "unleash", "intensify", "escalate", "continue", "renew",
    "undertake", "perform", "wage", "have", "extend", "give", "order", "host", "join",
    "reach", "sign", "deliver", "provide", "send", "express", "voice", "reiterate",
    "step", "organize", "organise", "lead", "hit", "complete", "speed", "accelerate",
    "finish", "call", "go", "take", "receive", "allow", "approve", "mark", "place", "put",
    "be", "arrive", "remain", "stay", "tighten", "expand", "extend", "conclude", "establish",
    "converge", "gather", "assemble", "hold",
}
# Negated agreement is a refusal: "will not accept", "failed to reach agreement".
REFUSAL_WHEN_NEGATED = {"accept", "agree", "allow", "approve", "reach", "endorse", "sign",
                        "recognize", "recognise", "agreement", "deal"}
# Future conflictual acts are threats (PLOVER: the single category, not ACT+future).
THREAT_WHEN_FUTURE = {"ASSAULT", "COERCE"}
AGREE_WHEN_FUTURE = {"SUPPORT", "CONSULT", "COOPERATE", "AID", "RETREAT"}
INTENT_CAMEO = {"CONSULT": "036", "COOPERATE": "031", "AID": "033", "RETREAT": "035",
                "CONCEDE": "035", "SUPPORT": "032"}
MUST_AUX = {"must", "should"}
# Words besides speech verbs that introduce what someone demands "must" happen.
SPEECH_GOVERNORS = {"reminder", "statement", "conclude", "reiterate", "insist", "warn",
                    "stress", "emphasize", "declare", "announce", "say", "tell"}
PHRASE_VERBS = {"express", "reach", "sign", "voice", "send", "provide", "deliver", "supply",
                "grant", "withdraw", "pull", "lift", "ease", "share", "restore", "normalize",
                "normalise", "launch", "fire", "suspend", "halt", "cut", "reduce"}
# Material acts whose recipient is, failing a named one, the place they happened in.
LOCATION_TARGET_TYPES = {"CONCEDE", "COERCE", "SANCTION", "AID", "RETREAT", "PROTEST",
                         "MOBILIZE", "ASSAULT"}
NOUN_DEPS = {"dobj", "pobj", "nsubj", "nsubjpass", "attr"}
WILLING = {"ready", "willing", "prepared", "eager", "keen", "open"}
WILLING_ENTRY = TriggerEntry("ready", "A", "AGREE", None, "030", 0.6)
# Cooperative drills with a partner are cooperation, not a show of force.
DRILL_NOUNS = {"exercise", "drill", "patrol", "maneuver", "manoeuvre", "war-game", "wargame"}
JOINT_WORDS = {"joint", "combined", "bilateral", "trilateral", "multinational"}
ROLE_PREFIX = "role:"
COUNTRY_PREFIX = "country:"
# Prepositions that name the other side for some types only.
EXTRA_TARGET_PREPS = {
    "MOBILIZE": {"near", "toward", "towards", "to", "along", "at", "on"},
    "SANCTION": {"from"}, "RETREAT": {"from"}, "COERCE": {"from"}, "ACCUSE": {"at"},
    "AGREE": {"between"}, "CONSULT": {"between"},
}
NOUN_TARGET_PREPS = {"AID": {"for"}, "THREATEN": {"for"}, "SUPPORT": {"for"},
                     "COERCE": {"for"}}
CONTENT_PREPS = {"with", "on", "upon", "against", "to", "toward", "towards", "from", "into"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
NONPERSON_PRONOUNS = {"it", "its", "they", "their", "them"}
# Modifiers that specify an ASSAULT's mode.
AERIAL = {"air", "aerial", "airstrike", "warplane", "jet", "helicopter", "bomber"}
DRONE = {"drone", "drones", "uav"}
AUTHORITY_NOUNS = {"authority", "authorities", "official", "officials", "police", "government",
                   "court", "prosecutor", "prosecutors", "forces", "troops", "army"}
PROTEST_STRIKE = {"unions", "employees", "staff", "miners", "drivers", "dockers",
                  "teacher", "nurse", "doctor", "worker", "general", "hunger", "labor", "labour", "workers", "worker", "union",
                  "nationwide", "sit-down", "rail", "teachers", "doctors", "nurses"}
SPEECH_NOUNS = {"claim", "report", "statement", "remark", "comment", "allegation"}
# Nominal events weaker than this need a light verb or explicit actors on both sides.
NOMINAL_MIN_WEIGHT = 0.45
HISTORICAL_DAYS = 60


@dataclass
class Candidate:
    trigger: Token                    # the word that names the event
    entry: TriggerEntry
    governor: Token | None = None     # light verb, if any
    speaker: Token | None = None      # for "X said Y must ...": X's speech verb

    @property
    def head(self) -> Token:
        """The clause-level word whose subject is the source."""
        return self.governor if self.governor is not None else self.trigger


# ---------------------------------------------------------------- triggers

def _object_lemmas(tok: Token) -> set[str]:
    """Words naming what the act is done with or to: the object (or a passive subject),
    "$85 million [in aid]", "a day [of strikes]", "provided Ukraine [with support]"."""
    lemmas = set()
    objs = direct_objects(tok) + [c for c in tok.children if c.dep_ == "nsubjpass"]
    if tok.pos_ == "VERB":
        objs += prep_objects(tok, {"with"})
    for o in objs:
        for c in conjuncts(o) + prep_objects(o, {"of", "in", "with"}):
            lemmas.add(c.lemma_.lower())
            lemmas.add(c.lower_)
    if tok.pos_ == "NOUN":
        for c in tok.children:  # "air raid": the compound names the object
            if c.dep_ in ("compound", "amod"):
                lemmas.add(c.lemma_.lower())
        if tok.dep_ == "compound":
            lemmas.add(tok.head.lemma_.lower())
    return lemmas


def _matches(tok: Token, entry: TriggerEntry) -> bool:
    if entry.preps and not any(c.dep_ in ("prep", "agent", "prt") and c.lower_ in entry.preps
                               for c in tok.children):
        return False
    if entry.particles and not any(c.dep_ == "prt" and c.lower_ in entry.particles
                                   for c in tok.children):
        return False
    if entry.prep_objects and not {
            p.lemma_.lower() for p in prep_objects(tok, set(entry.preps) or TARGET_PREPS)
    } & entry.prep_objects:
        return False
    if entry.objects or entry.not_objects:
        objs = _object_lemmas(tok)
        if entry.objects and not objs & entry.objects:
            return False
        if objs & entry.not_objects:
            return False
    return True


def verb_lemmas(tok: Token) -> list[str]:
    """The model's lemma, then plain de-inflections of the word, for the few verbs the
    small model lemmatises wrongly ("staged" -> "stag")."""
    low = tok.lower_
    forms = [tok.lemma_.lower(), low]
    if low.endswith("ied"):
        forms.append(low[:-3] + "y")
    if low.endswith("ed"):
        forms += [low[:-1], low[:-2]]
        if len(low) > 4 and low[-3] == low[-4]:
            forms.append(low[:-3])  # "stopped"
    if low.endswith("ing"):
        forms += [low[:-3] + "e", low[:-3]]
    if low.endswith("es"):
        forms.append(low[:-2])
    if low.endswith("s"):
        forms.append(low[:-1])
    return list(dict.fromkeys(forms))


def is_light_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and any(f in LIGHT_VERBS for f in verb_lemmas(tok))


def _entry_for(tok: Token) -> TriggerEntry | None:
    lex = trigger_lexicon()
    if (tok.pos_ == "VERB" and tok.dep_ not in NOUN_DEPS) or (
            tok.pos_ == "AUX" and tok.lemma_ not in ("be", "have", "do")):
        for form in verb_lemmas(tok):
            for entry in lex.get((form, "V"), []):
                if _matches(tok, entry):
                    return entry
        return None
    elif (tok.pos_ in ("NOUN", "PROPN") and tok.tag_ not in ("NNP", "NNPS")) or (
            tok.pos_ == "VERB" and tok.dep_ in NOUN_DEPS):
        key = (tok.lemma_.lower(), "N")  # "held joint drills" with "drills" tagged a verb
    elif tok.pos_ == "ADJ" and tok.lemma_.lower() in WILLING and any(
            c.dep_ == "xcomp" for c in tok.children):
        return WILLING_ENTRY  # "said they were ready to join talks"
    else:
        return None
    for entry in lex.get(key, []):
        if _matches(tok, entry):
            return entry
    return None


def _light_object(verb: Token) -> Token | None:
    """The event noun a light verb carries: "carried out [airstrikes]", "went on
    [strike]", "placed under house [arrest]", "put on high [alert]"."""
    for obj in direct_objects(verb) + prep_objects(verb, {"on", "under"}):
        if _entry_for(obj) is not None:
            return obj
        for c in obj.children:  # "launched a mediation effort"
            if c.dep_ == "compound" and _entry_for(c) is not None:
                return c
        # "held a second round of talks"
        for c in obj.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj" and _entry_for(g) is not None:
                        return g
    return None


def find_candidates(sent: Span) -> list[Candidate]:
    cands: list[Candidate] = []
    used: set[int] = set()
    for tok in sent:
        if tok.i in used:
            continue
        if is_light_verb(tok):
            noun = _light_object(tok)
            own = _entry_for(tok)
            if noun is not None and (own is None or own.objects):
                entry = _entry_for(noun)
                if own is not None and own.objects:
                    entry = own  # "sign an agreement": the verb's own reading wins
                cands.append(Candidate(noun if entry is not own else tok, entry,
                                       governor=tok if entry is not own else None))
                used.update({tok.i, noun.i})
                continue
        entry = _entry_for(tok)
        if entry is not None:
            cands.append(Candidate(tok, entry))
            used.add(tok.i)
    return cands


# ---------------------------------------------------------------- actors

class ActorIndex:
    """Actor mentions of one document, looked up by token."""

    def __init__(self, doc: Doc):
        self.actors: dict[str, Actor] = {a.id: a for a in (doc._.actors or [])}
        self.by_token: dict[int, tuple[str, int, int]] = {}
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
        sent = pron.sent
        starts = [sent.start]
        if sent.start > 0:
            starts.append(pron.doc[sent.start - 1].sent.start)
        for lo in starts:
            hi = pron.i if lo == sent.start else sent.start
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
            country = actor_id[len(COUNTRY_PREFIX):]
            return ActorRef(actor=None, text=tok.text, country=country, code=country)
        if actor_id.startswith(ROLE_PREFIX):
            sector = actor_id[len(ROLE_PREFIX):]
            return ActorRef(actor=None, text=tok.text, sector=sector, code=sector)
        actor = self.actors.get(actor_id)
        hit = self.by_token.get(tok.i)
        text = doc.text[hit[1]:hit[2]] if hit else tok.text
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
        hit = None
        for t in _np_core(member):
            actor_id = index.at(t)
            if actor_id and actor_id not in exclude:
                hit = (actor_id, t)
                break
        if hit is None:
            hit = _country_modifier(member, index)
        if hit is None and depth < 2:
            for held in member.children:  # "positions held by the Arakan Army"
                if held.dep_ == "acl" and held.tag_ == "VBN":
                    for a in agent_of(held):
                        inner = np_actors(a, index, depth + 1, exclude)
                        hit = hit or (inner[0] if inner else None)
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
        if hit is None:
            hit = _role_only(member)
        if hit is None and member.i in index.place_country and \
                member.dep_ not in ("compound", "amod", "nmod"):
            # "the withdrawal from Panama", "an attack on Kharkiv": the place's country
            hit = COUNTRY_PREFIX + index.place_country[member.i], member
        if hit is not None and hit[0] not in {a for a, _ in found}:
            found.append(hit)
    return found


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
    Kept as a sector (ROLE_PREFIX + sector) so a domestic event can give it one."""
    if tok.pos_ != "NOUN" or tok.dep_ in ("compound", "amod"):
        return None
    role = get_kb().role([tok.lemma_]) or get_kb().role([tok.text])
    if role is None or not role.sector:
        return None
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
    else:
        subj, passive = clause_subject(head)
        for s in subj:
            (targets if passive else sources).extend(np_actors(s, index))
        for a in agent_of(head):
            sources += np_actors(a, index)

    # targets: the object, or the phrase that names the other side
    holders = [trig] + ([c.governor] if c.governor is not None else [])
    if not nominal or c.governor is not None:
        # "expressed readiness", "sent troops": the object is part of the act itself;
        # "expelled two Russian diplomats", "rejected the Indian proposal": it names the
        # other side
        if not (c.entry.objects and head.lemma_ in PHRASE_VERBS) and \
                c.entry.type != "MOBILIZE":  # "moved troops": the troops are one's own
            src_ids = frozenset(a for a, _ in sources)
            for o in direct_objects(head):
                if o.i == trig.i:
                    continue
                targets += np_actors(o, index, exclude=src_ids)
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
            targets += np_actors(p, index)
    if not targets and c.entry.objects:
        # "expressed Iraq's readiness to expand relations with Iran"
        for o in direct_objects(head):
            for t in o.subtree:
                if t.dep_ == "pobj" and t.head.lower_ in TARGET_PREPS:
                    targets += np_actors(t, index)
            for t in o.children:
                if t.dep_ == "poss" and not sources:
                    sources += np_actors(t, index)
    if not targets and c.entry.type in CONTENT_GOVERNORS:
        # "threatened to impose sanctions on Ukraine", "demanded that the US cancel ...":
        # the target sits in the content clause
        for x in head.children:
            if x.dep_ not in ("xcomp", "ccomp"):
                continue
            if x.dep_ == "ccomp":
                for subj in clause_subject(x)[0]:
                    targets += np_actors(subj, index)
            for o in direct_objects(x) + prep_objects(x, CONTENT_PREPS):
                found = np_actors(o, index)
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
    src_ids = {a for a, _ in sources}
    targets = [(a, t) for a, t in targets if a not in src_ids]
    return _dedupe(sources), _dedupe(targets)


def _dedupe(items: list[tuple[str, Token]]) -> list[tuple[str, Token]]:
    seen, out = set(), []
    for actor_id, tok in items:
        if actor_id not in seen:
            seen.add(actor_id)
            out.append((actor_id, tok))
    return out


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


def _strike_is_protest(c: Candidate) -> bool:
    trig = c.trigger
    if trig.lemma_ != "strike" or trig.pos_ != "NOUN":
        return False
    words = {t.lower_ for t in trig.children}
    if c.governor is not None:
        words |= {t.lower_ for t in c.governor.children}
        if any(p.lower_ == "on" and p.head == c.governor for p in trig.ancestors):
            return True
    if c.governor is not None:
        subj, _ = clause_subject(c.governor)
        words |= {t.lemma_.lower() for s in subj for t in s.subtree}
    return bool(words & PROTEST_STRIKE) or (trig.head.lemma_ == "go" and trig.dep_ == "pobj")


# ---------------------------------------------------------------- when and where

def _nearest_trigger(tok: Token, triggers: dict[int, Candidate]) -> Candidate | None:
    cur = tok
    for _ in range(12):
        if cur.i in triggers:
            return triggers[cur.i]
        if cur.head is cur:
            return None
        cur = cur.head
    return None


def _clause_dates(sent: Span, triggers: dict[int, Candidate], dates) -> dict[int, object]:
    """Map candidate trigger index -> the DateRef that its own clause carries."""
    out: dict[int, object] = {}
    for d in dates:
        if d.value is None or not (sent.start_char <= d.start < sent.end_char):
            continue
        span = sent.doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            continue
        owner = _nearest_trigger(span.root, triggers)
        if owner is not None:
            out.setdefault(owner.trigger.i, d)
    return out


def _clause_places(sent: Span, triggers: dict[int, Candidate], places) -> dict[int, list]:
    """Map candidate trigger index -> places named in a locative phrase of its clause."""
    out: dict[int, list] = {}
    for place in places:
        for m in place.mentions:
            if not (sent.start_char <= m.start < sent.end_char):
                continue
            span = sent.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not _is_locative(span.root):
                continue
            owner = _nearest_trigger(span.root, triggers)
            if owner is not None:
                out.setdefault(owner.trigger.i, []).append(place)
    return out


def _is_locative(tok: Token) -> bool:
    """Is this place where something happened ("in Syria's province of Deir ez-Zor")
    rather than a modifier of something else ("the US strike")?"""
    cur = tok
    for _ in range(8):
        if cur.dep_ == "pobj" and cur.head.lower_ in LOCATIVE_PREPS:
            return True
        if cur.dep_ in ("compound", "poss", "amod", "nmod"):
            if cur.head.lemma_.lower() not in PLACE_NOUNS and not cur.head.ent_type_ in (
                    "GPE", "LOC", "FAC"):
                return False
            cur = cur.head
            continue
        if cur.dep_ in ("pobj", "appos", "conj") or (cur.dep_ == "prep" and cur.lower_ == "of"):
            cur = cur.head
            continue
        return False
    return False


PLACE_NOUNS = {"province", "city", "town", "village", "region", "area", "district", "capital",
               "state", "county", "governorate", "border", "outskirts", "suburb", "port",
               "camp", "enclave", "territory", "zone", "valley", "strip", "bank", "island",
               "neighbourhood", "neighborhood", "municipality", "prefecture", "oblast"}
_FEATURE_RANK = {"city": 0, "other": 1, "admin": 2, "country": 3}


def _best_place(places) -> Location | None:
    if not places:
        return None
    p = sorted(places, key=lambda p: _FEATURE_RANK.get(p.feature, 4))[0]
    return Location(name=p.name, country=p.country, lat=p.lat, lon=p.lon,
                    geonameid=p.geonameid, feature=p.feature)


def _published_date(doc: Doc) -> date | None:
    art = doc._.article
    if art is None or not art.published:
        return None
    try:
        return datetime.fromisoformat(art.published.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _is_historical(value: str | None, published: date | None) -> bool:
    if not value or published is None:
        return False
    try:
        parts = [int(x) for x in value.split("-")]
        when = date(parts[0], parts[1] if len(parts) > 1 else 12,
                    parts[2] if len(parts) > 2 else 28)
    except (ValueError, IndexError):
        return False
    return (published - when).days > HISTORICAL_DAYS


# ---------------------------------------------------------------- the component

def _quote_at(doc: Doc, start: int):
    for q in doc._.quotes or []:
        if q.start <= start < q.end:
            return q
    return None


def _confidence(c: Candidate, n_src: int, n_tgt: int, modality: str, negated: bool) -> float:
    score = 0.25 + 0.45 * c.entry.weight
    score += 0.15 if n_src else -0.1
    score += 0.1 if n_tgt else 0.0
    if c.trigger.pos_ == "NOUN" and c.governor is None:
        score -= 0.1
    if modality != "asserted":
        score -= 0.05
    if negated:
        score -= 0.05
    raw = max(0.05, min(0.99, score))
    return round(calibrated(raw) if CALIBRATE else raw, 3)


# Set to False to get raw scores (eval/calibrate.py does, to refit the table).
CALIBRATE = True


@lru_cache(maxsize=1)
def _calibration() -> list[tuple[float, float]]:
    path = DATA_DIR / "confidence_calibration.tsv"
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("raw") or not line.strip():
            continue
        raw, cal = line.split("\t")
        rows.append((float(raw), float(cal)))
    return rows


def calibrated(raw: float) -> float:
    """The share of events with this raw score whose type was right on the gold sets,
    interpolated between the knots of data/confidence_calibration.tsv."""
    table = _calibration()
    if not table:
        return raw
    value = table[-1][1]
    if raw <= table[0][0]:
        value = table[0][1]
    else:
        for (x0, y0), (x1, y1) in zip(table, table[1:]):
            if raw <= x1:
                value = y0 + (y1 - y0) * (raw - x0) / (x1 - x0) if x1 > x0 else y1
                break
    return max(0.05, min(0.99, value))  # never certain either way


def _merge_manner(cands: list[Candidate], by_index: dict[int, Candidate]) -> list[Candidate]:
    """"killed a commander in an airstrike": the airstrike is how the killing was done,
    one event; its mode ("aerial") passes to the verb."""
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
                continue
        keep.append(c)
    return keep


def _must_requests(sent: Span, cands: list[Candidate]) -> list[Candidate]:
    """"X said Y must Z" is X's demand of Y: a REQUEST whose content is the must-clause."""
    out = []
    taken = {c.trigger.i for c in cands} | {c.governor.i for c in cands if c.governor}
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or not any(
                c.dep_ == "aux" and c.lower_ in MUST_AUX for c in tok.children):
            continue
        gov = tok.head
        hops = 0
        while gov.lemma_ not in SPEECH_VERBS | SPEECH_GOVERNORS and gov.head is not gov \
                and hops < 3:
            gov, hops = gov.head, hops + 1
        if gov.lemma_ not in SPEECH_VERBS | SPEECH_GOVERNORS or gov.i in taken:
            continue
        entry = TriggerEntry("must", "V", "REQUEST", None, "100", 0.6)
        out.append(Candidate(tok, entry, speaker=gov))
    return out


def _inside(tok: Token, heads: list[Token]) -> bool:
    return any(h.i != tok.i and h in tok.ancestors for h in heads)


def code_sentence(doc: Doc, sent: Span, index: ActorIndex, counter: list[int]) -> list[Event]:
    cands = find_candidates(sent)
    musts = _must_requests(sent, cands)
    if musts:  # what is demanded is not itself an event
        must_heads = [m.trigger for m in musts]
        cands = [c for c in cands if c.head not in must_heads
                 and not _inside(c.head, must_heads)]
        cands += musts
    if not cands:
        return []
    by_index = {c.trigger.i: c for c in cands}
    for c in cands:
        if c.governor is not None:
            by_index.setdefault(c.governor.i, c)
    cands = _merge_manner(cands, by_index)
    dates = _clause_dates(sent, by_index, doc._.dates or [])
    places = _clause_places(sent, by_index, doc._.places or [])
    published = _published_date(doc)
    events = []
    for c in cands:
        if _strike_is_protest(c):
            c.entry = TriggerEntry(c.entry.lemma, "N", "PROTEST", "strike", "143", 0.6)
        if c.speaker is None and _is_content_of_other(c, by_index):
            continue
        if c.entry.type == "REQUEST" and _part_of_protest(c, by_index):
            continue
        if _is_condition(c) or _is_reduced_relative(c) or _continues_same_act(c, by_index) \
                or _under_intent_noun(c) or _consequence_of(c, by_index) or _mere_warning(c):
            continue
        if c.speaker is not None:
            subj, _ = clause_subject(c.speaker)
            sources = _dedupe([a for s in subj for a in np_actors(s, index)])
            subj, _ = clause_subject(c.trigger)
            targets = _dedupe([a for s in subj for a in np_actors(s, index)
                               if a[0] not in {x for x, _ in sources}])
            if not targets:
                continue  # "any settlement must include ...": no one is asked
        else:
            sources, targets = _sources_targets(c, index)
        unnamed = None
        if not sources and (c.trigger.pos_ != "NOUN" or c.governor is not None):
            unnamed = _unresolved_subject(c.head)  # "Prisoners rioted": no known actor
        nominal = c.trigger.pos_ == "NOUN" and c.governor is None
        outer = _argument_of_trigger(c, by_index) if nominal else None
        if outer is not None and c.entry.type in SPEECH_ACT_TYPES:
            continue  # "rejected a U.S. request": the request is what is rejected
        if outer is not None:
            # "condemned the US strikes on ...": the strikes are an event in their own
            # right only when the phrase names who carried them out
            outer_sources = {a for a, _ in _sources_targets(outer, index)[0]}
            if not sources or {a for a, _ in sources} <= outer_sources:
                continue
        if nominal and c.entry.weight < NOMINAL_MIN_WEIGHT and not (sources and targets):
            continue
        where = _best_place(places.get(c.trigger.i, []))
        if nominal and not sources and not (c.entry.type == "ASSAULT" and where):
            continue  # "a recent attack on the airport of Erbil" is kept: it has a place
        if not sources and not targets and unnamed is None and \
                not (c.entry.type == "ASSAULT" and where):
            continue
        inferred = []
        if not targets and where is not None and where.country and (
                c.entry.type in LOCATION_TARGET_TYPES or c.entry.mode == "visit"):
            inferred = [ActorRef(actor=None, text=where.name, country=where.country,
                                 code=where.country, inferred=True)]
        quote = _quote_at(doc, c.trigger.idx)
        if quote is not None and quote.direct and index.actors.get(quote.speaker or ""):
            # "We condemn ...," Khazali said: the speaker is the source
            sources = [(quote.speaker, t) if _first_person(t) else (a, t) for a, t in sources]
            if not sources and unnamed is None:
                subj, passive = clause_subject(c.head)
                if subj and not passive and _first_person(subj[0]):
                    sources = [(quote.speaker, subj[0])]
        negated = is_negated(c.trigger, c.governor)
        modality = modality_of(c.trigger, c.governor)
        reporter = reporting_verb(c.head)
        if modality == "hypothetical" and reporter is not None and any(
                a.lower_ == "would" for a in c.head.children):
            modality = "future"  # "said they would blockade": future in the past
        entry = c.entry
        if entry.type == "MOBILIZE" and c.trigger.lemma_ in DRILL_NOUNS and \
                _is_joint(c, sources, targets):
            entry = TriggerEntry(entry.lemma, entry.pos, "COOPERATE", None, "062", entry.weight)
        if entry.type == "ASSAULT" and c.head.dep_ == "xcomp" and \
                c.head.head.lemma_ in ("prepare", "ready", "mass"):
            entry = TriggerEntry(entry.lemma, entry.pos, "MOBILIZE", "troops", "154",
                                 entry.weight)  # "prepared to resume shelling"
            modality = "asserted"
        if entry.type == "AGREE" and c.trigger.lemma_ in PROMISE_VERBS and \
                _content_type(c, by_index) in THREAT_WHEN_FUTURE:
            entry = TriggerEntry(entry.lemma, entry.pos, "THREATEN", "violence", "138",
                                 entry.weight)  # "vowed to destroy", "pledged to punish"
        refusal_form = modality in ("future", "hypothetical") or (
            c.head.dep_ == "xcomp" and c.head.head.lemma_ == "fail")
        if negated and refusal_form and (c.trigger.lemma_ in REFUSAL_WHEN_NEGATED or (
                c.governor is not None and c.governor.lemma_ in REFUSAL_WHEN_NEGATED)) \
                and entry.type in ("AGREE", "SUPPORT", "RETREAT", "CONCEDE"):
            entry, negated = TriggerEntry(entry.lemma, entry.pos, "REJECT", None, "120",
                                          entry.weight), False
            modality = "asserted"
        if modality == "future" and not negated and entry.type in THREAT_WHEN_FUTURE:
            mode = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations"}
            cameo = {"ASSAULT": "138", "COERCE": "137", "SANCTION": "131"}
            entry = TriggerEntry(entry.lemma, entry.pos, "THREATEN", mode[entry.type],
                                 cameo[entry.type], entry.weight * 0.9)
            modality = "asserted"
        if modality == "future" and not negated and entry.type == "RETREAT" and \
                entry.mode == "withdraw":
            # PLOVER: declared (not yet carried out) withdrawals are concessions
            entry = TriggerEntry(entry.lemma, entry.pos, "CONCEDE", entry.mode, "080",
                                 entry.weight)
        if modality == "future" and not negated and entry.type in AGREE_WHEN_FUTURE:
            # PLOVER: a cooperative act announced for the future is an AGREE (intent)
            entry = TriggerEntry(entry.lemma, entry.pos, "AGREE", None,
                                 INTENT_CAMEO.get(entry.type, "030"), entry.weight * 0.9)
        if c.trigger.lemma_ in ("fight", "fighting") and not targets:
            continue  # "fighting against terrorism", "fighting broke out": no one is fought
        if entry.type == "CONSULT" and not targets and len(sources) < 2:
            continue  # a body meeting on its own is not a consultation between actors
        if modality == "asserted" and reporter is not None:
            modality = "reported"
        if modality == "asserted" and quote is not None and quote.speaker and \
                quote.speaker not in {a for a, _ in sources}:
            modality = "reported"
        when = dates.get(c.trigger.i) or (dates.get(c.governor.i) if c.governor else None)
        if when is None and c.head.dep_ in ("xcomp", "advcl", "conj"):
            when = dates.get(c.head.head.i)
        if when is None:  # "In a Saturday meeting ..., Zarif condemned": the meeting's date
            for other in cands:
                h = other.trigger
                if other is not c and (h.head.i == c.head.i or (
                        h.dep_ == "pobj" and h.head.head.i == c.head.i)):
                    when = when or dates.get(h.i)
        if modality in ("asserted", "reported") and (
                in_anniversary(c.trigger) or _is_historical(when.value if when else None,
                                                            published)):
            modality = "historical"
        trigger_toks = [c.trigger] + ([c.governor] if c.governor is not None else [])
        t_start = min(t.idx for t in trigger_toks)
        t_end = max(t.idx + len(t.text) for t in trigger_toks)
        s_end = sent.start_char + len(sent.text.rstrip())
        counter[0] += 1
        cameo = entry.cameo
        c.entry = entry
        source_refs = [index.ref(a, doc, t) for a, t in sources]
        target_refs = [index.ref(a, doc, t) for a, t in targets] + inferred
        if not source_refs and unnamed is not None:
            source_refs = [unnamed]
        if not target_refs and (c.trigger.pos_ != "NOUN" or c.governor is not None) and \
                not (c.entry.objects and c.head.lemma_ in PHRASE_VERBS) and \
                entry.type != "MOBILIZE":
            target_refs = _unresolved_objects(c.head, c.trigger)  # "killed one person"
        _domestic_country(source_refs, target_refs)
        _located_country(source_refs, target_refs, where, entry.type)
        events.append(Event(
            id=f"e{counter[0]}", type=entry.type, mode=_refine_mode(c),
            context=_context(c), cameo=cameo, goldstein=goldstein(cameo),
            quad_class=quad_class(cameo),
            source=source_refs,
            target=target_refs,
            date=when.value if when else None,
            date_precision=when.precision if when else None,
            location=where, negated=negated, modality=modality,
            confidence=_confidence(c, len(sources), len(targets), modality, negated),
            sentence=Mention(sent.start_char, s_end, doc.text[sent.start_char:s_end]),
            trigger=Mention(t_start, t_end, doc.text[t_start:t_end]),
            quote=quote.id if quote is not None else None,
        ))
    return events


def _unresolved_objects(head: Token, trigger: Token) -> list[ActorRef]:
    """The object noun phrase as text when it names no known actor."""
    for o in direct_objects(head) + [c for c in head.children if c.dep_ == "nsubjpass"]:
        if o.i == trigger.i or o.pos_ not in ("NOUN", "PROPN"):
            continue
        if _agent_noun(o) is None:
            continue
        return [ActorRef(actor=None, text=o.doc[o.left_edge.i:o.i + 1].text)]
    return []


DOMESTIC_SECTORS = {"COP", "JUD", "GOV"}
QUANTITY_NOUNS = {"ten", "tens", "hundred", "hundreds", "thousand", "thousands", "dozen",
                  "dozens", "score", "scores", "million", "millions", "group", "number",
                  "crowd", "crowds", "band", "handful", "majority", "some", "most"}
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
        for ref in side:
            if ref.country is None and ref.sector in STATE_SECTORS:
                ref.country, ref.code, ref.inferred = country, country + ref.sector, True


def _context(c: Candidate) -> list[str]:
    if c.entry.type in ("ASSAULT", "MOBILIZE") or c.entry.mode in ("aerial", "troops"):
        return ["military"]
    if c.entry.type in ("CONSULT", "AGREE", "SUPPORT"):
        return ["diplomatic"]
    return []


CONTENT_GOVERNORS = {"AGREE", "THREATEN", "REQUEST", "REJECT", "CONCEDE", "ACCUSE",
                     "SUPPORT"}
ARGUMENT_PREPS = {"of", "for", "against", "into", "about", "over", "to", "at", "on"}
SPEECH_ACT_TYPES = {"REQUEST", "ACCUSE", "THREATEN", "REJECT", "AGREE", "SUPPORT"}


def _is_content_of_other(c: Candidate, by_index: dict[int, Candidate]) -> bool:
    """An act that is only the content of another event: "threatened to impose
    sanctions", "called for an investigation", "agreed to withdraw troops"."""
    cur = c.head
    if c.trigger.pos_ == "NOUN" and c.governor is None and \
            c.trigger.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "relcl"):
        # a nominal event is judged by _argument_of_trigger, unless the verb it hangs
        # from is itself the content of a demand or promise ("demand to end its drills")
        while cur.dep_ in ("dobj", "pobj", "prep", "compound", "conj") and cur.head is not cur:
            cur = cur.head
            if cur.i in by_index:
                return False
        if cur.pos_ != "VERB" or cur.dep_ not in ("xcomp", "ccomp", "acl", "advcl"):
            return False
    for _ in range(5):
        if cur.head is cur:
            return False
        prev = cur
        dep, cur = cur.dep_, cur.head
        other = by_index.get(cur.i)
        if other is not None and other is not c:
            purpose = dep == "advcl" and any(a.lower_ == "to" for a in prev.children)
            if other.entry.type in CONTENT_GOVERNORS and (purpose or dep in (
                    "xcomp", "ccomp", "pobj", "dobj", "pcomp", "prep", "acl", "conj")):
                return True
            return False
        if dep not in ("xcomp", "prep", "pobj", "pcomp", "acl", "dobj", "aux", "conj",
                       "ccomp", "relcl", "advcl"):
            return False
    return False


PROMISE_VERBS = {"vow", "pledge", "promise", "swear"}


def _content_type(c: Candidate, by_index: dict[int, Candidate]) -> str | None:
    """The type of the act a promise or threat is about ("vowed to [destroy]")."""
    for x in c.head.children:
        if x.dep_ in ("xcomp", "ccomp"):
            other = by_index.get(x.i)
            if other is not None:
                return other.entry.type
    return None


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


def _is_joint(c: Candidate, sources: list, targets: list) -> bool:
    words = {t.lower_ for t in c.trigger.children}
    with_partner = any(p.lower_ == "with" for p in c.trigger.children) or (
        c.governor is not None and any(p.lower_ == "with" for p in c.governor.children))
    return bool(words & JOINT_WORDS) or with_partner or len(sources) >= 2


INTENT_NOUNS = {"pretext", "aim", "goal", "purpose", "plan", "intention", "policy", "right",
                "ability", "capability", "readiness", "willingness", "need", "way", "effort",
                "bid", "desire", "wish", "mandate", "authority", "power", "strategy",
                "campaign", "pledge", "promise", "vow", "threat", "call", "demand", "idea"}


def _under_intent_noun(c: Candidate) -> bool:
    """"under the pretext of fighting Daesh", "the right to fire": not an act done."""
    cur = c.head
    for _ in range(3):
        if cur.dep_ not in ("pcomp", "pobj", "prep", "acl", "xcomp", "advcl") or \
                cur.head is cur:
            return False
        cur = cur.head
        if cur.pos_ == "NOUN" and cur.lemma_.lower() in INTENT_NOUNS:
            return True
        if cur.pos_ == "VERB":
            return False
    return False


def _consequence_of(c: Candidate, by_index: dict[int, Candidate]) -> bool:
    """"an attack ..., which killed one contractor": the killing is that same attack."""
    h = c.head
    while h.dep_ == "conj" and h.head is not h:  # "which killed one ... and wounded ..."
        h = h.head
    if c.entry.type != "ASSAULT" or h.dep_ not in ("relcl", "acl"):
        return False
    cur = h.head
    for _ in range(7):  # the clause may hang from "the airport of Erbil" inside the phrase
        other = by_index.get(cur.i)
        if other is not None and other is not c:
            return other.entry.type == "ASSAULT"
        if cur.dep_ not in ("pobj", "prep", "compound", "appos") or cur.head is cur:
            return False
        cur = cur.head
    return False


def _mere_warning(c: Candidate) -> bool:
    """"warned that moves are aimed at souring relations" states a view; "warned that
    the crime would not go unanswered" threatens. A warning needs an addressee or a
    future or conditional content to be a threat."""
    h = c.head
    if h.lemma_ != "warn" or any(x.dep_ in ("dobj", "dative") for x in h.children):
        return False
    for x in h.children:
        if x.dep_ == "ccomp":
            auxes = {a.lower_ for a in x.subtree if a.dep_ in ("aux", "neg")}
            return not auxes & {"will", "would", "could", "might", "may", "shall", "not",
                                "never", "'ll", "wo", "must"}
        if x.dep_ == "prep" and x.lower_ in ("against", "of"):
            return False
    return False


def _is_condition(c: Candidate) -> bool:
    """"if attacked", "unless Stockholm cracks down": a condition, not an event."""
    return any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
               for m in c.head.children)


def _is_reduced_relative(c: Candidate) -> bool:
    """"three companies accused of supplying parts": a description of an entity."""
    h = c.head
    return (h.dep_ == "acl" and h.tag_ == "VBN" and not agent_of(h)
            and c.entry.type in ("ACCUSE", "COERCE", "SANCTION"))


def _continues_same_act(c: Candidate, by_index: dict[int, Candidate]) -> bool:
    """"stormed a hotel, killing nine": the participle continues the same attack."""
    h = c.head
    purpose = h.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in h.children)
    if h.dep_ not in ("advcl", "conj", "xcomp") or (h.tag_ != "VBG" and not purpose):
        return False  # "struck ..., killing nine"; "began a hunger strike to protest ..."
    other = by_index.get(h.head.i)
    if other is None and h.head.dep_ in ("dobj", "pobj"):
        other = by_index.get(h.head.head.i)
    return other is not None and other is not c and other.entry.type == c.entry.type


def _part_of_protest(c: Candidate, by_index: dict[int, Candidate]) -> bool:
    """Protesters "demanding" or "calling for" something: the demand is the protest's."""
    head = c.head
    if head.dep_ not in ("advcl", "xcomp", "acl", "conj", "relcl"):
        return False
    other = by_index.get(head.head.i)
    if other is None:  # "demonstrators protesting ...": the protest is the noun's verb
        other = by_index.get(head.head.head.i) if head.head.dep_ in ("nsubj", "dobj") \
            else None
    return other is not None and other is not c and other.entry.type == "PROTEST"


def _argument_of_trigger(c: Candidate, by_index: dict[int, Candidate]) -> Candidate | None:
    """The event a nominal event is the argument of: "condemned [the US attack]"."""
    cur = c.trigger
    for _ in range(3):
        if cur.head is cur or cur.dep_ not in ("dobj", "pobj", "prep", "nsubj", "nsubjpass",
                                               "conj", "compound", "attr"):
            return None
        if cur.dep_ == "prep" and cur.lower_ not in ARGUMENT_PREPS:
            return None  # "In a meeting with ..., Zarif condemned": a setting, not a topic
        cur = cur.head
        other = by_index.get(cur.i)
        if other is not None and other is not c:
            return other
    return None


@Language.factory("tidings_events", assigns=["doc._.events"],
                  requires=["doc._.actors", "doc._.dates", "doc._.places"])
def make_component(nlp: Language, name: str):
    trigger_lexicon()  # load once, at pipeline build time

    def component(doc: Doc) -> Doc:
        index = ActorIndex(doc)
        counter = [0]
        events: list[Event] = []
        for sent in doc.sents:
            events.extend(code_sentence(doc, sent, index, counter))
        doc._.events = events
        return doc
    return component
