"""POST /api/articles: read one article from a request body, code it, store it.

The body is what `tidings ingest` reads from a file: one JSON object of the JSON Lines
input shape (`{"text", "title"?, "published"?, "url"?, "source"?, "id"?}`), an HTML
page or plain text; the readers tell them apart by their first bytes. The article is
stored in one transaction with its events merged, exactly as an ingest would store it;
an article already stored (same content hash) is answered as it is, not coded again.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..models import content_hash
from ..readers import read_bytes
from ..readers.detect import TEXT, sniff
from ..run.rows import coder_version, utc_now
from ..store.rows import RowBatch
from . import index
from .state import WebState

ORIGIN = "POST /api/articles"
MAX_BODY = 5_000_000  # bytes; a news article is far smaller


class BadArticle(ValueError):
    """The body holds no single readable article: answered with 422 and the reason."""


@dataclass
class Stored:
    article_hash: str
    created: bool  # False: the same article was already stored


def read_one(body: bytes) -> Any:
    """The one Article in `body`, or BadArticle saying why there is none."""
    if not body.strip():
        raise BadArticle(f"{ORIGIN}: empty body; send a JSON object with \"text\", "
                         "an HTML page or plain text")
    if len(body) > MAX_BODY:
        raise BadArticle(f"{ORIGIN}: body of {len(body)} bytes is over {MAX_BODY}")
    results = list(read_bytes(body, ORIGIN))
    if len(results) == 1 and results[0].article is None and sniff(body) == TEXT:
        # A text file's reader takes a lone short line for a headline with no body; a
        # text POSTed on its own is the body: read it as {"text": ...} instead.
        try:
            record = json.dumps({"text": body.decode("utf-8")}).encode()
        except UnicodeDecodeError:
            record = None
        if record is not None:
            results = list(read_bytes(record, ORIGIN))
    if len(results) != 1:
        raise BadArticle(f"{ORIGIN}: {len(results)} documents in the body; send one "
                         "article per request")
    result = results[0]
    if result.article is None:
        reasons = "; ".join(e.message for e in result.errors) or "not an article"
        raise BadArticle(f"{ORIGIN}: {reasons}")
    return result.article


def store_article(state: WebState, body: bytes) -> Stored:
    """Code and store the article in `body` (one transaction, events merged)."""
    article = read_one(body)
    h = content_hash(article)
    with state.write_lock:
        handle = state.store.handle()
        try:
            if handle.known_hashes([h]):
                return Stored(h, created=False)
            with state.coder() as coder:
                doc = coder.code(article)
                version = coder_version(coder)
            batch = RowBatch()
            batch.add(doc, utc_now(), version, h)
            rows = batch.to_arrow()
            handle.write_batch(rows)
            # the web's copy follows at once: the events this article touched
            state.n_events = index.update(handle.con, list(rows.merge_keys), h)
        finally:
            handle.close()
    state.remember_why(h, {e.id: list(e.by) for e in doc.events})
    return Stored(h, created=True)
