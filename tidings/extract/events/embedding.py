"""Where a candidate sits among the other candidates of its clause: the content of
another event ("threatened to [impose] sanctions"), the argument of another's trigger
("condemned the [attack]"), or a participle describing another's argument ("fighting
rebels [supporting] Boko Haram"). The vetoes and the argument reading ask these."""
from __future__ import annotations

from spacy.tokens import Token

from ...ontology.words import words
from ..event_args import agent_of, past_after_infinitive
from ..event_triggers import Candidate
from .sides import CONTENT_GOVERNORS

ARGUMENT_PREPS = words("argument_preps")
EMBEDDED_DEPS = frozenset({"pcomp", "pobj", "xcomp", "dobj", "acl"})
# phrases and clauses that set an act's time or cause: what they tell has happened
FACT_PREPS = words("setting_preps") - {"by", "from", "until"}
# Acts that judge what their relative clause hangs on ("a deal that Netanyahu denounced");
# not reaction.REACTION_TYPES, whose demands and threats may be content.
JUDGING_TYPES = frozenset({"ACCUSE", "SUPPORT", "REJECT"})
# who a relative clause may tell an armed act of ("the militants who carried out ...")
PEOPLE_NOUNS = words("human_nouns") | words("armed_adversary_words") | words("troop_words")
# what an act answered hangs from: "respond to", "revenge for", "warnings over"
ANSWERED_PREPS = frozenset({"to", "for", "over"})
# "a planned offensive", "a threatened strike": modifiers of an act not done
UNDONE_MODIFIERS = words("future_governors") | words("hypothetical_governors")
FACT_MARKS = frozenset({"after", "before", "since", "when", "while", "as", "because",
                        "though", "although", "once"})


def is_content_of_other(c: Candidate, by_index: dict[int, Candidate]) -> bool:
    """An act that is only the content of another event: "threatened to impose
    sanctions", "called for an investigation", "agreed to withdraw troops"."""
    cur = c.head
    if c.trigger.pos_ == "NOUN" and c.governor is None and \
            c.trigger.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "relcl"):
        # a nominal event is judged by argument_of_trigger, unless the verb it hangs
        # from is itself the content of a demand or promise ("demand to end its drills")
        if c.entry.type == "ASSAULT" and _doer_named(c.trigger):
            return False
        while cur.dep_ in ("dobj", "pobj", "prep", "compound", "conj") and cur.head.i != cur.i:
            if cur.dep_ == "prep" and cur.lower_ in FACT_PREPS and cur == c.trigger.head:
                return False  # "signed a deal to supply radars [during] a visit"
            cur = cur.head
            if cur.i in by_index:
                return False
        if cur.pos_ != "VERB" or cur.dep_ not in ("xcomp", "ccomp", "acl", "advcl", "pcomp"):
            return False
    for _ in range(5):
        if cur.head.i == cur.i:
            return False
        prev = cur
        dep, cur = cur.dep_, cur.head
        other = by_index.get(cur.i)
        if _across_semicolon(prev, cur) or _told_as_fact(c, prev, dep, other):
            return False
        if dep == "relcl" and c.entry.type in JUDGING_TYPES and prev.i == c.head.i and \
                any(s.dep_ == "nsubj" and s.tag_ not in ("WDT", "WP") for s in prev.children):
            return False  # "a deal that Netanyahu denounced": a reaction to the deal
        if other is not None and other is not c:
            if dep == "conj" and prev == c.head:
                # "scrapped the pact and recalled its envoy": coordinated with the other
                # act, it shares the other's standing: content if that is content or an
                # argument ("accused X of bombing homes and killing civilians")
                # a gerund hung on a finite verb is the parser's misread of the same
                # ("accused X of bombing homes and killing civilians")
                misread = prev.tag_ == "VBG" and cur.tag_ != "VBG"
                return misread or _embedded_in_event(other, by_index) or \
                    is_content_of_other(other, by_index)
            purpose = dep == "advcl" and any(a.lower_ == "to" for a in prev.children)
            # "said the advance was a violation and called on ...": a judgement said
            # governs no act of its clause
            return other.entry.type in CONTENT_GOVERNORS and not other.entry.judged and (
                purpose or dep in ("xcomp", "ccomp", "pobj", "dobj", "pcomp", "prep", "acl",
                                   "conj"))
        if dep not in ("xcomp", "prep", "pobj", "pcomp", "acl", "dobj", "aux", "conj",
                       "ccomp", "relcl", "advcl"):
            return False
    return False


def _doer_named(noun: Token) -> bool:
    """"vowed to respond to Israel's overnight strikes", "warnings over its raids on
    cargo vessels": an act answered, named with its doer's possessive, has been done,
    whatever the clause it hangs from promises; "its planned offensive" has not, and
    "demanded that Russia stop its offensive" asks for no new act."""
    return noun.dep_ == "pobj" and noun.head.lower_ in ANSWERED_PREPS and any(
        t.dep_ == "poss" for t in noun.children) and not any(
        t.dep_ in ("amod", "compound") and t.lemma_.lower() in UNDONE_MODIFIERS
        for t in noun.children)


def _told_as_fact(c: Candidate, prev: Token, dep: str, other: Candidate | None) -> bool:
    """A link that tells an act as having happened, whatever governs it: a setting
    ("during a visit", "after talks"), a clause of time or cause ("after officials
    hosted the leaders"), a reason praised ("thanked Turkey for dropping its
    objections"), a clause with its own subject the parser hung on an infinitive
    ("ordered the army to drive them out, but Belarus massed troops") or on a
    subordinate clause after it ("..., though Washington blamed Iran"), a relative
    clause in the past."""
    own = (c.head, *c.head.conjuncts)  # the act's own clause, not one further up
    if dep == "relcl" and prev in own and _past(prev) and _did_it(c, prev):
        return True  # "accused Kabul of sheltering the militants who carried out an
        # attack": a relative clause in the past tells what the people it names did
    if dep == "prep" and c.head.head.i == prev.i:  # not "alleged that he died [after] ..."
        return (prev.lower_ in FACT_PREPS and prev.head.dep_ not in ("ccomp", "xcomp")) or (
            prev.lower_ == "for" and other is not None and other.entry.type == "SUPPORT")
    if dep == "advcl" and prev in own:
        return any(m.dep_ == "mark" and m.lower_ in FACT_MARKS for m in prev.children)
    if dep == "ccomp" and prev.i < prev.head.i and any(
            m.dep_ == "mark" and m.lower_ in ("though", "although", "while", "whereas")
            for m in prev.head.children):
        return True  # "Two plants were hit by drones, though Pompeo blamed Iran": the
        # main clause the parser hung on the one that follows it
    if dep == "conj" and past_after_infinitive(prev):
        return True  # "urged them to move ... and called on the gangs"
    own_subject = any(x.dep_ in ("nsubj", "nsubjpass") for x in prev.children)
    if dep == "conj" and prev.tag_ in ("VBD", "VBZ", "VBP") and own_subject:
        # a clause coordinated with the governing act itself ("denounced ..., and the
        # president ordered ..., but Belarus massed troops") or misread under its content
        return (other is not None and prev != c.head and other.head.dep_ == "ROOT") \
            or prev.head.dep_ == "xcomp"
    return False


def _did_it(c: Candidate, verb: Token) -> bool:
    """"the militants who carried out an attack": an armed act whose doers are the
    people the relative clause hangs on (not "the blast that destroyed it", nor "the
    peacekeepers they took")."""
    return c.entry.type == "ASSAULT" and verb.head.lemma_.lower() in PEOPLE_NOUNS and any(
        s.dep_ == "nsubj" and s.tag_ in ("WP", "WDT") for s in verb.children)


def _past(verb: Token) -> bool:
    """"carried out", "had attacked", "were arrested": a verb told in the past."""
    return verb.tag_ == "VBD" or any(a.dep_ in ("aux", "auxpass") and a.tag_ == "VBD"
                                     for a in verb.children)


def _embedded_in_event(other: Candidate, by_index: dict[int, Candidate]) -> bool:
    """Whether an act hangs, as object or complement, from another event ("accused X
    of [bombing] homes"), not from a verb that is no event ("prompting Seoul to
    [summon] the envoy")."""
    cur = other.head
    for _ in range(4):
        if cur.dep_ not in EMBEDDED_DEPS and cur.dep_ != "prep" or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i in by_index:
            return True
    return False


def _across_semicolon(tok: Token, head: Token) -> bool:
    """A clause the parser hangs on a verb across a semicolon is a sentence of its own."""
    lo, hi = sorted((tok.i, head.i))
    return any(t.text == ";" for t in tok.doc[lo + 1:hi])


def argument_of_trigger(c: Candidate, by_index: dict[int, Candidate]) -> Candidate | None:
    """The event a nominal event is the argument of: "condemned [the US attack]"."""
    cur = c.trigger
    for _ in range(3):
        if cur.head.i == cur.i or cur.dep_ not in ("dobj", "pobj", "prep", "nsubj", "nsubjpass",
                                               "conj", "compound", "attr"):
            return None
        if cur.dep_ == "prep" and cur.lower_ not in ARGUMENT_PREPS:
            return None  # "In a meeting with ..., Zarif condemned": a setting, not a topic
        cur = cur.head
        other = by_index.get(cur.i)
        if other is not None and other is not c:
            return other
    return None


def describes_argument(c: Candidate, by_index: dict[int, Candidate]) -> Candidate | None:
    """The event whose argument a participle describes: "fighting rebel forces
    [supporting] Boko Haram", "urged justice for the reporter [killed] last year"."""
    h = c.head
    if h.dep_ != "acl" or h.tag_ not in ("VBG", "VBN") or (h.tag_ == "VBN" and agent_of(h)):
        return None
    cur = h.head
    for _ in range(4):
        if cur.dep_ not in ("dobj", "pobj", "prep", "conj", "appos", "nsubj", "nsubjpass",
                            "attr") \
                or cur.head.i == cur.i:
            return None
        cur = cur.head
        other = by_index.get(cur.i)
        if other is not None and other is not c:
            return other
    return None
