"""The event retype table: data/event_retypes.tsv, read and checked once per process.

Each row says that an event of one PLOVER type becomes another when a named condition
holds ("Protesters stormed the parliament": ASSAULT -> PROTEST riot 145). The conditions
are code (tidings/extract/events/retypes.py); what they retype to is data, checked here:
known PLOVER types and CAMEO codes, a weight, known follow-on changes, an example for
every rule, and the rows of one rule kept together.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..paths import DATA_DIR
from .cameo import PLOVER_TYPES, goldstein

RETYPES_PATH = DATA_DIR / "event_retypes.tsv"
STAGES = ("trigger", "clause")
MODALITIES = ("asserted", "reported", "future", "hypothetical", "historical")
KEEP = "="


class RetypeTableError(ValueError):
    """The retype table is malformed: the message names the file and row."""


@dataclass(frozen=True)
class Retype:
    rule: str
    stage: str
    from_type: str            # a PLOVER type, or "*" for any
    when: str                 # the name of a condition in extract/events/retypes.py
    type: str
    mode: str | None          # KEEP ("=") keeps the trigger's mode
    cameo: str
    weight: str               # "=", "*<factor>" or "<value>"
    modality: str | None      # set the modality to this, if given
    clear_negation: bool      # "will not accept" -> REJECT, no longer negated
    example: str

    def new_weight(self, weight: float) -> float:
        if self.weight == KEEP:
            return weight
        if self.weight.startswith("*"):
            return weight * float(self.weight[1:])
        return float(self.weight)


def _then(text: str, where: str) -> tuple[str | None, bool]:
    modality, clear = None, False
    for part in filter(None, (p.strip() for p in text.split(";"))):
        key, _, value = part.partition("=")
        if key == "modality" and value in MODALITIES:
            modality = value
        elif key == "negated" and value == "false":
            clear = True
        else:
            raise RetypeTableError(f"{where}: unknown change {part!r}")
    return modality, clear


def _row(row: dict[str, str], where: str) -> Retype:
    get = {k: (v or "").strip() for k, v in row.items() if k is not None}
    for col in ("rule", "stage", "from", "when", "type", "mode", "cameo", "weight"):
        if not get.get(col):
            raise RetypeTableError(f"{where}: empty {col!r}")
    if get["stage"] not in STAGES:
        raise RetypeTableError(f"{where}: unknown stage {get['stage']!r}")
    for col in ("from", "type"):
        if get[col] not in PLOVER_TYPES and not (col == "from" and get[col] == "*"):
            raise RetypeTableError(f"{where}: unknown PLOVER type {get[col]!r}")
    try:
        goldstein(get["cameo"])
        if get["weight"] != KEEP:
            float(get["weight"].removeprefix("*"))
    except (KeyError, ValueError) as exc:
        raise RetypeTableError(f"{where}: {exc}") from None
    modality, clear = _then(get.get("then", ""), where)
    mode = None if get["mode"] == "-" else get["mode"]
    return Retype(get["rule"], get["stage"], get["from"], get["when"], get["type"], mode,
                  get["cameo"], get["weight"], modality, clear, get.get("example", ""))


def read_retypes(path: Path = RETYPES_PATH) -> tuple[Retype, ...]:
    """The rows of a retype table, in order, checked (RetypeTableError on a bad one)."""
    rows: list[Retype] = []
    with path.open(encoding="utf-8") as fh:
        reader = csv.DictReader((line for line in fh if not line.startswith("#")),
                                delimiter="\t")
        for n, raw in enumerate(reader, start=2):
            rows.append(_row(raw, f"{path.name}: row {n}"))
    if not rows:
        raise RetypeTableError(f"{path}: no rows")
    seen: set[str] = set()
    for prev, row in zip([None, *rows], rows, strict=False):
        if prev is not None and prev.rule == row.rule:
            continue
        if row.rule in seen:
            raise RetypeTableError(f"{path.name}: rows of rule {row.rule!r} are not together")
        if not row.example:
            raise RetypeTableError(f"{path.name}: rule {row.rule!r} has no example")
        seen.add(row.rule)
    return tuple(rows)


@lru_cache(maxsize=1)
def retype_table() -> tuple[Retype, ...]:
    return read_retypes()
