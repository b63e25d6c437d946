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
from functools import lru_cache
from json.encoder import encode_basestring_ascii
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
    return _event_id(members[0]["merge_key"], min(m["mention_id"] for m in members))


def event_id_of(key: str, first: str) -> str:
    """The id of the event with merge key `key` whose smallest mention id is `first`."""
    return _event_id(key, first)


def _event_id(key: str, first: str) -> str:
    # The text json.dumps([key, first]) writes, spelled out (it is the hot loop).
    if type(key) is str and type(first) is str:
        blob = f"[{encode_basestring_ascii(key)}, {encode_basestring_ascii(first)}]"
    else:
        blob = json.dumps([key, first])
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:24]


@lru_cache(maxsize=4096)
def _contexts_of(text: str | None) -> frozenset[str]:
    """A mention's context JSON parsed (few distinct values, so cached)."""
    return frozenset(json.loads(text or "[]"))


@lru_cache(maxsize=4096)
def _contexts_json(contexts: frozenset[str]) -> str:
    return json.dumps(sorted(contexts))


# What `event_plan` reads of each mention; the store selects only these columns.
PLAN_COLUMNS = ["mention_id", "merge_key", "day", "date", "date_precision", "location_key",
                "confidence", "context", "in_lead", "article_hash", "outlet", "published",
                "url"]
# Columns of the plan, in order; with the three mention ids the event's row is complete.
PLAN_FIELDS = ["event_id", "representative_mention", "date_mention", "location_mention",
               "context", "is_root", "num_mentions", "num_articles", "num_sources",
               "first_published", "source_url"]
# Which plan mention each remaining event column is copied from.
FROM_DATE_MENTION = ["date", "date_precision", "day"]
FROM_LOCATION_MENTION = _LOCATION


def event_plan(members: list[Mention]) -> dict[str, Any]:
    """Everything about one merged event that is not a copy of a mention's column: its id,
    counts and context union, and which mentions its other columns come from (the
    representative, the earliest dated, the first located). Reads only PLAN_COLUMNS."""
    members = sorted(members, key=lambda m: m["mention_id"])
    rep = min(members, key=lambda m: (-(m["confidence"] or 0.0), m["mention_id"]))
    dated = sorted((m for m in members if m["day"] is not None), key=lambda m: m["day"])
    first = dated[0] if dated else rep
    located = rep if rep["location_key"] else next(
        (m for m in members if m["location_key"]), rep)
    contexts = frozenset().union(*(_contexts_of(m["context"]) for m in members))
    published = sorted((m["published"], m["mention_id"], m["url"]) for m in members
                       if m["published"])
    urls = [u for _, _, u in published if u] or [m["url"] for m in members if m["url"]]
    return {
        "event_id": _event_id(members[0]["merge_key"], members[0]["mention_id"]),
        "representative_mention": rep["mention_id"],
        "date_mention": first["mention_id"],
        "location_mention": located["mention_id"],
        "context": _contexts_json(contexts),
        "is_root": any(m["in_lead"] for m in members),
        "num_mentions": len(members),
        "num_articles": len({m["article_hash"] for m in members}),
        # An article without a known outlet counts as its own source.
        "num_sources": len({m["outlet"] or f"#{m['article_hash']}" for m in members}),
        "first_published": published[0][0] if published else None,
        "source_url": urls[0] if urls else None,
    }


def event_context(context: str | None) -> str:
    """The context JSON of an event with this one mention's context JSON."""
    return _contexts_json(_contexts_of(context or None))


def _single_plan(m: Mention) -> dict[str, Any]:
    """event_plan([m]), without the sorting and set building it does for many members."""
    mid, published = m["mention_id"], m["published"]
    return {
        "event_id": _event_id(m["merge_key"], mid),
        "representative_mention": mid, "date_mention": mid, "location_mention": mid,
        "context": _contexts_json(_contexts_of(m["context"])),
        "is_root": bool(m["in_lead"]),
        "num_mentions": 1, "num_articles": 1, "num_sources": 1,
        "first_published": published or None,
        "source_url": m["url"] or None,
    }


def plan(mentions: Iterable[Mention], window_days: int = WINDOW_DAYS
         ) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Event plans (see event_plan) for mentions of any keys, and the mention_id ->
    event_id assignment. The store turns plans into rows in SQL (Store._remerge)."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_key[m["merge_key"]].append(m)
    plans, assignment = [], {}
    for key in sorted(by_key):
        group = by_key[key]
        # Most keys have one mention: it is its own event (what cluster would say).
        for members in cluster(group, window_days) if len(group) > 1 else [group]:
            p = event_plan(members) if len(members) > 1 else _single_plan(members[0])
            plans.append(p)
            for m in members:
                assignment[m["mention_id"]] = p["event_id"]
    return plans, assignment


def event_row(members: list[Mention]) -> dict[str, Any]:
    """The merged event: representative fields plus counts over its mentions (full
    mention rows in, a full events row out; what the store's SQL join computes)."""
    p = event_plan(members)
    by_id = {m["mention_id"]: m for m in members}
    rep = by_id[p["representative_mention"]]
    first, located = by_id[p["date_mention"]], by_id[p["location_mention"]]
    row = {col: rep[col] for col in _FROM_REPRESENTATIVE}
    row["event_id"] = p["event_id"]
    row.update({col: first[col] for col in FROM_DATE_MENTION})
    row.update({col: located[col] for col in FROM_LOCATION_MENTION})
    row["context"] = p["context"]
    row["confidence"] = rep["confidence"]
    row.update({k: p[k] for k in ("is_root", "num_mentions", "num_articles", "num_sources",
                                  "first_published", "source_url",
                                  "representative_mention")})
    return row


def merge(mentions: Iterable[Mention], window_days: int = WINDOW_DAYS
          ) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Events (full rows) for mentions of any keys, and the mention_id -> event_id
    assignment: the rule in plain Python, for full mention dicts (tests compare the
    store's SQL merge with it)."""
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
