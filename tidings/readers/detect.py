"""Bytes -> (format, text): un-gzip, refuse binary, decode, and sniff the format by content.

File names lie (a feed saved as .html, a dump saved as .txt.gz, stdin has none), so the
format is decided from the first bytes only; extensions are never consulted.
"""
from __future__ import annotations

import gzip
import json
import re
import zlib

from ..errors import ReadError

GZIP_MAGIC = b"\x1f\x8b"
# Formats read_paths dispatches on.
JSONL, HTML, WARC, FEED, TEXT = "jsonl", "html", "warc", "feed", "text"

_SNIFF_BYTES = 4096
_FEED_START = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_BODY_TAG = re.compile(rb"<body[\s>]", re.IGNORECASE)
# Control characters that never occur in text (tab, newline, CR, form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def gunzip(data: bytes, origin: str) -> bytes:
    """`data` un-gzipped when it starts with the gzip magic bytes, else unchanged.

    Raises ReadError naming `origin` when the gzip stream is corrupt or truncated.
    """
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise ReadError(f"corrupt or truncated gzip data ({exc})", origin) from exc


def sniff(data: bytes) -> str:
    """The format of an (un-gzipped) document: "warc", "feed", "html", "jsonl" or "text"."""
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"WARC/"):
        return WARC
    lowered = head.lower()
    if lowered.startswith(b"<"):
        # An XML prologue or comments may precede the root element; look a little further.
        feed = _FEED_START.search(lowered[:1024])
        html = _HTML_START.search(lowered[:1024])
        if feed and (not html or feed.start() < html.start()):
            return FEED
        if html or _BODY_TAG.search(lowered) or b"</" in lowered:
            return HTML
    elif _HTML_START.match(lowered) or _BODY_TAG.search(lowered[:1024]):
        return HTML
    if lowered.startswith((b"{", b"[")):
        return JSONL
    return TEXT


def check_not_binary(data: bytes, origin: str) -> None:
    """Raise ReadError when `data` is empty or is not text at all (NUL bytes, control codes)."""
    if not data.strip():
        raise ReadError("empty document (no text)", origin)
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("binary content (NUL bytes), not a text document", origin)


def decode(data: bytes, origin: str) -> tuple[str, str]:
    """(text, encoding used). Tries UTF-8 (with or without BOM), UTF-16 with a BOM, then
    Windows-1252 - the usual encoding of pages mis-saved on Windows.

    Raises ReadError naming `origin` when no encoding gives plausible text.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8-sig", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _mostly_text(text):
            return text, encoding
        raise ReadError("binary content (mostly control characters), not a text document",
                        origin)
    raise ReadError("undecodable bytes: neither UTF-8 nor Windows-1252 text", origin)


def _mostly_text(text: str) -> bool:
    sample = text[:_SNIFF_BYTES]
    return len(_CONTROL.findall(sample)) <= max(2, len(sample) // 100)


def looks_like_json_lines(text: str) -> bool:
    """True when the first non-blank line is a JSON object (or the whole text is JSON)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        pass
    try:
        return isinstance(json.loads(text), (dict, list))
    except ValueError:
        return False
