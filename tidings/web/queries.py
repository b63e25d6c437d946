"""The web API's reads: SQL over the store's tables, with filters from `filters.where`.

Each function takes a DuckDB cursor (one per request, on the server's one connection:
reads see the last committed write and never wait for a running one) and returns plain
Python data ready for JSON. Identifiers in SQL come from fixed tables in this module.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import duckdb

from .filters import WHEN, BadParameter, EventQuery, after_cursor, encode_cursor, where
from .index import EVENT_COLUMNS, INDEX, page_rows

JSON_COLUMNS = ("context", "source_actors", "target_actors", "tellings")
INTERVALS = {"day": "day", "week": "week", "month": "month"}
GROUPS = {"quad_class": "quad_class", "type": "type",
          "conflict": "CASE WHEN quad_class >= 3 THEN 'conflict' ELSE 'cooperation' END"}


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for col in JSON_COLUMNS:
        if isinstance(row.get(col), str):
            row[col] = json.loads(row[col])
    for key, value in row.items():
        if isinstance(value, dt.date | dt.datetime):
            row[key] = value.isoformat()
    return row


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def events_page(con: duckdb.DuckDBPyConnection, q: EventQuery, limit: int,
                cursor: str | None) -> dict[str, Any]:
    """One page of events, newest first, and the cursor of the next page (or None)."""
    rows = page_rows(con, q, ", ".join(EVENT_COLUMNS), limit + 1, cursor)
    nxt = None
    if len(rows) > limit:
        rows = rows[:limit]
        nxt = encode_cursor(rows[-1]["at_day"], rows[-1]["event_id"], rows[-1]["pos"])
    for row in rows:
        del row["at_day"], row["pos"]
    return {"items": [_decode(r) for r in rows], "next": nxt}


def events_stream(con: duckdb.DuckDBPyConnection, q: EventQuery, limit: int | None,
                  cursor: str | None, chunk: int = 2000) -> Iterator[dict[str, Any]]:
    """Every event of the selection (from `cursor`, at most `limit`), for downloads."""
    clause, params = where(q)
    after, more = after_cursor(cursor)
    sql = (f"SELECT {', '.join(EVENT_COLUMNS)} FROM {INDEX} WHERE {clause} AND {after} "
           f"ORDER BY {WHEN} DESC NULLS LAST, event_id")
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    cur = con.execute(sql, params + more)
    names = [d[0] for d in cur.description]
    while batch := cur.fetchmany(chunk):
        for r in batch:
            yield _decode(dict(zip(names, r, strict=True)))


def event_row(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    rows = _rows(con, "SELECT * EXCLUDE (merge_key) FROM events WHERE event_id = ?", [event_id])
    return _decode(rows[0]) if rows else None


def event_mentions(con: duckdb.DuckDBPyConnection, event_id: str) -> list[dict[str, Any]]:
    """The article mentions of one merged event, each with its article's title and URL."""
    return [_decode(r) for r in _rows(con, (
        "SELECT m.mention_id, m.article_hash, m.local_id, m.type, m.date, m.confidence, "
        "m.sentence, m.sentence_start, m.sentence_end, m.trigger, m.trigger_start, "
        "m.trigger_end, m.quote_id, m.source_actors, m.target_actors, m.location_name, "
        "m.mentions AS tellings, "
        "m.outlet, m.url, m.published, a.title, a.id AS article_id "
        "FROM event_mentions m JOIN articles a ON a.hash = m.article_hash "
        "WHERE m.event_id = ? ORDER BY m.published NULLS LAST, m.mention_id"), [event_id])]


def stored_by(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, list[str]]:
    """{mention_id: rules} from each mention's stored tellings (`event_mentions.mentions`,
    each with its `by`); a mention stored without them maps to []."""
    out: dict[str, list[str]] = {}
    for mention_id, tellings in con.execute(
            "SELECT mention_id, mentions FROM event_mentions WHERE event_id = ?",
            [event_id]).fetchall():
        try:
            parsed = json.loads(tellings) if isinstance(tellings, str) else tellings or []
            rules = [r for t in parsed for r in (t.get("by") or [])]
        except (ValueError, AttributeError, TypeError):
            rules = []
        out[mention_id] = list(dict.fromkeys(rules))
    return out


def article_row(con: duckdb.DuckDBPyConnection, key: str) -> dict[str, Any] | None:
    """One article by content hash (or its reader id when no hash matches)."""
    rows = _rows(con, "SELECT * FROM articles WHERE hash = ? "
                      "UNION ALL (SELECT * FROM articles WHERE id = ? "
                      "AND NOT EXISTS (SELECT 1 FROM articles WHERE hash = ?) LIMIT 1)",
                 [key, key, key])
    if not rows:
        return None
    row = _decode(rows[0])
    for col in ("paragraphs", "subtitles"):
        row[col] = json.loads(row[col]) if isinstance(row.get(col), str) else row.get(col)
    return row


def article_annotations(con: duckdb.DuckDBPyConnection, h: str) -> dict[str, Any]:
    """What the coder found in one article, with offsets into its text."""
    out: dict[str, Any] = {}
    for table, cols in (("actors", "actor_id, name, kind, country, sector, code, mentions"),
                        ("places", "name, country, lat, lon, feature, mentions"),
                        ("dates", "text, start, \"end\", value, precision"),
                        ("quotes", 'quote_id, text, start, "end", direct, speaker, '
                                   + "speaker_name, cue"),
                        ("casualties", 'killed, injured, killed_or_injured, text, start, "end"'),
                        ("sources_cited", "name, start, \"end\"")):
        rows = _rows(con, f"SELECT {cols} FROM {table} WHERE article_hash = ?", [h])
        for row in rows:
            if isinstance(row.get("mentions"), str):
                row["mentions"] = json.loads(row["mentions"])
        out[table] = rows
    out["events"] = [_decode(r) for r in _rows(con, (
        "SELECT mention_id, event_id, local_id, type, cameo, goldstein, quad_class, "
        "source_name, target_name, date, location_name, modality, negated, confidence, "
        "sentence_start, sentence_end, trigger, trigger_start, trigger_end, quote_id, "
        "source_actors, target_actors FROM event_mentions WHERE article_hash = ? "
        "ORDER BY trigger_start, mention_id"), [h])]
    return out


def articles_page(con: duckdb.DuckDBPyConnection, text: str | None, limit: int,
                  offset: int) -> dict[str, Any]:
    clause, params = "TRUE", []
    if text:
        clause = "(contains(lower(title), ?) OR contains(lower(source), ?))"
        params = [text.lower(), text.lower()]
    rows = _rows(con, f"SELECT hash AS id, id AS reader_id, title, source, url, published, "
                      f"language, n_events, n_errors FROM articles WHERE {clause} "
                      f"ORDER BY published DESC NULLS LAST, hash LIMIT ? OFFSET ?",
                 params + [limit + 1, offset])
    nxt = offset + limit if len(rows) > limit else None
    return {"items": rows[:limit], "next": nxt}


def actors(con: duckdb.DuckDBPyConnection, q: EventQuery, limit: int) -> list[dict[str, Any]]:
    """Participants by events, as source and as target, with their mean Goldstein."""
    clause, params = where(q)
    sql = (f"WITH e AS (SELECT * FROM {INDEX} WHERE {clause}), sides AS ("
           "SELECT coalesce(source_code, source_name) AS actor, source_name AS name, "
           "source_country AS country, 'source' AS side, goldstein FROM e "
           "WHERE coalesce(source_code, source_name) IS NOT NULL UNION ALL "
           "SELECT coalesce(target_code, target_name), target_name, target_country, "
           "'target', goldstein FROM e WHERE coalesce(target_code, target_name) IS NOT NULL) "
           "SELECT actor, mode(name) AS name, mode(country) AS country, count(*) AS events, "
           "count(*) FILTER (WHERE side = 'source') AS as_source, "
           "count(*) FILTER (WHERE side = 'target') AS as_target, "
           "round(avg(goldstein), 2) AS mean_goldstein FROM sides GROUP BY actor "
           "ORDER BY events DESC, actor LIMIT ?")
    return _rows(con, sql, params + [limit])


def dyads(con: duckdb.DuckDBPyConnection, q: EventQuery, directed: bool,
          limit: int) -> list[dict[str, Any]]:
    """Event counts and mean Goldstein per (source, target) pair; undirected: per pair."""
    clause, params = where(q)
    s, t = "coalesce(source_code, source_name)", "coalesce(target_code, target_name)"
    a, b = (s, t) if directed else (f"least({s}, {t})", f"greatest({s}, {t})")
    sql = (f"SELECT {a} AS source, {b} AS target, count(*) AS events, "
           "round(avg(goldstein), 2) AS mean_goldstein, "
           "count(*) FILTER (WHERE quad_class >= 3) AS conflict, "
           "count(*) FILTER (WHERE quad_class <= 2) AS cooperation "
           f"FROM {INDEX} WHERE {clause} AND {s} IS NOT NULL AND {t} IS NOT NULL "
           "GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT ?")
    return _rows(con, sql, params + [limit])


def timeline(con: duckdb.DuckDBPyConnection, q: EventQuery, interval: str, by: str,
             share: bool) -> list[dict[str, Any]]:
    """Event counts per period and group; with `share`, per 100 articles of the period."""
    if interval not in INTERVALS:
        raise BadParameter("interval", f"{interval!r}: one of {', '.join(INTERVALS)}")
    if by not in GROUPS:
        raise BadParameter("by", f"{by!r}: one of {', '.join(GROUPS)}")
    clause, params = where(q)
    # By day first (a few thousand groups), then by period: cheaper than truncating
    # every one of a million dates.
    sql = (f"WITH daily AS (SELECT {WHEN} AS d, {GROUPS[by]} AS key, count(*) AS n, "
           f"sum(goldstein) AS g FROM {INDEX} WHERE {clause} AND {WHEN} IS NOT NULL "
           f"GROUP BY 1, 2) SELECT CAST(date_trunc('{INTERVALS[interval]}', d) AS DATE) "
           f"AS period, CAST(key AS VARCHAR) AS key, CAST(sum(n) AS BIGINT) AS events, "
           f"round(sum(g) / sum(n), 2) AS mean_goldstein FROM daily GROUP BY 1, 2 "
           f"ORDER BY 1, 2")
    rows = [_decode(r) for r in _rows(con, sql, params)]
    if share:
        per = dict(con.execute(
            f"SELECT CAST(date_trunc('{INTERVALS[interval]}', TRY_CAST(substr(published, 1, 10)"
            f" AS DATE)) AS DATE) AS p, count(*) FROM articles GROUP BY 1").fetchall())
        for row in rows:
            n = per.get(dt.date.fromisoformat(row["period"]), 0)
            row["share"] = round(100 * row["events"] / n, 3) if n else None
    return rows


def change(con: duckdb.DuckDBPyConnection, q: EventQuery, weeks: int,
           until: dt.date | None) -> dict[str, Any]:
    """Events per country (of the location, else the target) in the last `weeks` weeks
    against the `weeks` before them, ending at `until` (default: the latest event)."""
    clause, params = where(q)
    if until is None:
        until = con.execute(f"SELECT max({WHEN}) FROM {INDEX} WHERE {clause}",
                            params).fetchone()[0]
    if until is None:
        return {"until": None, "weeks": weeks, "countries": []}
    start = until - dt.timedelta(weeks=weeks)
    before = start - dt.timedelta(weeks=weeks)
    country = "coalesce(location_country, target_country, source_country)"
    sql = (f"SELECT {country} AS country, "
           f"count(*) FILTER (WHERE {WHEN} > ?) AS current, "
           f"count(*) FILTER (WHERE {WHEN} <= ?) AS previous, "
           f"round(avg(goldstein) FILTER (WHERE {WHEN} > ?), 2) AS mean_goldstein "
           f"FROM {INDEX} WHERE {clause} AND {WHEN} > ? AND {WHEN} <= ? "
           f"AND {country} IS NOT NULL "
           f"GROUP BY 1 ORDER BY current DESC, country")
    rows = _rows(con, sql, [start, start, start] + params + [before, until])
    for row in rows:
        row["change"] = row["current"] - row["previous"]
    return {"until": until.isoformat(), "weeks": weeks, "countries": rows}


def map_points(con: duckdb.DuckDBPyConnection, q: EventQuery, limit: int) -> list[dict]:
    """Located events, newest first: id, place, coordinates, type and Goldstein."""
    clause, params = where(q)
    return [_decode(r) for r in _rows(con, (
        f"SELECT event_id, type, goldstein, quad_class, location_name, location_country, "
        f"lat, lon, date FROM {INDEX} WHERE {clause} AND lat IS NOT NULL AND lon IS NOT NULL "
        f"ORDER BY {WHEN} DESC NULLS LAST, event_id LIMIT ?"), params + [limit])]
