"""Word classes: the sets of English words the extractors test tokens against
("light verbs", "natural hazards", "cue verbs"), kept in data/word_classes.tsv.

One row is a class name and space-separated words; a class may run over several
adjacent rows. `#` lines are comments (they say why a class exists). Read once per
process and checked: a malformed row, a class split over distant rows or a class with
no words is an error at load, and so is asking for a class the file lacks.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..paths import DATA_DIR

WORDS_PATH = DATA_DIR / "word_classes.tsv"
_NAME = re.compile(r"[a-z][a-z0-9_]*")


class WordClassError(ValueError):
    """The word class file is malformed, or a class is missing or empty."""


def read_word_classes(path: Path = WORDS_PATH) -> dict[str, frozenset[str]]:
    """{class name: its words}, checked (WordClassError names the file and line)."""
    classes: dict[str, list[str]] = {}
    last = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        name, tab, text = line.partition("\t")
        if not tab or not _NAME.fullmatch(name):
            raise WordClassError(f"{path.name}: line {n}: want <class>\\t<words>")
        if name in classes and name != last:
            raise WordClassError(f"{path.name}: line {n}: rows of class {name!r} are "
                                 "not together")
        classes.setdefault(name, []).extend(text.split())
        last = name
    empty = [name for name, words in classes.items() if not words]
    if empty:
        raise WordClassError(f"{path.name}: class {empty[0]!r} has no words")
    if not classes:
        raise WordClassError(f"{path}: no word classes")
    return {name: frozenset(words) for name, words in classes.items()}


@lru_cache(maxsize=1)
def word_classes() -> dict[str, frozenset[str]]:
    return read_word_classes()


def words(name: str) -> frozenset[str]:
    """The words of one class (WordClassError if the file has no such class)."""
    try:
        return word_classes()[name]
    except KeyError:
        raise WordClassError(f"{WORDS_PATH.name}: no word class {name!r}") from None
