"""PLOVER contexts of an event, read from its sentence's words and its sides' sectors.

The table is ontology/data/event_contexts.tsv (our own word lists under the PLOVER
manual's context names); this module checks it at load and matches it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from ..paths import DATA_DIR

# The contexts PLOVER 2.0 names (its manual, "General contexts").
PLOVER_CONTEXTS = frozenset({
    "military", "intelligence", "executive", "legislative", "election",
    "political_institutions", "pro_democracy", "pro_autocracy", "economic", "legal",
    "human_rights", "rights_freedoms", "repression", "human_security", "lgbt",
    "religion_ethnicity", "inequality", "diplomatic", "territory", "peacekeeping",
    "health", "asylum", "migration", "disasters", "natural_resource", "environment",
    "technology", "terrorism", "cbrn", "cyber", "misinformation", "crime", "corruption",
    "illegal_drugs", "trafficking",
})
# A side of this sector says what the event is about.
SECTOR_CONTEXTS = {"MIL": "military", "JUD": "legal", "LEG": "legislative",
                   "SPY": "intelligence"}
MAX_CONTEXTS = 3


class ContextTableError(ValueError):
    """event_contexts.tsv names a context PLOVER does not have, or a row is malformed."""


@cache
def _table() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """One pattern over every word and phrase of the table, and what each names."""
    names: dict[str, list[str]] = {}
    path = DATA_DIR / "event_contexts.tsv"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, _, words = line.partition("\t")
        if name not in PLOVER_CONTEXTS or not words.strip():
            raise ContextTableError(f"{path.name} line {n}: unknown context or no words: "
                                    f"{line!r}")
        for word in words.split():
            names.setdefault(word.replace("_", " "), []).append(name)
    alternatives = sorted(names, key=len, reverse=True)  # the longest phrase first
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, alternatives)) +
                         r")(?![\w-])")
    return pattern, {w: tuple(c) for w, c in names.items()}


def contexts_of(text: str, sectors: Iterable[str | None] = (),
                base: Iterable[str] = ()) -> list[str]:
    """The contexts of an event: `base` (from its type) first, then its sides' sectors,
    then the words of its sentence `text`, in text order; at most MAX_CONTEXTS."""
    pattern, names = _table()
    out: list[str] = list(base)
    out += [SECTOR_CONTEXTS[s] for s in sectors if s in SECTOR_CONTEXTS]
    for m in pattern.finditer(" ".join(text.lower().split())):
        out += names[m.group(0)]
    return list(dict.fromkeys(out))[:MAX_CONTEXTS]
