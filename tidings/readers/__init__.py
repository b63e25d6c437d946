"""source -> Article. `read_paths` detects each input's format by content.

Inputs are files, folders (recursively, in sorted order), glob patterns and "-" (stdin).
Each document is un-gzipped when it starts with the gzip magic bytes and dispatched on its
first bytes: WARC, Parquet, RSS/Atom, HTML, JSON Lines, a CSV or TSV table of articles
(a header naming a text column: readers.table), else a scraped text dump. A document that
cannot be read becomes a ReadResult with article=None and a DocumentError saying why;
`read_paths` itself never raises for bad input, so one broken file never stops a batch.
"""
from __future__ import annotations

import errno
import glob
import gzip
import io
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from importlib import import_module
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import ReadError
from ..limits import limits
from ..models import DocumentError, ReadResult
from .common import read_error
from .detect import (
    FEED,
    GZIP_MAGIC,
    HTML,
    JSONL,
    TEXT,
    WARC,
    check_not_binary,
    decode,
    encoding_note,
    head_of,
    inflate,
    sniff,
    strip_nul,
    truncated_message,
    utf16_to_utf8,
)
from .jsonl import read_jsonl, read_jsonl_lines, whole_array
from .language import settle_language
from .table import (
    PARQUET_MAGIC,
    TableColumns,
    delimiter_of,
    is_parquet,
    read_delimited,
    read_parquet,
)
from .textdump import read_text_dump_with_notes
from .timestamps import normalize_published

__all__ = ["TableColumns", "default_published", "read_bytes", "read_paths"]

STDIN = "-"
_GLOB_CHARS = frozenset("*?[")


def read_paths(paths: Iterable[str], published: str | None = None, follow: bool = False,
               allow_private: bool = False,
               columns: TableColumns | None = None) -> Iterator[ReadResult]:
    """One ReadResult per document found under `paths`, in a deterministic order.

    `published` (YYYY-MM-DD, YYYY-MM-DDTHH:MMZ, ...) is the publication time for inputs
    that state none. `follow` and `allow_private` are passed to the feed reader (fetch
    each item's link; allow private-network addresses). `columns` names the columns of
    CSV, TSV and Parquet tables of articles. Raises ReadError only when
    `published` itself cannot be understood - a usage error, not a document problem.
    """
    default = default_published(published)
    for path in paths:
        for origin, load in _expand(path):
            streamed = _stream(origin, default, columns) if origin != STDIN else None
            if streamed is not None:
                yield from _settled(streamed)
                continue
            try:
                data = load()
            except ReadError as exc:
                yield read_error(exc.origin or origin, exc.message)
                continue
            yield from read_bytes(data, origin, default, follow=follow,
                                  allow_private=allow_private, columns=columns)


def read_bytes(data: bytes, origin: str, published: str | None = None, follow: bool = False,
               allow_private: bool = False,
               columns: TableColumns | None = None) -> Iterator[ReadResult]:
    """The documents in one input's raw bytes (gzipped or not), never raising for bad input.

    `published` must already be ISO 8601 UTC (see `timestamps.normalize_published`).
    Every article leaves with its language settled (`language.settle_language`).
    """
    yield from _settled(_read_document(data, origin, published, follow, allow_private,
                                       columns))


def _read_document(data: bytes, origin: str, published: str | None, follow: bool,
                   allow_private: bool,
                   columns: TableColumns | None = None) -> Iterator[ReadResult]:
    # WARC first, before any whole-file check: a crawl is read record by record (its
    # images skipped), and its per-record gzip members are left to the WARC reader.
    if sniff(head_of(data)) == WARC:
        yield from _delegate("WARC", "warc", "read_warc", data, origin, published)
        return
    if is_parquet(data):  # binary, so before the text checks
        yield from read_parquet(data, origin, published, columns)
        return
    try:
        data, truncated = inflate(data, origin)
        cut = truncated_message(len(data)) if truncated else None
        if cut and sniff(data) != JSONL:
            raise ReadError(cut, origin)
        data, notes = _text_bytes(data, origin)
        kind = sniff(data)
        if kind != JSONL and len(data) > limits().max_document_bytes:
            raise ReadError(_over_document_limit(len(data), limits().max_document_bytes),
                            origin)
    except ReadError as exc:
        yield read_error(origin, exc.message)
        return
    for result in _dispatch(kind, data, origin, published, follow, allow_private, columns):
        if result.article is not None:
            result.errors[:0] = notes
        yield result
    if cut:  # JSON Lines: the records before the cut are kept
        yield read_error(origin, f"{cut}; the records after the cut are lost")


def _text_bytes(data: bytes, origin: str) -> tuple[bytes, list[DocumentError]]:
    """`data` as bytes of 8-bit text: UTF-16 converted to UTF-8, binary refused, stray
    NUL bytes removed; with a note for each change. Raises ReadError."""
    notes = []
    data, utf16 = utf16_to_utf8(data)
    if utf16:
        notes.append(DocumentError("read", f"decoded as {utf16.upper()}", origin))
    check_not_binary(data, origin)
    data, nuls = strip_nul(data)
    if nuls:
        notes.append(DocumentError("read", f"removed {nuls} NUL bytes from the text", origin))
    return data, notes


def _dispatch(kind: str, data: bytes, origin: str, published: str | None, follow: bool,
              allow_private: bool,
              columns: TableColumns | None = None) -> Iterator[ReadResult]:
    if kind == FEED:
        yield from _delegate("feed", "feed", "read_feed", data, origin, published,
                             follow=follow, allow_private=allow_private)
    elif kind == HTML:
        yield from _delegate("HTML", "html", "read_html", data, origin, published)
    else:
        yield from _read_plain(data, origin, published, as_jsonl=kind == JSONL,
                               columns=columns)


def _settled(results: Iterable[ReadResult]) -> Iterator[ReadResult]:
    """`results` with each article's language detected (one place for every reader)."""
    for result in results:
        if result.article is not None:
            note = settle_language(result.article)
            if note is not None:
                result.errors.append(note)
        yield result


def _read_plain(data: bytes, origin: str, published: str | None,
                as_jsonl: bool, columns: TableColumns | None = None) -> Iterator[ReadResult]:
    try:
        text, encoding = decode(data, origin)
    except ReadError as exc:
        yield read_error(origin, exc.message)
        return
    note = encoding_note(encoding)
    notes = [DocumentError("read", note, origin)] if note else []
    if as_jsonl and (text.lstrip().startswith("{") or whole_array(text) is not None):
        for result in read_jsonl(text, origin, published):
            if result.article is not None:
                result.errors[:0] = notes
            yield result
        return
    delimiter = None if as_jsonl else delimiter_of(text, columns)
    if delimiter is not None:
        for result in read_delimited(text, origin, delimiter, published, columns):
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


def _delegate(label: str, module: str, func: str, data: bytes | BinaryIO, origin: str,
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


def default_published(published: str | None) -> str | None:
    """`published` as ISO 8601 UTC, None when blank; ReadError when not a date."""
    if published is None or not published.strip():
        return None
    normal = normalize_published(published)
    if normal is None:
        raise ReadError(f"published {published!r} is not a date "
                        "(use YYYY-MM-DD or YYYY-MM-DDTHH:MMZ)", option="published")
    return normal


def _expand(path: str) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """(origin, loader) for every document `path` names; loaders raise ReadError."""
    if path == STDIN:
        yield STDIN, _read_stdin
        return
    p = Path(path)
    if p.is_dir():
        yield from _folder(path)
        return
    if p.exists() or p.is_symlink() or not _GLOB_CHARS & set(path):
        yield path, _file_loader(path)
        return
    yield from _glob(path)


# A `**` pattern over a symbolic link loop matches the same files again at every level;
# past this many repeats the pattern is given up on (with an error), not walked on.
_MAX_REPEATS = 1000


def _glob(pattern: str) -> Iterator[tuple[str, Callable[[], bytes]]]:
    matches: list[str] = []
    real: set[str] = set()
    repeats = 0
    for match in glob.iglob(pattern, recursive=True):
        target = os.path.realpath(match)
        if target in real:
            repeats += 1
            if repeats > _MAX_REPEATS:
                break
            continue
        real.add(target)
        matches.append(match)
    if not matches:
        yield pattern, _fail(pattern, "no file matches this pattern")
    if repeats > _MAX_REPEATS:
        yield pattern, _fail(pattern, "pattern runs through a symbolic link loop; "
                                      f"stopped after {_MAX_REPEATS} repeated matches")
    for match in sorted(matches):
        yield from _expand(match)


def _folder(path: str) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """Every file under folder `path`, sorted by path; unreadable entries, broken links
    and symbolic link loops among them become loaders that fail saying so."""
    found = sorted(_walk(Path(path)), key=lambda entry: entry[0])
    if not found:
        yield path, _fail(path, "folder holds no files")
    yield from found


def _walk(root: Path) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """(origin, loader) of everything under `root`, following symbolic links to folders
    but never into a folder already being walked (a loop) or already walked."""
    try:
        info = root.stat()
    except OSError as exc:
        yield str(root), _fail(str(root), _os_reason("cannot list folder", exc))
        return
    seen = {(info.st_dev, info.st_ino): str(root)}
    stack = [(root, frozenset(seen))]
    while stack:
        folder, ancestors = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            yield str(folder), _fail(str(folder), _os_reason("cannot list folder", exc))
            continue
        for entry in entries:
            child = Path(entry.path)
            if _hidden(child, root):
                continue
            kind, detail = _entry_kind(entry)
            if kind == "dir":
                key = (detail.st_dev, detail.st_ino)
                if key in ancestors:
                    yield entry.path, _fail(entry.path, "symbolic link loop (leads back to "
                                                        f"{seen[key]}); not followed")
                elif key in seen:
                    yield entry.path, _fail(entry.path, f"folder already read as {seen[key]}")
                else:
                    seen[key] = entry.path
                    stack.append((child, ancestors | {key}))
            elif kind == "file":
                yield entry.path, _file_loader(entry.path)
            else:
                yield entry.path, _fail(entry.path, detail)


def _entry_kind(entry: os.DirEntry) -> tuple[str, Any]:
    """("dir", stat) / ("file", None) / ("error", reason) for one folder entry."""
    try:
        info = os.stat(entry.path)  # follows symbolic links
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "error", "symbolic link loop (the link leads back to itself); not followed"
        if entry.is_symlink() and exc.errno == errno.ENOENT:
            return "error", "broken symbolic link (its target does not exist)"
        return "error", _os_reason("cannot read", exc)
    if stat.S_ISDIR(info.st_mode):
        return "dir", info
    if stat.S_ISREG(info.st_mode):
        return "file", None
    return "error", "not a regular file (a pipe, socket or device); not read"


def _os_reason(what: str, exc: OSError) -> str:
    return f"{what} ({exc.strerror or exc})"


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
                return _read_capped(fh, path)
        except FileNotFoundError as exc:
            if os.path.islink(path):
                raise ReadError("broken symbolic link (its target does not exist)",
                                path) from exc
            raise ReadError("no such file or directory", path) from exc
        except IsADirectoryError as exc:
            raise ReadError("is a directory", path) from exc
        except OSError as exc:
            raise ReadError(_os_reason("cannot read file", exc), path) from exc
    return load


def _read_capped(fh: BinaryIO, origin: str) -> bytes:
    """All of `fh`, or ReadError when it holds more than `limits().max_input_bytes`."""
    cap = limits().max_input_bytes
    data = fh.read(cap + 1)
    if len(data) > cap:
        raise ReadError(_over_input_limit("input", cap), origin)
    return data


def _over_input_limit(what: str, cap: int, size: int | None = None) -> str:
    many = f"of {size} bytes" if size is not None else f"of more than {cap} bytes"
    return f"{what} {many} is over the limit of {cap} bytes (TIDINGS_MAX_INPUT_BYTES); not read"


# Files larger than this are streamed when they are JSON Lines (a line at a time) or
# WARC (a record at a time) instead of read whole: a dump of a million articles is one
# file, and held whole (bytes, text and lines) it took ~3.5x its size in memory.
STREAM_BYTES = 8 << 20


def _stream(path: str, published: str | None,
            columns: TableColumns | None = None) -> Iterator[ReadResult] | None:
    """The results of `path` read as a stream when it is a JSON Lines, WARC, CSV or TSV
    file (gzipped or not) of more than STREAM_BYTES; an error result when it is another
    file over `limits().max_input_bytes`; else None (read it whole)."""
    try:
        size = Path(path).stat().st_size
        if size <= STREAM_BYTES:
            return None
        with open(path, "rb") as fh:
            gzipped = fh.read(2) == GZIP_MAGIC
        with _open_bytes(path, gzipped) as fh:
            head = fh.read(4096)
    except (OSError, EOFError, zlib.error):
        return None  # the whole-file path reports what is wrong with it
    kind = sniff(head)
    if kind == WARC:
        return _warc_file(path, published)
    lead = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if kind == JSONL and lead.startswith(b"{") and b"\x00" not in head:
        return _stream_lines(path, gzipped, published)
    if kind == TEXT and b"\x00" not in head:
        delimiter = delimiter_of(head.decode("utf-8", errors="replace"), columns)
        if delimiter is not None:
            return _stream_table(path, gzipped, delimiter, published, columns)
    cap = limits().max_input_bytes
    if size > cap:
        return iter([read_error(path, _over_input_limit("file", cap, size))])
    doc_cap = limits().max_document_bytes
    if head.startswith(PARQUET_MAGIC):
        return None  # a Parquet table is read whole, within the input limit
    if not gzipped and size > doc_cap:
        return iter([read_error(path, _over_document_limit(size, doc_cap))])
    return None


def _over_document_limit(size: int, cap: int) -> str:
    return (f"document of {size} bytes is over the limit of {cap} bytes "
            "(TIDINGS_MAX_DOCUMENT_BYTES); not read")


def _open_bytes(path: str, gzipped: bool) -> Any:
    return gzip.open(path, "rb") if gzipped else open(path, "rb")


def _stream_lines(path: str, gzipped: bool, published: str | None) -> Iterator[ReadResult]:
    try:
        with _open_bytes(path, gzipped) as fh:
            yield from read_jsonl_lines(fh, path, published)
    except (OSError, EOFError, zlib.error) as exc:  # e.g. a gzip stream cut short
        yield read_error(path, f"cannot read the rest of the file ({exc})")


def _stream_table(path: str, gzipped: bool, delimiter: str, published: str | None,
                  columns: TableColumns | None) -> Iterator[ReadResult]:
    """The rows of a large CSV/TSV file read as a stream (a row at a time, each at most
    `limits().max_document_bytes`), decoded as UTF-8 (a byte that is not becomes U+FFFD)."""
    try:
        with _open_bytes(path, gzipped) as raw, io.TextIOWrapper(
                raw, encoding="utf-8-sig", errors="replace", newline="") as text:
            yield from read_delimited(text, path, delimiter, published, columns)
    except (OSError, EOFError, zlib.error) as exc:  # e.g. a gzip stream cut short
        yield read_error(path, f"cannot read the rest of the file ({exc})")


def _warc_file(path: str, published: str | None) -> Iterator[ReadResult]:
    """The records of a WARC file read from disk as a stream, never whole."""
    try:
        with open(path, "rb") as fh:
            yield from _delegate("WARC", "warc", "read_warc", fh, path, published)
    except OSError as exc:
        yield read_error(path, _os_reason("cannot read file", exc))


def _fail(origin: str, message: str) -> Callable[[], bytes]:
    def load() -> bytes:
        raise ReadError(message, origin)
    return load


def _read_stdin() -> bytes:
    try:
        return _read_capped(sys.stdin.buffer, STDIN)
    except (OSError, AttributeError, ValueError) as exc:
        raise ReadError(f"cannot read standard input ({exc})", STDIN) from exc
