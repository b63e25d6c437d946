"""Property tests: every reader entry point, fed random bytes and random text in every
wrapper the sniffer knows, never raises, always gives ReadResults, names the origin in
every error, and gives articles whose paragraphs lie within their NUL-free text."""
from __future__ import annotations

import gzip
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.models import ReadResult
from tidings.readers import read_bytes
from tidings.readers.feed import read_feed
from tidings.readers.html import read_html
from tidings.readers.jsonl import read_jsonl, read_jsonl_lines
from tidings.readers.textdump import read_text_dump_with_notes
from tidings.readers.warc import read_warc

ORIGIN = "prop/doc"
FAST = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=400)
some_bytes = st.binary(max_size=600)


def _wrap(kind: str, body: str) -> bytes:
    raw = body.encode("utf-8")
    return {
        "plain": raw,
        "gzip": gzip.compress(raw),
        "gzip-cut": gzip.compress(raw)[: max(2, len(raw) // 2)],
        "html": b"<!DOCTYPE html><html><body><p>" + raw + b"</p></body></html>",
        "feed": b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>'
                + raw + b"</title><description>" + raw + b"</description></item></channel></rss>",
        "jsonl": json.dumps({"id": body[:5], "text": body}).encode() + b"\n" + raw,
        "warc": b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: "
                + str(len(raw)).encode() + b"\r\n\r\n" + raw,
        "dump": b"News ID: 1\nPublished: 2021-02-27\n\n" + raw,
    }[kind]


def _check(results) -> list[ReadResult]:
    results = list(results)
    for result in results:
        assert isinstance(result, ReadResult)
        for error in result.errors:
            assert error.origin and error.origin.startswith(ORIGIN), error
            assert error.message
        article = result.article
        if article is None:
            assert result.errors, "a result without an article must say why"
            continue
        assert "\x00" not in article.text
        for p in article.paragraphs:
            assert 0 <= p.start <= p.end <= len(article.text)
    return results


@FAST
@given(some_bytes)
def test_read_bytes_on_random_bytes(data):
    _check(read_bytes(data, ORIGIN))


@FAST
@given(text)
def test_read_bytes_on_random_text(body):
    _check(read_bytes(body.encode("utf-8"), ORIGIN))


@FAST
@given(st.sampled_from(["plain", "gzip", "gzip-cut", "html", "feed", "jsonl", "warc", "dump"]),
       text, some_bytes)
def test_read_bytes_on_wrapped_text(kind, body, tail):
    _check(read_bytes(_wrap(kind, body), ORIGIN))
    _check(read_bytes(_wrap(kind, body) + tail, ORIGIN))


@FAST
@given(st.one_of(some_bytes, text.map(lambda t: _wrap("html", t))))
def test_read_html(data):
    _check([read_html(data, ORIGIN, None)])


@FAST
@given(st.one_of(some_bytes, text.map(lambda t: _wrap("feed", t))))
def test_read_feed(data):
    _check(read_feed(data, ORIGIN, None))


@FAST
@given(st.one_of(some_bytes, text.map(lambda t: _wrap("warc", t))))
def test_read_warc(data):
    _check(read_warc(data, ORIGIN, None))


@FAST
@given(text)
def test_read_jsonl_and_lines(body):
    _check(read_jsonl(body, ORIGIN))
    _check(read_jsonl_lines(body.encode("utf-8").splitlines(keepends=True), ORIGIN))


@FAST
@given(text)
def test_read_text_dump(body):
    try:
        article, notes = read_text_dump_with_notes(body, ORIGIN)
    except ValueError:
        return  # the documented "no body text" outcome; read_bytes turns it into an error
    _check([ReadResult(article, notes)])
