"""Where reference data lives. `../shared` exists only in the developers' checkout and CI;
everything that uses it must skip cleanly when `shared_dir()` returns None."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "ontology" / "data"


def shared_dir() -> Path | None:
    env = os.environ.get("TIDINGS_SHARED")
    candidates = [Path(env)] if env else []
    candidates.append(PROJECT_ROOT.parent / "shared")
    for cand in candidates:
        if cand.is_dir():
            return cand
    return None


def shared_file(*parts: str) -> Path | None:
    base = shared_dir()
    if base is None:
        return None
    path = base.joinpath(*parts)
    return path if path.exists() else None
