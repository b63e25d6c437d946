"""`tidings ingest`: read, code and store, into a DuckDB store or a Parquet lake."""
from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from ..models import ReadResult
from .lake_sink import ingest_lake
from .options import RunOptions
from .rows import IngestReport
from .store_sink import ingest_store


def ingest(paths: Iterable[str], db: str | Path, options: RunOptions | None = None, *,
           results: Iterable[ReadResult] | None = None, coder: Any = None,
           executor: Executor | None = None, lake: str | Path | None = None,
           **changes: Any) -> IngestReport:
    """Read, code and store every document under `paths` into the store at `db`.

    Options are `options` with `changes` (RunOptions field names: published,
    min_confidence, follow, allow_private, workers, batch_size, recode, progress).
    Unreadable documents and coding failures become rows in `errors`, never
    exceptions. With `recode`, articles already stored are coded again with the
    current coder and their rows replaced; with `recode` and no paths, every stored
    article is. `results` replaces reading `paths` (the API and tests pass ReadResults
    directly). The coder is loaded only when some article needs coding.

    With `executor` (any concurrent.futures.Executor, e.g. a Dask client's) or
    `workers` > 1 (a process pool), each batch is coded in a worker process and only
    the writes happen here; the store ends up the same as with one process. With
    `lake`, nothing is written to `db`: the workers write a Parquet lake instead
    (tidings.run.lake_sink; `tidings load` brings it into a store).
    """
    options = RunOptions.of(options, **changes)
    paths = list(paths)
    if lake is None:
        return ingest_store(paths, db, options, results, coder, executor)
    if results is None:
        if not paths:
            raise ValueError("nothing to ingest: give paths (recoding needs a store)")
        results = options.read(paths)
    return ingest_lake(results, lake, options, coder=coder, executor=executor)
