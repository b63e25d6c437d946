"""Where coding runs: this process, a process pool, or a Dask cluster, behind any
concurrent.futures.Executor.

The executor is injected: a `ProcessPoolExecutor` from `process_pool(n)`, the
executor of a Dask client (`dask_executor("local:4")`, `dask_executor("tcp://...")`),
or anything else with `submit`. Work goes out as chunks of documents to module-level
functions (picklable by reference); each worker process builds ONE Coder, on first use
or in the pool initializer, and keeps it for every chunk it is sent (`worker_coder`).
`map_ordered` brings results back in input order with a bounded number of chunks in
flight, so memory stays flat however long the input is; `retry_singly` sends the
documents of a failed chunk again one at a time, so a failure is pinned on its document.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.context
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

from ..errors import TidingsError

T = TypeVar("T")

_CODER: Any = None  # this process's Coder, built once (see worker_coder)

def init_worker(model: str | None = None, batch_size: int = 64) -> None:
    """Pool initializer: load the model and knowledge base once in this worker process."""
    global _CODER
    # Here, not at the top: the parent of a pool never codes, and needs no spaCy.
    from ..nlp import MODEL_NAME, Coder

    _CODER = Coder(model or MODEL_NAME, batch_size)


# -- worker processes end with the process that started them ------------------------
PARENT_POLL_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent_pid: int, kernel: bool = True) -> None:
    """Make this process end when its parent `parent_pid` does, however that ends
    (SIGKILL and out-of-memory kills included), so no worker outlives tidings.

    On Linux with `kernel`, the kernel kills us (prctl PR_SET_PDEATHSIG). It does so
    when the parent *thread* that started us exits, so pass `kernel` only when that is
    the parent's main thread, which lives as long as its process. Everywhere, a daemon
    thread checks every PARENT_POLL_SECONDS that `parent_pid` is still our parent and
    exits at once when not (we were re-parented: it died).
    """
    if kernel and sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the thread below
            pass
    if os.getppid() != parent_pid:  # it died before the prctl took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True,
                     name="tidings-parent-watch").start()


def _watch_parent(parent_pid: int) -> None:
    while True:
        time.sleep(PARENT_POLL_SECONDS)
        if os.getppid() != parent_pid:
            os._exit(1)


class _WorkerProcess(multiprocessing.context.SpawnProcess):
    """A spawned process that dies with its parent (see die_with_parent). Whether the
    kernel may do it is decided where the process is started: ProcessPoolExecutor
    starts workers from whichever thread submits, and a worker whose starting thread
    ends would be killed with it, the parent alive."""

    def start(self) -> None:
        self._tidings_parent = (os.getpid(),
                                threading.current_thread() is threading.main_thread())
        super().start()

    def run(self) -> None:
        die_with_parent(*self._tidings_parent)
        super().run()


class _WorkerContext(multiprocessing.context.SpawnContext):
    Process = _WorkerProcess


def dask_setup(worker: Any = None) -> None:
    """Dask preload hook, run in each worker process of a `dask_executor("local:N")`
    cluster as it starts: die with the tidings process that started it. Its nanny lives
    inside that process. The thread only: distributed starts workers from a helper
    thread whose end is not the process's, so no PDEATHSIG (distributed's own watch on a
    pipe from the parent does the same job; this one does not depend on it)."""
    parent = multiprocessing.parent_process()
    if parent is not None and parent.pid is not None:
        die_with_parent(parent.pid, kernel=False)


def worker_coder() -> Any:
    """This process's Coder (built on first use: Dask workers have no initializer)."""
    if _CODER is None:
        init_worker()
    return _CODER


def process_pool(workers: int, model: str | None = None) -> RespawningPool:
    """A pool of `workers` fresh processes, each loading one Coder as it starts.

    "spawn" rather than fork: the parent may hold DuckDB and tqdm threads, which a
    forked child would inherit in an unknown state. Each worker dies with this process,
    even when it is SIGKILLed (die_with_parent).
    """
    if workers < 1:
        raise TidingsError(f"workers must be >= 1, got {workers}", option="workers")
    return RespawningPool(lambda: ProcessPoolExecutor(
        max_workers=workers, mp_context=_WorkerContext(), initializer=init_worker,
        initargs=(model,)))


class RespawningPool(Executor):
    """A process pool that starts afresh when one of its workers dies (killed by the
    kernel for memory, a crash in C code). The tasks in flight then fail with
    BrokenProcessPool, and the callers send their documents again one at a time
    (retry_singly); the tasks submitted after that go to the new pool."""

    def __init__(self, make: Callable[[], ProcessPoolExecutor]):
        self._make = make
        self._pool = make()
        self._max_workers = self._pool._max_workers  # read by window_for
        self.respawns = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        try:
            return self._pool.submit(fn, *args, **kwargs)
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._make()
            self.respawns += 1
            return self._pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


@contextmanager
def dask_executor(spec: str) -> Iterator[Executor]:
    """An executor on a Dask cluster: "local:N" starts a LocalCluster of N single-threaded
    worker processes (closed on exit); anything else is a scheduler address to connect to
    ("tcp://host:8786"), whose workers must have tidings installed.
    """
    try:
        from distributed import Client, LocalCluster  # here: ~1 s, and only --dask needs it
    except ImportError as exc:  # pragma: no cover - dask is a dependency
        raise TidingsError(f"dask needs the distributed package ({exc})",
                           option="dask") from exc
    cluster = None
    if spec.startswith("local:") or spec == "local":
        try:
            n = int(spec.partition(":")[2] or multiprocessing.cpu_count())
        except ValueError as exc:
            raise TidingsError(f"dask {spec!r}: expected local:N with N a number",
                               option="dask") from exc
        if n < 1:
            raise TidingsError(f"dask {spec!r}: N must be >= 1", option="dask")
        # One thread per worker: spaCy and our extractors hold the GIL, so threads
        # would only queue behind each other; processes run in parallel.
        # The preload makes each worker process die with this one (dask_setup).
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               dashboard_address=None, preload=[__name__])
        client = Client(cluster)
    else:
        try:
            client = Client(spec, timeout=30)
        except (OSError, TimeoutError) as exc:
            raise TidingsError(f"cannot reach the Dask scheduler at {spec} ({exc})") from exc
    try:
        yield client.get_executor()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of `size` items (the last may be shorter), never more in memory."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def map_ordered(executor: Executor, fn: Callable[..., Any], chunks: Iterable[T],
                *args: Any, window: int = 8,
                args_of: Callable[[T], tuple] | None = None) -> Iterator[tuple[T, Any]]:
    """(chunk, result) for every chunk, in input order, with at most `window` chunks
    submitted and not yet consumed. Each task is `fn(chunk, *args)`, or
    `fn(*args_of(chunk))` when the task needs only part of what the caller keeps.
    A chunk whose task raised yields the exception as its result, so the caller
    decides what a failed chunk becomes.
    """
    pending: deque[tuple[T, Future]] = deque()

    def finish() -> tuple[T, Any]:
        chunk, future = pending.popleft()
        try:
            return chunk, future.result()
        except Exception as exc:  # noqa: BLE001 - reported per document by the caller
            return chunk, exc

    for chunk in chunks:
        call = args_of(chunk) if args_of is not None else (chunk, *args)
        pending.append((chunk, executor.submit(fn, *call)))
        if len(pending) >= window:
            yield finish()
    while pending:
        yield finish()


def retry_singly(executor: Executor, fn: Callable[..., Any], items: list[T],
                 *args: Any) -> list[tuple[T, Any]]:
    """(item, result) for each item of a chunk whose task failed, each sent alone as
    `fn([item], *args)` and awaited before the next, so a failure is pinned on the
    document that caused it and never on its neighbours. A result is the exception
    when that item's task failed too."""
    out: list[tuple[T, Any]] = []
    for item in items:
        for attempt in (1, 2):
            try:
                out.append((item, executor.submit(fn, [item], *args).result()))
            except BrokenProcessPool as exc:
                # A pool can take a moment to know it is broken: a task sent in that
                # moment fails though its document did nothing. Once more, on the new
                # pool (RespawningPool), before blaming the document.
                if attempt == 2:
                    out.append((item, exc))
                continue
            except Exception as exc:  # noqa: BLE001 - reported per document by the caller
                out.append((item, exc))
            break
    return out


def window_for(executor: Executor) -> int:
    """Chunks in flight: enough to keep every worker busy while results are consumed."""
    workers = getattr(executor, "_max_workers", None)
    if workers is None:  # a Dask client executor: ask the cluster
        client = getattr(executor, "_client", None)
        try:
            workers = len(client.scheduler_info()["workers"]) if client else None
        except Exception:  # noqa: BLE001 - only a sizing hint
            workers = None
    return 3 * max(int(workers or 2), 1)
