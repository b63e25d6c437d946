"""tidings_places: toponyms geocoded offline (assigns doc._.places).

A mention is a GPE/LOC/FAC entity, an ORG entity that is exactly a known place (the
model often tags "Erbil" in "the Erbil attack" as ORG), or a run of capitalised proper
nouns outside any entity that names a country, region or large city. Demonyms are
never places: "Iranian" is NORP and is not in the gazetteer.

Each mention's candidates come from `tidings.ontology.gazetteer`, scored by
- prior weight (log population, countries > regions > cities, capitals first),
- + ARTICLE_COUNTRY_BONUS when the candidate lies in a country the article mentions,
- + ADMIN_CUE_BONUS for a region when the text says "province of X" / "X region",
- + CONTAINS_BONUS for a region that contains a city the article mentions (Atlanta ->
  the US state of Georgia), + US_CUE_BONUS for a US state in a text about US politics.
Facilities ("Baghdad International Airport") keep their own name, feature "other",
and the coordinates of the place named inside them. Mentions of one place merge.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..models import Mention, Place
from ..ontology.gazetteer import GazEntry, Gazetteer, gazetteer, normalize
from ..ontology.words import words
from .doc import doc_text, register_extensions

register_extensions()

ARTICLE_COUNTRY_BONUS = 2.0
ADMIN_CUE_BONUS = 3.0
CONTAINS_BONUS = 3.0
US_CUE_BONUS = 1.5
ALTERNATE_PENALTY = 1.0
# A bare capitalised word outside any entity must be this well known to count.
LOOSE_MIN_POPULATION = 100_000

FACILITY_WORDS = words("place_facility_words")
ADMIN_WORDS = r"(?:province|governorate|region|state|oblast|district|county|prefecture)"
_ADMIN_BEFORE = re.compile(ADMIN_WORDS + r"\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_ADMIN_AFTER = re.compile(r"^\s+" + ADMIN_WORDS + r"\b", re.IGNORECASE)
_US_CUES = re.compile(r"\b(?:Senate|senator|governor|Gov\.|Republicans?|Democrats?|"
                      r"Democratic|county|runoff|Congress|congressional)\b")
_DIRECTION = re.compile(r"^(?:north|south|east|west|central|(?:north|south)-?(?:east|west))"
                        r"(?:ern)?\s+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:['\u2019]s?)$")
ENTITY_LABELS = {"GPE", "LOC", "FAC"}
# The small model often tags places as PERSON or NORP ("in Gao", "to Culiacan"); such
# an entity counts when a locative preposition precedes it, or it names a country.
MISTAGGED_LABELS = {"PERSON", "NORP", "ORG", "LANGUAGE", "PRODUCT", "WORK_OF_ART", "EVENT"}
# Words before a place; "(" opens an event note's region: "in Bakassi (Cross River)".
LOCATIVE = words("place_locative_preps")
# A bare capitalised word after a locative word may be a smaller town.
LOOSE_LOCATIVE_MIN_POPULATION = 15_000


@dataclass
class _Mention:
    start: int
    end: int
    text: str          # the surface text as written
    lookup: str        # the name to look up (facility: the place inside it)
    facility: bool
    candidates: list[GazEntry]
    admin_cue: bool = False


def _clean_span(span: Span) -> tuple[int, int, str]:
    """Offsets and text without a leading "the" and a trailing possessive."""
    start, end, text = span.start_char, span.end_char, span.text
    if text.lower().startswith("the "):
        start, text = start + 4, text[4:]
    m = _TRAILING.search(text)
    if m and m.start() > 0:
        end, text = end - len(m.group()), text[:m.start()]
    return start, end, text


def _inner_place(words: list[str]) -> tuple[str, list[GazEntry]] | None:
    """The longest run of words inside a facility name that the gazetteer knows."""
    gaz = gazetteer()
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            name = " ".join(words[i:i + size])
            if name[:1].isupper() and name.lower() not in FACILITY_WORDS:
                cands = [c for c in gaz.lookup(name) if c.primary]
                if cands:
                    return name, cands
    return None


def _collect(doc: Doc) -> list[_Mention]:
    gaz = gazetteer()
    found: list[_Mention] = []
    covered = [False] * len(doc)
    for whole in doc.ents:
        for i in range(whole.start, whole.end):
            covered[i] = True
        if whole.label_ not in ENTITY_LABELS and whole.label_ not in MISTAGGED_LABELS:
            continue
        for ent in _bracket_parts(whole):
            found += _entity_mention(ent, whole.label_, gaz)
    found.extend(_loose(doc, covered))
    found.sort(key=lambda m: m.start)
    return found


def _bracket_parts(ent: Span) -> list[Span]:
    """An entity the model ran across brackets ("Bakassi (Cross River") as its parts."""
    cuts = [t.i for t in ent if t.text in "()"]
    if not cuts:
        return [ent]
    parts, lo = [], ent.start
    for cut in cuts + [ent.end]:
        if cut > lo:
            parts.append(ent.doc[lo:cut])
        lo = cut + 1
    return parts


def _entity_mention(ent: Span, label: str, gaz: Gazetteer) -> list[_Mention]:
    """The place mention an entity (or a bracketed part of one) makes, if any."""
    doc = ent.doc
    start, end, text = _clean_span(ent)
    if not text:
        return []
    words = text.split()
    is_facility = label == "FAC" or words[-1].lower() in FACILITY_WORDS
    if label in MISTAGGED_LABELS:
        cands = gaz.lookup(text)
        if text.isupper() and len(text) <= 4:
            cands = [c for c in cands if c.feature == "country"]
        locative = ent.start > 0 and doc[ent.start - 1].lower_ in LOCATIVE
        if not locative:
            cands = [c for c in cands if c.primary and (
                c.feature == "country" or label == "ORG")]
        if cands and not is_facility:
            return [_Mention(start, end, text, text, False, cands)]
        return []
    cands = gaz.lookup(text)
    if text.isupper() and len(text) <= 4:
        # Acronyms: "US", "UAE" are countries; "UN" is not the Indian town of Un.
        cands = [c for c in cands if c.feature == "country"]
    if cands and not (is_facility and label == "FAC" and len(words) > 1):
        return [_Mention(start, end, text, text, False, cands)]
    if is_facility:
        inner = _inner_place(words)
        if inner:  # a facility we cannot place ("the Pentagon") is left out
            return [_Mention(start, end, text, inner[0], True, inner[1])]
        return []
    bare = _DIRECTION.sub("", text)
    if bare != text and gaz.lookup(bare):  # "Western Cambodia", "northern Mali"
        offset = len(text) - len(bare)
        return [_Mention(start + offset, end, bare, bare, False, gaz.lookup(bare))]
    stripped = re.sub(r"\s+" + ADMIN_WORDS + r"$", "", text, flags=re.IGNORECASE)
    if stripped != text and gaz.lookup(stripped):
        return [_Mention(start, end, text, stripped, False, gaz.lookup(stripped), True)]
    return []


def _loose(doc: Doc, covered: list[bool]) -> list[_Mention]:
    """Capitalised proper-noun runs the model left untagged that name a well-known place."""
    gaz = gazetteer()
    out = []
    i = 0
    while i < len(doc):
        if covered[i] or doc[i].pos_ != "PROPN" or not doc[i].text[:1].isupper():
            i += 1
            continue
        j = i
        while j < len(doc) and not covered[j] and doc[j].pos_ == "PROPN":
            j += 1
        span = doc[i:j]
        locative = i > 0 and doc[i - 1].lower_ in LOCATIVE
        least = LOOSE_LOCATIVE_MIN_POPULATION if locative else LOOSE_MIN_POPULATION
        cands = [c for c in gaz.lookup(span.text) if (c.primary or locative
                                                      or c.feature == "admin") and (
            c.feature in ("country", "admin") or c.population >= least)]
        if cands:
            out.append(_Mention(span.start_char, span.end_char, span.text, span.text,
                                False, cands))
        i = j
    return out


def _choose(mentions: list[_Mention], doc: Doc) -> list[GazEntry | None]:
    text = doc_text(doc)
    # Countries the article is about: named countries and unambiguous places.
    article_countries = {m.candidates[0].iso2 for m in mentions
                         if m.candidates and (len(m.candidates) == 1
                                              or m.candidates[0].feature == "country")}
    cities = [c for m in mentions for c in m.candidates[:1] if c.feature == "city"]
    us_politics = bool(_US_CUES.search(text))
    chosen: list[GazEntry | None] = []
    for m in mentions:
        before = text[max(0, m.start - 30):m.start]
        after = text[m.end:m.end + 20]
        admin_cue = m.admin_cue or bool(_ADMIN_BEFORE.search(before)
                                        or _ADMIN_AFTER.search(after))

        def score(c: GazEntry, admin_cue: bool = admin_cue) -> float:
            s = c.weight()
            if c.iso2 in article_countries:
                s += ARTICLE_COUNTRY_BONUS
            if not c.primary:
                s -= ALTERNATE_PENALTY
            if c.feature == "admin":
                if admin_cue:
                    s += ADMIN_CUE_BONUS
                if c.admin1 and any(x.iso2 == c.iso2 and x.admin1 == c.admin1
                                    for x in cities):
                    s += CONTAINS_BONUS
                if c.iso2 == "US" and us_politics:
                    s += US_CUE_BONUS
            return s

        # A name known only as another language's name for a place in a country the
        # article never mentions ("Boni" for Bonn in a story about Mali) is more likely
        # a village the gazetteer lacks than that place.
        cands = [c for c in m.candidates
                 if c.primary or c.feature != "city" or c.iso2 in article_countries]
        chosen.append(max(cands, key=score) if cands else None)
    return chosen


def extract_places(doc: Doc) -> list[Place]:
    """Every place the article names, geocoded, with all its mentions, in text order."""
    mentions = _collect(doc)
    chosen = _choose(mentions, doc)
    places: dict[tuple, Place] = {}
    for m, entry in zip(mentions, chosen):
        mention = Mention(m.start, m.end, m.text)
        if m.facility:
            key: tuple = ("fac", normalize(m.text))
            place = Place(m.text, entry.iso3 if entry else None,
                          entry.lat if entry else None, entry.lon if entry else None,
                          entry.geonameid if entry else None, "other")
        elif entry is not None:
            key = (entry.geonameid, entry.name, entry.feature)
            place = Place(entry.name, entry.iso3, entry.lat, entry.lon, entry.geonameid,
                          entry.feature)
        else:
            continue
        places.setdefault(key, place).mentions.append(mention)
    return list(places.values())


def place_at(doc: Doc, start_char: int, end_char: int) -> Place | None:
    """The place with a mention overlapping [start_char, end_char), if any."""
    for place in doc._.places or []:
        for m in place.mentions:
            if m.start < end_char and start_char < m.end:
                return place
    return None


@Language.factory("tidings_places", assigns=["doc._.places"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.places = extract_places(doc)
        return doc
    return component
