"""Place strings of event notes and wire leads: "Town, District, Region".

ACLED-style notes and wire leads write where something happened as "Bamenda, Northwest
region", "Palmyra, Homs governorate", "Mekelle, Tigray", with the country only implied by
the region, and the small model often tags such names as people or organisations. Here:
- `qualifier`: what the words after "Town, " may name (a region or a country);
- `inside`: whether a place lies in a region or country;
- `paired`: the candidates of a name that its neighbour confirms: a town that lies in the
  region written after it, a region that holds the town written before it, or any region
  of the name when a region word follows it ("Rakhine state", "Kharkiv oblast").
A pair is read as containment only when its halves agree; a region named by a common
compass word ("Northwest", "Far North") never places a town the gazetteer knows elsewhere.
"""
from __future__ import annotations

import re

from ..ontology.gazetteer import GazEntry, Gazetteer, generic_region

# Words that make the name before them a region (first or second level).
ADMIN_WORDS = (r"(?:province|governorate|region|state|oblast|district|county|prefecture|"
               r"department|raion|territory|municipality|division)")
# Words after a second-level name in a place string: "Rutshuru territory, North Kivu".
_DISTRICT_WORDS = ADMIN_WORDS[:-1] + r"|LGA|local government area|sub-county|commune|" \
    r"township|circle|tehsil|woreda|governate)"
_ADMIN_AFTER = re.compile(r"^[ \t]+" + ADMIN_WORDS + r"\b", re.IGNORECASE)
# A region is named after a city this large ("Odesa oblast"), not after a small town.
SEAT_MIN_POPULATION = 100_000
# Words of a first-level region, which may be named after its seat ("Odesa oblast")
_FIRST_LEVEL_AFTER = re.compile(r"^[ \t]+(?:province|governorate|region|state|oblast|"
                                r"prefecture)\b", re.IGNORECASE)
# A place name as notes write it: capitalised words, hyphenated or joined by a particle
# ("Centre-Nord", "Valle del Cauca", "Deir ez-Zor")
_WORD = r"[A-Z][\w'\u2019-]*"
_PARTICLE = r"(?:de|del|da|do|di|dos|das|la|el|al|ad|ar|as|ash|an|ez|az|es|en)"
_NAME = re.compile(r"(?<![\w.'\u2019-])" + _WORD + r"(?:[ \t]+(?:(?:" + _PARTICLE
                   + r"|and)[ \t]+)?" + _WORD + r"){0,3}")
_AND = re.compile(r"[ \t]+and[ \t]+")
_DISTRICT_NEXT = re.compile(r"[ \t]+" + _DISTRICT_WORDS + r",", re.IGNORECASE)
_DISTRICT_ONLY = re.compile(r"[ \t]+" + _DISTRICT_WORDS + r"$", re.IGNORECASE)
_LAST_ADMIN = re.compile(r"\s" + _DISTRICT_WORDS + r"$", re.IGNORECASE)
# ", Ky." / ", Texas" / ", Ontario, Canada" / " (Sagaing region)" right after a mention,
# or after its district ("Rutshuru territory, North Kivu")
_QUALIFIER = re.compile(r"^(?:[ \t]+" + _DISTRICT_WORDS + r")?(?:,|[ \t]*\()\s*"
                        r"((?:[A-Z][\w'.\u2019-]*\.?)(?:\s+(?:" + _PARTICLE + r"\s+)?"
                        r"[A-Z][\w'.\u2019-]*){0,2})")
# " in Homs province", " and Qaryatayn" after a town
_IN_REGION = re.compile(r",?[ \t]+in[ \t]+(?:the[ \t]+)?(" + _WORD + r"(?:[ \t]+" + _WORD
                        + r"){0,2})")
_AND_NEXT = re.compile(r"[ \t]+and[ \t]+" + _WORD + r"(?:[ \t]+" + _WORD + r"){0,2}")
# "Cameroon's " / "Syria's northwestern " right before a mention; " region of Ghana" after
_OWNER_BEFORE = re.compile(r"(" + _WORD + r"(?:[ \t]+" + _WORD + r"){0,2})['\u2019]s[ \t]+"
                           r"(?:[a-z]+[ \t]+)?(?:" + _WORD + r"[ \t]+and[ \t]+)?$")
_REGION_OF = re.compile(r"[ \t]+(?i:" + ADMIN_WORDS[3:] + r"[ \t]+of[ \t]+(?:the[ \t]+)?("
                        + _WORD + r"(?:[ \t]+" + _WORD + r"){0,2})")
_CUE_BEFORE = re.compile(r"(?:[,(][ \t]*|['\u2019]s[ \t]+(?:[a-z]+[ \t]+)?|[ \t]and[ \t]+"
                         r"|(?i:" + ADMIN_WORDS[3:] + r"[ \t]+of[ \t]+(?:the[ \t]+)?)$")
# "province of " right before a name
_REGION_OF_BEFORE = re.compile(r"\b(?i:" + ADMIN_WORDS[3:] + r"[ \t]+of[ \t]+(?:the[ \t]+)?$")
# "Palmyra, " / "Rutshuru territory, " / "Kalay (" right before a mention
_BEFORE = re.compile(r"([A-Z][\w'.\u2019-]*(?:[ \t]+[A-Z][\w'.\u2019-]*){0,2})"
                     r"(?:[ \t]+" + _DISTRICT_WORDS + r")?(?:,|[ \t]*\()[ \t]*$")


def region_word_after(text: str, end: int) -> bool:
    """Whether a region word follows the name ending at `end`: "Homs governorate"."""
    return bool(_ADMIN_AFTER.match(text[end:end + 25]))


def qualifier(text: str, end: int, gaz: Gazetteer, depth: int = 0) -> list[GazEntry]:
    """The regions or countries the words right after a place may name: "Edmonton, Ky.",
    "London, Ontario", "Athens, Georgia" (the state or the country: the chooser keeps the
    one that holds a candidate), "Paris, Texas", "Palmyra, Homs governorate" (with a region
    word, any region of that name, also one known by a common word or its largest city);
    past a district that is no region: "Kiwanja, Rutshuru territory, North Kivu"."""
    m = _QUALIFIER.match(text[end:end + 40])
    if not m:
        return []
    words = m.group(1).split()
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        entry = gaz.abbreviation(name)
        if entry is None and len(name) == 2 and name.isupper():
            entry = gaz.region("US", name)  # "Springfield, IL": a postal code
        if entry is not None:
            return [entry]
        said_region = region_word_after(text, end + m.start(1) + len(name))
        found = gaz.lookup(name.rstrip("."))
        areas = [c for c in found
                 if c.feature in ("admin", "country") and (c.primary or (
                     said_region and c.feature == "admin")) and c.feature_class != "county"]
        if said_region and not areas:
            areas = seat_region(found, text, end + m.start(1) + len(name), gaz)
        if areas:
            return areas
    past = end + m.end(1)
    if depth < 1 and _DISTRICT_NEXT.match(text, past):  # not along a list of towns
        return qualifier(text, past, gaz, depth + 1)
    return []


def near_regions(text: str, end: int, gaz: Gazetteer, depth: int = 0) -> list[GazEntry]:
    """The regions a looser place string names after a town: "Palmyra in Homs province",
    "Palmyra and Qaryatayn in Homs governorate", "Palmyra and Qaryatayn, Homs
    governorate". A town may be placed among them, never made up in them."""
    hit = _IN_REGION.match(text, end, min(len(text), end + 60))
    if hit is not None and region_word_after(text, hit.end(1)):
        found = gaz.lookup(hit.group(1))
        return [c for c in found if c.feature == "admin"] or seat_region(
            found, text, hit.end(1), gaz)
    hit = _AND_NEXT.match(text, end, min(len(text), end + 40))
    if hit is None or depth:
        return []
    return qualifier(text, hit.end(), gaz) or near_regions(text, hit.end(), gaz, depth + 1)


def seat_region(cands: list[GazEntry], text: str, end: int, gaz: Gazetteer
                ) -> list[GazEntry]:
    """The region named after its seat, when only the city is known by the name written
    and a first-level region word follows ("Zaporizhzhia oblast", "Odesa oblast", not
    "Dallas County"): the region of the name's first city."""
    if not _FIRST_LEVEL_AFTER.match(text[end:end + 25]) or any(
            c.feature == "country" for c in cands):
        return []  # "Montenegro province": the country, not a Brazilian town's state
    city = next((c for c in cands if c.feature == "city"
                 and c.population >= SEAT_MIN_POPULATION), None)
    region = gaz.region(city.iso2, city.admin1) if city is not None else None
    return [region] if region is not None else []


def inside(c: GazEntry, area: GazEntry) -> bool:
    """Whether `c` (a city or county) lies in `area` (a country or first-level region); a
    region we know without its GeoNames code holds the places of its country."""
    if c.iso2 != area.iso2 or c is area or c.feature == "country":
        return False
    if area.feature == "country":
        return True
    if c.feature_class not in ("city", "county"):
        return False
    return c.admin1 == area.admin1 if area.admin1 else True


def forces(area: GazEntry) -> bool:
    """Whether a region written after a town may place there a town the gazetteer knows
    only elsewhere ("Edmonton, Ky."): not one named by a compass word ("Northwest")."""
    return area.feature != "admin" or not generic_region(area.name)


def owner_country(text: str, start: int, end: int, gaz: Gazetteer) -> list[GazEntry]:
    """The country a wire lead says a place is in, around the name at [start, end):
    "Cameroon's Northwest", "Syria's northwestern Idlib", "the Eastern region of Ghana"."""
    hit = _OWNER_BEFORE.search(text, max(0, start - 60), start)
    name = hit.group(1) if hit is not None else None
    if name is None:
        after = _REGION_OF.match(text, end, min(len(text), end + 60))
        name = after.group(1) if after is not None else None
    return [c for c in gaz.lookup(name) if c.feature == "country"] if name else []


def paired(text: str, start: int, end: int, cands: list[GazEntry],
           gaz: Gazetteer) -> list[GazEntry]:
    """The candidates of the name at [start, end) that its neighbours confirm, or []:
    every region of the name when a region word follows ("Rakhine state"); those lying in
    the region written after it ("Mekelle, Tigray"); the regions and countries holding a
    town written before it ("Bamenda, Northwest")."""
    if not cands:
        return []
    before = _BEFORE.search(text[max(0, start - 80):start])
    if before is not None:
        towns = [t for t in gaz.lookup(before.group(1)) if t.feature == "city"]
        kept = [c for c in cands if c.feature in ("admin", "country")
                and any(inside(t, c) for t in towns)]
        if kept:
            return kept
    areas = qualifier(text, end, gaz) + near_regions(text, end, gaz) + owner_country(
        text, start, end, gaz)
    kept = [c for c in cands if any(inside(c, a) for a in areas)]
    if kept:
        return kept
    if region_word_after(text, end) or _REGION_OF_BEFORE.search(text, max(0, start - 30),
                                                                 start):
        # a compass word with a region word ("Northwest region") only beside its town
        regions = [c for c in cands if c.feature == "admin"]
        return [c for c in regions if not generic_region(c.name, True)] if regions \
            else seat_region(cands, text, end, gaz)
    return []


def place_strings(text: str, taken: list[tuple[int, int]], gaz: Gazetteer
                  ) -> list[tuple[int, int, str, list[GazEntry], bool]]:
    """(start, end, name, candidates, region word after) of the names in `text` that a
    neighbour confirms (see `paired`), whatever the model tagged them ("raided Gwoza,
    Borno state"; "Sagaing region", tagged a verb): the longest such name at each place,
    also over a shorter mention it holds ("Valle del Cauca" over "Valle"). `taken`: the
    spans no name may overlap (other entities, places found)."""
    owner = [-1] * len(text)  # which span of `taken` holds each character
    for k, (a, b) in enumerate(taken):
        owner[a:b] = [k] * (b - a)
    out = []
    for hit in _NAME.finditer(text):
        if not _cued(text, hit):
            continue
        spans = [(w.start(), w.end()) for w in re.finditer(r"\S+", hit.group(0))]
        # "Sistan and Baluchestan" is one name, "Aleppo and Homs" two
        ends = [hit.end()] + [hit.start() + w.start() for w in _AND.finditer(hit.group(0))]
        if len(spans) > 1 and _LAST_ADMIN.search(hit.group(0)):
            ends.append(hit.start() + spans[-2][1])  # "Kachin State": "Kachin"
        near = [taken[k] for k in set(owner[hit.start():hit.end()]) if k >= 0]
        starts = [hit.start() + a for a, _ in spans]
        while (found := _first_confirmed(text, starts, ends, near, gaz)) is not None:
            out.append(found)  # and what follows it: "Northwest and Southwest"
            starts = [k for k in starts if k >= found[1]]
    return out


def _cued(text: str, hit: re.Match) -> bool:
    """Whether anything around a run of names could make it a place string (a comma, a
    region word, "in", "and", a possessive): most runs are people and sentence starts."""
    start, end = hit.span()
    after = text[end:end + 26]
    return after[:1] == "," or after.startswith((" in ", " and ", " (")) or bool(
        _ADMIN_AFTER.match(after) or _LAST_ADMIN.search(hit.group(0))
        or _CUE_BEFORE.search(text, max(0, start - 30), start)) or "'s " in hit.group(0) or "\u2019s " in hit.group(0)


def _may_hold(text: str, a: int, b: int, start: int, end: int) -> bool:
    """Whether a span the model tagged, [a, b), may hold the name [start, end): one inside
    the name, the name and its district word ("Bokkos LGA"), or names joined by "and"
    ("Northwest and Southwest", tagged as one organisation)."""
    if start <= a and (b <= end or _DISTRICT_ONLY.match(text, end, b)):
        return True
    return " and " in text[a:b] and text[start:end] in text[a:b].split(" and ")


def _first_confirmed(text: str, starts: list[int], ends: list[int],
                     taken: list[tuple[int, int]], gaz: Gazetteer
                     ) -> tuple[int, int, str, list[GazEntry], bool] | None:
    """The longest name from one of `starts` to one of `ends` that a neighbour confirms."""
    for start in starts:
        for end in ends:
            if end <= start or any(a < end and start < b and not _may_hold(text, a, b, start, end)
                                   for a, b in taken):
                continue
            name = text[start:end]
            cands = paired(text, start, end, gaz.lookup(name), gaz)
            if cands:
                return start, end, name, cands, region_word_after(text, end)
    return None


# A dateline as Indian and other papers write it: "BHOPAL: ...", "Lucknow: ..." at the
# start of the story or of a paragraph.
_COLON_DATELINE = re.compile(r"(?:^|\n)[ \t]*(" + _WORD + r"(?:[ \t]+" + _WORD + r")?):[ \t]")


def colon_datelines(text: str, gaz: Gazetteer, least: int) -> list[tuple[int, int, str,
                                                                     list[GazEntry]]]:
    """The datelines "City: ..." whose city the gazetteer knows (a country, a region, or
    a town of at least `least` people): (start, end, name, candidates)."""
    out = []
    for m in _COLON_DATELINE.finditer(text):
        name = m.group(1)
        cands = [c for c in gaz.lookup(name) if c.feature in ("country", "admin")
                 or c.population >= least]
        if cands:
            out.append((m.start(1), m.end(1), name, cands))
    return out
