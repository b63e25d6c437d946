"""JSON Lines -> Articles: one `{"id", "text", "title"?, "published"?, "url"?, "source"?}`
object a line. A bad line is reported as path#line and never stops the other lines.

`text` is kept exactly as given (callers may hold offsets into it), except that NUL
characters are removed with a note; paragraphs are its blank-line-separated blocks. A
whole-file JSON array of such objects is accepted too. Lines end at "\n" only (a
trailing "\r" is dropped): U+2028, U+0085 and the like are text inside a record. A
record whose "id" an earlier record of the same input already used is kept, with a
note naming the first.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..limits import limits
from ..models import Article, DocumentError, ReadResult
from .common import content_id, read_error, split_paragraphs
from .detect import encoding_note, guess_encoding
from .timestamps import normalize_published

_OPTIONAL_STRINGS = ("title", "published", "url", "source", "section", "language")


def read_jsonl(text: str, origin: str, published: str | None = None) -> Iterator[ReadResult]:
    """One ReadResult per non-blank line, origin "path#<line number>" (1-based).

    `published` (ISO 8601 UTC) fills in records without a "published" field.
    """
    records = whole_array(text)
    if records is not None:
        ids = Ids("record")
        for index, record in enumerate(records):
            yield ids.check(_result(record, f"{origin}#{index}", published), index)
        return
    ids = Ids("line")
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield ids.check(_line_result(line.removesuffix("\r"), number, origin, published),
                            number)


class Ids:
    """The ids seen so far in one input, to note a record that repeats one."""

    def __init__(self, unit: str) -> None:
        self.unit = unit
        self.first: dict[str, int] = {}

    def check(self, result: ReadResult, where: int) -> ReadResult:
        article = result.article
        if article is None or article.id == content_id(article.text):
            return result  # no id of its own: a repeat is the same text, which the store
            # recognises by its content hash anyway
        first = self.first.setdefault(article.id, where)
        if first != where:
            result.errors.append(DocumentError(
                "read", f"duplicate id {article.id!r} (first at {self.unit} {first})",
                article.origin))
        return result


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
    read in memory bounded by its longest line (`read_paths` streams large JSON Lines
    files this way). Lines end at "\n" only. A line longer than
    `limits().max_document_bytes` ends the reading with an error (the rest of the file
    is not read: a gzip bomb inflating to one endless line costs no more than that).
    A line that is not UTF-8 is decoded by content (`detect.guess_encoding`), and its
    record says so (a whole file read at once is decoded one way for all its lines)."""
    ids = Ids("line")
    cap = limits().max_document_bytes
    for number, raw in enumerate(_capped_lines(lines, cap), start=1):
        if raw is None:
            yield read_error(f"{origin}#{number}", f"line {number} is longer than {cap} "
                             "bytes (TIDINGS_MAX_DOCUMENT_BYTES); the rest of the file is "
                             "not read")
            return
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        line, note = _decode_line(raw.removesuffix(b"\n").removesuffix(b"\r"), origin)
        if not line.strip():
            continue
        result = _line_result(line, number, origin, published)
        if note is not None and result.article is not None:
            result.errors.insert(0, note)
        yield ids.check(result, number)


def _capped_lines(stream: Iterable[bytes], cap: int) -> Iterator[bytes | None]:
    """The lines of `stream` (with their "\n"); None for a line longer than `cap`,
    after which nothing more is read. Streams with `readline` are read with a bound;
    any other iterable of lines is taken as it comes."""
    readline = getattr(stream, "readline", None)
    if readline is None:
        for line in stream:
            yield line if len(line) <= cap + 1 else None
        return
    while True:
        line = readline(cap + 2)
        if not line:
            return
        if len(line) > cap + 1 or (len(line) == cap + 2 and not line.endswith(b"\n")):
            yield None
            return
        yield line


def _decode_line(raw: bytes, origin: str) -> tuple[str, DocumentError | None]:
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    encoding = guess_encoding(raw) or "cp1252"
    note = encoding_note(encoding)
    line = raw.decode(encoding, errors="replace")
    return line, DocumentError("read", note, origin) if note else None


def whole_array(text: str) -> list[Any] | None:
    """The records of a file that is one JSON array (not JSON Lines), else None."""
    if not text.lstrip().startswith("["):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, list) else None


def article_from_record(record: Any, where: str, published: str | None) -> ReadResult:
    """The ReadResult of one record ({"text", "title"?, ...}) read at `where`; the
    table reader turns each row into such a record."""
    return _result(record, where, published)


def _result(record: Any, where: str, published: str | None) -> ReadResult:
    if not isinstance(record, dict):
        return read_error(where, f"expected a JSON object, got {type(record).__name__}")
    body = record.get("text")
    if not isinstance(body, str) or not body.replace("\x00", "").strip():
        return read_error(where, 'no "text" (a non-empty string is required)')
    for key in _OPTIONAL_STRINGS:
        if record.get(key) is not None and not isinstance(record[key], str):
            return read_error(where, f'"{key}" must be a string, got '
                                     f"{type(record[key]).__name__}")
    raw_id = record.get("id")
    if raw_id is not None and not isinstance(raw_id, (str, int)):
        return read_error(where, f'"id" must be a string or integer, got {type(raw_id).__name__}')
    notes: list[DocumentError] = []
    if "\x00" in body:
        notes.append(DocumentError("read", f"removed {body.count(chr(0))} NUL characters "
                                           "from the text", where))
        body = body.replace("\x00", "")
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
        title=(record.get("title") or "").replace("\x00", "").strip(),
        subtitles=subtitles,
        section=record.get("section"),
        published=when or published,
        url=record.get("url"),
        source=record.get("source"),
        language=record.get("language") or "en",
        paragraphs=split_paragraphs(body),
    )
    return ReadResult(article, notes)
