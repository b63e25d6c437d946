"""DuckDB event store and exports.

`db.Store` owns the database; `ingest.ingest` fills it (read -> code -> store in
per-batch transactions); `merge` holds the cross-article event-merging rule;
`exports` writes Parquet/CSV/JSONL/GDELT/POLECAT; `commands` is the CLI over it.
"""
from .db import Store
from .query import EventFilter

__all__ = ["EventFilter", "Store"]
