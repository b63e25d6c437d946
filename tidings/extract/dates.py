"""tidings_dates: date expressions resolved against publication time (assigns doc._.dates).

Every DATE entity becomes a DateRef. Its value is resolved like this:
- weekday names ("on Thursday", "Friday's strike", "Sunday night") are handled here,
  not by dateparser: they mean the most recent such day on or before publication
  ("last Thursday": strictly before), or the next one after it for "next Thursday";
- a decade ("the 1990s") or a duration with no anchor in time ("18 months", "decades")
  has no value;
- everything else is parsed with dateparser (RELATIVE_BASE = publication time,
  PREFER_DATES_FROM = past), and the precision comes from dateparser's period: day,
  month or year ("September 2014" -> "2014-09"); a week ("last week", "two weeks ago")
  resolves to the day it points at, with day precision;
- what dateparser cannot read but names a month and/or year ("mid-2019", "early March")
  keeps the month or year it names.
Unresolvable expressions are kept with value None. Parses are cached per
(text, publication day).
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..models import DateRef
from .doc import published_of, register_extensions

register_extensions()

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
_MONTH_RE = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
             r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = re.compile(
    r"^(?:(?:on|by|since|until|early|late|this|last|next|past)\s+)*"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:['\u2019]s)?(?:\s+(?:morning|afternoon|evening|night))?$", re.IGNORECASE)
_DECADE = re.compile(r"\b\d{3}0['\u2019]?s\b|\b(?:nineteen|twenty)\w*ties\b", re.IGNORECASE)
# A date expression must be anchored in time to get a value; "18 months" is a duration.
_ANCHOR = re.compile(
    r"\b(?:1[5-9]\d\d|20\d\d)\b|\b" + _MONTH_RE + r"(?=\s|$|,)|"
    r"\b(?:yesterday|today|tomorrow|tonight)\b|\bago\b|"
    r"\b(?:last|this|next)\s+(?:week|month|year|weekend)\b|\d{4}-\d\d-\d\d", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_MONTH_NAME = re.compile(r"\b(" + _MONTH_RE + r")(?=\s|$|,)", re.IGNORECASE)
_LEADING = re.compile(r"^(?:on|since|in|by|until|from|of|during|at)\s+", re.IGNORECASE)
# "earlier this month", "later this year": the current month or year, whatever the
# qualifier; "this week" has no precision we can express, so it stays unresolved.
_THIS = re.compile(r"^(?:(?:earlier|later|early|late|the\s+(?:end|beginning|start)\s+of)\s+)?"
                   r"this\s+(month|year|week)$", re.IGNORECASE)
_PRECISION = {"day": "day", "week": "day", "time": "day", "month": "month", "year": "year"}
# A bare year ("1999") or a month and year ("April 2023"): absolute, whatever the
# publication time. dateparser (about 1.5 ms a call, and the cache is per publication
# time) gives exactly the year, or year-month, for each of these: checked for every
# year 1500-2099 against several publication times (tests/test_nlp_fast.py samples it).
_BARE_YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)$")
_MONTH_YEAR = re.compile(r"^(" + "|".join(m.capitalize() for m in MONTHS) + r") "
                         r"(1[5-9]\d\d|20\d\d)$")


def _base(published: str | None) -> datetime | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published).replace(tzinfo=None)
    except ValueError:
        return None


def _fmt(d: date, precision: str) -> str:
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


@lru_cache(maxsize=16)
def _parser(base: datetime | None):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past"}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


def _weekday(text: str, base: datetime) -> str | None:
    m = _WEEKDAY.match(text.strip())
    if not m:
        return None
    target = WEEKDAYS.index(m.group(1).lower())
    lowered = text.lower()
    if re.search(r"\bnext\b", lowered):
        delta = (target - base.weekday()) % 7 or 7
        return (base.date() + timedelta(days=delta)).isoformat()
    back = (base.weekday() - target) % 7
    if back == 0 and re.search(r"\blast\b", lowered):
        back = 7
    return (base.date() - timedelta(days=back)).isoformat()


def explicit(clean: str) -> tuple[str, str] | None:
    """(value, precision) of a bare year or "Month YYYY", else None (see _BARE_YEAR)."""
    if _BARE_YEAR.match(clean):
        return clean, "year"
    m = _MONTH_YEAR.match(clean)
    if m:
        return f"{m.group(2)}-{MONTHS.index(m.group(1).lower()) + 1:02d}", "month"
    return None


def _fallback(text: str, base: datetime | None) -> tuple[str | None, str | None]:
    """Month and/or year named in text dateparser could not read ("mid-2019")."""
    year = _YEAR.search(text)
    month = _MONTH_NAME.search(text)
    month_no = None
    if month:
        stem = month.group(1).lower()[:3]
        month_no = next((i + 1 for i, name in enumerate(MONTHS) if name.startswith(stem)),
                        None)
    if year and month_no:
        return f"{int(year.group(1)):04d}-{month_no:02d}", "month"
    if year:
        return year.group(1), "year"
    if month_no and base is not None:
        # The most recent such month on or before publication.
        y = base.year if month_no <= base.month else base.year - 1
        return f"{y:04d}-{month_no:02d}", "month"
    return None, None


@lru_cache(maxsize=4096)
def resolve(text: str, published: str | None) -> tuple[str | None, str | None]:
    """(value, precision) for a date expression read at publication time `published`
    (ISO 8601); (None, None) when it cannot be placed in time."""
    base = _base(published)
    clean = _LEADING.sub("", text.strip())
    clean = re.sub(r"['\u2019]s$", "", clean)
    known = explicit(clean)  # none of the tests below applies to these
    if known is not None:
        return known
    if _DECADE.search(clean):
        return None, None
    if _WEEKDAY.match(clean) or _WEEKDAY.match(text.strip()):
        return (_weekday(clean, base), "day") if base is not None else (None, None)
    if not _ANCHOR.search(clean):
        return None, None
    this = _THIS.match(clean)
    if this:
        unit = this.group(1).lower()
        if base is None or unit == "week":
            return None, None
        return _fmt(base.date(), unit), unit
    relative = not _YEAR.search(clean)
    if relative and base is None and not _MONTH_NAME.search(clean):
        return None, None  # "yesterday" with no publication time
    try:
        data = _parser(base).get_date_data(clean)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
        data = None
    if data is not None and data.date_obj is not None:
        precision = _PRECISION.get(data.period or "day", "day")
        return _fmt(data.date_obj.date(), precision), precision
    return _fallback(clean, base)


def extract_dates(doc: Doc) -> list[DateRef]:
    """One DateRef per DATE entity, in text order."""
    published = published_of(doc)
    out = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        value, precision = resolve(ent.text, published)
        out.append(DateRef(ent.text, ent.start_char, ent.end_char, value, precision))
    return out


def date_at(doc: Doc, start_char: int, end_char: int) -> DateRef | None:
    """The date expression overlapping [start_char, end_char), if any."""
    for ref in doc._.dates or []:
        if ref.start < end_char and start_char < ref.end:
            return ref
    return None


@Language.factory("tidings_dates", assigns=["doc._.dates"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.dates = extract_dates(doc)
        return doc
    return component
