"""`tidings serve` and the one-writer rule from the command line: one-line errors."""
from __future__ import annotations

import os
import subprocess
import sys

from web_store import make_store

from tidings.web.owner import explain_lock, note_path, remove_note, serving, write_note
from tidings.web.state import load_token


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tidings.cli", *args], check=False,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def one_line_error(r: subprocess.CompletedProcess) -> str:
    assert r.returncode == 1, r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    return r.stderr


def test_serve_refuses_a_missing_store(tmp_path):
    assert "no such store" in one_line_error(run("serve", "--db", str(tmp_path / "x.duckdb")))


def test_the_token_comes_from_the_environment_or_a_file(tmp_path, monkeypatch):
    monkeypatch.delenv("TIDINGS_TOKEN", raising=False)
    monkeypatch.delenv("TIDINGS_TOKEN_FILE", raising=False)
    assert load_token() is None
    token_file = tmp_path / "token"
    token_file.write_text("from-the-file\nignored\n")
    assert load_token(token_file=token_file) == "from-the-file"
    monkeypatch.setenv("TIDINGS_TOKEN_FILE", str(token_file))
    assert load_token() == "from-the-file"
    monkeypatch.setenv("TIDINGS_TOKEN", "abc")  # short is allowed (serve warns)
    assert load_token() == "abc"


def test_serve_refuses_an_unreadable_or_empty_token_file(tmp_path):
    db = make_store(tmp_path / "s.duckdb")
    env = {"TIDINGS_TOKEN": ""}
    err = one_line_error(run("serve", "--db", str(db), "--token-file",
                             str(tmp_path / "none"), env=env))
    assert "token file" in err
    empty = tmp_path / "empty"
    empty.write_text("\n")
    assert "empty" in one_line_error(run("serve", "--db", str(db), "--token-file", str(empty),
                                         env=env))


def test_guarded_reads_need_a_token(tmp_path):
    db = make_store(tmp_path / "s.duckdb")
    r = run("serve", "--db", str(db), "--guard-reads", env={"TIDINGS_TOKEN": ""})
    assert r.returncode == 2 and "--guard-reads needs a token" in r.stderr


def test_a_lock_conflict_names_the_server_that_holds_the_store(tmp_path):
    db = tmp_path / "s.duckdb"
    message = (f'IO Error: Could not set lock on file "{db}": Conflicting lock is held '
               f'in /usr/bin/python3 (PID 1)')
    assert explain_lock(message) == message  # no note: DuckDB's words stand
    write_note(db, "http://127.0.0.1:8123/")
    try:
        assert serving(db)["pid"] == os.getpid()
        told = explain_lock(message)
        assert "served by `tidings serve` at http://127.0.0.1:8123/" in told
        assert "POST http://127.0.0.1:8123/api/articles" in told
    finally:
        remove_note(db)
    assert not note_path(db).exists()
    note_path(db).write_text('{"url": "http://x/", "pid": 999999999}')
    assert serving(db) is None  # a note left by a dead server counts for nothing
