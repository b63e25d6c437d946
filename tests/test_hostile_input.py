"""A folder of good articles among every kind of hostile input real crawls contain
(tests/hostile_corpus.py, built small with the limits lowered to match): with 1 and
2 workers the ingest exits 0, every good document is stored and every bad one is a row
in `errors` naming it; nothing vanishes without a record."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from hostile_corpus import BAD, GOOD, build

SCALE = 0.002  # an 8 MB bomb, an 80 KB page, a 4,000-character line
LIMITS = {"TIDINGS_MAX_DOCUMENT_BYTES": "2000000", "TIDINGS_MAX_HTML_BYTES": "40000",
          "TIDINGS_MAX_CHARS": "3000"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    build(folder, SCALE)
    return folder


def _ingest(corpus: Path, db: Path, workers: int) -> subprocess.CompletedProcess:
    env = os.environ | LIMITS
    return subprocess.run(
        [sys.executable, "-m", "tidings.cli", "ingest", str(corpus), "--db", str(db),
         "--workers", str(workers)], capture_output=True, text=True, env=env, timeout=600,
        check=False)


def _file_of(origin: str, corpus: Path) -> str:
    return Path(origin.split("#")[0]).name if origin.startswith(str(corpus)) else origin


@pytest.fixture(scope="module")
def stores(corpus, tmp_path_factory) -> dict[int, Path]:
    """The corpus ingested with 1 and with 2 workers; each run exited 0, no traceback."""
    out = {}
    for workers in (1, 2):
        db = tmp_path_factory.mktemp(f"w{workers}") / "h.duckdb"
        run = _ingest(corpus, db, workers)
        assert run.returncode == 0, run.stderr
        assert "Traceback" not in run.stderr, run.stderr
        out[workers] = db
    return out


@pytest.mark.parametrize("workers", [1, 2])
def test_good_stored_bad_recorded(corpus, stores, workers):
    con = duckdb.connect(str(stores[workers]), read_only=True)
    stored = {_file_of(o, corpus): lang for o, lang in
              con.execute("SELECT origin, language FROM articles").fetchall()}
    errors: dict[str, list[str]] = {}
    for origin, message in con.execute("SELECT origin, message FROM errors").fetchall():
        errors.setdefault(_file_of(origin or "", corpus), []).append(message)
    con.close()
    missing = [name for name in GOOD if name not in stored]
    assert not missing, f"good documents not stored: {missing}; errors: {errors}"
    unrecorded = [name for name in BAD if name not in errors]
    assert not unrecorded, f"bad documents with no error row: {unrecorded}"
    every = {p.name for p in corpus.iterdir()}
    assert every <= set(stored) | set(errors)
    assert stored["arabic-cp1256.txt"] == "ar"
    assert stored["good-harbour.txt"] == "en"
    for name in ("bomb.txt.gz", "huge.html", "one-line.txt"):
        assert any("TIDINGS_MAX" in m for m in errors[name]), errors[name]


def test_workers_store_what_one_process_stores(stores):
    def content(db: Path) -> tuple:
        con = duckdb.connect(str(db), read_only=True)
        out = (con.execute("SELECT * EXCLUDE (coded_at) FROM articles ORDER BY ALL")
               .fetchall(),
               con.execute("SELECT origin, stage, message FROM errors ORDER BY ALL")
               .fetchall())
        con.close()
        return out
    assert content(stores[1]) == content(stores[2])
