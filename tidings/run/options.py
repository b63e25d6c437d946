"""One options object for a run, built once (by the CLI or the API) and handed down."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from typing import Any

from .. import readers
from ..models import ReadResult
from ..readers import TableColumns, default_published

# Documents coded together (one task per worker). With a lake, larger: each task
# writes ~9 Parquet files per month it touches, and DuckDB opens a file in ~0.3 ms, so
# `tidings load` of a lake from tasks of 32 ran at ~5,000 events/s and from tasks of
# 256 at ~15,000 (bench/lake_load.py).
CODE_BATCH = 32
LAKE_BATCH = 256
# Documents per task of `tidings code` (JSON lines out).
JSON_BATCH = 16


def default_batch_size(lake: Any) -> int:
    """Documents per coding task: LAKE_BATCH when writing a lake, else CODE_BATCH."""
    return LAKE_BATCH if lake else CODE_BATCH


@dataclass(frozen=True)
class RunOptions:
    """How a run reads, codes and writes; the same for every sink.

    `published`: publication time where the input has none. `min_confidence`: events
    below it are dropped. `follow`, `allow_private`: RSS/Atom, fetch each item's link
    (private addresses too). `workers` > 1: code on a process pool of that size.
    `batch_size`: documents per coding task (None: the sink's default). `recode`: code
    articles already stored again and replace their rows. `progress`: a progress bar.
    `columns`: the columns of CSV, TSV and Parquet tables of articles (None: found by
    header name, readers.table).
    """
    published: str | None = None
    min_confidence: float = 0.0
    follow: bool = False
    allow_private: bool = False
    workers: int = 1
    batch_size: int | None = None
    recode: bool = False
    progress: bool = False
    columns: TableColumns | None = None

    def __post_init__(self) -> None:
        default_published(self.published)  # a ReadError naming the option when not a date

    @classmethod
    def of(cls, options: RunOptions | None = None, **changes: Any) -> RunOptions:
        """`options` (or the defaults) with `changes`; an unknown name is a TypeError."""
        unknown = set(changes) - {f.name for f in fields(cls)}
        if unknown:
            raise TypeError(f"unknown run option(s): {', '.join(sorted(unknown))}")
        return replace(options or cls(), **changes)

    def read(self, paths: Iterable[str]) -> Iterator[ReadResult]:
        """Every document under `paths`, read with these options (in input order)."""
        # looked up at call time: tests replace tidings.readers.read_paths
        table = {"columns": self.columns} if self.columns is not None else {}
        return readers.read_paths(paths, published=self.published, follow=self.follow,
                                  allow_private=self.allow_private, **table)

    def batch(self, default: int) -> int:
        return self.batch_size or default
