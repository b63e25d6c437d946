"""The dateline that opens a story ("KABUL, March 3 (AFP) - "): where and when it was
filed, never a side of what it tells."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from .doc import doc_text

# "KABUL, March 3 (AFP) - ", "LAGOS, Nigeria (Reuters) -- ", "DAR ES SALAAM — "
# "KABUL (Pajhwok): ", "WASHINGTON (AP) " " (a dash lost to a bad encoding)
DATELINE = re.compile(r"(?:[A-Z][A-Za-z.'-]*\s?){1,4}(?:,[^()\n\-–—]{1,40})?"
                      r"(?:(?:\s*\([^)\n]{1,40}\))?\s*(?:--|[-–—:])|\s*\([^)\n]{1,40}\)\s*\")\s")


def body_paragraphs(doc: Doc) -> list:
    """The article's paragraphs that are not headings, in text order."""
    art = doc._.article
    return sorted((p for p in (art.paragraphs if art else []) if not p.heading),
                  key=lambda p: p.start)


def dateline_span(doc: Doc) -> tuple[int, int] | None:
    """The character span of the dateline that opens the article's first body paragraph
    (a place in capitals, maybe a date and an agency, then a dash or a colon), if there
    is one."""
    key = "tidings_dateline"
    if key not in doc.user_data:
        paras = body_paragraphs(doc)
        first = paras[0] if paras else None
        text = doc_text(doc)
        m = DATELINE.match(text, first.start, first.end) if first is not None and \
            text[first.start:first.start + 3].isupper() else None
        doc.user_data[key] = (first.start, m.end()) if m else None
    return doc.user_data[key]
