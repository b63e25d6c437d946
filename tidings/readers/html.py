"""One HTML news page -> one Article.

The body comes from trafilatura (its main-content extraction is among the best
published); the page metadata a news analyst needs - headline, deck, section, outlet,
canonical URL and the publication time in UTC - is read here from the places news
sites actually put it (JSON-LD, OpenGraph/article meta, <time>), which is more
reliable for news than trafilatura's generic guesses. trafilatura's body is then
trimmed of the news boilerplate it tends to keep (readers.html_body: repeated headline,
bylines, "Read more" and related-story teasers, newsletter and copyright lines), and
a lead paragraph it left out is put back.

Work is bounded: a page over `limits().max_document_bytes` is refused unread; one over
`limits().max_html_bytes` has its scripts, styles and comments cut out (that is where
the bytes of most big pages are) and is refused when it is still over. trafilatura's
time grows with the square of the text runs inside paragraphs (its `//p//text()`
XPath: 1 MB of linked words took 5 s, 4 MB 139 s), so a page with more than
_MAX_INLINE_TAGS inline tags (links, spans, bold...) has them unwrapped first, with a note.
"""
from __future__ import annotations

import codecs
import html
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from ..limits import limits
from ..models import Article, DocumentError, ReadResult
from .common import assemble, content_id, read_error
from .html_body import clean as _clean
from .html_body import clean_blocks, with_lead
from .timestamps import normalize_published

# trafilatura settings, chosen on the ScrapingHub benchmark (see BENCHMARKS.md).
# Tables stay: on news pages they are mostly results and figures the story cites.
# fast=True skips trafilatura's readability/jusText fallbacks: on ScrapingHub that is
# both more accurate (F1 0.971 vs 0.969) and twice as fast; Fundus loses 0.005.
EXTRACTION_OPTIONS: dict[str, Any] = {"include_comments": False, "include_tables": True,
                                      "with_metadata": False, "fast": True}
# Fewer words than this is a menu or a login wall ("Home", "Sign in"), not a story.
_MIN_WORDS = 5
_HEAD_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_.:-]+)""", re.IGNORECASE)
# WHATWG: pages labelled Latin-1 or ASCII are decoded as Windows-1252 by every browser.
_ENCODING_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
                     "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252"}

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenews", "analysisnewsarticle",
                  "opinionnewsarticle", "backgroundnewsarticle", "blogposting",
                  "liveblogposting", "report", "scholarlyarticle", "webpage",
                  "reviewnewsarticle", "askpublicnewsarticle", "socialmediaposting"}
_DECK_CLASS = re.compile(
    r"(?:^|[\s_-])(?:sub-?title|standfirst|dek|deck|sub-?head(?:line)?|strap-?line|"
    r"article-?summary|kicker)(?:$|[\s_-])", re.IGNORECASE)
_SITE_SUFFIX = re.compile(r"\s+[|\-–—:·•]\s+[^|\-–—:·•]{2,60}$")

# Script, style and comment blocks: where the bytes of most oversized pages are. JSON-LD
# scripts are kept (the metadata comes from them).
_HIDDEN_OPEN = re.compile(r"<(script|style)\b[^>]*>|<!--", re.IGNORECASE)
# Inline tags inside paragraphs; past _MAX_INLINE_TAGS they are unwrapped (text kept).
_INLINE_TAG = re.compile(
    r"</?(?:a|span|b|i|em|strong|font|u|small|abbr|sup|sub|mark|cite|q|s|ins|del|time)"
    r"(?:\s[^<>]*)?>", re.IGNORECASE)
_MAX_INLINE_TAGS = 20_000


def read_html(data: bytes, origin: str, published: str | None,
              charset: str | None = None) -> ReadResult:
    """Read one HTML page into an Article.

    `published` is used only when the page itself names no publication time; `charset`
    is the encoding an HTTP header declared, if any (it outranks the page's own). A page
    with no extractable body text gives a result with no article and a "read" error
    naming `origin`; this function never raises for bad input.
    """
    cap = limits().max_document_bytes
    if len(data) > cap:
        return read_error(origin, f"HTML page of {len(data)} bytes is over the limit of {cap} "
                                  "bytes (TIDINGS_MAX_DOCUMENT_BYTES); not read")
    try:
        text, _encoding = decode_html(data, charset)
        text, notes = bounded_html(text)
        tree = _parse(text)
    except _TooBig as exc:
        return read_error(origin, str(exc))
    except (ValueError, etree.ParserError, UnicodeError) as exc:
        return read_error(origin, f"unparseable HTML ({exc})")
    if tree is None:
        return read_error(origin, "no article text found in HTML")
    meta = page_metadata(tree)
    title = meta.get("title") or ""
    blocks = clean_blocks(_body_blocks(tree, meta), title, meta.get("subtitles", []))
    blocks = with_lead(tree, blocks, meta)
    body, paragraphs = assemble(blocks)
    if len(body.split()) < _MIN_WORDS:
        return read_error(origin, "no article text found in HTML")
    url = meta.get("url")
    return ReadResult(Article(
        id=content_id(url) if url else content_id(body),
        origin=origin,
        text=body,
        title=title,
        subtitles=meta.get("subtitles", []),
        section=meta.get("section"),
        published=meta.get("published") or normalize_published(published),
        url=url,
        source=meta.get("source"),
        language=meta.get("language") or "en",
        paragraphs=paragraphs,
    ), [DocumentError("read", note, origin) for note in notes])


class _TooBig(ValueError):
    """A page over `limits().max_html_bytes` even without its scripts and styles."""


def bounded_html(text: str) -> tuple[str, list[str]]:
    """`text` made cheap enough to extract, with a note for each change made; raises
    _TooBig when it is over `limits().max_html_bytes` without scripts, styles and
    comments. Pages within the bounds are returned unchanged (but for NUL characters)."""
    notes = []
    if "\x00" in text:
        notes.append(f"removed {text.count(chr(0))} NUL characters from the page")
        text = text.replace("\x00", "")
    cap = limits().max_html_bytes
    if len(text) > cap // 4 and _utf8_size(text) > cap:
        text = strip_hidden(text)
        size = _utf8_size(text)
        if size > cap:
            raise _TooBig(f"HTML page of {size} bytes (without scripts, styles and comments) "
                          f"is over the limit of {cap} bytes (TIDINGS_MAX_HTML_BYTES)")
    inline = sum(1 for _ in _INLINE_TAG.finditer(text))
    if inline > _MAX_INLINE_TAGS:
        text = _INLINE_TAG.sub("", text)
        notes.append(f"page has {inline} inline tags (links, spans...); they were unwrapped "
                     "before extraction")
    return text, notes


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", errors="replace"))


def strip_hidden(text: str) -> str:
    """`text` without <script>/<style> blocks (JSON-LD kept) and comments, in one pass.
    An unclosed block runs to the end of the page, as it does in a browser."""
    out: list[str] = []
    pos = 0
    while True:
        m = _HIDDEN_OPEN.search(text, pos)
        if m is None:
            out.append(text[pos:])
            return "".join(out)
        tag = m.group(1)
        if tag and "ld+json" in m.group(0).lower():
            out.append(text[pos:m.end()])
            pos = m.end()
            continue
        out.append(text[pos:m.start()])
        if tag:
            close = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(text, m.end())
            pos = close.end() if close else len(text)
        else:
            end = text.find("-->", m.end())
            pos = end + 3 if end >= 0 else len(text)


# --- decoding -------------------------------------------------------------------

def decode_html(data: bytes, charset: str | None = None) -> tuple[str, str]:
    """(text, encoding) for raw page bytes.

    Order: byte-order mark; `charset` (from an HTTP header); the page's own <meta charset>/http-equiv or XML declaration;
    strict UTF-8; charset_normalizer's best guess; Windows-1252 as the last resort
    (which decodes any byte string, so this never fails).
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    declared = _encoding_name(charset) if charset else None
    declared = declared or _declared_encoding(data[:_HEAD_BYTES])
    if declared:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass  # the page lies about its charset; fall through to detection
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace"), best.encoding
    except (ImportError, LookupError):
        pass
    return data.decode("cp1252", errors="replace"), "cp1252"


def _declared_encoding(head: bytes) -> str | None:
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not m:
        return None
    return _encoding_name(m.group(1).decode("ascii", errors="ignore"))


def _encoding_name(label: str) -> str | None:
    """Python's codec name for a charset label, or None for an unknown label."""
    label = label.strip().strip("\"'").lower()
    label = _ENCODING_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _parse(text: str) -> HtmlElement | None:
    from trafilatura.utils import load_html

    return load_html(text)


# --- metadata -------------------------------------------------------------------

def page_metadata(tree: HtmlElement) -> dict[str, Any]:
    """Headline, deck, section, outlet, canonical URL, language and UTC publication
    time, from JSON-LD first, then OpenGraph/article meta tags, then visible markup.
    Keys are absent when the page does not say."""
    ld = _jsonld_article(tree)
    metas = _meta_tags(tree)
    out: dict[str, Any] = {}

    source = (metas.get("og:site_name") or _name_of(ld.get("publisher"))
              or metas.get("application-name") or metas.get("twitter:site", "").lstrip("@"))
    if source:
        out["source"] = _clean(source)

    title = (_text_of(ld.get("headline")) or metas.get("og:title")
             or metas.get("twitter:title") or _first_text(tree, "//h1")
             or _strip_site(_first_text(tree, "//title"), out.get("source")))
    if title:
        out["title"] = _clean(title)

    deck = _text_of(ld.get("alternativeHeadline")) or _deck_from_markup(tree)
    if deck and _clean(deck) != out.get("title"):
        out["subtitles"] = [_clean(deck)]

    section = (metas.get("article:section") or _text_of(ld.get("articleSection"))
               or metas.get("section") or metas.get("parsely-section"))
    if section:
        out["section"] = _clean(section)

    for value in (_text_of(ld.get("datePublished")), metas.get("article:published_time"),
                  metas.get("og:published_time"), metas.get("datepublished"),
                  metas.get("pubdate"), metas.get("publishdate"), metas.get("date"),
                  metas.get("dc.date.issued"), metas.get("parsely-pub-date"),
                  metas.get("sailthru.date"), _time_element(tree),
                  _text_of(ld.get("dateCreated"))):
        when = to_utc_iso(value)
        if when:
            out["published"] = when
            break

    for value in (_first_attr(tree, "//link[@rel='canonical']/@href"), metas.get("og:url"),
                  _text_of(ld.get("url")), _name_of(ld.get("mainEntityOfPage"), "@id")):
        if value and value.strip().lower().startswith(("http://", "https://")):
            out["url"] = value.strip()
            break

    lang = (tree.get("lang") or metas.get("og:locale") or "").strip()
    if re.match(r"^[a-z]{2}(?:[-_]|$)", lang, re.IGNORECASE):
        out["language"] = lang[:2].lower()
    for key in ("source", "title", "section"):
        if key in out:
            out[key] = unescaped(out[key])
    if "subtitles" in out:
        out["subtitles"] = [unescaped(s) for s in out["subtitles"]]
    return out


_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescaped(text: str) -> str:
    """`text` with HTML entities decoded: pages put "&#163;" and "&#8217;" in JSON-LD
    (which the parser leaves alone) and "&amp;#8211;" in meta tags (encoded twice)."""
    for _ in range(2):
        if not _ENTITY.search(text):
            break
        text = html.unescape(text)
    return _clean(text)


def to_utc_iso(value: str | None) -> str | None:
    """A page's publication-time string as "YYYY-MM-DDTHH:MM:SSZ" in UTC, or None.

    ISO 8601 (what JSON-LD and meta tags use) is read exactly, honouring its offset;
    a time without an offset is taken as UTC. Other shapes go to the shared parser.
    """
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return normalize_published(value)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content and content.strip() and key not in out:
            out[key] = content.strip()
    return out


def _jsonld_article(tree: HtmlElement) -> dict[str, Any]:
    """The first JSON-LD object typed as an article (NewsArticle etc.), else {}."""
    fallback: dict[str, Any] = {}
    for script in tree.xpath("//script[@type='application/ld+json']"):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            # Some CMSs leave trailing commas or control characters; skip such blocks.
            continue
        for obj in _walk_jsonld(data):
            types = obj.get("@type")
            names = {t.lower() for t in (types if isinstance(types, list) else [types])
                     if isinstance(t, str)}
            if names & (_ARTICLE_TYPES - {"webpage"}):
                return obj
            if "webpage" in names and not fallback:
                fallback = obj
    return fallback


def _walk_jsonld(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_jsonld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in data:
                yield from _walk_jsonld(data[key], depth + 1)


def _text_of(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _name_of(value: Any, key: str = "name") -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text_of(value.get(key))
    return _text_of(value) if key == "name" else None


def _first_text(tree: HtmlElement, path: str) -> str | None:
    for el in tree.xpath(path):
        text = _clean(el.text_content())
        if text:
            return text
    return None


def _first_attr(tree: HtmlElement, path: str) -> str | None:
    values = tree.xpath(path)
    return str(values[0]) if values else None


def _time_element(tree: HtmlElement) -> str | None:
    for path in ("//time[@pubdate][@datetime]/@datetime",
                 "//article//time[@datetime]/@datetime", "//time[@datetime]/@datetime"):
        values = tree.xpath(path)
        if values:
            return str(values[0])
    return None


def _deck_from_markup(tree: HtmlElement) -> str | None:
    for el in tree.xpath("//body//*[@class]"):
        if el.tag in ("p", "h2", "div", "span", "h3") and _DECK_CLASS.search(el.get("class", "")):
            text = _clean(el.text_content())
            if 20 <= len(text) <= 400:
                return text
    return None


def _strip_site(title: str | None, source: str | None) -> str | None:
    if not title:
        return None
    m = _SITE_SUFFIX.search(title)
    if m and (source is None or source.lower() in m.group(0).lower() or len(title) > 60):
        return title[:m.start()]
    return title


# --- body -----------------------------------------------------------------------

def _body_blocks(tree: HtmlElement, meta: dict[str, Any]) -> list[tuple[str, bool]]:
    """(paragraph text, is heading) pairs of the main content, via trafilatura."""
    from trafilatura import bare_extraction

    doc = bare_extraction(tree, url=meta.get("url"), **EXTRACTION_OPTIONS)
    body = getattr(doc, "body", None) if doc is not None else None
    if body is None:
        return []
    blocks: list[tuple[str, bool]] = []
    _collect(body, blocks)
    return blocks


_CONTAINERS = {"body", "list", "table", "row", "div", "quote", "figure"}
_BLOCKS = {"p", "head", "item", "code", "cell", "quote", "row"}


def _collect(el: etree._Element, blocks: list[tuple[str, bool]]) -> None:
    """Flatten trafilatura's output tree into paragraphs.

    Text can hang loose in a container (its .text) or after a child (the child's
    .tail): trafilatura keeps stray sentences that way, so both become paragraphs.
    """
    if el.text and el.text.strip():
        blocks.append((_clean(el.text), False))
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCKS and not any(
                isinstance(c.tag, str) and c.tag in _BLOCKS | _CONTAINERS for c in child):
            blocks.append((_element_text(child), tag == "head"))
        elif tag in _CONTAINERS or tag in _BLOCKS:
            _collect(child, blocks)
        if child.tail and child.tail.strip():
            blocks.append((_clean(child.tail), False))


def _element_text(el: etree._Element) -> str:
    """The text of a trafilatura output element; line breaks and cells become spaces."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag in ("lb", "cell", "item"):
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return _clean("".join(parts))
