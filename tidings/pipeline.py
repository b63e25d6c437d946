"""read -> parse -> extract, shared by the CLI, the store and the Python API."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .models import CodedDocument, ReadResult
from .readers import read_paths


def filter_events(doc: CodedDocument, min_confidence: float) -> CodedDocument:
    if min_confidence > 0:
        doc.events = [e for e in doc.events if e.confidence >= min_confidence]
    return doc


def code_results(results: Iterable[ReadResult], coder=None,
                 min_confidence: float = 0.0) -> Iterator[dict[str, Any]]:
    """Code read results in input order; unreadable documents pass through with errors."""
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
               allow_private: bool = False) -> Iterator[dict[str, Any]]:
    yield from code_results(read_paths(paths, published=published, follow=follow,
                                       allow_private=allow_private),
                            min_confidence=min_confidence)


def describe() -> dict[str, Any]:
    import spacy

    from . import __version__
    from .nlp import MODEL_NAME, load_model

    nlp = load_model()
    return {
        "version": __version__,
        "spacy": spacy.__version__,
        "spacy_model": MODEL_NAME,
        "spacy_model_version": nlp.meta.get("version"),
    }
