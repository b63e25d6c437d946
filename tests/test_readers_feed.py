"""RSS/Atom reader: items from the feed alone, and following links to a local server."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from tidings.readers.feed import read_feed
from tidings.readers.fetch import FetchError, FetchPolicy, check_url

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Valley Gazette</title><link>{base}/</link>
<item><title>Council &amp; farmers agree water deal</title><link>{base}/water</link>
<guid>gazette-1001</guid><pubDate>Tue, 14 Mar 2023 18:30:00 +0100</pubDate>
<description>&lt;p&gt;The district council and the farmers' union &lt;b&gt;signed&lt;/b&gt; a
three-year deal on irrigation quotas on Tuesday.&lt;/p&gt;&lt;p&gt;The agreement ends a dispute
that began last summer.&lt;/p&gt;</description></item>
<item><title>Bridge closed after flood damage</title><link>{base}/missing</link>
<description>Engineers closed the old river bridge on Monday after floodwater undermined one
of its piers, the roads agency said.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Wire</title>
<entry><id>tag:wire.example,2023:77</id><title>Ferry service resumes</title>
<link href="https://wire.example.org/ferry"/><updated>2023-04-01T06:00:00-03:00</updated>
<content type="html">&lt;p&gt;Ferries between the islands resumed on Saturday after a
three-day suspension caused by high winds, the operator said.&lt;/p&gt;</content></entry>
</feed>"""

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Council and farmers agree water deal</title>
<meta property="og:site_name" content="Valley Gazette Online"></head><body><article>
<h1>Council and farmers agree water deal</h1>
<p>The district council and the farmers' union signed a three-year agreement on irrigation
quotas on Tuesday, ending a dispute that had led to tractor blockades last summer.</p>
<p>Under the deal, farms in the lower valley will receive a fixed share of river water in
dry months, while the council will fund repairs to two ageing canals.</p>
<p>Union leaders said they would ask members to approve the text at a meeting next week.</p>
</article></body></html>"""


class Handler(BaseHTTPRequestHandler):
    agents: ClassVar[list[str]] = []

    def do_GET(self):  # the name http.server calls
        Handler.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/water":
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


FAST = FetchPolicy(timeout=5, retries=0, per_host_delay=0, retry_pause=0)


def test_rss_items_without_following():
    results = list(read_feed(RSS.format(base="https://gazette.example").encode(),
                             "feed.xml", None))
    assert [r.errors for r in results] == [[], []]
    first, second = (r.article for r in results)
    assert first.origin == "feed.xml#gazette-1001" and second.origin == "feed.xml#1"
    assert first.title == "Council & farmers agree water deal"
    assert first.source == "Valley Gazette"
    assert first.url == "https://gazette.example/water"
    assert first.published == "2023-03-14T17:30:00Z"
    assert first.paragraph_texts() == [
        ("The district council and the farmers' union signed a three-year deal on "
         "irrigation quotas on Tuesday."), "The agreement ends a dispute that began last summer."]
    assert "<" not in first.text


def test_atom_and_default_published():
    [result] = list(read_feed(ATOM.encode(), "wire.atom", "2020-01-01"))
    art = result.article
    assert art.origin == "wire.atom#tag:wire.example,2023:77"
    assert art.published == "2023-04-01T09:00:00Z"
    assert art.source == "Harbour Wire" and art.url == "https://wire.example.org/ferry"
    assert art.text.startswith("Ferries between the islands resumed on Saturday")


def test_follow_reads_pages_and_falls_back(server):
    feed = RSS.format(base=server).encode()
    results = list(read_feed(feed, "feed.xml", None, follow=True, allow_private=True,
                             policy=FetchPolicy(**FAST.__dict__)))
    page, fallback = results
    assert page.errors == []
    assert page.article.text.startswith("The district council and the farmers' union signed "
                                        "a three-year agreement")
    assert len(page.article.paragraphs) == 3
    assert page.article.source == "Valley Gazette Online"
    assert page.article.url == f"{server}/water"
    assert page.article.published == "2023-03-14T17:30:00Z"  # the page has none: the item's
    # The missing page keeps the summary and says why.
    assert fallback.article.text.startswith("Engineers closed the old river bridge")
    assert len(fallback.errors) == 1 and "HTTP status 404" in fallback.errors[0].message
    assert all(agent.startswith("tidings/") for agent in Handler.agents)


def test_follow_refuses_loopback_without_permission(server):
    Handler.agents.clear()
    feed = RSS.format(base=server).encode()
    results = list(read_feed(feed, "feed.xml", None, follow=True, policy=FAST))
    assert Handler.agents == []  # nothing reached the server
    for result in results:
        assert result.article is not None  # the feed text is still there
        assert "refused" in result.errors[0].message
        assert "non-public address 127.0.0.1" in result.errors[0].message


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://[::1]/", "http://169.254.169.254/",
                                 "http://10.1.2.3/", "http://192.168.0.7/",
                                 "http://[::ffff:127.0.0.1]/", "file:///etc/passwd",
                                 "ftp://example.org/x"])
def test_check_url_refuses(url):
    with pytest.raises(FetchError) as info:
        check_url(url)
    assert "refused" in str(info.value) and url in str(info.value)


def test_check_url_allows_private_on_request():
    check_url("http://127.0.0.1:9/", allow_private=True)  # resolves; no connection made


def test_size_cap(server):
    from tidings.readers.fetch import Fetcher

    policy = FetchPolicy(max_bytes=100, retries=0, per_host_delay=0, allow_private=True)
    with Fetcher(policy) as fetcher, pytest.raises(FetchError, match="cap"):
        fetcher.get(f"{server}/water")


def test_bad_feed_is_an_error():
    [result] = list(read_feed(b"this is not a feed at all", "junk.xml", None))
    assert result.article is None and result.errors[0].origin == "junk.xml"
    assert result.errors[0].message.startswith("no items in feed")
