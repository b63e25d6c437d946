"""The event trigger lexicon: data files mapping words to PLOVER types and CAMEO codes.

Loaded once per process. A user's own rows can be added with `TIDINGS_EVENT_LEXICON`
(a TSV in the same columns as `data/event_triggers.tsv`); their rows are tried first.
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..paths import DATA_DIR
from .cameo import PLOVER_TYPES, goldstein
from .words import words


@dataclass(frozen=True)
class TriggerEntry:
    lemma: str
    pos: str                      # "V" or "N"
    type: str
    mode: str | None
    cameo: str
    weight: float
    preps: frozenset[str] = field(default_factory=frozenset)
    particles: frozenset[str] = field(default_factory=frozenset)
    objects: frozenset[str] = field(default_factory=frozenset)
    not_objects: frozenset[str] = field(default_factory=frozenset)
    prep_objects: frozenset[str] = field(default_factory=frozenset)
    subjects: frozenset[str] = field(default_factory=frozenset)
    complements: frozenset[str] = field(default_factory=frozenset)
    not_complements: frozenset[str] = field(default_factory=frozenset)
    judged: frozenset[str] = field(default_factory=frozenset)


def _parse_needs(text: str) -> dict[str, frozenset[str]]:
    """`obj=aid|@aid_goods`: words, and `@name` for every word of a word class
    (data/word_classes.tsv), so one class covers the objects of a whole verb class."""
    needs: dict[str, frozenset[str]] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        key, _, values = part.partition("=")
        found: set[str] = set()
        for v in filter(None, (v.strip().lower() for v in values.split("|"))):
            found |= words(v[1:]) if v.startswith("@") else {v}
        needs[key.strip()] = frozenset(found)
    return needs


def _read(path: Path) -> list[TriggerEntry]:
    entries = []
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")),
                              delimiter="\t")
        for n, row in enumerate(rows, start=2):
            etype = (row.get("type") or "").strip().upper()
            cameo = (row.get("cameo") or "").strip()
            if etype not in PLOVER_TYPES:
                raise ValueError(f"{path}: row {n}: unknown PLOVER type {etype!r}")
            goldstein(cameo)  # raises on an unknown code
            needs = _parse_needs(row.get("needs") or "")
            entries.append(TriggerEntry(
                lemma=row["lemma"].strip().lower(), pos=row["pos"].strip().upper(),
                type=etype, mode=(row.get("mode") or "").strip() or None, cameo=cameo,
                weight=float(row.get("weight") or 0.5),
                preps=needs.get("prep", frozenset()), particles=needs.get("prt", frozenset()),
                objects=needs.get("obj", frozenset()),
                not_objects=needs.get("noobj", frozenset()),
                prep_objects=needs.get("pobj", frozenset()),
                subjects=needs.get("subj", frozenset()),
                complements=needs.get("comp", frozenset()),
                not_complements=needs.get("nocomp", frozenset()),
                judged=needs.get("judged", frozenset())))
    return entries


@lru_cache(maxsize=1)
def trigger_lexicon() -> dict[tuple[str, str], list[TriggerEntry]]:
    """(lemma, pos) -> entries in the order they should be tried."""
    files = []
    user = os.environ.get("TIDINGS_EVENT_LEXICON")
    if user:
        files.append(Path(user))
    files += [DATA_DIR / "event_triggers.tsv", DATA_DIR / "event_nouns.tsv"]
    table: dict[tuple[str, str], list[TriggerEntry]] = {}
    for path in files:
        for entry in _read(path):
            table.setdefault((entry.lemma, entry.pos), []).append(entry)
    return table


def lexicon_size() -> int:
    return sum(len(v) for v in trigger_lexicon().values())
