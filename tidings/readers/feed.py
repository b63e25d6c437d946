"""RSS / Atom feed -> one Article per item.

By default an item's article is its title plus its content or summary with the HTML
stripped - all a feed carries. With `follow=True` each item's link is fetched
(`tidings.readers.fetch`: timeouts, size cap, retries, per-host delay, and refusal of
private/loopback/link-local addresses unless `allow_private=True`) and read as a full
HTML page; when that fails the summary article is kept and the failure is recorded
as an error on the result, so a dead link never loses the item.
"""
from __future__ import annotations

import calendar
import re
import time
from collections.abc import Iterator
from typing import Any

import feedparser
from lxml import etree
from lxml import html as lxml_html

from ..errors import ReadError
from ..models import Article, DocumentError, ReadResult
from .common import assemble, content_id, read_error
from .fetch import Fetcher, FetchPolicy
from .html import read_html
from .timestamps import normalize_published

_BLOCK_END = re.compile(r"(?i)</(?:p|div|li|h[1-6]|blockquote|tr|section|article)\s*>|"
                        r"<br\s*/?>\s*<br\s*/?>")
_LINE_BREAK = re.compile(r"(?i)<br\s*/?>")
_BLANK = re.compile(r"\n\s*\n")
_WS = re.compile(r"\s+")
# Real feeds never declare entities in a DOCTYPE; a "billion laughs" bomb does.
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_PROLOGUE_BYTES = 65536


def read_feed(data: bytes, origin: str, published: str | None, follow: bool = False,
              allow_private: bool = False,
              policy: FetchPolicy | None = None) -> Iterator[ReadResult]:
    """Yield one ReadResult per feed item, in feed order.

    Each origin is "<origin>#<item id>" (the item's guid/id, else its 0-based index).
    `published` is used for items that carry no date. `policy` overrides the fetch
    limits when following (its allow_private is replaced by the argument).
    """
    if _ENTITY_DECL.search(data[:_PROLOGUE_BYTES]):
        yield read_error(origin, "feed declares its own XML entities (<!ENTITY>); not read "
                                 "(entity expansion is how an XML bomb works)")
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = parsed.get("bozo_exception")
        yield read_error(origin, f"no items in feed{f' ({reason})' if reason else ''}")
        return
    source = _strip_html(parsed.feed.get("title", "")) or None
    fetcher = None
    if follow:
        chosen = policy or FetchPolicy()
        chosen.allow_private = allow_private
        fetcher = Fetcher(chosen)
    try:
        for index, entry in enumerate(parsed.entries):
            item_id = (entry.get("id") or "").strip() or str(index)
            yield _read_item(entry, f"{origin}#{item_id}", source, published, fetcher)
    finally:
        if fetcher is not None:
            fetcher.close()


def _read_item(entry: Any, origin: str, source: str | None, published: str | None,
               fetcher: Fetcher | None) -> ReadResult:
    summary = _summary_article(entry, origin, source, published)
    link = entry.get("link")
    if fetcher is None:
        return summary
    if not link:
        return _with_error(summary, origin, "item has no link to follow; used the feed text")
    try:
        body, final_url, content_type = fetcher.get(link)
    except ReadError as exc:
        return _with_error(summary, origin, f"could not fetch {link}: {exc.message}; "
                                            "used the feed text")
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    page = read_html(body, origin, summary.article.published if summary.article else published,
                     charset.group(1) if charset else None)
    if page.article is None:
        reason = page.errors[0].message if page.errors else "no article"
        return _with_error(summary, origin, f"page {link} gave no article ({reason}); "
                                            "used the feed text")
    article = page.article
    article.url = article.url or final_url
    article.source = article.source or source
    if summary.article is not None:
        article.title = article.title or summary.article.title
        article.published = article.published or summary.article.published
    return page


def _summary_article(entry: Any, origin: str, source: str | None,
                     published: str | None) -> ReadResult:
    """The article a feed item carries by itself: title plus content or summary."""
    title = _strip_html(entry.get("title", ""))
    contents = entry.get("content") or []
    raw = max((c.get("value", "") for c in contents), key=len, default="")
    if len(_strip_html(raw)) < len(_strip_html(entry.get("summary", ""))):
        raw = entry.get("summary", "")
    raw = raw or entry.get("summary", "")
    text, paragraphs = assemble((block, False) for block in _html_blocks(raw))
    if not text:
        return read_error(origin, "feed item has no text (no content or summary)")
    link = entry.get("link") or None
    return ReadResult(Article(
        id=content_id(link) if link else content_id(text),
        origin=origin, text=text, title=title, published=_item_published(entry, published),
        url=link, source=source, paragraphs=paragraphs,
        language=_language(entry),
    ))


def _item_published(entry: Any, fallback: str | None) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            # feedparser gives these as UTC struct_time already.
            stamp = calendar.timegm(parsed)
            return _format_utc(stamp)
    for key in ("published", "updated"):
        value = normalize_published(entry.get(key))
        if value:
            return value
    return normalize_published(fallback)


def _format_utc(stamp: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))


def _language(entry: Any) -> str:
    for detail in ("summary_detail", "title_detail"):
        lang = (entry.get(detail) or {}).get("language") or ""
        if re.match(r"^[a-zA-Z]{2}(?:[-_]|$)", lang):
            return lang[:2].lower()
    return "en"


def _with_error(result: ReadResult, origin: str, message: str) -> ReadResult:
    return ReadResult(result.article, [*result.errors, DocumentError("read", message, origin)])


def _html_blocks(raw: str) -> list[str]:
    """Paragraphs of a feed item's HTML (or plain text), tags removed, entities decoded."""
    raw = (raw or "").replace("\x00", "")
    if not raw.strip():
        return []
    marked = _LINE_BREAK.sub("\n", _BLOCK_END.sub("\n\n", raw))
    try:
        text = lxml_html.fragment_fromstring(marked, create_parent="div").text_content()
    except (etree.ParserError, ValueError):
        text = re.sub(r"<[^>]+>", " ", marked)
    return [_WS.sub(" ", block).strip() for block in _BLANK.split(text) if block.strip()]


def _strip_html(raw: str) -> str:
    return " ".join(_html_blocks(raw))
