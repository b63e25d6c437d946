"""WARC reader: one article per HTML response, others skipped, damage isolated."""
from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.readers.warc import read_warc


def page(headline: str, town: str) -> bytes:
    return f"""<!DOCTYPE html><html lang="en"><head><title>{headline}</title>
<meta property="article:published_time" content="2023-05-02T09:15:00+02:00"></head>
<body><article><h1>{headline}</h1>
<p>Dock workers in {town} voted on Tuesday to end a nine-day strike after the port
operator agreed to raise wages by six percent, union officials said.</p>
<p>The walkout had left more than forty container ships waiting offshore and disrupted
deliveries of grain and fuel across the region, according to the harbour authority.</p>
<p>The union said it would watch whether the company kept its promise to hire two
hundred more crane operators before the end of the year.</p>
</article></body></html>""".encode()


RECORDS = [
    ("https://news.example.org/port-strike", "text/html; charset=utf-8",
     page("Port strike ends in Valmora", "Valmora")),
    ("https://news.example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\nnot really"),
    ("https://news.example.org/rail-strike", "text/html",
     page("Rail strike ends in Ostberg", "Ostberg")),
]


def build_warc(gzip: bool = False, with_request: bool = False) -> tuple[bytes, list[str]]:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    ids = []
    for uri, content_type, body in RECORDS:
        if with_request:
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")],
                                   is_http_request=True)
            writer.write_record(writer.create_warc_record(
                uri, "request", payload=io.BytesIO(b""), length=0, http_headers=req))
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                   protocol="HTTP/1.1")
        # An explicit length keeps warcio from spooling the body to a temp file.
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                           length=len(body), http_headers=headers)
        ids.append(record.rec_headers.get_header("WARC-Record-ID").strip("<>"))
        writer.write_record(record)
    return buf.getvalue(), ids


def test_html_responses_become_articles():
    data, ids = build_warc(with_request=True)
    results = list(read_warc(data, "crawl.warc", None))
    # Requests are skipped silently; the png is skipped and counted on the last result.
    assert [[e.message for e in r.errors] for r in results] == [
        [], ["skipped 1 non-HTML record (image/png: 1)"]]
    assert results[1].errors[0].origin == "crawl.warc"
    first, second = (r.article for r in results)
    assert first.origin == f"crawl.warc#{ids[0]}" and second.origin == f"crawl.warc#{ids[2]}"
    assert first.title == "Port strike ends in Valmora"
    assert first.url == "https://news.example.org/port-strike"  # from WARC-Target-URI
    assert first.published == "2023-05-02T07:15:00Z"
    assert first.text.startswith("Dock workers in Valmora voted")
    assert "Ostberg" in second.text and len(second.paragraphs) == 3


def test_gzipped_records():
    data, ids = build_warc(gzip=True)
    results = list(read_warc(data, "crawl.warc.gz", "2023-05-01"))
    assert [r.article.title for r in results] == ["Port strike ends in Valmora",
                                                  "Rail strike ends in Ostberg"]
    assert results[1].article.origin == f"crawl.warc.gz#{ids[2]}"


def test_broken_record_is_an_error_and_the_rest_is_read():
    data, _ids = build_warc()
    second = data.find(b"WARC/1.", 10)
    broken = data[:second] + b"THIS IS NOT A WARC HEADER\r\n" + data[second + 9:]
    results = list(read_warc(broken, "bad.warc", None))
    articles = [r.article.title for r in results if r.article]
    errors = [e for r in results for e in r.errors]
    assert articles == ["Port strike ends in Valmora", "Rail strike ends in Ostberg"]
    assert len(errors) == 1
    assert errors[0].stage == "read" and "damaged WARC record" in errors[0].message
    assert errors[0].origin.startswith("bad.warc#@")


def test_unreadable_html_record_gives_error_result():
    global RECORDS
    saved = RECORDS
    RECORDS = [("https://news.example.org/empty", "text/html", b"<html><body></body></html>")]
    try:
        data, ids = build_warc()
    finally:
        RECORDS = saved
    [result] = list(read_warc(data, "e.warc", None))
    assert result.article is None
    assert result.errors[0].origin == f"e.warc#{ids[0]}"
