"""No network unless asked: DuckDB never installs or loads an extension on its own, and a
file that is not a DuckDB database is refused in one line before DuckDB sees it.

Before this, a SQLite file passed as --db made DuckDB download `sqlite_scanner` over
plain HTTP into ~/.duckdb/extensions. The subprocesses here run with HOME in a temp dir
(so ~/.duckdb would show up there) and a sitecustomize that makes every Python-level
connection to a non-loopback address raise; DuckDB downloads from C++, which that does
not see, so for DuckDB the evidence is its error (no "download") and the missing
~/.duckdb.
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tidings.errors import StoreError
from tidings.store.db import Store, check_duckdb_file, connect

TIDINGS = Path(sys.executable).with_name("tidings")

NO_NETWORK = textwrap.dedent("""
    import socket

    _connect = socket.socket.connect

    def _loopback_only(self, address):
        host = address[0] if isinstance(address, tuple) else ""
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in (
                "127.0.0.1", "::1", "localhost"):
            raise OSError(f"test_offline: network refused ({address!r})")
        return _connect(self, address)

    socket.socket.connect = _loopback_only
""")


def sqlite_file(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (a INTEGER)")
    con.commit()
    con.close()
    return path


def offline_env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NO_NETWORK)
    env = dict(os.environ, HOME=str(home))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(site), env.get("PYTHONPATH")) if p)
    return env


def test_sqlite_db_is_refused_in_one_line_offline(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Police arrested two protesters in Quito on Monday.\n")
    db = sqlite_file(tmp_path / "file.sqlite")
    env = offline_env(tmp_path)
    run = subprocess.run([str(TIDINGS), "ingest", str(docs), "--db", str(db)],
                         capture_output=True, text=True, env=env, timeout=120,
                         check=False)
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert "file.sqlite" in lines[0] and "not a DuckDB database" in lines[0]
    assert "SQLite" in lines[0]
    assert not (Path(env["HOME"]) / ".duckdb").exists()


def test_connection_never_fetches_an_extension(tmp_path):
    """Past the header check (called directly): DuckDB still sees the SQLite file, and
    finds no sqlite extension, without trying to download or install one."""
    db = sqlite_file(tmp_path / "file.sqlite")
    env = offline_env(tmp_path)
    code = ("from tidings.store.db import connect\n"
            f"connect({str(db)!r})\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=False, env=env, timeout=60)
    assert run.returncode != 0
    assert "download" not in run.stderr.lower(), run.stderr
    assert not (Path(env["HOME"]) / ".duckdb").exists()


def test_sitecustomize_blocks_the_network(tmp_path):
    """The guard the tests above rely on does refuse a non-loopback connection."""
    code = ("import socket\n"
            "try:\n"
            "    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
            "except OSError as exc:\n"
            "    print(exc)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=False, env=offline_env(tmp_path), timeout=60)
    assert "test_offline: network refused" in run.stdout


@pytest.mark.parametrize("setting", ["autoinstall_known_extensions",
                                     "autoload_known_extensions",
                                     "allow_community_extensions"])
def test_store_connections_are_offline(tmp_path, setting):
    with Store.open(tmp_path / "s.duckdb", create=True) as store:
        assert store.con.execute(f"SELECT current_setting('{setting}')").fetchone() == (False,)
        with store.handle() as other:  # a cursor shares the database's settings
            assert other.con.execute(
                f"SELECT current_setting('{setting}')").fetchone() == (False,)
    con = connect(str(tmp_path / "s.duckdb"), read_only=True)
    try:
        assert con.execute(f"SELECT current_setting('{setting}')").fetchone() == (False,)
    finally:
        con.close()


def test_header_check(tmp_path):
    check_duckdb_file(str(tmp_path / "missing.duckdb"))  # created new
    (tmp_path / "empty").write_bytes(b"")
    check_duckdb_file(str(tmp_path / "empty"))
    with Store.open(tmp_path / "real.duckdb", create=True):
        pass
    check_duckdb_file(str(tmp_path / "real.duckdb"))
    (tmp_path / "notes.txt").write_text("just some text, long enough for a header\n")
    with pytest.raises(StoreError, match="not a DuckDB database") as info:
        Store.open(tmp_path / "notes.txt", create=True)
    assert "SQLite" not in str(info.value) and "notes.txt" in str(info.value)
    with pytest.raises(StoreError, match=r"not a DuckDB database \(it looks like a SQLite"):
        Store.open(sqlite_file(tmp_path / "x.db"))


def test_the_disk_cache_round_trips_and_rebuilds_a_corrupt_file(tmp_path):
    from tidings.diskcache import load_or_build
    path = tmp_path / "thing.pickle"
    built = load_or_build(path, lambda: {"a": [1, 2]}, dict)
    assert built == {"a": [1, 2]} and path.exists()
    assert load_or_build(path, lambda: {"rebuilt": True}, dict) == {"a": [1, 2]}
    path.write_bytes(b"not a pickle")
    assert load_or_build(path, lambda: {"rebuilt": True}, dict) == {"rebuilt": True}
    import gc
    assert gc.isenabled()  # loading paused the collector and turned it back on
