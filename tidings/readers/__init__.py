"""source -> Article. `read_paths` detects each input's format by content.

Inputs are files, folders (recursively, in sorted order), glob patterns and "-" (stdin).
Each document is un-gzipped when it starts with the gzip magic bytes and dispatched on its
first bytes: WARC, RSS/Atom, HTML, JSON Lines, else a scraped text dump. A document that
cannot be read becomes a ReadResult with article=None and a DocumentError saying why;
`read_paths` itself never raises for bad input, so one broken file never stops a batch.
"""
from __future__ import annotations

import glob
import gzip
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from importlib import import_module
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..models import DocumentError, ReadResult
from .common import read_error
from .detect import (
    FEED,
    GZIP_MAGIC,
    HTML,
    JSONL,
    WARC,
    check_not_binary,
    decode,
    gunzip,
    sniff,
)
from .jsonl import read_jsonl, read_jsonl_lines, whole_array
from .textdump import read_text_dump_with_notes
from .timestamps import normalize_published

__all__ = ["read_bytes", "read_paths"]

STDIN = "-"
_GLOB_CHARS = frozenset("*?[")


def read_paths(paths: Iterable[str], published: str | None = None, follow: bool = False,
               allow_private: bool = False) -> Iterator[ReadResult]:
    """One ReadResult per document found under `paths`, in a deterministic order.

    `published` (YYYY-MM-DD, YYYY-MM-DDTHH:MMZ, ...) is the publication time for inputs
    that state none. `follow` and `allow_private` are passed to the feed reader (fetch
    each item's link; allow private-network addresses). Raises ReadError only when
    `published` itself cannot be understood - a usage error, not a document problem.
    """
    default = _default_published(published)
    for path in paths:
        for origin, load in _expand(path):
            streamed = _jsonl_stream(origin, default) if origin != STDIN else None
            if streamed is not None:
                yield from streamed
                continue
            try:
                data = load()
            except ReadError as exc:
                yield read_error(exc.origin or origin, exc.message)
                continue
            yield from read_bytes(data, origin, default, follow=follow,
                                  allow_private=allow_private)


def read_bytes(data: bytes, origin: str, published: str | None = None, follow: bool = False,
               allow_private: bool = False) -> Iterator[ReadResult]:
    """The documents in one input's raw bytes (gzipped or not), never raising for bad input.

    `published` must already be ISO 8601 UTC (see `timestamps.normalize_published`).
    """
    try:
        data = gunzip(data, origin)
        check_not_binary(data, origin)
        kind = sniff(data)
    except ReadError as exc:
        yield read_error(origin, exc.message)
        return
    if kind == WARC:
        yield from _delegate("WARC", "warc", "read_warc", data, origin, published)
    elif kind == FEED:
        yield from _delegate("feed", "feed", "read_feed", data, origin, published,
                             follow=follow, allow_private=allow_private)
    elif kind == HTML:
        yield from _delegate("HTML", "html", "read_html", data, origin, published)
    else:
        yield from _read_plain(data, origin, published, as_jsonl=kind == JSONL)


def _read_plain(data: bytes, origin: str, published: str | None,
                as_jsonl: bool) -> Iterator[ReadResult]:
    try:
        text, encoding = decode(data, origin)
    except ReadError as exc:
        yield read_error(origin, exc.message)
        return
    notes = []
    if encoding == "cp1252":
        notes.append(DocumentError("read", "not valid UTF-8; decoded as Windows-1252", origin))
    if as_jsonl and (text.lstrip().startswith("{") or whole_array(text) is not None):
        for result in read_jsonl(text, origin, published):
            if result.article is not None:
                result.errors[:0] = notes
            yield result
        return
    try:
        article, dump_notes = read_text_dump_with_notes(text, origin, published)
    except ValueError as exc:
        yield read_error(origin, f"not an article: {exc}")
        return
    yield ReadResult(article, notes + dump_notes)


def _delegate(label: str, module: str, func: str, data: bytes, origin: str,
              published: str | None, **options: bool) -> Iterator[ReadResult]:
    """Hand a document to the html/warc/feed reader, imported only when needed.

    Those readers live in their own modules (and libraries); if one is missing or fails
    the document gets an error naming the reader, and the batch carries on.
    """
    try:
        reader: Callable = getattr(import_module(f"{__name__}.{module}"), func)
    except (ImportError, AttributeError) as exc:
        yield read_error(origin, f"{label} reader not available ({exc})")
        return
    try:
        produced = reader(data, origin, published, **options)
        if isinstance(produced, ReadResult):
            yield produced
        else:
            yield from produced
    except ReadError as exc:
        yield read_error(exc.origin or origin, exc.message)
    except Exception as exc:  # noqa: BLE001 - a reader bug must not end the batch
        yield read_error(origin, f"{label} reader failed: {type(exc).__name__}: {exc}")


def _default_published(published: str | None) -> str | None:
    if published is None or not published.strip():
        return None
    normal = normalize_published(published)
    if normal is None:
        raise ReadError(f"--published {published!r} is not a date "
                        "(use YYYY-MM-DD or YYYY-MM-DDTHH:MMZ)")
    return normal


def _expand(path: str) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """(origin, loader) for every document `path` names; loaders raise ReadError."""
    if path == STDIN:
        yield STDIN, _read_stdin
        return
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file() and not _hidden(f, p))
        if not files:
            yield path, _fail(path, "folder holds no files")
        for f in files:
            yield str(f), _file_loader(str(f))
        return
    if p.exists() or not _GLOB_CHARS & set(path):
        yield path, _file_loader(path)
        return
    matches = sorted(m for m in glob.glob(path, recursive=True))
    if not matches:
        yield path, _fail(path, "no file matches this pattern")
    for match in matches:
        yield from _expand(match)


# Documentation files that sit beside a corpus (README.md, NOTES.rst) are not news;
# they are still read when named explicitly.
_DOC_SUFFIXES = {".md", ".markdown", ".rst"}


def _hidden(path: Path, root: Path) -> bool:
    # Editor swap files, .DS_Store and VCS folders inside an input folder are not news.
    if path.suffix.lower() in _DOC_SUFFIXES:
        return True
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _file_loader(path: str) -> Callable[[], bytes]:
    def load() -> bytes:
        try:
            with open(path, "rb") as fh:
                return fh.read()
        except FileNotFoundError as exc:
            raise ReadError("no such file or directory", path) from exc
        except IsADirectoryError as exc:
            raise ReadError("is a directory", path) from exc
        except OSError as exc:
            raise ReadError(f"cannot read file ({exc.strerror or exc})", path) from exc
    return load


# JSON Lines files larger than this are read line by line instead of whole: a dump of a
# million articles is one file, and held whole (bytes, text and lines) it took ~3.5x
# its size in memory. Smaller files are read whole, like every other input.
STREAM_BYTES = 8 << 20


def _jsonl_stream(path: str, published: str | None) -> Iterator[ReadResult] | None:
    """The records of `path` read one line at a time, when it is a JSON Lines file
    (gzipped or not) of more than STREAM_BYTES; else None (read it whole)."""
    try:
        if Path(path).stat().st_size <= STREAM_BYTES:
            return None
        with open(path, "rb") as fh:
            gzipped = fh.read(2) == GZIP_MAGIC
        with _open_bytes(path, gzipped) as fh:
            head = fh.read(4096)
        check_not_binary(head, path)
    except (OSError, EOFError, zlib.error, ReadError):
        return None  # the whole-file path reports what is wrong with it
    lead = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if sniff(head) != JSONL or not lead.startswith(b"{"):
        return None
    return _stream_lines(path, gzipped, published)


def _open_bytes(path: str, gzipped: bool) -> Any:
    return gzip.open(path, "rb") if gzipped else open(path, "rb")


def _stream_lines(path: str, gzipped: bool, published: str | None) -> Iterator[ReadResult]:
    try:
        with _open_bytes(path, gzipped) as fh:
            yield from read_jsonl_lines(fh, path, published)
    except (OSError, EOFError, zlib.error) as exc:  # e.g. a gzip stream cut short
        yield read_error(path, f"cannot read the rest of the file ({exc})")


def _fail(origin: str, message: str) -> Callable[[], bytes]:
    def load() -> bytes:
        raise ReadError(message, origin)
    return load


def _read_stdin() -> bytes:
    try:
        return sys.stdin.buffer.read()
    except (OSError, AttributeError, ValueError) as exc:
        raise ReadError(f"cannot read standard input ({exc})", STDIN) from exc

