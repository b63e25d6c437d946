"""tidings_actors: who acts in an article, and every place the text names them.

Runs over the whole article Doc (paragraphs parsed separately, joined) and assigns
`doc._.actors` (list[Actor]) and `doc._.actor_spans` (sorted (start_char, end_char,
actor_id) for every mention, including resolved surnames, title phrases and he/she).

The passes, each claiming the tokens it uses so later passes do not reuse them:
1. knowledge-base names (countries, capitals, demonyms, institutions, groups, people);
2. named people, with the role words around the name ("Iraqi Prime Minister X",
   "X, leader of Iraq's Y movement"), then bare surnames of people already named;
3. nominal actor phrases headed by a role noun ("Iran's foreign minister", "the US
   military", "Iraqi resistance groups");
4. remaining knowledge-base names that are not places ("in Syria" is a place);
5. coreference: title phrases to the best-matching named person, he/she to the most
   recent person in subject position.

Pass 3 is `actor_phrases._NominalPhrases`, pass 5 `actor_coref._Coreference` (mixins of
the one `_Extractor`); the word lists are `actor_words`, the records `actor_parts`.
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..models import Actor, Mention
from ..ontology.kb import KbEntry, KnowledgeBase, Role, case_ok, get_kb, norm
from .actor_coref import _Coreference
from .actor_parts import _Actor, _Descr, _Match
from .actor_phrases import _NominalPhrases
from .actor_words import (
    _KIND_RANK,
    _LOCATIVE,
    _NAME_LABELS,
    _NAME_LINKS,
    _NAME_PARTICLES,
    _ORG_HEADS,
    _PLACE_NOUNS,
    _QUALIFIERS,
    _clean,
    _code,
    _is_dateline,
    _tokens_of,
)
from .doc import register_extensions

register_extensions()


class _Extractor(_NominalPhrases, _Coreference):
    def __init__(self, doc: Doc, kb: KnowledgeBase):
        self.doc = doc
        self.kb = kb
        self.claimed: set[int] = set()
        self.norms = [norm(t.text) for t in doc]
        self._roles_at: dict[int, tuple[Role, int] | None] = {}
        self.actors: dict[tuple, _Actor] = {}
        self.matches = self._kb_matches()
        self.match_at: dict[int, _Match] = {i: m for m in self.matches
                                            for i in range(m.start, m.end)}
        self.surnames: dict[str, _Actor] = {}
        self.nominals: list[tuple[_Actor, int, int, Token, _Descr]] = []

    # ---- knowledge-base names -------------------------------------------------------
    def _kb_matches(self) -> list[_Match]:
        doc, kb, out = self.doc, self.kb, []
        norms = self.norms
        i = 0
        while i < len(doc):
            found = None
            for n in range(min(kb.max_name_len, len(doc) - i), 0, -1):
                entries = kb.names.get(tuple(norms[i:i + n]))
                if not entries:
                    continue
                texts = [t.text for t in doc[i:i + n]]
                for surface, entry in sorted(entries, key=lambda se: _KIND_RANK[se[1].kind]):
                    if case_ok(surface, texts) and not self._inside_other_name(i, i + n, entry):
                        found = _Match(i, i + n, surface, entry)
                        break
                if found:
                    break
            if found:
                out.append(found)
                i = found.end
            else:
                i += 1
        return out

    def _inside_other_name(self, start: int, end: int, entry: KbEntry) -> bool:
        """'Jordan' in 'Michael Jordan' is part of a person's name, not a country."""
        if entry.kind not in ("country", "capital", "demonym"):
            return False
        tok = self.doc[start]
        if tok.ent_type_ != "PERSON":
            return False
        ent = next((e for e in self.doc.ents if e.start <= start < e.end), None)
        if ent is None:
            return False
        ent_end = ent.end - (1 if self.doc[ent.end - 1].tag_ == "POS" else 0)
        return ent.start < start or ent_end > end  # "Sri Lanka's" alone is no name

    # ---- descriptions ----------------------------------------------------------------
    def _role_ending_at(self, i: int) -> tuple[Role, int] | None:
        """The longest role phrase ending at token i, and its first token."""
        if i in self._roles_at:
            return self._roles_at[i]
        found = None
        for n in (3, 2, 1):
            if i - n + 1 < 0:
                continue
            words = tuple(self.norms[i - n + 1:i + 1])
            if any("\n" in w for w in words):
                continue
            role = self.kb.roles.get(words)
            if role is not None:
                found = (role, i - n + 1)
                break
        self._roles_at[i] = found
        return found

    def _describe(self, idxs: list[int]) -> _Descr:
        """Country, sector, title and organisation from the tokens `idxs` (in order)."""
        d = _Descr(tokens=set(idxs))
        doc, idx_set = self.doc, set(idxs)
        countries: list[str] = []
        role_spans: list[tuple[int, int, Role]] = []
        for i in idxs:
            m = self.match_at.get(i)
            if m is not None:
                e = m.entry
                if e.kind in ("organization", "group") and d.org is None:
                    d.org = e
                    d.words |= set(_tokens_of(e.name)) | set(_tokens_of(m.surface))
                elif e.kind in ("country", "capital", "demonym") and e.country:
                    countries.append(e.country)
                continue
            hit = self._role_ending_at(i)
            if hit and doc[i].pos_ in ("NOUN", "PROPN", "ADJ"):
                role, first = hit
                first = max(first, min(idx_set))
                role_spans = [rs for rs in role_spans if rs[1] < first]
                role_spans.append((first, i, role))
        d.roles = [r for _, _, r in role_spans]
        d.country = countries[0] if countries else (d.org.country if d.org else None)
        if d.org and d.org.sector:
            d.sector = d.org.sector
        else:
            d.sector = next((r.sector for r in d.roles if r.sector), None)
        if role_spans:
            # The title is the first role and any role words right after it ("deputy
            # head"), not the organisation named later ("leader of Iraq's ... movement").
            first, last, _ = role_spans[0]
            for nxt_first, nxt_last, _ in role_spans[1:]:
                if nxt_first != last + 1:
                    break
                last = nxt_last
            # Extend left over plain modifiers that belong to the role ("foreign", "deputy").
            while (first - 1 in idx_set and first - 1 not in self.match_at
                   and doc[first - 1].pos_ in ("ADJ", "NOUN", "PROPN")
                   and doc[first - 1].lower_ not in _QUALIFIERS):
                first -= 1
            d.title = _clean(doc[first:last + 1].text)
            d.role_tokens = set(range(first, last + 1))
            d.words |= {w for t in doc[first:last + 1] if (w := norm(t.text)).isalpha()}
        return d

    # ---- named people ---------------------------------------------------------------
    def _left_window(self, start: int) -> list[int]:
        doc, out = self.doc, []
        i = start - 1
        while i >= 0 and len(out) < 14:
            t = doc[i]
            if "\n" in t.text or self._is_other_person(i):
                break
            if t.text == ")":
                opening = next((k for k in range(i - 1, max(i - 6, -1), -1)
                                if doc[k].text == "("), None)
                if opening is None:
                    break
                out.extend(range(i, opening - 1, -1))
                i = opening - 1
                continue
            if t.lower_ in ("of", "and") and not (i > 0 and self._role_ending_at(i - 1)
                                                  and not self._is_other_person(i - 1)):
                break
            if t.pos_ == "DET":
                out.append(i)
                break
            if not (t.pos_ in ("PROPN", "NOUN", "ADJ") or t.tag_ == "POS"
                    or t.text in ("-", "'s", "\u2019s") or t.lower_ in ("of", "and")):
                break
            out.append(i)
            i -= 1
        out.reverse()
        # Drop leading words that are neither role, KB name nor attached to them.
        while out and doc[out[0]].lower_ in ("of", "and"):
            out.pop(0)
        return out

    def _right_window(self, end: int) -> list[int]:
        """Tokens of an apposition after the name: ', leader of Iraq's Y movement,'."""
        doc = self.doc
        if end >= len(doc) or doc[end].text != ",":
            return []
        out: list[int] = []
        i = end + 1
        while i < len(doc) and len(out) < 16:
            t = doc[i]
            if t.text in (",", ";", ".", "\u2013", "\u2014") or "\n" in t.text:
                break
            if t.pos_ in ("VERB", "AUX", "PRON", "SCONJ") and t.dep_ != "amod":
                break  # "leading" in "Algeria's leading activist" is a modifier
            out.append(i)
            i += 1
        first = next((k for k in out if doc[k].pos_ != "DET"), None)
        if first is None:
            return []
        hit = self._role_ending_at(first) or (
            self._role_ending_at(first + 1) if first + 1 in out else None)
        if hit is None and doc[out[-1]].pos_ == "NOUN":
            hit = self._role_ending_at(out[-1])  # ", Algeria's leading rights activist,"
        if hit is None or hit[0].kind != "person":
            return []
        return out

    def _is_other_person(self, i: int) -> bool:
        return i in self.claimed

    def _name_spans(self) -> list[tuple[int, int, bool]]:
        """Candidate person names: (start, end, certain). NER PERSON names are certain;
        other proper-noun names count only with a person role next to them."""
        doc, out = self.doc, []
        for ent in doc.ents:
            if ent.label_ not in _NAME_LABELS:
                continue
            start, end = ent.start, ent.end
            while start < end and (doc[start].pos_ == "DET" or self._role_ending_at(start)
                                   or doc[start].lower_ in _QUALIFIERS):
                start += 1
            while end > start and doc[end - 1].tag_ == "POS":
                end -= 1
            if start >= end or any(i in self.match_at and self.match_at[i].entry.kind
                                   != "person" for i in range(start, end)):
                continue
            if end - start == 1 and norm(doc[start].text) in self._multi_last:
                continue  # a surname of a full name used elsewhere: linked later
            if not all(t.pos_ == "PROPN" or t.text == "-" or t.text.endswith(".")
                       for t in doc[start:end]):
                continue
            listed = self.match_at.get(start)
            if listed is not None and listed.entry.kind == "person" and listed.end > end:
                end = listed.end  # "Moon Jae[-in]": the listed name the parser cut short
            if ent.label_ == "PERSON" and end - start == 1 and self._is_location_slot(doc[start]):
                continue  # "the town of Avdiivka": a single word after a place preposition
            if ent.label_ == "PERSON":
                # A name used as a modifier of a thing ("Al-Sumaria television network").
                # So is a leader's name before a body ("the Biden administration"):
                # the body is the actor, read in _nominal_phrases.
                root = doc[start:end].root
                head_role = self._role_ending_at(root.head.i)
                if root.dep_ == "compound" and root.head.i >= end and \
                        root.head.pos_ == "NOUN" and (head_role is None
                                                      or head_role[0].kind != "person"):
                    continue
                out.append((start, end, True))
            else:
                prev = self._role_ending_at(start - 1) if start > 0 else None
                person_cue = (prev is not None and prev[0].kind == "person") or \
                    bool(self._right_window(end))
                if person_cue and end - start >= 2:
                    out.append((start, end, False))
        return out

    @staticmethod
    def _is_location_slot(tok: Token) -> bool:
        return tok.dep_ == "pobj" and tok.head.lower_ in (_LOCATIVE | {"of", "to"})

    def _people(self) -> None:
        doc, kb = self.doc, self.kb
        self._multi_last = {norm(doc[e.end - 1].text) for e in doc.ents
                            if e.label_ in _NAME_LABELS and len(e) > 1}
        for start, end, _certain in self._name_spans():
            if any(i in self.claimed for i in range(start, end)):
                continue
            name = _clean(doc[start:end].text)
            left = [i for i in self._left_window(start) if i not in self.claimed]
            right = self._right_window(end)
            descr = self._describe(left)
            if not descr.roles and not descr.org and right:
                descr = self._describe(right)
            elif right:
                extra = self._describe(right)
                descr.country = descr.country or extra.country
                descr.words |= extra.words
            root = doc[start:end].root
            if not descr.country and root.dep_ == "appos" and root.head.i < start and \
                    root.head.pos_ == "NOUN" and root.head.i not in self.claimed:
                # "A member of the Syrian parliament, Mohammed Mamoun, ...": the phrase
                # the name stands in apposition to describes the person
                before = [t.i for t in root.head.subtree if t.i < start
                          and t.i not in self.claimed and t.pos_ != "PUNCT"]
                extra = self._describe(before)
                if extra.country or extra.sector:
                    descr.country = descr.country or extra.country
                    descr.sector = descr.sector or extra.sector
                    descr.words |= extra.words
            kb_entry = kb.person(name)
            canonical = kb_entry.name if kb_entry else name
            actor = self._actor(("person", norm(canonical)), canonical, "person")
            if descr.country or descr.sector or descr.title:
                actor.from_text = True
            actor.fill(descr.country, descr.sector, descr.title)
            actor.words |= descr.words
            if any(r.phrase == "counterpart" for r in descr.roles) and not descr.sector:
                actor.words.add("counterpart")
            actor.mentions.append((start, end))
            self.claimed.update(range(start, end))
            self.claimed.update(left)
            self.claimed.update(right)
            for tok in doc[start:end]:
                if tok.is_alpha and tok.is_title and len(tok) > 2:
                    self.surnames.setdefault(norm(tok.text), actor)
            last = norm(doc[end - 1].text)
            self.surnames[last] = actor

    def _surname_mentions(self) -> None:
        doc = self.doc
        for tok in doc:
            if tok.i in self.claimed or tok.pos_ != "PROPN" or not tok.is_title:
                continue
            actor = self.surnames.get(norm(tok.text))
            if actor is None or tok.i in self.match_at:
                continue
            # Part of a different multi-word name ("Saddam Hussein" vs "Fuad Hussein").
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title and \
                    nxt.i not in self.claimed and nxt.ent_iob_ == "I":
                continue
            start = tok.i
            prv = doc[tok.i - 1] if tok.i > 0 else None
            if prv is not None and prv.pos_ == "PROPN" and prv.is_title and \
                    prv.ent_iob_ != "O" and prv.i not in self.claimed and \
                    norm(prv.text) not in self.surnames and prv.i not in self.match_at:
                continue
            if tok.i >= 2 and doc[tok.i - 1].text == "-" and \
                    doc[tok.i - 2].lower_ in _NAME_PARTICLES:
                start = tok.i - 2
            actor.mentions.append((start, tok.i + 1))
            self.claimed.update(range(start, tok.i + 1))


    # ---- remaining knowledge-base names ---------------------------------------------
    def _kb_actors(self) -> None:
        doc = self.doc
        for m in self.matches:
            if any(i in self.claimed for i in range(m.start, m.end)):
                continue
            e = m.entry
            span = doc[m.start:m.end]
            if e.kind == "demonym":
                # Only the plural noun names actors ("the Iraqis"); "Iraqi soil" does not.
                if span.root.pos_ not in ("NOUN", "PROPN") or span.root.dep_ in ("amod", "compound"):
                    continue
                actor = self._country_actor(e.country)
            elif e.kind == "country":
                if self._is_place(span, capital=False) or _is_dateline(span):
                    continue
                actor = self._country_actor(e.country)
            elif e.kind == "capital":
                if self._is_place(span, capital=True) or _is_dateline(span):
                    continue
                actor = self._government_actor(e.country)
            elif e.kind == "person":
                actor = self._actor(("person", norm(e.name)), e.name, "person")
                for tok in span:
                    if tok.is_alpha and len(tok) > 2:
                        self.surnames.setdefault(norm(tok.text), actor)
            else:
                actor = self._org_actor(e)
            actor.mentions.append((m.start, m.end))
            self.claimed.update(range(m.start, m.end))

    def _is_place(self, span: Span, capital: bool) -> bool:
        root = span.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        head = root.head
        if root.dep_ == "pobj":
            if head.lower_ in _LOCATIVE or (capital and head.lower_ == "to"):
                return True
            if head.lower_ == "of" and head.head.lower_ in _PLACE_NOUNS:
                return True
        if root.dep_ == "poss" and head.lower_ in _PLACE_NOUNS:
            return True
        if root.dep_ == "compound" and head.pos_ == "PROPN" and head.i not in self.match_at:
            return True  # "Baghdad International Airport"
        return bool(root.dep_ == "compound" and head.lower_ in _PLACE_NOUNS)

    def _unknown_orgs(self) -> None:
        doc = self.doc
        for ent in doc.ents:
            if ent.label_ != "ORG" or any(i in self.claimed for i in range(ent.start, ent.end)) \
                    or _is_dateline(ent):
                continue
            toks = [t for t in ent if t.pos_ != "DET" and t.tag_ != "POS"]
            # "the Nigerian Union of Teachers", "Kenya Anti-Corruption Commission": a
            # country word inside an unlisted organisation's name says whose it is
            countries = [m.entry.country for t in toks if (m := self.match_at.get(t.i))
                         and m.entry.kind in ("country", "demonym") and m.entry.country
                         and not (t.i > 0 and self.doc[t.i - 1].text == "-")]
            countries += [m.entry.country for t in ent.root.children if t.dep_ == "poss"
                          and (m := self.match_at.get(t.i)) and m.entry.kind == "country"
                          and m.entry.country]  # "South Africa's Special Investigating Unit"
            if not toks or not all(
                    t.pos_ in ("PROPN", "NOUN") or t.text in "-&"
                    or (t.pos_ == "ADJ" and t.i in self.match_at)
                    or (t.lower_ in _NAME_LINKS and toks[0].i < t.i < toks[-1].i)
                    for t in toks):
                continue
            if len(toks) < 2 and not (toks[0].is_upper and len(toks[0]) >= 3):
                continue
            if any(t.lower_ in _NAME_LINKS for t in toks) and not countries and not any(
                    t.lower_ in _ORG_HEADS for t in toks):
                continue  # "Cessation of Hostilities" is a name, but not of a body
            name = _clean(" ".join(t.text for t in toks))
            actor = self._actor(("named", norm(name)), name, "organization")
            if len(set(countries)) == 1:
                actor.fill(countries[0], None, None)
            actor.mentions.append((toks[0].i, toks[-1].i + 1))
            self.claimed.update(range(ent.start, ent.end))

    def _korean_halves(self) -> None:
        """"the North" and "the South" in a story about Korea (one that names Pyongyang,
        Seoul or either Korea): North and South Korea, as wire copy calls them ("the
        North's leader" too; not "the North Atlantic", "the North-South talks")."""
        halves = {"North": "PRK", "South": "KOR"}
        if not {a.country for a in self.actors.values()} & set(halves.values()):
            return
        doc = self.doc
        for tok in doc[1:]:
            after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if tok.text in halves and doc[tok.i - 1].lower_ == "the" and \
                    tok.i not in self.claimed and (after is None or not (
                        after.text[:1].isupper() or after.text == "-")):
                actor = self._country_actor(halves[tok.text])
                actor.mentions.append((tok.i, tok.i + 1))
                self.claimed.add(tok.i)

    # ---- actor constructors ----------------------------------------------------------
    def _actor(self, key: tuple, name: str, kind: str) -> _Actor:
        actor = self.actors.get(key)
        if actor is None:
            actor = self.actors[key] = _Actor(key, name, kind)
        return actor

    def _country_actor(self, iso3: str | None) -> _Actor:
        name = self.kb.country_name(iso3) or iso3 or "?"
        actor = self._actor(("country", iso3), name, "country")
        actor.country = iso3
        return actor

    def _government_actor(self, iso3: str | None) -> _Actor:
        cname = self.kb.country_name(iso3) or iso3 or "?"
        actor = self._actor(("nominal", iso3, "GOV", "government"), f"{cname} government",
                            "organization")
        actor.fill(iso3, "GOV", "government")
        return actor

    def _org_actor(self, e: KbEntry) -> _Actor:
        kind = e.kind if e.kind in ("organization", "group") else "organization"
        actor = self._actor(("org", norm(e.name)), e.name, kind)
        actor.fill(e.country, e.sector, None)
        actor.words |= set(_tokens_of(e.name))
        return actor


    # ---- output ---------------------------------------------------------------------
    def run(self) -> tuple[list[Actor], list[tuple[int, int, str]]]:
        self._people()
        self._surname_mentions()
        self._nominal_phrases()
        self._kb_actors()
        self._surname_mentions()   # people first named through the KB ("Joe Biden")
        self._unknown_orgs()
        self._korean_halves()
        self._kb_fallback()
        self._counterparts()
        self._link_nominals()
        self._pronouns()
        return self._finish()

    def _finish(self) -> tuple[list[Actor], list[tuple[int, int, str]]]:
        doc = self.doc
        live = [a for a in self.actors.values() if a.mentions]
        live.sort(key=lambda a: min(s for s, _ in a.mentions))
        actors, spans = [], []
        for n, a in enumerate(live, 1):
            aid = f"a{n}"
            mentions = []
            for s, e in sorted(set(a.mentions)):
                span = doc[s:e]
                mentions.append(Mention(span.start_char, span.end_char, span.text))
                spans.append((span.start_char, span.end_char, aid))
            code = _code(a.country, a.sector)
            actors.append(Actor(id=aid, name=a.name, kind=a.kind, country=a.country,
                                sector=a.sector, code=code, title=a.title, mentions=mentions))
        spans.sort(key=lambda s: (s[0], -s[1]))
        return actors, spans


def extract_actors(doc: Doc, kb: KnowledgeBase | None = None
                   ) -> tuple[list[Actor], list[tuple[int, int, str]]]:
    """Actors of a parsed article and every (start_char, end_char, actor_id) mention."""
    return _Extractor(doc, kb or get_kb()).run()


def actor_for_span(doc: Doc, start_char: int, end_char: int) -> Actor | None:
    """The actor of the longest mention covering or inside [start_char, end_char).

    A mention that contains the span's syntactic head wins over a longer one that
    does not; None when no mention overlaps that way.
    """
    spans = doc._.actor_spans or []
    cands = [(s, e, aid) for s, e, aid in spans
             if (s <= start_char and e >= end_char) or (s >= start_char and e <= end_char)]
    if not cands:
        return None
    head = None
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is not None and len(span):
        head = span.root
    def rank(c: tuple[int, int, str]) -> tuple[bool, int]:
        has_head = head is not None and c[0] <= head.idx < c[1]
        return (has_head, c[1] - c[0])
    best = max(cands, key=rank)
    return next((a for a in doc._.actors or [] if a.id == best[2]), None)


@Language.factory("tidings_actors", assigns=["doc._.actors", "doc._.actor_spans"],
                  default_config={"kb_paths": []})
def make_component(nlp: Language, name: str, kb_paths: Iterable[str]):
    """Actors and their mentions; `kb_paths` adds user knowledge-base files."""
    kb = get_kb(list(kb_paths))

    def component(doc: Doc) -> Doc:
        doc._.actors, doc._.actor_spans = extract_actors(doc, kb)
        return doc
    return component
