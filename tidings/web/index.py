"""The web's copy of the merged events, sorted newest first, in memory.

The server owns its store (one writer), so it knows when events change: at start and
after every write it copies `events` into an in-memory table `tidings_web.events` with
one more column, `at_day` (the event day, else the first publication day: what every
filter and timeline sorts and groups by, computed once here instead of per request),
in newest-first order (ties by event id), so a row's rowid is its place in that order
(`pos`). The store file is never changed by it.

A page of events is then read window by window along `pos`: the newest few thousand
rows first, a window 16 times larger when the filters leave too few, until the page is
full or the table ends. DuckDB skips every row group outside the window from its
min/max statistics, so a page of 50 of a million events reads one row group, not nine,
and sorts on one integer.
"""
from __future__ import annotations

from typing import Any

import duckdb

from .filters import BadParameter, EventQuery, after_cursor, decode_cursor, where

INDEX = "tidings_web.events"
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
STORE_WHEN = "coalesce(day, TRY_CAST(substr(first_published, 1, 10) AS DATE))"
FIRST_WINDOW = 4096
GROWTH = 16


def attach(con: duckdb.DuckDBPyConnection) -> None:
    # COMPRESS: DuckDB leaves in-memory tables uncompressed by default; compressed,
    # filters on a million rows run 2-3 times faster (dictionary-encoded strings).
    con.execute("SET enable_progress_bar = false")
    con.execute("ATTACH IF NOT EXISTS ':memory:' AS tidings_web (COMPRESS)")


def rebuild(con: duckdb.DuckDBPyConnection) -> int:
    """Copy the store's events into the index (replacing it at once: a reader sees the
    old copy or the new one). Returns the number of events."""
    # Rows keep the order they are inserted in, so a row's rowid is its place in
    # newest-first order (`pos`): one sort, no window function.
    con.execute(
        f"CREATE OR REPLACE TABLE {INDEX} AS SELECT {STORE_WHEN} AS at_day, "
        f"{', '.join(EVENT_COLUMNS)} FROM events "
        f"ORDER BY at_day DESC NULLS LAST, event_id")
    return con.execute(f"SELECT count(*) FROM {INDEX}").fetchone()[0]


def _start(con: duckdb.DuckDBPyConnection, cursor: str | None) -> int:
    """Where the page after `cursor` begins: its hint when the row is still there."""
    if not cursor:
        return 0
    _, event_id, pos = decode_cursor(cursor)
    if pos is None:
        return 0
    row = con.execute(f"SELECT event_id FROM {INDEX} WHERE rowid = ?", [pos]).fetchone()
    return pos + 1 if row is not None and row[0] == event_id else 0


def page_rows(con: duckdb.DuckDBPyConnection, q: EventQuery, columns: str, want: int,
              cursor: str | None) -> list[dict[str, Any]]:
    """Up to `want` rows (dicts of `columns`, plus `pos` and `at_day`) matching `q` after
    `cursor`, newest first."""
    if want < 1:
        raise BadParameter("limit", "must be at least 1")
    clause, params = where(q)
    after, more = after_cursor(cursor)
    total = con.execute(f"SELECT count(*) FROM {INDEX}").fetchone()[0]
    lo, size, rows = _start(con, cursor), FIRST_WINDOW, []
    while lo < total and len(rows) < want:
        cur = con.execute(
            f"SELECT {columns}, rowid AS pos, at_day FROM {INDEX} WHERE rowid >= ? "
            f"AND rowid < ? AND {clause} AND {after} ORDER BY rowid LIMIT ?",
            [lo, lo + size, *params, *more, want - len(rows)])
        names = [d[0] for d in cur.description]
        rows += [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        lo, size = lo + size, size * GROWTH
    return rows
