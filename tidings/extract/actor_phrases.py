"""tidings_actors, pass 3: nominal actor phrases headed by a role noun ("Iran's foreign
minister", "the US military", "Iraqi resistance groups")."""
from __future__ import annotations

from spacy.tokens import Token

from ..ontology.kb import norm
from .actor_parts import _Actor
from .actor_words import (
    _ORG_HEADS,
    _POSTED_ABROAD,
    _clean,
)


class _NominalPhrases:
    """A mixin of `actors._Extractor`: its state is the extractor's."""

    # ---- nominal phrases ------------------------------------------------------------
    def _nominal_phrases(self) -> None:
        doc = self.doc
        for tok in doc:
            if tok.i in self.claimed or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            hit = self._role_ending_at(tok.i)
            if hit is None:
                continue
            role, _ = hit
            if tok.dep_ in ("compound", "amod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN") \
                    and tok.head.i > tok.i or _named_members(tok):
                continue
            left = self._phrase_left(tok)
            idxs = [*left, tok.i]
            descr = self._describe(idxs)
            descr.roles = descr.roles or [role]
            if descr.country is None:
                descr.country = self._of_country(tok)
            head_role = self._role_ending_at(tok.i)[0]
            if descr.country is None and head_role.kind != "person":
                descr.country = self._leader_country(left)  # "the Biden administration"
            if descr.org is not None and head_role.kind != "person":
                # "the PMU forces", "Iraq's al-Nujaba movement": the organisation itself.
                org = descr.org
                actor = self._org_actor(org)
                self._add_phrase_mention(actor, idxs)
                continue
            sector = descr.sector if descr.org else (head_role.sector or descr.sector)
            # A modifier that is itself a role wins ("rebel forces" -> REB, "police
            # units" -> COP) and names the actor without a country; "government forces"
            # stay the military.
            modifier = descr.roles[-2] if head_role.phrase.count(" ") == 0 and \
                len(descr.roles) > 1 and descr.roles[-2].sector not in (None, "GOV") else None
            if modifier is not None:
                sector = modifier.sector
            singular = tok.tag_ in ("NN", "NNP")
            named = descr.country or descr.org or (modifier and not modifier.needs_country)
            if (head_role.needs_country and not named) or \
                    (not sector and not descr.country):
                if head_role.kind == "person" and singular:
                    # "the visiting foreign minister": only a pointer to a named person.
                    title = descr.title or tok.text
                    probe = _Actor(("probe", tok.i), title, "person", None, sector, title)
                    start = self._add_phrase_mention(probe, idxs)
                    self.nominals.append((probe, start, tok.i + 1, tok, descr))
                continue
            title = descr.title or tok.text
            proper = [t for t in doc[idxs[0]:tok.i + 1]
                      if t.pos_ == "PROPN" and t.i not in self.match_at
                      and t.i not in descr.role_tokens]
            if proper and head_role.kind != "person":
                name = _clean(" ".join(t.text for t in doc[idxs[0]:tok.i + 1]
                                        if t.pos_ != "DET" and t.tag_ != "POS"))
                key = ("named", norm(name))
            else:
                cname = self.kb.country_name(descr.country) if descr.country != "IGO" else None
                name = f"{cname} {title}" if cname else title
                key = ("nominal", descr.country, sector, norm(title))
            kind = "group" if head_role.kind == "person" and not singular else head_role.kind
            actor = self._actor(key, name, kind)
            actor.fill(descr.country, sector, title)
            actor.from_text = True
            actor.words |= descr.words
            start = self._add_phrase_mention(actor, idxs)
            if head_role.kind == "person" and singular:
                self.nominals.append((actor, start, tok.i + 1, tok, descr))

    def _leader_country(self, idxs: list[int]) -> str | None:
        """The country of a listed leader whose name modifies a body: "the Trump
        administration", "the Putin government"."""
        for i in idxs:
            tok = self.doc[i]
            if tok.pos_ != "PROPN" or i in self.match_at:
                continue
            entry = self.kb.person(tok.text) or self.kb.person_near(tok.text)
            if entry is not None and entry.country and entry.sector == "GOV":
                return entry.country
        return None

    def _phrase_left(self, tok: Token) -> list[int]:
        """Unclaimed tokens of the head's left subtree, contiguous up to the head."""
        out: list[int] = []
        i = tok.i - 1
        while i >= tok.left_edge.i and i not in self.claimed and "\n" not in self.doc[i].text:
            out.append(i)
            i -= 1
        out.reverse()
        # Negation and stray particles in front ("not the Iraqi ...") are not the name.
        while out and (self.doc[out[0]].dep_ in ("neg", "cc", "punct", "advmod", "preconj")):
            out.pop(0)
        return out

    def _of_country(self, tok: Token) -> str | None:
        """'the government of Iraq' -> IRQ; 'security forces in Guinea' -> GIN (a body
        the text places in a country and ties to no other one is taken to be its)."""
        placed_abroad = tok.lemma_.lower() in _POSTED_ABROAD
        for child in tok.rights:
            if child.lower_ == "of" or (child.lower_ == "in" and not placed_abroad):
                for obj in child.children:
                    m = self.match_at.get(obj.i)
                    body = m is not None and child.lower_ == "of" and \
                        m.entry.kind == "organization" and m.entry.country == "IGO"
                    if m and (m.entry.kind in ("country", "capital") or body) and \
                            obj.i not in self.claimed:  # also "the prosecutor of the ICC"
                        self.claimed.update(range(m.start, m.end))
                        return m.entry.country
        return None

    def _add_phrase_mention(self, actor: _Actor, idxs: list[int]) -> int:
        doc = self.doc
        start = idxs[0]
        while start < idxs[-1] and doc[start].pos_ == "DET":
            start += 1
        actor.mentions.append((start, idxs[-1] + 1))
        self.claimed.update(idxs)
        return start


def _named_members(tok: Token) -> bool:
    """The members a body's name is of ("the Zambian Association of Nurses", "the
    National Union of Teachers"): part of that name, no actor of their own."""
    of = tok.head
    return tok.dep_ == "pobj" and tok.text[:1].isupper() and of.lower_ == "of" and \
        of.head.lower_ in _ORG_HEADS and of.head.text[:1].isupper()
