"""read -> code -> store, in batches, each batch one transaction.

Articles already in the store (same content hash) are not coded again unless
`recode` is set, so re-running an ingest changes nothing and resuming a killed one
only codes what is missing.
"""
from __future__ import annotations

import datetime as dt
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import pyarrow as pa

from ..models import ReadResult
from ..parallel import default_batch_size
from .db import Store
from .rows import ArrowBatch, RowBatch, Rows, content_hash, error_rows

# Coded batches are written together, one transaction per this many documents or per
# this many seconds since the last one, whichever comes first: a commit costs about as
# much as writing 100 articles' rows, and a killed run loses at most what it had not
# committed yet, which the re-run codes again.
WRITE_DOCS = 512
WRITE_SECONDS = 2.0


# While a writer thread runs, Python hands the GIL between threads every this many
# seconds (instead of every 5 ms). DuckDB's Python client gives the GIL up and takes it
# back several times per call (register, execute, commit: ~6 each), and each time back
# waits for the caller's thread to reach a switch, so at 5 ms a write of one batch took
# ~0.3 s longer while the caller built rows (a register + unregister: 34 ms against 1 ms
# alone). The caller pays only when the writer asks for the GIL, which is rarely.
WRITER_SWITCH_INTERVAL = 0.0001
_switching = threading.Lock()
_switch_users: list[float] = []  # the interval each open writer found, first one first


def _writer_switching(start: bool) -> None:
    """Shorten the interpreter's switch interval while any writer thread runs, and put
    the one found back when the last ends."""
    with _switching:
        if start:
            _switch_users.append(sys.getswitchinterval())
            if sys.getswitchinterval() > WRITER_SWITCH_INTERVAL:
                sys.setswitchinterval(WRITER_SWITCH_INTERVAL)
        elif _switch_users:
            found = _switch_users.pop()
            if not _switch_users:
                sys.setswitchinterval(found)


@dataclass
class IngestReport:
    """What one ingest did; `tidings ingest` prints it."""
    db: str
    read: int = 0            # documents the readers yielded (with or without an article)
    coded: int = 0           # articles coded and stored (new or recoded)
    skipped: int = 0         # already stored (same content hash), or repeated in the input
    unreadable: int = 0      # documents with no article, only errors
    errors: int = 0          # error rows written (read + code stages)
    seconds: float = 0.0
    before: dict[str, int] = field(default_factory=dict)
    after: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def coder_version(coder: Any) -> str:
    from .. import __version__

    meta = getattr(getattr(coder, "nlp", None), "meta", {}) or {}
    return f"tidings {__version__}; {meta.get('lang', 'en')}_{meta.get('name', '?')} " \
           f"{meta.get('version', '?')}"


# Writer threads, each with its own connection: while one commits a batch (DuckDB
# writing its log), the next batch is inserted on the other; commits stay in order.
# Two made the database writer ~1.4x faster here (bench/store_write.py --prebuilt).
WRITERS = 2


class _Dropped(Exception):
    """A batch queued behind a failed one: rolled back, never committed."""


class BatchWriter:
    """Collects coded batches and writes them to the store, one transaction per
    `docs` documents or `seconds` seconds (see WRITE_DOCS). Merging is deferred to
    `Store.finish_merges`, or with `merge_at_close` to the last transaction, which
    merges every pending key (what `tidings ingest` does: one commit fewer).

    With `threaded` (the default) the transactions run on `writers` background threads,
    each with its own connection (`Store.handle`), so the caller builds the next
    batch's rows and converts them to Arrow (Python, holding the GIL) while DuckDB
    inserts and commits earlier ones (it releases the GIL while it executes; see
    WRITER_SWITCH_INTERVAL for what lets it take the GIL back promptly). Batches are
    inserted side by side but committed one at a time in the order they were handed
    over, and the merging transaction starts only once every earlier batch is
    committed, so it sees all of them. At most `QUEUE` batches wait for a thread; `add`
    blocks when they do. A batch whose values its columns cannot hold fails in the
    `add` (or `flush`) that converts it, and nothing of it is written. Each batch is
    one transaction with its `pending_merge` keys. The first failed write is raised in
    the caller (by `add`, `flush` or `close`), and nothing is committed after it: the
    failed batch is rolled back whole, and the ones behind it too, as a killed run's
    would be; the re-run codes them. An error row (stage, message, document) is
    handed over once per writer, since batches in flight together cannot see each
    other's rows. Use it as a context manager, or call `close`.
    """

    QUEUE = 1  # batches waiting for a writer thread

    def __init__(self, store: Store, docs: int = WRITE_DOCS, seconds: float = WRITE_SECONDS,
                 threaded: bool = True, merge_at_close: bool = False, writers: int = WRITERS):
        self.store, self.docs, self.seconds = store, docs, seconds
        self.merge_at_close = merge_at_close
        self._batch, self._replace, self._pending = RowBatch(), [], 0
        self._parts: list[ArrowBatch] = []  # queued rows already in Arrow, in order
        self._error_keys: set[str] = set()  # error rows handed over so far
        self._last = time.monotonic()
        # Time in write_batch and the CPU time of the threads running it, summed over
        # writer threads (not counting DuckDB's own worker threads), and time
        # converting rows to Arrow on the caller's thread, for benchmarks.
        self.write_seconds = self.write_cpu = self.convert_seconds = 0.0
        self._error: BaseException | None = None
        self._error_seq = 0  # the batch that failed with _error
        self._handed = 0    # batches handed to the writer threads
        self._finished = 0  # of those, committed or given up, always in order
        self._turns = threading.Condition()
        self._threads: list[threading.Thread] = []
        if threaded:
            self._queue: queue.Queue = queue.Queue(maxsize=self.QUEUE)
            self._targets = [store.handle() for _ in range(max(1, writers))]
            self._threads = [threading.Thread(target=self._run, args=(target,), daemon=True,
                                              name=f"tidings-store-writer-{i}")
                             for i, target in enumerate(self._targets)]
            _writer_switching(True)
            for thread in self._threads:
                thread.start()

    def add(self, rows: Rows | RowBatch | ArrowBatch, n_docs: int,
            replace: Iterable[str] = ()) -> None:
        """Queue the rows of `n_docs` documents (and the article hashes whose old rows
        they replace); hand everything queued to the writer once enough has gathered.
        A RowBatch given here belongs to the writer afterwards: do not change it. An
        ArrowBatch (what coding workers send) is joined to the others as it is."""
        self._check()
        if isinstance(rows, ArrowBatch):
            self._parts += self._converted()  # rows queued before it stay before it
            self._parts.append(rows)
        elif isinstance(rows, RowBatch):
            if self._batch.empty():  # the caller's batch as it is: no copy
                self._batch = rows
            else:
                self._batch.extend_batch(rows)
        else:
            self._batch.extend(rows)
        self._replace += replace
        self._pending += n_docs
        if self._pending >= self.docs or time.monotonic() - self._last >= self.seconds:
            self.flush()

    def flush(self, last: bool = False) -> None:
        """Hand everything queued to the writer as one transaction (written before this
        returns unless threaded; `close` waits for the threads). `last` with
        `merge_at_close`: that transaction also merges every pending key."""
        self._check()
        merge = last and self.merge_at_close
        if self._pending or self._parts or not self._batch.empty() or merge:
            # Converted to Arrow here: the writer threads then mostly wait on DuckDB,
            # which runs without the GIL, instead of taking turns with the caller's Python.
            parts = self._parts + self._converted()
            batch = self._new_errors(ArrowBatch.concat(parts) if parts
                                     else RowBatch().to_arrow())
            job = (self._handed, batch, self._replace, merge)
            self._handed += 1
            if not self._threads:
                self._write(self.store, job)
            else:
                self._queue.put(job)
        self._batch, self._parts, self._replace, self._pending = RowBatch(), [], [], 0
        self._last = time.monotonic()

    def _converted(self) -> list[ArrowBatch]:
        """The rows queued as tuples, converted to Arrow (none if there are none)."""
        if self._batch.empty():
            return []
        started = time.perf_counter()
        batch, self._batch = self._batch.to_arrow(), RowBatch()
        self.convert_seconds += time.perf_counter() - started
        return [batch]

    def _new_errors(self, batch: ArrowBatch) -> ArrowBatch:
        """`batch` without the error rows this writer has handed over already (the same
        unreadable input twice in one run), which no transaction in flight could see."""
        errors = batch.tables.get("errors")
        if errors is None:
            return batch
        keep = []
        for key in errors.column("error_key").to_pylist():
            keep.append(key not in self._error_keys)
            self._error_keys.add(key)
        if all(keep):
            return batch
        tables = {**batch.tables, "errors": errors.filter(pa.array(keep))}
        return ArrowBatch(tables, batch.merge_keys, batch.events)

    def close(self) -> None:
        """Write everything queued and wait until it is committed (with
        `merge_at_close`, merged too: what `Store.finish_merges` does, in the last
        transaction); raises the writer's error if a write failed."""
        try:
            self.flush(last=True)
        finally:
            self._stop()
        self._check()

    def _stop(self) -> None:
        """Let the threads finish what they were given, then end them (idempotent)."""
        if self._threads:
            for _ in self._threads:
                self._queue.put(None)
            try:
                for thread in self._threads:
                    thread.join()
            finally:
                self._threads = []
                _writer_switching(False)
                for target in self._targets:
                    target.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.close()
        else:  # the caller failed: what was handed over is written, the rest dropped
            self._stop()

    def _check(self) -> None:
        if self._error is not None:
            raise self._error

    def _write(self, target: Store, job: tuple[int, ArrowBatch, list[str], bool],
               turn: Callable[[], None] | None = None) -> None:
        started, cpu = time.perf_counter(), time.thread_time()
        _, batch, replace, merge = job
        try:
            target.write_batch(batch, replace=replace, defer_merge=True,
                               merge_pending=merge, before_commit=turn)
        finally:
            with self._turns:
                self.write_seconds += time.perf_counter() - started
                self.write_cpu += time.thread_time() - cpu

    def _behind_failure(self, seq: int) -> None:
        """Raise _Dropped if a batch handed over before `seq` failed."""
        if self._error is not None and self._error_seq < seq:
            raise _Dropped

    def _wait_turn(self, seq: int) -> None:
        """Block until every batch handed over before `seq` is committed or given up;
        raise _Dropped if one of them failed."""
        with self._turns:
            self._turns.wait_for(lambda: self._finished == seq)
            self._behind_failure(seq)

    def _run(self, target: Store) -> None:
        while (job := self._queue.get()) is not None:
            seq, merge = job[0], job[3]
            try:
                self._behind_failure(seq)
                if merge:  # the merge reads every mention: start after all are committed
                    self._wait_turn(seq)
                self._write(target, job, turn=lambda seq=seq: self._wait_turn(seq))
            except _Dropped:
                pass
            except BaseException as exc:  # noqa: BLE001 - re-raised in the caller
                with self._turns:  # the first batch that failed is the one reported
                    if self._error is None or seq < self._error_seq:
                        self._error, self._error_seq = exc, seq
            finally:
                with self._turns:  # the next batch may commit once this one has ended
                    self._turns.wait_for(lambda seq=seq: self._finished == seq)
                    self._finished = seq + 1
                    self._turns.notify_all()


def _batches(items: Iterable[ReadResult], size: int) -> Iterator[list[ReadResult]]:
    from ..parallel import chunked

    return chunked(items, size)


def _counts(store: Store) -> dict[str, int]:
    return {t: store.count(t) for t in ("articles", "events", "event_mentions", "errors")}


def _progress(total: int | None, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, disable=not enabled, file=sys.stderr, unit="doc",
                desc="ingest", dynamic_ncols=True)


def ingest(paths: Iterable[str], db: str | Path, published: str | None = None,
           recode: bool = False, batch_size: int | None = None,
           min_confidence: float = 0.0,
           progress: bool = False, coder: Any = None,
           results: Iterable[ReadResult] | None = None, workers: int = 1,
           executor: Executor | None = None, lake: str | Path | None = None,
           follow: bool = False, allow_private: bool = False) -> IngestReport:
    """Read, code and store every document under `paths` into the store at `db`.

    Each batch of `batch_size` documents is one transaction. Unreadable documents and
    coding failures become rows in `errors`, never exceptions. With `recode`, articles
    already stored are coded again with the current coder and their rows replaced;
    with `recode` and no paths, every stored article is. `results` replaces reading
    `paths` (the API and tests pass ReadResults directly). The coder is loaded only
    when some article needs coding.

    With `executor` (any concurrent.futures.Executor, e.g. a Dask client's) or
    `workers` > 1 (a process pool), each batch is coded in a worker process and only
    the writes happen here; the store ends up the same as with one process. With
    `lake`, nothing is written to `db`: the workers write a Parquet lake instead
    (see tidings.lake; `tidings load` brings it into a store). `follow` and
    `allow_private` go to the readers (RSS/Atom: fetch each item's link).
    """
    from functools import partial

    from ..readers import read_paths as read_all

    read_paths = partial(read_all, follow=follow, allow_private=allow_private)

    batch_size = batch_size or default_batch_size(lake)
    started = time.monotonic()
    paths = list(paths)
    if lake is not None:
        from ..lake import ingest_lake

        if results is None:
            if not paths:
                raise ValueError("nothing to ingest: give PATHs (--recode needs a store)")
            results = read_paths(paths, published=published)
        return ingest_lake(results, lake, min_confidence=min_confidence,
                           batch_size=batch_size, coder=coder, workers=workers,
                           executor=executor, progress=progress)
    if executor is None and workers > 1:
        from ..parallel import process_pool

        with process_pool(workers) as pool:
            return ingest(paths, db, published=published, recode=recode,
                          batch_size=batch_size, min_confidence=min_confidence,
                          progress=progress, coder=coder, results=results, executor=pool,
                          follow=follow, allow_private=allow_private)
    with Store.open(db, create=True) as store:
        report = IngestReport(db=str(db), before=_counts(store))
        if results is None and not paths:
            if not recode:
                raise ValueError("nothing to ingest: give PATHs, or --recode to re-code "
                                 "the stored articles")
            results = [ReadResult(a) for a in store.stored_articles()]
        total = None
        if progress:  # an exact total gives the bar its ETA; reading is cheap next to NLP
            if results is None:
                # (feed items counted, not fetched: one document each either way)
                total = sum(1 for _ in read_all(paths, published=published))
            elif isinstance(results, list):
                total = len(results)
        if results is None:
            results = read_paths(paths, published=published)
        seen: set[str] = set()
        store.finish_merges()  # what a killed run left unmerged
        # Leaving the block waits until the writer thread has committed everything, the
        # merge of every touched key included (in the last transaction).
        with BatchWriter(store, merge_at_close=True) as writer, \
                _progress(total, progress) as bar:
            if executor is not None:
                _store_parallel(store, writer, results, executor, batch_size, seen, report,
                                recode, min_confidence, bar)
            else:
                for batch in _batches(results, batch_size):
                    coder = _store_batch(store, writer, batch, seen, report, recode,
                                         min_confidence, coder)
                    bar.update(len(batch))
        # Events are merged once, over every touched merge key, not per batch: the
        # mentions are already safe on disk, and merging is order-independent. The
        # writer did it in its last transaction, so normally nothing is left here.
        store.finish_merges()
        report.after = _counts(store)
    report.seconds = round(time.monotonic() - started, 3)
    return report


def _store_batch(store: Store, writer: BatchWriter, batch: list[ReadResult], seen: set[str],
                 report: IngestReport, recode: bool, min_confidence: float,
                 coder: Any) -> Any:
    """Code what is new in one batch and queue its rows on `writer`; returns the coder."""
    now = _now()
    todo, rows = _select(store, batch, seen, report, recode, now)
    if todo:
        from ..parallel import coded_rows

        if coder is None:
            from ..nlp import Coder

            coder = Coder()
        coded = coded_rows(todo, coder, min_confidence, now)
        report.coded += len(todo)
    else:
        coded = {}
    _queue(writer, report, rows, coded, len(batch),
           replace=[h for h, _ in todo] if recode else ())
    return coder


def _queue(writer: BatchWriter, report: IngestReport, rows: Rows,
           coded: Rows | RowBatch | ArrowBatch, n_docs: int, replace: list[str]) -> None:
    """Queue one batch on `writer`: its own rows (errors of unreadable documents), then
    its coded rows, which come as dicts per table, as a RowBatch (tuples: cheaper to
    build), or as an ArrowBatch (what coding workers send: converted where they run)."""
    for part in (rows, coded):
        report.errors += part.count("errors") if not isinstance(part, dict) \
            else len(part.get("errors", []))
    if rows.get("errors"):
        writer.add(rows, 0)
    writer.add(coded, n_docs, replace=replace)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _select(store: Store | None, batch: list[ReadResult], seen: set[str],
            report: IngestReport, recode: bool,
            now: dt.datetime) -> tuple[list[tuple[str, ReadResult]], dict[str, list]]:
    """(content hash, result) of the batch's articles still to code, and error rows for
    its unreadable documents. Already stored (unless `recode`) or already seen in this
    run counts as skipped; `store` None means nothing is stored yet (a lake)."""
    hashes = {id(r): content_hash(r.article) for r in batch if r.article is not None}
    known = set() if recode or store is None else store.known_hashes(hashes.values())
    todo, rows = [], {"errors": []}
    for result in batch:
        report.read += 1
        if result.article is None:
            report.unreadable += 1
            rows["errors"] += error_rows(result.errors, None, now)
            continue
        h = hashes[id(result)]
        if h in known or h in seen:
            report.skipped += 1
            continue
        seen.add(h)
        todo.append((h, result))
    return todo, rows


def _store_parallel(store: Store, writer: BatchWriter, results: Iterable[ReadResult],
                    executor: Executor, batch_size: int, seen: set[str],
                    report: IngestReport, recode: bool, min_confidence: float,
                    bar: Any) -> None:
    """Batches coded on `executor`, queued on `writer` here in input order."""
    from ..parallel import failed_rows, map_ordered, retry_singly, rows_chunk, window_for

    def selected() -> Iterator[tuple[list[tuple[str, ReadResult]], dict, int, dt.datetime]]:
        for batch in _batches(results, batch_size):
            now = _now()
            todo, rows = _select(store, batch, seen, report, recode, now)
            yield todo, rows, len(batch), now

    # Only the articles to code travel to the workers; the batch's error rows stay here.
    for (todo, rows, n, now), out in map_ordered(
            executor, rows_chunk, selected(), window=window_for(executor),
            args_of=lambda job: (job[0], min_confidence, job[3])):
        # A chunk whose task failed (a worker killed, say) is sent again a document at
        # a time, so only the document at fault becomes an error row.
        parts = [(todo, out)]
        if isinstance(out, BaseException) and len(todo) > 1:
            parts = [([item], part) for item, part
                     in retry_singly(executor, rows_chunk, todo, min_confidence, now)]
        for i, (done, part) in enumerate(parts):
            failed = isinstance(part, BaseException)
            report.coded += 0 if failed else len(done)
            _queue(writer, report, rows if i == 0 else {"errors": []},
                   failed_rows(done, part, now) if failed else part,
                   n if i == len(parts) - 1 else 0,
                   replace=[h for h, _ in done] if recode and not failed else [])
        bar.update(n)


def summary(db: str | Path, report: IngestReport | None = None, top: int = 10) -> str:
    """A human summary of the store: sizes, events by type, top dyads, commands to try next."""
    with Store.open(db, read_only=True) as store:
        stats = store.stats()
        dyads = store.top_dyads(top)
    lines = []
    if report is not None:
        lines.append(f"read {report.read} documents in {report.seconds:.1f}s: "
                     f"{report.coded} coded, {report.skipped} already stored, "
                     f"{report.unreadable} unreadable")
    lines.append(f"store {db}: {stats['articles']} articles, {stats['events']} events "
                 f"({stats['event_mentions']} mentions), {stats['errors']} errors")
    if stats["events_by_type"]:
        lines.append("events by type:")
        lines += [f"  {t:<10} {n}" for t, n in stats["events_by_type"].items()]
    if dyads:
        lines.append("top dyads (source -> target):")
        lines += [f"  {d['source']} -> {d['target']}: {d['events']}" for d in dyads]
    first_type = next(iter(stats["events_by_type"]), "ASSAULT")
    lines += [
        "next:",
        f"  tidings stats --db {db}",
        f"  tidings query --db {db} --type {first_type} --limit 20",
        f"  tidings errors --db {db}",
        f"  tidings export --db {db} --format parquet --out events.parquet",
        f"  tidings export --db {db} --format gdelt --out events.gdelt.tsv",
    ]
    return "\n".join(lines)
