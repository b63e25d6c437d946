"""PLOVER -> ACLED event types (data/plover_acled.tsv), for the ACLED-style export.

Rows are tried in file order and the first whose PLOVER type, CAMEO prefix and target
class match gives the ACLED event type and sub-event type; "-" marks a PLOVER type
ACLED does not record. Read once per process and checked: a row with the wrong number
of fields, an unknown PLOVER type or target class, or a PLOVER type with no row that
matches every event is an error at load.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..paths import DATA_DIR
from .cameo import PLOVER_TYPES

ACLED_PATH = DATA_DIR / "plover_acled.tsv"
COLUMNS = ("plover", "cameo", "target", "event_type", "sub_event_type", "why")
# CAMEO sectors of the people a target side names, as ACLED's armed/unarmed distinction.
ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "SPY", "UAF"})
UNARMED_SECTORS = frozenset({"CVL", "MED", "EDU", "REL", "LAB", "BUS", "NGO", "OPP", "PTY",
                             "REF", "AGR"})
TARGETS = ("any", "armed", "unarmed")


class AcledTableError(ValueError):
    """The PLOVER -> ACLED table is malformed."""


@dataclass(frozen=True)
class AcledRule:
    plover: str
    cameo: str
    target: str
    event_type: str | None  # None: not an ACLED event
    sub_event_type: str | None
    why: str

    def matches(self, plover: str, cameo: str, target: str | None) -> bool:
        return (self.plover == plover
                and (self.cameo == "*" or cameo.startswith(self.cameo))
                and (self.target == "any" or self.target == target))


def read_acled_table(path: Path = ACLED_PATH) -> list[AcledRule]:
    """The rules in file order, checked (AcledTableError names the file and line)."""
    rules: list[AcledRule] = []
    lines = [(n, line) for n, line in enumerate(
        path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.strip() and not line.startswith("#")]
    if not lines or lines[0][1].split("\t") != list(COLUMNS):
        raise AcledTableError(f"{path.name}: the first row must be {'/'.join(COLUMNS)}")
    for n, row in ((n, next(csv.reader([line], delimiter="\t"))) for n, line in lines[1:]):
        if len(row) != len(COLUMNS):
            raise AcledTableError(f"{path.name}: line {n}: want {len(COLUMNS)} fields")
        plover, cameo, target, event_type, sub_type, why = row
        if plover not in PLOVER_TYPES:
            raise AcledTableError(f"{path.name}: line {n}: unknown PLOVER type {plover!r}")
        if target not in TARGETS:
            raise AcledTableError(f"{path.name}: line {n}: target must be one of "
                                  f"{', '.join(TARGETS)}")
        if (event_type == "-") != (sub_type == "-"):
            raise AcledTableError(f"{path.name}: line {n}: '-' in both types or neither")
        rules.append(AcledRule(plover, cameo, target, None if event_type == "-" else event_type,
                               None if sub_type == "-" else sub_type, why))
    for plover in PLOVER_TYPES:
        if not any(r.plover == plover and r.cameo == "*" and r.target == "any" for r in rules):
            raise AcledTableError(f"{path.name}: no catch-all row (* any) for {plover}")
    return rules


@lru_cache(maxsize=1)
def acled_rules() -> tuple[AcledRule, ...]:
    return tuple(read_acled_table())


def target_class(sectors: list[str | None]) -> str | None:
    """"armed", "unarmed" or None (not said) for the sectors a target side names."""
    known = {s for s in sectors if s}
    if known & ARMED_SECTORS:
        return "armed"
    if known & UNARMED_SECTORS:
        return "unarmed"
    return None


def acled_type(plover: str, cameo: str | None,
               target: str | None) -> tuple[AcledRule | None, str | None, str | None]:
    """(the rule that matched, ACLED event type, sub-event type); the types are None
    for an event ACLED does not record."""
    for rule in acled_rules():
        if rule.matches(plover, cameo or "", target):
            return rule, rule.event_type, rule.sub_event_type
    return None, None, None
