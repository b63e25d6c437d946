"""SIGKILL a real `python -m tidings.cli ingest` at random moments, re-run it, and check
the store ends exactly as an uninterrupted run leaves it (wall-clock columns aside).
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tidings.store.db import Store

KILLS = 3            # bounded: each run pays the model load again
RUN_TIMEOUT = 240.0  # seconds for one uninterrupted ingest, on a busy 2-core machine

CITIES = ["Mosul", "Aleppo", "Kharkiv", "Khartoum", "Goma", "Mogadishu"]
OUTLETS = ["Harbour Gazette", "Valley Times", "Plains Courier"]


def write_corpus(path: Path, n: int = 48) -> None:
    """Short wire stories of our own; every third one repeats an earlier story's event."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            city = CITIES[i % len(CITIES)]
            text = (f"Government troops clashed with rebels near {city} on Tuesday, "
                    f"a military spokesman said in statement number {i}.\n\n"
                    f"Aid agencies asked both sides to let convoys reach {city}.")
            fh.write(json.dumps({"id": f"c{i}", "title": f"Fighting near {city}",
                                 "source": OUTLETS[i % 3], "url": f"https://w.example/{i}",
                                 "published": f"2023-06-{1 + i % 5:02d}T08:00:00Z",
                                 "text": text}) + "\n")
        fh.write("{a broken line\n")


def ingest_process(corpus: Path, db: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    return subprocess.Popen(
        [sys.executable, "-m", "tidings.cli", "ingest", str(corpus), "--db", str(db),
         "--batch-size", "2", "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def finish(proc: subprocess.Popen) -> None:
    _, err = proc.communicate(timeout=RUN_TIMEOUT)
    assert proc.returncode == 0, err.decode("utf-8", "replace")[-2000:]


def wait_for_first_commit(proc: subprocess.Popen, db: Path, started: float) -> float:
    """Block until the process has committed a batch (its WAL was written after it
    started) or exited; returns that moment. The store is created beforehand, so the
    schema's own commit does not count."""
    wal = Path(str(db) + ".wal")
    while proc.poll() is None:
        try:
            st = wal.stat()
            if st.st_size > 0 and st.st_mtime >= started:
                break
        except FileNotFoundError:
            pass
        time.sleep(0.01)
    return time.monotonic()


def kill_while_writing(corpus: Path, db: Path, delay: float) -> None:
    """Start an ingest and SIGKILL it `delay` seconds after its first commit."""
    started = time.time()
    proc = ingest_process(corpus, db)
    wait_for_first_commit(proc, db, started)
    time.sleep(delay)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=RUN_TIMEOUT)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    from tidings.readers import read_paths

    path = tmp_path_factory.mktemp("crash") / "corpus.jsonl"
    write_corpus(path)
    try:
        n = sum(r.article is not None for r in read_paths([str(path)]))
    except NotImplementedError:
        pytest.skip("tidings.readers is not written yet")
    assert n == 48
    return path


def test_killed_ingest_resumes_to_the_same_store(corpus, tmp_path):
    reference = tmp_path / "reference.duckdb"
    Store.open(reference, create=True).close()
    started = time.time()
    proc = ingest_process(corpus, reference)
    first_commit = wait_for_first_commit(proc, reference, started)
    finish(proc)
    write_phase = time.monotonic() - first_commit
    with Store.open(reference, read_only=True) as store:
        expected = store.dump()
    assert len(expected["articles"]) == 48 and len(expected["errors"]) >= 1

    db = tmp_path / "killed.duckdb"
    Store.open(db, create=True).close()
    rng = random.Random(20230601)
    stored = []
    # Stratified random moments over the first half of the writing phase (the rest is
    # mostly closing down), so early, middle and late kills all happen.
    span = write_phase / 2 / KILLS
    for k in range(KILLS):
        kill_while_writing(corpus, db, rng.uniform(k * span, (k + 1) * span))
        with Store.open(db, read_only=True) as store:
            stored.append(store.count("articles"))
    assert stored == sorted(stored)  # committed batches are never lost
    finish(ingest_process(corpus, db))
    with Store.open(db, read_only=True) as store:
        got = store.dump()
    assert {t: len(r) for t, r in got.items()} == {t: len(r) for t, r in expected.items()}
    assert got == expected
