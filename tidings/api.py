"""The Python API: read a store into pandas/Arrow, or code one text on the spot.

    >>> from tidings.api import open_store, code_text
    >>> store = open_store("tidings.duckdb")
    >>> store.events(type="ASSAULT", country="UKR", since="2023-03")      # DataFrame
    >>> store.events(dyad="USA-IRN", undirected=True, modality="asserted,reported",
    ...              negated=False, min_confidence=0.8, quad_class=4)
    >>> store.events_arrow(actor="IRNGOV")                                # pyarrow.Table
    >>> code_text("Iran's foreign minister met his French counterpart in Geneva.")
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from .models import Article, Paragraph, content_hash
from .run.ingesting import ingest as _ingest
from .store.db import Store
from .store.documents import stored_document
from .store.query import EventFilter

__all__ = ["EventStore", "code_text", "ingest", "open_store"]


class EventStore:
    """A read-only view of one tidings store. Filters are those of `tidings query`
    (see tidings.store.query.EventFilter): type, country, source, target, dyad (with
    undirected), actor, place, modality, negated, min_confidence, quad_class, since,
    until (YYYY, YYYY-MM or YYYY-MM-DD), text, limit. A bad value raises StoreError
    naming the filter and the closest valid values; countries may be ISO3, ISO2 or names.
    """

    def __init__(self, path: str | Path):
        self.path = str(path)

    def _open(self) -> Store:
        # One short-lived connection per call: another process may be ingesting between.
        return Store.open(self.path, read_only=True)

    def events(self, **filters: Any) -> pd.DataFrame:
        """Merged events matching the filters, one row each, newest first."""
        f = EventFilter.of(**filters)
        with self._open() as store:
            return store.events_df(f)

    def events_arrow(self, **filters: Any) -> pa.Table:
        """Same rows as `events`, as an Arrow table."""
        f = EventFilter.of(**filters)
        with self._open() as store:
            return store.events_arrow(f)

    def mentions(self, event_ids: list[str]) -> pd.DataFrame:
        """Every article mention of these merged events (the evidence behind each row)."""
        with self._open() as store:
            return store.mentions_of(event_ids).to_pandas()

    def document(self, ident: str) -> dict[str, Any]:
        """One stored article with everything coded from it, in the shape `tidings code`
        prints (what `tidings show` shows): `ident` is an article id, an article hash
        (or its first 6+ characters), or an event id (or its start)."""
        with self._open() as store:
            return stored_document(store, ident)

    def articles(self, include_text: bool = False) -> pd.DataFrame:
        """Stored articles, one row each; body text and paragraphs only if asked."""
        with self._open() as store:
            return store.articles_df(include_text)

    def errors(self) -> pd.DataFrame:
        with self._open() as store:
            return store.errors_df()

    def stats(self) -> dict[str, Any]:
        """The numbers `tidings stats --json` prints."""
        with self._open() as store:
            return store.stats()

    def __repr__(self) -> str:
        return f"EventStore({self.path!r})"


def open_store(path: str | Path) -> EventStore:
    """Open an existing store for reading; StoreError (naming the file) if it is not one."""
    Store.open(path, read_only=True).close()  # fail now, not at the first query
    return EventStore(path)


def ingest(paths: list[str], db: str | Path, **options: Any) -> dict[str, Any]:
    """Read, code and store `paths` into `db`; options as `tidings ingest` (RunOptions
    field names, and `lake`, `results`, `coder`, `executor`). Returns its report."""
    return _ingest(paths, db, **options).to_dict()


_coder = None


def code_text(text: str, published: str | None = None, title: str = "",
              coder: Any = None) -> dict[str, Any]:
    """Code one text and return the contract dict (../shared/spec/output.md shape).

    Paragraphs are the blank-line-separated blocks. The spaCy model is loaded on the
    first call and kept for the next ones unless a `coder` is passed.
    """
    global _coder
    if coder is None:
        if _coder is None:
            from .nlp import Coder  # here: spaCy takes a second to import

            _coder = Coder()
        coder = _coder
    paragraphs, pos = [], 0
    for block in text.split("\n\n"):
        if block.strip():
            paragraphs.append(Paragraph(pos, pos + len(block)))
        pos += len(block) + 2
    article = Article(id="", origin="code_text", text=text, title=title,
                      published=published, paragraphs=paragraphs)
    article.id = content_hash(article)[:16]
    return coder.code(article).to_dict()
