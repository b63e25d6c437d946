"""The store sink: coded rows into a DuckDB store, through its BatchWriter.

Articles already in the store (same content hash) are not coded again unless
`recode` is set, so re-running an ingest changes nothing and resuming a killed one
only codes what is missing.
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from ..models import ReadResult
from ..store.db import Store
from ..store.rows import ArrowBatch, RowBatch
from ..store.writer import BatchWriter
from .driver import Job, Part, drive
from .executors import worker_coder
from .options import CODE_BATCH, RunOptions
from .rows import IngestReport, Todo, coded_rows, failed_errors, progress_bar, select_new, utc_now


def rows_chunk(todo: Todo, min_confidence: float, now: dt.datetime,
               coder: Any = None) -> ArrowBatch:
    """One task of `tidings ingest` (in a worker, or here with `coder`): code, build the
    rows and convert them to Arrow, so the one process writing the store only appends."""
    if not todo:  # nothing new in this batch: do not load a model for it
        return ArrowBatch.empty()
    return coded_rows(todo, coder or worker_coder(), min_confidence, now).to_arrow()


def _errors_batch(errors: list[dict[str, Any]]) -> ArrowBatch:
    return RowBatch.of({"errors": errors}).to_arrow()


class StoreSink:
    """New articles coded into rows queued on `writer`, in input order."""

    def __init__(self, store: Store, writer: BatchWriter, options: RunOptions,
                 report: IngestReport, bar: Any):
        self.store, self.writer, self.options = store, writer, options
        self.report, self.bar = report, bar
        self.batch_size = options.batch(CODE_BATCH)
        self.seen: set[str] = set()  # hashes selected so far: a repeat is skipped

    def task(self) -> Callable[..., ArrowBatch]:
        return rows_chunk

    def select(self, batch: list[ReadResult]) -> Job:
        now = utc_now()
        known = None if self.options.recode else self.store.known_hashes
        todo, errors = select_new(batch, known, self.seen, self.report, now)
        # Only the articles to code travel to a worker; the batch's error rows stay here.
        return Job(todo, len(batch), (self.options.min_confidence, now), kept=errors)

    def take(self, job: Job, parts: list[Part]) -> tuple[()]:
        now = job.args[1]
        for i, (done, out) in enumerate(parts):
            failed = isinstance(out, BaseException)
            if not failed:
                self.report.coded += len(done)
            self._queue(job.kept if i == 0 else [],
                        _errors_batch(failed_errors(done, out, now)) if failed else out,
                        job.read if i == len(parts) - 1 else 0,
                        [h for h, _ in done] if self.options.recode and not failed else [])
        self.bar.update(job.read)
        return ()

    def _queue(self, errors: list[dict[str, Any]], rows: ArrowBatch, n_docs: int,
               replace: list[str]) -> None:
        """Queue one batch: its own error rows (unreadable documents), then its coded
        rows, which replace the stored rows of `replace` (recoding)."""
        self.report.errors += len(errors) + rows.count("errors")
        if errors:
            self.writer.add(_errors_batch(errors), 0)
        self.writer.add(rows, n_docs, replace=replace)


def _counts(store: Store) -> dict[str, int]:
    return {t: store.count(t) for t in ("articles", "events", "event_mentions", "errors")}


def _inputs(store: Store, paths: list[str], results: Iterable[ReadResult] | None,
            options: RunOptions) -> tuple[Iterable[ReadResult], int | None]:
    """What to code (read from `paths`, given, or with `recode` and neither, every
    stored article) and how many documents that is, when the progress bar wants it."""
    if results is None and not paths:
        if not options.recode:
            raise ValueError("nothing to ingest: give paths, or recode to code the "
                             "stored articles again")
        results = [ReadResult(a) for a in store.stored_articles()]
    total = None
    if options.progress:  # an exact total gives the bar its ETA; reading is cheap next to NLP
        if results is None:  # feed items counted, not fetched: one document each either way
            total = sum(1 for _ in RunOptions.of(options, follow=False).read(paths))
        elif isinstance(results, list):
            total = len(results)
    return (options.read(paths) if results is None else results), total


def ingest_store(paths: Iterable[str], db: str | Path, options: RunOptions,
                 results: Iterable[ReadResult] | None = None, coder: Any = None,
                 executor: Executor | None = None) -> IngestReport:
    """Read, code and store every document under `paths` (or `results`) into the store
    at `db`, in transactions of up to WRITE_DOCS documents (see tidings.run.ingest)."""
    started = time.monotonic()
    with Store.open(db, create=True) as store:
        report = IngestReport(db=str(db), before=_counts(store))
        results, total = _inputs(store, list(paths), results, options)
        store.finish_merges()  # what a killed run left unmerged
        # Leaving the block waits until the writer threads have committed everything,
        # the merge of every touched key included (in the last transaction).
        with BatchWriter(store, merge_at_close=True) as writer, \
                progress_bar(total, options.progress) as bar:
            sink = StoreSink(store, writer, options, report, bar)
            for _ in drive(results, sink, options, coder, executor):
                pass
        # Events are merged once, over every touched merge key, not per batch: the
        # mentions are already safe on disk, and merging is order-independent. The
        # writer did it in its last transaction, so normally nothing is left here.
        store.finish_merges()
        report.after = _counts(store)
    report.seconds = round(time.monotonic() - started, 3)
    return report
