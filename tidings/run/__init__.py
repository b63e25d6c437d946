"""The run layer: one way through the house.

    read (tidings.readers) -> select what is new -> code, here or on an executor -> sink

`options`    RunOptions: one frozen object for everything a run is told
`driver`     drive(): batches, the pool, results in order, a failed task retried per document
`executors`  process_pool, dask_executor, map_ordered, retry_singly, the worker's Coder
`jsonl`      the JSON lines sink (`tidings code`): code_documents, code_results, code_paths
`rows`       what the store and lake sinks share: select_new, coded_rows, IngestReport
`store_sink` the store sink (DuckDB, through store.writer.BatchWriter): ingest_store
`lake_sink`  the lake sink (Parquet parts, written by the workers): ingest_lake
`ingesting`  ingest(): into a store, or with `lake` into a lake

Imports go one way: models/errors <- readers/nlp/store <- run <- pipeline/api/cli.
The store knows nothing of coding. The names below are light to import; `ingest` and
`ingest_lake` import DuckDB and pandas, so they load on first use (`tidings code`
starts without them).
"""
from __future__ import annotations

from typing import Any

from .jsonl import code_documents, code_paths, code_results
from .options import RunOptions

__all__ = ["RunOptions", "code_documents", "code_paths", "code_results", "ingest",
           "ingest_lake"]


def __getattr__(name: str) -> Any:
    if name == "ingest":
        from .ingesting import ingest

        return ingest
    if name == "ingest_lake":
        from .lake_sink import ingest_lake

        return ingest_lake
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
