"""Bounds on the work one document may cost, so a hostile or broken input becomes an
error row for that document and never a crash, a stall or a lost batch.

Each bound has a default sized for real news with a wide margin and can be changed with
an environment variable (read when the value is first used), e.g.

    TIDINGS_MAX_HTML_BYTES=20000000 tidings ingest crawl/ --db news.duckdb

| setting                  | default     | what it bounds                                              |
|--------------------------|-------------|-------------------------------------------------------------|
| TIDINGS_MAX_INPUT_BYTES  | 512 MiB     | one input file as stored on disk (a bigger file is refused  |
|                          |             | unread; JSON Lines and WARC files are streamed, not bound)  |
| TIDINGS_MAX_DOCUMENT_BYTES | 64 MiB    | one document after decompression (gzip is inflated as a     |
|                          |             | stream and stopped here: a gzip bomb costs this, no more)   |
| TIDINGS_MAX_HTML_BYTES   | 8 MiB       | HTML handed to the extractor (scripts and styles removed)   |
| TIDINGS_MAX_CHARS        | 100,000     | characters of one article handed to spaCy; the text past    |
|                          |             | the bound is cut at a paragraph or whitespace boundary and  |
|                          |             | the cut is recorded (a long feature is ~60,000; coding      |
|                          |             | 100,000 characters takes ~5 s and ~570 MB at worst)         |
| TIDINGS_MAX_PIECE_CHARS  | 5,000       | characters spaCy parses at once: a longer paragraph is      |
|                          |             | split at sentence or whitespace boundaries, offsets exact   |
| TIDINGS_DOC_SECONDS      | 120         | wall-clock seconds of coding one article; the components    |
|                          |             | not yet run when it is spent are skipped and recorded       |
| TIDINGS_FETCH_SECONDS    | 30          | overall deadline of one --follow download                   |
| TIDINGS_FETCH_BYTES      | 8 MiB       | bytes of one --follow download                              |
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields

__all__ = ["Limits", "limits"]

_MIB = 1 << 20


@dataclass(frozen=True)
class Limits:
    max_input_bytes: int = 512 * _MIB
    max_document_bytes: int = 64 * _MIB
    max_html_bytes: int = 8 * _MIB
    max_chars: int = 100_000
    max_piece_chars: int = 5_000
    doc_seconds: float = 120.0
    fetch_seconds: float = 30.0
    fetch_bytes: int = 8 * _MIB

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Limits:
        """The defaults, with each TIDINGS_<NAME> variable that is set taking its place.
        A value that is not a positive number raises ValueError naming the variable."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            var = _ENV_NAMES[f.name]
            raw = environ.get(var)
            if raw is None or not raw.strip():
                continue
            kind = int if f.type in ("int", int) else float
            try:
                value = kind(raw.replace("_", ""))
            except ValueError:
                value = None
            if value is None or value <= 0:
                raise ValueError(f"{var}={raw!r} is not a positive number")
            values[f.name] = value
        return cls(**values)


_ENV_NAMES = {
    "max_input_bytes": "TIDINGS_MAX_INPUT_BYTES",
    "max_document_bytes": "TIDINGS_MAX_DOCUMENT_BYTES",
    "max_html_bytes": "TIDINGS_MAX_HTML_BYTES",
    "max_chars": "TIDINGS_MAX_CHARS",
    "max_piece_chars": "TIDINGS_MAX_PIECE_CHARS",
    "doc_seconds": "TIDINGS_DOC_SECONDS",
    "fetch_seconds": "TIDINGS_FETCH_SECONDS",
    "fetch_bytes": "TIDINGS_FETCH_BYTES",
}

_CURRENT: Limits | None = None


def limits() -> Limits:
    """This process's limits: read from the environment once, then kept."""
    global _CURRENT
    if _CURRENT is None:
        _CURRENT = Limits.from_env()
    return _CURRENT


def reset() -> None:
    """Forget the limits read so far (tests that set the variables call this)."""
    global _CURRENT
    _CURRENT = None
