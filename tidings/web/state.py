"""What one running web app holds: the store it owns, its token, its coder.

One writer: DuckDB lets one process write a database file, so while `tidings serve`
runs it keeps the store open read-write and every other process is refused (the CLI
says so in one line). Inside the server, reads use their own cursors on that
connection (DuckDB's MVCC: a read sees the last committed write and never waits for a
running one); writes take `write_lock` and run on a handle of their own.
"""
from __future__ import annotations

import contextlib
import hmac
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreError
from ..models import Article, Paragraph
from ..store.db import Store
from . import index

TOKEN_ENV = "TIDINGS_TOKEN"
TOKEN_FILE_ENV = "TIDINGS_TOKEN_FILE"
WHY_CACHE = 256  # articles whose rule provenance is kept in memory


def load_token(token: str | None = None, token_file: str | Path | None = None) -> str | None:
    """The write token: given, else TIDINGS_TOKEN, else the first line of the token file
    (given or TIDINGS_TOKEN_FILE). None: no token, so every write is refused."""
    token = token or os.environ.get(TOKEN_ENV) or None
    path = token_file or os.environ.get(TOKEN_FILE_ENV) or None
    if token is None and path is not None:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise StoreError(f"cannot read the token file ({exc.strerror})",
                             origin=str(path)) from exc
        token = lines[0].strip() if lines else ""
        if not token:
            raise StoreError("the token file is empty", origin=str(path))
    return token


SHORT_TOKEN = 16  # characters; `tidings serve` warns below this (a guessable token)


def default_coder() -> Any:
    from ..nlp import Coder  # here: spaCy takes seconds to load, reads never need it

    return Coder()


class WebState:
    """The store, auth and coder of one app. `close()` releases the database file."""

    def __init__(self, db: str | Path, token: str | None = None, guard_reads: bool = False,
                 coder_factory: Callable[[], Any] = default_coder):
        self.db = str(db)
        self.store = Store.open(self.db)  # read-write: this process owns the file now
        try:
            index.attach(self.store.con)
            self.n_events = index.rebuild(self.store.con)
        except duckdb.Error as exc:
            self.store.close()
            raise StoreError(f"cannot index the events for the web ({exc})",
                             origin=self.db) from exc
        self.token = token
        self.guard_reads = guard_reads
        self.write_lock = threading.Lock()
        self._coder_lock = threading.Lock()
        self._coder_factory = coder_factory
        self._coder: Any = None
        self._local = threading.local()
        self._cursor_lock = threading.Lock()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._why: OrderedDict[str, dict[str, list[str]]] = OrderedDict()

    # -- reading -------------------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's read cursor (a DuckDB connection is not shared between threads)."""
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            with self._cursor_lock:
                cur = self.store.con.cursor()
                self._cursors.append(cur)
            self._local.cursor = cur
        return cur

    @contextmanager
    def own_cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for one streamed response, whose chunks may be read on any thread."""
        with self._cursor_lock:
            cur = self.store.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    # -- auth ----------------------------------------------------------------------
    def authorized(self, header: str | None) -> bool:
        """Whether an Authorization header carries the configured token."""
        if self.token is None or not header:
            return False
        scheme, _, given = header.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            given.strip().encode(), self.token.encode())

    # -- coding --------------------------------------------------------------------
    @contextmanager
    def coder(self) -> Iterator[Any]:
        """The app's one coder (loaded on first use), for one caller at a time."""
        with self._coder_lock:
            if self._coder is None:
                self._coder = self._coder_factory()
            yield self._coder

    def load_coder(self) -> None:
        """Load the coder now (a background thread at start calls this); a failure is
        left for the first write to report."""
        with contextlib.suppress(Exception), self.coder():
            pass

    def remember_why(self, article_hash: str, by_event: dict[str, list[str]]) -> None:
        self._why[article_hash] = by_event
        self._why.move_to_end(article_hash)
        while len(self._why) > WHY_CACHE:
            self._why.popitem(last=False)

    def why(self, article: dict[str, Any]) -> dict[str, list[str]]:
        """The rules that made each event of a stored article ({local event id: by}).

        The store keeps what was coded, not why; the article is coded again with this
        server's coder (cached), which gives the same events when the coder is the one
        that stored them (compare `coder_version`)."""
        h = article["hash"]
        if h not in self._why:
            with self.coder() as coder:
                doc = coder.code(stored_article(article))
            self.remember_why(h, {e.id: list(e.by) for e in doc.events})
        return self._why[h]

    def close(self) -> None:
        with self._cursor_lock:
            for cur in self._cursors:
                try:
                    cur.close()
                except duckdb.Error:
                    pass
            self._cursors.clear()
        self.store.close()


def stored_article(row: dict[str, Any]) -> Article:
    """An `articles` row (as `queries.article_row` gives it) back as an Article."""
    paragraphs = row.get("paragraphs") or []
    if isinstance(paragraphs, str):
        paragraphs = json.loads(paragraphs)
    return Article(id=row["id"], origin=row["origin"], text=row["text"],
                   title=row.get("title") or "", subtitles=row.get("subtitles") or [],
                   section=row.get("section"), published=row.get("published"),
                   url=row.get("url"), source=row.get("source"),
                   language=row.get("language") or "en",
                   paragraphs=[Paragraph(**p) for p in paragraphs])
