"""Tone of a sentence from a word list (data/tone_words.tsv), the way GDELT scores a
document: 100 * (positive words - negative words) / all words.

An approximation of GDELT's AvgTone, not a copy of it: GDELT scores whole articles with
its own dictionaries, this scores the sentences an event was coded from with a short
list of words whose tone in news does not depend on who speaks. A tone word right after
a negation ("not", "no", "never", "without") counts the other way. Read once per process
and checked: a malformed row or a word listed twice is an error at load.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..paths import DATA_DIR

TONE_PATH = DATA_DIR / "tone_words.tsv"
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_NEGATIONS = frozenset({"not", "no", "never", "without", "nor", "n't", "neither"})
# English endings tried in turn when a word is not listed as it stands, with what may
# have been dropped before them: "hoping" is hope + ing, "stories" story + ies; after
# -ing, -ed and -er a doubled consonant is one ("bombing" no, "shelling" shell).
_ENDINGS = (("ings", "e"), ("ing", "e"), ("ies", "y"), ("ied", "y"), ("es", ""),
            ("ed", "e"), ("ers", "e"), ("er", "e"), ("s", ""), ("d", ""), ("ly", ""))
_DOUBLING = frozenset({"ings", "ing", "ed", "ers", "er"})


class ToneWordsError(ValueError):
    """The tone word file is malformed."""


def read_tone_words(path: Path = TONE_PATH) -> dict[str, int]:
    """{word: +1 or -1}, checked (ToneWordsError names the file and line)."""
    out: dict[str, int] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line == "word\tpolarity":
            continue
        word, tab, polarity = line.partition("\t")
        if not tab or polarity not in ("+1", "-1") or not word.isalpha():
            raise ToneWordsError(f"{path.name}: line {n}: want <word>\\t<+1|-1>")
        if word in out:
            raise ToneWordsError(f"{path.name}: line {n}: {word!r} is listed twice")
        out[word] = int(polarity)
    if not out:
        raise ToneWordsError(f"{path}: no tone words")
    return out


@lru_cache(maxsize=1)
def tone_words() -> dict[str, int]:
    return read_tone_words()


def polarity(word: str) -> int:
    """+1, -1 or 0 for one word (any case, inflected or not)."""
    lexicon = tone_words()
    word = word.lower()
    if word in lexicon:
        return lexicon[word]
    for ending, dropped in _ENDINGS:
        stem = word.removesuffix(ending)
        if stem == word or len(stem) < 3:
            continue
        candidates = [stem + "y"] if dropped == "y" else [stem, stem + dropped]
        if ending in _DOUBLING and stem[-1] == stem[-2]:
            candidates.append(stem[:-1])
        for candidate in candidates:
            if candidate in lexicon:
                return lexicon[candidate]
    return 0


def tone(text: str) -> float:
    """100 * (positive - negative words) / words of `text`; 0.0 for no words."""
    words = _WORD.findall(text.replace("n't", " n't"))
    if not words:
        return 0.0
    score = 0
    for i, word in enumerate(words):
        sign = polarity(word)
        if sign and i and words[i - 1].lower() in _NEGATIONS:
            sign = -sign
        score += sign
    return 100.0 * score / len(words)
