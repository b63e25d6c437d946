"""Where the date expressions of a Doc are, how ranges and lists split, and the tense of
the clause each one dates (tidings_dates puts these together; date_values reads them).

- Spans: every DATE entity; a TIME entity that names a day ("Friday night", "9 a.m.
  Tuesday", "this morning"); and, outside every entity, weekday names, "Month D" dates,
  today/tonight/tomorrow/yesterday, "now", "(the) future" and holidays the model missed.
- Ranges and lists: "between 1985 and 1987", "from March to May", "2009-2010",
  "April 24 and 25", "1994, 1995 and 1997" split into one part per date, each with its
  own span; a part borrows the month or year it leaves out from its neighbours ("March
  to May 2009": March 2009). A range's parts also carry the range's first and last value.
- Tense: from the verb the date attaches to (through its preposition): will/shall,
  a modal, a present tense, a verb of planning ("scheduled", "postponed until") or a
  to-infinitive after one ("planned to leave") -> "future"; a past tense or participle
  -> "past"; a date that modifies a noun ("Friday's strike", "the Jan. 14 deadline")
  or a to-infinitive after a past verb ("gathered to mark") -> None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .date_values import FUTURE, MONTH_RE, PAST, WEEKDAY_RE

_DAYLIKE = re.compile(r"\b(?:" + WEEKDAY_RE + r"|today|tonight|tomorrow|yesterday|"
                      r"this\s+(?:morning|afternoon|evening)|(?:next|following|that)\s+"
                      r"(?:morning|afternoon|evening|night|day))\b|\b" + MONTH_RE + r"\s+\d",
                      re.IGNORECASE)
_HOLIDAY_NAMES = (r"Christmas(?:\s+(?:Day|Eve))?|Boxing\s+Day|New\s+Year['\u2019]s\s+(?:Day|Eve)|"
                  r"Halloween|Valentine['\u2019]s\s+Day|Easter(?:\s+(?:Sunday|Monday))?|"
                  r"Good\s+Friday|Thanksgiving(?:\s+Day)?|Labor\s+Day|Memorial\s+Day|"
                  r"Election\s+Day")
_EXTRA_NAMES = re.compile(
    r"\b(?:(?:last|next|this)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_EXTRA_CALENDAR = re.compile(
    r"\b(?:(?:last|next|this)\s+)?(?:" + _HOLIDAY_NAMES + r")\b|"
    r"\b(?:pre|post|mid)-(?:1\d{3}|20\d\d)\b|"
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.\s+\d{1,2}\b(?:,\s+\d{4}\b)?|"
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{1,2}\b(?:,\s+\d{4}\b)?")
_EXTRA_WORDS = re.compile(
    r"\b(?:today|tonight|tomorrow|yesterday|now|(?:the\s+)?future|"
    r"(?:(?:earlier|later)\s+)?that\s+(?:same\s+)?day|the\s+(?:next|following)\s+"
    r"(?:day|morning))\b", re.IGNORECASE)
_YEAR_AFTER = re.compile(r"\s*(?:to|through|until|till|and|-|\u2013)\s*(1\d{3}|20\d\d)\b",
                         re.IGNORECASE)
_RANGE_START = re.compile(r"^(?:between|from)\s+", re.IGNORECASE)
_WORD_SEP = re.compile(r"\s+(?:to|through|thru|until|till|and|or)\s+|\s*,\s*(?:and\s+|or\s+)?",
                       re.IGNORECASE)
_RANGE_WORD = re.compile(r"^\s*(?:to|through|thru|until|till)\s*$|^\s*[-\u2013\u2014/]\s*$",
                         re.IGNORECASE)
_DASH = re.compile(r"(?<=\d)\s*[-\u2013\u2014/]\s*(?=\d)|"
                   r"(?<=[a-z.])\s*[-\u2013\u2014]\s*(?=" + MONTH_RE + r")", re.IGNORECASE)
_DAY_ONLY = re.compile(r"^\d{1,2}$")
# the years of a body's name as ACLED writes it: "Police Forces of Congo (2001-2019)"
_NAME_YEARS = re.compile(r"\((?:1\d{3}|20\d\d)\s*-\s*(?:1\d{3}|20\d\d)?\)")
_NAME_BEFORE = re.compile(r"[A-Z][\w.'-]*\s$")
_SHORT_YEAR = re.compile(r"^\d{2}$")
_YEAR_END = re.compile(r"(?:,?\s+)?\b(1\d{3}|20\d\d)$")
_YEAR_4 = re.compile(r"\b(1\d{3}|20\d\d)\b")
_MONTH_FIRST = re.compile(r"^(" + MONTH_RE + r")\s+\d", re.IGNORECASE)
_MONTH_LAST = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?\s+(" + MONTH_RE + r")$", re.IGNORECASE)
_SOON = re.compile(r"\bas\s+(?:soon|early)\s+as$|\b(?:coming|upcoming|next)$")
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_MODAL = {"would", "might", "may", "can", "should", "must", "'d"}  # not "could": was able
_UNTIL = re.compile(r"(?:^|\s)(?:until|till)(?:\s|$)")
_AHEAD_WORDS = {"due", "likely", "ready", "set", "going", "want", "agree", "decide", "ask",
                "order", "urge", "seek", "try", "able", "need", "hope", "wish", "plan"}
_PRESENT_AUX = {"is", "are", "am", "'s", "'re"}
_PAST_AUX = {"was", "were", "has", "have", "had", "been", "'ve"}
_PROSPECTIVE = {"plan", "schedule", "expect", "slate", "postpone", "delay", "defer",
                "adjourn", "intend", "prepare", "reschedule", "await", "propose", "vow",
                "promise", "pledge", "threaten", "aim", "hope"}
_SAY = {"say", "tell", "report", "announce", "state", "add", "note", "write", "claim"}
_DAY_PARTS = {"morning", "afternoon", "evening", "night", "dawn", "midday", "noon"}
_MODIFIER_DEPS = {"poss", "compound", "nmod", "amod", "nummod"}


@dataclass
class Part:
    """One date of a span: its character offsets in the Doc and the text to read."""
    start: int
    end: int
    text: str      # the part as written
    reading: str   # with the month or year it borrows from its neighbours


def candidate_spans(doc: Doc, text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the date expressions, in text order."""
    spans = []
    for ent in doc.ents:
        if _NAME_YEARS.match(text, max(0, ent.start_char - 1)) and \
                _NAME_BEFORE.search(text, 0, max(0, ent.start_char - 1)):
            continue  # "Military Forces of Israel (2015-2019)": a name's years, no date
        if ent.label_ == "DATE" or (ent.label_ == "TIME" and _DAYLIKE.search(ent.text)):
            spans.append((ent.start_char, ent.end_char))
    for _s, e in list(spans):  # "from 2009 to 2013", the model tagging only 2009
        m = _YEAR_AFTER.match(text, e)
        if m and not any(a < m.end(1) and m.start(1) < b for a, b in spans):
            spans.append((m.start(1), m.end(1)))
    dated = list(spans)
    taken = [(e.start_char, e.end_char) for e in doc.ents]
    for pattern in (_EXTRA_CALENDAR, _EXTRA_NAMES, _EXTRA_WORDS):
        # a calendar date or holiday is one even inside a name ("the Aug. 7 Embassy
        # bombings"); a weekday or "now" only outside every entity ("USA Today")
        blocked = dated if pattern is _EXTRA_CALENDAR else taken
        for m in pattern.finditer(text):
            s, e = m.start(), m.end()
            if not any(a < e and s < b for a, b in blocked):
                spans.append((s, e))
                dated.append((s, e))
                taken.append((s, e))
    return sorted(spans)


def split_parts(text: str, start: int) -> tuple[list[Part], bool]:
    """The parts of the expression `text` (at offset `start`) and whether they form a
    range; one part when it is not a range or list."""
    prefix = _RANGE_START.match(text)
    body_at = prefix.end() if prefix else 0
    body = text[body_at:]
    seps = [m for m in _WORD_SEP.finditer(body)] + [m for m in _DASH.finditer(body)]
    seps.sort(key=lambda m: m.start())
    if not seps:  # "between now": "now"
        return [Part(start + body_at, start + len(text), body, body)], False
    pieces, pos, is_range = [], 0, prefix is not None
    for m in seps:
        if m.start() < pos or m.start() == 0:
            continue
        pieces.append((pos, m.start()))
        is_range = is_range or bool(_RANGE_WORD.match(m.group(0)))
        pos = m.end()
    pieces.append((pos, len(body)))
    pieces = [(a, b) for a, b in pieces if body[a:b].strip()]  # "between now and"
    parts = [Part(start + body_at + a, start + body_at + b, body[a:b], body[a:b])
             for a, b in pieces]
    _borrow(parts)
    return parts, is_range


def _borrow(parts: list[Part]) -> None:
    """Fill in what a part leaves out from its neighbours: the month of "April 24 and
    25", the year of "March to May 2009", the century of "1994-97"."""
    first, last = parts[0].reading, parts[-1].reading
    month_first = _MONTH_FIRST.match(first)
    month_last = _MONTH_LAST.match(last)
    year_end = _YEAR_END.search(last)
    year_start = _YEAR_4.search(first)
    for i, part in enumerate(parts):
        r = part.reading
        if _DAY_ONLY.match(r) and month_first and i > 0:
            r = f"{month_first.group(1)} {r}"
        elif _DAY_ONLY.match(r) and month_last and i < len(parts) - 1:
            r = f"{r} {month_last.group(1)}"
        elif _SHORT_YEAR.match(r) and year_start and i > 0:
            r = year_start.group(1)[:2] + r
        if year_end and i < len(parts) - 1 and not _YEAR_4.search(r) and \
                re.search(MONTH_RE, r, re.IGNORECASE):
            r = f"{r} {year_end.group(1)}"
        part.reading = r


def clause_tense(doc: Doc, start: int, end: int) -> str | None:
    """"past", "future" or None for the clause the date at [start, end) dates."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    before = " ".join(t.lower_ for t in doc[max(0, span.start - 4):span.start])
    if _SOON.search(before):
        return FUTURE
    tok = span.root
    if tok.dep_ == "compound" and tok.head.lower_ in _DAY_PARTS:  # "Thursday morning"
        tok = tok.head
    if _UNTIL.search(before) and "up until" not in before:
        verb = _governing_verb(tok)
        auxes = {c.lower_ for c in verb.children} if verb is not None else set()
        return None if "had" in auxes else FUTURE
    if tok.dep_ in _MODIFIER_DEPS:
        return None
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        if head.lower_ in ("until", "till"):
            return FUTURE if head.head.lemma_ in _PROSPECTIVE else None
        head = head.head
    if head == tok or head.pos_ not in ("VERB", "AUX"):
        return None
    return verb_tense(head)


def _governing_verb(tok):
    head = tok.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX") or head == head.head:
            break
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def verb_tense(verb, depth: int = 0) -> str | None:
    """The tense a verb token gives the date attached to it (see the module docstring);
    a to-infinitive takes it from what governs it ("planned to leave": future, "gathered
    to mark": past)."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & _FUTURE_AUX:
        return FUTURE
    if auxes & _MODAL:
        return PAST if auxes & {"have", "'ve"} else FUTURE
    if verb.lemma_ in _PROSPECTIVE or (verb.lemma_ == "set" and verb.tag_ == "VBN"):
        return FUTURE
    if "to" in auxes and verb.tag_ == "VB":
        gov = verb.head
        if gov.lemma_ in _PROSPECTIVE or gov.lemma_ in _AHEAD_WORDS:
            return FUTURE
        # otherwise it happens after what governs it, whenever that was
        return FUTURE if gov.pos_ in ("VERB", "AUX") and depth < 2 and \
            verb_tense(gov, depth + 1) == FUTURE else None
    if verb.tag_ == "VBD" or auxes & _PAST_AUX:
        return PAST
    present = verb.tag_ in ("VBZ", "VBP") or (verb.tag_ in ("VBG", "VBN") and
                                               auxes & _PRESENT_AUX)
    if verb.tag_ == "VBN" and not present:  # "the decision announced Wednesday"
        return PAST
    if present and verb.lemma_ not in _SAY:  # "is heard in May", "takes effect Jan. 1"
        return FUTURE
    return None
