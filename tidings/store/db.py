"""The DuckDB store: open or create, write one batch atomically, read events back.

Writes happen in one transaction per batch (`write_batch`): a process killed at any
moment leaves either the whole batch or none of it, and because every row's identity
is content-derived and events are re-merged from the full set of their mentions, a
re-run finishes with exactly what an uninterrupted run would have written.
"""
from __future__ import annotations

import datetime as dt
import errno
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

import duckdb
import pandas as pd
import pyarrow as pa

from ..errors import StoreError
from ..models import Article, Paragraph
from . import merge
from .query import EventFilter, events_sql
from .rows import ArrowBatch
from .schema import MIGRATIONS, PER_ARTICLE, SCHEMA_VERSION, TABLES, columns, ddl, to_arrow

_tmp_names = itertools.count()

# Every connection tidings opens: never fetch or load an extension on its own. Without
# this, a SQLite file passed as --db makes DuckDB download `sqlite_scanner` over plain
# HTTP into ~/.duckdb. Parquet, JSON and CSV (the lake and the exports) are built in.
OFFLINE_CONFIG = {"autoinstall_known_extensions": False,
                  "autoload_known_extensions": False,
                  "allow_community_extensions": False}
_DUCKDB_MAGIC = b"DUCK"  # at byte offset 8 of every DuckDB database file


def connect(path: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """duckdb.connect with OFFLINE_CONFIG: the one place tidings opens a database."""
    return duckdb.connect(path, read_only=read_only, config=dict(OFFLINE_CONFIG))


def check_duckdb_file(path: str) -> None:
    """Raise StoreError unless `path` is missing, empty, or starts like a DuckDB file."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"cannot read the file ({exc})", origin=path) from exc
    if not head or head[8:12] == _DUCKDB_MAGIC:
        return
    hint = " (it looks like a SQLite file)" if head.startswith(b"SQLite format 3\0") else ""
    raise StoreError(f"not a DuckDB database{hint}", origin=path)


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
        check_duckdb_file(path)
        try:
            con = connect(path, read_only=read_only and not create)
        except (duckdb.Error, OSError) as exc:
            if _disk_full(exc):
                raise write_failed(exc, path, "opening the store") from exc
            raise StoreError(f"cannot open as a DuckDB store ({exc})", origin=path) from exc
        store = cls(con, path, read_only and not create)
        try:
            store._prepare(create)
        except BaseException as exc:
            try:
                con.close()
            except duckdb.Error:
                pass  # the first error is the one to report
            if isinstance(exc, duckdb.Error | OSError):
                raise write_failed(exc, path, "preparing the store") from exc
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
        if row is not None and int(row[0]) in MIGRATIONS and not self.read_only:
            self._migrate(int(row[0]))
            row = (str(SCHEMA_VERSION),)
        if row is None or int(row[0]) != SCHEMA_VERSION:
            found = row[0] if row else "none"
            raise StoreError(f"store schema version {found}, this tidings reads "
                             f"{SCHEMA_VERSION}; re-ingest into a new file", origin=self.path)
        self._ensure_pending()

    def _migrate(self, version: int) -> None:
        """Bring a store of an older schema version up to this one, in one transaction."""
        self.con.begin()
        while version in MIGRATIONS:
            for stmt in MIGRATIONS[version]:
                self._run(stmt)
            version += 1
        self._run("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])
        self.con.commit()

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
        """Close the connection (DuckDB writes its log into the file here when it can;
        when it cannot, the log stays beside the file and is replayed on next open)."""
        try:
            self.con.close()
        except (duckdb.Error, OSError) as exc:
            raise write_failed(exc, self.path, "closing the store") from exc

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()
            return
        try:
            self.close()
        except StoreError:
            pass  # the error already on its way out is the one to report

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
            self._run(_insert_sql(table, name))
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

    def write_batch(self, rows: ArrowBatch, replace: Iterable[str] = (),
                    defer_merge: bool = False, merge_pending: bool = False,
                    before_commit: Callable[[], None] | None = None) -> None:
        """Store one batch of document rows (an ArrowBatch: `rows.RowBatch.to_arrow`)
        in one transaction.

        `replace` names article hashes whose old rows are deleted first (--recode).
        Events of every merge key the batch touches are re-merged from all their mentions,
        now, or with `defer_merge` when `finish_merges` runs: the keys wait in
        `pending_merge`, written in the same transaction, so a crash loses none of them.
        `merge_pending` also merges every key still pending from earlier batches, as
        `finish_merges` would, in this transaction (a last batch: one commit fewer).
        `before_commit` is called once everything is written, just before the commit
        (a writer waiting for its turn); if it raises, the batch is rolled back.
        """
        replace = sorted(set(replace))
        with self._transaction("writing a batch"):
            keys = set(rows.merge_keys)
            if replace:
                keys |= self._delete_articles(replace)
            defer = defer_merge and not merge_pending
            self._insert_all(rows, sorted(keys) if defer else [])
            if merge_pending:
                keys |= self._pending_keys()
            if not defer:
                self._remerge(keys)
            if merge_pending:
                self._run("DELETE FROM pending_merge")
            if before_commit is not None:
                before_commit()

    @contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        """One transaction, committed at the end or rolled back whole on any error; a
        DuckDB error is raised as a StoreError saying `what` failed."""
        self.con.begin()
        try:
            yield
            self.con.commit()
        except BaseException as exc:
            try:
                self.con.rollback()
            except duckdb.Error:
                pass  # a failed commit (a full disk) has ended the transaction already
            if isinstance(exc, duckdb.Error | OSError):
                raise write_failed(exc, self.path, what) from exc
            raise

    def _insert_all(self, batch: ArrowBatch, pending: list[str]) -> None:
        """Insert every table's rows, the events of the undated mentions (each an event
        alone, its id already in the mention row) and queue `pending` merge keys, in
        one script: each statement the Python client runs takes the GIL back several
        times, which costs up to a thread switch interval each while another thread
        runs Python."""
        names, script = [], []

        def view(rows: pa.Table, kind: str) -> str:
            name = f"_tidings_{kind}_{next(_tmp_names)}"
            self.con.register(name, rows)
            names.append(name)
            return name

        for table, rows in batch.tables.items():
            if not len(rows):
                continue
            script.append(_insert_sql(table, view(rows, "batch")))
            if table == "event_mentions" and len(batch.events):
                script.append(_insert_sql("events", view(batch.events, "events")))
        if pending:
            name = view(pa.table({"merge_key": pa.array(pending, pa.string())}), "pending")
            script.append(f"INSERT INTO pending_merge SELECT merge_key FROM {name}")
        try:
            if script:
                self._run("; ".join(script))
        finally:
            for name in names:
                self.con.unregister(name)

    def finish_merges(self) -> int:
        """Merge every event whose mentions changed since the last merge, in one
        transaction (an ingest calls this at its end, and again after a crash)."""
        keys = self._pending_keys()
        if not keys:
            return 0
        with self._transaction("merging events"):
            self._remerge(keys)
            self._run("DELETE FROM pending_merge")
        return len(keys)

    def _pending_keys(self) -> set[str]:
        return {r[0] for r in self.con.execute(
            "SELECT DISTINCT merge_key FROM pending_merge").fetchall()}

    def _delete_articles(self, hashes: list[str]) -> set[str]:
        view = self._keys_view(hashes)
        try:
            keys = {r[0] for r in self.con.execute(
                f"SELECT DISTINCT merge_key FROM event_mentions "
                f"WHERE day IS NOT NULL AND article_hash IN (SELECT k FROM {view})").fetchall()}
            # The events of undated mentions are theirs alone (merge rule 2); the
            # others are rebuilt from the remaining mentions of their keys.
            self._run(f"DELETE FROM events WHERE day IS NULL AND representative_mention IN "
                      f"(SELECT mention_id FROM event_mentions WHERE day IS NULL AND "
                      f"article_hash IN (SELECT k FROM {view}))")
            for table in [*PER_ARTICLE, "errors"]:
                self._run(f"DELETE FROM {table} WHERE article_hash IN "
                                 f"(SELECT k FROM {view})")
            self._run(f"DELETE FROM articles WHERE hash IN (SELECT k FROM {view})")
        finally:
            self.con.unregister(view)
        return keys

    def _remerge(self, keys: set[str]) -> None:
        """Rebuild the merged events of the dated mentions of these merge keys from all
        of them. (An undated mention is an event alone, merge rule 2: its event is
        written with it, see `_insert_all`, and stays as it is here; one without an
        event, which an older tidings left pending, gets it here.)

        A dated mention alone under its key has its event row and id built in SQL alone
        (`_single_events_select`). The others are planned in Python, which reads only
        the columns the merge rule looks at (merge.PLAN_COLUMNS); SQL copies the rest of
        each row from the planned mentions, so no full mention row travels through Python.
        """
        if not keys:
            return
        view = self._keys_view(keys)
        singles_name = f"_tidings_singles_{next(_tmp_names)}"
        contexts_name = f"_tidings_contexts_{next(_tmp_names)}"
        plans_name = f"_tidings_plans_{next(_tmp_names)}"
        assign_name = f"_tidings_assign_{next(_tmp_names)}"
        in_keys = f"merge_key IN (SELECT k FROM {view})"
        try:
            # (mention_id, event_id) of the lone mentions whose id SQL can compute.
            singles = self._arrow(_SINGLES_SQL.format(keys=in_keys))
            self.con.register(singles_name, singles)
            slim = self._arrow(
                f"SELECT {', '.join(merge.PLAN_COLUMNS)} FROM event_mentions WHERE {in_keys} "
                f"AND (day IS NOT NULL OR event_id IS NULL) "
                f"AND mention_id NOT IN (SELECT mention_id FROM {singles_name})")
            plans, assignment = merge.plan(slim.to_pylist())  # dicts built by Arrow, in C
            raw = [r[0] for r in self.con.execute(
                f"SELECT DISTINCT coalesce(m.context::VARCHAR, '') FROM {singles_name} s "
                f"JOIN event_mentions m ON m.mention_id = s.mention_id").fetchall()]
            self.con.register(contexts_name, pa.table({
                "raw": pa.array(raw, pa.string()),
                "context": pa.array([merge.event_context(r) for r in raw], pa.string())}))
            self._run(f"DELETE FROM events WHERE day IS NOT NULL AND {in_keys}")
            if plans:
                self.con.register(plans_name, pa.Table.from_pylist(plans, schema=_PLAN_SCHEMA))
                self._run(f"INSERT INTO events {_events_select(plans_name)}")
            if len(singles):
                self._run("INSERT INTO events " + _single_events_select(
                    f"{singles_name} s JOIN event_mentions m ON m.mention_id = s.mention_id",
                    "s.event_id", contexts_name))
            self.con.register(assign_name, pa.concat_tables([singles, pa.table({
                "mention_id": pa.array(list(assignment), pa.string()),
                "event_id": pa.array(list(assignment.values()), pa.string())})]))
            self._run(f"UPDATE event_mentions SET event_id = a.event_id FROM {assign_name} a "
                      f"WHERE event_mentions.mention_id = a.mention_id")
        finally:
            for name in (view, singles_name, contexts_name, plans_name, assign_name):
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


# Printable ASCII but `"` and `\\`: what JSON (ensure_ascii) writes unchanged between quotes.
_PLAIN = r"""'[ !#-\[\]-~]*'"""
# Mentions each an event alone, of the keys matching {keys}: a key's only dated mention,
# and an undated mention without an event yet (a store a killed run of an older
# tidings left, which wrote no event with it), with the id merge.event_id gives them:
# sha256 of json.dumps([key, mention_id]), spelled in SQL for keys and ids that JSON
# writes as they are (any other goes through merge.plan).
_ID_SQL = "substr(sha256('[\"' || merge_key || '\", \"' || {m} || '\"]'), 1, 24)"
_SINGLES_SQL = (
    f"SELECT any_value(mention_id) AS mention_id, {_ID_SQL.format(m='any_value(mention_id)')} "
    "AS event_id FROM event_mentions WHERE day IS NOT NULL AND {keys} GROUP BY merge_key "
    f"HAVING count(*) = 1 AND regexp_full_match(merge_key, {_PLAIN}) "
    f"AND regexp_full_match(any_value(mention_id), {_PLAIN}) "
    f"UNION ALL SELECT mention_id, {_ID_SQL.format(m='mention_id')} FROM event_mentions "
    "WHERE day IS NULL AND event_id IS NULL AND {keys} "
    f"AND regexp_full_match(merge_key, {_PLAIN}) AND regexp_full_match(mention_id, {_PLAIN})")


def _single_events_select(mentions: str, event_id: str, contexts: str) -> str:
    """SELECT building `events` rows, in table order, of mentions that are each an event
    alone: merge.event_row of one mention, which is the mention's own columns with its
    context from `contexts` (raw -> event's). `mentions` is the FROM clause naming the
    mentions `m`, `event_id` the expression giving each one's event id. (The same
    rows as rows._lone_events builds in Arrow.)"""
    derived = {
        "event_id": event_id, "context": "c.context",
        "is_root": "coalesce(m.in_lead, false)", "num_mentions": "1", "num_articles": "1",
        "num_sources": "1", "first_published": "nullif(m.published, '')",
        "source_url": "nullif(m.url, '')", "representative_mention": "m.mention_id"}
    cols = ", ".join(derived.get(c, f'm."{c}"') for c in columns("events"))
    return (f"SELECT {cols} FROM {mentions} "
            f"JOIN {contexts} c ON c.raw = coalesce(m.context::VARCHAR, '')")


def _insert_sql(table: str, view: str) -> str:
    """INSERT of every row of `view` into `table` (an error already stored is skipped:
    the same broken input read again adds nothing)."""
    if table == "errors":
        return (f"INSERT INTO errors SELECT * FROM {view} b WHERE NOT EXISTS "
                f"(SELECT 1 FROM errors e WHERE e.error_key = b.error_key)")
    return f"INSERT INTO {table} SELECT * FROM {view}"


def write_failed(exc: BaseException, path: str, what: str) -> StoreError:
    """The StoreError for a DuckDB or OS error while `what` on the store at `path`: a
    full disk (or quota) says so in the words a user searches for, anything else keeps
    DuckDB's message."""
    full = _disk_full(exc)
    if full:
        return StoreError(f"cannot write to {path}: {full}")
    text = str(exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    return StoreError(f"{what} failed ({first})", origin=path)


def _disk_full(exc: BaseException) -> str | None:
    """"no space left on device" (or "disk quota exceeded") when that is what `exc`,
    an OSError or a DuckDB error quoting one, says; else None."""
    for code in (errno.ENOSPC, errno.EDQUOT):
        if getattr(exc, "errno", None) == code or os.strerror(code) in str(exc):
            return os.strerror(code).lower()
    return None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
