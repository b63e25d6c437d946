"""Merged events as GDELT 2.0 event rows (61 tab-separated fields, no header), and the
sidecar that says what GDELT's columns cannot: how precise each date is and where each
date and place came from (docs/codebook.md, "GDELT export").

Filled from the store: actors, CAMEO, Goldstein, quad class and counts as coded;
SQLDATE from the event's date, else its first article's publication day; ActionGeo from
the event's location, else the most specific place its sentence names; each actor's
geo from the action's place when the actor is of that country, else from the actor's
country (at the gazetteer's point for it); ADM1Code from the gazetteer's first-order
division of the place; AvgTone from the event's sentences (tidings.ontology.tone, an
approximation of GDELT's tone); SOURCEURL from the article's URL, else its origin (the
file path, `path#line` or URI it was read from).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from .export_context import (
    EventContext,
    Place,
    action_place,
    admin1_of,
    coded_day,
    countries,
    country_place,
)

# The 61 columns of the GDELT 2.0 event table, in file order (GDELT-Event_Codebook-V2.0).
_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
       "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GEO] + [f"Actor2Geo_{c}" for c in _GEO]
    + [f"ActionGeo_{c}" for c in _GEO] + ["DATEADDED", "SOURCEURL"]
)
assert len(GDELT_COLUMNS) == 61

# The sidecar's columns: one row per GDELT row, in the same order, with a header.
SIDECAR_COLUMNS = ["GLOBALEVENTID", "event_id", "SQLDATE", "date", "date_precision",
                   "date_from", "action_geo_from", "actor1_geo_from", "actor2_geo_from",
                   "source_url_from"]


def sidecar_path(out: str) -> str:
    """The sidecar written beside a GDELT export named `out`."""
    return f"{out}.sidecar.tsv"


def global_id(event_id: str) -> int:
    """GLOBALEVENTID: the first 15 hex digits of the event id, as an integer (stable
    across exports and re-ingests of the same store)."""
    return int(event_id[:15], 16)


def clean(value: Any) -> str:
    """A GDELT field: empty for NULL, never a tab or newline inside."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def event_day(row: dict[str, Any]) -> tuple[dt.date | None, str]:
    """(the day SQLDATE gives, "event" / "publication" / "none": where it came from).
    An event the store dates by its publication (precision `published`) is "publication"."""
    day = coded_day(row)
    if day is not None:
        return day, "publication" if row.get("date_precision") == "published" else "event"
    pub = row.get("first_published")
    try:
        return (dt.date.fromisoformat(pub[:10]), "publication") if pub else (None, "none")
    except ValueError:
        return None, "none"


def geo_type(country: str | None, feature: str | None) -> int:
    """GDELT Geo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    if feature == "country":
        return 1
    us = country == "USA"
    if feature == "admin":
        return 2 if us else 5
    if feature == "city":
        return 3 if us else 4
    return 4 if feature else 0


def _geo(prefix: str, place: Place | None) -> dict[str, Any]:
    if place is None:
        return {f"{prefix}_Type": 0}
    info = countries().get(place.country or "", {})
    fips = info.get("fips")
    full = place.name
    if info.get("name") and full != info["name"]:
        full = f"{full}, {info['name']}"
    return {f"{prefix}_Type": geo_type(place.country, place.feature),
            f"{prefix}_FullName": full, f"{prefix}_CountryCode": fips,
            f"{prefix}_ADM1Code": _adm1(place, fips),
            f"{prefix}_Lat": place.lat, f"{prefix}_Long": place.lon,
            f"{prefix}_FeatureID": place.geonameid or fips}


def _adm1(place: Place, fips: str | None) -> str | None:
    """GDELT's ADM1Code: the FIPS country code and the first-order division's code (the
    GeoNames admin1 code, which is GDELT's for most countries and the state for the
    US); the country code alone for a country or a place the gazetteer cannot place."""
    code, _ = admin1_of(place)
    return f"{fips}{code}" if fips and code else fips


def actor_place(country: str | None, action: Place | None) -> Place | None:
    """Where an actor of `country` is: at the action when the action is in its country,
    else in its country."""
    if not country:
        return None
    if action is not None and action.country == country:
        return action
    return country_place(country)


def _tone(ctx: EventContext | None) -> str:
    value = ctx.tone if ctx else 0.0
    return "0" if value == 0 else f"{value:.2f}"


def gdelt_row(row: dict[str, Any], ctx: EventContext | None = None) -> list[str]:
    """One merged event as the 61 GDELT 2.0 event fields (strings, empty when unknown)."""
    ctx = ctx or EventContext()
    day, _ = event_day(row)
    cameo = row.get("cameo") or ""
    out: dict[str, Any] = {c: "" for c in GDELT_COLUMNS}
    out["GLOBALEVENTID"] = global_id(row["event_id"])
    if day:
        out.update(SQLDATE=day.strftime("%Y%m%d"), MonthYear=day.strftime("%Y%m"),
                   Year=day.year,
                   FractionDate=f"{day.year + day.timetuple().tm_yday / 365:.4f}")
    action = action_place(row, ctx)
    for n, side in (("1", "source"), ("2", "target")):
        out[f"Actor{n}Code"] = row.get(f"{side}_code")
        name = row.get(f"{side}_name")
        out[f"Actor{n}Name"] = name.upper() if name else None
        out[f"Actor{n}CountryCode"] = row.get(f"{side}_country")
        out[f"Actor{n}Type1Code"] = row.get(f"{side}_sector")
        out.update(_geo(f"Actor{n}Geo", actor_place(row.get(f"{side}_country"), action)))
    out.update(IsRootEvent=int(bool(row.get("is_root"))), EventCode=cameo,
               EventBaseCode=cameo[:3], EventRootCode=cameo[:2],
               QuadClass=row.get("quad_class"),
               GoldsteinScale=f"{row['goldstein']:.1f}" if row.get("goldstein") is not None
               else None,
               NumMentions=row.get("num_mentions"), NumSources=row.get("num_sources"),
               NumArticles=row.get("num_articles"), AvgTone=_tone(ctx))
    out.update(_geo("ActionGeo", action))
    out["DATEADDED"] = _dateadded(row.get("first_published"), day)
    out["SOURCEURL"] = row.get("source_url") or (ctx.origins[0] if ctx.origins else None)
    return [clean(out[c]) for c in GDELT_COLUMNS]


def sidecar_row(row: dict[str, Any], ctx: EventContext | None = None) -> list[str]:
    """The sidecar fields of one event (SIDECAR_COLUMNS)."""
    ctx = ctx or EventContext()
    day, date_from = event_day(row)
    action = action_place(row, ctx)
    sides = []
    for side in ("source", "target"):
        place = actor_place(row.get(f"{side}_country"), action)
        sides.append("none" if place is None else
                     "action" if place is action else place.origin)
    precision = row.get("date_precision") or ("published" if day else None)
    url_from = "url" if row.get("source_url") else ("origin" if ctx.origins else "none")
    fields = [global_id(row["event_id"]), row["event_id"],
              day.strftime("%Y%m%d") if day else None, row.get("date"), precision, date_from,
              action.origin if action else "none", *sides, url_from]
    return [clean(v) for v in fields]


def _dateadded(published: str | None, day: dt.date | None) -> str:
    """YYYYMMDDHHMMSS of first publication, GDELT's DATEADDED (UTC)."""
    if published:
        try:
            stamp = dt.datetime.fromisoformat(published)
            if stamp.tzinfo:
                stamp = stamp.astimezone(dt.UTC)
            return stamp.strftime("%Y%m%d%H%M%S")
        except ValueError:
            pass
    return day.strftime("%Y%m%d000000") if day else ""
