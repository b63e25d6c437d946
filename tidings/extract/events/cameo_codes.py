"""CAMEO codes to the third digit where the text says more than the trigger word.

A trigger gives an act's type and a generic code ("urged" REQUEST 020, "threatened"
THREATEN 130, "attacked" ASSAULT 190). What the act is about, or what it was done
with, often names the finer code: "urged Iran to [release] the sailors" is an appeal
to yield 0253, "threatened to [impose sanctions]" 1312, "[warplanes] struck" 195,
"gave a million [dollars]" economic aid 071. Each refinement is a named rule (stage
"emit"); which content gives which code is data (ontology/data/cameo_content.tsv).
A refinement only ever makes a code more specific: a code the trigger already made
specific ("assassinated" 186) is kept.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ...ontology.cameo import REQUEST_ROOTS, content_codes
from ...ontology.words import words
from ..event_args import clause_subject, conjuncts, direct_objects, prep_objects
from ..event_rules import active, register
from ..event_triggers import Candidate, _object_lemmas
from .coding import Clause, Coding

register("appeal_content", "emit",
         "The Red Cross urged both sides to free the wounded prisoners.",
         "An appeal (02x) or demand (10x) takes the digits of what it asks for: release "
         "0253, talks 026, aid 023, a ceasefire 0256.")
register("threat_content", "emit",
         "Brussels threatened to impose new sanctions on Minsk.",
         "A threat takes its 13x code from what is threatened: sanctions 1312, force 1384, "
         "a strike 133, expulsion 136.")
register("refusal_content", "emit",
         "The opposition refused to attend talks with the ruling party in Caracas.",
         "A refusal takes its 12x code from what is refused: talks 125, a plan 127, "
         "releasing someone 1243.")
register("intent_content", "emit",
         "Tokyo agreed to share intelligence with Seoul.",
         "An expressed intent (03x) takes its code from what is promised: intelligence "
         "sharing 0314, aid 033, talks 036.")
register("aid_kind", "emit", "Norway gave two million dollars to the Sudanese Red Crescent.",
         "Aid is economic 071 (money), military 072 (arms) or humanitarian 073 (food, "
         "medicine, shelter) by what is given.")
register("assault_instrument", "emit",
         "Militant gunmen attacked a police station in Peshawar.",
         "An attack takes its 18x/19x code from what it was done with: small arms 193, "
         "artillery 194, aircraft 195, bombs 183, knives 182.")
register("police_mobilization", "emit",
         "The Kenyan government deployed riot police across Nairobi.",
         "Police mobilized are 153, not the army's 154.")

FAMILY_OF = {"REQUEST": "request", "THREATEN": "threaten", "REJECT": "reject",
             "AGREE": "intent"}
RULE_OF = {"request": "appeal_content", "threaten": "threat_content",
           "reject": "refusal_content", "intent": "intent_content"}
# The codes each family refines; others came specific from the trigger.
GENERIC = {"request": ("020", "100"), "threaten": ("130", "138"), "reject": ("120",),
           "intent": ("030", "031", "032", "033", "035", "036")}
CONTENT_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "advcl", "pcomp",
                "conj", "nsubjpass", "attr"}
CONTENT_PREPS = {"for", "on", "upon", "to", "of", "with", "from"}
AID_KINDS = (("071", words("aid_money")), ("072", words("aid_military")),
             ("073", words("aid_humanitarian")))
POLICE = words("police_words")
# Instruments in the order they decide: the most specific first.
INSTRUMENTS: tuple[tuple[str, str, Callable[[set[str]], bool]], ...] = (
    ("1831", "suicide-attack", lambda w: bool(w & words("suicide_words"))
     and bool(w & (words("bomb_words") | {"bomber", "bombers", "attacker"}))),
    ("1832", "explosives", lambda w: bool(w & words("car_bomb_words"))
     and bool(w & words("bomb_words"))),
    ("1833", "explosives", lambda w: bool(w & words("roadside_words"))),
    ("183", "explosives", lambda w: bool(w & words("bomb_words"))),
    ("195", "aerial", lambda w: bool(w & words("air_weapon_words"))),
    ("194", "heavy-weapons", lambda w: bool(w & words("heavy_weapon_words"))),
    ("193", "firearms", lambda w: bool(w & words("firearm_words"))),
    ("182", "beat", lambda w: bool(w & words("melee_words"))),
)


def _lemmas(toks: list[Token]) -> set[str]:
    return {t.lower_ for t in toks} | {t.lemma_.lower() for t in toks}


def _content(k: Coding, cl: Clause) -> tuple[Candidate | None, set[str]]:
    """The act an appeal, threat, refusal or promise is about ("urged X to [release]",
    "called for [talks]", "threatened [sanctions]"), the nearest in its arguments, and
    the words of those arguments."""
    seen: list[Token] = []
    frontier = [k.c.head] + ([k.c.trigger] if k.c.governor is not None else [])
    found = None
    for _depth in range(3):
        nxt = []
        for tok in frontier:
            for ch in tok.children:
                if ch.dep_ in ("amod", "compound"):
                    seen.append(ch)  # "[nuclear] weapons": a word, never the act itself
                    continue
                if ch.dep_ not in CONTENT_DEPS or ch.dep_ == "prep" and \
                        ch.lower_ not in CONTENT_PREPS or ch in seen:
                    continue
                seen.append(ch)
                nxt.append(ch)
                other = cl.by_index.get(ch.i)
                if found is None and other is not None and other is not k.c:
                    found = other
        frontier = nxt
    return found, _lemmas(seen)


def aid_kind(tok: Token) -> str | None:
    """071, 072 or 073 by what is given, read from the act's objects."""
    objs = _object_lemmas(tok) | _lemmas([c for o in direct_objects(tok)
                                          for c in o.subtree])
    for code, kind in AID_KINDS:
        if objs & kind:
            return code
    return None


def _content_code(family: str, found: Candidate | None, lemmas: set[str]) -> str | None:
    """The first row of the family that the content matches (the table lists the more
    specific rows first)."""
    etype = code = None
    if found is not None:
        etype, code = found.entry.type, found.entry.cameo
        if etype == "AID" and code == "070":
            code = aid_kind(found.head) or code
    for content, out in content_codes()[family]:
        if content.startswith("@"):
            if lemmas & words(content[1:]):
                return out
            continue
        t, _, prefix = content.partition(":")
        if t == etype and code is not None and code.startswith(prefix):
            return out
    return None


def _speech_act(k: Coding, cl: Clause, cameo: str) -> tuple[str, str | None]:
    family = FAMILY_OF.get(k.entry.type)
    if family is None or cameo not in GENERIC[family] or not active(RULE_OF[family]):
        return cameo, None
    found, lemmas = _content(k, cl)
    code = _content_code(family, found, lemmas)
    if code is None:
        return cameo, None
    if family == "request":
        root = cameo[:2]
        if root not in REQUEST_ROOTS:
            return cameo, None
        code = root + code
    if cameo not in ("030", "120", "130", "020", "100") and not code.startswith(cameo):
        return cameo, None  # only ever more specific
    return code, RULE_OF[family]


def _around(c: Candidate) -> set[str]:
    """The words an attack is named with: the trigger, its subject, its objects and
    its instrument phrases ("gunmen attacked", "struck with rockets")."""
    toks = [c.trigger, *c.trigger.children]
    if c.governor is not None:
        toks += list(c.governor.children)
    subj, _passive = clause_subject(c.head)
    toks += subj + prep_objects(c.head, {"by", "with", "in", "from"})
    toks += [x for t in list(toks) for x in t.children if x.dep_ in ("compound", "amod")]
    return _lemmas([x for t in toks for x in conjuncts(t)])


def refine_cameo(k: Coding, cl: Clause) -> tuple[str, str | None]:
    """The event's CAMEO code, made as specific as the text supports, and the ASSAULT
    mode its instrument names (None to keep the trigger's). Records the rule in `by`."""
    entry, c = k.entry, k.c
    cameo, rule_name = _speech_act(k, cl, entry.cameo)
    mode = None
    if entry.type == "AID" and cameo == "070" and active("aid_kind"):
        kind = aid_kind(c.head)
        if kind is not None:
            cameo, rule_name = kind, "aid_kind"
    elif entry.type == "ASSAULT" and cameo == "190" and active("assault_instrument"):
        around = _around(c)
        for code, how, test in INSTRUMENTS:
            if test(around):
                cameo, mode, rule_name = code, how, "assault_instrument"
                break
    elif entry.type == "MOBILIZE" and cameo == "154" and active("police_mobilization"):
        subj, _ = clause_subject(c.head)
        if _lemmas([x for t in subj + direct_objects(c.head) for x in t.subtree]) & POLICE:
            cameo, rule_name = "153", "police_mobilization"
    if rule_name is not None:
        k.fired(rule_name)
    return cameo, mode
