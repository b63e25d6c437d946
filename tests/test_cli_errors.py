"""Errors a user meets at the command line: one line naming the cause, no traceback,
exit codes that mean the same for every command (see tidings/cli.py), and nothing
already stored lost.

0 = the work was done (read/code/ingest: at least one document read); 1 = an error,
one line; 2 = a usage error (click's usage text, then one "Error:" line).
"""
from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from test_store import coded, event, write
from test_store_cli import WIRE, FakeCoder

from tidings.cli import main
from tidings.errors import StoreError, TidingsError
from tidings.store.db import Store

DISK_FULL = 'Failed to commit: Could not write file "s.duckdb.wal": No space left on device'


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def one_error_line(result, *words: str) -> str:
    """The single line of a failed command's stderr, checked to name `words`."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def usage_error(result, *words: str) -> str:
    """A usage error: exit 2, click's usage text and exactly one "Error:" line."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(errors) == 1, result.stderr
    for word in words:
        assert word in errors[0], (word, errors[0])
    return errors[0]


class Fake(FakeCoder):
    batch_size = 8  # what pipeline.code_results reads off a Coder


@pytest.fixture
def fake_coder(monkeypatch):
    monkeypatch.setattr("tidings.nlp.Coder", lambda *a, **k: Fake())


def corpus(tmp_path: Path, items=WIRE, name: str = "corpus.jsonl") -> str:
    path = tmp_path / name
    with path.open("w", encoding="utf-8") as fh:
        for i, (title, outlet, published, text) in enumerate(items):
            fh.write(json.dumps({"id": f"{name}{i}", "title": title, "source": outlet,
                                 "published": published, "text": text}) + "\n")
    return str(path)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store.open(path, create=True) as store:
        write(store, [coded(1, [event("e1", date="2023-03-09")]),
                      coded(2, [event("e2", type_="COERCE", src="IRNGOV", tgt="USA",
                                      date="2023-05-02", location=None)])])
    return str(path)


# -- 1. a full disk -------------------------------------------------------------------
class _FullDisk:
    """A connection whose commits fail the way DuckDB's do on a full disk: the
    transaction is gone, and a rollback after it fails too."""

    def __init__(self, con):
        self._con = con

    def __getattr__(self, name):
        return getattr(self._con, name)

    def commit(self):
        self._con.rollback()
        raise duckdb.TransactionException(DISK_FULL)


def test_full_disk_is_one_line_and_keeps_what_was_stored(tmp_path, fake_coder, monkeypatch):
    db = str(tmp_path / "s.duckdb")
    first = run("ingest", corpus(tmp_path, WIRE[:2], "a.jsonl"), "--db", db, "-q")
    assert first.exit_code == 0, first.output
    with Store.open(db, read_only=True) as store:
        before = store.dump()
    assert len(before["articles"]) == 2

    monkeypatch.setattr(Store, "handle",
                        lambda self: Store(_FullDisk(self.con.cursor()), self.path, False))
    full = run("ingest", corpus(tmp_path, WIRE[2:], "b.jsonl"), "--db", db, "-q",
               "--batch-size", "1")
    assert full.exit_code == 1
    assert one_error_line(full) == f"Error: cannot write to {db}: no space left on device"
    monkeypatch.undo()
    with Store.open(db, read_only=True) as store:
        assert store.dump() == before  # the failed batches rolled back, nothing else lost


@pytest.mark.parametrize("exc", [
    duckdb.IOException('Could not write file "s.duckdb.wal": No space left on device'),
    OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))])
def test_store_write_on_a_full_disk_raises_one_store_error(db, monkeypatch, exc):
    def fail(self, *a, **k):
        raise exc

    with Store.open(db) as store:
        monkeypatch.setattr(Store, "_insert_all", fail)
        with pytest.raises(StoreError) as err:
            write(store, [coded(3, [event("e3", date="2023-03-11")])])
        assert str(err.value) == f"cannot write to {db}: no space left on device"
        assert err.value.__context__ is exc  # no second exception from the rollback
        assert store.count("articles") == 2


# -- 2. export targets, --dask -------------------------------------------------------
def test_export_to_a_folder_or_an_unwritable_place(db, tmp_path):
    folder = run("export", "--db", db, "--format", "csv", "--out", str(tmp_path))
    assert folder.exit_code == 1
    one_error_line(folder, str(tmp_path), "folder")
    missing = run("export", "--db", db, "--format", "jsonl", "--out",
                  str(tmp_path / "nope" / "x.jsonl"))
    assert missing.exit_code == 1
    one_error_line(missing, "nope", "does not exist")
    for fmt in ("csv", "parquet", "gdelt"):  # /proc takes no new files, even from root
        proc = run("export", "--db", db, "--format", fmt, "--out", f"/proc/tidings.{fmt}")
        assert proc.exit_code == 1, proc.output
        one_error_line(proc, f"/proc/tidings.{fmt}", "cannot write")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a 0555 folder")
def test_export_into_a_read_only_folder(db, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        result = run("export", "--db", db, "--format", "csv", "--out", str(ro / "x.csv"))
    finally:
        ro.chmod(0o755)
    assert result.exit_code == 1
    one_error_line(result, "x.csv", "permission denied")


def test_failed_export_leaves_no_partial_file_and_keeps_the_old_one(db, tmp_path,
                                                                  monkeypatch):
    from tidings.store import exports

    out = tmp_path / "events.jsonl"
    out.write_text("older export\n")

    def full(store, fmt, fh, f):
        fh.write("half a line")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(exports, "_write", full)
    result = run("export", "--db", db, "--format", "jsonl", "--out", str(out))
    assert result.exit_code == 1
    one_error_line(result, str(out), "no space left on device")
    assert out.read_text() == "older export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl", "s.duckdb"]


def test_export_over_the_store_itself_is_refused(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = Path(db).read_bytes()
    result = run("export", "--db", db, "--format", "csv", "--out", "./s.duckdb")
    assert result.exit_code == 1
    one_error_line(result, "s.duckdb", "is the store")
    assert Path(db).read_bytes() == before


def test_recode_of_a_missing_store_creates_nothing(tmp_path):
    db = tmp_path / "absent.duckdb"
    result = run("ingest", "--recode", "--db", str(db), "-q")
    assert result.exit_code == 1
    one_error_line(result, "absent.duckdb", "no such store")
    assert not db.exists()


@pytest.mark.parametrize("spec", ["bogus", "tcp://host", "host:port", "local2"])
def test_dask_spec_is_checked_before_anything_runs(tmp_path, spec):
    db = tmp_path / "x.duckdb"
    result = run("ingest", corpus(tmp_path), "--db", str(db), "--dask", spec)
    usage_error(result, "--dask", "local:N")
    assert not db.exists()


# -- 3. --db '' ----------------------------------------------------------------------
@pytest.mark.parametrize("args", [["ingest", "x.txt"], ["query"], ["stats"], ["errors"],
                                  ["export", "--format", "csv", "--out", "x.csv"],
                                  ["load", "--lake", "lake"]])
def test_empty_db_is_a_usage_error(args):
    usage_error(run(*args, "--db", ""), "--db")


# -- 4. exit codes of read, code and ingest agree ------------------------------------
@pytest.mark.parametrize("command", ["read", "code", "ingest"])
def test_nothing_readable_exits_1_in_every_command(tmp_path, fake_coder, command):
    extra = ["--db", str(tmp_path / "x.duckdb"), "-q"] if command == "ingest" else []
    result = run(command, str(tmp_path / "absent.txt"), *extra)
    assert result.exit_code == 1, result.output
    one_error_line(result, "no article could be read")


@pytest.mark.parametrize("command", ["read", "code", "ingest"])
def test_one_readable_document_is_enough_to_exit_0(tmp_path, fake_coder, command):
    extra = ["--db", str(tmp_path / "x.duckdb"), "-q"] if command == "ingest" else []
    result = run(command, corpus(tmp_path, WIRE[:1]), str(tmp_path / "absent.txt"), *extra)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_ingest_of_nothing_readable_still_records_why(tmp_path):
    db = tmp_path / "x.duckdb"
    result = run("ingest", str(tmp_path / "absent.txt"), "--db", str(db), "-q")
    assert result.exit_code == 1 and "1 unreadable" in result.stdout
    errors = run("errors", "--db", str(db), "--json")
    assert "absent.txt" in errors.stdout and errors.exit_code == 0


# -- 5. --min-confidence -------------------------------------------------------------
@pytest.mark.parametrize("value", ["5", "-0.1", "1.5"])
@pytest.mark.parametrize("command", ["code", "ingest"])
def test_min_confidence_is_between_0_and_1(tmp_path, command, value):
    usage_error(run(command, "x.txt", "--min-confidence", value), "--min-confidence")


# -- 6, 7. empty query output, export to stdout --------------------------------------
def test_empty_jsonl_query_prints_nothing(db):
    result = run("query", "--db", db, "--type", "PROTEST", "--format", "jsonl")
    assert result.exit_code == 0 and result.stdout == ""


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "gdelt", "polecat"])
def test_export_dash_writes_to_stdout(db, tmp_path, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    result = run("export", "--db", db, "--format", fmt, "--out", "-")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "-").exists()
    lines = result.stdout.splitlines()
    assert len(lines) == (3 if fmt == "csv" else 2)  # csv has its header
    if fmt in ("jsonl", "polecat"):
        assert all(json.loads(line)["event_id"] for line in lines)
    assert "wrote 2 events to standard output" in result.stderr


def test_export_dash_refuses_parquet(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    usage_error(run("export", "--db", db, "--format", "parquet", "--out", "-"),
                "parquet", "binary")
    assert not (tmp_path / "-").exists()


# -- 8. ingest --follow --------------------------------------------------------------
def test_ingest_takes_follow_and_allow_private_to_the_readers(tmp_path, monkeypatch):
    from tidings import readers
    from tidings.models import DocumentError, ReadResult

    seen = []

    def fake_read_paths(paths, published=None, follow=False, allow_private=False):
        seen.append((follow, allow_private))
        yield ReadResult(None, [DocumentError("read", "unreachable", "feed.xml")])

    monkeypatch.setattr(readers, "read_paths", fake_read_paths)
    db = str(tmp_path / "x.duckdb")
    run("ingest", "feed.xml", "--db", db, "-q", "--follow", "--allow-private")
    assert seen == [(True, True)]
    run("ingest", "feed.xml", "--db", db, "-q")
    assert seen[-1] == (False, False)


# -- 9. the guard in tidings.cli -----------------------------------------------------
@pytest.mark.parametrize(("exc", "words"), [
    (TidingsError("the thing broke", origin="doc.txt"), ["doc.txt: the thing broke"]),
    (PermissionError(errno.EACCES, "Permission denied", "/x/y"), ["/x/y: permission denied"]),
    (duckdb.IOException("IO Error: could not\nread the file"),
     ["IO Error: could not read the file"]),
])
def test_expected_failures_are_one_line_and_debug_shows_the_traceback(db, monkeypatch,
                                                                     exc, words):
    from tidings.store.db import Store

    def fail(self):
        raise exc

    monkeypatch.setattr(Store, "stats", fail)
    result = run("stats", "--db", db)
    assert result.exit_code == 1
    one_error_line(result, *words)
    debug = run("stats", "--db", db, env={"TIDINGS_DEBUG": "1"})
    assert debug.exit_code == 1
    # raised (the traceback is Python's), or printed before the command's own one line
    assert debug.exception is exc or "Traceback" in debug.stderr, debug.stderr


def test_a_bug_keeps_its_traceback(db, monkeypatch):
    from tidings.store.db import Store

    def bug(self):
        raise KeyError("not an expected failure")

    monkeypatch.setattr(Store, "stats", bug)
    result = run("stats", "--db", db)
    assert result.exit_code == 1 and isinstance(result.exception, KeyError)


def test_real_process_prints_one_line_without_traceback(db, tmp_path):
    """The same as a user sees it: a separate process, real stderr."""
    tidings = [sys.executable, "-m", "tidings.cli"]
    proc = subprocess.run([*tidings, "export", "--db", db, "--format", "csv", "--out",
                           str(tmp_path)], capture_output=True, text=True, timeout=120,
                          check=False)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.strip().splitlines() == \
        [f"Error: {tmp_path}: is a folder; give the name of a file to write"]


def test_a_bad_limit_setting_is_a_usage_error(monkeypatch):
    from tidings import limits
    from tidings.cli import main

    monkeypatch.setenv("TIDINGS_MAX_CHARS", "lots")
    limits.reset()
    try:
        result = CliRunner().invoke(main, ["read", "examples"])
    finally:
        limits.reset()
    assert result.exit_code == 2
    assert "TIDINGS_MAX_CHARS='lots' is not a positive number" in result.output
