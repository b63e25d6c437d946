"""Workers die with tidings, whatever kills it: SIGKILL a real `tidings ingest` running
coding workers (a process pool, then a local Dask cluster), check that every process it
started (workers, the multiprocessing resource tracker) is gone within seconds, then
re-run the ingest and check the store equals a clean run's.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from test_crash_safety import finish, write_corpus  # tests/ is on sys.path

from tidings.run.executors import _WorkerContext, die_with_parent
from tidings.store.db import Store

TIDINGS = Path(sys.executable).with_name("tidings")
START_TIMEOUT = 90.0  # seconds for the workers to appear, on a busy 2-core machine
GONE_WITHIN = 10.0


def ingest(corpus: Path, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([str(TIDINGS), "ingest", str(corpus), "--db", str(db), "--quiet",
                             *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=dict(os.environ, PYTHONWARNINGS="ignore"),
                            start_new_session=True)


def live(procs: list[psutil.Process]) -> list[psutil.Process]:
    """Those still running (a zombie has ended; only its exit status is left)."""
    out = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                out.append(p)
        except psutil.NoSuchProcess:
            pass
    return out


def workers_of(parent: psutil.Process) -> list[psutil.Process]:
    found = []
    for child in live(parent.children(recursive=True)):
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:
            pass
    return found


def kill_with_workers_running(corpus: Path, db: Path, *extra: str) -> list[psutil.Process]:
    """Start an ingest, wait for its two workers, SIGKILL the ingest process only;
    returns every descendant it had at that moment."""
    proc = ingest(corpus, db, *extra)
    parent = psutil.Process(proc.pid)
    descendants: list[psutil.Process] = []
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while len(workers_of(parent)) < 2:
            assert proc.poll() is None, proc.communicate()[1].decode()[-2000:]
            assert time.monotonic() < deadline, "the workers never started"
            time.sleep(0.1)
        time.sleep(0.5)  # well into starting up: loading the model, or coding
        descendants = live(parent.children(recursive=True))
        assert proc.poll() is None, "finished before it could be killed: use a bigger corpus"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)  # not communicate: an orphan would hold stderr open
        proc.stderr.close()
    except BaseException:
        if proc.poll() is None:
            descendants += parent.children(recursive=True)
        for p in live(descendants):
            p.kill()
        proc.kill()
        raise
    return descendants


def assert_all_gone(descendants: list[psutil.Process]) -> None:
    deadline = time.monotonic() + GONE_WITHIN
    while live(descendants) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = live(descendants)
    names = []
    for p in left:  # never leave them behind, even when failing
        try:
            names.append(" ".join(p.cmdline())[:120])
            p.kill()
        except psutil.Error:
            pass
    assert not left, names


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[Path, dict]:
    """A corpus and the store an uninterrupted single-process ingest makes of it."""
    root = tmp_path_factory.mktemp("orphans")
    corpus = root / "corpus.jsonl"
    write_corpus(corpus, 150)
    db = root / "clean.duckdb"
    finish(ingest(corpus, db))
    with Store.open(db, read_only=True) as store:
        return corpus, store.dump()


@pytest.mark.parametrize("option", [["--workers", "2"], ["--dask", "local:2"]],
                         ids=["workers", "dask"])
def test_sigkill_leaves_no_process_and_the_rerun_completes(clean, tmp_path, option):
    corpus, expected = clean
    db = tmp_path / "killed.duckdb"
    descendants = kill_with_workers_running(corpus, db, *option)
    assert len(descendants) >= 2
    assert_all_gone(descendants)
    finish(ingest(corpus, db, *option))
    with Store.open(db, read_only=True) as store:
        assert store.dump() == expected


def _pid_and_parent() -> tuple[int, int]:
    return os.getpid(), os.getppid()


def test_pool_started_from_a_thread_outlives_that_thread():
    """PR_SET_PDEATHSIG fires when the parent *thread* ends: a pool whose workers were
    started by a submit on a short-lived thread must keep working after it ends."""
    import threading
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=_WorkerContext()) as pool:
        got = {}
        thread = threading.Thread(target=lambda: got.update(first=pool.submit(
            _pid_and_parent).result(timeout=60)))
        thread.start()
        thread.join()
        time.sleep(1.0)
        assert pool.submit(_pid_and_parent).result(timeout=60) == got["first"]


def test_die_with_parent_exits_when_already_orphaned():
    code = ("from tidings.run.executors import die_with_parent\n"
            "die_with_parent(-1)\n"  # not our parent: as if it had died already
            "print('still here')\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=False, timeout=60)
    assert run.returncode == 1 and "still here" not in run.stdout
    assert die_with_parent.__module__ == "tidings.run.executors"
