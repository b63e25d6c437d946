"""JSON Lines -> Articles: one `{"id", "text", "title"?, "published"?, "url"?, "source"?}`
object a line. A bad line is reported as path#line and never stops the other lines.

`text` is kept exactly as given (callers may hold offsets into it); paragraphs are its
blank-line-separated blocks. A whole-file JSON array of such objects is accepted too.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..models import Article, DocumentError, ReadResult
from .common import content_id, read_error, split_paragraphs
from .timestamps import normalize_published

_OPTIONAL_STRINGS = ("title", "published", "url", "source", "section", "language")


def read_jsonl(text: str, origin: str, published: str | None = None) -> Iterator[ReadResult]:
    """One ReadResult per non-blank line, origin "path#<line number>" (1-based).

    `published` (ISO 8601 UTC) fills in records without a "published" field.
    """
    records = whole_array(text)
    if records is not None:
        for index, record in enumerate(records):
            yield _result(record, f"{origin}#{index}", published)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _line_result(line, number, origin, published)


def _line_result(line: str, number: int, origin: str, published: str | None) -> ReadResult:
    """The ReadResult of one non-blank line (number 1-based) of a JSON Lines input."""
    where = f"{origin}#{number}"
    try:
        record = json.loads(line)
    except ValueError as exc:
        return read_error(where, f"line {number} is not valid JSON ({exc})")
    return _result(record, where, published)


def read_jsonl_lines(lines: Iterable[bytes], origin: str,
                     published: str | None = None) -> Iterator[ReadResult]:
    """`read_jsonl` over a byte stream, one line at a time, so a file of any size is
    read in constant memory (`read_paths` streams large JSON Lines files this way).
    Lines end at "\n" only. A line that is not UTF-8 is read as Windows-1252, and its
    record says so (a whole file read at once is decoded one way for all its lines)."""
    for number, raw in enumerate(lines, start=1):
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            line, note = raw.decode("utf-8"), None
        except UnicodeDecodeError:
            line = raw.decode("cp1252", errors="replace")
            note = DocumentError("read", "not valid UTF-8; decoded as Windows-1252", origin)
        if not line.strip():
            continue
        result = _line_result(line, number, origin, published)
        if note is not None and result.article is not None:
            result.errors.insert(0, note)
        yield result


def whole_array(text: str) -> list[Any] | None:
    """The records of a file that is one JSON array (not JSON Lines), else None."""
    if not text.lstrip().startswith("["):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, list) else None


def _result(record: Any, where: str, published: str | None) -> ReadResult:
    if not isinstance(record, dict):
        return read_error(where, f"expected a JSON object, got {type(record).__name__}")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        return read_error(where, 'no "text" (a non-empty string is required)')
    for key in _OPTIONAL_STRINGS:
        if record.get(key) is not None and not isinstance(record[key], str):
            return read_error(where, f'"{key}" must be a string, got '
                                     f"{type(record[key]).__name__}")
    raw_id = record.get("id")
    if raw_id is not None and not isinstance(raw_id, (str, int)):
        return read_error(where, f'"id" must be a string or integer, got {type(raw_id).__name__}')
    notes: list[DocumentError] = []
    when = None
    if record.get("published"):
        when = normalize_published(record["published"])
        if when is None:
            notes.append(DocumentError(
                "read", f"publication time not understood: {record['published']!r}", where))
    subtitles = record.get("subtitles")
    if not (isinstance(subtitles, list) and all(isinstance(s, str) for s in subtitles)):
        subtitles = []
    article = Article(
        id=str(raw_id) if raw_id not in (None, "") else content_id(body),
        origin=where,
        text=body,
        title=(record.get("title") or "").strip(),
        subtitles=subtitles,
        section=record.get("section"),
        published=when or published,
        url=record.get("url"),
        source=record.get("source"),
        language=record.get("language") or "en",
        paragraphs=split_paragraphs(body),
    )
    return ReadResult(article, notes)
