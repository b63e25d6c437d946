"""tidings_places: toponyms geocoded offline (assigns doc._.places); and
tidings_place_modifiers, which adds the places named by adjectives and inside names.

A mention is a GPE/LOC/FAC entity, an ORG entity that is exactly a known place (the
model often tags "Erbil" in "the Erbil attack" as ORG), a region's abbreviation after a
place ("Edmonton, Ky."), a run of capitalised proper nouns outside any entity that
names a country, region or large city, or a name whose neighbour in a place string
confirms it, however tagged ("Gwoza, Borno state": `places_pairs`). A single name that is also part of a person's
name in the article ("Fidel Castro ... Castro") is the person, unless it names a
country, a region or a capital.

Modifiers are places named by an adjective ("Turkish troops", "European leaders",
"U.S.-led") or inside another name ("Dubai police", "the Edmonton Oilers"). They are
kept aside (doc._.place_modifiers) while the other components run, since they say whose
and not where (the event stages place events and sides by doc._.places), and join the
places in the last component.

Each mention's candidates come from `tidings.ontology.gazetteer`; the choice between
them, with the article as context, is `places_context.choose`. Facilities ("Baghdad
International Airport") keep their own name, feature "other", and the coordinates of
the place named inside them. Mentions of one place merge. Every place has a point and
its `feature_class` (country, region, county, city, continent, other).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

from ..models import Mention, Place
from ..ontology.gazetteer import GazEntry, Gazetteer, gazetteer, normalize
from ..ontology.words import words
from . import places_pairs as pairs
from .doc import doc_text, register_extensions
from .places_context import Candidates, choose

register_extensions()
if not Doc.has_extension("place_modifiers"):
    # (Mention, GazEntry) pairs waiting for tidings_place_modifiers
    Doc.set_extension("place_modifiers", default=None)

# A bare capitalised word outside any entity must be this well known to count.
LOOSE_MIN_POPULATION = 100_000
# A place inside another name ("Dubai police") counts when it is this well known, a
# country or region, or a place the article names on its own.
INNER_MIN_POPULATION = 100_000

FACILITY_WORDS = words("place_facility_words")
_DIRECTION = re.compile(r"^(?:far\s+)?(?:north|south|east|west|central|"
                        r"(?:north|south)-?(?:east|west))"
                        r"(?:ern)?\s+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:['\u2019]s?)$")
ENTITY_LABELS = {"GPE", "LOC", "FAC"}
# The small model often tags places as PERSON or NORP ("in Gao", "to Culiacan"); such
# an entity counts when a locative preposition precedes it, or it names a country.
MISTAGGED_LABELS = {"PERSON", "NORP", "ORG", "LANGUAGE", "PRODUCT", "WORK_OF_ART", "EVENT"}
# Entities whose inner words may name a place: "Dubai police", "Bank of America".
NAMED_LABELS = {"ORG", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "NORP"}
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
    modifier: bool = False  # an adjective or a place inside another name


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
                # "New York" in "The New York Times" by its other name, not "York"
                cands = [c for c in gaz.lookup(name)
                         if c.primary or (size > 1 and c.feature == "city")]
                if cands:
                    return name, cands
    return None


def _collect(doc: Doc) -> list[_Mention]:
    """Every toponym mention of the article with its candidates, in text order: entities,
    untagged proper nouns, region abbreviations, other writings of names already found,
    then the modifiers (adjectives, places inside other names)."""
    gaz = gazetteer()
    found: list[_Mention] = []
    covered = [False] * len(doc)
    named: list[Span] = []
    for whole in doc.ents:
        for i in range(whole.start, whole.end):
            covered[i] = True
        if whole.label_ not in ENTITY_LABELS and whole.label_ not in MISTAGGED_LABELS:
            continue
        made = []
        for ent in _bracket_parts(whole):
            made += _entity_mention(ent, whole.label_, gaz)
        found += made
        if not made and whole.label_ in NAMED_LABELS:
            named.append(whole)
    found.extend(_loose(doc, covered))
    taken = {i for m in found for i in range(m.start, m.end)}
    found.extend(_Mention(s, e, name, name, False, cands) for s, e, name, cands
                 in pairs.colon_datelines(doc_text(doc), gaz, LOOSE_MIN_POPULATION)
                 if s not in taken)  # "Bhopal: police on Monday ..."
    found = _place_strings(doc, found, gaz)
    # names of people as the model tags them, not its runs across dashes ("Trump -
    # Wisconsin")
    people = [words for e in doc.ents if e.label_ == "PERSON"
              and len(words := e.text.split()) > 1 and all(w[:1].isalpha() for w in words)]
    found = _drop_person_names(doc, found, people)
    found.extend(_abbreviations(doc, found, gaz))
    words = _capitalised(doc_text(doc))
    found.extend(_repeats(doc, found, words, {w for p in people for w in p}))
    found.extend(_adjectives(doc, found, gaz, words))
    found.extend(_inside_names(named, found, gaz))
    found.sort(key=lambda m: m.start)
    return found


def _place_strings(doc: Doc, found: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    """The mentions with the names of place strings whose halves agree ("raided Gwoza,
    Borno state", "in Kalay, Sagaing region"; see `places_pairs`) in place of what the
    model made of them: a longer name over the part of it tagged ("Valle del Cauca"),
    the confirmed candidates over all of a name's."""
    taken = [(e.start_char, e.end_char) for e in doc.ents] + [(m.start, m.end)
                                                            for m in found]
    # not a part of a longer name already found ("Sindh" of "Sindh province")
    strings = [hit for hit in pairs.place_strings(doc_text(doc), taken, gaz) if not any(
        m.start <= hit[0] and hit[1] <= m.end and m.end - m.start > hit[1] - hit[0]
        for m in found if m.candidates)]
    if not strings:
        return found
    kept = [m for m in found if m.modifier or m.facility or not any(
        s <= m.start and m.end <= e for s, e, *_ in strings)]
    return kept + [_Mention(s, e, name, name, False, cands, cue)
                   for s, e, name, cands, cue in strings]


def _bracket_parts(ent: Span) -> list[Span]:
    """An entity the model ran across brackets or commas ("Bakassi (Cross River",
    "Edmonton, Ky.") as its parts."""
    cuts = [t.i for t in ent if t.text in "(),"]
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
    start, end, text = _clean_span(ent)
    if not text:
        return []
    abbreviation = _abbreviation_at(ent, text, label, gaz)
    if abbreviation is not None:  # "Ky.", "B.C."
        return [_Mention(start, end, text, text, False, [abbreviation])]
    if _the_small_town(ent, text, gaz):
        return []
    words = text.split()
    is_facility = label == "FAC" or words[-1].lower() in FACILITY_WORDS
    if label in MISTAGGED_LABELS:
        return _mistagged(ent, (start, end, text), label, is_facility, gaz)
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
    inner = gaz.lookup(bare) if bare != text else []
    if any(c.feature_class == "continent" for c in inner):
        return []  # "West Africa", "Southeast Asia": a region of its own, unknown here
    if inner:  # "Western Cambodia", "northern Mali"
        offset = len(text) - len(bare)
        return [_Mention(start + offset, end, bare, bare, False, inner)]
    stripped = re.sub(r"\s+" + pairs.ADMIN_WORDS + r"$", "", text, flags=re.IGNORECASE)
    if stripped != text and gaz.lookup(stripped):
        return [_Mention(start, end, text, stripped, False, gaz.lookup(stripped), True)]
    if label == "GPE" and text[:1].isupper() and not gaz.lookup(text):
        # "Bantam" in a story about Connecticut: the chooser looks for a small town in
        # the regions the article names; "Zorbaville, Ky.", a town GeoNames lacks, is
        # placed in its region; anything else is dropped there
        return [_Mention(start, end, text, text, False, [])]
    return []


def _mistagged(ent: Span, cleaned: tuple[int, int, str], label: str, is_facility: bool,
               gaz: Gazetteer) -> list[_Mention]:
    """The place an entity tagged as a person or organisation names: one after a
    locative word ("in Gao"), a country, an ORG that is a large city ("the Erbil
    attack"), or one half of a place string whose halves agree ("in Bamenda, Northwest
    region", "Homs governorate"); a town the gazetteer lacks in a region it knows
    ("in Maungdaw, Rakhine state") is left to the chooser."""
    doc = ent.doc
    start, end, text = cleaned
    if is_facility:
        return []
    cands = gaz.lookup(text)
    if text.isupper() and len(text) <= 4:
        cands = [c for c in cands if c.feature == "country"]
    full = doc_text(doc)
    pair = pairs.paired(full, start, end, cands, gaz)
    if pair:
        return [_Mention(start, end, text, text, False, pair,
                         pairs.region_word_after(full, end))]
    locative = ent.start > 0 and doc[ent.start - 1].lower_ in LOCATIVE
    if not locative:  # "the Erbil attack", "shelled Ganja" (ORG), never "Xinhua" or
        # "Liberal", nor "sued Meta": a region's name as a subject or object is a body's
        modifier = ent.root.dep_ in ("compound", "nmod", "amod", "poss")
        cands = [c for c in cands if c.primary and (c.feature == "country" or (
            label == "ORG" and (modifier or c.feature != "admin")
            and c.population >= LOOSE_MIN_POPULATION))]
    elif not cands and text[:1].isupper() and any(
            a.feature == "admin" and pairs.forces(a) for a in pairs.qualifier(full, end, gaz)):
        return [_Mention(start, end, text, text, False, [])]
    if cands:
        return [_Mention(start, end, text, text, False, cands)]
    return []


def _abbreviation_at(span: Span, text: str, label: str, gaz: Gazetteer) -> GazEntry | None:
    """The region an abbreviation names, when it is tagged as a place or follows a
    comma ("Winnipeg, Man."): a bare "Man." elsewhere is no place."""
    entry = gaz.abbreviation(text)
    if entry is None:
        return None
    after_comma = span.start > 0 and span.doc[span.start - 1].text == ","
    return entry if after_comma or label in ENTITY_LABELS else None


def _the_small_town(span: Span, text: str, gaz: Gazetteer) -> bool:
    """"The Pacific", "the Atlantic", "the Caribbean": a name written after "the" whose
    only places are towns (Pacific, Missouri) is a sea or a region, not the town."""
    doc = span.doc
    the = span.text[:4].lower() == "the " or (
        span.start > 0 and doc[span.start - 1].lower_ == "the")
    if not the or " " in text:
        return False
    cands = gaz.lookup(text)
    return bool(cands) and all(c.feature == "city" and c.population < LOOSE_MIN_POPULATION
                               for c in cands)


def _loose(doc: Doc, covered: list[bool]) -> list[_Mention]:
    """Capitalised proper-noun runs the model left untagged that name a well-known place."""
    gaz = gazetteer()
    out = []
    # the parts of speech as one array: visiting each token as an object costs more
    # than the rest of this stage
    propn = (doc.to_array("POS") == PROPN).tolist()
    n = len(doc)
    i = 0
    while i < n:
        if covered[i] or not propn[i] or not doc[i].text[:1].isupper():
            i += 1
            continue
        j = i
        while j < n and not covered[j] and propn[j]:
            j += 1
        span = doc[i:j]
        # "Man." may come as "Man" and "."
        dotted = span.text + "." if j < len(doc) and doc[j].text == "." and \
            doc[j].idx == span.end_char else span.text
        abbreviation = _abbreviation_at(span, dotted, "", gaz)
        if abbreviation is not None:
            out.append(_Mention(span.start_char, span.start_char + len(dotted), dotted,
                                dotted, False, [abbreviation]))
            i = j
            continue
        if _the_small_town(span, span.text, gaz):
            i = j
            continue
        locative = i > 0 and doc[i - 1].lower_ in LOCATIVE
        least = LOOSE_LOCATIVE_MIN_POPULATION if locative else LOOSE_MIN_POPULATION
        cands = [c for c in gaz.lookup(span.text) if (c.primary or locative
                                                      or c.feature == "admin") and (
            c.feature in ("country", "admin") or c.population >= least)
            and c.feature_class != "county"]
        if cands:
            out.append(_Mention(span.start_char, span.end_char, span.text, span.text,
                                False, cands))
        i = j
    return out


def _drop_person_names(doc: Doc, found: list[_Mention], people: list[list[str]]
                       ) -> list[_Mention]:
    """A one-word mention that is a word of a person's name in the article ("Raul
    Castro ... Castro", "Vladimir Putin ... Vladimir") is that person, unless it names
    a country, a region or a capital."""
    person_words = {w for words in people for w in words}
    first_names = {words[0] for words in people}
    if not person_words:
        return found
    text = doc_text(doc)
    return [m for m in found if " " in m.text or m.text not in person_words or (
        any(c.feature in ("country", "admin") or c.capital for c in m.candidates)
        # "Georgia Stevens ... Georgia said": a country is a first name only where no
        # locative word puts it on the map
        and not (m.text in first_names and _after_word(text, m.start) not in LOCATIVE))]


def _after_word(text: str, start: int) -> str:
    """The word before `start`, lower-cased ("" at the start of the text)."""
    before = text[max(0, start - 20):start].split()
    return before[-1].lower() if before else ""


# Capitalised words (and all-capital ones) with the spaces after them: names are
# looked for among these, not among all the tokens.
_CAPITALISED = re.compile(r"(?<![\w.'\u2019-])[A-Z][\w'\u2019.\u00C0-\u017F-]*")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def _capitalised(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of every capitalised word, a trailing dot, hyphen or
    possessive left off."""
    out = []
    for hit in _CAPITALISED.finditer(text):
        word = _POSSESSIVE.sub("", hit.group(0).rstrip(".-")).rstrip(".-")
        if word:
            out.append((hit.start(), hit.start() + len(word), word))
    return out


def _hyphen_parts(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The words with each hyphenated one split into its capitalised parts."""
    out = []
    for start, end, word in words:
        if "-" not in word:
            out.append((start, end, word))
            continue
        pos = start
        for part in word.split("-"):
            if part[:1].isupper():
                out.append((pos, pos + len(part), part))
            pos += len(part) + 1
    return out


def _runs(words: list[tuple[int, int, str]], text: str, k: int, size: int
          ) -> tuple[int, int, str] | None:
    """Words k .. k+size-1 as one name, when only single spaces separate them."""
    if k + size > len(words):
        return None
    start, end = words[k][0], words[k + size - 1][1]
    surface = text[start:end]
    return (start, end, surface) if surface.count(" ") == size - 1 and \
        "  " not in surface and "\n" not in surface else None


def _repeats(doc: Doc, found: list[_Mention], words: list[tuple[int, int, str]],
             person_words: set[str]) -> list[_Mention]:
    """Other writings of a name the article already uses as a place, which the model
    tagged otherwise or not at all: "Edmonton needs ..." (tagged a person), "a Winnipeg
    jail", "DETROIT" in a dateline. Inside an organisation's name they are modifiers."""
    names = {normalize(m.text): m for m in found if not m.facility and not m.modifier
             and m.candidates and m.text[:1].isalpha()}
    if not names:
        return []
    heads = {key.split()[0] for key in names}
    taken = {i for m in found if m.candidates for i in range(m.start, m.end)}
    text = doc_text(doc)
    out = []
    words = _hyphen_parts(words)  # "Middlesex-London", "EU-Canada"
    for k, (start, _end, word) in enumerate(words):
        if start in taken or normalize(word).split(" ")[0] not in heads or (
                word in person_words and _after_word(text, start) not in LOCATIVE):
            continue  # "Georgia Stevens ... Georgia said" is the girl
        for size in (3, 2, 1):
            run = _runs(words, text, k, size)
            known = names.get(normalize(run[2])) if run else None
            if run is None or known is None or any(i in taken for i in range(*run[:2])):
                continue
            span = doc.char_span(run[0], run[1], alignment_mode="expand")
            if span is not None and span[0].ent_type_ in ("GPE", "LOC") and \
                    known.candidates[0].feature_class == "continent":
                break  # "Asia" inside "Southeast Asia": the entity was read as a whole
            inside = span is not None and span[0].ent_type_ not in ("", "GPE", "LOC", "FAC")
            out.append(_Mention(run[0], run[1], run[2], known.lookup, False,
                                known.candidates, known.admin_cue, modifier=inside))
            taken.update(range(run[0], run[1]))
            break
    return out


_AFTER_COMMA = re.compile(r",[ \t]*([A-Z][A-Za-z.]{0,6})")


def _abbreviations(doc: Doc, found: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    """Region abbreviations right after a place and a comma: "Edmonton, Ky.", "Winnipeg,
    Man." (never a bare "Man." elsewhere)."""
    ends = {m.end for m in found}
    taken = {m.start for m in found}
    out = []
    text = doc_text(doc)
    for hit in _AFTER_COMMA.finditer(text):
        if hit.start() not in ends or hit.start(1) in taken:
            continue
        word = hit.group(1)
        entry = gaz.abbreviation(word)
        if entry is None and word.endswith(".") and gaz.abbreviation(word[:-1]):
            word = word[:-1]  # "NSW." ending a sentence
            entry = gaz.abbreviation(word)
        if entry is None and len(word) == 2 and word.isupper():
            entry = gaz.region("US", word)  # "Springfield, IL"
        if entry is not None:
            out.append(_Mention(hit.start(1), hit.start(1) + len(word), word, word, False,
                                [entry]))
    return out


def _inside_names(named: list[Span], found: list[_Mention],
                  gaz: Gazetteer) -> list[_Mention]:
    """Places inside the names of organisations, teams and facilities that are no place
    themselves: "Dubai police", "the Edmonton Oilers", "Bank of America"."""
    known = {m.candidates[0].geonameid for m in found if m.candidates}
    out = []
    for ent in named:
        start, end, text = _clean_span(ent)
        if any(m.start < end and start < m.end for m in found):
            continue  # "North Korean": an adjective already
        words = text.split()
        hit = _inner_place(words)
        if hit is None:
            continue
        name, cands = hit
        if name == text and ent.label_ == "ORG" and cands[0].feature == "admin":
            continue  # "sued Meta": an organisation's whole name, a region's only by chance
        if not any(c.feature in ("country", "admin") or c.population >= INNER_MIN_POPULATION
                   or c.geonameid in known for c in cands):
            continue
        offset = text.find(name)
        out.append(_Mention(start + offset, start + offset + len(name), name, name, False,
                            cands, modifier=True))
    return out


def _adjectives(doc: Doc, found: list[_Mention], gaz: Gazetteer,
                words: list[tuple[int, int, str]]) -> list[_Mention]:
    """Adjectives that name a place: "Turkish troops", "a North Korean missile",
    "European leaders", "Canadians"; and places before a hyphen: "U.S.-led",
    "Montreal-area", "the Canada-EU deal"."""
    covered = {i for m in found if m.candidates for i in range(m.start, m.end)}
    text = doc_text(doc)
    heads = gaz.adjective_heads()
    out = []
    for k, (start, end, word) in enumerate(words):
        if start in covered:
            continue
        if "-" in word:
            hyphened = _hyphen_prefix(text, start, word, gaz)
            if hyphened is not None:
                out.append(hyphened)
            continue
        if word not in heads and word[:-1] not in heads:
            continue
        for size in (2, 1):
            run = _runs(words, text, k, size)
            entry = None
            if run is not None:
                entry = gaz.adjective(run[2]) or gaz.adjective(run[2][:-1])  # "Canadians"
            if entry is not None:
                out.append(_Mention(run[0], run[1], run[2], run[2], False, [entry],
                                    modifier=True))
                covered.update(range(run[0], run[1]))
                break
    return out


def _hyphen_prefix(text: str, start: int, word: str, gaz: Gazetteer) -> _Mention | None:
    """A place or adjective before a hyphen: "U.S.-led", "Saudi-backed", "Montreal-area",
    "the Canada-EU deal" (not "Guinea-Bissau", a name of its own)."""
    head, _, tail = word.partition("-")
    entry = gaz.adjective(head)
    cands = [entry] if entry is not None else [
        c for c in gaz.lookup(head) if c.primary and (
            c.feature in ("country", "admin") or c.population >= LOOSE_MIN_POPULATION)]
    if not cands or not tail or (tail[:1].isupper() and (
            cands[0].feature != "country" or word in gaz)):
        return None
    return _Mention(start, start + len(head), head, head, False, cands, modifier=True)


def _place_of(m: _Mention, entry: GazEntry | None) -> tuple[tuple, Place] | None:
    """The place a mention names, and the key its mentions merge under."""
    if m.facility:
        return ("fac", normalize(m.text)), Place(
            m.text, entry.iso3 if entry else None, entry.lat if entry else None,
            entry.lon if entry else None, entry.geonameid if entry else None, "other",
            feature_class="other")
    if entry is None:
        return None
    return (entry.geonameid, entry.name, entry.feature), Place(
        entry.name, entry.iso3, entry.lat, entry.lon, entry.geonameid, entry.feature,
        feature_class=entry.feature_class)


def extract_places(doc: Doc) -> tuple[list[Place], list[tuple[Mention, GazEntry]]]:
    """Every place the article names, geocoded, with all its mentions, in text order;
    and the modifiers (adjectives, places inside names) with their places, kept apart."""
    mentions = _collect(doc)
    text = doc_text(doc)
    gaz = gazetteer()
    chosen = choose([Candidates(m.start, m.end, m.candidates, m.admin_cue,
                                pairs.qualifier(text, m.end, gaz), m.text,
                                near=pairs.near_regions(text, m.end, gaz))
                     for m in mentions], text)
    places: dict[tuple, Place] = {}
    modifiers: list[tuple[Mention, GazEntry]] = []
    for m, entry in zip(mentions, chosen):
        mention = Mention(m.start, m.end, m.text)
        if m.modifier:
            if entry is not None:
                modifiers.append((mention, entry))
            continue
        made = _place_of(m, entry)
        if made is not None:
            places.setdefault(made[0], made[1]).mentions.append(mention)
    return list(places.values()), modifiers


def add_modifiers(places: list[Place], modifiers: list[tuple[Mention, GazEntry]]
                  ) -> list[Place]:
    """The places with the modifiers' mentions joined in, in order of first mention."""
    by_key = {(p.geonameid, p.name, p.feature): p for p in places}
    for mention, entry in modifiers:
        made = _place_of(_Mention(mention.start, mention.end, mention.text, mention.text,
                                  False, [entry]), entry)
        if made is None:
            continue
        place = by_key.setdefault(made[0], made[1])
        if place is made[1]:
            places.append(place)
        place.mentions.append(mention)
        place.mentions.sort(key=lambda x: x.start)
    return sorted(places, key=lambda p: p.mentions[0].start if p.mentions else 0)


def place_at(doc: Doc, start_char: int, end_char: int) -> Place | None:
    """The place with a mention overlapping [start_char, end_char), if any."""
    for place in doc._.places or []:
        for m in place.mentions:
            if m.start < end_char and start_char < m.end:
                return place
    return None


@Language.factory("tidings_places", assigns=["doc._.places", "doc._.place_modifiers"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.places, doc._.place_modifiers = extract_places(doc)
        return doc
    return component


@Language.factory("tidings_place_modifiers", assigns=["doc._.places"],
                  requires=["doc._.places", "doc._.place_modifiers"])
def make_modifiers_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.places = add_modifiers(list(doc._.places or []), doc._.place_modifiers or [])
        doc._.place_modifiers = None
        return doc
    return component
