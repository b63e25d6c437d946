"""Trigger matching for tidings_events: which words in a sentence name an event.

Holds the light verbs that carry a nominal event ("carried out raids"), the
`Candidate` a matched trigger becomes, the lexicon matching (`verb_lemmas`,
`find_candidates`) and the "X said Y must Z" demands read as requests.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..ontology.lexicon import TriggerEntry, trigger_lexicon
from ..ontology.words import words
from .event_args import (
    RELATIVE_PRONOUNS,
    SPEECH_VERBS,
    TARGET_PREPS,
    UNDERGOING_PREPS,
    conjuncts,
    direct_objects,
    prep_objects,
    relative_head_object,
    undergone_act,
)
from .event_rules import active, register

# Verbs that carry no event themselves but introduce a nominal one:
# "carried out raids", "held talks", "launched an offensive", "imposed sanctions".
LIGHT_VERBS = words("light_verbs")
# Light verbs of coming together, whose "for" phrase names the event: "for a rally".
GATHERING_VERBS = words("gathering_verbs")
MUST_AUX = words("must_aux")
# Words besides speech verbs that introduce what someone demands "must" happen.
SPEECH_GOVERNORS = words("speech_governors")
# "a peaceful sit-in": kept one word by the tokenizer (nlp.py), then often tagged NNP
# "mediation efforts", "food supplies", "aid workers": the compound says what they are
GENERIC_OBJECTS = words("generic_object_heads")
HYPHENED_NOUNS = words("hyphened_nouns") | {w + "s" for w in words("hyphened_nouns")}
NOUN_DEPS = {"dobj", "pobj", "nsubj", "nsubjpass", "attr"}
WILLING = words("willing_words")
WILLING_ENTRY = TriggerEntry("ready", "A", "AGREE", None, "030", 0.6)

register("light_verb", "candidate",
         "The US military carried out airstrikes on Iraqi militias in Syria.",
         "A light verb carries the event its object names: the noun is the trigger, the "
         "verb's clause gives the sides.")
register("in_protest", "candidate",
         "Shopkeepers in Srinagar shut their businesses in protest against the arrests.",
         "\"did X in protest\": the act is a protest by the verb's subject.")
register("ready_to", "candidate", "Iran said it was ready to resume talks with the United States.",
         "\"ready/willing to\" is an agreement in principle (AGREE 030).")


@dataclass
class Candidate:
    trigger: Token                    # the word that names the event
    entry: TriggerEntry
    governor: Token | None = None     # light verb, if any
    speaker: Token | None = None      # for "X said Y must ...": X's speech verb
    by: list[str] = field(default_factory=list)  # the rules that made it a candidate

    @property
    def head(self) -> Token:
        """The clause-level word whose subject is the source."""
        return self.governor if self.governor is not None else self.trigger


# ---------------------------------------------------------------- triggers


def _for_relative(tok: Token, word: Token) -> Token:
    """A relative pronoun stands for the noun its clause hangs on: "forces [which]
    crossed into", "a deal [that] Washington dismissed"."""
    return tok.head if tok.dep_ == "relcl" and word.lower_ in RELATIVE_PRONOUNS else word


def _subjects(tok: Token) -> list[Token]:
    """Who does the act: the subject (in the passive, the "by" phrase); in a relative
    clause the noun it hangs on; for "rebels [holding] policemen" the noun the
    participle describes; for the second of two coordinated verbs without a subject of
    its own, the first verb's."""
    subj = [_for_relative(tok, c) for c in tok.children if c.dep_ == "nsubj"]
    if subj:
        return subj
    if any(c.dep_ == "nsubjpass" for c in tok.children):  # "was picked up by police"
        return [o for c in tok.children if c.dep_ == "agent" for o in c.children
                if o.dep_ == "pobj"]
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN"):
        return [tok.head]
    if tok.dep_ == "conj" and tok.head.pos_ == "VERB":
        return [c for c in tok.head.children if c.dep_ == "nsubj"]
    return []


def _subject_lemmas(tok: Token) -> set[str]:
    """The subject's head words: "troops arrived", "hundreds of soldiers arrived"."""
    subj = _subjects(tok)
    heads = subj + [p for s in subj for c in s.children if c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj"]
    return {h.lemma_.lower() for h in heads} | {h.lower_ for h in heads}


PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})


def _object_lemmas(tok: Token) -> set[str]:
    """Words naming what the act is done with or to: the object (or a passive subject),
    "$85 million [in aid]", "a day [of strikes]", "provided Ukraine [with support]"."""
    lemmas = set()
    objs = [_for_relative(tok, o) for o in direct_objects(tok)] + [
        c for c in tok.children if c.dep_ == "nsubjpass"]
    if tok.pos_ == "VERB":
        objs = objs or _raised_objects(tok)
        objs += prep_objects(tok, {"with"})
        # "allowed a UN convoy to cross", "let inspectors in": whom the act lets act
        objs += [s for c in tok.children if c.dep_ in ("ccomp", "xcomp")
                 for s in c.children if s.dep_ == "nsubj"]
    for o in objs:
        for c in conjuncts(o) + prep_objects(o, {"of", "in", "with"}):
            lemmas.add(c.lemma_.lower())
            lemmas.add(c.lower_)
        if any(c.ent_type_ in PLACE_ENTITIES for c in conjuncts(o)):
            lemmas.add("ent:place")  # "captured Kabul": a place by name
        if o.pos_ == "PROPN":  # "summoned [Ambassador] Laurie Bristow": the title
            lemmas.update(c.lower_ for c in o.children if c.dep_ == "compound")
        if o.lemma_.lower() in GENERIC_OBJECTS:  # "ended mediation efforts": what of
            lemmas.update(c.lemma_.lower() for c in o.children
                          if c.dep_ in ("compound", "amod"))  # "its alert level"
    if tok.pos_ == "NOUN":
        for c in tok.children:  # "air raid": the compound names the object
            if c.dep_ in ("compound", "amod"):
                lemmas.add(c.lemma_.lower())
        for o in prep_objects(tok, {"of"}):  # "the closure [of the consulate]"
            lemmas.update(c.lemma_.lower() for c in conjuncts(o))
        if tok.dep_ == "compound":
            lemmas.add(tok.head.lemma_.lower())
    return lemmas


def _raised_objects(tok: Token) -> list[Token]:
    """The object of a verb that has none of its own: "an allegation [the ministry
    dismissed]" (the noun a relative clause with its own subject hangs on), "rammed and
    boarded a boat" (the object of the verb coordinated right after it)."""
    kids = list(tok.children)
    relative = relative_head_object(tok)
    if relative:
        return relative
    return [o for c in kids if c.dep_ == "conj" and c.pos_ == "VERB" and tok.i < c.i <= tok.i + 3
            and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            for o in direct_objects(c)]


COMPLEMENT_DEPS = ("ccomp", "xcomp", "oprd", "acomp", "intj")  # intj: "said no to"


def _complement(tok: Token, words: frozenset[str]) -> bool:
    """"found X guilty", "let X go"; "let free X" (the parser may hang "free" on X);
    "were set ablaze" (the parser may take "ablaze" for an adverb)."""
    after = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return any(c.dep_ in COMPLEMENT_DEPS + ("advmod",) and c.lower_ in words
               for c in tok.children) or (
        after is not None and after.lower_ in words and after.dep_ in COMPLEMENT_DEPS + ("amod",))


def _judged(tok: Token, words: frozenset[str]) -> bool:
    """What the clause said calls its subject: "said the returns were [illegal]", "said
    was [politically] motivated", "said the vote was a [sham]", "said it was an
    [attack] on the church"; not a clause that reports an act ("said troops had
    attacked") or denies the judgement ("said the vote was not illegal")."""
    for said in tok.children:
        if said.dep_ != "ccomp" or any(c.dep_ == "neg" for c in said.children):
            continue
        copular = said.lemma_ == "be" or any(c.dep_ == "auxpass" for c in said.children)
        if not copular:
            continue
        told = [said, *(c for c in said.children if c.dep_ in ("acomp", "attr", "advmod",
                                                               "oprd"))]
        told += [m for t in told if t.dep_ in ("attr", "acomp") for m in t.children
                 if m.dep_ in ("amod", "advmod")]  # "a [blatant] lie", "[politically] motivated"
        if any(t.lower_ in words or t.lemma_.lower() in words for t in told):
            return True
    return False


def _dated_only(prep: Token) -> bool:
    """"on Saturday", "in May": a preposition whose object is a time, no party."""
    objs = [o for o in prep.children if o.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in ("DATE", "TIME") for o in objs)


def _prep_holders(tok: Token, entry: TriggerEntry) -> list[Token]:
    """The trigger, and for a row that names the preposition's object its direct objects
    too: "set two jeeps on fire" is parsed with "on fire" under "jeeps"."""
    return [tok, *direct_objects(tok)] if entry.prep_objects else [tok]


# particles a verb's object may stand before: "pulled its troops out", "handed the bodies back"
SPLIT_PARTICLES = frozenset({"back"})


def _particle_slots(tok: Token) -> set[int]:
    """Where a particle the parser took for a preposition or adverb stands: right after
    the verb ("pulled out of"), or right after its object ("pulled its troops out")."""
    return {tok.i + 1} | {o.right_edge.i + 1 for o in tok.children if o.dep_ == "dobj" and
                          o.right_edge.i + 1 < len(o.doc) and
                          o.doc[o.right_edge.i + 1].lower_ in SPLIT_PARTICLES}


def _matches(tok: Token, entry: TriggerEntry) -> bool:
    if entry.preps and not any(c.dep_ in ("prep", "agent", "prt", "dative") and c.lower_ in entry.preps
                               and not (c.dep_ == "prep" and _dated_only(c))
                               for h in _prep_holders(tok, entry)
                               for c in h.children):  # "called X on Saturday"
        return False
    if entry.particles and not any(
            c.lower_ in entry.particles and (c.dep_ == "prt" or (
                c.dep_ in ("advmod", "prep") and c.i in _particle_slots(tok)))
            for c in tok.children):  # "pulled back", "pulled out of": parsed otherwise
        return False
    if entry.prep_objects and not {
            w for h in (*_prep_holders(tok, entry),
                        *(c for c in tok.children if c.lower_ in ("out", "away")))
            for p in prep_objects(h, set(entry.preps) or TARGET_PREPS)  # "pulled out of X"
            for q in (p, *prep_objects(p, {"of"}))  # "to thousands [of] refugees"
            for w in (q.lemma_.lower(), "ent:people" if q.ent_type_ == "NORP" else "")
    } & entry.prep_objects:
        return False
    if entry.subjects and not _subject_lemmas(tok) & entry.subjects:
        return False
    if entry.complements and not _complement(tok, entry.complements):
        return False
    if entry.not_complements and _complement(tok, entry.not_complements):
        return False  # "declined to comment" is no refusal
    if entry.judged and not _judged(tok, entry.judged):
        return False
    if entry.objects or entry.not_objects:
        objs = _object_lemmas(tok)
        if entry.objects and not objs & entry.objects and not (
                "*" in entry.objects and objs):  # obj=*: any object at all
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
    return tok.pos_ in ("VERB", "AUX") and any(
        f in LIGHT_VERBS or f in UNDERGOING_PREPS for f in verb_lemmas(tok))


def _entry_for(tok: Token) -> TriggerEntry | None:
    lex = trigger_lexicon()
    if (tok.pos_ == "VERB" and tok.dep_ not in NOUN_DEPS) or (
            tok.pos_ == "AUX" and tok.lemma_ not in ("be", "have", "do")):
        for form in verb_lemmas(tok):
            for entry in lex.get((form, "V"), []):
                if _matches(tok, entry):
                    return entry
        return None
    elif (tok.pos_ in ("NOUN", "PROPN") and (tok.tag_ not in ("NNP", "NNPS") or
                                            tok.lower_ in HYPHENED_NOUNS)) or (
            tok.pos_ == "VERB" and tok.dep_ in NOUN_DEPS):
        key = (tok.lemma_.lower(), "N")  # "held joint drills" with "drills" tagged a verb
    elif tok.pos_ == "ADJ" and tok.lemma_.lower() in WILLING and active("ready_to") and any(
            c.dep_ == "xcomp" for c in tok.children):
        return WILLING_ENTRY  # "said they were ready to join talks"
    else:
        return None
    for entry in lex.get(key, []):
        if _matches(tok, entry):
            return entry
    return None


# Nouns naming a part or a run of an act: "a round of talks", "a wave of strikes".
PART_NOUNS = words("part_nouns")


def _light_object(verb: Token) -> Token | None:
    """The event noun a light verb carries: "carried out [airstrikes]", "went on
    [strike]", "placed under house [arrest]", "put on high [alert]"."""
    if any(c.dep_ == "oprd" for c in verb.children):
        return None  # "called the strike an act of aggression": naming it, not doing it
    preps = {"on", "under"}
    if verb.lemma_ in GATHERING_VERBS:
        preps = preps | {"for"}  # "converged for a rally", "arrived for talks"
    if verb.lemma_ == "engage":
        preps = {"in"}  # "engaged in ethnic cleansing"
    if verb.lemma_ == "resort":
        preps = {"to"}  # "resorted to a lathicharge", "resorted to force"
    # "a curfew was ordered by the ministry": the passive subject is what is done
    objects = direct_objects(verb) + prep_objects(verb, preps) + [
        c for c in verb.children if c.dep_ == "nsubjpass"]
    if not any(f in LIGHT_VERBS for f in verb_lemmas(verb)):
        suffered = undergone_act(verb)
        objects = [suffered] if suffered is not None else []
    for obj in objects:  # ("came under fire": only the act its subject suffers)
        if _entry_for(obj) is not None:
            return obj
        for c in obj.children:  # "launched a mediation effort" (and the parser's
            # "resorted to [a lathicharge and fired tear gas] shells")
            if c.dep_ in ("compound", "amod") and c.pos_ == "NOUN" and \
                    _entry_for(c) is not None:
                return c
        # "held a second round of talks" (but "marked the anniversary of the killing"
        # is not a killing)
        for c in obj.children:
            if c.dep_ == "prep" and c.lower_ == "of" and obj.lemma_.lower() in PART_NOUNS:
                for g in c.children:
                    if g.dep_ == "pobj" and _entry_for(g) is not None:
                        return g
    return None


def _coordinated_objects(verb: Token, noun: Token, entry: TriggerEntry,
                         used: set[int]) -> list[Candidate]:
    """Another act coordinated with a light verb's event noun: "expressed its total
    rejection and strong [condemnation] of ...", one act each."""
    out = []
    for conj in noun.conjuncts:
        other = _entry_for(conj) if conj.i > noun.i and conj.pos_ == "NOUN" else None
        if other is not None and other.type != entry.type and conj.i not in used:
            out.append(Candidate(conj, other, governor=verb, by=["light_verb"]))
            used.add(conj.i)
    return out


def _done_in_protest(tok: Token) -> Token | None:
    """The verb "in protest" says the act of: "shut their shops in protest", "choked the
    roads with tractors in protest at the cuts" (the phrase hung on a noun by the parser)."""
    if tok.lemma_ != "protest" or tok.dep_ != "pobj" or tok.head.lower_ != "in":
        return None
    gov = tok.head.head
    for _ in range(4):  # up through "with tractors", "the roads" to the verb
        if gov.pos_ == "VERB" or gov.head.i == gov.i or gov.dep_ not in ("pobj", "dobj", "prep"):
            break
        gov = gov.head
    return gov if gov.pos_ == "VERB" else None


def find_candidates(sent: Span) -> list[Candidate]:
    cands: list[Candidate] = []
    used: set[int] = set()
    for tok in sent:
        if tok.i in used:
            continue
        if active("light_verb") and is_light_verb(tok):
            noun = _light_object(tok)
            own = _entry_for(tok)
            noun_entry = _entry_for(noun) if noun is not None else None
            if noun is not None and (own is None or own.objects or (
                    noun_entry is not None and noun_entry.type == own.type)):
                # "hosted a meeting between ...": the meeting carries the other sides
                entry = noun_entry
                if own is not None and own.objects:
                    entry = own  # "sign an agreement": the verb's own reading wins
                cands.append(Candidate(noun if entry is not own else tok, entry,
                                       governor=tok if entry is not own else None,
                                       by=["light_verb"] if entry is not own else []))
                used.update({tok.i, noun.i})
                if entry is not own:
                    cands += _coordinated_objects(tok, noun, entry, used)
                continue
        entry = _entry_for(tok)
        done_in = _done_in_protest(tok) if entry is not None else None
        if done_in is not None and done_in.i not in used and _entry_for(done_in) is None \
                and active("in_protest"):
            # "shopkeepers shut their businesses in protest": the act is the protest,
            # carried out by the verb's subject
            cands.append(Candidate(tok, entry, governor=done_in, by=["in_protest"]))
            used.update({tok.i, done_in.i})
            continue
        if entry is not None:
            cands.append(Candidate(tok, entry, by=["ready_to"] if entry is WILLING_ENTRY else []))
            used.add(tok.i)
    return cands


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
        while gov.lemma_ not in SPEECH_VERBS | SPEECH_GOVERNORS and gov.head.i != gov.i \
                and hops < 3:
            gov, hops = gov.head, hops + 1
        if gov.lemma_ not in SPEECH_VERBS | SPEECH_GOVERNORS or gov.i in taken:
            continue
        entry = TriggerEntry("must", "V", "REQUEST", None, "100", 0.6)
        out.append(Candidate(tok, entry, speaker=gov))
    return out
