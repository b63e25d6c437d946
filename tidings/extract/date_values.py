"""A date expression's TimeML-like value at its own precision, read at publication time.

`value_of(text, published, tense)` -> (value, precision); no spaCy here (tidings_dates
finds the expressions, splits ranges and reads the tense of the clause). Values:

| precision | value        | e.g.                                            |
|-----------|--------------|-------------------------------------------------|
| day       | 2021-02-27   | "Feb. 27", "Thursday", "yesterday", "Christmas" |
| week      | 2021-W08     | "this week", "last week", "two weeks ago"       |
| month     | 2021-02      | "February", "last month", "early March"         |
| quarter   | 2021-Q3      | "the third quarter", "last quarter"             |
| half      | 2021-H1      | "the first half", "the second half of 2019"     |
| season    | 2021-SU      | "last summer" (TimeML's SP, SU, FA, WI)         |
| year      | 2021         | "2021", "next year", "the end of the year"      |
| decade    | 199X         | "the 1990s", "the late '80s"                    |
| None      | PRESENT_REF, FUTURE_REF, PAST_REF: "now", "the future", "the past"     |

A date with no year ("Nov. 10", "April", "Thursday", "the third quarter") takes its year
or week from the publication time and `tense`, the tense of the clause it dates. A
weekday is the one on or before publication unless the clause looks ahead ("will meet
Thursday": on or after). A month or month and day is the nearest occurrence that
agrees with the tense, or any within a month of publication, a day ahead counting 1.5
behind when there is no tense ("Nov. 10" in a Nov. 2 article is eight days ahead, not a
year back; "Oct. 30" with a future verb is still three days back, not a year on; "takes
effect Jan. 1" in March is next January).
"last"/"next" before it choose strictly before/after. Modifiers that TimeML keeps out of
the value ("early", "late", "the end of") are dropped: "early next year" -> next year.
Durations without an anchor ("18 months", "the past decade") and anaphora ("that day",
"later that year": dates.py reads them against the date before) have no value here. What
none of these rules reads is left to dateparser.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

PAST, FUTURE = "past", "future"
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTH_RE = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
            r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
WEEKDAY_RE = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_M = r"(?P<month>" + MONTH_RE + r")"
_D = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_Y = r"(?P<year>1\d{3}|20\d\d|21\d\d)"
_WD = r"(?:(?P<weekday>" + WEEKDAY_RE + r"),?\s+)?"
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
            "a couple of": 2, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50}
_NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")"
_ORDINAL_Q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
              "fourth": 4, "4th": 4, "final": 4}
_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9),
            "autumn": ("FA", 9), "winter": ("WI", 12)}
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}

# Words before the date that do not change its value (prepositions, TimeML modifiers).
_LEAD = re.compile(
    r"^(?:on|in|since|by|until|till|from|of|during|at|before|after|around|about|through|"
    r"throughout|for|over|within|as\s+(?:early|soon|late)\s+as|early|earlier|late|later|"
    r"mid-?|the\s+(?:end|beginning|start|middle|rest|close|turn)\s+of|"
    r"(?:end|beginning|start|middle)\s+of|the\s+latter\s+half\s+of|"
    r"the\s+(?:early|late|latter)\s+part\s+of|the\s+(?:early|late|mid-?)|sometime|"
    r"some\s+time|almost|nearly|"
    r"about|roughly|more\s+than|less\s+than|just|only|pre|post|"
    r"\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)(?:\s+(?:[ecmp][sd]t|gmt|utc))?)[\s-]+")
_TRAIL = re.compile(r"(?:['\u2019]s|[.,;:]|\s+(?:morning|afternoon|evening|night)|"
                    r",?\s+(?:at\s+)?\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm))$")
_REFS = {"now": "PRESENT_REF", "right now": "PRESENT_REF", "current": "PRESENT_REF",
         "currently": "PRESENT_REF", "the present": "PRESENT_REF", "present": "PRESENT_REF",
         "future": "FUTURE_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
         "the past": "PAST_REF"}
_ISO = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
_MD, _DM = _M + r"\s+" + _D, r"(?:the\s+)?" + _D + r"\s+(?:of\s+)?" + _M
_DAY_FULL = [re.compile(r"^" + _WD + form + r",?\s+" + _Y + r"$") for form in (_MD, _DM)]
_MONTH_YEAR = re.compile(r"^" + _M + r",?\s+(?:of\s+)?(?:" + _Y +
                         r"|(?P<rel>this|last|next)\s+year)$")
_BARE_YEAR = re.compile(r"^(?:the\s+year\s+)?" + _Y + r"$")
_DECADE = re.compile(r"^(?:the\s+)?(?:(?P<c>1\d|20)(?P<d>\d)0|['\u2019](?P<d2>\d)0)"
                     r"['\u2019]?s$")
_DECADE_WORD = re.compile(r"^(?:the\s+)?(" + "|".join(_DECADE_WORDS) + r")$")
_QUARTER = re.compile(r"^(?:the\s+)?(?:(?P<ord>" + "|".join(_ORDINAL_Q) + r")\s+"
                      r"(?P<part>quarter|half)|(?P<letter>[qh])(?P<q>[1-4]))"
                      r"(?:\s+(?:of\s+)?(?:" + _Y +
                      r"|(?P<rel>this|last|next)\s+year))?$")
_SEASON = re.compile(r"^(?:(?P<rel>last|this|next|the\s+past|the\s+coming)\s+)?(?:the\s+)?"
                     r"(?P<season>spring|summer|fall|autumn|winter)"
                     r"(?:\s+(?:of\s+)?" + _Y + r")?$")
_WEEK_OF = re.compile(r"^(?:the\s+)?week\s+of\s+(.+)$")
_RELATIVE = re.compile(r"^(?:the\s+)?(?P<rel>this|last|next|past|previous|coming|current|"
                       r"upcoming)\s+(?P<unit>week|month|year|quarter|weekend|decade)$")
_AGO = re.compile(r"^" + _NUM + r"\s+(?P<unit>day|week|month|year|decade)s?\s+"
                  r"(?P<dir>ago|from\s+now|hence)$")
_DAY_WORDS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}
_WEEKDAY_IN = re.compile(r"\b(" + WEEKDAY_RE + r")\b")
_WEEKDAY_REL = re.compile(r"\b(last|past|next|this|coming)\s+(?:" + WEEKDAY_RE + r")\b")
_MONTH_DAY = [re.compile(r"^(?:(?P<rel>last|next|this)\s+)?" + _WD + form + r"$")
              for form in (_MD, _DM)]
_MONTH_ONLY = re.compile(r"^(?:(?P<rel>last|next|this|the\s+coming|the\s+past)\s+)?" + _M +
                         r"$")
_HAS_MONTH = re.compile(r"\b" + MONTH_RE + r"(?=\s|$|,)")
_HAS_YEAR = re.compile(r"\b(?:1\d{3}|20\d\d)\b")
# Anchored in time: worth dateparser's ~1.5 ms only when one of these is in it.
_ANCHOR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b|\b" + MONTH_RE + r"(?=\s|$|,)|\bago\b",
                     re.IGNORECASE)


def _base(published: str | None) -> datetime | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published).replace(tzinfo=None)
    except ValueError:
        return None


def _first_match(patterns: list[re.Pattern[str]], t: str) -> re.Match[str] | None:
    return next((m for m in (p.match(t) for p in patterns) if m), None)


def _month_no(name: str) -> int:
    stem = name.lower().rstrip(".")[:3]
    return next(i + 1 for i, m in enumerate(MONTHS) if m.startswith(stem))


def _week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _pick(candidates: list[date], pub: date, tense: str | None, rel: str | None) -> date:
    """The candidate a year-less date means (see the module docstring)."""
    if rel in ("last", "the past"):
        before = [c for c in candidates if c < pub]
        return max(before) if before else min(candidates)
    if rel in ("next", "the coming"):
        after = [c for c in candidates if c > pub]
        return min(after) if after else max(candidates)
    if rel == "this":
        return next((c for c in candidates if c.year == pub.year), candidates[0])
    # The nearest; with no tense a day ahead of publication counts as 1.5 behind (news
    # looks back more often than ahead). A date against the clause's tense only within
    # a month of publication (a tense read from a parse can be wrong: "invited to a
    # ceremony on March 12" three weeks ahead attaches the date to "invited").
    def cost(c: date) -> float:
        ahead, days = c > pub, abs((c - pub).days)
        against = (tense == PAST and ahead) or (tense == FUTURE and c < pub)
        scale = 1.5 if ahead and tense is None else 1.0
        return days * scale + ((10 if days <= 31 else 1000) if against else 0)
    return min(candidates, key=cost)


def _day_in_year(month: int, day: int, weekday: str | None, pub: date,
                 tense: str | None, rel: str | None) -> date | None:
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cand = date(year, month, day)
        except ValueError:
            continue
        if weekday is None or WEEKDAYS[cand.weekday()].startswith(weekday[:3]):
            candidates.append(cand)
    return _pick(candidates, pub, tense, rel) if candidates else None


def _month_in_year(month: int, pub: date, tense: str | None, rel: str | None) -> str:
    this = date(pub.year, pub.month, 1)
    candidates = [date(y, month, 1) for y in (pub.year - 1, pub.year, pub.year + 1)]
    if tense is None and rel is None and month == pub.month:
        return f"{pub.year:04d}-{month:02d}"
    chosen = _pick(candidates, this, tense, rel)
    return f"{chosen.year:04d}-{chosen.month:02d}"


def _clean(text: str) -> str:
    t = " ".join(text.lower().replace("\u2019", "'").replace("this past ", "last ").split())
    for _ in range(4):
        stripped = _TRAIL.sub("", _LEAD.sub("", t)).strip()
        if stripped == t:
            break
        t = stripped
    return t


def _explicit(t: str, pub: date | None) -> tuple[str, str] | None:
    m = _ISO.match(t)
    if m:
        try:
            return date.fromisoformat(t).isoformat(), "day"
        except ValueError:
            return None
    m = _first_match(_DAY_FULL, t)
    if m:
        try:
            return date(int(m.group("year")), _month_no(m.group("month")),
                        int(m.group("day"))).isoformat(), "day"
        except ValueError:
            return None
    m = _MONTH_YEAR.match(t)
    if m:
        if m.group("year"):
            year = int(m.group("year"))
        elif pub is None:
            return None
        else:
            year = pub.year + {"this": 0, "last": -1, "next": 1}[m.group("rel")]
        return f"{year:04d}-{_month_no(m.group('month')):02d}", "month"
    m = _BARE_YEAR.match(t)
    if m:
        return m.group("year"), "year"
    m = _DECADE.match(t)
    if m:
        if m.group("c"):
            return f"{m.group('c')}{m.group('d')}X", "decade"
        return f"19{m.group('d2')}X", "decade"
    m = _DECADE_WORD.match(t)
    if m:
        return f"19{_DECADE_WORDS[m.group(1)]}X", "decade"
    return None


def _quarter(t: str, pub: date | None, tense: str | None) -> tuple[str, str] | None:
    """A quarter ("the third quarter" 2021-Q3) or half year ("the first half" 2021-H1);
    without a year, the latest one begun by publication, or the next when the clause
    looks ahead."""
    m = _QUARTER.match(t)
    if not m:
        return None
    half = m.group("part") == "half" or m.group("letter") == "h"
    letter, per_year = ("H", 2) if half else ("Q", 4)
    n = int(m.group("q")) if m.group("q") else _ORDINAL_Q[m.group("ord")]
    if half and m.group("ord") == "final":
        n = 2
    if n > per_year:
        return None
    precision = "half" if half else "quarter"
    if m.group("year"):
        return f"{m.group('year')}-{letter}{n}", precision
    if pub is None:
        return None
    if m.group("rel"):
        year = pub.year + {"this": 0, "last": -1, "next": 1}[m.group("rel")]
        return f"{year:04d}-{letter}{n}", precision
    now = (pub.month - 1) // (12 // per_year) + 1
    if tense == FUTURE:
        year = pub.year if n >= now else pub.year + 1
    else:
        year = pub.year if n <= now else pub.year - 1
    return f"{year:04d}-{letter}{n}", precision


def _season(t: str, pub: date | None, tense: str | None) -> tuple[str, str] | None:
    m = _SEASON.match(t)
    if not m:
        return None
    code, start = _SEASONS[m.group("season")]
    if m.group("year"):
        return f"{m.group('year')}-{code}", "season"
    if pub is None:
        return None
    # The occurrence that started most recently on or before publication.
    year = pub.year if start <= pub.month else pub.year - 1
    current = (pub.year * 12 + pub.month) - (year * 12 + start) < 3
    rel = (m.group("rel") or "").replace("the ", "")
    if rel == "last" or rel == "past":
        year -= 1 if current else 0
    elif rel in ("next", "coming") or (tense == FUTURE and not current):
        year += 1
    return f"{year:04d}-{code}", "season"


def _relative(t: str, pub: date | None) -> tuple[str | None, str | None] | None:
    m = _RELATIVE.match(t)
    if not m:
        return None
    if pub is None:
        return None, None
    rel, unit = m.group("rel"), m.group("unit")
    step = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1,
            "next": 1, "coming": 1, "upcoming": 1}[rel]
    if unit == "week":
        return _week(pub + timedelta(weeks=step)), "week"
    if unit == "weekend":
        return _weekend(pub, rel, None), "day"
    if unit == "month":
        y, mo = _add_months(pub.year, pub.month, step)
        return f"{y:04d}-{mo:02d}", "month"
    if unit == "quarter":
        y, mo = _add_months(pub.year, pub.month, 3 * step)
        return f"{y:04d}-Q{(mo - 1) // 3 + 1}", "quarter"
    if unit == "decade":
        return (f"{pub.year // 10 + step}X", "decade") if step >= 0 else (None, None)
    return f"{pub.year + step:04d}", "year"


def _weekend(pub: date, rel: str | None, tense: str | None) -> str:
    """The Saturday of the weekend meant: "last weekend", "this weekend", "the weekend"."""
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)  # on or before publication
    in_weekend = pub.weekday() >= 5
    if rel in ("last", "past", "previous"):
        saturday -= timedelta(days=7 if in_weekend else 0)
    elif rel in ("next", "coming", "upcoming") or (rel in ("this", "current") and not in_weekend) \
            or (rel is None and tense == FUTURE and not in_weekend):
        saturday += timedelta(days=7)
    return saturday.isoformat()


def _ago(t: str, pub: date | None) -> tuple[str, str] | None:
    m = _AGO.match(t)
    if not m or pub is None:
        return None
    raw = m.group("n")
    n = int(raw) if raw.isdigit() else _NUMBERS[raw]
    n = -n if m.group("dir") == "ago" else n
    unit = m.group("unit")
    if unit == "day":
        return (pub + timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        return _week(pub + timedelta(weeks=n)), "week"
    if unit == "month":
        y, mo = _add_months(pub.year, pub.month, n)
        return f"{y:04d}-{mo:02d}", "month"
    return f"{pub.year + n * (10 if unit == 'decade' else 1):04d}", "year"


def _weekday(t: str, pub: date, tense: str | None) -> tuple[str, str] | None:
    found = _WEEKDAY_IN.findall(t)
    if len(found) != 1 or _HAS_MONTH.search(t) or _HAS_YEAR.search(t):
        return None
    target = WEEKDAYS.index(found[0])
    rel = _WEEKDAY_REL.search(t)
    rel_word = rel.group(1) if rel else None
    if rel_word in ("next", "coming") or (rel_word == "this" and tense != PAST) or \
            (rel_word is None and tense == FUTURE):
        ahead = (target - pub.weekday()) % 7
        if ahead == 0 and rel_word in ("next", "coming"):
            ahead = 7
        return (pub + timedelta(days=ahead)).isoformat(), "day"
    back = (pub.weekday() - target) % 7
    if back == 0 and rel_word in ("last", "past"):
        back = 7
    return (pub - timedelta(days=back)).isoformat(), "day"


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lx = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lx) // 451
    month, day = divmod(h + lx - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 = last) `weekday` (Monday 0) of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    y, mo = _add_months(year, month, 1)
    last = date(y, mo, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


_HOLIDAYS = {
    "christmas": lambda y: date(y, 12, 25), "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24), "boxing day": lambda y: date(y, 12, 26),
    "new year's day": lambda y: date(y, 1, 1), "new year's eve": lambda y: date(y, 12, 31),
    "new year's": lambda y: date(y, 1, 1), "halloween": lambda y: date(y, 10, 31),
    "valentine's day": lambda y: date(y, 2, 14), "may day": lambda y: date(y, 5, 1),
    "easter": _easter, "easter sunday": _easter,
    "good friday": lambda y: _easter(y) - timedelta(days=2),
    "easter monday": lambda y: _easter(y) + timedelta(days=1),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
}
HOLIDAY_RE = (r"(?:christmas(?:\s+(?:day|eve))?|boxing\s+day|"
              r"new\s+year['\u2019]s(?:\s+(?:day|eve))?|"
              r"halloween|valentine['\u2019]s\s+day|easter(?:\s+(?:sunday|monday))?|"
              r"good\s+friday|thanksgiving(?:\s+day)?|labor\s+day|memorial\s+day|"
              r"election\s+day)")
_HOLIDAY = re.compile(r"^(?:(?P<rel>last|next|this)\s+)?(?P<name>" + HOLIDAY_RE +
                      r")(?:\s+(?P<week>week))?(?:\s+(?:of\s+)?" + _Y + r")?$")


def _holiday(t: str, pub: date | None, tense: str | None) -> tuple[str, str] | None:
    m = _HOLIDAY.match(t)
    if not m:
        return None
    rule = _HOLIDAYS[m.group("name")]
    if m.group("year"):
        day = rule(int(m.group("year")))
    elif pub is None:
        return None
    else:
        day = _pick([rule(y) for y in (pub.year - 1, pub.year, pub.year + 1)], pub, tense,
                    m.group("rel"))
    return (_week(day), "week") if m.group("week") else (day.isoformat(), "day")


def _calendar(t: str, pub: date, tense: str | None) -> tuple[str | None, str | None] | None:
    """Year-less and relative forms, each read against the publication day."""
    for rule in (_quarter, _season, _holiday):
        out = rule(t, pub, tense)
        if out:
            return out
    out = _relative(t, pub) or _ago(t, pub)
    if out:
        return out
    if t in _DAY_WORDS:
        return (pub + timedelta(days=_DAY_WORDS[t])).isoformat(), "day"
    if t in ("the weekend", "weekend"):
        return _weekend(pub, None, tense), "day"
    m = _WEEK_OF.match(t)
    if m:
        inner = _calendar(_clean(m.group(1)), pub, tense) or _explicit(_clean(m.group(1)), pub)
        if inner and inner[1] == "day" and inner[0]:
            return _week(date.fromisoformat(inner[0])), "week"
        return None
    m = _first_match(_MONTH_DAY, t)
    if m:
        day = _day_in_year(_month_no(m.group("month")), int(m.group("day")),
                           m.group("weekday"), pub, tense, m.group("rel"))
        return (day.isoformat(), "day") if day else None
    m = _MONTH_ONLY.match(t)
    if m:
        return _month_in_year(_month_no(m.group("month")), pub, tense, m.group("rel")), "month"
    return _weekday(t, pub, tense)


@lru_cache(maxsize=8192)
def value_of(text: str, published: str | None, tense: str | None = None,
             fallback: bool = True) -> tuple[str | None, str | None]:
    """(value, precision) of a date expression read at publication time `published`
    (ISO 8601) in a clause of `tense` ("past", "future" or None); (None, None) when it
    cannot be placed in time. `fallback=False`: the rules only, no dateparser (None,
    None when they do not read it). Cached per argument tuple."""
    raw = " ".join(text.lower().split())
    if raw in _REFS or _clean(text) in _REFS:
        return _REFS.get(raw) or _REFS[_clean(text)], None
    t = _clean(text)
    unit = re.match(r"^the\s+(week|month|year|quarter)$", t)
    if unit and raw != t:  # "the end of the year": the modifier named this year
        t = f"this {unit.group(1)}"
    unit = re.match(r"^(year|month|quarter)[-\s]end$", t)
    if unit:  # "by year-end"
        t = f"this {unit.group(1)}"
    if raw.startswith("since "):
        tense = PAST
    base = _base(published)
    pub = base.date() if base is not None else None
    known = _explicit(t, pub)
    if known is not None:
        return known
    if pub is not None:
        out = _calendar(t, pub, tense)
        if out is not None:
            return out
    elif _QUARTER.match(t) or _SEASON.match(t) or _HOLIDAY.match(t):
        return (_quarter(t, None, tense) or _season(t, None, tense)
                or _holiday(t, None, tense) or (None, None))
    if not fallback or not _ANCHOR.search(t) or _DECADE_WORD.search(t) or \
            re.search(r"\d0['\u2019]?s\b", t):
        return None, None
    return _parsed(t, base)


@lru_cache(maxsize=16)
def _parser(base: datetime | None):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past"}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


_PERIOD = {"day": "day", "week": "day", "time": "day", "month": "month", "year": "year"}


def _parsed(t: str, base: datetime | None) -> tuple[str | None, str | None]:
    """dateparser's reading of what the rules above do not cover, else the month and/or
    year the text names ("mid-2019" -> 2019)."""
    if base is None and not _HAS_YEAR.search(t):
        return None, None
    try:
        data = _parser(base).get_date_data(t)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
        data = None
    if data is not None and data.date_obj is not None and _HAS_YEAR.search(t):
        precision = _PERIOD.get(data.period or "day", "day")
        d = data.date_obj.date()
        return {"day": d.isoformat(), "month": f"{d.year:04d}-{d.month:02d}",
                "year": f"{d.year:04d}"}[precision], precision
    year = re.search(r"\b(1\d{3}|20\d\d)\b", t)
    month = _HAS_MONTH.search(t)
    if year and month:
        return f"{int(year.group(1)):04d}-{_month_no(month.group(0)):02d}", "month"
    if year:
        return year.group(1), "year"
    return None, None
