"""Objects that take seconds to build, kept between processes in the user's cache folder.

The gazetteer (GeoNames, about 3 s) and the actor knowledge base (about 0.7 s) are built
from data files; every process that codes - each `--workers` or Dask worker included -
would otherwise build them again. `load_or_build` keeps a pickle under
~/.cache/tidings (or $XDG_CACHE_HOME/tidings), named by a digest of everything the object
is built from, so a changed data file is a different file name and a stale cache is
never read. TIDINGS_NO_CACHE=1 turns caching off. A missing, corrupt or unreadable
cache is rebuilt; a read-only home only costs the rebuild.
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
NO_CACHE_ENV = "TIDINGS_NO_CACHE"


def cache_path(stem: str, parts: Iterable[bytes]) -> Path | None:
    """Where the object named `stem`, built from `parts`, is kept; None when disabled."""
    if os.environ.get(NO_CACHE_ENV):
        return None
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tidings"
    return root / f"{stem}-{digest.hexdigest()[:16]}.pickle"


def _unpickle(fh) -> object:
    """pickle.load with the cyclic garbage collector paused: unpickling an index of a
    hundred thousand small objects otherwise triggers collection after collection (0.5 s
    -> 0.2 s for the gazetteer); the objects are then moved out of the collector's sight
    (`gc.freeze`), as they live as long as the process."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        obj = pickle.load(fh)
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return obj


def load_or_build(path: Path | None, build: Callable[[], T], kind: type) -> T:
    """The object pickled at `path` if it is a `kind`, else `build()` (then saved there)."""
    if path is not None and path.exists():
        try:
            with open(path, "rb") as fh:
                obj = _unpickle(fh)
            if isinstance(obj, kind):
                return obj
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                TypeError, ValueError):
            pass
    obj = build()
    if path is not None:
        try:  # write then rename, so a parallel worker never reads half a file
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass
    return obj
