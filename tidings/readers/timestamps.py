"""Publication times as news pages write them -> ISO 8601 UTC ("2021-02-27T03:30:00Z").

Deterministic rules for the formats agencies actually print ("0330 GMT February 27, 2021",
"February 27, 2021 03:30 GMT", "2021-02-27 03:30", "Sat, 27 Feb 2021 03:30:00 +0000",
"27 Feb 2021, 7:00 am IRST"). Anything we cannot read with confidence gives None rather
than a guess: a wrong date silently misplaces every event of the article.
"""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Zone abbreviations seen in English-language news, as offsets from UTC in minutes.
# Ambiguous ones (IST, CST) take the reading most common in international news wires.
_ZONES = {
    "Z": 0, "UTC": 0, "GMT": 0, "UT": 0, "WET": 0, "BST": 60, "CET": 60, "CEST": 120,
    "EET": 120, "EEST": 180, "MSK": 180, "AST": 180, "TRT": 180, "IRST": 210, "IRDT": 270,
    "GST": 240, "PKT": 300, "IST": 330, "ICT": 420, "SGT": 480, "HKT": 480, "JST": 540,
    "KST": 540, "AEST": 600, "AEDT": 660, "EST": -300, "EDT": -240, "CST": -360,
    "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
}
_MONTH_RE = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
             r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY_RE = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>(?:19|20)\d{2})"
_TEXT_DATES = [
    # February 27, 2021
    re.compile(rf"\b{_MONTH_RE}\s+{_DAY_RE},?\s+{_YEAR_RE}\b", re.IGNORECASE),
    # 27 Feb 2021
    re.compile(rf"\b{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE},?\s+{_YEAR_RE}\b", re.IGNORECASE),
]
_NUMERIC_DATES = [
    re.compile(r"\b(?P<year>\d{4})[-/.](?P<mon>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
    re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})\b"),
]
_TZ_RE = (r"(?P<tz>Z\b|[+-]\d{2}:?\d{2}\b|(?:GMT|UTC)\s*[+-]\d{1,2}(?::?\d{2})?\b|"
          r"\b(?:" + "|".join(sorted(_ZONES, key=len, reverse=True)) + r")\b)?")
_CLOCK = re.compile(
    r"(?<![\d:])(?P<h>\d{1,2})[:.](?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<ampm>[ap]\.?m\.?(?![a-z]))?\s*,?\s*" + _TZ_RE, re.IGNORECASE)
# "0330 GMT": a four-digit clock is only trusted with a zone or "hrs" after it,
# otherwise it is indistinguishable from a year.
_MILITARY = re.compile(r"(?<!\d)(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s*(?:hrs\b|hours\b)?\s*"
                       r"(?P<tz>GMT|UTC|Z|" + "|".join(_ZONES) + r")\b", re.IGNORECASE)
_HOUR_AMPM = re.compile(r"(?<![\d:])(?P<h>\d{1,2})\s*(?P<ampm>[ap]\.?m\.?(?![a-z]))\s*,?\s*"
                        + _TZ_RE, re.IGNORECASE)
_RFC2822 = re.compile(r"^\s*(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}",
                      re.IGNORECASE)


def normalize_published(value: str | None) -> str | None:
    """ISO 8601 UTC ("YYYY-MM-DDTHH:MM:SSZ") for a publication time, or None if unreadable.

    A date without a clock time becomes midnight UTC; a time without a zone is taken as UTC.
    """
    if not value or not value.strip():
        return None
    when = parse_published(value)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ") if when else None


def parse_published(value: str) -> datetime | None:
    """The UTC datetime a publication-time string names, or None when it is not understood."""
    text = " ".join(value.split())
    if _RFC2822.match(text):
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)
    found = _find_date(text)
    if found is None:
        return None
    (year, month, day), (start, end) = found
    rest = text[:start] + " " + text[end:]
    clock = _find_clock(rest)
    hour, minute, second, offset = clock if clock else (0, 0, 0, 0)
    try:
        local = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None
    return local - timedelta(minutes=offset)


def _find_date(text: str) -> tuple[tuple[int, int, int], tuple[int, int]] | None:
    for pattern in _TEXT_DATES:
        m = pattern.search(text)
        if m:
            month = _MONTHS[m["mon"].lower().rstrip(".")[:3]]
            return (int(m["year"]), month, int(m["day"])), m.span()
    m = _NUMERIC_DATES[0].search(text)
    if m:
        return (int(m["year"]), int(m["mon"]), int(m["day"])), m.span()
    m = _NUMERIC_DATES[1].search(text)
    if m:
        a, b = int(m["a"]), int(m["b"])
        # 05/06/2021 could be May or June: refuse rather than guess.
        if a > 12 >= b:
            return (int(m["year"]), b, a), m.span()
        if b > 12 >= a:
            return (int(m["year"]), a, b), m.span()
    return None


def _find_clock(text: str) -> tuple[int, int, int, int] | None:
    """(hour, minute, second, zone offset in minutes) of the first clock time in `text`."""
    m = _CLOCK.search(text) or _MILITARY.search(text) or _HOUR_AMPM.search(text)
    if not m:
        return None
    groups = m.groupdict()
    hour, minute = int(groups["h"]), int(groups.get("m") or 0)
    second = int(groups.get("s") or 0)
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    offset = _zone_offset(groups.get("tz") or _trailing_zone(text[m.end():]))
    return hour, minute, second, offset


def _trailing_zone(text: str) -> str | None:
    m = re.match(r"\s*,?\s*" + _TZ_RE, text)
    return m["tz"] if m else None


def _zone_offset(tz: str | None) -> int:
    if not tz:
        return 0
    tz = tz.strip()
    named = re.match(r"(?i)(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?$", tz)
    if named:
        sign = -1 if named[1] == "-" else 1
        return sign * (int(named[2]) * 60 + int(named[3] or 0))
    numeric = re.match(r"([+-])(\d{2}):?(\d{2})$", tz)
    if numeric:
        sign = -1 if numeric[1] == "-" else 1
        return sign * (int(numeric[2]) * 60 + int(numeric[3]))
    return _ZONES.get(tz.upper(), 0)
