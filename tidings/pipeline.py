"""The coder as a whole: what it codes with (`describe`), where its time goes
(`stage_timer`), and the run layer's `code_results`/`code_paths` (tidings.run) under
their first names."""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from . import __version__
from .run.driver import filter_events
from .run.jsonl import code_paths, code_results

__all__ = ["code_paths", "code_results", "describe", "filter_events", "stage_timer"]


@contextmanager
def stage_timer(coder: Any) -> Iterator[dict[str, float]]:
    """Seconds spent in each of the coder's own components while the block runs.

    Wraps the components of `coder.components` (the blank pipeline Coder._extract
    walks) and restores them on exit; for benchmarks, off the normal path.
    """
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
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def describe(gazetteer: bool = True) -> dict[str, Any]:
    """What this installation codes with: versions, model, knowledge-base and lexicon sizes.

    The spaCy model is not loaded (its version comes from the installed package's
    metadata); the gazetteer is built (about a second) unless `gazetteer` is False.
    """
    # Here, not at the top: spaCy and the knowledge base take a second to import, and
    # importing tidings.pipeline for code_results should not cost it.
    import spacy

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
