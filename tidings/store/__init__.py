"""Storage only: the DuckDB event store, its rows and exports. Nothing here codes.

`db.Store` owns the database; `writer.BatchWriter` writes coded rows (ArrowBatches,
the one row shape it takes) in transactions on writer threads; `rows` turns a
CodedDocument into rows of `schema`'s tables; `merge` holds the cross-article
event-merging rule; `query` and `render` read events back; `exports` writes
Parquet/CSV/JSONL/GDELT/POLECAT; `lake_load` reads a Parquet lake into a store.
Filling it is the run layer's work (tidings.run).
"""
from .db import Store
from .query import EventFilter

__all__ = ["EventFilter", "Store"]
