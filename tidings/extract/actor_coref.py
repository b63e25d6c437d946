"""tidings_actors, pass 5: coreference. Title phrases go to the best-matching named
person, he/she to the most recent person in subject position; actors the text leaves
unplaced take what the knowledge base knows."""
from __future__ import annotations

from spacy.tokens import Token

from .actor_parts import _Actor, _Descr
from .actor_words import (
    _CATAPHORA_CHARS,
    _GENERIC,
    _PRONOUN_CHARS,
    _SUBJECT_DEPS,
    _tokens_of,
)


class _Coreference:
    """A mixin of `actors._Extractor`: its state is the extractor's."""

    # ---- coreference -----------------------------------------------------------------
    def _kb_fallback(self) -> None:
        for actor in self.actors.values():
            if actor.kind != "person" or (actor.country and actor.sector):
                continue
            entry = self.kb.person(actor.name)
            if entry is None and (" " in actor.name or actor.sector or actor.title):
                # "President Reagan", "Francois Mitterand": a surname given a title, or
                # a misspelt full name; a bare surname could be anyone's
                entry = self.kb.person_near(actor.name)
            if entry is not None:
                actor.fill(entry.country, entry.sector, entry.title)
                if entry.title:
                    actor.words |= set(_tokens_of(entry.title))

    def _counterparts(self) -> None:
        """'his Iraqi counterpart X': X holds the same office as the other person."""
        doc = self.doc
        for actor in self.actors.values():
            if "counterpart" not in actor.words or actor.sector:
                continue
            start = actor.mentions[0][0]
            sent = doc[start].sent
            others = [a for a in self.actors.values() if a.kind == "person" and a is not actor
                      and (a.sector or a.title)]
            same = [a for a in others if any(sent.start <= s < sent.end for s, _ in a.mentions)]
            before = [a for a in others if any(s < start for s, _ in a.mentions)]
            ref = (same or sorted(before, key=lambda a: max(s for s, _ in a.mentions
                                                             if s < start)))[-1:] if (
                same or before) else []
            if ref:
                actor.sector = ref[0].sector
                actor.title = ref[0].title
                actor.words |= ref[0].words

    def _link_nominals(self) -> None:
        """Title phrases ("the top Iranian diplomat") to the best-matching named person."""
        people = [a for a in self.actors.values() if a.kind == "person"
                  and a.key[0] == "person"]
        if not people:
            return
        for nominal, start, end, tok, descr in self.nominals:
            first_det = self.doc[start - 1] if start > 0 else None
            if first_det is not None and first_det.lower_ in ("a", "an", "another", "one"):
                continue
            best, best_score = None, 0.0
            host = self._host_country(start) if "visiting" in self._span_lower(tok) else None
            for person in people:
                score = self._compat(person, nominal, descr, start)
                if score <= 0:
                    continue
                if host and person.country == host:
                    score -= 5
                if score > best_score:
                    best, best_score = person, score
            if best is None:
                continue
            best.mentions.append((start, end))
            nominal.mentions.remove((start, end))
            best.fill(nominal.country, nominal.sector, nominal.title)
            if not best.from_text and nominal.title:
                best.title, best.from_text = nominal.title, True

    def _span_lower(self, tok: Token) -> set[str]:
        return {t.lower_ for t in tok.lefts}

    def _compat(self, person: _Actor, nominal: _Actor, descr: _Descr, at: int) -> float:
        if person.country and nominal.country and person.country != nominal.country:
            return 0
        if person.sector and nominal.sector and person.sector != nominal.sector:
            return 0
        overlap = len((descr.words - _GENERIC) & person.words)
        same = (person.country == nominal.country and person.country is not None) + \
            (person.sector == nominal.sector and person.sector is not None)
        if not overlap and same < 1:
            return 0
        before = [s for s, _ in person.mentions if s < at]
        if before:
            recency = 1.0 / (1 + (at - max(before)) / 50)
        else:
            after = [s for s, _ in person.mentions if s > at]
            gap = self.doc[min(after)].idx - self.doc[at].idx if after else 10 ** 9
            if gap > _CATAPHORA_CHARS:
                return 0
            recency = 0.5 / (1 + gap / 50)
        return 3 * overlap + same + recency

    def _host_country(self, at: int) -> str | None:
        """Country of the latest 'in <capital>' before token `at` (who hosts a visit)."""
        for m in reversed(self.matches):
            if m.start >= at:
                continue
            head = self.doc[m.start].head
            if m.entry.kind == "capital" and head.lower_ in ("in", "to"):
                return m.entry.country
        return None

    def _pronouns(self) -> None:
        """he/she as a subject -> the most recent person mentioned as a subject before."""
        doc = self.doc
        subjects: list[tuple[int, _Actor]] = []
        owner: dict[int, _Actor] = {}
        for actor in self.actors.values():
            if actor.kind != "person":
                continue
            for s, e in actor.mentions:
                for i in range(s, e):
                    owner[i] = actor
        for tok in doc:
            if tok.lower_ in ("he", "she") and tok.dep_ in _SUBJECT_DEPS:
                if subjects:
                    i, actor = subjects[-1]
                    if tok.idx - doc[i].idx <= _PRONOUN_CHARS:
                        actor.mentions.append((tok.i, tok.i + 1))
                        subjects.append((tok.i, actor))
                continue
            actor = owner.get(tok.i)
            if actor is not None and self._is_subject(tok):
                subjects.append((tok.i, actor))

    def _is_subject(self, tok: Token) -> bool:
        seen = 0
        while seen < 6:
            if tok.dep_ in _SUBJECT_DEPS:
                return True
            if tok.dep_ not in ("compound", "conj", "appos", "amod", "poss") or tok.head.i == tok.i:
                return False
            if tok.dep_ == "poss":
                return False
            tok, seen = tok.head, seen + 1
        return False
