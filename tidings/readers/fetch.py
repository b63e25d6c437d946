"""Polite, guarded HTTP GET for following feed items to their pages.

What a Fetcher promises:
- only http/https URLs; every host is resolved and EVERY address it resolves to is
  checked, and private, loopback, link-local, multicast, reserved and unspecified
  addresses are refused unless `allow_private=True` (so a feed cannot make us probe
  the machine or network we run on). Redirects are followed by hand, re-checking
  each hop, at most `max_redirects` of them;
- the connection goes to an address that was checked: each host is resolved once per
  hop, and the TCP connection is opened to one of the addresses that passed the check
  (the Host header and TLS server name stay the URL's host), never to a second DNS
  answer, so a name that re-binds to 127.0.0.1 after the check reaches nothing. No
  proxy from the environment is used (a proxy would resolve the name itself);
- a timeout on every network wait, and an overall deadline for one page, redirects and
  retries included (`deadline`, default `limits().fetch_seconds`): a server that
  drips a byte a second cannot hold an item longer;
- a cap on the body size (`max_bytes`, default `limits().fetch_bytes`; read streamed,
  stopped early);
- up to `retries` retries on network errors, 429 and 5xx, with a growing pause;
- at least `per_host_delay` seconds between two requests to the same host;
- a User-Agent that names tidings.
Failures raise FetchError (a ReadError) naming the URL and the reason.
"""
from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Any, Self
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from ..errors import ReadError
from ..limits import limits

USER_AGENT = "tidings/0.1 (news event coder; feed follower)"
_RETRY_STATUS = {429, 500, 502, 503, 504}
_REDIRECT_STATUS = {301, 302, 303, 307, 308}


class FetchError(ReadError):
    """A page could not be fetched: refused address, network failure, bad status, too big."""


@dataclass
class FetchPolicy:
    """Limits for one Fetcher. Defaults suit following a few dozen feed items.

    `timeout` bounds each network wait; `deadline` one whole `get` (None:
    `limits().fetch_seconds`); `max_bytes` one body (None: `limits().fetch_bytes`)."""
    timeout: float = 15.0
    max_bytes: int | None = None
    deadline: float | None = None
    retries: int = 2
    per_host_delay: float = 1.0
    retry_pause: float = 1.0
    max_redirects: int = 5
    allow_private: bool = False


def check_url(url: str, allow_private: bool = False) -> list[str]:
    """The addresses of `url`'s host, in resolver order; raise FetchError unless `url`
    is http(s) and all of them may be contacted (public, or any when `allow_private`)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refused: only http and https URLs are fetched, not {parts.scheme!r}",
                         url)
    host = parts.hostname
    if not host:
        raise FetchError("refused: URL names no host", url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc})", url) from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise FetchError(f"cannot resolve host {host!r} (no address)", url)
    if allow_private:
        return addresses
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"refused: {host!r} resolves to non-public address {address} "
                "(private, loopback or link-local; pass allow_private to permit)", url)
    return addresses


class _Clock:
    """The deadline of one `get`: every network wait is cut to the time left."""

    def __init__(self) -> None:
        self.deadline = float("inf")

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def timeout(self, timeout: float | None) -> float:
        left = self.left()
        if left <= 0:
            raise httpcore.ReadTimeout("the deadline for this page has passed")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose reads and writes never wait past the clock's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, clock: _Clock):
        self._stream = stream
        self._clock = clock

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._clock.timeout(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._clock.timeout(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname,
                                                      self._clock.timeout(timeout)),
                               self._clock)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _PinnedBackend(httpcore.SyncBackend):
    """Opens TCP connections only to addresses check_url passed for the host (`pins`),
    never resolving a name itself; every connection keeps to the clock's deadline."""

    def __init__(self, clock: _Clock):
        self.pins: dict[str, list[str]] = {}
        self.clock = clock

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        addresses = self.pins.get(host.lower())
        if not addresses:  # cannot happen through Fetcher.get: refuse, never resolve
            raise httpcore.ConnectError(f"refused: no checked address for {host!r}")
        error: Exception | None = None
        for address in addresses:
            try:
                stream = super().connect_tcp(address, port, self.clock.timeout(timeout),
                                             local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
                continue
            return _DeadlineStream(stream, self.clock)
        raise error or httpcore.ConnectError(f"cannot connect to {host!r}")


class _PinnedTransport(httpx.HTTPTransport):
    """httpx's own transport over a _PinnedBackend."""

    def __init__(self, backend: _PinnedBackend):
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False), network_backend=backend,
            max_connections=10, max_keepalive_connections=10, keepalive_expiry=5.0)


def _pin_key(url: str) -> str:
    """The host as httpx hands it to the network backend (IDNA-encoded, lower case)."""
    return httpx.URL(url).raw_host.decode("ascii").lower()


class Fetcher:
    """Fetches pages under a FetchPolicy; reuse one per batch so the per-host delay and
    the connection pool are shared. Use as a context manager or call close()."""

    def __init__(self, policy: FetchPolicy | None = None,
                 transport: httpx.BaseTransport | None = None):
        """`transport` replaces the network (tests): the deadline is then checked only
        between chunks, and the connection is not pinned to the checked address."""
        self.policy = policy or FetchPolicy()
        self.max_bytes = self.policy.max_bytes or limits().fetch_bytes
        self.deadline = self.policy.deadline or limits().fetch_seconds
        self._clock = _Clock()
        self._backend = _PinnedBackend(self._clock)
        self._client = httpx.Client(timeout=self.policy.timeout, follow_redirects=False,
                                    headers={"User-Agent": USER_AGENT}, trust_env=False,
                                    transport=transport or _PinnedTransport(self._backend))
        self._last_request: dict[str, float] = {}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str) -> tuple[bytes, str, str | None]:
        """(body bytes, final URL after redirects, Content-Type header or None).

        Raises FetchError naming the URL for every failure, among them a page not read
        completely within the deadline.
        """
        self._clock.deadline = time.monotonic() + self.deadline
        try:
            return self._follow(url)
        finally:
            self._clock.deadline = float("inf")

    def _follow(self, url: str) -> tuple[bytes, str, str | None]:
        current = url
        for _ in range(self.policy.max_redirects + 1):
            addresses = check_url(current, self.policy.allow_private)
            try:
                key = _pin_key(current)
            except (httpx.InvalidURL, UnicodeError) as exc:
                raise FetchError(f"refused: invalid URL ({exc})", current) from exc
            self._backend.pins[key] = addresses
            status, headers, body = self._get_with_retries(current)
            if status in _REDIRECT_STATUS and headers.get("location"):
                current = urljoin(current, headers["location"])
                continue
            if status >= 400:
                raise FetchError(f"HTTP status {status}", current)
            return body, current, headers.get("content-type")
        raise FetchError(f"more than {self.policy.max_redirects} redirects", url)

    def _get_with_retries(self, url: str) -> tuple[int, httpx.Headers, bytes]:
        last_error = ""
        for attempt in range(self.policy.retries + 1):
            if attempt:
                self._sleep(self.policy.retry_pause * attempt, url, last_error)
            self._wait_for_host(url)
            try:
                status, headers, body = self._get_once(url)
            except httpx.HTTPError as exc:
                last_error = f"{type(exc).__name__}: {exc}"
                self._check_deadline(url, last_error)
                continue
            if status in _RETRY_STATUS:
                last_error = f"HTTP status {status}"
                continue
            return status, headers, body
        raise FetchError(f"failed after {self.policy.retries + 1} attempts ({last_error})", url)

    def _check_deadline(self, url: str, why: str = "") -> None:
        if self._clock.left() <= 0.01:  # a wait cut to the time left ends about then
            self._give_up(url, why)

    def _give_up(self, url: str, why: str) -> None:
        detail = f" ({why})" if why else ""
        raise FetchError(f"gave up: not fetched within the {self.deadline:g}-second "
                         f"deadline{detail}", url)

    def _sleep(self, seconds: float, url: str, why: str = "") -> None:
        """Pause, unless the pause would end past the deadline: then give up now."""
        if seconds >= self._clock.left():
            self._give_up(url, why)
        time.sleep(max(seconds, 0.0))

    def _get_once(self, url: str) -> tuple[int, httpx.Headers, bytes]:
        cap = self.max_bytes
        with self._client.stream("GET", url) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap:
                raise FetchError(f"page is {declared} bytes, over the {cap}-byte cap", url)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > cap:
                    raise FetchError(f"page exceeds the {cap}-byte cap", url)
                self._check_deadline(url, f"{size} bytes read")
                chunks.append(chunk)
            return response.status_code, response.headers, b"".join(chunks)

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).hostname or ""
        last = self._last_request.get(host)
        if last is not None:
            pause = self.policy.per_host_delay - (time.monotonic() - last)
            if pause > 0:
                self._sleep(pause, url, "waiting for the per-host delay")
        self._last_request[host] = time.monotonic()
