"""Polite, guarded HTTP GET for following feed items to their pages.

What a Fetcher promises:
- only http/https URLs; every host is resolved and EVERY address it resolves to is
  checked, and private, loopback, link-local, multicast, reserved and unspecified
  addresses are refused unless `allow_private=True` (so a feed cannot make us probe
  the machine or network we run on). Redirects are followed by hand, re-checking
  each hop, at most `max_redirects` of them;
- a timeout on every request, a cap on the body size (read streamed, stopped early);
- up to `retries` retries on network errors, 429 and 5xx, with a growing pause;
- at least `per_host_delay` seconds between two requests to the same host;
- a User-Agent that names tidings.
Failures raise FetchError (a ReadError) naming the URL and the reason.

The address check happens before connecting; a host whose DNS answer changes between
our check and httpx's own lookup could still slip through (DNS rebinding) - acceptable
for reading news feeds, not a security boundary for hostile input.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import Self
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import ReadError

USER_AGENT = "tidings/0.1 (news event coder; feed follower)"
_RETRY_STATUS = {429, 500, 502, 503, 504}
_REDIRECT_STATUS = {301, 302, 303, 307, 308}


class FetchError(ReadError):
    """A page could not be fetched: refused address, network failure, bad status, too big."""


@dataclass
class FetchPolicy:
    """Limits for one Fetcher. Defaults suit following a few dozen feed items."""
    timeout: float = 15.0
    max_bytes: int = 5 * 1024 * 1024
    retries: int = 2
    per_host_delay: float = 1.0
    retry_pause: float = 1.0
    max_redirects: int = 5
    allow_private: bool = False


def check_url(url: str, allow_private: bool = False) -> None:
    """Raise FetchError unless `url` is http(s) and all its host's addresses may be
    contacted (public, or any address when `allow_private`)."""
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
    if allow_private:
        return
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"refused: {host!r} resolves to non-public address {address} "
                "(private, loopback or link-local; pass allow_private to permit)", url)


class Fetcher:
    """Fetches pages under a FetchPolicy; reuse one per batch so the per-host delay and
    the connection pool are shared. Use as a context manager or call close()."""

    def __init__(self, policy: FetchPolicy | None = None,
                 transport: httpx.BaseTransport | None = None):
        self.policy = policy or FetchPolicy()
        self._client = httpx.Client(timeout=self.policy.timeout, follow_redirects=False,
                                    headers={"User-Agent": USER_AGENT}, transport=transport)
        self._last_request: dict[str, float] = {}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str) -> tuple[bytes, str, str | None]:
        """(body bytes, final URL after redirects, Content-Type header or None).

        Raises FetchError naming the URL for every failure.
        """
        current = url
        for _ in range(self.policy.max_redirects + 1):
            check_url(current, self.policy.allow_private)
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
                time.sleep(self.policy.retry_pause * attempt)
            self._wait_for_host(url)
            try:
                status, headers, body = self._get_once(url)
            except httpx.HTTPError as exc:
                last_error = f"{type(exc).__name__}: {exc}"
                continue
            if status in _RETRY_STATUS:
                last_error = f"HTTP status {status}"
                continue
            return status, headers, body
        raise FetchError(f"failed after {self.policy.retries + 1} attempts ({last_error})", url)

    def _get_once(self, url: str) -> tuple[int, httpx.Headers, bytes]:
        with self._client.stream("GET", url) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.policy.max_bytes:
                raise FetchError(f"page is {declared} bytes, over the "
                                 f"{self.policy.max_bytes}-byte cap", url)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.policy.max_bytes:
                    raise FetchError(f"page exceeds the {self.policy.max_bytes}-byte cap", url)
                chunks.append(chunk)
            return response.status_code, response.headers, b"".join(chunks)

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).hostname or ""
        last = self._last_request.get(host)
        if last is not None:
            pause = self.policy.per_host_delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last_request[host] = time.monotonic()
