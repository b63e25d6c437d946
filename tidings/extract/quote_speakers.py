"""Who said a quote, for tidings_quotes: the subject of the cue verb beside it, the
object of "according to", a surname expanded to the fullest earlier mention, a
pronoun to the most recent person. A role word ("one aide", "the spokesman") is the
person the article names with it ("aide Jason Miller"); the writer's "we" is the
outlet (`article.source`), never the last actor named; a recording ("according to
audio obtained by X") is no speaker, nor is X."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..models import Actor
from ..ontology.words import words
from .doc import actor_at, doc_text
from .quote_marks import _SUBJECT_DEPS, CUE_VERBS, PRONOUNS

# Cue verbs whose object is who is spoken to, never the speaker.
_ADDRESSING = frozenset({"told", "tell", "tells", "telling", "asked", "ask", "asks",
                         "asking", "urged", "urge", "urges", "assured", "warned"})


@dataclass
class _Speaker:
    actor_id: str | None
    name: str | None
    cue: str | None


class _SpeakerFinder:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.actors: dict[str, Actor] = {a.id: a for a in doc._.actors or []}
        self.persons = [e for e in doc.ents if e.label_ == "PERSON"]
        article = doc._.article
        self.outlet: str | None = article.source if article is not None else None

    @staticmethod
    def role_nouns() -> frozenset[str]:
        return words("speaker_role_nouns")

    def name_of(self, actor_id: str | None) -> str | None:
        actor = self.actors.get(actor_id) if actor_id else None
        return actor.name if actor else None

    def from_subject(self, subj: Token, before: int) -> _Speaker | None:
        """The speaker a subject token names (resolving pronouns before char `before`)."""
        if subj.lower_ == "we":
            # The writer's "we" (a quote's own "we" never reaches here) is the outlet.
            if subj.dep_ == "nsubjpass" or not self.outlet:
                return None
            return _Speaker(None, self.outlet, None)
        if subj.lower_ in words("recording_nouns"):
            return None
        if subj.lower_ in PRONOUNS:
            aid = actor_at(self.doc, subj.idx, subj.idx + len(subj))
            if aid is not None and self.actors.get(aid) and \
                    self.actors[aid].kind == "person" or (aid and subj.lower_ == "they"):
                return _Speaker(aid, self.name_of(aid), None)
            return self._pronoun(subj.lower_, subj.idx)
        opened = next((t for t in reversed(self.doc[max(0, subj.i - 4):subj.i])
                       if t.text in ("(", ")")), None)
        if opened is not None and opened.text == "(" and opened.i > 0:
            subj = self.doc[opened.i - 1]  # "Gov. John Kasich (R-OH) said": not OH
        left = subj.left_edge
        # Cut appositions and relative clauses: "Qais Khazali, leader of ..., said".
        toks = [t for t in self.doc[left.i:subj.i + 1]]
        cut = [t.i for t in toks if t.text in (",", "(", "\u2015", "\u2014", "\u2013", "--")]
        start_tok = self.doc[max(cut) + 1] if cut and max(cut) < subj.i else left
        span = self.doc[start_tok.i:subj.i + 1]
        aid = actor_at(self.doc, subj.idx, subj.idx + len(subj)) or \
            actor_at(self.doc, span.start_char, span.end_char)
        ent = self._person_for(subj)
        if aid is not None and aid in self.actors and not (
                ent is not None and self.actors[aid].kind in ("country", "organization")):
            return _Speaker(aid, self.actors[aid].name, None)  # not "Cuban said" -> Cuba
        if ent is not None:
            aid = actor_at(self.doc, ent.start_char, ent.end_char)
            if aid is not None and aid in self.actors and self.actors[aid].kind == "person":
                return _Speaker(aid, self.actors[aid].name, None)
            return _Speaker(None, self._full_name(ent), None)
        named = self._named_for_role(subj, before)
        if named is not None:
            return named
        name = " ".join(span.text.split()).strip(" ,")
        return _Speaker(None, name or None, None)

    def from_name_at(self, char: int) -> _Speaker | None:
        """The person named right at `char` ('" ... " ― Jane Roe, Ohio')."""
        ent = next((e for e in self.doc.ents if e.start_char <= char < e.end_char
                    and e.label_ in ("PERSON", "ORG")), None)
        if ent is not None:
            aid = actor_at(self.doc, ent.start_char, ent.end_char)
            if aid in self.actors:
                return _Speaker(aid, self.actors[aid].name, None)
            return _Speaker(None, ent.text.strip(), None)
        m = re.match(r"([A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,4})",
                     doc_text(self.doc)[char:char + 80])
        return _Speaker(None, m.group(1), None) if m else None

    def _person_for(self, subj: Token) -> Span | None:
        """The PERSON a subject token belongs to: the name it is part of; the name right
        after a title the parse took for the subject ('Navy Capt. Jeff Davis', '1st
        Lt. Tyler Ames'); or, for a bare surname the recogniser missed ('Cuban said'),
        a fuller mention of it elsewhere ('Mark Cuban')."""
        ent = next((e for e in self.persons if e.start <= subj.i < e.end), None)
        if ent is not None:
            return ent
        ent = next((e for e in self.persons if subj.i < e.start <= subj.i + 3 and all(
            t.is_punct or t.text[:1].isupper() and len(t.text.rstrip(".")) <= 4
            for t in self.doc[subj.i + 1:e.start])), None)
        if ent is not None:
            return ent
        if subj.pos_ == "PROPN" and subj.text[:1].isupper():
            return next((e for e in self.persons if len(e) > 1 and e[-1].text == subj.text),
                        None)
        return None

    def _named_for_role(self, subj: Token, before: int) -> _Speaker | None:
        """'one aide' -> the person the article calls an aide ('aide Jason Miller',
        'Jason Miller, an aide to ...'), the nearest such mention before the quote,
        else the first after; None for a plural, 'another aide', or an aide who asked
        not to be named."""
        if subj.pos_ != "NOUN" or subj.tag_ == "NNS" or subj.lower_ not in self.role_nouns():
            return None
        if any(c.lower_ in ("another", "other") for c in subj.children):
            return None
        sent = subj.sent.text.lower()
        if "anonymity" in sent or "not authorized" in sent or "not be named" in sent:
            return None
        found = [e for e in self.persons if self._has_role(e, subj.lower_)]
        if not found:
            return None
        earlier = [e for e in found if e.end_char <= before]
        ent = earlier[-1] if earlier else found[0]
        aid = actor_at(self.doc, ent.start_char, ent.end_char)
        if aid is not None and aid in self.actors:
            return _Speaker(aid, self.actors[aid].name, None)
        return _Speaker(None, self._full_name(ent), None)

    @staticmethod
    def _has_role(ent: Span, noun: str) -> bool:
        """The role word is bound to the name in the parse: 'aide Jason Miller'
        (compound), 'Jason Miller, an aide' or 'the chief of staff, Laura Jensen'
        (apposition)."""
        root = ent.root
        for t in (root.head, *root.children):
            if t.lower_ == noun and t.i not in range(ent.start, ent.end) and (
                    t.dep_ in ("compound", "appos") or root.dep_ == "appos"):
                return True
        return False

    def _full_name(self, ent: Span) -> str:
        """'Khazali' -> 'Qais Khazali' when an earlier PERSON mention has the full name.
        A headline's verb the recogniser took into the name is cut ('Ruth Calder Vows')."""
        end = ent.end
        while end - ent.start > 1 and self.doc[end - 1].lower_ in CUE_VERBS:
            end -= 1
        ent = self.doc[ent.start:end]
        last = ent[-1].text
        full = [e.text for e in self.persons if e[-1].text == last and len(e) > len(ent)]
        return max(full, key=len) if full else ent.text

    def _pronoun(self, pron: str, at: int) -> _Speaker | None:
        kind = PRONOUNS.get(pron)
        for s, _e, aid in reversed(doc_spans_before(self.doc, at)):
            actor = self.actors.get(aid)
            if actor is None:
                continue
            if kind == "person" and actor.kind != "person":
                continue
            if kind == "any" and actor.kind not in ("person", "organization", "group"):
                continue
            if kind == "org" and actor.kind not in ("organization", "group", "country"):
                continue
            return _Speaker(aid, actor.name, None)
        if kind == "person" or pron == "they":
            prev = [e for e in self.persons if e.end_char <= at]
            if prev:
                return _Speaker(None, self._full_name(prev[-1]), None)
        return None

    def subject_of(self, cue: Token, quoted: list[tuple[int, int]] | None = None,
                   depth: int = 0) -> Token | None:
        """Who performs the cue verb; never a word of the quote itself (`quoted`)."""
        def outside(t: Token) -> bool:
            return not any(a <= t.idx < b for a, b in quoted or [])
        # of two subjects the parse gave ("Berea, OH, ..., Gov. John Kasich said"), the
        # one nearest the verb
        subjects = sorted((c for c in cue.children if c.dep_ in _SUBJECT_DEPS and outside(c)),
                          key=lambda c: abs(cue.i - c.i))
        for child in subjects[:1]:
            if child.lower_ in ("who", "that", "which") and cue.dep_ == "relcl":
                return cue.head  # "Smith, who said ..."
            return child
        # "said X" after the quote: the name follows the verb.
        for child in cue.rights:
            if child.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "appos") and \
                    child.pos_ in ("PROPN", "PRON", "NOUN") and outside(child):
                if child.dep_ == "dobj" and (child.pos_ == "PRON" or cue.lower_ in _ADDRESSING):
                    continue  # "told them", "asked the crowd": who is spoken to
                return child
        if cue.dep_ in ("relcl", "acl") and cue.head.pos_ in ("PROPN", "NOUN", "PRON"):
            return cue.head  # "footage of Clinton asking, ..."
        # A conjoined or participial verb shares its subject ("attacked her, saying").
        if cue.dep_ in ("conj", "advcl", "xcomp") and cue.head.i != cue.i and depth < 3:
            return self.subject_of(cue.head, quoted, depth + 1)
        return None

    def according_to(self, tokens: Iterable[Token]) -> tuple[Token, Token] | None:
        """('according' token, its object) in `tokens`, if any."""
        for t in tokens:
            if t.lower_ == "according":
                nxt = self.doc[t.i + 1] if t.i + 1 < len(self.doc) else None
                if nxt is not None and nxt.lower_ == "to":
                    obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        return t, obj
        return None

    def speaker_in(self, tokens: list[Token], before: int,
                   quoted: list[tuple[int, int]] | None = None) -> _Speaker | None:
        """The cue and subject among `tokens` (nearest cue first in the given order)."""
        acc = self.according_to(tokens)
        for t in tokens:
            if acc is not None and t.i == acc[0].i:
                sp = self.from_subject(acc[1], before)
                if sp is not None:
                    sp.cue = "according to"
                    return sp
            if t.lower_ in CUE_VERBS and t.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
                subj = self.subject_of(t, quoted)
                if subj is None:
                    subj = self._nearby_name(tokens, t)
                if subj is None:
                    continue
                sp = self.from_subject(subj, before)
                if sp is not None:
                    sp.cue = t.text
                    return sp
        return None

    def _nearby_name(self, tokens: list[Token], cue: Token) -> Token | None:
        """When the parse missed the subject: a name or pronoun right next to the cue."""
        idx = {t.i for t in tokens}
        for j in (cue.i - 1, cue.i + 1, cue.i - 2, cue.i + 2):
            if j in idx and 0 <= j < len(self.doc):
                t = self.doc[j]
                if t.ent_type_ == "PERSON" or t.lower_ in PRONOUNS:
                    # the last token of a multi-word name is its head
                    while t.i + 1 in idx and self.doc[t.i + 1].ent_type_ == "PERSON" and \
                            self.doc[t.i + 1].ent_iob_ == "I":
                        t = self.doc[t.i + 1]
                    return t
        return None


def doc_spans_before(doc: Doc, at: int) -> list[tuple[int, int, str]]:
    return [s for s in doc._.actor_spans or [] if s[1] <= at]

