"""Merged events as an ACLED-style CSV: the columns conflict analysts' scripts expect
(docs/codebook.md, "ACLED-style export").

Only events ACLED would record are written: a PLOVER type with an ACLED event type
(tidings/ontology/data/plover_acled.tsv), that happened as far as the text says (not
negated; modality asserted, reported or historical - not future or hypothetical).
"""
from __future__ import annotations

import csv
import datetime as dt
from typing import IO, Any
from urllib.parse import urlparse

from ..ontology.acled import acled_type, target_class
from .export_context import (
    EventContext,
    Place,
    action_place,
    admin1_of,
    coded_day,
    country_name,
)

ACLED_COLUMNS = ["event_date", "year", "time_precision", "event_type", "sub_event_type",
                 "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "country", "admin1", "location", "latitude", "longitude",
                 "geo_precision", "source", "notes", "fatalities",
                 # not ACLED's: the way back to the event in tidings
                 "event_id", "plover_type"]
FACTUAL = frozenset({"asserted", "reported", "historical", None})

# ACLED's actor types (inter codes): 1 state forces, 2 rebel groups, 3 political
# militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other.
_INTER_OF_SECTOR = {"GOV": 1, "MIL": 1, "COP": 1, "SPY": 1, "JUD": 1, "LEG": 1,
                    "REB": 2, "UAF": 3, "CVL": 7, "MED": 7, "EDU": 7, "REL": 7, "LAB": 7,
                    "BUS": 7, "OPP": 7, "PTY": 7, "NGO": 8, "IGO": 8}
# ACLED time precision: 1 the day is known, 2 the week (or a few days), 3 the month or
# less precise. An undated event is dated by its article's publication day (2).
_TIME_PRECISION = {"day": 1, "week": 2, "published": 2, "month": 3, "quarter": 3, "half": 3,
                   "season": 3, "year": 3, "decade": 3}
# ACLED geo precision: 1 a town, 2 near a town or part of a region, 3 a region or larger.
_GEO_PRECISION = {"city": 1, "other": 2, "admin": 3, "country": 3}


def acled_event(row: dict[str, Any]) -> tuple[str, str] | None:
    """(event type, sub-event type) when ACLED would record the event, else None."""
    if row.get("negated") or row.get("modality") not in FACTUAL:
        return None
    sectors = [a.get("sector") for a in row.get("target_actors") or []]
    sectors.append(row.get("target_sector"))
    _, event_type, sub_type = acled_type(row.get("type") or "", row.get("cameo"),
                                         target_class(sectors))
    return (event_type, sub_type) if event_type and sub_type else None


def inter_code(row: dict[str, Any], side: str, sub_event_type: str,
               country: str | None) -> int | None:
    """ACLED's inter code of one side: protesters and rioters by what they did, state
    forces of another country as external forces, a country named as such as state
    forces, else by the side's sector (None when the side is not known)."""
    if not (row.get(f"{side}_name") or row.get(f"{side}_code")):
        return None
    if side == "source" and row.get("type") == "PROTEST":
        return 5 if row.get("cameo", "").startswith("145") else 6
    if side == "target" and sub_event_type == "Excessive force against protesters":
        return 6
    actor_country = row.get(f"{side}_country")
    inter = _INTER_OF_SECTOR.get(row.get(f"{side}_sector") or "")
    if inter is None and actor_country and row.get(f"{side}_name") == \
            country_name(actor_country):
        inter = 1  # "Israel struck ...": the state acted
    if inter == 1 and country and actor_country and actor_country != country:
        return 8
    return inter


def _actors(row: dict[str, Any], side: str) -> tuple[str, str]:
    """(the side's main actor, the others joined by "; ")."""
    names = []
    for actor in row.get(f"{side}_actors") or []:
        name = actor.get("name") or actor.get("text")
        if name and name not in names:
            names.append(name)
    main = row.get(f"{side}_name") or (names[0] if names else "")
    return main, "; ".join(n for n in names if n != main)


def _date(row: dict[str, Any]) -> tuple[dt.date | None, int]:
    day = coded_day(row)
    if day is not None:
        return day, _TIME_PRECISION.get(row.get("date_precision") or "", 3)
    pub = row.get("first_published")
    try:
        return (dt.date.fromisoformat(pub[:10]) if pub else None), 2
    except ValueError:
        return None, 3


def _admin1(place: Place | None) -> str:
    """ACLED's admin1: the first-order division the place is in (the place itself when
    it is one), as the gazetteer names it."""
    if place is None or place.feature == "country":
        return ""
    _, name = admin1_of(place)
    return name or (place.name if place.feature == "admin" else "")


def _source(ctx: EventContext, row: dict[str, Any]) -> str:
    if ctx.outlets:
        return "; ".join(ctx.outlets)
    url = row.get("source_url")
    if url:
        return urlparse(url).hostname or url
    return "; ".join(ctx.origins)


def acled_row(row: dict[str, Any], ctx: EventContext,
              types: tuple[str, str]) -> dict[str, Any]:
    """One event as an ACLED-style record (ACLED_COLUMNS)."""
    day, precision = _date(row)
    place = action_place(row, ctx)
    country = place.country if place else None
    if country is None:  # both sides of one country: the event is in it
        sides = {row.get("source_country"), row.get("target_country")} - {None, "IGO"}
        country = sides.pop() if len(sides) == 1 else None
    inter1 = inter_code(row, "source", types[1], country)
    inter2 = inter_code(row, "target", types[1], country)
    codes = sorted(c for c in (inter1, inter2) if c)
    actor1, assoc1 = _actors(row, "source")
    actor2, assoc2 = _actors(row, "target")
    return {
        "event_date": day.isoformat() if day else "", "year": day.year if day else "",
        "time_precision": precision, "event_type": types[0], "sub_event_type": types[1],
        "actor1": actor1, "assoc_actor_1": assoc1, "inter1": inter1 or "",
        "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2 or "",
        "interaction": (codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)) if codes else "",
        "country": country_name(country) or "",
        "admin1": _admin1(place),
        "location": place.name if place else "",
        "latitude": place.lat if place and place.lat is not None else "",
        "longitude": place.lon if place and place.lon is not None else "",
        "geo_precision": _GEO_PRECISION.get(place.feature or "other", 2) if place else "",
        "source": _source(ctx, row), "notes": " ".join((row.get("sentence") or "").split()),
        "fatalities": ctx.fatalities,
        "event_id": row["event_id"], "plover_type": row.get("type"),
    }


def write_acled(records: list[dict[str, Any]], contexts: dict[str, EventContext],
                fh: IO[str]) -> int:
    """Write the ACLED events among `records` as CSV with a header; returns how many."""
    writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in records:
        types = acled_event(row)
        if types is None:
            continue
        writer.writerow(acled_row(row, contexts.get(row["event_id"], EventContext()), types))
        n += 1
    return n
