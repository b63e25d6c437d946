"""The web's copy of the merged events, sorted newest first, in memory.

The server owns its store (one writer), so it knows when events change. At start it
copies `events` into a compressed in-memory table `tidings_web.base` with one more
column, `at_day` (the event day, else the first publication day: what every filter and
timeline sorts and groups by, computed once here instead of per request), in
newest-first order (ties by event id), so a row's rowid is its place in that order
(`pos`). After a write, only the events that the article touched are read again, into
`delta`, and their old rows hidden through `removed`; the view `tidings_web.events`
(base - removed + delta) is what the aggregates read. Past DELTA_MAX rows in delta a
write rebuilds the whole copy. The store file is never changed by any of it.

A page of events is read window by window along `pos`: the newest few thousand rows
first, a window 16 times larger when the filters leave too few, until the page is full
or the table ends; DuckDB skips every row group outside the window from its min/max
statistics, so a page of 50 of a million events reads one row group, not nine, and
sorts on one integer. The few rows of `delta` that match are merged in by date and id.
"""
from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from ..store.query import WHEN as QUERY_WHEN
from .filters import BadParameter, EventQuery, after_cursor, decode_cursor, where

INDEX = "tidings_web.events"    # what every query reads: base - removed + delta
BASE = "tidings_web.base"        # the events at the last rebuild, newest first
DELTA = "tidings_web.delta"      # events written since, unordered
REMOVED = "tidings_web.removed"  # event ids of base rows that changed or went since
DELTA_MAX = 20_000               # rows in delta before a write rebuilds the whole copy
# The columns of an event item, in the order CSV downloads have them; the index keeps
# these (every filter reads only them) and leaves the actor lists to the store.
EVENT_COLUMNS = [
    "event_id", "date", "date_precision", "type", "mode", "cameo", "goldstein", "quad_class",
    "source_code", "source_name", "source_country", "source_sector",
    "target_code", "target_name", "target_country", "target_sector",
    "location_name", "location_country", "lat", "lon", "negated", "modality", "confidence",
    "sentence", "num_mentions", "num_articles", "num_sources", "first_published",
    "source_url", "context",
]
# The date `tidings query` sorts and filters by: the event's day, the first day of a
# coarser period it names (week, quarter, season, decade), else its first publication day.
STORE_WHEN = QUERY_WHEN
FIRST_WINDOW = 4096
GROWTH = 16


def attach(con: duckdb.DuckDBPyConnection) -> None:
    # COMPRESS: DuckDB leaves in-memory tables uncompressed by default; compressed,
    # filters on a million rows run 2-3 times faster (dictionary-encoded strings).
    con.execute("SET enable_progress_bar = false")
    con.execute("ATTACH IF NOT EXISTS ':memory:' AS tidings_web (COMPRESS)")


# Participants' codes and names lower-cased once: the actor and dyad filters compare
# these (a function call per row inside their ORs cost more than the rest of a page).
FOLDED = ", ".join(f"lower({side}_{part}) AS {side}_{part}_lc"
                   for side in ("source", "target") for part in ("code", "name"))


def _copy(source_filter: str = "") -> str:
    return (f"SELECT {STORE_WHEN} AS at_day, merge_key, {', '.join(EVENT_COLUMNS)}, "
            f"{FOLDED} FROM events {source_filter}")


def rebuild(con: duckdb.DuckDBPyConnection) -> int:
    """Copy the store's events into the index, in one transaction (a reader sees the
    old copy or the new one). Returns the number of events."""
    con.begin()
    try:
        # Rows keep the order they are inserted in, so a row's rowid is its place in
        # newest-first order (`pos`): one sort, no window function.
        con.execute(f"CREATE OR REPLACE TABLE {BASE} AS {_copy()} "
                    f"ORDER BY at_day DESC NULLS LAST, event_id")
        con.execute(f"CREATE OR REPLACE TABLE {DELTA} AS SELECT * FROM {BASE} LIMIT 0")
        con.execute(f"CREATE OR REPLACE TABLE {REMOVED} (event_id VARCHAR)")
        con.execute(f"CREATE OR REPLACE VIEW {INDEX} AS SELECT * FROM {BASE} WHERE "
                    f"event_id NOT IN (SELECT event_id FROM {REMOVED}) "
                    f"UNION ALL SELECT * FROM {DELTA}")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return con.execute(f"SELECT count(*) FROM {INDEX}").fetchone()[0]


def update(con: duckdb.DuckDBPyConnection, merge_keys: list[str], article_hash: str) -> int:
    """Bring the index up to date after one article was written: every event of the
    merge keys it touched, and every event its mentions belong to, is read again into
    `delta` (their old rows hidden through `removed`); past DELTA_MAX rows, rebuilt.
    Returns the number of events."""
    con.register("_tidings_web_keys", pa.table({"k": pa.array(merge_keys, pa.string())}))
    touched = ("(merge_key IN (SELECT k FROM _tidings_web_keys) OR event_id IN (SELECT "
               "event_id FROM event_mentions WHERE article_hash = ?))")
    try:
        con.begin()
        try:
            con.execute(f"INSERT INTO {REMOVED} SELECT event_id FROM {BASE} WHERE {touched}",
                        [article_hash])
            con.execute(f"DELETE FROM {DELTA} WHERE {touched}", [article_hash])
            con.execute(f"INSERT INTO {DELTA} {_copy('WHERE ' + touched)}", [article_hash])
            con.commit()
        except BaseException:
            con.rollback()
            raise
    finally:
        con.unregister("_tidings_web_keys")
    if con.execute(f"SELECT count(*) FROM {DELTA}").fetchone()[0] > DELTA_MAX:
        return rebuild(con)
    return con.execute(f"SELECT count(*) FROM {INDEX}").fetchone()[0]


def _key(row: dict[str, Any]) -> tuple:
    """Newest first, undated last, ties by event id: the order of `pos`."""
    day = row["at_day"]
    return (day is None, -day.toordinal() if day is not None else 0, row["event_id"])


def _start(con: duckdb.DuckDBPyConnection, cursor: str | None) -> int:
    """Where in `base` the page after `cursor` begins: its hint when that row is still
    there, else the start (the cursor's condition keeps the page right either way)."""
    if not cursor:
        return 0
    _, event_id, pos = decode_cursor(cursor)
    if pos is None:
        return 0
    row = con.execute(f"SELECT event_id FROM {BASE} WHERE rowid = ?", [pos]).fetchone()
    return pos + 1 if row is not None and row[0] == event_id else 0


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def page_rows(con: duckdb.DuckDBPyConnection, q: EventQuery, columns: str, want: int,
              cursor: str | None) -> list[dict[str, Any]]:
    """Up to `want` rows (dicts of `columns`, plus `pos`, None for a row written since
    the last rebuild, and `at_day`) matching `q` after `cursor`, newest first."""
    if want < 1:
        raise BadParameter("limit", "must be at least 1")
    clause, params = where(q)
    after, more = after_cursor(cursor)
    total = con.execute(f"SELECT count(*) FROM {BASE}").fetchone()[0]
    lo, size, rows = _start(con, cursor), FIRST_WINDOW, []
    while lo < total and len(rows) < want:
        matching = (f"FROM {BASE} WHERE rowid >= ? AND rowid < ? AND {clause} AND {after} "
                    f"AND event_id NOT IN (SELECT event_id FROM {REMOVED}) "
                    f"ORDER BY rowid LIMIT ?")
        args = [lo, lo + size, *params, *more, want - len(rows)]
        if size <= FIRST_WINDOW:
            rows += _fetch(con, f"SELECT {columns}, rowid AS pos, at_day {matching}", args)
        else:
            # A wide window: the matching row ids first (filter columns only), then their
            # rows. A filter DuckDB cannot push into the scan (the dyad's ORs) would
            # otherwise read every column of every row in the window.
            ids = [r[0] for r in con.execute(f"SELECT rowid {matching}", args).fetchall()]
            if ids:
                rows += _fetch(con, (
                    f"SELECT {columns}, rowid AS pos, at_day FROM {BASE} WHERE rowid >= ? "
                    f"AND rowid <= ? AND rowid IN (SELECT unnest(?::BIGINT[])) ORDER BY rowid"),
                    [ids[0], ids[-1], ids])
        lo, size = lo + size, size * GROWTH
    # Rows written since the last rebuild: few; the page is the first `want` of both.
    recent = _fetch(con, (
        f"SELECT {columns}, NULL AS pos, at_day FROM {DELTA} WHERE {clause} AND {after} "
        f"ORDER BY at_day DESC NULLS LAST, event_id LIMIT ?"), [*params, *more, want])
    if recent:
        rows = sorted(rows + recent, key=_key)[:want]
    return rows
