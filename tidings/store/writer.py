"""Writing coded rows to the store: batches gathered into transactions, written on
writer threads while the caller codes the next ones (`BatchWriter`)."""
from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Callable, Iterable
from typing import Self

import pyarrow as pa

from .db import Store
from .rows import ArrowBatch

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

    Rows come as ArrowBatches (`RowBatch.to_arrow`, done where they were built). With
    `threaded` (the default) the transactions run on `writers` background threads,
    each with its own connection (`Store.handle`), so the caller builds and converts
    the next batch's rows (Python, holding the GIL) while DuckDB inserts and commits
    earlier ones (it releases the GIL while it executes; see WRITER_SWITCH_INTERVAL
    for what lets it take the GIL back promptly). Batches are
    inserted side by side but committed one at a time in the order they were handed
    over, and the merging transaction starts only once every earlier batch is
    committed, so it sees all of them. At most `QUEUE` batches wait for a thread; `add`
    blocks when they do. Each batch is
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
        self._replace: list[str] = []
        self._pending = 0
        self._parts: list[ArrowBatch] = []  # queued rows, in order
        self._error_keys: set[str] = set()  # error rows handed over so far
        self._last = time.monotonic()
        # Time in write_batch and the CPU time of the threads running it, summed over
        # writer threads (not counting DuckDB's own worker threads), for benchmarks.
        self.write_seconds = self.write_cpu = 0.0
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

    def add(self, rows: ArrowBatch, n_docs: int, replace: Iterable[str] = ()) -> None:
        """Queue the rows of `n_docs` documents (and the article hashes whose old rows
        they replace); hand everything queued to the writer once enough has gathered.
        Rows come converted to Arrow (`RowBatch.to_arrow`) by whoever built them: a
        coding worker, or the caller's thread while earlier batches are written."""
        self._check()
        if rows.tables:
            self._parts.append(rows)
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
        if self._pending or self._parts or merge:
            parts = self._parts
            batch = self._new_errors(ArrowBatch.concat(parts) if parts else ArrowBatch.empty())
            job = (self._handed, batch, self._replace, merge)
            self._handed += 1
            if not self._threads:
                self._write(self.store, job)
            else:
                self._queue.put(job)
        self._parts, self._replace, self._pending = [], [], 0
        self._last = time.monotonic()

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
