"""The hostile-input corpus at full size, ingested with 1 and 2 workers: exit code,
wall time, peak memory of the whole process tree, and what became of every file.

    .venv/bin/python bench/hostile.py                 # builds /tmp/tidings-hostile once
    .venv/bin/python bench/hostile.py --folder DIR --workers 2

The corpus (tests/hostile_corpus.py): a gzip bomb of 4 GB of zeros, a 40 MB HTML page,
a 2 MB single-line text, a WARC whose first record is an image, a truncated WARC, a
truncated gzip, random bytes, bad UTF-8, cp1256 text, an entity-bomb feed, a broken JSON
Lines file and three good articles. Goal: exit 0 in minutes, peak memory under 2.5 GB,
every good document stored, every bad one an `errors` row.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile_corpus import BAD, GOOD, build


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def run(folder: Path, workers: int) -> dict:
    db = Path(tempfile.mkdtemp()) / "hostile.duckdb"
    cmd = [str(ROOT / ".venv/bin/tidings"), "ingest", str(folder), "--db", str(db),
           "--workers", str(workers)]
    started = time.monotonic()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watch, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            peak = max(peak, tree_rss(watch))
        except psutil.Error:
            pass
        time.sleep(0.1)
    out, err = child.communicate()
    seconds = time.monotonic() - started
    con = duckdb.connect(str(db), read_only=True)
    name = lambda o: Path((o or "").split("#")[0]).name
    stored = {name(o) for (o,) in con.execute("SELECT origin FROM articles").fetchall()}
    errors = {name(o) for (o,) in con.execute("SELECT origin FROM errors").fetchall()}
    con.close()
    return {"workers": workers, "exit": child.returncode, "seconds": round(seconds, 1),
            "peak_mb": round(peak / 2**20), "stdout": out.strip(), "stderr": err.strip(),
            "good_missing": [g for g in GOOD if g not in stored],
            "bad_unrecorded": [b for b in BAD if b not in errors]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", default="/tmp/tidings-hostile")
    ap.add_argument("--workers", type=int, action="append")
    args = ap.parse_args()
    folder = Path(args.folder)
    if not (folder / "bomb.txt.gz").exists():
        print(f"building {folder} ...", file=sys.stderr)
        build(folder)
    ok = True
    for workers in args.workers or [1, 2]:
        result = run(folder, workers)
        for key, value in result.items():
            print(f"{key:>15}: {value}")
        print()
        ok &= (result["exit"] == 0 and result["peak_mb"] < 2560
               and not result["good_missing"] and not result["bad_unrecorded"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
