"""RSS/Atom reader: items from the feed alone, and following links to a local server."""
from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from tidings import limits
from tidings.readers.feed import read_feed
from tidings.readers.fetch import Fetcher, FetchError, FetchPolicy, check_url

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
    hosts: ClassVar[list[str]] = []

    def do_GET(self):  # the name http.server calls
        Handler.agents.append(self.headers.get("User-Agent", ""))
        Handler.hosts.append(self.headers.get("Host", ""))
        if self.path in ("/drip", "/stall"):  # a page that never finishes arriving
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(30):
                    if self.path == "/drip":
                        self.wfile.write(b"x")
                        self.wfile.flush()
                    time.sleep(1.0 if self.path == "/drip" else 0.5)
            except OSError:  # the client gave up
                pass
        elif self.path.startswith("/to/"):  # a redirect to another host name
            self.send_response(302)
            self.send_header("Location", f"http://{self.path[4:]}/water")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/water":
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


# -- the deadline, the byte cap from limits(), and the pinned address ----------------
@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setenv("TIDINGS_FETCH_SECONDS", "1.5")
    monkeypatch.setenv("TIDINGS_FETCH_BYTES", "100")
    limits.reset()
    yield limits.limits()
    monkeypatch.undo()
    limits.reset()


@pytest.mark.parametrize("path", ["/drip", "/stall"])
def test_slow_server_cannot_hold_an_item_past_the_deadline(server, small_limits, path):
    """A byte a second (each read well inside the per-read timeout), or headers and then
    silence: the fetch gives up at the overall deadline, retries included."""
    policy = FetchPolicy(timeout=5, retries=2, retry_pause=0, per_host_delay=0,
                         max_bytes=10_000, allow_private=True)
    started = time.monotonic()
    with Fetcher(policy) as fetcher, pytest.raises(FetchError) as info:
        fetcher.get(f"{server}{path}")
    elapsed = time.monotonic() - started
    assert small_limits.fetch_seconds == 1.5
    assert elapsed < 1.5 + 1.0, elapsed
    assert "1.5-second deadline" in str(info.value) and path in str(info.value)


def test_byte_cap_comes_from_limits(server, small_limits):
    policy = FetchPolicy(retries=0, per_host_delay=0, allow_private=True)
    with Fetcher(policy) as fetcher, pytest.raises(FetchError, match="100-byte cap"):
        fetcher.get(f"{server}/water")


@pytest.fixture
def fake_dns(monkeypatch):
    """Names under .rebind.test answer each lookup with the next address of their list
    (numeric: nothing leaves the machine); every lookup of such a name is recorded."""
    real = socket.getaddrinfo
    answers: dict[str, list[str]] = {}
    lookups: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        if isinstance(host, str) and host.endswith(".rebind.test"):
            lookups.append(host)
            queue = answers[host]
            host = queue.pop(0) if len(queue) > 1 else queue[0]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers, lookups


def test_connection_goes_to_the_checked_address(server, fake_dns):
    """One lookup per host and hop; the connection goes to the address it gave, with
    the URL's host in the Host header. A second lookup would answer 127.0.0.2, where
    nothing listens."""
    answers, lookups = fake_dns
    answers["news.rebind.test"] = ["127.0.0.1", "127.0.0.2"]
    answers["page.rebind.test"] = ["127.0.0.1", "127.0.0.2"]
    port = server.rsplit(":", 1)[1]
    Handler.hosts.clear()
    policy = FetchPolicy(timeout=5, retries=0, per_host_delay=0, allow_private=True)
    with Fetcher(policy) as fetcher:
        body, final, _ = fetcher.get(f"http://news.rebind.test:{port}/to/"
                                     f"page.rebind.test:{port}")
    assert body == PAGE.encode() and final == f"http://page.rebind.test:{port}/water"
    assert lookups == ["news.rebind.test", "page.rebind.test"]
    assert Handler.hosts == [f"news.rebind.test:{port}", f"page.rebind.test:{port}"]


def test_dns_rebinding_to_loopback_reaches_nothing(server, fake_dns, monkeypatch):
    """The name passes the check with a public address, then would re-bind to
    127.0.0.1: the only connection attempted is to the public address (stopped here, so
    nothing leaves the machine) and the local server is never reached."""
    answers, _ = fake_dns
    answers["evil.rebind.test"] = ["8.8.8.8", "127.0.0.1"]
    real = socket.create_connection
    attempts: list[tuple] = []

    def create_connection(address, *args, **kwargs):
        attempts.append(address)
        if address[0] not in ("127.0.0.1", "::1", "localhost"):
            raise ConnectionRefusedError("test: no network")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    Handler.agents.clear()
    port = int(server.rsplit(":", 1)[1])
    with Fetcher(FetchPolicy(timeout=5, retries=0, per_host_delay=0)) as fetcher, \
            pytest.raises(FetchError, match="ConnectError"):
        fetcher.get(f"http://evil.rebind.test:{port}/water")
    assert attempts == [("8.8.8.8", port)]
    assert Handler.agents == []
