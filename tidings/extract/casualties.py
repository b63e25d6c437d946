"""tidings_casualties: counts of killed and injured people (assigns doc._.casualties).

Runs after tidings_events. Within each sentence it finds casualty phrases:
- passive or adjectival: "three soldiers were wounded", "at least 12 dead",
  "12 people were killed or injured";
- active: "killed one foreign civilian contractor", "wounding dozens",
  "killed or injured 30 people", "left five people dead";
- tolls: "the death toll rose to 41", "claimed 17 lives", "40 deaths", "25 casualties".
Numbers may be digits or words; vague amounts ("dozens", "several others", "scores")
give a null count with the text kept. Deaths the patterns miss because words stand
between the one who died and the death are read from the parse (`_parsed_deaths`:
"two of the villagers who were hit, a boy and a farmer, died", "the farmer collapsed
and died", "he breathed his last"), when the sentence tells violence, follows an
attack, or names the one an earlier attack was done to. Killed and injured counts
found in one sentence form one Casualty unless the sentence repeats a kind (two
incidents).

Each casualty is linked to the ASSAULT event whose sentence contains it, else to a
COERCE event there, else to the nearest preceding ASSAULT event in the same paragraph,
else to none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..models import Casualty, Event
from ..ontology.words import words
from .doc import doc_text, register_extensions
from .event_args import fell_to_bullets

register_extensions()

UNITS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}
TENS = {w: 10 * (i + 2) for i, w in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])}
VAGUE = words("vague_quantities")
_NUMWORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|"
            r"three|four|five|six|seven|eight|nine))?|" + "|".join(UNITS) + r")"
            r"(?:\s+(?:hundred|thousand))?")
NUM = (r"(?:\d{1,3}(?:,\d{3})+|\d+|" + _NUMWORD + r"|a dozen|a hundred|both|dozens|scores|"
       r"hundreds|thousands|several|many|numerous|multiple|countless|tens of thousands|"
       r"an?(?=\s))")
QUAL = (r"(?:(?:at least|more than|over|nearly|almost|about|around|roughly|some|up to|"
        r"as many as|a total of|an estimated|another|a further|fewer than|close to)\s+)")
# Up to four words between a number and its verb: "one foreign civilian contractor".
NP = r"(?:\s+(?!(?:and|or|but|were|was|are|is|in|on|after|before|when|of|by)\b)[\w'\-]+){0,4}?"
NP_GREEDY = NP[:-1]  # same words, as many as fit: "wounded several others"
KILL = (r"(?:killed|dead|died|slain|perished|killing|gunned\s+down|lynched|shot\s+dead|"
        r"neutrali[sz]ed|(?:beaten|hacked|stabbed|burnt|burned|bludgeoned|stoned)\s+to\s+death)")
HURT = r"(?:wounded|injured|hurt|maimed)"
BE = (r"(?:\s+(?:were|was|are|have been|had been|has been|being|been|reportedly|reported|"
      r"had|have|has|lay|among\s+(?:those|the)))*")

_PASSIVE = re.compile(
    rf"\b(?P<q>{QUAL})?(?P<n>{NUM}|he|she)(?:\s+of)?{NP}{BE}\s+(?P<v>{KILL}\s+(?:or|and)\s+{HURT}|{KILL}|{HURT})\b",
    re.IGNORECASE)
_ACTIVE = re.compile(
    rf"\b(?P<v>(?:killed|killing|kills|kill)\s+or\s+(?:injured|wounded|injuring|wounding)|"
    rf"shot\s+dead|shot\s+and\s+killed|killed|killing|kills|wounded|wounding|injured|"
    rf"injuring|injures|wounds)"
    rf"\s+(?P<q>{QUAL})?(?P<n>{NUM}|his|her)(?=[\s,.;]|$)(?P<np>{NP_GREEDY})",
    re.IGNORECASE)
_LEFT = re.compile(
    rf"\bleft\s+(?P<q>{QUAL})?(?P<n>{NUM}){NP}\s+(?P<v>dead|injured|wounded)\b", re.IGNORECASE)
_TOLL = re.compile(
    rf"\b(?:death\s+toll|number\s+of\s+(?:dead|deaths|people\s+killed))\b[^.;]{{0,40}}?\b(?:to|at|of|reached|hit|is|was|stood at)\s+"
    rf"(?P<q>{QUAL})?(?P<n>{NUM})\b", re.IGNORECASE)
_NOUNS = re.compile(
    rf"\b(?P<q>{QUAL})?(?P<n>{NUM})\s+(?:(?:civilian|military|reported)\s+)?"
    rf"(?P<v>deaths|fatalities|casualties|lives)\b", re.IGNORECASE)
_CLAIMED = re.compile(rf"\b(?:claimed|cost)\s+(?P<q>{QUAL})?(?P<n>{NUM})\s+lives\b", re.IGNORECASE)
# "a youth died after being shot by police", "he succumbed to his injuries": a death
# the sentence ties to violence
_DIED = re.compile(
    rf"\b(?P<q>{QUAL})?(?P<n>{NUM}|the|his|her|he|she){NP},?\s+(?:later\s+)?(?:died|succumbed)\s+"
    r"(?:to\s+(?:his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:injuries|wounds)|(?:[^.;]{0,40}?\b)?"
    r"(?:after|when|of|from|due\s+to|following|in)\b[^.;]{0,40}?\b(?:shot|beaten|thrashed|"
    r"tortured|torture|stabbed|attacked|assaulted|lynched|injuries|wounds|firing|gunfire|blast|"
    r"explosion|lathicharge|lathi-charge|baton\s+charge|encounter|crossfire|gunfight|bullets?|"
    r"gunshot|pellets?))", re.IGNORECASE)
# One death told of one person: "he was declared dead", "doctors declared him dead",
# "he was hit in the retaliatory fire and died", "the robber was shot dead".
_ONE_DEATH = (
    re.compile(r"\b(?P<n>he|she)\s+(?:was|had\s+been)\s+(?:shot|hit|injured|wounded|beaten)"
               r"(?:\s+[\w'-]+){0,8}?\s+and\s+(?:later\s+)?died\b", re.IGNORECASE),
    # "a 23-year-old man, who was waiting in the queue, was hit in the abdomen and died"
    re.compile(r"\b(?P<n>an?|the)\s+[\w'-]+(?:\s+[\w'-]+){0,3}?,[^.;]{0,80}?,\s+"
               r"(?:was|had\s+been)\s+(?:shot|hit|injured|wounded|beaten)"
               r"(?:\s+[\w'-]+){0,8}?\s+and\s+(?:later\s+)?died\b", re.IGNORECASE),
    re.compile(r"\b(?P<n>he|she|the)\b(?:\s+[\w'-]+){0,3}?\s+(?:was|had\s+been|has\s+been)\s+"
               r"declared\s+dead\b", re.IGNORECASE),
    re.compile(r"\bdeclared\s+(?P<n>him|her)\s+(?:brought\s+)?dead\b", re.IGNORECASE),
    # "one of them died on the spot", "the injured man died on the way to hospital",
    # "he succumbed on Wednesday night"
    re.compile(r"\b(?P<n>one)\s+of\s+(?:them|the\s+(?:injured|wounded))\b[^.;]{0,60}?\s+"
               r"(?:later\s+)?(?:died|succumbed)\b", re.IGNORECASE),
    re.compile(r"\b(?P<n>the)\s+(?:injured|wounded)\s+[\w'-]+(?:\s+[\w'-]+)?\s+(?:later\s+)?"
               r"(?:died|succumbed)\b", re.IGNORECASE),
    re.compile(r"\b(?P<n>he|she)\s+(?:later\s+)?succumbed\b", re.IGNORECASE),
    # "the robber was shot dead": one person, told with "the" and a singular verb
    re.compile(rf"(?<!of )\b(?P<n>the){NP}(?:\s+of\s+(?:the\s+|an?\s+)?[\w'-]+(?:\s+[\w'-]+)?)?"
               rf"\s+(?:was|has\s+been|had\s+been)\s+{KILL}\b", re.IGNORECASE))
# "a youth hit by a bullet died at the spot", "a teacher who was injured in the
# lathi-charge died on Sunday": the one hurt, then the death (read before the injury
# alone is counted)
_HURT_THEN_DIED = re.compile(
    r"\b(?P<n>an?|the)\s+[\w'-]+(?:\s+[\w'-]+){0,3}?\s+(?:who\s+(?:was|had\s+been)\s+)?"
    r"(?:hit|struck|shot|injured|wounded)\b(?:(?!\band\b)[^.;,]){0,90}?\s+(?:later\s+)?"
    r"(?:died|succumbed)\b",
    re.IGNORECASE)
# the words _death_word reads (a sentence without any has no parsed death)
_ANY_DEATH_WORD = re.compile(r"\b(?:died|dies|succumbed|succumbs|breathed|dead|fell|killed|gunned)\b",
                             re.IGNORECASE)
_YEARISH = re.compile(r"^(?:1[89]|20)\d\d$")
# Every pattern above can only match text holding one of these stems (their verb and
# noun alternatives: KILL, HURT, "shot", "death toll", "deaths", "lives"...), so a
# sentence without any has no hit: skipping it changes nothing and saves six scans.
_ANY_CASUALTY_WORD = re.compile(
    r"kill|dead|died|slain|perish|wound|injur|hurt|maim|shot|death|fatalit|casualt|lives|"
    r"gunned|lynch|succumb|neutrali",
    re.IGNORECASE)


def parse_number(word: str) -> int | None:
    """An exact count in digits or words; None for vague amounts ("dozens", "several")."""
    w = word.lower().strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", w):
        return int(w.replace(",", ""))
    if w in ("a", "an", "his", "her", "the", "he", "she", "him"):
        return 1
    if w == "both":
        return 2
    if w == "a dozen":
        return 12
    if w == "a hundred":
        return 100
    total, current = 0, 0
    for part in re.split(r"[\s-]+", w):
        if part in UNITS:
            current += UNITS[part]
        elif part in TENS:
            current += TENS[part]
        elif part == "hundred":
            current = max(current, 1) * 100
        elif part == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def _kind(verb: str) -> str:
    v = verb.lower()
    if re.search(r"kill\w*\s+(?:or|and)\s+", v) or v == "casualties":
        return "killed_or_injured"
    if re.match(r"(kill|dead|died|slain|perish|death|fatalit|lives|shot|gunned|lynch|neutrali|"
                r"\w+\s+to\s+death)", v):
        return "killed"
    return "injured"


@dataclass
class _Hit:
    start: int
    end: int
    kind: str
    count: int | None


def _hits(sentence: str, offset: int) -> list[_Hit]:
    hits: list[_Hit] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, kind: str) -> None:
        n = m.group("n")
        if re.search(r"\b(?:no|not)\s*$", sentence[max(0, m.start() - 6):m.start()],
                     re.IGNORECASE):
            return  # "no one was hurt"
        if _YEARISH.match(n) or any(s < m.end() and m.start() < e for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        hits.append(_Hit(offset + m.start(), offset + m.end(), kind, parse_number(n)))

    for m in _HURT_THEN_DIED.finditer(sentence):
        add(m, "killed")
    for m in _TOLL.finditer(sentence):
        add(m, "killed")
    for m in _CLAIMED.finditer(sentence):
        add(m, "killed")
    for m in _ACTIVE.finditer(sentence):
        add(m, _kind(m.group("v")))
    for m in _LEFT.finditer(sentence):
        add(m, _kind(m.group("v")))
    for m in _NOUNS.finditer(sentence):
        add(m, _kind(m.group("v")))
    for m in _PASSIVE.finditer(sentence):
        if m.group("n").lower() in ("a", "an") and not re.search(
                r"\b(?:was|has been|had been)\b", m.group()):
            continue  # "a car bomb killed ..." is handled as active; "an attack killed"
        add(m, _kind(m.group("v")))
    for m in _DIED.finditer(sentence):
        add(m, "killed")
    for pattern in _ONE_DEATH:
        for m in pattern.finditer(sentence):
            add(m, "killed")
    hits.sort(key=lambda h: h.start)
    return hits


# What a told death needs near it to be counted from the parse: violence in its own
# sentence, or an attack told in the sentence before ("the constable fired at the
# farmer. The farmer collapsed and died ..."); and not a cause that is no one's act.
# A death the coder tells as the act itself ("died in the lock-up", blamed on the
# police: events/custody.py): CAMEO 1823, kill by physical assault.
DEATH_AS_ATTACK = "1823"
_VIOLENCE = re.compile(
    r"\b(?:shot|shots|fired|firing|fire|hit|struck|beaten|beat|thrashed|tortured|torture|"
    r"stabbed|attacked|assaulted|lynched|injur\w*|wounds?|wounded|bullets?|gunfire|"
    r"gunshot|pellets?|blast|explosion|lathi\w*|baton|encounter|crossfire|gunfight|"
    r"gunbattle|exchange of fire|clash\w*|bomb\w*|shell\w*)\b", re.IGNORECASE)
_NO_ONES_ACT = re.compile(
    r"\b(?:heart attack|cardiac|illness|ill|chest pain|uneasiness|breathing trouble|"
    r"suicide|hanged|hanging|accident|crash|drowned|drowning|natural causes|disease|"
    r"cancer|covid|stampede|fell ill|old age)\b", re.IGNORECASE)
_NOT_TOLD_AS_FACT = words("future_aux") | words("hypothetical_aux")
DEATHLESS = words("deathless_subjects")
_NOT_PEOPLE = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "DATE", "TIME",
                         "MONEY", "PERCENT", "LAW", "WORK_OF_ART", "LANGUAGE"})


def _death_word(tok: Token) -> bool:
    """The word that tells a death: "died", "succumbed", "breathed his last", "was found
    dead", "fell to police bullets", "was killed", "was gunned down"."""
    lemma = tok.lemma_.lower()
    if lemma in ("die", "succumb"):
        return tok.pos_ == "VERB"
    children = list(tok.children)
    if lemma == "breathe":
        return any(c.dep_ == "dobj" and c.lower_ == "last" for c in children)
    if lemma in ("find", "declare"):
        return any(c.lower_ == "dead" and c.dep_ in ("oprd", "acomp", "ccomp", "advcl")
                   for c in children)
    if lemma == "fall":
        return fell_to_bullets(tok)
    passive = any(c.dep_ == "auxpass" for c in children)
    if lemma == "kill":
        return passive
    return lemma == "gun" and passive and any(
        c.dep_ == "prt" and c.lower_ == "down" for c in children)


def _dead_one(verb: Token) -> Token | None:
    """Who died: the verb's subject; the first verb's subject for "collapsed and died";
    the noun a relative pronoun stands for."""
    subj_deps = ("nsubj", "nsubjpass")
    subj = next((c for c in verb.children if c.dep_ in subj_deps), None)
    if subj is None and verb.dep_ == "conj":
        subj = next((c for c in verb.head.children if c.dep_ in subj_deps), None)
    if subj is not None and subj.tag_ == "WP" and verb.dep_ == "relcl":
        subj = verb.head
    return subj


def _how_many(subj: Token) -> tuple[bool, int | None]:
    """(is this people, their count): "two of the villagers" 2, "the farmer" 1, "he" 1,
    "the protesters" a vague count; "the talks" or a place is not people."""
    low = subj.lower_
    if low in ("he", "she", "him", "her"):
        return True, 1
    if low == "both":
        return True, 2
    if low == "they":
        return True, None
    if subj.pos_ == "NUM":
        return True, parse_number(low)
    if subj.pos_ not in ("NOUN", "PROPN") or subj.ent_type_ in _NOT_PEOPLE or \
            subj.lemma_.lower() in DEATHLESS:
        return False, None
    number = next((c for c in subj.children if c.dep_ == "nummod"), None)
    if number is not None:
        return True, parse_number(number.lower_)
    return True, (None if subj.tag_ in ("NNS", "NNPS") else 1)


def _parsed_deaths(sent: Span, text: str, hits: list[_Hit], attack_before: bool,
                   attacked: set[str]) -> list[_Hit]:
    """Deaths the patterns above miss because words stand between the one who died and
    the death ("two of the villagers who were hit, a boy and a farmer, died"; "the
    farmer collapsed and died"; "he breathed his last"). Counted only when the
    sentence tells violence or follows an attack, or the one who died is named as the
    target of an attack told earlier in the paragraph (`attacked`: its head words, "the
    farmer ... was struck" ... "the farmer died"); and never when the sentence names a
    cause that is no one's act (illness, suicide, an accident)."""
    sentence = text[sent.start_char:sent.end_char]
    if _NO_ONES_ACT.search(sentence):
        return []
    violent = attack_before or bool(_VIOLENCE.search(sentence))
    found: list[_Hit] = []
    for tok in sent:
        if not _death_word(tok) or any(
                c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _NOT_TOLD_AS_FACT)
                for c in tok.children):
            continue
        subj = _dead_one(tok)
        if subj is None or not (violent or subj.lower_ in attacked):
            continue
        people, count = _how_many(subj)
        told = [tok, *(c for c in tok.children if c.lower_ in ("last", "down", "dead"))]
        start = min(subj.left_edge.idx, tok.idx)
        end = max(t.idx + len(t) for t in [subj, *told])
        if people and not any(h.start < end and start < h.end for h in hits + found):
            found.append(_Hit(start, end, "killed", count))
    return found


def _group(hits: list[_Hit], text: str) -> list[Casualty]:
    """Join a sentence's killed/injured hits into records; a repeated kind starts anew."""
    out: list[Casualty] = []
    current: Casualty | None = None
    for h in hits:
        field = h.kind
        if current is None or getattr(current, field) is not None or \
                field in current.__dict__.get("_seen", set()):
            current = Casualty(None, None, None, "", h.start, h.end)
            current.__dict__["_seen"] = set()
            out.append(current)
        setattr(current, field, h.count)
        current.__dict__["_seen"].add(field)
        current.end = max(current.end, h.end)
    for c in out:
        c.__dict__.pop("_seen", None)
        c.text = text[c.start:c.end]
    return out


def _paragraph_of(doc: Doc, pos: int) -> tuple[int, int]:
    text = doc_text(doc)
    start = text.rfind("\n\n", 0, pos)
    end = text.find("\n\n", pos)
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end)


def _tellings(events: list[Event]):
    """(event, sentence, trigger) of every mention of every event (an event joined from
    several retellings is found by any of them)."""
    for ev in events:
        for m in ev.mentions or [ev]:
            yield ev, m.sentence, m.trigger


def link_event(doc: Doc, casualty: Casualty, events: list[Event]) -> str | None:
    """The id of the event a casualty count belongs to (see module docstring)."""
    in_sentence = [ev for ev, sentence, _trigger in _tellings(events)
                   if ev.type in ("ASSAULT", "COERCE")
                   and sentence.start <= casualty.start < sentence.end]
    if in_sentence:  # the attack, not the arrest told beside it ("arrested ... died after
        # the police fired at him")
        return next((ev.id for ev in in_sentence if ev.type == "ASSAULT"), in_sentence[0].id)
    p_start, _p_end = _paragraph_of(doc, casualty.start)
    before = [(trigger.start, ev, sentence) for ev, sentence, trigger in _tellings(events)
              if ev.type == "ASSAULT" and p_start <= trigger.start < casualty.start]
    if not before:
        return None
    _start, best, sentence = max(before, key=lambda b: b[0])
    if not best.source:  # "a constable fired two rounds and one bullet struck the driver"
        done_by = [b for b in before if b[2] == sentence and b[1].source]
        if done_by:
            best = max(done_by, key=lambda b: b[0])[1]
    return best.id


def extract_casualties(doc: Doc) -> list[Casualty]:
    """Casualty counts in text order, each linked to its event where one is known."""
    text = doc_text(doc)
    out: list[Casualty] = []
    events = doc._.events or []
    attacks = [(trigger.start, ev) for ev, _s, trigger in _tellings(events)
               if ev.type == "ASSAULT"]
    if _ANY_CASUALTY_WORD.search(text) or _ANY_DEATH_WORD.search(text):
        previous = None
        for sent in doc.sents:
            # the article's own string: Span.text would rebuild it from the tokens
            sentence = text[sent.start_char:sent.end_char]
            hits = _hits(sentence, sent.start_char) \
                if _ANY_CASUALTY_WORD.search(sentence) else []
            if _ANY_DEATH_WORD.search(sentence):
                p_start, _p_end = _paragraph_of(doc, sent.start_char)
                earlier = [ev for a, ev in attacks if p_start <= a < sent.start_char]
                attack_before = previous is not None and any(
                    previous.start_char <= a < previous.end_char for a, _ev in attacks
                    if a >= p_start)
                attacked = {t.text.split()[-1].lower() for ev in earlier for t in ev.target
                            if t.text}
                told_as_killing = any(sent.start_char <= a < sent.end_char and
                                      ev.cameo == DEATH_AS_ATTACK for a, ev in attacks)
                hits = sorted(hits + _parsed_deaths(sent, text, hits, attack_before or
                                                    told_as_killing, attacked),
                              key=lambda h: h.start)
            if hits:
                out.extend(_group(hits, text))
            previous = sent
    for c in out:
        c.event = link_event(doc, c, events)
    return out


@Language.factory("tidings_casualties", assigns=["doc._.casualties"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.casualties = extract_casualties(doc)
        return doc
    return component
