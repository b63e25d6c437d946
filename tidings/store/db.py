"""The DuckDB store: open or create, write one batch atomically, read events back.

Writes happen in one transaction per batch (`write_batch`): a process killed at any
moment leaves either the whole batch or none of it, and because every row's identity
is content-derived and events are re-merged from the full set of their mentions, a
re-run finishes with exactly what an uninterrupted run would have written.
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Self

import duckdb
import pandas as pd
import pyarrow as pa

from ..errors import StoreError
from ..models import Article, Paragraph
from . import merge
from .query import EventFilter, events_sql
from .rows import RowBatch, Rows
from .schema import PER_ARTICLE, SCHEMA_VERSION, TABLES, columns, ddl, to_arrow

_tmp_names = itertools.count()


class Store:
    """One open tidings database. Use `Store.open(path)`; close it (or use `with`)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool):
        self.con = con
        self.path = path
        self.read_only = read_only

    # -- opening -----------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, create: bool = False, read_only: bool = False) -> Store:
        """Open the store at `path`.

        With `create`, a missing file becomes a new empty store; otherwise a missing file,
        a file that is not a DuckDB database, or a DuckDB database without the tidings
        tables raises StoreError naming the file.
        """
        path = str(path)
        if not Path(path).exists() and not create:
            raise StoreError("no such store; run `tidings ingest PATH --db FILE` first",
                             origin=path)
        try:
            con = duckdb.connect(path, read_only=read_only and not create)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"cannot open as a DuckDB store ({exc})", origin=path) from exc
        store = cls(con, path, read_only and not create)
        try:
            store._prepare(create)
        except BaseException:
            con.close()
            raise
        return store

    def _prepare(self, create: bool) -> None:
        tables = {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        if "articles" not in tables or "meta" not in tables:
            if not create:
                raise StoreError("a DuckDB file, but not a tidings store (no articles table)",
                                 origin=self.path)
            if tables:
                raise StoreError("a DuckDB file with other tables; refusing to add the "
                                 "tidings schema to it", origin=self.path)
            self.con.begin()
            for stmt in ddl():
                self._run(stmt)
            self._run("INSERT INTO meta VALUES ('schema_version', ?)",
                             [str(SCHEMA_VERSION)])
            self.con.commit()
            self._ensure_pending()
            return
        row = self._one("SELECT value FROM meta WHERE key = 'schema_version'")
        if row is None or int(row[0]) != SCHEMA_VERSION:
            found = row[0] if row else "none"
            raise StoreError(f"store schema version {found}, this tidings reads "
                             f"{SCHEMA_VERSION}; re-ingest into a new file", origin=self.path)
        self._ensure_pending()

    def _ensure_pending(self) -> None:
        if not self.read_only:
            self._run("CREATE TABLE IF NOT EXISTS pending_merge (merge_key VARCHAR)")

    def handle(self) -> Store:
        """A second handle on the same open database, for another thread: DuckDB
        connections are not safe to share between threads, and each handle has its own
        transactions (the other sees a write once it is committed). Close it before
        this store."""
        return Store(self.con.cursor(), self.path, self.read_only)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------
    def _run(self, sql: str, params: list[Any] | None = None) -> None:
        """Execute a statement and drain its result (DuckDB 2 refuses new work until then)."""
        self.con.execute(sql, params or []).fetchall()

    def _arrow(self, sql: str, params: list[Any] | None = None) -> pa.Table:
        """A query's full result as Arrow (the relation API: no extra copy, nothing left open)."""
        return self.con.sql(sql, params=params or None).to_arrow_table()

    def _one(self, sql: str, params: list[Any] | None = None) -> tuple | None:
        """The first row of a query (or None), with the result fully drained."""
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0] if rows else None

    def _insert(self, table: str, rows: list[dict[str, Any]] | pa.Table) -> None:
        """Bulk insert through Arrow: one registered view, one INSERT ... SELECT."""
        if not len(rows):
            return
        name = f"_tidings_batch_{next(_tmp_names)}"
        self.con.register(name, rows if isinstance(rows, pa.Table) else to_arrow(table, rows))
        try:
            if table == "errors":  # the same broken input read again adds nothing
                self._run(f"INSERT INTO errors SELECT * FROM {name} b WHERE NOT EXISTS "
                                 f"(SELECT 1 FROM errors e WHERE e.error_key = b.error_key)")
            else:
                self._run(f"INSERT INTO {table} SELECT * FROM {name}")
        finally:
            self.con.unregister(name)

    def _keys_view(self, values: Iterable[str]) -> str:
        name = f"_tidings_keys_{next(_tmp_names)}"
        self.con.register(name, pa.table({"k": pa.array(sorted(set(values)), pa.string())}))
        return name

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these article content hashes are already stored."""
        hashes = list(hashes)
        if not hashes:
            return set()
        view = self._keys_view(hashes)
        try:
            rows = self.con.execute(
                f"SELECT hash FROM articles WHERE hash IN (SELECT k FROM {view})").fetchall()
        finally:
            self.con.unregister(view)
        return {r[0] for r in rows}

    def write_batch(self, rows: Rows | RowBatch, replace: Iterable[str] = (),
                    defer_merge: bool = False) -> None:
        """Store one batch of document rows (a RowBatch, or dicts per table as
        rows.document_rows gives them) in one transaction.

        `replace` names article hashes whose old rows are deleted first (--recode).
        Events of every merge key the batch touches are re-merged from all their mentions,
        now, or with `defer_merge` when `finish_merges` runs: the keys wait in
        `pending_merge`, written in the same transaction, so a crash loses none of them.
        """
        if not isinstance(rows, RowBatch):
            batch = RowBatch()
            batch.extend(rows)
            rows = batch
        replace = sorted(set(replace))
        self.con.begin()
        try:
            keys = set(rows.column("event_mentions", "merge_key"))
            if replace:
                keys |= self._delete_articles(replace)
            for table in TABLES:
                if table != "events" and rows.count(table):
                    self._insert(table, rows.arrow(table))
            if defer_merge:
                self._queue_merge(keys)
            else:
                self._remerge(keys)
            self.con.commit()
        except BaseException as exc:
            self.con.rollback()
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"writing a batch failed ({exc})", origin=self.path) from exc
            raise

    def _queue_merge(self, keys: set[str]) -> None:
        if not keys:
            return
        self.con.register("_tidings_pending", pa.table(
            {"merge_key": pa.array(sorted(keys), pa.string())}))
        try:
            self._run("INSERT INTO pending_merge SELECT merge_key FROM _tidings_pending")
        finally:
            self.con.unregister("_tidings_pending")

    def finish_merges(self) -> int:
        """Merge every event whose mentions changed since the last merge, in one
        transaction (an ingest calls this at its end, and again after a crash)."""
        keys = {r[0] for r in self.con.execute(
            "SELECT DISTINCT merge_key FROM pending_merge").fetchall()}
        if not keys:
            return 0
        self.con.begin()
        try:
            self._remerge(keys)
            self._run("DELETE FROM pending_merge")
            self.con.commit()
        except BaseException as exc:
            self.con.rollback()
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"merging events failed ({exc})", origin=self.path) from exc
            raise
        return len(keys)

    def _delete_articles(self, hashes: list[str]) -> set[str]:
        view = self._keys_view(hashes)
        try:
            keys = {r[0] for r in self.con.execute(
                f"SELECT DISTINCT merge_key FROM event_mentions "
                f"WHERE article_hash IN (SELECT k FROM {view})").fetchall()}
            for table in [*PER_ARTICLE, "errors"]:
                self._run(f"DELETE FROM {table} WHERE article_hash IN "
                                 f"(SELECT k FROM {view})")
            self._run(f"DELETE FROM articles WHERE hash IN (SELECT k FROM {view})")
        finally:
            self.con.unregister(view)
        return keys

    def _remerge(self, keys: set[str]) -> None:
        """Rebuild the merged events of these merge keys from all their mentions.

        Python reads only the columns the merge rule looks at (merge.PLAN_COLUMNS) and
        plans each event; SQL copies the rest of its row from the planned mentions, so no
        full mention row travels through Python.
        """
        if not keys:
            return
        view = self._keys_view(keys)
        plans_name = f"_tidings_plans_{next(_tmp_names)}"
        assign_name = f"_tidings_assign_{next(_tmp_names)}"
        try:
            slim = self._arrow(f"SELECT {', '.join(merge.PLAN_COLUMNS)} FROM event_mentions "
                               f"WHERE merge_key IN (SELECT k FROM {view})")
            plans, assignment = merge.plan(slim.to_pylist())  # dicts built by Arrow, in C
            self._run(f"DELETE FROM events WHERE merge_key IN (SELECT k FROM {view})")
            self.con.register(plans_name, pa.Table.from_pylist(plans, schema=_PLAN_SCHEMA))
            self.con.register(assign_name, pa.table({
                "mention_id": pa.array(list(assignment), pa.string()),
                "event_id": pa.array(list(assignment.values()), pa.string())}))
            self._run(f"INSERT INTO events {_events_select(plans_name)}")
            self._run(f"UPDATE event_mentions SET event_id = a.event_id FROM {assign_name} a "
                      f"WHERE event_mentions.mention_id = a.mention_id")
        finally:
            for name in (view, plans_name, assign_name):
                self.con.unregister(name)

    # -- reading -----------------------------------------------------------------
    def events_arrow(self, f: EventFilter | None = None) -> pa.Table:
        """Merged events matching `f`, one row each, as Arrow."""
        sql, params = events_sql(f or EventFilter())
        return self._arrow(sql, params)

    def events_df(self, f: EventFilter | None = None) -> pd.DataFrame:
        sql, params = events_sql(f or EventFilter())
        return self.con.execute(sql, params).df()

    def event_records(self, f: EventFilter | None = None) -> list[dict[str, Any]]:
        """Merged events as plain dicts with JSON columns decoded (for json/jsonl output)."""
        out = []
        for row in self.events_arrow(f).to_pylist():
            for col in ("context", "source_actors", "target_actors"):
                if isinstance(row.get(col), str):
                    row[col] = json.loads(row[col])
            out.append(row)
        return out

    def mentions_of(self, event_ids: list[str]) -> pa.Table:
        view = self._keys_view(event_ids)
        try:
            return self._arrow(
                f"SELECT * FROM event_mentions WHERE event_id IN (SELECT k FROM {view}) "
                f"ORDER BY event_id, mention_id")
        finally:
            self.con.unregister(view)

    def articles_df(self, include_text: bool = False) -> pd.DataFrame:
        cols = "*" if include_text else "* EXCLUDE (text, paragraphs)"
        return self.con.execute(f"SELECT {cols} FROM articles ORDER BY published, hash").df()

    def stored_articles(self, chunk: int = 256) -> Iterator[Article]:
        """Every stored article rebuilt as an Article (what --recode codes again).

        Hashes are listed first and articles loaded in chunks, so the caller may write
        to the store between items without an open cursor in the way.
        """
        hashes = [r[0] for r in self.con.execute(
            "SELECT hash FROM articles ORDER BY hash").fetchall()]
        for lo in range(0, len(hashes), chunk):
            view = self._keys_view(hashes[lo:lo + chunk])
            try:
                rows = self.con.execute(
                    "SELECT id, origin, text, title, subtitles, section, published, url, "
                    f"source, language, paragraphs FROM articles WHERE hash IN "
                    f"(SELECT k FROM {view}) ORDER BY hash").fetchall()
            finally:
                self.con.unregister(view)
            for (id_, origin, text, title, subtitles, section, published, url, source,
                 language, paragraphs) in rows:
                yield Article(
                    id=id_, origin=origin, text=text, title=title or "",
                    subtitles=json.loads(subtitles or "[]"), section=section,
                    published=published, url=url, source=source, language=language or "en",
                    paragraphs=[Paragraph(**p) for p in json.loads(paragraphs or "[]")])

    def errors_df(self) -> pd.DataFrame:
        return self.con.execute(
            'SELECT stage, origin, message, article_hash, "at" FROM errors '
            "ORDER BY origin NULLS LAST, stage, message").df()

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise StoreError(f"no table {table!r} in the store", origin=self.path)
        return self._one(f"SELECT count(*) FROM {table}")[0]

    def top_dyads(self, n: int = 10) -> list[dict[str, Any]]:
        """The most frequent (source -> target) pairs among events that have both."""
        rows = self.con.execute(
            "SELECT coalesce(source_code, source_name, '?') s, "
            "coalesce(target_code, target_name, '?') t, count(*) n FROM events "
            "WHERE coalesce(source_code, source_name) IS NOT NULL "
            "AND coalesce(target_code, target_name) IS NOT NULL "
            "GROUP BY s, t ORDER BY n DESC, s, t LIMIT ?", [n]).fetchall()
        return [{"source": s, "target": t, "events": c} for s, t, c in rows]

    def stats(self) -> dict[str, Any]:
        """Counts an analyst checks first: sizes, events by type, date range, dyads."""
        out: dict[str, Any] = {"db": self.path}
        for table in ["articles", "events", "event_mentions", "errors", "actors", "quotes",
                      "places", "casualties"]:
            out[table] = self.count(table)
        out["events_by_type"] = dict(self.con.execute(
            "SELECT type, count(*) FROM events GROUP BY type ORDER BY count(*) DESC, type"
        ).fetchall())
        out["errors_by_stage"] = dict(self.con.execute(
            "SELECT stage, count(*) FROM errors GROUP BY stage ORDER BY stage").fetchall())
        out["outlets"] = self._one("SELECT count(DISTINCT source) FROM articles")[0]
        first, last = self._one("SELECT min(day), max(day) FROM events")
        out["event_dates"] = {"first": _iso(first), "last": _iso(last)}
        out["merged_mentions"] = out["event_mentions"] - out["events"]
        out["top_dyads"] = self.top_dyads()
        out["coder_versions"] = [r[0] for r in self.con.execute(
            "SELECT DISTINCT coder_version FROM articles ORDER BY 1").fetchall()]
        return out

    def dump(self) -> dict[str, list[tuple]]:
        """Every table's rows, sorted, without wall-clock columns: for comparing stores."""
        out = {}
        for table, cols in TABLES.items():
            keep = [f'"{c}"' for c, t in cols if t != "TIMESTAMP"]
            out[table] = sorted(self.con.execute(
                f"SELECT {', '.join(keep)} FROM {table}").fetchall(), key=repr)
        return out


_PLAN_TYPES = {"is_root": pa.bool_(), "num_mentions": pa.int32(), "num_articles": pa.int32(),
               "num_sources": pa.int32()}
_PLAN_SCHEMA = pa.schema([(f, _PLAN_TYPES.get(f, pa.string())) for f in merge.PLAN_FIELDS])


def _events_select(plans: str) -> str:
    """SELECT building `events` rows, in table order, from the plans view `plans`: plan
    fields from the plan, date and location columns from its date and location
    mentions, everything else from its representative mention (merge.event_row)."""
    def source(col: str) -> str:
        if col in merge.PLAN_FIELDS:
            return f'p."{col}"'
        if col in merge.FROM_DATE_MENTION:
            return f'd."{col}"'
        if col in merge.FROM_LOCATION_MENTION:
            return f'l."{col}"'
        return f'r."{col}"'

    # Mention ids are unique in the store, so the joins need no merge-key filter: a
    # filtered CTE scanned event_mentions just the same and cost a semi-join per use.
    cols = ", ".join(source(c) for c in columns("events"))
    return (f"SELECT {cols} FROM {plans} p "
            f"JOIN event_mentions r ON r.mention_id = p.representative_mention "
            f"JOIN event_mentions d ON d.mention_id = p.date_mention "
            f"JOIN event_mentions l ON l.mention_id = p.location_mention")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
