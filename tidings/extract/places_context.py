"""Choosing each toponym's place from its candidates, with the article as context.

A candidate's score is its prior weight (log population, countries > regions > cities,
capitals first) plus what the article says:
- "City, State" / "City, Country" (and a dateline "EDMONTON, Ky. -"): only candidates
  inside the named region or country are kept, when there are any;
- + ARTICLE_COUNTRY_BONUS for a candidate in a country the article names (or where its
  unambiguous places lie), + NEIGHBOUR_BONUS for a country bordering one it names
  (NEIGHBOUR_PLACE_BONUS for a town or region there: Gaza beside Israel),
  + REGION_WORD_COUNTRY_BONUS for one in the country of a region its sentence names
  with a region word ("Homs governorate"), + ARTICLE_REGION_BONUS for one in a first-level region it names: "Paris" in a story
  about Kentucky is Paris, Kentucky;
- + ADMIN_CUE_BONUS for a region when the text says "province of X" / "X region";
- + CONTAINS_BONUS for a region that contains a city another mention names (Atlanta ->
  the US state of Georgia), + US_CUE_BONUS for a US state in a text about US politics;
- - ALTERNATE_PENALTY for a candidate matched only by another language's name;
- a region named by a compass word ("the West") needs a region word or its country
  named in the article.
Choices are made twice: the second pass takes the countries and regions of the first
pass's choices as context, so one "Kentucky" moves every ambiguous town of the article.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..ontology.gazetteer import GazEntry, gazetteer, generic_region, normalize
from ..ontology.towns import town
from .places_pairs import ADMIN_WORDS, forces, inside

ARTICLE_COUNTRY_BONUS = 2.0
ARTICLE_REGION_BONUS = 2.5
NEIGHBOUR_BONUS = 2.0
NEIGHBOUR_PLACE_BONUS = 1.0
REGION_WORD_COUNTRY_BONUS = 1.5
ADMIN_CUE_BONUS = 3.0
CONTAINS_BONUS = 3.0
US_CUE_BONUS = 1.5
ALTERNATE_PENALTY = 1.0
_ADMIN_BEFORE = re.compile(ADMIN_WORDS + r"\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_ADMIN_AFTER = re.compile(r"^\s+" + ADMIN_WORDS + r"\b", re.IGNORECASE)
_ADMIN_LAST = re.compile(r"\s" + ADMIN_WORDS + r"$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]?\s+(?=[A-Z\"'\u201c])|\n")
_US_CUES = re.compile(r"\b(?:Senate|senator|governor|Gov\.|Republicans?|Democrats?|"
                      r"Democratic|county|runoff|Congress|congressional)\b")


@dataclass
class Candidates:
    """One toponym as the chooser sees it."""
    start: int
    end: int
    candidates: list[GazEntry]
    admin_cue: bool = False
    within: list[GazEntry] = field(default_factory=list)  # what a "City, State" names
    name: str = ""                   # the name as written, for a town the gazetteer lacks
    near: list[GazEntry] = field(default_factory=list)  # "Town in Region": no made-up town
    scores: dict[int, float] = field(default_factory=dict)


def narrow(m: Candidates) -> list[GazEntry]:
    """The candidates a "City, State" leaves, or all of them. A town the gazetteer
    lacks inside a region it knows ("Edmonton, Ky.": no Edmonton in the US) is that
    town, at the region's point, rather than a namesake abroad."""
    for area in m.within + m.near:
        kept = [c for c in m.candidates if inside(c, area)]
        if kept:
            return kept
    area = m.within[0] if m.within else None
    if area is None or not m.name or area.feature != "admin" or area.lat is None or \
            any(c.iso2 == area.iso2 for c in m.candidates) or not forces(area):
        return m.candidates
    small = town(m.name, area.iso2, area.admin1)
    if small is not None:
        return [small]
    name = m.name.title() if m.name.isupper() else m.name
    return [GazEntry(name, area.iso2, area.lat, area.lon, None, "city", 0, area.admin1,
                     kind="city")]


class _Context:
    """Countries and first-level regions of the places chosen for an article's mentions,
    with who said them, so that each mention's context leaves out its own spelling."""

    def __init__(self, chosen: list[GazEntry | None], texts: list[str]) -> None:
        self._by: dict[str, dict[tuple, set[str]]] = {"country": {}, "region": {},
                                                      "named": {}}
        for c, t in zip(chosen, texts):
            if c is None or c.iso2 is None:
                continue
            self._by["country"].setdefault((c.iso2,), set()).add(t)
            if c.admin1 and c.feature_class in ("region", "city", "county"):
                self._by["region"].setdefault((c.iso2, c.admin1), set()).add(t)
                if c.feature_class == "region":
                    self._by["named"].setdefault((c.iso2, c.admin1), set()).add(t)

        # each kind: every key, and the keys only one spelling gave, by that spelling
        self._all = {kind: set(by) for kind, by in self._by.items()}
        self._only: dict[str, dict[str, set]] = {kind: {} for kind in self._by}
        for kind, by in self._by.items():
            for key, said in by.items():
                if len(said) == 1:
                    self._only[kind].setdefault(next(iter(said)), set()).add(key)

    def without(self, own: str) -> tuple[set, set, set]:
        """Countries, regions (named, or holding a chosen city or county) and regions
        named as such, by mentions not written `own`."""
        def keep(kind: str) -> set:
            return self._all[kind] - self._only[kind].get(own, set())
        return {k[0] for k in keep("country")}, keep("region"), keep("named")


def choose(mentions: list[Candidates], text: str) -> list[GazEntry | None]:
    """The place each mention names, in order (None: no candidate left). A mention's
    own spelling gives it no context: "Georgia" does not vote for Georgia."""
    texts = [text[m.start:m.end].lower() for m in mentions]
    # First pass: countries the article names and places with one candidate.
    seeds = [(t, m.candidates[0]) for m, t in zip(mentions, texts) if m.candidates and (
        len(m.candidates) == 1 or m.candidates[0].feature == "country")]
    us_politics = bool(_US_CUES.search(text))
    for m in mentions:
        m.admin_cue = m.admin_cue or bool(_ADMIN_BEFORE.search(text[max(0, m.start - 30):
                                                                    m.start])
                                          or _ADMIN_AFTER.search(text[m.end:m.end + 20])
                                          or _ADMIN_LAST.search(text[m.start:m.end]))
    cities = [(t, (c.iso2, c.admin1)) for o, t in zip(mentions, texts)
              for c in o.candidates[:1] if c.feature == "city" and c.admin1]
    chosen = [c for _, c in seeds]
    said = [t for t, _ in seeds]
    seeded = _Context(chosen, said)
    contexts = {own: seeded.without(own) for own in set(texts)}
    first = [_best(m, own, cities, *contexts[own], us_politics)
             for m, own in zip(mentions, texts)]
    second = _Context(chosen + first, said + texts)
    contexts = {own: second.without(own) for own in set(texts)}
    ends = [hit.end() for hit in _SENTENCE_END.finditer(text)]
    strong = _region_word_countries(mentions, first, ends)
    return [_best(m, own, cities, *contexts[own], us_politics,
                  strong.get(bisect_right(ends, m.start), set()))
            for m, own in zip(mentions, texts)]


def _region_word_countries(mentions: list[Candidates], chosen: list[GazEntry | None],
                           ends: list[int]) -> dict[int, set[str]]:
    """Sentence (by the `ends` of the sentences before it) -> the countries of the
    regions it names with a region word ("Homs governorate", "province of Helmand"):
    strong context for its other places."""
    out: dict[int, set[str]] = {}
    for m, c in zip(mentions, chosen):
        if m.admin_cue and c is not None and c.feature == "admin" and c.iso2:
            out.setdefault(bisect_right(ends, m.start), set()).add(c.iso2)
    return out


def _best(m: Candidates, own: str, cities: list[tuple[str, tuple]], countries: set,
          regions: set, named: set, us_politics: bool,
          strong: set[str] | frozenset[str] = frozenset()) -> GazEntry | None:
    """The best-scoring candidate of one mention, written `own`. `cities`: the regions
    of the cities the mentions name, by spelling (a region holding a city another name
    names wins: Atlanta -> Georgia, but "New York" does not vote for New York State)."""
    holding = {key for said, key in cities if said != own}

    def score(c: GazEntry) -> float:
        s = c.weight()
        if c.iso2 in countries:
            s += ARTICLE_COUNTRY_BONUS
        elif countries & gazetteer().neighbours.get(c.iso2, set()):
            # Georgia beside Russia, not the US state; Gaza beside Israel, not Mozambique's
            s += NEIGHBOUR_BONUS if c.feature == "country" else NEIGHBOUR_PLACE_BONUS
        if c.iso2 in strong:
            s += REGION_WORD_COUNTRY_BONUS
        if c.feature != "country" and c.admin1 and (c.iso2, c.admin1) in regions:
            s += ARTICLE_REGION_BONUS
        if not c.primary:
            s -= ALTERNATE_PENALTY
        if c.feature == "admin":
            if m.admin_cue:
                s += ADMIN_CUE_BONUS
            if c.admin1 and (c.iso2, c.admin1) in holding:
                s += CONTAINS_BONUS
            if c.iso2 == "US" and us_politics:
                s += US_CUE_BONUS
        return s

    # A name known only as another language's name for a place in a country the
    # article never mentions ("Boni" for Bonn in a story about Mali) is more likely
    # a village the gazetteer lacks than that place.
    kept = narrow(m)
    # a candidate its "City, Region" confirms stays, though matched by another name
    cands = kept if kept is not m.candidates else [
        c for c in kept if (c.primary or c.feature != "city" or c.iso2 in countries
                            or _spelled_like(m.name, c))
        and not _unsaid_compass(c, m, countries)]
    if m.admin_cue and any(c.feature == "admin" for c in cands):
        # a region word beside the name ("Aleppo governorate") makes it a region
        cands = [c for c in cands if c.feature == "admin"]
    cands += _towns_in(m, cands, countries, regions, named)
    return max(cands, key=score) if cands else None


def _unsaid_compass(c: GazEntry, m: Candidates, countries: set) -> bool:
    """A region named by a compass word ("the West", "the North") with no region word
    beside it, in a country the article does not name: a direction, not that region."""
    return c.feature == "admin" and not m.admin_cue and c.iso2 not in countries and \
        generic_region(c.name, compass=True)


def _towns_in(m: Candidates, cands: list[GazEntry], countries: set,
              regions: set, named: set) -> list[GazEntry]:
    """Small towns of the mention's name in the regions the article names (for a name
    the gazetteer lacks, in any region the article is in), when no
    candidate lies in one or in another country the article names, and the name is no
    country, region or capital: "Edmonton" in a story about Kentucky, not "Aleppo" in a
    story about Syrians in Pennsylvania."""
    if not cands:
        # a name the gazetteer lacks: any region the article is in will do
        named = named | regions
    region_countries = {iso2 for iso2, _ in named}
    if not named or not m.name or m.within or any(
            c.feature != "city" or c.capital or (c.iso2, c.admin1) in regions
            or (c.iso2 in countries and c.iso2 not in region_countries) for c in cands):
        return []
    found = (town(m.name, iso2, admin1) for iso2, admin1 in sorted(named))
    return [t for t in found if t is not None]


# how alike a name as written and a place's own name must be to be one name spelled two
# ways ("Khan Younis" and Khān Yūnis: 0.95; "Boni" and Bonn are too short to tell)
SPELLING_LIKENESS = 0.85
SPELLING_MIN_LETTERS = 6


def _spelled_like(written: str, c: GazEntry) -> bool:
    """Whether a name the gazetteer lists as another name of `c` is its own name spelled
    another way ("Khan Younis", "Bamiyan"), not another language's name for it."""
    a, b = normalize(written), normalize(c.name)
    return min(len(a), len(b)) >= SPELLING_MIN_LETTERS and \
        SequenceMatcher(None, a, b).ratio() >= SPELLING_LIKENESS
