"""A real Dask scheduler and two workers on 127.0.0.1 write the same events as a local run."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from test_parallel import _results, one_worker, seeded  # noqa: F401 - fixtures

from tidings.run import ingest
from tidings.run.executors import dask_executor
from tidings.store.db import Store
from tidings.store.lake_load import load_lake

START_TIMEOUT = 60.0  # scheduler up and both workers registered


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _dask_cli() -> list[str]:
    exe = Path(sys.executable).with_name("dask")
    return [str(exe)] if exe.exists() else [shutil.which("dask") or "dask"]


@pytest.fixture
def cluster(tmp_path):
    """`dask scheduler` + two `dask worker --nworkers 1 --nthreads 1`, always torn down."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    # one hash seed for every process that codes (see test_parallel.seeded)
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    procs: list[subprocess.Popen] = []
    logs = [open(tmp_path / f"dask{i}.log", "w") for i in range(3)]  # noqa: SIM115
    try:
        procs.append(subprocess.Popen(
            [*_dask_cli(), "scheduler", "--host", "127.0.0.1", "--port", str(port),
             "--no-dashboard"], stdout=logs[0], stderr=subprocess.STDOUT, env=env))
        for i in (1, 2):
            procs.append(subprocess.Popen(
                [*_dask_cli(), "worker", address, "--nworkers", "1", "--nthreads", "1",
                 "--no-dashboard", "--host", "127.0.0.1",
                 "--local-directory", str(tmp_path / f"w{i}")],
                stdout=logs[i], stderr=subprocess.STDOUT, env=env))
        with distributed.Client(address, timeout=START_TIMEOUT) as client:
            client.wait_for_workers(2, timeout=START_TIMEOUT)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in reversed(procs):
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        for log in logs:
            log.close()


def test_lake_from_dask_workers_equals_local_store(cluster, one_worker, tmp_path):  # noqa: F811
    lake, local = tmp_path / "lake", tmp_path / "local.duckdb"
    started = time.monotonic()
    with dask_executor(cluster) as executor:
        report = ingest([], "unused.duckdb", results=_results(), executor=executor,
                        lake=lake, batch_size=3)
    took = time.monotonic() - started
    assert took < 90, f"dask ingest took {took:.0f}s"
    assert not Path("unused.duckdb").exists()  # --lake writes no store
    assert report.coded == 11 and report.unreadable == 1
    assert len({p.name for p in lake.glob("articles/*/*/part-*.parquet")}) >= 4
    with distributed.Client(cluster, timeout=30) as client:  # the coding ran on the workers
        built = client.run(
            lambda: __import__("tidings.run.executors", fromlist=["_"])._CODER is not None)
    assert len(built) == 2 and any(built.values()), built

    ingest([], local, results=_results(), executor=one_worker, batch_size=64)
    with Store.open(tmp_path / "loaded.duckdb", create=True) as loaded, \
            Store.open(local, read_only=True) as reference:
        load_lake(lake, loaded)
        assert reference.count("events") > 50
        assert loaded.dump()["events"] == reference.dump()["events"]
        assert loaded.dump() == reference.dump()
    # straight into a store: the workers' Arrow rows travel back through Dask
    direct = tmp_path / "direct.duckdb"
    with dask_executor(cluster) as executor:
        ingest([], direct, results=_results(), executor=executor, batch_size=3)
    with Store.open(direct, read_only=True) as store, \
            Store.open(local, read_only=True) as reference:
        assert store.dump() == reference.dump()
