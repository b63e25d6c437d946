"""tidings_events: PLOVER/CAMEO events from trigger words and the dependency parse.

For each sentence we find trigger verbs ("condemned", "carried out airstrikes") and
nominal events ("the US airstrikes on ..."), then read their source and target from
the trigger's own subject, object and prepositional phrases, resolved to the actors
that `tidings_actors` found. An event is emitted only when its sentence supports it:
a trigger with no actor on either side is dropped unless it is a violent act with a
place. Reported speech, negation and modality are flagged, not hidden.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..models import ActorRef, Event, Mention
from ..ontology.cameo import goldstein, quad_class
from ..ontology.lexicon import TriggerEntry, trigger_lexicon
from .doc import register_extensions
from .event_args import (
    agent_of,
    clause_subject,
    direct_objects,
    in_anniversary,
    is_negated,
    modality_of,
    reporting_verb,
)
from .event_context import (
    _best_place,
    _clause_dates,
    _clause_places,
    _confidence,
    _context,
    _is_historical,
    _published_date,
    _quote_at,
    calibrated,
)
from .event_sides import (
    CONTENT_GOVERNORS,
    OWN_OBJECT_TYPES,
    PHRASE_VERBS,
    ActorIndex,
    _dedupe,
    _domestic_country,
    _facing_country,
    _first_person,
    _located_country,
    _sentence_country,
    _sources_targets,
    _unresolved_objects,
    _unresolved_subject,
    np_actors,
    object_place,
)
from .event_triggers import (
    Candidate,
    _must_requests,
    find_candidates,
    is_light_verb,
    verb_lemmas,
)

# Public names kept importable from here (tests and callers use `calibrated`). The
# CALIBRATE flag lives in event_context, where the confidence score reads it.
__all__ = [
    "ActorIndex",
    "Candidate",
    "calibrated",
    "code_sentence",
    "find_candidates",
    "is_light_verb",
    "make_component",
    "np_actors",
    "verb_lemmas",
]

register_extensions()

# Negated agreement is a refusal: "will not accept", "failed to reach agreement".
REFUSAL_WHEN_NEGATED = {"accept", "agree", "allow", "approve", "reach", "endorse", "sign",
                        "recognize", "recognise", "agreement", "deal"}
# Future conflictual acts are threats (PLOVER: the single category, not ACT+future).
THREAT_WHEN_FUTURE = {"ASSAULT", "COERCE"}
AGREE_WHEN_FUTURE = {"SUPPORT", "CONSULT", "COOPERATE", "AID", "RETREAT"}
INTENT_CAMEO = {"CONSULT": "036", "COOPERATE": "031", "AID": "033", "RETREAT": "035",
                "CONCEDE": "035", "SUPPORT": "032"}
# Material acts whose recipient is, failing a named one, the place they happened in.
LOCATION_TARGET_TYPES = {"CONCEDE", "COERCE", "SANCTION", "AID", "RETREAT", "PROTEST",
                         "MOBILIZE", "ASSAULT"}
# Cooperative drills with a partner are cooperation, not a show of force.
DRILL_NOUNS = {"exercise", "drill", "patrol", "maneuver", "manoeuvre", "war-game", "wargame"}
JOINT_WORDS = {"joint", "combined", "bilateral", "trilateral", "multinational"}
# Modifiers that specify an ASSAULT's mode.
AERIAL = {"air", "aerial", "airstrike", "warplane", "jet", "helicopter", "bomber"}
DRONE = {"drone", "drones", "uav"}
AUTHORITY_NOUNS = {"authority", "authorities", "official", "officials", "police", "government",
                   "court", "prosecutor", "prosecutors", "forces", "troops", "army"}
PROTEST_STRIKE = {"unions", "employees", "staff", "miners", "drivers", "dockers",
                  "teacher", "nurse", "doctor", "worker", "general", "hunger", "labor", "labour", "workers", "union",
                  "nationwide", "sit-down", "rail", "teachers", "doctors", "nurses"}
SPEECH_NOUNS = {"claim", "report", "statement", "remark", "comment", "allegation"}
# Nominal events weaker than this need a light verb or explicit actors on both sides.
NOMINAL_MIN_WEIGHT = 0.45


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


# ---------------------------------------------------------------- the component

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
        if c.entry.type in ("ASSAULT", "COERCE") and c.head.dep_ in ("advcl", "conj") and \
                _part_of_protest(c, by_index):
            continue  # "rioted, setting fire to mattresses": how the riot went
        if c.entry.type in ("ASSAULT", "COERCE") and _charged_with(c, by_index):
            continue  # "sentenced ... for killing a civilian": the charge, not a new act
        if c.entry.type in ("ASSAULT", "COERCE") and (_by_nature(c) or _is_sport(c, sent)):
            continue  # "Typhoon Haiyan killed 1,200 people", "Brazil beat Argentina 2-1"
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
        if nominal and not sources and not (c.entry.type == "ASSAULT" and where
                                            and _hangs_from_verb(c.trigger)):
            continue  # "said about a recent attack on the airport of Erbil" is kept
        if not sources and not targets and unnamed is None and \
                not (c.entry.type == "ASSAULT" and where):
            continue
        inferred = []
        if not targets and where is not None and where.country and (
                c.entry.type in LOCATION_TARGET_TYPES or c.entry.mode == "visit"):
            inferred = [ActorRef(actor=None, text=where.name, country=where.country,
                                 code=where.country, inferred=True)]
        if not targets and not inferred and (c.trigger.pos_ != "NOUN" or c.governor):
            placed = object_place(c.head, index)
            if placed is not None:
                inferred = [ActorRef(actor=None, text=placed[1].text, country=placed[0],
                                     code=placed[0], inferred=True)]
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
        if entry.type in ("ASSAULT", "COERCE") and _by_protesters(c):
            # "Protesters stormed the parliament", "students occupied the square"
            riot = entry.type == "ASSAULT"
            entry = TriggerEntry(entry.lemma, entry.pos, "PROTEST",
                                 "riot" if riot else "obstruct", "145" if riot else "144",
                                 entry.weight)
        if entry.type == "REQUEST" and c.trigger.pos_ == "VERB" and _by_crowd(c):
            # "thousands of demonstrators gathered ... demanding", "farmers drove tractors
            # into the capital to demand": a crowd's demand is a demonstration
            entry = TriggerEntry(entry.lemma, entry.pos, "PROTEST", "demo", "141",
                                 entry.weight)
        helped = None
        if entry.type == "MOBILIZE" and _sent_to_help(c):
            # "deployed 10,000 soldiers to help flood victims": troops sent as aid
            entry = TriggerEntry(entry.lemma, entry.pos, "AID", "humanitarian", "073",
                                 entry.weight)
            helped = next(x for x in c.head.children if x.dep_ in ("advcl", "xcomp")
                          and x.lemma_ in HELP_VERBS)
            targets = targets or _dedupe([a for o in direct_objects(helped)
                                          for a in np_actors(o, index)])
        if entry.type == "MOBILIZE" and c.trigger.lemma_ in DRILL_NOUNS and \
                _is_joint(c, sources, targets):
            entry = TriggerEntry(entry.lemma, entry.pos, "COOPERATE", None, "062", entry.weight)
        if entry.type == "ASSAULT" and _prepared_for(c.head):
            entry = TriggerEntry(entry.lemma, entry.pos, "MOBILIZE", "troops", "154",
                                 entry.weight)  # "prepared to resume shelling"
            modality = "asserted"
        if entry.type == "AGREE" and c.trigger.lemma_ in PROMISE_VERBS and (
                _content_type(c, by_index) in ("CONCEDE", "RETREAT")
                or any(x.dep_ == "xcomp" and x.lemma_ in ("allow", "permit", "let")
                       for x in c.head.children)):
            # PLOVER: promised concessions and retreats are CONCEDE ("promised to allow
            # girls back into schools", "pledged to withdraw its troops")
            entry = TriggerEntry(entry.lemma, entry.pos, "CONCEDE", None, "080",
                                 entry.weight)
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
        scheduled = dates.get(c.trigger.i) or (
            dates.get(c.governor.i) if c.governor is not None else None)
        if modality == "future" and not negated and entry.type in THREAT_WHEN_FUTURE and (
                _conditional(c) or scheduled is None):
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
        if entry.type == "CONSULT" and not targets and not inferred and len(sources) < 2 and not (
                sources and index.actors.get(sources[0][0]) is not None
                and index.actors[sources[0][0]].country == "IGO"):
            # one body meeting on its own is not a consultation between actors (an IGO's
            # members meeting is: "Foreign ministers of the G7 met")
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
        target_refs = [index.ref(a, doc, t) for a, t in targets]
        if not source_refs and unnamed is not None:
            source_refs = [unnamed]
        if not target_refs and (c.trigger.pos_ != "NOUN" or c.governor is not None) and \
                not (c.entry.objects and c.head.lemma_ in PHRASE_VERBS) and \
                entry.type != "MOBILIZE":
            # "killed one person", "abducted a local chief in Kasese": who, before where
            target_refs = _unresolved_objects(
                helped if helped is not None else c.head, c.trigger,
                VICTIM_PREPS if entry.type in ("ASSAULT", "COERCE") else frozenset(),
                skip_own=entry.type in OWN_OBJECT_TYPES)
            if target_refs and inferred and target_refs[0].text.endswith(inferred[0].text):
                target_refs = []  # the object is the place itself: "provide Ukraine with"
        target_refs = target_refs or inferred
        # where it happened first: "fired rockets at army positions in northern Israel"
        _located_country(source_refs, target_refs, where, entry.type)
        _domestic_country(source_refs, target_refs)
        _facing_country(source_refs, target_refs, index)
        _sentence_country(source_refs, target_refs, entry.type, sent, index)
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
            sentence=Mention(sent.start_char, s_end, index.text[sent.start_char:s_end]),
            trigger=Mention(t_start, t_end, index.text[t_start:t_end]),
            quote=quote.id if quote is not None else None,
        ))
    return events

ARGUMENT_PREPS = {"of", "for", "against", "into", "about", "over", "to", "at", "on"}
SPEECH_ACT_TYPES = {"REQUEST", "ACCUSE", "THREATEN", "REJECT", "AGREE", "SUPPORT"}


def _prepared_for(head: Token) -> bool:
    """"prepared to attack", "prepared to resume shelling": readying an assault."""
    cur = head
    for _ in range(2):
        if cur.dep_ != "xcomp":
            return False
        if cur.head.lemma_ in ("prepare", "ready", "mass"):
            return True
        if cur.head.lemma_ not in ("resume", "continue", "start", "begin"):
            return False
        cur = cur.head
    return False


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
        if cur.pos_ != "VERB" or cur.dep_ not in ("xcomp", "ccomp", "acl", "advcl", "pcomp"):
            return False
    for _ in range(5):
        if cur.head is cur:
            return False
        prev = cur
        dep, cur = cur.dep_, cur.head
        other = by_index.get(cur.i)
        if other is not None and other is not c:
            purpose = dep == "advcl" and any(a.lower_ == "to" for a in prev.children)
            return other.entry.type in CONTENT_GOVERNORS and (purpose or dep in (
                "xcomp", "ccomp", "pobj", "dobj", "pcomp", "prep", "acl", "conj"))
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


# Prepositions naming who force was used on: "fired tear gas at", "used force against".
VICTIM_PREPS = frozenset({"against", "at", "on"})
HELP_VERBS = {"help", "assist", "aid", "rescue", "evacuate", "rebuild", "support",
              "distribute", "deliver"}
CROWD_QUANTITIES = {"thousand", "thousands", "hundred", "hundreds", "tens", "dozens",
                    "crowd", "crowds", "million", "millions"}
NATURAL_HAZARDS = {"typhoon", "hurricane", "cyclone", "storm", "earthquake", "quake",
                   "flood", "floods", "flooding", "landslide", "mudslide", "tsunami",
                   "avalanche", "wildfire", "bushfire", "drought", "heatwave", "tornado",
                   "eruption", "volcano", "blizzard", "outbreak", "epidemic", "virus",
                   "disease", "cholera", "famine", "lightning", "accident", "crash"}
SPORT_VERBS = {"beat", "defeat", "thrash", "crush", "rout", "edge", "down", "hammer",
               "outplay", "eliminate"}
SPORT_NOUNS = {"match", "qualifier", "final", "semifinal", "semi-final", "tournament",
               "league", "championship", "cup", "game", "derby", "fixture", "goal"}
SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b")
PROTESTER_NOUNS = {"protester", "protestor", "demonstrator", "rioter", "student", "activist",
                   "crowd", "mob", "supporter", "marcher"}


def _charged_with(c: Candidate, by_index: dict[int, Candidate]) -> bool:
    """An act named as the reason for a sentence, an arrest or a charge ("sentenced to
    life for killing a civilian", "arrested on charges of attacking police")."""
    cur = c.head
    for _ in range(4):
        if cur.dep_ in ("pcomp", "pobj") and cur.head.lower_ in ("for", "over", "of") \
                and cur.head.dep_ == "prep":
            other = by_index.get(cur.head.head.i)
            if other is not None and other is not c and other.entry.type in (
                    "COERCE", "SANCTION", "ACCUSE"):
                return True
            cur = cur.head.head
            continue
        return False
    return False


def _sent_to_help(c: Candidate) -> bool:
    """"sent troops to help rebuild", "deployed soldiers to assist flood victims"."""
    return any(x.dep_ in ("advcl", "xcomp") and x.lemma_ in HELP_VERBS
               and any(a.lower_ == "to" for a in x.children) for x in c.head.children)


def _conditional(c: Candidate) -> bool:
    """"will strike if attacked", "would close the border unless ...": a future act
    made to depend on the other side. Such acts, and announced ones with no date ("said
    it would tighten the blockade"), are threats; a scheduled one ("will close its
    border from Thursday", "will demolish the homes next week") keeps its type, dated in
    the future."""
    cur = c.head
    for _ in range(3):
        for x in cur.children:
            if x.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in x.children
                                         if m.dep_ == "mark"):
                return True
        if cur.dep_ not in ("xcomp", "conj", "ccomp") or cur.head is cur:
            return False
        cur = cur.head
    return False


def _by_crowd(c: Candidate) -> bool:
    """Is the act's subject a crowd: "thousands of farmers", "demonstrators"?"""
    subj, passive = clause_subject(c.head)
    if passive or not subj:
        return False
    s = subj[0]
    if s.lemma_.lower() in PROTESTER_NOUNS - {"student", "activist", "supporter"}:
        return True
    return s.lemma_.lower() in CROWD_QUANTITIES and any(
        p.lower_ == "of" for p in s.children)


def _by_nature(c: Candidate) -> bool:
    """Storms, quakes and floods kill too, but attack no one."""
    subj, passive = clause_subject(c.head)
    if passive:
        subj = agent_of(c.head)
    return any(t.lemma_.lower() in NATURAL_HAZARDS for s in subj
               for t in [s, *(x for x in s.children if x.dep_ == "compound")])


def _is_sport(c: Candidate, sent: Span) -> bool:
    """"Brazil beat Argentina 2-1 in a World Cup qualifier": a match, not an assault."""
    if c.trigger.lemma_.lower() not in SPORT_VERBS:
        return False
    return bool(SCORE.search(sent.text)) or any(t.lemma_.lower() in SPORT_NOUNS for t in sent)


def _by_protesters(c: Candidate) -> bool:
    subj, passive = clause_subject(c.head)
    if passive:
        subj = agent_of(c.head)
    return any(s.lemma_.lower() in PROTESTER_NOUNS for s in subj)


def _hangs_from_verb(tok: Token) -> bool:
    """Is this noun an argument of a verb (directly or through one preposition), rather
    than buried in another noun phrase ("amid a row over the killing of ...")?"""
    head = tok.head
    if head.pos_ == "ADP":
        head = head.head
    return head.pos_ in ("VERB", "AUX")


def _consequence_of(c: Candidate, by_index: dict[int, Candidate]) -> bool:
    """"an attack ..., which killed one contractor": the killing is that same attack."""
    h = c.head
    while h.dep_ == "conj" and h.head is not h:  # "which killed one ... and wounded ..."
        h = h.head
    if c.entry.type == "ASSAULT" and any(
            a.lemma_ == "leave" and a.pos_ == "VERB" and not any(
                s.dep_ == "nsubj" and c.trigger in s.subtree for s in a.children)
            for a in h.ancestors):
        # "beat protesters ..., leaving at least 40 people injured" (but "the bombing
        # left 15 dead" is the bombing)
        return True
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
    """Protesters "demanding" or "calling for" something: the demand is the protest's
    (and "rioted, setting fire to ...": the fire is the riot's)."""
    head = c.head
    if head.dep_ not in ("advcl", "xcomp", "acl", "conj", "relcl"):
        return False
    cur = head.head
    other = by_index.get(cur.i)
    for _ in range(3):  # "demonstrators protesting ...", "a strike at the factories
        # demanding ...": the protest is the verb the noun phrase hangs from
        if other is not None or cur.dep_ not in ("nsubj", "dobj", "pobj", "prep") or \
                cur.head is cur:
            break
        cur = cur.head
        other = by_index.get(cur.i)
    return other is not None and other is not c and (
        other.entry.type == "PROTEST" or _strike_is_protest(other))


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
