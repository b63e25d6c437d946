"""Event filters -> SQL over the merged `events` table. Shared by the CLI, exports and API."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..errors import StoreError


@dataclass
class EventFilter:
    """Which merged events to read. Every field is optional; all given ones must hold.

    type: PLOVER types, comma-separated or a list ("ASSAULT,COERCE").
    country: ISO alpha-3 of the source, the target or the location.
    actor: case-insensitive substring of a participant's code or name ("IRN", "Zarif").
    since / until: inclusive "YYYY-MM-DD" bounds on the event date, or on the first
        publication date when the event is undated.
    text: case-insensitive substring of any mention's sentence or its article's title.
    limit: at most this many events, most recent first.
    """
    type: str | list[str] | None = None
    country: str | None = None
    actor: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    limit: int | None = None

    @classmethod
    def of(cls, **filters: Any) -> EventFilter:
        unknown = set(filters) - set(cls.__dataclass_fields__)
        if unknown:
            raise StoreError(f"unknown event filter(s): {', '.join(sorted(unknown))}; "
                             f"use {', '.join(cls.__dataclass_fields__)}")
        return cls(**filters)


def _day(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise StoreError(f"{name} {value!r} is not a date (YYYY-MM-DD)", option=name) from exc


# Event date, else the day its first article was published: undated events still sort.
WHEN = "coalesce(day, TRY_CAST(substr(first_published, 1, 10) AS DATE))"


def where(f: EventFilter) -> tuple[str, list[Any]]:
    """A WHERE clause (possibly "TRUE") over `events` and its parameters."""
    clauses, params = [], []
    if f.type:
        types = f.type.split(",") if isinstance(f.type, str) else list(f.type)
        types = [t.strip().upper() for t in types if t.strip()]
        clauses.append(f"type IN ({', '.join('?' for _ in types)})")
        params += types
    if f.country:
        clauses.append("(source_country = ? OR target_country = ? OR location_country = ?)")
        params += [f.country.upper()] * 3
    if f.actor:
        like = f"%{f.actor}%"
        clauses.append("(source_code ILIKE ? OR target_code ILIKE ? OR source_name ILIKE ?"
                       " OR target_name ILIKE ? OR CAST(source_actors AS VARCHAR) ILIKE ?"
                       " OR CAST(target_actors AS VARCHAR) ILIKE ?)")
        params += [like] * 6
    if f.since:
        clauses.append(f"{WHEN} >= ?")
        params.append(_day(f.since, "since"))
    if f.until:
        clauses.append(f"{WHEN} <= ?")
        params.append(_day(f.until, "until"))
    if f.text:
        like = f"%{f.text}%"
        clauses.append("event_id IN (SELECT m.event_id FROM event_mentions m "
                       "JOIN articles a ON a.hash = m.article_hash "
                       "WHERE m.sentence ILIKE ? OR a.title ILIKE ?)")
        params += [like, like]
    return (" AND ".join(clauses) or "TRUE"), params


def events_sql(f: EventFilter, columns: str = "*") -> tuple[str, list[Any]]:
    """SELECT over merged events matching `f`, newest first, ties by id (stable output)."""
    clause, params = where(f)
    sql = (f"SELECT {columns} FROM events WHERE {clause} "
           f"ORDER BY {WHEN} DESC NULLS LAST, event_id")
    if f.limit is not None:
        if f.limit < 0:
            raise StoreError(f"limit must be >= 0, got {f.limit}", option="limit")
        sql += f" LIMIT {int(f.limit)}"
    return sql, params
