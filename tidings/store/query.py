"""Event filters -> SQL over the merged `events` table. Shared by the CLI, exports and API.

Every value is checked before any SQL runs: a misspelt type, country, modality or date
is a StoreError naming the filter (`option`) and the closest valid values, never a
quiet empty result.
"""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from dataclasses import dataclass, fields, replace
from typing import Any

from ..errors import StoreError
from ..ontology import countries
from ..ontology.cameo import PLOVER_ALIASES, PLOVER_TYPES

MODALITIES = ("asserted", "reported", "future", "hypothetical", "historical")
QUAD_CLASSES = {1: "verbal-cooperation", 2: "material-cooperation", 3: "verbal-conflict",
                4: "material-conflict"}
# CAMEO sector codes an actor code is built from after its country (IRN + GOV).
SECTORS = frozenset({
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "OPP", "PTY", "IGO", "NGO", "MNC", "BUS",
    "CVL", "MED", "EDU", "REL", "LAB", "HLH", "REF", "AGR", "ELI", "CRM", "UAF", "INS", "SEP",
    "ENV", "HRI", "IMG"})


@dataclass
class EventFilter:
    """Which merged events to read. Every field is optional; all given ones must hold.

    type: PLOVER types, comma-separated or a list ("ASSAULT,COERCE").
    country: a country (ISO3, ISO2 or name) as the source, the target or the location.
    actor: case-insensitive substring of a participant's code or name ("IRN", "Zarif").
    source / target: a country (ISO3, ISO2 or name: "IRN", "ir", "Iran") or an actor
        code ("IRNGOV", "COP"; codes starting with it match) among that side's actors.
    dyad: "SOURCE-TARGET" ("USA-IRN"), each side as for `source`; directed unless
        `undirected` (then IRN-USA matches too).
    place: the event's location: a country (its code or name) or a substring of the
        place name ("Basra").
    modality: asserted, reported, future, hypothetical, historical (comma-separated).
    negated: True for only negated events ("did not attack"), False for none of them.
    min_confidence: drop events below this confidence (0 to 1).
    quad_class: 1-4 or their names (verbal-cooperation, material-cooperation,
        verbal-conflict, material-conflict), comma-separated or a list.
    since / until: inclusive bounds "YYYY", "YYYY-MM" or "YYYY-MM-DD" (until 2021 is the
        end of 2021). An event matches when its whole period (its date's week, month,
        quarter, season, year or decade) lies inside: one dated only "2021" matches
        since 2021 but not since 2021-03. An undated event counts by the day its first
        article was published.
    text: case-insensitive substring of any mention's sentence or its article's title.
    limit: at most this many events, most recent first.
    """
    type: str | list[str] | None = None
    country: str | None = None
    actor: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    limit: int | None = None
    source: str | None = None
    target: str | None = None
    dyad: str | None = None
    undirected: bool = False
    place: str | None = None
    modality: str | list[str] | None = None
    negated: bool | None = None
    min_confidence: float | None = None
    quad_class: int | str | list[int | str] | None = None

    @classmethod
    def of(cls, **filters: Any) -> EventFilter:
        """A filter from keyword arguments, each checked (StoreError naming a bad one)."""
        names = [f.name for f in fields(cls)]
        unknown = set(filters) - set(names)
        if unknown:
            raise StoreError(f"unknown event filter(s): {', '.join(sorted(unknown))}; "
                             f"use {', '.join(names)}")
        return cls(**filters).checked()

    def checked(self) -> EventFilter:
        """This filter with every value checked and spelled as stored (types upper case,
        countries as ISO3); StoreError, `option` the field's name, for a bad one."""
        return replace(
            self, type=_types(self.type), country=_country(self.country, "country"),
            source=_side(self.source, "source"), target=_side(self.target, "target"),
            dyad=_dyad(self.dyad), modality=_modalities(self.modality),
            min_confidence=_confidence(self.min_confidence),
            quad_class=_quads(self.quad_class),
            since=_period(self.since, "since") and self.since.strip(),
            until=_period(self.until, "until") and self.until.strip(),
            limit=_limit(self.limit))


# -- checking values --------------------------------------------------------------------
def _items(value: str | list | tuple | None) -> list[str]:
    if value is None:
        return []
    parts = value.split(",") if isinstance(value, str) else list(value)
    return [str(p).strip() for p in parts if str(p).strip()]


def _nearest(value: str, valid: list[str]) -> str:
    near = difflib.get_close_matches(value, valid, 3, 0.5)
    return f"; did you mean {' or '.join(near)}?" if near else f"; one of {', '.join(valid)}"


def _types(value: str | list[str] | None) -> list[str] | None:
    out = []
    for item in _items(value):
        name = PLOVER_ALIASES.get(item.upper(), item.upper())
        if name not in PLOVER_TYPES:
            raise StoreError(f"type {item!r} is not a PLOVER event type"
                             + _nearest(item.upper(), list(PLOVER_TYPES)), option="type")
        out.append(name)
    return out or None


def _country(value: str | None, name: str) -> str | None:
    if value is None or not value.strip():
        return None
    iso3 = countries.to_iso3(value)
    if iso3 is None:
        near = countries.closest(value)
        hint = f"; did you mean {' or '.join(near)}?" if near else ""
        raise StoreError(f"{name} {value!r} is not a country (give an ISO3 or ISO2 code "
                         f"or a name){hint}", option=name)
    return iso3


def _actor_code(value: str) -> str | None:
    """`value` as an actor code (country or sector, then sectors: IRNGOV, COP), or None."""
    code = value.strip().upper()
    if not re.fullmatch(r"(?:[A-Z]{3})+", code):
        return None
    head, rest = code[:3], re.findall(r"[A-Z]{3}", code[3:])
    ok = head in SECTORS or head in countries.iso3_codes()
    return code if ok and all(r in SECTORS for r in rest) else None


def _side(value: str | None, name: str) -> str | None:
    """A country as its ISO3, else an actor code; StoreError naming the closest."""
    if value is None or not value.strip():
        return None
    iso3 = countries.to_iso3(value)
    if iso3 is not None:
        return iso3
    code = _actor_code(value)
    if code is not None:
        return code
    near = countries.closest(value)
    hint = f"; did you mean {' or '.join(near)}?" if near else ""
    raise StoreError(f"{name} {value!r} is neither a country (ISO3, ISO2 or name) nor an "
                     f"actor code such as IRNGOV{hint}", option=name)


def _dyad(value: str | None) -> str | None:
    """"SOURCE-TARGET" with each side checked; a hyphen inside a name (Guinea-Bissau)
    is tried at every split."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    cuts = [i for i, ch in enumerate(text) if ch == "-"]
    for i in cuts:
        try:
            left, right = _side(text[:i], "dyad"), _side(text[i + 1:], "dyad")
        except StoreError:
            continue
        if left and right:
            return f"{left}-{right}"
    if not cuts:
        raise StoreError(f"dyad {value!r}: give SOURCE-TARGET, e.g. USA-IRN", option="dyad")
    for part in (text[:cuts[0]], text[cuts[-1] + 1:]):
        _side(part, "dyad")  # names the side that is wrong
    raise StoreError(f"dyad {value!r}: give SOURCE-TARGET, e.g. USA-IRN", option="dyad")


def _modalities(value: str | list[str] | None) -> list[str] | None:
    out = []
    for item in _items(value):
        if item.lower() not in MODALITIES:
            raise StoreError(f"modality {item!r} is not one of tidings' modalities"
                             + _nearest(item.lower(), list(MODALITIES)), option="modality")
        out.append(item.lower())
    return out or None


def _confidence(value: float | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"min_confidence {value!r} is not a number", option="min_confidence"
                         ) from exc
    if not 0.0 <= number <= 1.0:
        raise StoreError(f"min_confidence must be between 0 and 1, got {value}",
                         option="min_confidence")
    return number


def _quads(value: int | str | list | None) -> list[int] | None:
    items = [value] if isinstance(value, int) else _items(value)
    names = {v: k for k, v in QUAD_CLASSES.items()}
    out = []
    for item in items:
        key = str(item).strip().lower().replace("_", "-").replace(" ", "-")
        number = int(key) if key.isdigit() else names.get(key)
        if number not in QUAD_CLASSES:
            valid = [str(k) for k in QUAD_CLASSES] + list(names)
            raise StoreError(f"quad_class {item!r} is not a quad class"
                             + _nearest(key, valid), option="quad_class")
        out.append(number)
    return out or None


def _limit(value: int | None) -> int | None:
    if value is not None and value < 0:
        raise StoreError(f"limit must be >= 0, got {value}", option="limit")
    return value


def _period(value: str | None, name: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 1, 1), dt.date(int(text), 12, 31)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            year, month = int(text[:4]), int(text[5:])
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        day = dt.date.fromisoformat(text[:10])
        return day, day
    except ValueError as exc:
        raise StoreError(f"{name} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                         option=name) from exc


# -- SQL --------------------------------------------------------------------------------
_YEAR = "TRY_CAST(replace(substr(date, 1, 4), 'X', '0') AS INTEGER)"
_PUBLISHED_DAY = "TRY_CAST(substr(first_published, 1, 10) AS DATE)"
# The first day of the period the event's date names, at its precision (docs/output.md:
# day, week 2021-W08, month, quarter 2021-Q3, season 2021-SU, year, decade 199X).
_PERIOD_START = (
    "(CASE date_precision "
    f"WHEN 'week' THEN CAST(date_trunc('week', make_date({_YEAR}, 1, 4)) "
    "+ to_weeks(TRY_CAST(substr(date, 7, 2) AS INTEGER) - 1) AS DATE) "
    f"WHEN 'quarter' THEN make_date({_YEAR}, "
    "(TRY_CAST(substr(date, 7, 1) AS INTEGER) - 1) * 3 + 1, 1) "
    f"WHEN 'season' THEN make_date({_YEAR}, CASE substr(date, 6, 2) WHEN 'SP' THEN 3 "
    "WHEN 'SU' THEN 6 WHEN 'FA' THEN 9 ELSE 12 END, 1) "
    f"WHEN 'decade' THEN make_date({_YEAR}, 1, 1) ELSE day END)")
# Event date, else the day its first article was published: undated events still sort.
WHEN = f"coalesce(day, {_PERIOD_START}, {_PUBLISHED_DAY})"
# The last day of the event's period: a coarse date covers its whole week, month...
WHEN_END = (
    f"(CASE WHEN {_PERIOD_START} IS NULL THEN {WHEN} "
    f"ELSE CAST({_PERIOD_START} + CASE date_precision "
    "WHEN 'week' THEN INTERVAL 7 DAY WHEN 'month' THEN INTERVAL 1 MONTH "
    "WHEN 'quarter' THEN INTERVAL 3 MONTH WHEN 'season' THEN INTERVAL 3 MONTH "
    "WHEN 'year' THEN INTERVAL 1 YEAR WHEN 'decade' THEN INTERVAL 10 YEAR "
    "ELSE INTERVAL 1 DAY END - INTERVAL 1 DAY AS DATE) END)")


def _side_sql(side: str, value: str) -> tuple[str, list[Any]]:
    """Any actor of `side` (source or target) is of the country, of the sector, or has
    a code starting with `value`."""
    if len(value) == 3 and value in countries.iso3_codes():
        return (f"({side}_country = ? OR list_contains(json_extract_string({side}_actors, "
                f"'$[*].country'), ?))"), [value, value]
    if value in SECTORS:  # a sector alone: any actor of that sector (COP: every police)
        return (f"({side}_sector = ? OR list_contains(json_extract_string({side}_actors, "
                f"'$[*].sector'), ?))"), [value, value]
    return (f"(starts_with({side}_code, ?) OR len(list_filter(json_extract_string("
            f"{side}_actors, '$[*].code'), lambda c: starts_with(c, ?))) > 0)"), [value, value]


def _dyad_sql(dyad: str, undirected: bool) -> tuple[str, list[Any]]:
    left, right = dyad.split("-", 1)
    one, p1 = _side_sql("source", left)
    two, p2 = _side_sql("target", right)
    clause, params = f"({one} AND {two})", p1 + p2
    if undirected:
        three, p3 = _side_sql("source", right)
        four, p4 = _side_sql("target", left)
        clause, params = f"({clause} OR ({three} AND {four}))", params + p3 + p4
    return clause, params


def _in(column: str, values: list[Any]) -> tuple[str, list[Any]]:
    return f"{column} IN ({', '.join('?' for _ in values)})", list(values)


def _value_clauses(f: EventFilter) -> list[tuple[str, list[Any]]]:
    out: list[tuple[str, list[Any]]] = []
    if f.type:
        out.append(_in("type", f.type))
    if f.modality:
        out.append(_in("modality", f.modality))
    if f.quad_class:
        out.append(_in("quad_class", f.quad_class))
    if f.negated is not None:
        out.append(("negated = ?", [bool(f.negated)]))
    if f.min_confidence is not None:
        out.append(("confidence >= ?", [f.min_confidence]))
    if f.country:
        out.append(("(source_country = ? OR target_country = ? OR location_country = ?)",
                    [f.country] * 3))
    if f.source:
        out.append(_side_sql("source", f.source))
    if f.target:
        out.append(_side_sql("target", f.target))
    if f.dyad:
        out.append(_dyad_sql(f.dyad, f.undirected))
    return out


def _text_clauses(f: EventFilter) -> list[tuple[str, list[Any]]]:
    out: list[tuple[str, list[Any]]] = []
    if f.actor:
        like = f"%{f.actor}%"
        sql = ("(source_code ILIKE ? OR target_code ILIKE ? OR source_name ILIKE ?"
               " OR target_name ILIKE ? OR CAST(source_actors AS VARCHAR) ILIKE ?"
               " OR CAST(target_actors AS VARCHAR) ILIKE ?)")
        out.append((sql, [like] * 6))
    if f.place:
        iso3 = countries.to_iso3(f.place)
        like = f"%{f.place.strip()}%"
        if iso3:
            out.append(("(location_country = ? OR location_name ILIKE ?)", [iso3, like]))
        else:
            out.append(("location_name ILIKE ?", [like]))
    if f.since:
        out.append((f"coalesce({_PERIOD_START}, {WHEN}) >= ?", [_period(f.since, "since")[0]]))
    if f.until:
        out.append((f"{WHEN_END} <= ?", [_period(f.until, "until")[1]]))
    if f.text:
        like = f"%{f.text}%"
        sql = ("event_id IN (SELECT m.event_id FROM event_mentions m "
               "JOIN articles a ON a.hash = m.article_hash "
               "WHERE m.sentence ILIKE ? OR a.title ILIKE ?)")
        out.append((sql, [like, like]))
    return out


def where(f: EventFilter) -> tuple[str, list[Any]]:
    """A WHERE clause (possibly "TRUE") over `events` and its parameters; `f` is checked
    first (StoreError for a bad value)."""
    f = f.checked()
    clauses, params = [], []
    for clause, values in _value_clauses(f) + _text_clauses(f):
        clauses.append(clause)
        params += values
    return (" AND ".join(clauses) or "TRUE"), params


def events_sql(f: EventFilter, columns: str = "*") -> tuple[str, list[Any]]:
    """SELECT over merged events matching `f`, newest first, ties by id (stable output)."""
    clause, params = where(f)
    sql = (f"SELECT {columns} FROM events WHERE {clause} "
           f"ORDER BY {WHEN} DESC NULLS LAST, event_id")
    if f.limit is not None:
        sql += f" LIMIT {int(_limit(f.limit))}"
    return sql, params
