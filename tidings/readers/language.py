"""The language of an article, detected from its text (py3langid, offline).

Every article `read_paths`/`read_bytes` yields passes through `settle_language` once.
A reader sets `Article.language` to what the document declares (HTML lang, feed
language, a JSON Lines field, a dump header) or "en". When the title and text are
long enough for the classifier to be trusted and it is confident, the detected
language wins; when it differs from the one the reader set, a note says so. Short
texts keep the reader's value.
"""
from __future__ import annotations

import re
from typing import Any

from ..models import Article, DocumentError

__all__ = ["detect_language", "settle_language"]

# Characters of title + text classified: enough for a confident answer, cheap on a book.
SAMPLE_CHARS = 2000
# Fewer letters than this and the classifier is not trusted (a headline, a caption).
MIN_LETTERS = 80
# Normalised probability below which the classifier's answer is not trusted.
MIN_CONFIDENCE = 0.8

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_IDENTIFIER: Any = None


# The commonest English words: in English news about a quarter of all words, in other
# languages a few percent at most. A sample where they are ENGLISH_SHARE of the words is
# English without asking the classifier, whose model takes ~0.5 s to load: a corpus in
# English never loads it.
_ENGLISH = frozenset({
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "said", "with",
    "by", "it", "as", "at", "from", "he", "his", "has", "have", "be", "were", "are", "its",
    "an", "will", "their", "who", "which", "after", "they", "had", "been", "not", "but"})
ENGLISH_SHARE = 0.2
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) for `text`, or None when it is too short to trust."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    words = _WORD.findall(sample.lower())
    if words and sum(w in _ENGLISH for w in words) >= ENGLISH_SHARE * len(words):
        return "en", 1.0
    code, probability = _identifier().classify(sample)
    return str(code), float(probability)


def settle_language(article: Article) -> DocumentError | None:
    """Set `article.language` from its text when the classifier is confident; returns a
    note when that replaces a different language the reader had set, else None."""
    found = detect_language(f"{article.title}\n\n{article.text}" if article.title
                            else article.text)
    if found is None:
        return None
    code, probability = found
    if probability < MIN_CONFIDENCE or code == article.language:
        return None
    given, article.language = article.language, code
    return DocumentError("read", f"language detected as '{code}' (p={probability:.2f}), "
                                 f"not '{given}' as given; using '{code}'", article.origin)


def _identifier() -> Any:
    """The py3langid model, loaded on first use and kept for the process (~0.5 s)."""
    global _IDENTIFIER
    if _IDENTIFIER is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _IDENTIFIER
