"""tidings_dates: date expressions resolved against publication time (assigns doc._.dates).

Each date expression (date_spans.candidate_spans) becomes one DateRef, or one per date
of a range or list ("between 1985 and 1987": "1985" and "1987", each with the range's
`range_start` and `range_end`). Its `value` is TimeML-like at its `precision` (day
2021-02-27, week 2021-W08, month 2021-02, quarter 2021-Q3, half 2021-H1, season 2021-SU,
year 2021, decade 199X; "now" and "the future" are PRESENT_REF and FUTURE_REF with
precision None), read by date_values.value_of against the publication time and the
tense of the clause it dates (date_spans.clause_tense); "that day", "a year earlier"
are read against the date before them. Unresolvable expressions ("the day", "18
months") are kept with value None.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

from ..models import DateRef
from .date_spans import Part, candidate_spans, clause_tense, split_parts
from .date_values import MONTHS, WEEKDAYS, _base, _parser, value_of
from .doc import doc_text, published_of, register_extensions

register_extensions()

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "_PRECISION",
    "_base",
    "_fmt",
    "_parser",
    "date_at",
    "explicit",
    "extract_dates",
    "resolve",
]

# dateparser's period -> our precision (a week it reads resolves to its day).
_PRECISION = {"day": "day", "week": "day", "time": "day", "month": "month", "year": "year"}
# A bare year ("1999") or a month and year ("April 2023"): absolute, whatever the
# publication time; dateparser gives exactly these (tests/test_nlp_fast.py checks it).
_BARE_YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)$")
_MONTH_YEAR = re.compile(r"^(" + "|".join(m.capitalize() for m in MONTHS) + r") "
                         r"(1[5-9]\d\d|20\d\d)$")
_TRAILING_JOIN = re.compile(r"[\s,]+(?:(?:and|or|to|through|until|till)[\s,]*)?$",
                            re.IGNORECASE)
_WORD = re.compile(r"\S+")
_ANAPHOR = re.compile(
    r"^(?:(?:earlier|later|early|late)\s+)?(?:the\s+)?"
    r"(?P<rel>that|same|next|following|previous|preceding)(?:\s+(?:very|same))?\s+"
    r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)$")
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_SHIFT = re.compile(r"^(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
                    r"(?P<unit>day|week|month|year)s?\s+(?P<dir>earlier|later|before|after)$")
# "the year-earlier quarter", "the year-ago period": a year before the date before it
_YEAR_EARLIER = re.compile(r"^the\s+year[-\s](?:earlier|ago)\s+(?:quarter|period|month|year)$")
_ANCHOR_PRECISIONS = {"day", "week", "month", "quarter", "season", "year"}
_JOINER = re.compile(r"^\s*(?:to|through|thru|until|till|and|-|\u2013|\u2014)\s*$",
                     re.IGNORECASE)
_OPENER = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_YEAR_AT_END = re.compile(r"\b(1\d{3}|20\d\d)$")
_YEAR_IN = re.compile(r"\b(?:1\d{3}|20\d\d)\b")


def _fmt(d: date, precision: str) -> str:
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def explicit(clean: str) -> tuple[str, str] | None:
    """(value, precision) of a bare year or "Month YYYY", else None."""
    if _BARE_YEAR.match(clean):
        return clean, "year"
    m = _MONTH_YEAR.match(clean)
    if m:
        return f"{m.group(2)}-{MONTHS.index(m.group(1).lower()) + 1:02d}", "month"
    return None


def resolve(text: str, published: str | None,
            tense: str | None = None) -> tuple[str | None, str | None]:
    """(value, precision) for a date expression read at publication time `published`
    (ISO 8601) in a clause of `tense` ("past", "future", None); (None, None) when it
    cannot be placed in time. See date_values."""
    return value_of(text, published, tense)


def _refs_of(text: str, start: int, end: int, published: str | None,
             tense: str | None) -> list[DateRef]:
    """The DateRefs of one expression: itself, the parts of a range or list, or the
    words at either end that name a date ("a fall last month": "last month")."""
    expr = _TRAILING_JOIN.sub("", text[start:end]) or text[start:end]  # "1994, 1995 and"
    end = start + len(expr)
    value, precision = value_of(expr, published, tense, False)
    if value is not None:
        return [DateRef(expr, start, end, value, precision)]
    parts, is_range = split_parts(expr, start)
    values = [value_of(p.reading, published, tense) for p in parts]
    if all(v is not None for v, _ in values) and (len(parts) > 1 or parts[0].text != expr):
        return _parts(parts, values, is_range and len(parts) > 1)
    words = list(_WORD.finditer(expr))
    for k in range(1, len(words)):
        for a, b in ((words[k].start(), len(expr)), (0, words[-1 - k].end())):
            value, precision = value_of(expr[a:b], published, tense, False)
            if precision is not None:  # not "the past" of "the past decade"
                return [DateRef(expr[a:b], start + a, start + b, value, precision)]
    return [DateRef(expr, start, end, *value_of(expr, published, tense))]


def _resolve_anaphora(refs: list[DateRef]) -> None:
    """"that day", "later that year", "the next morning", "the following week": read
    against the nearest date before them that has the precision they need."""
    anchor: DateRef | None = None
    for ref in refs:
        said = ref.text.strip().rstrip(".,").lower()
        m = _ANAPHOR.match(said)
        shift = _SHIFT.match(said)
        if ref.value is None and m and anchor is not None:
            step = {"that": 0, "same": 0, "next": 1, "following": 1,
                    "previous": -1, "preceding": -1}[m.group("rel")]
            unit = m.group("unit")
            unit = "day" if unit in ("morning", "afternoon", "evening", "night") else unit
            ref.value, ref.precision = _shifted(anchor, unit, step)
        elif ref.value is None and anchor is not None and _YEAR_EARLIER.match(said):
            ref.value, ref.precision = _shifted(anchor, "year", -1)
        elif ref.value is None and shift and anchor is not None:  # "a year earlier"
            n = _COUNTS.get(shift.group("n")) or int(shift.group("n"))
            step = -n if shift.group("dir") in ("earlier", "before") else n
            ref.value, ref.precision = _shifted(anchor, shift.group("unit"), step)
        if ref.value is not None and ref.precision in _ANCHOR_PRECISIONS:
            anchor = ref


def _shifted(anchor: DateRef, unit: str, step: int) -> tuple[str | None, str | None]:
    """The `unit` (day, week, month, year) of the anchor date, `step` units on."""
    value, precision = anchor.value or "", anchor.precision
    if unit == "year" and precision == "quarter":  # "from $2 a year earlier"
        return f"{int(value[:4]) + step:04d}{value[4:]}", "quarter"
    if unit == "year":
        return f"{int(value[:4]) + step:04d}", "year"
    if unit == "month" and precision in ("day", "month"):
        y, m = divmod(int(value[:4]) * 12 + int(value[5:7]) - 1 + step, 12)
        return f"{y:04d}-{m + 1:02d}", "month"
    if precision != "day" or unit not in ("day", "week"):
        return None, None
    day = date.fromisoformat(value) + timedelta(days=step if unit == "day" else 7 * step)
    if unit == "day":
        return day.isoformat(), "day"
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}", "week"


def _join_ranges(refs: list[DateRef], text: str, published: str | None) -> None:
    """Two dates the model tagged apart but the text joins into a range ("from 2009 to
    2013", "between March and May 2017") get the range's start and end; the first
    borrows the year the second names."""
    for a, b in pairwise(refs):
        if a.value is None or b.value is None or a.range_start or b.range_start or \
                a.precision is None or b.precision is None:
            continue
        gap = text[a.end:b.start]
        if not _JOINER.match(gap) or (gap.strip().lower() == "and" and not
                                      _OPENER.search(text[max(0, a.start - 9):a.start])):
            continue
        year = _YEAR_AT_END.search(b.text)
        if year and not _YEAR_IN.search(a.text) and a.precision in ("day", "month"):
            value, precision = value_of(f"{a.text} {year.group(1)}", published)
            if value is not None:
                a.value, a.precision = value, precision
        a.range_start = b.range_start = a.value
        a.range_end = b.range_end = b.value


def _parts(parts: list[Part], values: list[tuple[str | None, str | None]],
           is_range: bool) -> list[DateRef]:
    first, last = (values[0][0], values[-1][0]) if is_range else (None, None)
    return [DateRef(p.text, p.start, p.end, v, prec, first, last)
            for p, (v, prec) in zip(parts, values)]


def extract_dates(doc: Doc) -> list[DateRef]:
    """The date expressions of the Doc, in text order (see the module docstring)."""
    published = published_of(doc)
    text = doc_text(doc)
    out = []
    for start, end in candidate_spans(doc, text):
        tense = clause_tense(doc, start, end)
        out += _refs_of(text, start, end, published, tense)
    _resolve_anaphora(out)
    _join_ranges(out, text, published)
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
