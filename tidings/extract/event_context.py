"""When, where and how sure for tidings_events: an event's setting and confidence.

Holds the dates and places a trigger's own clause carries (locative phrases only),
the article's publication date and the test for a historical event, the quote a
trigger sits in, the event's context label, and the confidence score with its
calibration table (`CALIBRATE`, `calibrated`).
"""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from ..models import Location
from ..ontology.contexts import contexts_of
from ..ontology.words import words
from ..paths import DATA_DIR
from .datelines import dateline_span
from .event_args import LOCATIVE_PREPS
from .event_triggers import Candidate

HISTORICAL_DAYS = 60


# ---------------------------------------------------------------- when and where

def _nearest_trigger(tok: Token, triggers: dict[int, Candidate]) -> Candidate | None:
    cur = tok
    for _ in range(12):
        if cur.i in triggers:
            return triggers[cur.i]
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _clause_dates(sent: Span, triggers: dict[int, Candidate], dates) -> dict[int, object]:
    """Map candidate trigger index -> the DateRef that its own clause carries (not the
    dateline's: "KABUL, March 3 (AFP) -" is when it was filed)."""
    out: dict[int, object] = {}
    dateline = dateline_span(sent.doc)
    for d in dates:
        if dateline is not None and dateline[0] <= d.start < dateline[1]:
            continue
        if d.value is None or d.precision is None or \
                not (sent.start_char <= d.start < sent.end_char):  # not "now" (PRESENT_REF)
            continue
        span = sent.doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None or (_names_a_thing(span.root, d) and span.root.head.i not in triggers):
            continue
        owner = _nearest_trigger(span.root, triggers)
        if owner is not None:
            out.setdefault(owner.trigger.i, d)
    return out


def _names_a_thing(root: Token, d) -> bool:
    """"suspended a [1960] water-sharing treaty": a year that names a thing (the treaty
    of 1960) is not when the act happened (but "the 2014 annexation" is the act's)."""
    return d.precision == "year" and root.dep_ in ("nummod", "compound", "amod") and \
        root.head.pos_ in ("NOUN", "PROPN") and root.head.ent_type_ != "DATE"


def _clause_places(sent: Span, triggers: dict[int, Candidate], places) -> dict[int, list]:
    """Map candidate trigger index -> places named in a locative phrase of its clause."""
    out: dict[int, list] = {}
    for place in places:
        for m in place.mentions:
            if not (sent.start_char <= m.start < sent.end_char):
                continue
            span = sent.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not _is_locative(span.root):
                continue
            owner = _nearest_trigger(span.root, triggers)
            if owner is not None:
                out.setdefault(owner.trigger.i, []).append(place)
    return out


def _is_locative(tok: Token) -> bool:
    """Is this place where something happened ("in Syria's province of Deir ez-Zor")
    rather than a modifier of something else ("the US strike")?"""
    cur = tok
    for _ in range(8):
        if cur.dep_ == "pobj" and cur.head.lower_ in LOCATIVE_PREPS:
            return True
        if cur.dep_ in ("compound", "poss", "amod", "nmod"):
            if cur.head.lemma_.lower() not in PLACE_NOUNS and not cur.head.ent_type_ in (
                    "GPE", "LOC", "FAC"):
                return False
            cur = cur.head
            continue
        if cur.dep_ in ("pobj", "appos", "conj") or (cur.dep_ == "prep" and cur.lower_ == "of"):
            cur = cur.head
            continue
        return False
    return False


PLACE_NOUNS = words("event_place_nouns")
_FEATURE_RANK = {"city": 0, "other": 1, "admin": 2, "country": 3}


def _best_place(places) -> Location | None:
    if not places:
        return None
    p = min(places, key=lambda p: _FEATURE_RANK.get(p.feature, 4))
    return Location(name=p.name, country=p.country, lat=p.lat, lon=p.lon,
                    geonameid=p.geonameid, feature=p.feature)


def _published_date(doc: Doc) -> date | None:
    art = doc._.article
    if art is None or not art.published:
        return None
    try:
        # the replace is not redundant: it also lets a date-only "2021-02-27Z" parse
        return datetime.fromisoformat(art.published.replace("Z", "+00:00")).date()  # noqa: FURB162
    except ValueError:
        return None


def _is_historical(value: str | None, published: date | None) -> bool:
    if not value or published is None:
        return False
    try:
        parts = [int(x) for x in value.split("-")]
        when = date(parts[0], parts[1] if len(parts) > 1 else 12,
                    parts[2] if len(parts) > 2 else 28)
    except (ValueError, IndexError):
        return False
    return (published - when).days > HISTORICAL_DAYS


def _quote_at(doc: Doc, start: int):
    for q in doc._.quotes or []:
        if q.start <= start < q.end:
            return q
    return None


def _confidence(c: Candidate, n_src: int, n_tgt: int, modality: str, negated: bool) -> float:
    score = 0.25 + 0.45 * c.entry.weight
    score += 0.15 if n_src else -0.1
    score += 0.1 if n_tgt else 0.0
    if c.trigger.pos_ == "NOUN" and c.governor is None:
        score -= 0.1
    if modality != "asserted":
        score -= 0.05
    if negated:
        score -= 0.05
    raw = max(0.05, min(0.99, score))
    return round(calibrated(raw) if CALIBRATE else raw, 3)


# Set to False to get raw scores (eval/calibrate.py does, to refit the table).
CALIBRATE = True


@lru_cache(maxsize=1)
def _calibration() -> list[tuple[float, float]]:
    path = DATA_DIR / "confidence_calibration.tsv"
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("#", "raw")) or not line.strip():
            continue
        raw, cal = line.split("\t")
        rows.append((float(raw), float(cal)))
    return rows


def calibrated(raw: float) -> float:
    """The share of events with this raw score whose type was right on the gold sets,
    interpolated between the knots of data/confidence_calibration.tsv."""
    table = _calibration()
    if not table:
        return raw
    value = table[-1][1]
    if raw <= table[0][0]:
        value = table[0][1]
    else:
        for (x0, y0), (x1, y1) in pairwise(table):
            if raw <= x1:
                value = y0 + (y1 - y0) * (raw - x0) / (x1 - x0) if x1 > x0 else y1
                break
    return max(0.05, min(0.99, value))  # never certain either way


def _context(c: Candidate, sentence: str, sources, targets) -> list[str]:
    """PLOVER contexts (ontology/contexts.py): from the act (an air strike or troops are
    military, a consultation or an agreement diplomatic, the police's force on civilians
    or the opposition repression), the sides' sectors, and the sentence's words."""
    base = []
    if c.entry.mode in ("aerial", "troops") or c.entry.type == "MOBILIZE":
        base.append("military")
    if c.entry.type in ("CONSULT", "AGREE", "SUPPORT"):
        base.append("diplomatic")
    if c.entry.type in ("ASSAULT", "COERCE") and any(r.sector == "COP" for r in sources) \
            and any(r.sector in ("CVL", "OPP", "MED", "EDU", "LAB") for r in targets):
        base.append("repression")
    return contexts_of(sentence, [r.sector for r in (*sources, *targets)], base)
