"""Merging event mentions from many articles into one row per real-world event.

The rule (also in docs/store.md):
1. Mentions can merge only when their `merge_key` is equal: same PLOVER type, same
   negation, same set of source actor codes and same set of target actor codes.
2. Undated mentions never merge with anything: each is its own event.
3. Mentions dated to a month or a year merge only with mentions of the same precision
   and the same value ("2021-02" with "2021-02").
4. Day-dated mentions are sorted by (day, mention id); a group starts at the earliest
   day and takes every mention at most `window_days` later, then the next group starts.
   So any two mentions of one event are at most `window_days` apart.
5. Within a group, mentions at different known locations are different events; a
   mention with no location joins the location with the most mentions (ties: the
   smallest location key), or stays with the others when nobody has a location.

Clusters are a function of the *set* of mentions, never of arrival order, so a killed
and resumed ingest ends with the same events as an uninterrupted one.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

WINDOW_DAYS = 1

Mention = dict[str, Any]

# Columns an event takes from its representative mention unchanged.
_FROM_REPRESENTATIVE = [
    "merge_key", "type", "mode", "cameo", "goldstein", "quad_class",
    "source_code", "source_name", "source_country", "source_sector",
    "target_code", "target_name", "target_country", "target_sector",
    "source_actors", "target_actors", "negated", "modality", "sentence",
]
_LOCATION = ["location_name", "location_country", "lat", "lon", "geonameid",
             "location_feature"]


def _by_date(mentions: list[Mention], window_days: int) -> list[list[Mention]]:
    undated = [[m] for m in mentions if m["day"] is None]
    coarse: dict[tuple, list[Mention]] = defaultdict(list)
    daily = []
    for m in mentions:
        if m["day"] is None:
            continue
        if m["date_precision"] in (None, "day"):
            daily.append(m)
        else:
            coarse[(m["date_precision"], m["date"])].append(m)
    groups = undated + list(coarse.values())
    daily.sort(key=lambda m: (m["day"], m["mention_id"]))
    current: list[Mention] = []
    for m in daily:
        if current and (m["day"] - current[0]["day"]).days > window_days:
            groups.append(current)
            current = []
        current.append(m)
    if current:
        groups.append(current)
    return groups


def _by_place(group: list[Mention]) -> list[list[Mention]]:
    located: dict[str, list[Mention]] = defaultdict(list)
    unlocated = []
    for m in group:
        if m["location_key"]:
            located[m["location_key"]].append(m)
        else:
            unlocated.append(m)
    if not located:
        return [group]
    biggest = min(located, key=lambda k: (-len(located[k]), k))
    located[biggest].extend(unlocated)
    return list(located.values())


def cluster(mentions: Iterable[Mention], window_days: int = WINDOW_DAYS) -> list[list[Mention]]:
    """Partition mentions (all with one merge_key) into real-world events (rule above)."""
    out = []
    for group in _by_date(list(mentions), window_days):
        out.extend(_by_place(group))
    return out


def event_id(members: list[Mention]) -> str:
    """Stable id: the merge key and the smallest member id (clusters are disjoint)."""
    first = min(m["mention_id"] for m in members)
    blob = json.dumps([members[0]["merge_key"], first]).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:24]


def event_row(members: list[Mention]) -> dict[str, Any]:
    """The merged event: representative fields plus counts over its mentions."""
    members = sorted(members, key=lambda m: m["mention_id"])
    rep = min(members, key=lambda m: (-(m["confidence"] or 0.0), m["mention_id"]))
    row = {col: rep[col] for col in _FROM_REPRESENTATIVE}
    row["event_id"] = event_id(members)
    dated = sorted((m for m in members if m["day"] is not None), key=lambda m: m["day"])
    first = dated[0] if dated else rep
    row.update(date=first["date"], date_precision=first["date_precision"], day=first["day"])
    located = rep if rep["location_key"] else next(
        (m for m in members if m["location_key"]), rep)
    row.update({col: located[col] for col in _LOCATION})
    contexts = sorted({c for m in members for c in json.loads(m["context"] or "[]")})
    row["context"] = json.dumps(contexts)
    row["confidence"] = rep["confidence"]
    row["is_root"] = any(m["in_lead"] for m in members)
    row["num_mentions"] = len(members)
    row["num_articles"] = len({m["article_hash"] for m in members})
    # An article without a known outlet counts as its own source.
    row["num_sources"] = len({m["outlet"] or f"#{m['article_hash']}" for m in members})
    published = sorted((m["published"], m["mention_id"], m["url"]) for m in members
                       if m["published"])
    row["first_published"] = published[0][0] if published else None
    urls = [u for _, _, u in published if u] or [m["url"] for m in members if m["url"]]
    row["source_url"] = urls[0] if urls else None
    row["representative_mention"] = rep["mention_id"]
    return row


def merge(mentions: Iterable[Mention], window_days: int = WINDOW_DAYS
          ) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Events for mentions of any keys, and the mention_id -> event_id assignment."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_key[m["merge_key"]].append(m)
    events, assignment = [], {}
    for key in sorted(by_key):
        for members in cluster(by_key[key], window_days):
            row = event_row(members)
            events.append(row)
            for m in members:
                assignment[m["mention_id"]] = row["event_id"]
    return events, assignment
