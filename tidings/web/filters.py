"""The web API's event filters: parsed and checked once, turned into one SQL WHERE clause.

Every value reaches DuckDB as a bound parameter, never inside the SQL text; the few
words that do shape SQL (interval, grouping) come from fixed tables here. A bad value
raises `BadParameter` naming the parameter, which the app answers with 422.
"""
from __future__ import annotations

import base64
import binascii
import calendar
import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass, fields
from typing import Any

from ..ontology import countries
from ..ontology.cameo import PLOVER_ALIASES, PLOVER_TYPES

# The event's day, else the day its first article was published (as `tidings query`):
# the column `at_day` of the web's copy of the events (index.py), computed there once.
WHEN = "at_day"
MODALITIES = ("asserted", "reported", "future", "hypothetical", "historical")
_CODE = re.compile(r"[A-Za-z0-9 .'_-]{1,80}")


class BadParameter(ValueError):
    """A query parameter the API cannot use: answered with 422 naming it."""

    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


@dataclass
class EventQuery:
    """Which merged events a request selects; every field optional, all given must hold.

    type: PLOVER types ("ASSAULT,COERCE"); country: of the source, target or location;
    actor: substring of either side's code or name; source / target: the same for one
    side; dyad: "SOURCE,TARGET" (each a code prefix or an exact name; `directed`
    False also matches TARGET -> SOURCE); quad_class: "3,4"; min_confidence: 0..1;
    modality (comma-separated); negated; since / until: inclusive "YYYY", "YYYY-MM" or
    "YYYY-MM-DD" (until 2023 is the end of 2023); text: substring of a mention's sentence
    or article title; bbox: "min_lon,min_lat,max_lon,max_lat" on the location; place: a
    country (code or name) or a substring of the place name. Countries may be ISO3,
    ISO2 or names; types may be PLOVER aliases; quad classes numbers or names.
    """
    type: str | None = None
    country: str | None = None
    actor: str | None = None
    source: str | None = None
    target: str | None = None
    dyad: str | None = None
    directed: bool = True
    quad_class: str | None = None
    min_confidence: float | None = None
    modality: str | None = None
    negated: bool | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    bbox: str | None = None
    place: str | None = None

    def as_params(self) -> dict[str, str]:
        """The filters that are set, as URL query parameters (for links and downloads)."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or (f.name == "directed" and value):
                continue
            out[f.name] = str(value).lower() if isinstance(value, bool) else str(value)
        return out


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _period(name: str, value: str) -> tuple[dt.date, dt.date]:
    """The first and last day of "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""
    try:
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = int(value[:4]), int(value[5:])
            first = dt.date(year, month, 1)
            return first, dt.date(year, month, calendar.monthrange(year, month)[1])
        day = dt.date.fromisoformat(value)
        return day, day
    except ValueError:
        raise BadParameter(name, f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
                           ) from None


def _types(value: str) -> list[str]:
    types = [PLOVER_ALIASES.get(t.upper(), t.upper()) for t in _split(value)]
    bad = [t for t in types if t not in PLOVER_TYPES]
    if bad or not types:
        near = difflib.get_close_matches(bad[0] if bad else "", sorted(PLOVER_TYPES), 3, 0.5)
        raise BadParameter("type", f"{value!r}: not PLOVER types"
                           + (f"; closest: {', '.join(near)}" if near else "")
                           + f" (one of {', '.join(sorted(PLOVER_TYPES))})")
    return types


QUAD_NAMES = {"verbal-cooperation": 1, "material-cooperation": 2, "verbal-conflict": 3,
              "material-conflict": 4}


def _quads(value: str) -> list[int]:
    quads = [QUAD_NAMES.get(q.lower().replace("_", "-").replace(" ", "-"), q)
             for q in _split(value)]
    if not quads or any(str(q) not in ("1", "2", "3", "4") for q in quads):
        raise BadParameter("quad_class", f"{value!r}: give quad classes 1-4 or their names "
                                         "(verbal-cooperation ... material-conflict)")
    return [int(q) for q in quads]


def _country(name: str, value: str) -> str:
    """ISO3 of a country code (ISO3, ISO2) or name; other 3-letter codes (IGO) as given."""
    iso3 = countries.to_iso3(value)
    if iso3:
        return iso3
    if re.fullmatch(r"[A-Za-z]{3}", value.strip()):
        return value.strip().upper()
    near = countries.closest(value)
    raise BadParameter(name, f"{value!r} is not a country"
                       + (f"; closest: {', '.join(near)}" if near else ""))


def _bbox(value: str) -> list[float]:
    try:
        box = [float(v) for v in value.split(",")]
    except ValueError:
        box = []
    if len(box) != 4 or not (-180 <= box[0] <= box[2] <= 180 and -90 <= box[1] <= box[3] <= 90):
        raise BadParameter("bbox", f"{value!r}: give min_lon,min_lat,max_lon,max_lat "
                                   "within -180..180 and -90..90, min before max")
    return box


def _side(name: str, value: str, column: str) -> tuple[str, list[Any]]:
    """One side of a dyad: a code prefix or a name, case-insensitive."""
    if not _CODE.fullmatch(value):
        raise BadParameter(name, f"{value!r}: give an actor code or name")
    return (f"(starts_with({column}_code_lc, ?) OR {column}_name_lc = ?)",
            [value.lower(), value.lower()])


def _actor(value: str, sides: tuple[str, ...]) -> tuple[str, list[Any]]:
    """A literal, case-insensitive substring of a side's code or name, on the index's
    lower-cased copies (`*_lc`). (contains(): no wildcard to escape, and many times
    faster than ILIKE ... ESCAPE.)"""
    parts = [f"contains({s}_code_lc, ?) OR contains({s}_name_lc, ?)" for s in sides]
    return "(" + " OR ".join(parts) + ")", [value.lower()] * (2 * len(sides))


def _dyad(value: str, directed: bool) -> tuple[str, list[Any]]:
    sides = _split(value)
    if len(sides) == 1 and value.count("-") == 1:  # "USA-IRN", as `tidings query` takes
        sides = [v.strip() for v in value.split("-")]
    if len(sides) != 2 or not all(sides):
        raise BadParameter("dyad", f"{value!r}: give SOURCE,TARGET (codes or names)")
    a_src, p1 = _side("dyad", sides[0], "source")
    b_tgt, p2 = _side("dyad", sides[1], "target")
    clause, params = f"({a_src} AND {b_tgt})", p1 + p2
    if not directed:
        b_src, p3 = _side("dyad", sides[1], "source")
        a_tgt, p4 = _side("dyad", sides[0], "target")
        clause, params = f"({clause} OR ({b_src} AND {a_tgt}))", params + p3 + p4
    return clause, params


def _simple(q: EventQuery) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []

    def among(column: str, values: list[Any]) -> None:
        clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
        params.extend(values)

    if q.type:
        among("type", _types(q.type))
    if q.country:
        clauses.append("(source_country = ? OR target_country = ? OR location_country = ?)")
        params.extend([_country("country", q.country)] * 3)
    if q.place:
        iso3 = countries.to_iso3(q.place)
        clauses.append("(location_country = ? OR contains(lower(location_name), ?))")
        params.extend([iso3, q.place.strip().lower()])
    if q.quad_class:
        among("quad_class", _quads(q.quad_class))
    if q.min_confidence is not None:
        if not 0 <= q.min_confidence <= 1:
            raise BadParameter("min_confidence", f"{q.min_confidence}: give 0..1")
        clauses.append("confidence >= ?")
        params.append(q.min_confidence)
    if q.modality:
        modalities = [m.lower() for m in _split(q.modality)]
        if not modalities or any(m not in MODALITIES for m in modalities):
            raise BadParameter("modality", f"{q.modality!r}: one or more of "
                                           f"{', '.join(MODALITIES)}")
        among("modality", modalities)
    if q.negated is not None:
        clauses.append("negated = ?")
        params.append(q.negated)
    return clauses, params


def _dates(q: EventQuery) -> tuple[list[str], list[Any]]:
    """since: on or after the first day of its period; until: on or before the last."""
    since = _period("since", q.since)[0] if q.since else None
    until = _period("until", q.until)[1] if q.until else None
    if since and until and since > until:
        raise BadParameter("since", f"{q.since} is after until {q.until}")
    clauses, params = [], []
    if since:
        clauses.append(f"{WHEN} >= ?")
        params.append(since)
    if until:
        clauses.append(f"{WHEN} <= ?")
        params.append(until)
    return clauses, params


def where(q: EventQuery) -> tuple[str, list[Any]]:
    """A WHERE clause over the web's copy of the events (or "TRUE") and its parameters."""
    clauses, params = _simple(q)
    for name, sides in (("actor", ("source", "target")), ("source", ("source",)),
                        ("target", ("target",))):
        value = getattr(q, name)
        if value:
            clause, more = _actor(value, sides)
            clauses.append(clause)
            params += more
    if q.dyad:
        clause, more = _dyad(q.dyad, q.directed)
        clauses.append(clause)
        params += more
    more_clauses, more = _dates(q)
    clauses += more_clauses
    params += more
    if q.text:
        clauses.append("event_id IN (SELECT m.event_id FROM event_mentions m "
                       "JOIN articles a ON a.hash = m.article_hash "
                       "WHERE contains(lower(m.sentence), ?) OR contains(lower(a.title), ?))")
        params += [q.text.lower()] * 2
    if q.bbox:
        box = _bbox(q.bbox)
        clauses.append("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?")
        params += [box[0], box[2], box[1], box[3]]
    return (" AND ".join(clauses) or "TRUE"), params


# -- cursors: the last row of a page, (when, event_id), opaque to clients ---------------

def encode_cursor(when: dt.date | None, event_id: str, pos: int | None = None) -> str:
    """A page's last row as an opaque token: its date and id (and, as a hint for
    finding it fast, its position in the index when the page was read)."""
    raw = json.dumps([when.isoformat() if when else None, event_id, pos]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value: str) -> tuple[dt.date | None, str, int | None]:
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        when, event_id, pos = json.loads(raw)
        if not isinstance(event_id, str) or not (when is None or isinstance(when, str)) \
                or not (pos is None or (isinstance(pos, int) and pos >= 0)):
            raise ValueError
        return (dt.date.fromisoformat(when) if when else None), event_id, pos
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise BadParameter("cursor", "not a cursor this API gave out") from None


def after_cursor(cursor: str | None) -> tuple[str, list[Any]]:
    """The keyset condition for rows after `cursor` in newest-first order."""
    if not cursor:
        return "TRUE", []
    when, event_id, _ = decode_cursor(cursor)
    if when is None:
        return f"({WHEN} IS NULL AND event_id > ?)", [event_id]
    return (f"({WHEN} < ? OR ({WHEN} = ? AND event_id > ?) OR {WHEN} IS NULL)",
            [when, when, event_id])
