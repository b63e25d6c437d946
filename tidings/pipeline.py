"""read -> parse -> extract, shared by the CLI, the store and the Python API."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import Any

from .models import CodedDocument, ReadResult
from .readers import read_paths


def filter_events(doc: CodedDocument, min_confidence: float) -> CodedDocument:
    if min_confidence > 0:
        doc.events = [e for e in doc.events if e.confidence >= min_confidence]
    return doc


def code_results(results: Iterable[ReadResult], coder=None,
                 min_confidence: float = 0.0, workers: int = 1,
                 executor: Executor | None = None,
                 chunk_size: int = 16) -> Iterator[dict[str, Any]]:
    """Code read results in input order; unreadable documents pass through with errors.

    Streams: at most one batch (or, in parallel, a bounded window of chunks) is held at
    a time. With `executor` (any concurrent.futures.Executor: a process pool, a Dask
    client's executor) or `workers` > 1 (a process pool of that size), chunks of
    `chunk_size` documents are coded in the workers, one Coder per worker process;
    the output is the same as coding in this process, in the same order.
    """
    if executor is not None or workers > 1:
        from .parallel import code_results_parallel, process_pool

        if executor is not None:
            yield from code_results_parallel(results, executor, chunk_size, min_confidence)
            return
        with process_pool(workers) as pool:
            yield from code_results_parallel(results, pool, chunk_size, min_confidence)
        return

    from .nlp import Coder

    coder = coder or Coder()
    pending: list[ReadResult] = []

    def flush() -> Iterator[dict[str, Any]]:
        articles = [r.article for r in pending if r.article is not None]
        coded = iter(coder.code_many(articles))
        for r in pending:
            if r.article is None:
                yield r.to_dict() | {"article": None}
            else:
                doc = filter_events(next(coded), min_confidence)
                doc.errors = list(r.errors) + doc.errors
                yield doc.to_dict()

    for result in results:
        pending.append(result)
        if len(pending) >= coder.batch_size:
            yield from flush()
            pending = []
    if pending:
        yield from flush()


def code_paths(paths: Iterable[str], published: str | None = None,
               min_confidence: float = 0.0, follow: bool = False,
               allow_private: bool = False, workers: int = 1,
               executor: Executor | None = None) -> Iterator[dict[str, Any]]:
    """Read and code every document under `paths`, in input order (see code_results)."""
    yield from code_results(read_paths(paths, published=published, follow=follow,
                                       allow_private=allow_private),
                            min_confidence=min_confidence, workers=workers,
                            executor=executor)


@contextmanager
def stage_timer(coder: Any) -> Iterator[dict[str, float]]:
    """Seconds spent in each of the coder's own components while the block runs.

    Wraps the components of `coder.components` (the blank pipeline Coder._extract
    walks) and restores them on exit; for benchmarks, off the normal path.
    """
    import time

    seconds: dict[str, float] = {}
    original = list(coder.components._components)

    def timed(name: str, proc: Any) -> Any:
        def run(doc: Any) -> Any:
            start = time.perf_counter()
            try:
                return proc(doc)
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start
        return run

    coder.components._components[:] = [(n, timed(n, p)) for n, p in original]
    try:
        yield seconds
    finally:
        coder.components._components[:] = original


def _package_version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def describe(gazetteer: bool = True) -> dict[str, Any]:
    """What this installation codes with: versions, model, knowledge-base and lexicon sizes.

    The spaCy model is not loaded (its version comes from the installed package's
    metadata); the gazetteer is built (about a second) unless `gazetteer` is False.
    """
    import spacy

    from . import __version__
    from .nlp import MODEL_NAME
    from .ontology.kb import kb_sizes
    from .ontology.lexicon import lexicon_size

    model_version = _package_version(MODEL_NAME)
    if model_version is None:  # not an installed package (a model folder): ask spaCy
        from .nlp import load_model

        model_version = load_model().meta.get("version")
    facts: dict[str, Any] = {
        "version": __version__,
        "spacy": spacy.__version__,
        "spacy_model": MODEL_NAME,
        "spacy_model_version": model_version,
        "knowledge_base": kb_sizes(),
        "event_lexicon": lexicon_size(),
    }
    if gazetteer:
        from .ontology.gazetteer import gazetteer as load_gazetteer

        gaz = load_gazetteer()
        facts["gazetteer"] = {"countries": len(gaz.countries),
                              "names": len(getattr(gaz, "_index", {}))}
    return facts
