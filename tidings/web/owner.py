"""Who owns a store file while `tidings serve` runs: a note beside it, `FILE.serving`.

DuckDB lets one process write a database file; the server keeps it open for as long
as it runs. The note (JSON: url, pid) lets a refused command say where the server is
instead of DuckDB's bare "Conflicting lock". Imports nothing heavy: the CLI's error
guard reads it.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

_LOCKED = re.compile(r'Could not set lock on file "([^"]+)"')


def note_path(db: str | Path) -> Path:
    return Path(f"{db}.serving")


def write_note(db: str | Path, url: str) -> Path:
    path = note_path(db)
    path.write_text(json.dumps({"url": url, "pid": os.getpid()}) + "\n", encoding="utf-8")
    return path


def remove_note(db: str | Path) -> None:
    try:
        if json.loads(note_path(db).read_text(encoding="utf-8")).get("pid") == os.getpid():
            note_path(db).unlink()
    except (OSError, ValueError):
        pass


def serving(db: str | Path) -> dict | None:
    """The running server's note for `db`, or None (no note, or its process is gone)."""
    try:
        note = json.loads(note_path(db).read_text(encoding="utf-8"))
        os.kill(int(note["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return note


def explain_lock(message: str) -> str:
    """DuckDB's lock conflict told as who holds the file, when a server does."""
    found = _LOCKED.search(message)
    note = serving(found.group(1)) if found else None
    if note is None:
        return message
    return (f"{found.group(1)}: the store is served by `tidings serve` at {note['url']} "
            f"(PID {note['pid']}), which owns it while it runs; ingest through the server "
            f"(POST {note['url'].rstrip('/')}/api/articles) or stop it first")
