"""A Parquet lake of coded news: its layout, and loading it into a store.

Many coding workers write it at once with no single writer (tidings.run.lake_sink);
this module reads it: `load_lake` into a DuckDB store, `lake_store` into one in memory.

Layout (one folder per store table, Hive-style partitions by publication month):

    LAKE/lake.json                                   format marker and schema version
    LAKE/<table>/year=YYYY/month=MM/part-<id>.parquet
    LAKE/<table>/year=unknown/month=unknown/...      no publication date, unreadable input

`<table>` is each per-article table of the store (articles, event_mentions, actors,
quotes, places, dates, casualties, sources_cited, errors) with exactly the store's
columns (tidings.store.schema). Events are stored one row per event *mention*
(`event_mentions/`); merging mentions into events across articles needs them all,
so it happens when the lake is read: `tidings query --lake` and `tidings load`
merge with the store's own rule, giving the same events a `tidings ingest` would.

Each task writes its own part files, named by a digest of the articles it coded, so
a re-run of the same input rewrites the same files rather than adding copies; files
are written under a temporary name and renamed, so a killed worker leaves no half file.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tqdm import tqdm

from ..errors import StoreError
from ..models import DocumentError
from .db import Store
from .rows import RowBatch, error_rows
from .schema import SCHEMA_VERSION, TABLES, columns

MARKER = "lake.json"
UNKNOWN = "year=unknown/month=unknown"


def lake_tables() -> list[str]:
    """Store tables the lake holds: all but the merged `events` (built on read)."""
    return [t for t in TABLES if t != "events"]


def partition_of(published: str | None) -> str:
    """"year=YYYY/month=MM" of an ISO publication time, else the unknown partition."""
    if published and len(published) >= 7 and published[:4].isdigit() \
            and published[5:7].isdigit():
        return f"year={published[:4]}/month={published[5:7]}"
    return UNKNOWN


def check_lake(lake: Path) -> None:
    """Raise StoreError unless `lake` holds a lake of this schema version."""
    marker = lake / MARKER
    if not marker.is_file():
        raise StoreError(f"not a tidings lake (no {MARKER}); write one with "
                         "`tidings ingest PATH --lake DIR`", origin=str(lake))
    found = json.loads(marker.read_text()).get("schema_version")
    if found != SCHEMA_VERSION:
        raise StoreError(f"lake schema version {found}, this tidings reads "
                         f"{SCHEMA_VERSION}", origin=str(lake))


def parts(lake: str | Path) -> list[str]:
    """Every "partition/part" name in the lake, in a stable order."""
    lake = Path(lake)
    names = set()
    for table in lake_tables():
        root = lake / table
        if root.is_dir():
            names |= {str(p.relative_to(root)) for p in root.glob("*/*/*.parquet")
                      if not p.name.startswith(".")}
    return sorted(names)


# Parts loaded in one transaction: DuckDB reads many small Parquet files at ~0.2 ms
# each, so a load over few, large statements is fast (a lake from 32-document tasks
# has ~9 files per task); a killed load loses at most this many parts' work.
LOAD_PARTS = 2000


def load_lake(lake: str | Path, store: Store, progress: bool = False) -> dict[str, int]:
    """Write every part of the lake into an open Store, read by DuckDB straight from
    the Parquet files, one transaction per `LOAD_PARTS` parts (in name order); events
    are merged once at the end (`Store.finish_merges`; the keys wait in
    `pending_merge`, committed with their mentions, so a killed load finishes when
    run again).

    Articles already in the store (same content hash), in this lake twice (the part
    first by name is kept), or missing their article row are skipped with all their
    rows, so loading twice changes nothing. When DuckDB cannot read some file of a
    group, the group is loaded part by part: a part it cannot read is left out and
    recorded in `errors` (stage "load", the file as origin), and the load goes on.
    """
    lake = Path(lake)
    check_lake(lake)
    names = parts(lake)
    out = {"parts": len(names), "articles": 0, "skipped": 0, "unreadable_parts": 0}
    with tqdm(total=len(names), disable=not progress, unit="part", desc="load",
              file=sys.stderr) as bar:
        for lo in range(0, len(names), LOAD_PARTS):
            group = names[lo:lo + LOAD_PARTS]
            try:
                kept, found = _load_parts(store, lake, group)
            except StoreError:  # some file is unreadable: find it, keep the others
                kept = found = 0
                for name in group:
                    try:
                        k, f = _load_parts(store, lake, [name])
                        kept, found = kept + k, found + f
                    except StoreError as exc:
                        out["unreadable_parts"] += 1
                        _record_unreadable(store, lake, name, exc)
            out["articles"] += kept
            out["skipped"] += found - kept
            bar.update(len(group))
    store.finish_merges()
    return out


def _load_parts(store: Store, lake: Path, names: list[str]) -> tuple[int, int]:
    """Load these parts ("partition/part-....parquet") in one transaction: (articles
    kept, article rows found). Each file is read once."""
    def source(table: str) -> str | None:
        files = [str(lake / table / n) for n in names if (lake / table / n).is_file()]
        if not files:
            return None
        listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
        # `part`: "partition/part-....parquet", the same for every table of one task
        return (f"(SELECT * EXCLUDE (filename), regexp_extract(filename, "
                f"'([^/\\\\]+[/\\\\][^/\\\\]+[/\\\\][^/\\\\]+)$', 1) AS part "
                f"FROM read_parquet([{listed}], filename = true, file_row_number = true))")

    articles = source("articles")
    if articles is None:  # parts of errors alone (unreadable or failed documents)
        if source("errors") is None:
            return 0, 0
        articles = ("(SELECT *, 0::BIGINT AS file_row_number, NULL::VARCHAR AS part "
                    "FROM articles WHERE false)")
    src, keep, new = "_tidings_lake_src", "_tidings_lake_keep", "_tidings_lake_new"
    what = f"loading {names[0]}" + (f" and {len(names) - 1} more parts" if len(names) > 1
                                    else "") + f" of {lake}"
    with store._transaction(what):
        store._run(f"CREATE OR REPLACE TEMP TABLE {src} AS SELECT * FROM {articles}")
        store._run(f"CREATE OR REPLACE TEMP TABLE {keep} AS SELECT hash, min(part) AS part "
                   f"FROM {src} WHERE hash NOT IN (SELECT hash FROM articles) GROUP BY hash")
        found = store._one(f"SELECT count(*) FROM {src}")[0]
        for table in lake_tables():
            rows = src if table == "articles" else source(table)
            if rows is None:
                continue
            key = "hash" if table == "articles" else "article_hash"
            cols = ", ".join(f'x."{c}"' for c in columns(table))
            mine = f"EXISTS (SELECT 1 FROM {keep} k WHERE k.hash = x.{key} AND k.part = x.part)"
            if table == "errors":  # an error without an article is kept once per key
                select = (f"SELECT {cols} FROM {rows} x WHERE (x.article_hash IS NULL "
                          f"OR {mine}) AND NOT EXISTS (SELECT 1 FROM errors e "
                          f"WHERE e.error_key = x.error_key) QUALIFY row_number() OVER "
                          f"(PARTITION BY x.error_key ORDER BY x.part) = 1")
            else:
                select = f"SELECT {cols} FROM {rows} x WHERE {mine}"
            select += " ORDER BY x.part, x.file_row_number"
            if table == "event_mentions":  # their merge keys wait for finish_merges
                store._run(f"CREATE OR REPLACE TEMP TABLE {new} AS {select}")
                store._run(f"INSERT INTO event_mentions SELECT * FROM {new}")
                store._run(f"INSERT INTO pending_merge SELECT DISTINCT merge_key FROM {new}")
            else:
                store._run(f"INSERT INTO {table} {select}")
        kept = store._one(f"SELECT count(*) FROM {keep}")[0]
        store._run(f"DROP TABLE IF EXISTS {src}; DROP TABLE IF EXISTS {keep}; "
                   f"DROP TABLE IF EXISTS {new}")
    return kept, found


def _record_unreadable(store: Store, lake: Path, name: str, exc: StoreError) -> None:
    """An `errors` row for a part file that could not be loaded."""
    when = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    reason = str(exc.__cause__ or exc).splitlines()[0]  # DuckDB's, naming the file
    error = DocumentError(stage="load", message=f"unreadable lake part: {reason}",
                          origin=f"{lake} part {name}")
    store.write_batch(RowBatch.of({"errors": error_rows([error], None, when)}).to_arrow())


@contextmanager
def lake_store(lake: str | Path) -> Iterator[Store]:
    """The lake loaded into an in-memory store (events merged), for reading queries."""
    if not Path(lake).is_dir():
        raise StoreError("no such lake folder", origin=str(lake))
    store = Store.open(":memory:", create=True)
    try:
        load_lake(lake, store)
        store.path = str(lake)
        yield store
    finally:
        store.close()
