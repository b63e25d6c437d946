"""WARC archive -> one Article per HTML response record (via `read_html`).

Records that are not HTML responses (requests, metadata, images, scripts, robots.txt)
are skipped without a word. A record warcio cannot parse becomes one error result and
reading resumes at the next record header, so one damaged record never costs the rest
of the archive. The crawl time (WARC-Date) is not a publication time and is not used
as one; the target URI fills `url` when the page names no canonical URL.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..models import DocumentError, ReadResult
from .html import read_html

_RECORD_START = re.compile(rb"(?:^|\r?\n)WARC/1\.[01]\r?\n")
_GZIP_MEMBER = b"\x1f\x8b\x08"
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
# Bound on resynchronisations, so a file of pure garbage cannot loop for long.
_MAX_RESYNC = 1000


def read_warc(data: bytes, origin: str, published: str | None) -> Iterator[ReadResult]:
    """Yield one ReadResult per HTML response (or resource) record, in archive order.

    Accepts plain or record-gzipped WARC bytes. Each result's origin is
    "<origin>#<WARC-Record-ID>"; a damaged record yields an error result naming it
    (or its byte offset when even the ID is unreadable).
    """
    offset = 0          # where the current pass over the archive starts
    done = -1           # absolute start of the last record already handled
    resyncs = 0
    while offset < len(data) and resyncs <= _MAX_RESYNC:
        stream = io.BytesIO(data)
        stream.seek(offset)
        iterator = ArchiveIterator(stream, check_digests=False)
        try:
            for record in iterator:
                result = _read_record(record, origin, published)
                # warcio knows a record's offset only once its content has been read.
                start = offset + iterator.get_record_offset()
                if start <= done:
                    continue  # handled before a resynchronisation
                done = start
                if result is not None:
                    yield result
            return
        except (ArchiveLoadFailed, ValueError, EOFError, OSError, IndexError) as exc:
            where = max(done, offset)
            yield ReadResult(None, [DocumentError(
                "read", f"damaged WARC record after byte {where} "
                f"({type(exc).__name__}: {exc}); skipped", f"{origin}#@{where}")])
            # Each pass starts strictly later than the last, so this always ends.
            next_start = _next_record(data, where + 1)
            if next_start is None:
                return
            offset = next_start
            resyncs += 1


def _read_record(record, origin: str, published: str | None) -> ReadResult | None:
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
    body = record.content_stream().read()
    if not _is_html(content_type, body):
        return None
    charset = _CHARSET.search(content_type or "")
    result = read_html(body, item_origin, published, charset.group(1) if charset else None)
    target = headers.get_header("WARC-Target-URI")
    if result.article is not None and result.article.url is None and target:
        result.article.url = target
    return result


def _is_html(content_type: str | None, body: bytes) -> bool:
    if content_type:
        kind = content_type.split(";")[0].strip().lower()
        return kind in ("text/html", "application/xhtml+xml")
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _next_record(data: bytes, start: int) -> int | None:
    """Byte offset of the next record header (or gzip member) at or after `start`."""
    candidates = []
    m = _RECORD_START.search(data, start)
    if m:
        candidates.append(m.start() + (len(m.group(0)) - len(m.group(0).lstrip(b"\r\n"))))
    gz = data.find(_GZIP_MEMBER, start)
    if gz >= 0:
        candidates.append(gz)
    return min(candidates) if candidates else None
