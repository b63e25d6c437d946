"""CAMEO event codes: Goldstein scores, quad classes and their PLOVER types.

Goldstein scores follow the published CAMEO scale (-10 conflict .. +10 cooperation);
a code not listed falls back to its two-digit root. Quad classes: 1 verbal
cooperation (01-05), 2 material cooperation (06-08), 3 verbal conflict (09-13),
4 material conflict (14-20).
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from ..paths import DATA_DIR
from .words import WordClassError, words

GOLDSTEIN: dict[str, float] = {
    "01": 0.0, "010": 0.0, "012": -0.4, "013": 0.4, "014": 0.0, "015": 0.0, "016": 3.4,
    "018": 3.4,
    "02": 3.0, "020": 3.0, "021": 3.4, "022": 3.2, "023": 3.4, "024": -0.3, "025": -0.3, "026": 4.0,
    "027": 4.0, "028": 4.0,
    "03": 4.0, "030": 4.0, "031": 5.2, "032": 4.5, "033": 5.2, "034": 7.0, "035": 7.0,
    "036": 4.0, "037": 5.0, "038": 7.0, "039": 5.0,
    "04": 1.0, "040": 1.0, "041": 1.0, "042": 1.9, "043": 2.8, "044": 2.5, "045": 5.0,
    "046": 7.0,
    "05": 3.5, "050": 3.5, "051": 3.4, "052": 3.5, "053": 3.8, "054": 6.0, "055": 7.0,
    "056": 7.0, "057": 8.0,
    "06": 6.0, "060": 6.0, "061": 6.4, "062": 7.4, "063": 7.4, "064": 7.0,
    "07": 7.0, "070": 7.0, "071": 7.4, "072": 8.3, "073": 7.4, "074": 8.5, "075": 7.0,
    "08": 5.0, "080": 5.0, "081": 5.0, "082": 5.0, "083": 5.0, "084": 7.0, "085": 7.0,
    "086": 9.0, "087": 9.0,
    "09": -2.0, "090": -2.0, "091": -2.0, "092": -2.0, "093": -2.0, "094": -2.0,
    "10": -5.0, "100": -5.0, "101": -5.0, "102": -5.0, "103": -5.0, "104": -5.0,
    "105": -5.0, "106": -5.0, "107": -5.0, "108": -5.0,
    "11": -2.0, "110": -2.0, "111": -2.0, "112": -2.0, "113": -2.0, "114": -2.0,
    "115": -2.0, "116": -2.0,
    "12": -4.0, "120": -4.0, "121": -4.0, "122": -4.0, "123": -4.0, "124": -5.0,
    "125": -5.0, "126": -5.0, "127": -5.0, "128": -5.0, "129": -5.0,
    "13": -4.4, "130": -4.4, "131": -5.8, "132": -5.8, "133": -5.8, "134": -5.8,
    "135": -5.8, "136": -7.0, "137": -7.0, "138": -7.0, "139": -7.0,
    "14": -6.5, "140": -6.5, "141": -6.5, "142": -6.5, "143": -6.5, "144": -7.5,
    "145": -7.5,
    "15": -7.2, "150": -7.2, "151": -7.2, "152": -7.2, "153": -7.2, "154": -7.2,
    "16": -4.0, "160": -4.0, "161": -4.0, "162": -5.6, "163": -8.0, "164": -7.0,
    "165": -7.0, "166": -7.0,
    "17": -7.0, "170": -7.0, "171": -9.2, "172": -5.0, "173": -5.0, "174": -5.0,
    "175": -9.0,
    "18": -9.0, "180": -9.0, "181": -9.0, "182": -9.5, "183": -10.0, "184": -8.0,
    "185": -8.0, "186": -10.0,
    "19": -10.0, "190": -10.0, "191": -9.5, "192": -9.5, "193": -10.0, "194": -10.0,
    "195": -10.0, "196": -9.5,
    "20": -10.0, "200": -10.0, "201": -9.5, "202": -10.0, "203": -10.0, "204": -10.0,
}

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# The CAMEO code used when a trigger names only the PLOVER type.
DEFAULT_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "CONCEDE": "080",
    "COOPERATE": "060", "AID": "070", "RETREAT": "084", "REQUEST": "100",
    "ACCUSE": "111", "REJECT": "120", "THREATEN": "130", "PROTEST": "140",
    "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170", "ASSAULT": "190",
}

# Labels of older PLOVER drafts (0.5) and their 2.0 types.
PLOVER_ALIASES = {
    "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT", "YIELD": "CONCEDE", "CRIME": "ASSAULT",
}


def goldstein(code: str) -> float:
    """The Goldstein score of a CAMEO code (falls back to its root)."""
    for key in (code, code[:3], code[:2]):
        if key in GOLDSTEIN:
            return GOLDSTEIN[key]
    raise KeyError(f"unknown CAMEO code {code!r}")


def quad_class(code: str) -> int:
    """CAMEO quad class 1..4 from the code's two-digit root."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def normalise_type(label: str) -> str:
    """A PLOVER 2.0 type for a label from any PLOVER draft."""
    label = label.strip().upper()
    return PLOVER_ALIASES.get(label, label)


CONTENT_PATH = DATA_DIR / "cameo_content.tsv"
CONTENT_FAMILIES = ("request", "threaten", "reject", "intent")
# The roots a request keeps: an appeal (02) or a demand (10).
REQUEST_ROOTS = ("02", "10")


class ContentTableError(ValueError):
    """The content code table is malformed: the message names the file and row."""


def read_content_codes(path: Path = CONTENT_PATH) -> dict[str, list[tuple[str, str]]]:
    """{family: [(content, code), ...]}, checked: known families, PLOVER types, word
    classes and CAMEO codes (a request's code is checked under both its roots)."""
    table: dict[str, list[tuple[str, str]]] = {f: [] for f in CONTENT_FAMILIES}
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")),
                              delimiter="\t")
        for n, row in enumerate(rows, start=2):
            where = f"{path.name}: row {n}"
            family, content, code = (row.get(k, "") or "" for k in ("family", "content",
                                                                      "code"))
            if family not in CONTENT_FAMILIES:
                raise ContentTableError(f"{where}: unknown family {family!r}")
            if content.startswith("@"):
                try:
                    words(content[1:])
                except WordClassError as exc:
                    raise ContentTableError(f"{where}: {exc}") from None
            else:
                etype, _, prefix = content.partition(":")
                if etype not in PLOVER_TYPES or not prefix.isdigit():
                    raise ContentTableError(f"{where}: want TYPE:code, not {content!r}")
            full = [r + code for r in REQUEST_ROOTS] if family == "request" else [code]
            for c in full:
                if not c.isdigit() or c[:3] not in GOLDSTEIN:
                    raise ContentTableError(f"{where}: unknown CAMEO code {c!r}")
            table[family].append((content, code))
    return table


@lru_cache(maxsize=1)
def content_codes() -> dict[str, list[tuple[str, str]]]:
    return read_content_codes()
