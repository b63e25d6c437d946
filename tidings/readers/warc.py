"""WARC archive -> one Article per HTML response record (via `read_html`).

The archive is read record by record from bytes or from an open file (`read_paths`
streams big WARC files from disk), plain or with per-record gzip members. Records that
are not responses or resources (requests, metadata, warcinfo) and responses that are
not 200 (redirects, error pages) are skipped without a word. Responses and resources
that are not HTML - images, PDFs, scripts, binary bodies - are skipped and counted: the
archive's last result carries one note such as "skipped 3 non-HTML records
(image/jpeg: 2, application/pdf: 1)". An HTML record is read up to
`limits().max_document_bytes` (a bigger one is an error result), and `read_html`
bounds the page itself. A record cut short by the end of the file is reported as
truncated. A record warcio cannot parse becomes one error result and reading resumes at
the next record header, so one damaged record never costs the rest of the archive.
The crawl time (WARC-Date) is not a publication time and is not used as one; the
target URI fills `url` when the page names no canonical URL.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..limits import limits
from ..models import DocumentError, ReadResult
from .common import read_error
from .detect import binary_reason
from .html import read_html

_RECORD_START = re.compile(rb"(?:^|\r?\n)WARC/1\.[01]\r?\n")
_GZIP_MEMBER = b"\x1f\x8b\x08"
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Bound on resynchronisations, so a file of pure garbage cannot loop for long.
_MAX_RESYNC = 1000
# Bytes scanned at once when looking for the next record after a damaged one.
_SCAN_BYTES = 1 << 20


def read_warc(data: bytes | BinaryIO, origin: str,
              published: str | None) -> Iterator[ReadResult]:
    """Yield one ReadResult per HTML response (or resource) record, in archive order.

    `data` is the archive's bytes or a seekable binary file. Each result's origin is
    "<origin>#<WARC-Record-ID>"; a damaged record yields an error result naming it
    (or its byte offset when even the ID is unreadable). An archive with no HTML
    record gives one error result saying what it held instead.
    """
    stream = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    skipped: Counter[str] = Counter()
    pending = None  # held back one step, so the last result can carry the tally
    for result in _records(stream, origin, published, skipped):
        if pending is not None:
            yield pending
        pending = result
    note = skipped_note(skipped)
    if pending is None:
        pending = read_error(origin, "no HTML records in the WARC file"
                             + (f"; {note}" if note else ""))
    elif note:
        pending.errors.append(DocumentError("read", note, origin))
    yield pending


def skipped_note(skipped: Counter[str]) -> str | None:
    """ "skipped 3 non-HTML records (image/jpeg: 2, application/pdf: 1)", or None."""
    total = sum(skipped.values())
    if not total:
        return None
    kinds = ", ".join(f"{kind}: {n}" for kind, n in skipped.most_common())
    return f"skipped {total} non-HTML record{'s' if total > 1 else ''} ({kinds})"


def _records(stream: BinaryIO, origin: str, published: str | None,
             skipped: Counter[str]) -> Iterator[ReadResult]:
    offset = stream.tell()  # where the current pass over the archive starts
    done = -1               # absolute start of the last record already handled
    resyncs = 0
    while resyncs <= _MAX_RESYNC:
        stream.seek(offset)
        iterator = ArchiveIterator(stream, check_digests=False)
        try:
            for record in iterator:
                result = _read_record(record, origin, published, skipped)
                # warcio knows a record's offset only once its content has been read.
                start = offset + iterator.get_record_offset()
                if start <= done:
                    continue  # handled before a resynchronisation
                done = start
                if result is not None:
                    yield result
            return
        except Exception as exc:  # noqa: BLE001 - warcio fails on damage in many ways
            # (ArchiveLoadFailed, ValueError, EOFError, and AttributeError for a
            # response record without a WARC-Target-URI)
            where = max(done, offset)
            yield ReadResult(None, [DocumentError(
                "read", f"damaged WARC record after byte {where} "
                f"({type(exc).__name__}: {exc}); skipped", f"{origin}#@{where}")])
            # Each pass starts strictly later than the last, so this always ends.
            next_start = _next_record(stream, where + 1)
            if next_start is None:
                return
            offset = next_start
            resyncs += 1


def _read_record(record, origin: str, published: str | None,
                 skipped: Counter[str]) -> ReadResult | None:
    """The article of one record, an error result, or None for a record we skip."""
    headers = record.rec_headers
    rec_type = headers.get_header("WARC-Type")
    record_id = (headers.get_header("WARC-Record-ID") or "").strip().strip("<>")
    item_origin = f"{origin}#{record_id}" if record_id else origin
    if rec_type == "response":
        http = record.http_headers
        content_type = http.get_header("Content-Type") if http is not None else None
        if http is not None and http.get_statuscode() not in (None, "200", "203"):
            return None  # redirects and error pages carry no article
    elif rec_type == "resource":
        content_type = headers.get_header("Content-Type")
    else:
        return None
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind and kind not in _HTML_TYPES:
        skipped[kind] += 1
        return None  # its body is never read: warcio skips it in bounded chunks
    body, problem = _body(record)
    if problem:
        return read_error(item_origin, problem)
    if not kind and not _looks_html(body):
        skipped["no content type, not HTML"] += 1
        return None
    if binary_reason(body) is not None:
        skipped[f"{kind or 'no content type'}, binary content"] += 1
        return None
    charset = _CHARSET.search(content_type or "")
    result = read_html(body, item_origin, published, charset.group(1) if charset else None)
    target = headers.get_header("WARC-Target-URI")
    if result.article is not None and result.article.url is None and target:
        result.article.url = target
    return result


def _body(record) -> tuple[bytes, str | None]:
    """(payload, None), or (b"", why it cannot be used): too big, cut short, undecodable."""
    cap = limits().max_document_bytes
    try:
        body = record.content_stream().read(cap + 1)
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        return b"", f"cannot decode the record's content ({type(exc).__name__}: {exc})"
    if len(body) > cap:
        return b"", (f"record of more than {cap} bytes (TIDINGS_MAX_DOCUMENT_BYTES); "
                     "skipped")
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        return b"", (f"truncated WARC record: the file ends {missing} bytes before the "
                     "record does")
    return body, None


def _looks_html(body: bytes) -> bool:
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _next_record(stream: BinaryIO, start: int) -> int | None:
    """Byte offset of the next record header (or gzip member) at or after `start`,
    scanning the stream a chunk at a time."""
    overlap = 16
    pos = start
    tail = b""
    while True:
        stream.seek(pos)
        chunk = stream.read(_SCAN_BYTES)
        if not chunk:
            return None
        buf = tail + chunk
        base = pos - len(tail)
        found = _first_start(buf, max(0, start - base))
        if found is not None:
            return base + found
        tail = buf[-overlap:]
        pos += len(chunk)


def _first_start(buf: bytes, start: int) -> int | None:
    candidates = []
    m = _RECORD_START.search(buf, start)
    if m:
        candidates.append(m.start() + (len(m.group(0)) - len(m.group(0).lstrip(b"\r\n"))))
    gz = buf.find(_GZIP_MEMBER, start)
    if gz >= 0:
        candidates.append(gz)
    found = [c for c in candidates if c >= start]
    return min(found) if found else None
