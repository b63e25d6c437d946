"""`tidings ingest --server URL`: send articles to a running `tidings serve`, which owns
its store (DuckDB lets one process write a file), instead of opening the store here.

Each article read from the PATHs goes as one `POST /api/v1/articles` in the JSON Lines
input shape, with the write token (`--token-file`, TIDINGS_TOKEN or TIDINGS_TOKEN_FILE).
A document the server refuses is reported with its origin and the server's reason; the
others are sent on. Nothing is sent anywhere but the URL given.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from urllib.parse import urlsplit

import click
import httpx

from ..models import Article
from ..readers import read_paths
from ..run.rows import progress_bar

TIMEOUT = httpx.Timeout(120.0, connect=10.0)  # the server codes the article first


@dataclass
class Sent:
    stored: int = 0
    known: int = 0
    refused: int = 0
    unreadable: int = 0

    def line(self, url: str) -> str:
        return (f"{url}: {self.stored} stored, {self.known} already stored, "
                f"{self.refused} refused, {self.unreadable} unreadable")


def check_server(url: str) -> str:
    """The server's base URL, or a usage error saying what is wrong with it."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise click.BadParameter(f"{url!r} is not an http(s) URL of a `tidings serve`",
                                 param_hint="--server")
    return url.rstrip("/")


def read_token(token_file: str | None) -> str:
    """The write token, the way `tidings serve` reads its own."""
    from ..web.state import load_token  # the web layer is only needed here
    token = load_token(None, token_file)
    if not token:
        raise click.UsageError("--server needs the write token: set TIDINGS_TOKEN or give "
                               "--token-file")
    return token


def _record(article: Article) -> dict:
    return {"id": article.id, "text": article.text, "title": article.title,
            "published": article.published, "url": article.url, "source": article.source,
            "section": article.section, "subtitles": article.subtitles}


def _reason(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except ValueError:
        detail = None
    return str(detail or response.text[:200] or response.reason_phrase)


def send(paths: tuple[str, ...], url: str, token: str, published: str | None,
         follow: bool = False, progress: bool = False) -> Sent:
    """POST every readable article of `paths` to the server at `url` (with a progress
    bar on the terminal when `progress`)."""
    out = Sent()
    endpoint = f"{url}/api/v1/articles"
    with httpx.Client(timeout=TIMEOUT, trust_env=False,
                      headers={"Authorization": f"Bearer {token}"}) as client, \
            progress_bar(None, progress) as bar:
        for result in read_paths(paths, published=published, follow=follow):
            bar.update(1)
            if result.article is None:
                out.unreadable += 1
                for err in result.errors:
                    click.echo(f"{err.origin or '?'}: {err.message}", err=True)
                continue
            origin = result.article.origin
            try:
                response = client.post(endpoint, json=_record(result.article))
            except httpx.HTTPError as exc:
                raise click.ClickException(f"{url}: cannot reach the server ({exc})") \
                    from exc
            if response.status_code in (401, 403):
                raise click.ClickException(f"{url}: the server refused the token "
                                           f"({response.status_code})")
            if response.status_code == 201:
                out.stored += 1
            elif response.status_code == 200:
                out.known += 1
            else:
                out.refused += 1
                click.echo(f"{origin}: refused by the server ({response.status_code}): "
                           f"{_reason(response)}", err=True)
    sys.stderr.flush()
    return out
