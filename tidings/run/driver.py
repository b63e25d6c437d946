"""The one way through a run: read -> select what is new -> code, here or on an
injected executor -> a sink.

A sink says what each step means for its output (JSON lines, the store, the lake):
which documents of a batch to code (`select`), what a task does with them in a worker
or here (`task`: a module-level function, sent to workers by reference), and what
becomes of each result, in input order (`take`). The driver owns the rest, once for
every sink: batching, the process pool `workers` > 1 asks for, results in order with a
bounded number of tasks in flight, and a failed task's documents sent again one at a
time, so a failure is pinned on the document that caused it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from ..models import CodedDocument, DocumentError, ReadResult
from .executors import chunked, map_ordered, process_pool, retry_singly, window_for
from .options import RunOptions


@dataclass
class Job:
    """One batch of read documents, as a sink selected them."""
    items: list[Any]              # what the task codes (sent to a worker)
    read: int                     # documents read in this batch
    args: tuple = ()              # the task's arguments after the items
    retry_args: tuple | None = None  # for a document sent again alone (None: `args`)
    kept: Any = None              # what stays in this process (error rows, say)


# (items, the task's result for them, or the exception its task raised)
Part = tuple[list[Any], Any]


class Sink(Protocol):
    """Where a run's coded documents go (see the module docstring)."""

    batch_size: int

    def select(self, batch: list[ReadResult]) -> Job: ...

    def task(self) -> Callable[..., Any]: ...

    def take(self, job: Job, parts: list[Part]) -> Iterable[Any]: ...


def filter_events(doc: CodedDocument, min_confidence: float) -> CodedDocument:
    """`doc` without its events below `min_confidence`."""
    if min_confidence > 0:
        doc.events = [e for e in doc.events if e.confidence >= min_confidence]
    return doc


def worker_failed(origin: str | None, exc: BaseException) -> DocumentError:
    """The error of a document whose coding task failed (a worker killed, say)."""
    return DocumentError("code", f"worker failed: {type(exc).__name__}: {exc}", origin)


def new_coder() -> Any:
    """A Coder for this process."""
    # Imported here: spaCy loads in ~1 s, and a run on a pool never codes in this process.
    from .. import nlp  # looked up at call time: tests replace tidings.nlp.Coder

    return nlp.Coder()


@contextmanager
def executor_for(options: RunOptions, executor: Executor | None) -> Iterator[Executor | None]:
    """`executor` as given; else a process pool when `options.workers` > 1 (shut down
    on exit); else None: code in this process."""
    if executor is not None or options.workers <= 1:
        yield executor
        return
    with process_pool(options.workers) as pool:
        yield pool


def drive(results: Iterable[ReadResult], sink: Sink, options: RunOptions,
          coder: Any = None, executor: Executor | None = None) -> Iterator[Any]:
    """Read results through `sink`, in input order: what its `take` yields.

    With `executor` (any concurrent.futures.Executor: a process pool, a Dask client's)
    or `options.workers` > 1 (a process pool of that size), each batch's task runs in
    a worker, with a Coder of its own; otherwise here, with `coder` (built when first
    needed). Either way the sink sees the same results in the same order.
    """
    jobs = (sink.select(batch) for batch in chunked(results, sink.batch_size))
    task = sink.task()
    with executor_for(options, executor) as pool:
        if pool is None:
            for job in jobs:
                if job.items and coder is None:
                    coder = new_coder()
                yield from sink.take(job, [(job.items, task(job.items, *job.args,
                                                            coder=coder))])
            return
        for job, out in map_ordered(pool, task, jobs, window=window_for(pool),
                                    args_of=lambda j: (j.items, *j.args)):
            parts: list[Part] = [(job.items, out)]
            if isinstance(out, BaseException) and len(job.items) > 1:
                retry = job.args if job.retry_args is None else job.retry_args
                parts = [([item], part) for item, part
                         in retry_singly(pool, task, job.items, *retry)]
            yield from sink.take(job, parts)
