"""Scraped text dumps -> Article.

A dump is what a scraper saves of a news page as plain text: a few `Key: value` header
lines (id, publication time, source), the headline (often twice), deck lines under it, a
desk label, the body with short crossheads between blank lines, and page junk at the end
(captcha, "Page Generated in", share and copyright lines). The rules are about the shape
of lines, not one site's template:

- header: leading or pre-body lines `Known key: value` ("News ID", "Published", "Date", ...);
- title: the first remaining line, unless it is already a long sentence; an identical
  next line is the page repeating it;
- desk: a short line naming a section ("International Desk", "Politics");
- deck: short non-sentence lines between title and body;
- body: from the first sentence-like line (or the line after the desk label);
- heading: a short body line standing alone between blank lines, without final
  punctuation, not opening with a quotation mark, followed by more body;
- junk: known boilerplate at the end (and a few unmistakable patterns anywhere).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ..models import Article, DocumentError
from .common import assemble, content_id
from .timestamps import normalize_published

_HEADER_KEYS = {
    "id": {"news id", "id", "article id", "story id", "news code", "doc id", "document id"},
    "published": {"published", "published on", "published at", "publish date",
                  "publication date", "date", "posted", "posted on", "dated", "time"},
    "updated": {"updated", "last updated", "modified", "last modified"},
    "source": {"source", "agency", "publisher", "outlet", "news agency"},
    "url": {"url", "link", "source url", "permalink", "original url"},
    "section": {"section", "desk", "category", "service"},
    "title": {"title", "headline"},
    "author": {"author", "by", "byline", "reporter", "written by"},
    "language": {"language", "lang"},
}
_KEY_OF = {name: key for key, names in _HEADER_KEYS.items() for name in names}
_HEADER_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z .]{0,24}?)\s*:\s*(.*?)\s*$")

_QUOTE_OPEN = "\"'“‘«„"
_CLOSERS = "\"'”’»)]"
_TERMINAL = re.compile(r"[.!?…][" + re.escape(_CLOSERS) + r"]*$")
_FULL_STOP = re.compile(r"\.[" + re.escape(_CLOSERS) + r"]*$")
# A deck, headline or crosshead is short; beyond this it is a paragraph whatever its ending.
_MAX_DECK_WORDS = 30
_MAX_HEADING_WORDS = 12
_MAX_HEADING_CHARS = 100

_SECTION_NAMES = {
    "world", "international", "national", "politics", "economy", "business", "sports",
    "sport", "culture", "opinion", "society", "science", "technology", "health",
    "middle east", "europe", "asia", "africa", "americas", "defense", "military",
    "region", "local", "nation", "world news", "us news", "uk news", "analysis",
    "interview", "editorial", "features", "iran", "iraq", "environment",
}
_DESK_SUFFIX = re.compile(r"^[A-Z][\w&'’ -]{0,40}\s(?:Desk|Section|Service)$")
_BYLINE = re.compile(r"^(?:By|Written by|Reporting by)\s+"
                     r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}$")

# Page furniture that ends scraped pages. Checked against whole lines, case-insensitively.
_TRAILING_JUNK = re.compile(r"""^(?:
    security\ key\b | captcha\b | page\ generated\ in\b | (?:enter\ )?(?:the\ )?code\ shown\b
  | share(?:\ this(?:\ (?:article|story|page))?|\ on\b.*)?\s*:?$ | tweet$ | print(?:\ this)?$
  | e-?mail(?:\ this)?$ | send\ to\ (?:a\ )?friend | (?:\d+\s+)?comments?\s*:?$
  | your\ comment | leave\ a\ (?:comment|reply) | add\ (?:a\ )?comment | post\ a\ comment
  | related\ (?:news|articles?|stories|posts|content|topics)\b | more\ (?:news|stories)\b
  | most\ (?:read|viewed|popular|shared)\b | tags?\s*: | keywords?\s*:
  | follow\ us\b | subscribe\b | sign\ up\b | newsletter\b | advertisement$
  | read\ more\b | also\ read\b | click\ here\b | (?:back\ to\ )?top(?:\ of\ page)?$
  | home$ | log\ ?in$ | register$ | sign\ in$ | source\s*: | photo\s*: | image\s*:
  | copyright\b | ©
  )""", re.IGNORECASE | re.VERBOSE)
_ANYWHERE_JUNK = re.compile(
    r"^(?:advertisement|read more\s*:.*|also read\s*:.*|related\s*:.*|share this.*)$",
    re.IGNORECASE)
_JUNK_WORDS = re.compile(r"all rights reserved|cookies?\b.*\b(?:use|accept|policy|consent)"
                         r"|\b(?:use|accept)\b.*\bcookies?\b", re.IGNORECASE)
_SOCIAL = re.compile(r"^(?:(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|email|"
                     r"instagram|pinterest|print)\s*[|·•,/-]?\s*)+$", re.IGNORECASE)


@dataclass
class _Line:
    text: str
    alone: bool  # the only line of its blank-line-separated block


def read_text_dump(text: str, origin: str, published: str | None = None) -> Article:
    """The article in a scraped text dump.

    `published` (already ISO 8601 UTC) is used only when the dump states no time. The id
    is the dump's own (`News ID:` ...) or a content hash of the body. Raises ValueError
    when the dump holds no body text at all.
    """
    article, _ = read_text_dump_with_notes(text, origin, published)
    return article


def read_text_dump_with_notes(text: str, origin: str, published: str | None = None
                              ) -> tuple[Article, list[DocumentError]]:
    """Like `read_text_dump`, plus non-fatal notes (e.g. a publication time not understood)."""
    notes: list[DocumentError] = []
    lines = _lines(text)
    header: dict[str, str] = {}
    title: str | None = None
    section: str | None = None
    deck: list[str] = []
    body_start = len(lines)
    after_desk = False
    for i, line in enumerate(lines):
        s = line.text
        field = _header_field(s)
        if field is not None:
            header.setdefault(*field)
            continue
        if _is_junk(s) or _BYLINE.match(s):
            continue
        if title is None and "title" not in header:
            if _is_desk(s, strict=True):
                section = section or s
                continue
            # Headlines are short and do not end in a full stop; this is already body.
            if _words(s) > _MAX_DECK_WORDS or (_words(s) > 12 and _FULL_STOP.search(s)):
                body_start = i
                break
            title = s
            continue
        if title is not None and _same(s, title) and not deck:
            continue
        if after_desk or (_is_sentence(s) and not _desk_ahead(lines, i + 1)):
            body_start = i
            break
        if _is_desk(s):
            section = s
            after_desk = True
            continue
        deck.append(s)
    body = _clean_body(lines[body_start:])
    if not body:
        raise ValueError("no body text found")
    text_out, paragraphs = assemble((ln.text, heading) for ln, heading in body)

    title = header.get("title") or title or ""
    when = None
    stated = header.get("published") or header.get("updated")
    if stated:
        when = normalize_published(stated)
        if when is None:
            notes.append(DocumentError("read", f"publication time not understood: {stated!r}",
                                       origin))
    article = Article(
        id=header.get("id") or content_id(text_out),
        origin=origin,
        text=text_out,
        title=title,
        subtitles=deck,
        section=section or header.get("section"),
        published=when or published,
        url=header.get("url"),
        source=header.get("source"),
        language=_language(header.get("language")),
        paragraphs=paragraphs,
    )
    return article, notes


def _lines(text: str) -> list[_Line]:
    """Non-blank lines; a hard-wrapped block (lines of one width) becomes one line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").lstrip("\ufeff")
    out: list[_Line] = []
    for block in re.split(r"\n\s*\n", text):
        rows = [row.strip() for row in block.split("\n") if row.strip()]
        if not rows:
            continue
        if _hard_wrapped(rows):
            out.append(_Line(" ".join(rows), True))
        else:
            out.extend(_Line(row, len(rows) == 1) for row in rows)
    return out


def _hard_wrapped(rows: list[str]) -> bool:
    """Lines cut at a fixed width: all but the last are long and about equally long."""
    if len(rows) < 2:
        return False
    widths = [len(r) for r in rows[:-1]]
    widest = max(widths)
    # Wrap widths are 60-100 columns; a repeated headline is two equal lines, not a wrap.
    return (60 <= widest <= 100 and min(widths) >= 0.75 * widest
            and not all(_TERMINAL.search(r) for r in rows[:-1])
            and not any(_same(a, b) for a, b in pairwise(rows)))


def _header_field(line: str) -> tuple[str, str] | None:
    m = _HEADER_LINE.match(line)
    if not m or not m[2]:
        return None
    key = _KEY_OF.get(" ".join(m[1].lower().split()))
    # "Time: ..." could open a headline; a real time stamp always has a digit in it.
    if key in ("published", "updated") and not re.search(r"\d", m[2]):
        return None
    return (key, m[2]) if key else None


def _desk_ahead(lines: list[_Line], start: int, window: int = 3) -> bool:
    """A desk label follows within a few short lines: what precedes it is still deck,
    even when a deck line is a full sentence."""
    for line in lines[start:start + window]:
        if _is_desk(line.text):
            return True
        if _words(line.text) > _MAX_DECK_WORDS:
            return False
    return False


def _words(s: str) -> int:
    return len(s.split())


def _is_sentence(s: str) -> bool:
    return bool(_TERMINAL.search(s)) or _words(s) > _MAX_DECK_WORDS


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _is_desk(s: str, strict: bool = False) -> bool:
    """A section label. `strict` (before the headline) accepts only unmistakable ones."""
    if _TERMINAL.search(s) or _words(s) > 5:
        return False
    if _DESK_SUFFIX.match(s) or s.casefold() in _SECTION_NAMES:
        return True
    return not strict and bool(re.fullmatch(r"[A-Z][\w&'’ -]{0,30}\sNews", s))


def _is_junk(s: str) -> bool:
    return bool(_ANYWHERE_JUNK.match(s) or _SOCIAL.match(s) or _nav_bar(s))


def _nav_bar(s: str) -> bool:
    """A site menu flattened into one line: "Home | World | Politics | Sports"."""
    parts = [p.strip() for p in re.split(r"\s[|»>›•]\s", s)]
    return len(parts) >= 3 and all(0 < _words(p) <= 3 for p in parts)


def _is_trailing_junk(s: str) -> bool:
    return bool(_TRAILING_JUNK.match(s) or _JUNK_WORDS.search(s) or _is_junk(s))


def _clean_body(lines: list[_Line]) -> list[tuple[_Line, bool]]:
    """Body lines with page junk removed, each paired with whether it is a crosshead."""
    kept = [ln for ln in lines if not _is_junk(ln.text)]
    # Trailing furniture: strip from the end while lines are boilerplate or stray labels;
    # a crosshead with nothing under it is a stray label too.
    while kept and (_is_trailing_junk(kept[-1].text) or (
            _label_like(kept[-1].text) and not kept[-1].text.startswith(tuple(_QUOTE_OPEN)))):
        kept.pop()
    out = []
    for i, ln in enumerate(kept):
        heading = (ln.alone and 0 < i < len(kept) - 1 and _label_like(ln.text)
                   and not ln.text.startswith(tuple(_QUOTE_OPEN)))
        out.append((ln, heading))
    # Two "headings" in a row are a list of labels, not a crosshead over a section.
    for i in range(len(out) - 1):
        if out[i][1] and out[i + 1][1]:
            out[i] = (out[i][0], False)
    return out


def _label_like(s: str) -> bool:
    """Short, capitalised, no final punctuation: the shape of a crosshead or a page label."""
    return (_words(s) <= _MAX_HEADING_WORDS and len(s) <= _MAX_HEADING_CHARS
            and not _TERMINAL.search(s) and not s.endswith((",", ";", ":", "-", "–", "—"))
            and (s[0].isupper() or s[0].isdigit() or s[0] in _QUOTE_OPEN))


def _language(value: str | None) -> str:
    if value and re.fullmatch(r"[A-Za-z]{2}", value.strip()):
        return value.strip().lower()
    return "en"
