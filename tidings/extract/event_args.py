"""Who did it, to whom, when, where and how sure: the arguments of one event trigger,
read from the dependency parse of its own sentence (never from co-occurrence).
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..ontology.words import words
from .datelines import dateline_span

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
# Clauses that inherit the subject of the verb they hang from.
SUBJECT_SHARING = {"xcomp", "advcl", "conj", "pcomp", "acomp"}
# Prepositions that introduce the target of an event.
TARGET_PREPS = words("target_preps")
# Verbs whose "at" phrase is the target ("fired at protesters"), not a place.
AT_TARGET_VERBS = words("at_target_verbs")
# Prepositions that introduce where an event happened.
LOCATIVE_PREPS = words("event_locative_preps")
SPEECH_VERBS = words("speech_verbs")
FUTURE_GOVERNORS = words("future_governors")
HYPOTHETICAL_GOVERNORS = words("hypothetical_governors")
FUTURE_AUX = words("future_aux")
HYPOTHETICAL_AUX = words("hypothetical_aux")
NEGATORS = words("negators")
NEGATING_GOVERNORS = words("negating_governors")
PRONOUNS_FIRST_PERSON = words("first_person_pronouns")
# Prepositions whose "-ing" clause is done by the subject of the verb they hang from
# ("killed three men after raiding a village"); not "of" ("accused X of killing").
CLAUSE_LINK_PREPS = words("clause_link_preps")
# "thanked Qatar for paying", "blamed Kabul for sheltering": the one judged did it
REASON_JUDGING_VERBS = words("reason_judging_verbs")
# "..., officials said, killing 17 soldiers": what the act reported left or set off
CONSEQUENCE_PARTICIPLES = words("consequence_participles")
# "drew a rebuke from X", "received aid from X": verbs whose subject receives the act
DRAWING_VERBS = words("drawing_verbs")


# verbs whose object does what their complement says: "urged Iraq to investigate",
# "prompting Seoul to summon the envoy"
OBJECT_CONTROL = frozenset({
    "urge", "ask", "call", "tell", "force", "order", "press", "invite", "allow", "prompt",
    "lead", "push", "compel", "encourage", "persuade", "spur", "pressure", "warn", "advise",
    "instruct", "direct", "permit", "enable", "require", "drive", "convince", "authorize",
    "authorise", "oblige", "implore", "beg", "request", "trigger", "cause"})


def clause_subject(token: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The subject tokens of the clause `token` heads, and whether it is passive.

    Participial and coordinated clauses ("..., calling for", "condemned and rejected")
    take the subject of the verb they hang from; a relative clause takes its noun.
    """
    subj = [c for c in token.children if c.dep_ in SUBJECTS]
    passive = [c for c in token.children if c.dep_ in PASSIVE_SUBJECTS]
    if not subj and not passive:  # the parser sometimes hangs the subject on "are"
        for aux in token.children:
            if aux.dep_ in ("aux", "auxpass"):
                subj += [c for c in aux.children if c.dep_ in SUBJECTS]
    if not subj and not passive and token.tag_ in ("VBN", "VBD") and token.dep_ == "conj" \
            and token.head.lemma_ == "be":
        # "is a clear violation ... and condemned": a passive participle
        return [c for c in token.head.children if c.dep_ in SUBJECTS], True
    if subj:
        if subj[0].tag_ in ("WDT", "WP") and token.dep_ in ("relcl", "acl"):
            return [token.head], False
        return _past_dateline(subj), False
    if passive:
        return passive, True
    if token.dep_ == "ROOT" and token.pos_ == "VERB":
        # "After a week of shelling along the border, Armenia and Azerbaijan held talks":
        # the parser hangs the subject on the opening phrase as an apposition
        before = [t for t in token.lefts if t.dep_ not in ("punct", "advmod", "aux", "neg")]
        for t in (before[-1].subtree if before else ()):
            if t.dep_ == "appos" and t.right_edge.i == token.i - 1 and \
                    t.pos_ in ("PROPN", "NOUN"):
                return [t], False
    if depth < 4:
        if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
            # "the agreement, signed by ...": a past participle describes its noun
            # passively (unless the parser hung a whole clause on its subject noun)
            return [token.head], token.tag_ == "VBN" and token.head.dep_ != "ROOT"
        head = token.head
        if token.dep_ == "pcomp" and head.lower_ in CLAUSE_LINK_PREPS and \
                head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            # "killed three men after raiding a village": the raiders are the killers
            subj, _ = clause_subject(head.head, depth + 1)
            return subj, any(c.dep_ == "auxpass" for c in token.children)
        judged = judged_for(token)
        if judged:
            return judged, any(c.dep_ == "auxpass" for c in token.children)
        told = _told_before(token)
        if told is not None:
            return clause_subject(told, depth + 1)
        if past_after_infinitive(token):  # "urged them to move ... and called on X"
            return clause_subject(token.head.head, depth + 1)
        peer = _past_participle_peer(token)
        if peer is not None:  # "fired at activists gathered outside ... and arrested a priest"
            return clause_subject(peer, depth + 1)
        if token.dep_ in SUBJECT_SHARING and token.head.i != token.i:
            # an xcomp's object-controlled subject: "urged Iraq to investigate"
            if token.dep_ == "xcomp":
                objs = [c for c in token.head.children if c.dep_ in ("dobj", "obj")]
                if objs and token.head.lemma_ in OBJECT_CONTROL:
                    return objs, False
            subj, passive = clause_subject(token.head, depth + 1)
            if token.dep_ == "xcomp" and passive and token.tag_ == "VBG" and \
                    token.head.lemma_ in PERCEPTION_VERBS:
                return subj, False  # "policemen were seen beating youths": they beat
            if token.dep_ == "conj":  # its own auxiliary says: "opened fire and were shot
                auxes = {c.dep_ for c in token.children}  # dead", "was indicted and will resign"
                if "auxpass" in auxes:
                    return subj, True
                if "aux" in auxes and token.tag_ == "VB":
                    return subj, False
            return subj, passive
    return [], False


def past_after_infinitive(token: Token) -> bool:
    """"urged the leaders [to move] quickly and [called] on the gangs": a past tense the
    parser coordinated with an infinitive is the parser's misread of a verb coordinated
    with the one the infinitive hangs from."""
    head = token.head
    return token.dep_ == "conj" and token.tag_ == "VBD" and head.tag_ == "VB" and \
        head.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to"
                                     for a in head.children)


def _past_participle_peer(token: Token) -> Token | None:
    """"fired tear gas at activists [gathered] outside a church and [arrested] a priest":
    a verb with an object of its own the parser coordinated with a passive participle
    that describes a noun is the peer of the verb that noun hangs from."""
    head = token.head
    if token.dep_ != "conj" or head.dep_ != "acl" or head.tag_ not in ("VBN", "VBD") or \
            not direct_objects(token) or direct_objects(head):
        return None
    cur = head.head
    while cur.dep_ in ("pobj", "prep", "dobj", "conj") and cur.head.i != cur.i:
        cur = cur.head
        if cur.pos_ == "VERB":
            return cur
    return None


def _told_before(token: Token) -> Token | None:
    """"Taliban fighters overran a base, officials said, killing 17 soldiers": what the
    parser hangs on the reporting verb as left or set off by the clause reported before
    it is that clause's subject's (the speaker's own "calling on", "denying" are not)."""
    head = token.head
    if token.dep_ != "advcl" or token.tag_ != "VBG" or head.lemma_ not in SPEECH_VERBS \
            or token.lemma_.lower() not in CONSEQUENCE_PARTICIPLES:
        return None
    return next((c for c in head.children if c.dep_ == "ccomp" and c.i < head.i), None)


def _past_dateline(subj: list[Token]) -> list[Token]:
    """"MOGADISHU, Somalia -- A U.S. airstrike has killed ...": the parser makes the
    dateline a subject, the real one its apposition or a second subject; those it is."""
    span = dateline_span(subj[0].doc)
    if span is None:
        return subj
    out = []
    for s in subj:
        if span[0] <= s.idx < span[1]:
            s = next((c for c in s.subtree if c.dep_ == "appos" and c.idx >= span[1]), None)
        if s is not None and s not in out:
            out.append(s)
    return out or subj


def judged_for(token: Token) -> list[Token]:
    """The one a verb of judging judges, for the "for -ing" clause `token` heads:
    "thanked [Qatar] for paying", "[the government], criticised by Washington for
    hosting" (the passive's subject). Empty for any other clause."""
    prep = token.head
    if token.dep_ != "pcomp" or prep.lower_ != "for" or prep.dep_ != "prep" or \
            prep.head.lemma_.lower() not in REASON_JUDGING_VERBS:
        return []
    judge = prep.head
    objs = [c for c in judge.children if c.dep_ in ("dobj", "obj")]
    if objs:
        return objs
    subj, passive = clause_subject(judge)
    return subj if passive else []


def conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ("Israel and Lebanon")."""
    out = [token]
    for c in token.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.extend(conjuncts(c))
    return out


def agent_of(token: Token) -> list[Token]:
    """The "by" phrase of a passive verb or a noun ("measures by the United States")."""
    for c in token.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            return [g for g in c.children if g.dep_ == "pobj"]
    return []


def prep_objects(token: Token, preps: set[str]) -> list[Token]:
    out = []
    for c in token.children:  # "gave way [to] protesters" is parsed as a dative
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            objs = [g for g in c.children if g.dep_ == "pobj"]
            out.extend(objs or _object_made_subject(c))
    return out


def _object_made_subject(prep: Token) -> list[Token]:
    """A preposition's object the parser made the subject of the clause after it: of a
    gerund under the preposition ("fired tear gas at [demonstrators] marching against
    the bill"), or of a clause beside it ("granted asylum to [five officers] holed up
    in the embassy"). Not "with China voting against": an absolute clause, no object."""
    for g in prep.children:
        if g.dep_ == "pcomp" and g.tag_ == "VBG" and prep.lower_ not in ("with", "without"):
            return [x for x in g.children if x.dep_ == "nsubj" and x.i < g.i][:1]
    if prep.n_rights:
        return []
    for clause in prep.head.rights:
        if clause.dep_ in ("advcl", "ccomp", "conj") and clause.i > prep.i:
            return [x for x in clause.children if x.dep_ in ("nsubj", "nsubjpass")
                    and x.left_edge.i == prep.i + 1][:1]
    return []


def received_from(verb: Token | None, trigger: Token) -> bool:
    """"Ukraine received military aid from Germany": the giver is the "from" phrase."""
    return verb is not None and verb.lemma_.lower() in DRAWING_VERBS and bool(
        prep_objects(verb, {"from"}) or prep_objects(trigger, {"from"}))


def direct_objects(token: Token) -> list[Token]:
    objs = [c for c in token.children if c.dep_ in ("dobj", "obj", "dative")]
    # a particle verb's object can be parsed under the particle ("carried out raids")
    for c in token.children:
        if c.dep_ == "prt":
            objs.extend(g for g in c.children if g.dep_ in ("dobj", "pobj"))
    return objs


RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


def relative_head_object(verb: Token) -> list[Token]:
    """What a relative clause with a subject of its own acts on: the noun it hangs on
    ("an engineer [it had detained]", "an allegation [the ministry dismissed]"); none
    for a clause of place, time or reason ("the town [where police fired]")."""
    kids = list(verb.children)
    if verb.dep_ == "relcl" and any(
            c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS for c in kids) and not any(
            c.dep_ == "advmod" and c.lower_ in ("where", "when", "why") for c in kids):
        return [verb.head]
    return []


def governing_clause(token: Token) -> Token | None:
    """The nearest verb (or event noun) above this token, crossing noun phrases."""
    cur = token
    while cur.head.i != cur.i:  # Token objects are made afresh: compare positions
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


# "were seen / caught / filmed beating": the one perceived does the act
PERCEPTION_VERBS = frozenset({"see", "spot", "catch", "film", "show", "hear", "find",
                              "photograph", "record", "notice", "observe", "witness"})
# Verbs whose subject is the victim: "two children died in the airstrike".
VICTIM_SUBJECT_VERBS = frozenset({"die", "perish", "succumb"})


# "came under fire from", "remained under house arrest", "were subjected to torture":
# the verb, and the preposition after which its subject suffers an act
UNDERGOING_PREPS = {v: "under" for v in words("undergoing_verbs")} | {
    v: "to" for v in words("subjecting_verbs")} | {v: "" for v in words("suffering_verbs")}


def victim_subject(verb: Token) -> bool:
    """ "two children died in the airstrike", "the convoy came under fire", "three fell
    to police bullets": the verb's subject is the one it befell."""
    return verb.lemma_.lower() in VICTIM_SUBJECT_VERBS or undergone_act(verb) is not None \
        or fell_to_bullets(verb)


def fell_to_bullets(verb: Token) -> bool:
    """ "three fell to police bullets": a death by shooting told with "fall"."""
    return verb.lemma_.lower() == "fall" and any(
        o.lemma_.lower() in ("bullet", "gunfire", "firing") for o in prep_objects(verb, {"to"}))


def undergone_act(verb: Token) -> Token | None:
    """The act a verb's subject suffers: "came under [fire]", "subjected to [torture]",
    "survived an assassination [attempt]"."""
    prep = UNDERGOING_PREPS.get(verb.lemma_.lower())
    if prep is None:
        return None
    objects = prep_objects(verb, {prep}) if prep else direct_objects(verb)
    return objects[0] if objects and objects[0].pos_ == "NOUN" else None


def undergone_doers(verb: Token, act: Token) -> list[Token]:
    """Who did the act a verb's subject suffers: "came under fire [from gunmen]",
    "an attack [by Turkish jets]"."""
    return prep_objects(act, {"from", "by"}) + prep_objects(verb, {"from"})


def _no_one(subj: Token) -> bool:
    return subj.lower_ in ("nobody", "none", "noone") or (
        subj.lower_ in ("one", "body") and any(c.lower_ == "no" for c in subj.children))


def is_negated(trigger: Token, governor: Token | None) -> bool:
    heads = [trigger] + ([governor] if governor is not None else [])
    heads += [t.head for t in heads if t.dep_ == "xcomp" and t.head.lemma_ == "go"]
    for tok in heads:  # ... and "are not [going] to withdraw"
        if any(c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ in ("det", "advmod"))
               for c in tok.children):
            return True
        if any(_no_one(c) for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")):
            return True  # "no one has been arrested", "nobody was hurt"
        if any(d.dep_ == "det" and d.lower_ == "no" for c in tok.children
               if c.dep_ == "nsubjpass" for d in c.children):
            return True  # "no force was used", "no shots were fired"
    # "denied attacking", "refused to meet": the governing verb negates the act
    cur = governor or trigger
    if cur.dep_ == "xcomp" and any(c.lower_ == "yet" for c in cur.head.children):
        return True  # "the police are yet to arrest anyone"
    return cur.dep_ in ("xcomp", "ccomp", "pcomp", "dobj") and \
        cur.head.lemma_ in NEGATING_GOVERNORS


def modality_of(trigger: Token, governor: Token | None) -> str:
    """future / hypothetical / asserted from auxiliaries, conditionals and governing verbs."""
    verb = governor or trigger
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & HYPOTHETICAL_AUX:
        return "hypothetical"
    if auxes & FUTURE_AUX or _going_to(verb):
        return "future"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        return "hypothetical"
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.i != verb.i:
        head = verb.head
        if head.lemma_ in HYPOTHETICAL_GOVERNORS:
            return "hypothetical"
        if head.lemma_ in FUTURE_GOVERNORS:
            head_aux = {c.lower_ for c in head.children if c.dep_ == "aux"}
            return "hypothetical" if head_aux & HYPOTHETICAL_AUX else "future"
    return "asserted"


def _going_to(verb: Token) -> bool:
    head = verb.head
    return (verb.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG"
            and any(c.lower_ == "to" for c in verb.children))


def reporting_verb(trigger: Token) -> Token | None:
    """The speech verb whose complement holds this trigger ("X said Y attacked Z")."""
    cur = trigger
    for _ in range(6):
        if cur.head.i == cur.i:
            return None
        dep, cur = cur.dep_, cur.head
        if cur.lemma_ in SPEECH_VERBS and dep in ("ccomp", "xcomp", "advcl", "parataxis",
                                                   "conj", "dobj", "nsubj"):
            return cur
        if dep not in ("ccomp", "xcomp", "conj", "advcl", "relcl", "acl", "pcomp", "pobj",
                       "prep", "dobj", "nsubj", "nsubjpass", "attr", "appos"):
            return None
    return None


def in_anniversary(trigger: Token) -> bool:
    for anc in trigger.ancestors:
        if anc.lemma_ in ("anniversary", "commemoration", "memorial"):
            return True
    return False


def token_span(doc: Doc, tokens: list[Token]) -> tuple[int, int]:
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end
