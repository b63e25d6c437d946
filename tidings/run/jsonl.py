"""The JSON lines sink: every document coded into the dict `tidings code` prints, in
input order; unreadable documents pass through with their errors."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import fields
from typing import Any

from ..models import CodedDocument, ReadResult
from .driver import Job, Part, drive, filter_events, worker_failed
from .executors import worker_coder
from .options import JSON_BATCH, RunOptions

# Every key of a coded document: a failed read has them all too (nulls and empties).
DOCUMENT_KEYS = [f.name for f in fields(CodedDocument)]


def complete(doc: dict[str, Any]) -> dict[str, Any]:
    """`doc` with every key a coded document has, in contract order (a failed read's
    lists empty), and every error with its `origin` (None when unknown)."""
    out = {key: doc.get(key, None if key == "article" else []) for key in DOCUMENT_KEYS}
    out["errors"] = [{"stage": e.get("stage"), "message": e.get("message"),
                      "origin": e.get("origin")} for e in out["errors"]]
    return out


def failed_document(result: ReadResult) -> dict[str, Any]:
    """The dict of a document that could not be coded: no article, its errors."""
    return complete(result.to_dict() | {"article": None})


def code_chunk(results: list[ReadResult], min_confidence: float,
               coder: Any = None) -> list[dict[str, Any]]:
    """One task of `tidings code` (in a worker, or here with `coder`): the dicts of
    these documents, in order."""
    coder = coder or worker_coder()
    coded = iter(coder.code_many([r.article for r in results if r.article is not None]))
    out = []
    for r in results:
        if r.article is None:
            out.append(failed_document(r))
        else:
            doc = filter_events(next(coded), min_confidence)
            doc.errors = list(r.errors) + doc.errors
            out.append(complete(doc.to_dict()))
    return out


class JsonLinesSink:
    """Every document read, coded (none skipped); `take` yields their dicts."""

    def __init__(self, options: RunOptions):
        self.options = options
        self.batch_size = options.batch(JSON_BATCH)

    def task(self) -> Callable[..., list[dict[str, Any]]]:
        return code_chunk

    def select(self, batch: list[ReadResult]) -> Job:
        return Job(batch, len(batch), (self.options.min_confidence,))

    def take(self, job: Job, parts: list[Part]) -> Iterator[dict[str, Any]]:
        for items, out in parts:
            if not isinstance(out, BaseException):
                yield from out
                continue
            for r in items:  # its task failed even alone: the document and why
                origin = r.article.origin if r.article is not None else None
                yield failed_document(
                    ReadResult(None, list(r.errors) + [worker_failed(origin, out)]))


def code_documents(results: Iterable[ReadResult], options: RunOptions | None = None,
                   coder: Any = None,
                   executor: Executor | None = None) -> Iterator[dict[str, Any]]:
    """Code read results in input order; the dicts `tidings code` prints.

    Streams: a bounded number of batches is held at a time. With `executor` or
    `options.workers` > 1, batches are coded in worker processes, one Coder each; the
    output is the same as coding here, in the same order.
    """
    options = options or RunOptions()
    yield from drive(results, JsonLinesSink(options), options, coder, executor)


def code_results(results: Iterable[ReadResult], coder: Any = None,
                 min_confidence: float = 0.0, workers: int = 1,
                 executor: Executor | None = None,
                 chunk_size: int = JSON_BATCH) -> Iterator[dict[str, Any]]:
    """`code_documents` with its options as arguments (documents per task: `chunk_size`)."""
    options = RunOptions(min_confidence=min_confidence, workers=workers,
                         batch_size=chunk_size)
    yield from code_documents(results, options, coder, executor)


def code_results_parallel(results: Iterable[ReadResult], executor: Executor,
                          chunk_size: int = JSON_BATCH,
                          min_confidence: float = 0.0) -> Iterator[dict[str, Any]]:
    """`code_results` on `executor`: the same dicts, in the same order."""
    yield from code_results(results, min_confidence=min_confidence, executor=executor,
                            chunk_size=chunk_size)


def code_paths(paths: Iterable[str], published: str | None = None,
               min_confidence: float = 0.0, follow: bool = False,
               allow_private: bool = False, workers: int = 1,
               executor: Executor | None = None) -> Iterator[dict[str, Any]]:
    """Read and code every document under `paths`, in input order (see code_documents)."""
    options = RunOptions(published=published, min_confidence=min_confidence, follow=follow,
                         allow_private=allow_private, workers=workers)
    yield from code_documents(options.read(paths), options, executor=executor)
