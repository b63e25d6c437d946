"""One stored article back as the contract dict `tidings code` prints (docs/output.md),
for `tidings show`: found by its id, its content hash (or the start of it), or the id
of an event it reports.

What the store does not keep comes back empty: an event's `by` (the rules that made
it) and `quote` (its quote's id).
"""
from __future__ import annotations

import json
from typing import Any

from ..errors import StoreError
from .db import Store

_MIN_PREFIX = 6


def _rows(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    return store.con.sql(sql, params=params).to_arrow_table().to_pylist()


def _decoded(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def find_article(store: Store, ident: str) -> str:
    """The content hash of the article `ident` names: an article id, a hash or its
    first characters (6 or more), or an event id or its start (the event's first
    article). StoreError when none or several match."""
    key = ident.strip()
    if not key:
        raise StoreError("give an article id, article hash or event id", option="id")
    hashes = [r["hash"] for r in _rows(store, "SELECT hash FROM articles WHERE id = ? "
                                       "ORDER BY published, hash", [key])]
    if not hashes and len(key) >= _MIN_PREFIX:
        hashes = [r["hash"] for r in _rows(
            store, "SELECT hash FROM articles WHERE starts_with(hash, lower(?)) ORDER BY hash",
            [key])]
        if not hashes:
            events = _rows(store, "SELECT DISTINCT event_id, representative_mention FROM "
                           "events WHERE starts_with(event_id, lower(?))", [key])
            hashes = sorted({e["representative_mention"].split(":")[0] for e in events})
    if not hashes:
        raise StoreError(f"no article or event {key!r} in {store.path} (give an article "
                         "id, an article hash, or an event id from `tidings query`)",
                         option="id")
    if len(hashes) > 1:
        raise StoreError(f"{key!r} names {len(hashes)} articles ({', '.join(h[:10] for h in hashes[:5])}"
                         f"{', ...' if len(hashes) > 5 else ''}): give more of the hash",
                         option="id")
    return hashes[0]


def _event(row: dict[str, Any]) -> dict[str, Any]:
    """An event_mentions row in the contract's event shape."""
    location = None
    if row["location_name"]:
        location = {"name": row["location_name"], "country": row["location_country"],
                    "lat": row["lat"], "lon": row["lon"], "geonameid": row["geonameid"],
                    "feature": row["location_feature"]}
    return {
        "id": row["local_id"], "event_id": row["event_id"], "type": row["type"],
        "mode": row["mode"], "context": _decoded(row["context"]) or [],
        "cameo": row["cameo"], "goldstein": row["goldstein"], "quad_class": row["quad_class"],
        "source": _decoded(row["source_actors"]) or [],
        "target": _decoded(row["target_actors"]) or [],
        "date": row["date"], "date_precision": row["date_precision"], "location": location,
        "negated": row["negated"], "modality": row["modality"],
        "confidence": row["confidence"],
        "sentence": {"start": row["sentence_start"], "end": row["sentence_end"],
                     "text": row["sentence"]},
        "trigger": {"start": row["trigger_start"], "end": row["trigger_end"],
                    "text": row["trigger"]},
        "quote": row["quote_id"], "by": [],
    }


def stored_document(store: Store, ident: str) -> dict[str, Any]:
    """The article `ident` names (see `find_article`) with everything coded from it."""
    key = find_article(store, ident)
    one = [key]
    article = _rows(store, "SELECT * EXCLUDE (coded_at) FROM articles WHERE hash = ?", one)[0]
    for col in ("subtitles", "paragraphs"):
        article[col] = _decoded(article[col]) or []
    actors = _rows(store, "SELECT * EXCLUDE (article_hash) FROM actors WHERE "
                   "article_hash = ? ORDER BY n_mentions DESC, actor_id", one)
    for actor in actors:
        actor["id"] = actor.pop("actor_id")
        actor["mentions"] = _decoded(actor["mentions"]) or []
    places = _rows(store, "SELECT * EXCLUDE (article_hash) FROM places WHERE "
                   "article_hash = ? ORDER BY n_mentions DESC, name", one)
    for place in places:
        place["mentions"] = _decoded(place["mentions"]) or []
    events = [_event(r) for r in _rows(
        store, "SELECT * FROM event_mentions WHERE article_hash = ? "
        "ORDER BY sentence_start, trigger_start, mention_id", one)]
    quotes = _rows(store, "SELECT quote_id AS id, * EXCLUDE (article_hash, quote_id) "
                   "FROM quotes WHERE article_hash = ? ORDER BY start", one)
    dates = _rows(store, "SELECT * EXCLUDE (article_hash) FROM dates WHERE article_hash = ? "
                  "ORDER BY start", one)
    casualties = _rows(store, "SELECT * EXCLUDE (article_hash, event_local_id), "
                       "event_local_id AS event FROM casualties WHERE article_hash = ? "
                       "ORDER BY start", one)
    sources = _rows(store, "SELECT * EXCLUDE (article_hash) FROM sources_cited WHERE "
                    "article_hash = ? ORDER BY start", one)
    errors = _rows(store, "SELECT stage, message, origin FROM errors WHERE article_hash = ? "
                   "ORDER BY stage, message", one)
    return {"article": article, "actors": actors, "events": events, "quotes": quotes,
            "places": places, "dates": dates, "sources_cited": sources,
            "casualties": casualties, "errors": errors}
