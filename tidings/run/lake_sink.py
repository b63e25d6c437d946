"""The lake sink: coded rows written by the workers themselves as Parquet part files
(the layout: tidings.store.lake_load), so no single process writes them all.

Each task writes its own part files, named by a digest of the articles it coded, so
a re-run of the same input rewrites the same files rather than adding copies; files
are written under a temporary name and renamed, so a killed worker leaves no half file.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from ..models import ReadResult
from ..store.lake_load import MARKER, UNKNOWN, lake_tables, partition_of
from ..store.rows import Rows
from ..store.schema import SCHEMA_VERSION, to_arrow
from .driver import Job, Part, drive
from .executors import worker_coder
from .options import LAKE_BATCH, RunOptions
from .rows import IngestReport, Todo, coded_rows, failed_errors, progress_bar, select_new, utc_now


def mark(lake: Path) -> None:
    """Make `lake` a lake: the folder and its format marker."""
    lake.mkdir(parents=True, exist_ok=True)
    marker = lake / MARKER
    if not marker.exists():
        marker.write_text(json.dumps({"format": "tidings-lake",
                                      "schema_version": SCHEMA_VERSION}) + "\n")


def write_part(rows: Rows, lake: str | Path) -> dict[str, int]:
    """Write one task's rows as part files (one per table and partition); row counts back."""
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


def lake_chunk(todo: Todo, errors: list[dict[str, Any]], min_confidence: float,
               now: dt.datetime, lake: str, coder: Any = None) -> dict[str, int]:
    """One task of `tidings ingest --lake` (in a worker, or here with `coder`): code,
    then write this task's part files, the batch's error rows with them."""
    rows = coded_rows(todo, coder or worker_coder(), min_confidence, now).as_rows() \
        if todo else {"errors": []}
    rows["errors"] = errors + rows.get("errors", [])
    return write_part(rows, lake)


class LakeSink:
    """New articles (repeats within the run skipped) coded into part files."""

    def __init__(self, lake: Path, options: RunOptions, report: IngestReport, bar: Any):
        self.lake, self.options, self.report, self.bar = lake, options, report, bar
        self.batch_size = options.batch(LAKE_BATCH)
        self.seen: set[str] = set()
        self.totals = {"articles": 0, "events": 0, "event_mentions": 0, "errors": 0}

    def task(self) -> Callable[..., dict[str, int]]:
        return lake_chunk

    def select(self, batch: list[ReadResult]) -> Job:
        now = utc_now()
        todo, errors = select_new(batch, None, self.seen, self.report, now)
        rest = (self.options.min_confidence, now, str(self.lake))
        # A document sent again alone writes no error rows of its batch: see `take`.
        return Job(todo, len(batch), (errors, *rest), retry_args=([], *rest), kept=errors)

    def take(self, job: Job, parts: list[Part]) -> tuple[()]:
        now = job.args[2]
        if job.kept and (len(parts) != 1 or isinstance(parts[0][1], BaseException)):
            write_part({"errors": job.kept}, self.lake)  # the batch's, its task having failed
        for done, counts in parts:
            if isinstance(counts, BaseException):
                # The one document at fault: its error row is written here, as a part.
                counts = write_part({"errors": failed_errors(done, counts, now, keyed=False)},
                                    self.lake)
            else:
                self.report.coded += len(done)
            self.report.errors += counts.get("errors", 0)
            for table in ("articles", "event_mentions", "errors"):
                self.totals[table] += counts.get(table, 0)
        self.bar.update(job.read)
        return ()


def ingest_lake(results: Iterable[ReadResult], lake: str | Path,
                options: RunOptions | None = None, *, coder: Any = None,
                executor: Executor | None = None, **changes: Any) -> IngestReport:
    """Code `results` into the Parquet lake at `lake`; an IngestReport back.

    Repeats within the run are skipped (content hash); across runs they are skipped
    when the lake is loaded. `report.after` counts the rows this run wrote. Options
    are `options` with `changes` (RunOptions field names).
    """
    options = RunOptions.of(options, **changes)
    started = time.monotonic()
    lake = Path(lake)
    mark(lake)
    report = IngestReport(db=str(lake))
    with progress_bar(None, options.progress) as bar:
        sink = LakeSink(lake, options, report, bar)
        for _ in drive(results, sink, options, coder, executor):
            pass
    sink.totals["events"] = sink.totals["event_mentions"]
    report.after = sink.totals
    report.seconds = round(time.monotonic() - started, 3)
    return report
