"""A Parquet lake of coded news, written by many workers at once with no single writer.

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
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import StoreError
from .models import ReadResult
from .parallel import (
    LAKE_BATCH,
    Rows,
    coded_rows,
    failed_rows,
    map_ordered,
    retry_singly,
    window_for,
    worker_coder,
)

MARKER = "lake.json"
UNKNOWN = "year=unknown/month=unknown"


def lake_tables() -> list[str]:
    """Store tables the lake holds: all but the merged `events` (built on read)."""
    from .store.schema import TABLES

    return [t for t in TABLES if t != "events"]


def partition_of(published: str | None) -> str:
    """"year=YYYY/month=MM" of an ISO publication time, else the unknown partition."""
    if published and len(published) >= 7 and published[:4].isdigit() \
            and published[5:7].isdigit():
        return f"year={published[:4]}/month={published[5:7]}"
    return UNKNOWN


def _mark(lake: Path) -> None:
    from .store.schema import SCHEMA_VERSION

    lake.mkdir(parents=True, exist_ok=True)
    marker = lake / MARKER
    if not marker.exists():
        marker.write_text(json.dumps({"format": "tidings-lake",
                                      "schema_version": SCHEMA_VERSION}) + "\n")


def _check(lake: Path) -> None:
    from .store.schema import SCHEMA_VERSION

    marker = lake / MARKER
    if not marker.is_file():
        raise StoreError(f"not a tidings lake (no {MARKER}); write one with "
                         "`tidings ingest PATH --lake DIR`", origin=str(lake))
    found = json.loads(marker.read_text()).get("schema_version")
    if found != SCHEMA_VERSION:
        raise StoreError(f"lake schema version {found}, this tidings reads "
                         f"{SCHEMA_VERSION}", origin=str(lake))


def write_part(rows: Rows, lake: str | Path) -> dict[str, int]:
    """Write one task's rows as part files (one per table and partition); row counts back."""
    import pyarrow.parquet as pq

    from .store.schema import to_arrow

    lake = Path(lake)
    where = {a["hash"]: partition_of(a.get("published")) for a in rows.get("articles", [])}
    keys = sorted(where) + sorted(e["error_key"] for e in rows.get("errors", []))
    part = "part-" + hashlib.sha256("\n".join(keys).encode()).hexdigest()[:20] + ".parquet"
    counts: dict[str, int] = {}
    for table in lake_tables():
        by_partition: dict[str, list[dict[str, Any]]] = {}
        for row in rows.get(table, []):
            h = row.get("hash") if table == "articles" else row.get("article_hash")
            by_partition.setdefault(where.get(h, UNKNOWN), []).append(row)
        for partition, items in by_partition.items():
            folder = lake / table / partition
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".{part}.{os.getpid()}.tmp"
            pq.write_table(to_arrow(table, items), tmp)
            os.replace(tmp, folder / part)
        counts[table] = len(rows.get(table, []))
    return counts


def lake_chunk(todo: list[tuple[str, ReadResult]], errors: list[dict[str, Any]],
               min_confidence: float, now: dt.datetime, lake: str,
               coder: Any = None) -> dict[str, int]:
    """Worker side of `tidings ingest --lake`: code, then write this task's part files."""
    rows = coded_rows(todo, coder or worker_coder(), min_confidence, now).as_rows() \
        if todo else {"errors": []}
    rows["errors"] = errors + rows.get("errors", [])
    return write_part(rows, lake)


def ingest_lake(results: Iterable[ReadResult], lake: str | Path, min_confidence: float = 0.0,
                batch_size: int = LAKE_BATCH, coder: Any = None, workers: int = 1,
                executor: Executor | None = None, progress: bool = False) -> Any:
    """Code `results` into the Parquet lake at `lake`; an IngestReport back.

    Repeats within the run are skipped (content hash); across runs they are skipped
    when the lake is loaded. `report.after` counts the rows this run wrote.
    """
    import time

    from .parallel import process_pool
    from .store.ingest import IngestReport, _batches, _now, _progress, _select

    if executor is None and workers > 1:
        with process_pool(workers) as pool:
            return ingest_lake(results, lake, min_confidence, batch_size, coder,
                               executor=pool, progress=progress)
    started = time.monotonic()
    lake = Path(lake)
    _mark(lake)
    report = IngestReport(db=str(lake))
    totals = {"articles": 0, "events": 0, "event_mentions": 0, "errors": 0}
    seen: set[str] = set()

    def jobs() -> Iterator[tuple[list, list, int, dt.datetime]]:
        for batch in _batches(results, batch_size):
            now = _now()
            todo, rows = _select(None, batch, seen, report, False, now)
            yield todo, rows["errors"], len(batch), now

    def done(todo: list, counts: dict[str, int] | BaseException, now: dt.datetime) -> None:
        if isinstance(counts, BaseException):
            if len(todo) > 1:  # send the documents again one at a time: pin the failure
                for item, part in retry_singly(executor, lake_chunk, todo, [],
                                               min_confidence, now, str(lake)):
                    done([item], part, now)
                return
            # The one document at fault: its error row is written here, as a part.
            counts = write_part(failed_rows(todo, counts, now, keyed=False), lake)
        else:
            report.coded += len(todo)
        report.errors += counts.get("errors", 0)
        totals["articles"] += counts.get("articles", 0)
        totals["event_mentions"] += counts.get("event_mentions", 0)
        totals["errors"] += counts.get("errors", 0)

    with _progress(None, progress) as bar:
        if executor is None:
            from .nlp import Coder

            for todo, errors, n, now in jobs():
                if todo and coder is None:
                    coder = Coder()
                done(todo, lake_chunk(todo, errors, min_confidence, now, str(lake), coder), now)
                bar.update(n)
        else:
            for (todo, errors, n, now), counts in map_ordered(
                    executor, lake_chunk, jobs(), window=window_for(executor),
                    args_of=lambda j: (j[0], j[1], min_confidence, j[3], str(lake))):
                if isinstance(counts, BaseException) and errors:
                    write_part({"errors": errors}, lake)  # the batch's unreadable ones
                done(todo, counts, now)
                bar.update(n)
    totals["events"] = totals["event_mentions"]
    report.after = totals
    report.seconds = round(time.monotonic() - started, 3)
    return report


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


def load_lake(lake: str | Path, store: Any, progress: bool = False) -> dict[str, int]:
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
    from tqdm import tqdm

    lake = Path(lake)
    _check(lake)
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


def _load_parts(store: Any, lake: Path, names: list[str]) -> tuple[int, int]:
    """Load these parts ("partition/part-....parquet") in one transaction: (articles
    kept, article rows found). Each file is read once."""
    from .store.schema import columns

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


def _record_unreadable(store: Any, lake: Path, name: str, exc: StoreError) -> None:
    """An `errors` row for a part file that could not be loaded."""
    import datetime as dt

    from .models import DocumentError
    from .store.rows import error_rows

    when = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    reason = str(exc.__cause__ or exc).splitlines()[0]  # DuckDB's, naming the file
    error = DocumentError(stage="load", message=f"unreadable lake part: {reason}",
                          origin=f"{lake} part {name}")
    store.write_batch({"errors": error_rows([error], None, when)})


@contextmanager
def lake_store(lake: str | Path) -> Iterator[Any]:
    """The lake loaded into an in-memory store (events merged), for reading queries."""
    from .store.db import Store

    if not Path(lake).is_dir():
        raise StoreError("no such lake folder", origin=str(lake))
    store = Store.open(":memory:", create=True)
    try:
        load_lake(lake, store)
        store.path = str(lake)
        yield store
    finally:
        store.close()
