"""Bytes -> (format, text): un-gzip, refuse binary, decode, and sniff the format by content.

File names lie (a feed saved as .html, a dump saved as .txt.gz, stdin has none), so the
format is decided from the first bytes only; extensions are never consulted.

gzip is inflated as a stream and stopped at `limits().max_document_bytes`, so a gzip
bomb costs that much memory and no more. Text that is not UTF-8 is decoded by content
(charset-normalizer, among the legacy single-byte code pages and UTF-16).
"""
from __future__ import annotations

import codecs
import json
import re
import zlib
from collections.abc import Iterator

from ..errors import ReadError
from ..limits import limits

GZIP_MAGIC = b"\x1f\x8b"
# Formats read_paths dispatches on.
JSONL, HTML, WARC, FEED, TEXT = "jsonl", "html", "warc", "feed", "text"

_SNIFF_BYTES = 4096
_FEED_START = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_BODY_TAG = re.compile(rb"<body[\s>]", re.IGNORECASE)
# Control characters that never occur in text (tab, newline, CR, form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Compressed bytes fed to zlib at once, and the most output taken per call.
_CHUNK = 1 << 16
_PIECE = 1 << 20
# File signatures of formats that are never news text.
_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-", b"PK\x03\x04",
                 b"RIFF", b"II*\x00", b"MM\x00*", b"7z\xbc\xaf", b"Rar!\x1a", b"\xfd7zXZ",
                 b"\x7fELF", b"OggS", b"\x1a\x45\xdf\xa3", b"wOFF", b"wOF2")
# The encodings text that is not UTF-8 is tried in: Windows and ISO code pages for
# Latin, Cyrillic, Greek, Turkish, Hebrew, Arabic and Baltic text, KOI8-R, and UTF-16.
_LEGACY = ["cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
           "koi8_r", "latin_1", "iso8859_2", "iso8859_5", "iso8859_6", "iso8859_7",
           "iso8859_8", "utf_16", "utf_16_le", "utf_16_be"]
_GUESS_BYTES = 200_000


class Truncated(Exception):
    """A gzip stream that ends before its end-of-stream marker."""


def inflate(data: bytes, origin: str, cap: int | None = None) -> tuple[bytes, bool]:
    """(inflated bytes, cut short?) of `data` when gzipped, else (data, False).

    Inflates as a stream, all members of a multi-member file; when the stream ends
    early the bytes inflated so far are returned with True. Raises ReadError naming
    `origin` when the data is corrupt or inflates to more than `cap` bytes (default
    `limits().max_document_bytes`).
    """
    if not data.startswith(GZIP_MAGIC):
        return data, False
    cap = limits().max_document_bytes if cap is None else cap
    out = bytearray()
    try:
        for piece in inflate_pieces(data):
            out += piece
            if len(out) > cap:
                raise ReadError(f"decompresses to more than {cap} bytes "
                                "(TIDINGS_MAX_DOCUMENT_BYTES)", origin)
    except Truncated:
        return bytes(out), True
    except zlib.error as exc:
        raise ReadError(f"corrupt gzip data ({exc})", origin) from exc
    return bytes(out), False


def truncated_message(inflated: int) -> str:
    return f"truncated gzip stream (cut short after {inflated} bytes of content)"


def inflate_pieces(data: bytes) -> Iterator[bytes]:
    """The inflated content of gzipped `data`, piece by piece (each at most 1 MiB).

    Raises Truncated when a member ends early, zlib.error when it is corrupt. Bytes
    after the last member that are not another gzip member are ignored, as gzip does.
    """
    pos = 0
    while data.startswith(GZIP_MAGIC, pos):
        member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pos = yield from _inflate_member(member, data, pos)


def _inflate_member(member, data: bytes, pos: int):  # -> Generator[bytes, None, int]
    while not member.eof:
        if pos >= len(data):
            raise Truncated
        chunk = data[pos:pos + _CHUNK]
        pos += len(chunk)
        piece = member.decompress(chunk, _PIECE)
        while True:
            if piece:
                yield piece
            if not member.unconsumed_tail:
                break
            piece = member.decompress(member.unconsumed_tail, _PIECE)
    return pos - len(member.unused_data)


def head_of(data: bytes, size: int = _SNIFF_BYTES) -> bytes:
    """The first `size` bytes of the content of `data` (inflated when gzipped), for
    sniffing without inflating the whole; b"" when even that much is unreadable."""
    if not data.startswith(GZIP_MAGIC):
        return data[:size]
    out = bytearray()
    try:
        for piece in inflate_pieces(data):
            out += piece
            if len(out) >= size:
                break
    except (Truncated, zlib.error):
        pass
    return bytes(out[:size])


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
    """Raise ReadError when `data` is empty or is not text at all (see `binary_reason`).
    UTF-16 text must be converted first."""
    if not data.strip():
        raise ReadError("empty document (no text)", origin)
    reason = binary_reason(data)
    if reason is not None:
        raise ReadError(f"binary content ({reason}), not a text document", origin)


def binary_reason(data: bytes) -> str | None:
    """Why `data` is not text - the signature of an image, PDF or archive, or NUL bytes
    making up a quarter of it (text with stray NUL bytes is text: see `strip_nul`) -
    or None. UTF-16 with a byte-order mark is text."""
    if data.startswith(_BINARY_MAGIC):
        return "an image, PDF or archive"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    return "NUL bytes" if data.count(b"\x00") * 4 > len(data) else None


def strip_nul(data: bytes) -> tuple[bytes, int]:
    """(`data` without NUL bytes, how many there were)."""
    count = data.count(b"\x00")
    return (data.replace(b"\x00", b""), count) if count else (data, 0)


def utf16_to_utf8(data: bytes) -> tuple[bytes, str | None]:
    """(UTF-8 bytes, "utf-16...") when `data` is UTF-16 text (with a byte-order mark, or
    without one but with the NUL byte of ASCII characters on one side), else (data, None).
    Converting first lets the format be sniffed and the text read like any other."""
    encoding = _utf16_encoding(data)
    if encoding is None:
        return data, None
    text = data.decode(encoding, errors="replace").lstrip("\ufeff")
    if not _mostly_text(text):
        return data, None
    return text.encode("utf-8", errors="replace"), encoding


def _utf16_encoding(data: bytes) -> str | None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:_SNIFF_BYTES]
    half = len(sample) // 2
    if half < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= half // 10 and even * 20 <= odd:
        return "utf-16-le"
    if even >= half // 10 and odd * 20 <= even:
        return "utf-16-be"
    return None


def decode(data: bytes, origin: str) -> tuple[str, str]:
    """(text, encoding used). UTF-8 (with or without BOM) when the bytes are valid
    UTF-8; else the legacy encoding the content points to (`guess_encoding`), else
    Windows-1252 when it decodes the bytes.

    Raises ReadError naming `origin` when no encoding gives plausible text.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16", errors="replace").lstrip("\ufeff"), "utf-16"
    else:
        try:
            text, encoding = data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(data, origin)
    if not _mostly_text(text):
        raise ReadError("binary content (mostly control characters), not a text document",
                        origin)
    return text, encoding


def _decode_legacy(data: bytes, origin: str) -> tuple[str, str]:
    encoding = guess_encoding(data)
    if encoding is not None:
        return data.decode(encoding, errors="replace").lstrip("\ufeff"), encoding
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise ReadError("undecodable bytes: neither UTF-8 nor a known legacy encoding",
                        origin) from None


def guess_encoding(data: bytes) -> str | None:
    """The legacy encoding (Python codec name) the content of non-UTF-8 `data` points
    to, or None. An encoding that reads the sample exactly as Windows-1252 does is
    reported as "cp1252", the usual encoding of text mis-saved on Windows."""
    sample = data[:_GUESS_BYTES]
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(sample, cp_isolation=_LEGACY).best()
    except (ImportError, LookupError, ValueError):
        return None
    if best is None or not best.encoding:
        return None
    encoding = codecs.lookup(best.encoding).name
    if encoding != "cp1252" and not encoding.startswith("utf"):
        try:
            if sample.decode("cp1252") == sample.decode(encoding):
                return "cp1252"
        except UnicodeDecodeError:
            pass
    return encoding


def encoding_note(encoding: str) -> str | None:
    """The note for text decoded as `encoding` (None for UTF-8)."""
    if encoding in ("utf-8", "utf-8-sig", "ascii"):
        return None
    if encoding.startswith("utf-16"):
        return f"decoded as {encoding.upper()}"
    name = f"{encoding} (Windows-{encoding[2:]})" if re.fullmatch(r"cp125\d", encoding) \
        else encoding
    return f"not valid UTF-8; decoded as {name}"


def _mostly_text(text: str) -> bool:
    sample = text[:_SNIFF_BYTES]
    return len(_CONTROL.findall(sample)) <= max(2, len(sample) // 100)


def looks_like_json_lines(text: str) -> bool:
    """True when the first non-blank line is a JSON object (or the whole text is JSON)."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        pass
    try:
        return isinstance(json.loads(text), (dict, list))
    except ValueError:
        return False
