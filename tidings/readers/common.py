"""Small helpers every reader shares: stable ids, paragraph assembly, error results."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from ..models import DocumentError, Paragraph, ReadResult

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def content_id(text: str) -> str:
    """A stable id for an article that names none: the first 16 hex digits of sha1(text)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def assemble(blocks: Iterable[tuple[str, bool]]) -> tuple[str, list[Paragraph]]:
    """Join (paragraph text, is heading) pairs into the article text and its paragraphs.

    Each paragraph is stripped of surrounding whitespace, empty ones are dropped, and
    they are joined by a blank line, so `text[p.start:p.end]` is exactly each paragraph.
    """
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    pos = 0
    for block, heading in blocks:
        block = block.strip()
        if not block:
            continue
        if parts:
            pos += 2
        paragraphs.append(Paragraph(pos, pos + len(block), heading))
        parts.append(block)
        pos += len(block)
    return "\n\n".join(parts), paragraphs


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of `text` as it stands: blank-line-separated blocks, offsets unchanged."""
    paragraphs: list[Paragraph] = []
    pos = 0
    for chunk in _BLANK_LINE.split(text):
        start = text.index(chunk, pos)
        stripped = chunk.strip()
        if stripped:
            begin = start + chunk.index(stripped)
            paragraphs.append(Paragraph(begin, begin + len(stripped)))
        pos = start + len(chunk)
    return paragraphs


def read_error(origin: str, message: str) -> ReadResult:
    """A result for a document that could not be read: no article, one error naming why."""
    return ReadResult(article=None, errors=[DocumentError("read", message, origin)])
