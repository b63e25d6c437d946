"""What the store and the lake sinks share: selecting the articles still to code,
coding them into store rows (`store.rows.RowBatch`), and the report of a run."""
from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from tqdm import tqdm

from .. import __version__
from ..models import ReadResult, content_hash
from ..store.rows import RowBatch, error_rows
from .driver import filter_events, worker_failed

Todo = list[tuple[str, ReadResult]]  # (content hash, read result) of articles to code


@dataclass
class IngestReport:
    """What one ingest did; `tidings ingest` prints it."""
    db: str
    read: int = 0            # documents the readers yielded (with or without an article)
    coded: int = 0           # articles coded and stored (new or recoded)
    skipped: int = 0         # already stored (same content hash), or repeated in the input
    unreadable: int = 0      # documents with no article, only errors
    errors: int = 0          # error rows written (read + code stages)
    seconds: float = 0.0
    before: dict[str, int] = field(default_factory=dict)
    after: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def utc_now() -> dt.datetime:
    """Now, in UTC without a zone (the store's TIMESTAMP columns)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def progress_bar(total: int | None, enabled: bool) -> tqdm:
    return tqdm(total=total, disable=not enabled, file=sys.stderr, unit="doc",
                desc="ingest", dynamic_ncols=True)


def select_new(batch: list[ReadResult], known: Callable[[Iterable[str]], set[str]] | None,
               seen: set[str], report: IngestReport,
               now: dt.datetime) -> tuple[Todo, list[dict[str, Any]]]:
    """(content hash, result) of the batch's articles still to code, and error rows for
    its unreadable documents. Already stored (`known` says which, None: nothing is)
    or already seen in this run counts as skipped."""
    hashes = {id(r): content_hash(r.article) for r in batch if r.article is not None}
    stored = known(hashes.values()) if known is not None else set()
    todo, errors = [], []
    for result in batch:
        report.read += 1
        if result.article is None:
            report.unreadable += 1
            errors += error_rows(result.errors, None, now)
            continue
        h = hashes[id(result)]
        if h in stored or h in seen:
            report.skipped += 1
            continue
        seen.add(h)
        todo.append((h, result))
    return todo, errors


def coder_version(coder: Any) -> str:
    """What coded the rows: tidings' version and the spaCy model's."""
    meta = getattr(getattr(coder, "nlp", None), "meta", {}) or {}
    return f"tidings {__version__}; {meta.get('lang', 'en')}_{meta.get('name', '?')} " \
           f"{meta.get('version', '?')}"


def coded_rows(todo: Todo, coder: Any, min_confidence: float, now: dt.datetime) -> RowBatch:
    """Store rows (tuples per table, cheap to build, to pickle back from a worker and
    to convert for DuckDB) for (content hash, ReadResult) pairs."""
    batch = RowBatch()
    if not todo:
        return batch
    version = coder_version(coder)
    coded = coder.code_many([r.article for _, r in todo])
    for (h, result), doc in zip(todo, coded, strict=True):
        doc = filter_events(doc, min_confidence)
        doc.errors = list(result.errors) + list(doc.errors)
        batch.add(doc, now, version, h)
    return batch


def failed_errors(todo: Todo, exc: BaseException, now: dt.datetime,
                  keyed: bool = True) -> list[dict[str, Any]]:
    """Error rows for documents whose task failed: the articles are not stored, so a
    re-run codes them again. `keyed` False leaves out the article's hash (a lake keeps
    only the rows of articles it holds, and errors of no article)."""
    rows: list[dict[str, Any]] = []
    for h, r in todo:
        rows += error_rows([worker_failed(r.article.origin, exc)], h if keyed else None, now)
    return rows
