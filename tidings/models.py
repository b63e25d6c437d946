"""The types passed between stages. Field names follow ../shared/spec/output.md.

Every stage takes and returns these; `to_dict()` gives the contract's JSON shape.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any

_FIELDS: dict[type, tuple[str, ...]] = {}
_SCALARS = (str, int, float, bool, type(None))


def plain(obj: Any) -> Any:
    """What `dataclasses.asdict` gives for our types (dataclasses, lists, dicts and
    scalars), a few times faster: it copies no scalar and looks up each type's fields once.
    A coded document holds hundreds of thousands of small values."""
    if isinstance(obj, _SCALARS):
        return obj
    if isinstance(obj, list):
        return [plain(x) for x in obj]
    names = _FIELDS.get(type(obj))
    if names is None:
        if not is_dataclass(obj):
            return {k: plain(v) for k, v in obj.items()} if isinstance(obj, dict) \
                else obj
        names = _FIELDS[type(obj)] = tuple(f.name for f in fields(obj))
    return {n: plain(getattr(obj, n)) for n in names}


@dataclass
class Paragraph:
    start: int
    end: int
    heading: bool = False


@dataclass
class Article:
    id: str
    origin: str
    text: str
    title: str = ""
    subtitles: list[str] = field(default_factory=list)
    section: str | None = None
    published: str | None = None  # ISO 8601 UTC, "2021-02-27T03:30:00Z"
    url: str | None = None
    source: str | None = None
    language: str = "en"
    paragraphs: list[Paragraph] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return plain(self)

    def paragraph_texts(self) -> list[str]:
        return [self.text[p.start:p.end] for p in self.paragraphs]


def content_hash(article: Article) -> str:
    """The article's identity: outlet, URL, title and body text (32 hex digits).

    Origin and id are left out on purpose, so the same story read from a copied file
    is recognised; the outlet and URL are in, so a wire story run by two outlets
    counts as two articles (and two sources) like GDELT counts them.
    """
    blob = json.dumps([article.source, article.url, article.title, article.text],
                      ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


@dataclass
class DocumentError:
    """One problem with one document; recorded, never fatal to a batch."""
    stage: str       # "read", "nlp", "code", "store"
    message: str
    origin: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"stage": self.stage, "message": self.message}
        if self.origin:
            out["origin"] = self.origin
        return out


@dataclass
class ReadResult:
    """What a reader yields per document: an article, or errors naming why not."""
    article: Article | None
    errors: list[DocumentError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article.to_dict() if self.article else None,
                "errors": [e.to_dict() for e in self.errors]}


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Actor:
    id: str
    name: str
    kind: str  # person | organization | country | group
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    title: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class ActorRef:
    """An event participant: the actor plus the words that named it in this sentence."""
    actor: str | None
    text: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    # True when the side is inferred from where the event happened ("lifted the curfew
    # in Montenegro" -> Montenegro), not named as a participant.
    inferred: bool = False


@dataclass
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str  # city | admin | country | other
    mentions: list[Mention] = field(default_factory=list)
    # the finer class: country | region | county | city | continent | other
    feature_class: str | None = None


@dataclass
class DateRef:
    text: str
    start: int
    end: int
    value: str | None       # TimeML-like: "YYYY-MM-DD", "YYYY-Www", "YYYY-MM", "YYYY-Qn",
                            # "YYYY-SU", "YYYY", "199X"; PRESENT_REF / FUTURE_REF / PAST_REF
    precision: str | None   # day | week | month | quarter | season | year | decade
    range_start: str | None = None  # a part of a range ("between 1985 and 1987"):
    range_end: str | None = None    # the range's first and last value


@dataclass
class SourceCited:
    name: str
    start: int
    end: int


@dataclass
class Quote:
    id: str
    text: str
    start: int
    end: int
    direct: bool
    speaker: str | None = None
    speaker_name: str | None = None
    cue: str | None = None


@dataclass
class Casualty:
    killed: int | None
    injured: int | None
    killed_or_injured: int | None
    text: str
    start: int
    end: int
    event: str | None = None


@dataclass
class Location:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str


@dataclass
class EventMention:
    """One telling of an event in its article: "the raid", "the deadly US strike"."""
    id: str           # the id the mention had before it was joined
    sentence: Mention
    trigger: Mention
    by: list[str] = field(default_factory=list)
    modality: str = "asserted"


@dataclass
class Event:
    id: str
    type: str
    mode: str | None
    context: list[str]
    cameo: str
    goldstein: float
    quad_class: int
    source: list[ActorRef]
    target: list[ActorRef]
    date: str | None
    date_precision: str | None
    location: Location | None
    negated: bool
    modality: str  # asserted | reported | future | hypothetical | historical
    confidence: float
    sentence: Mention
    trigger: Mention
    quote: str | None = None
    # the named rules that made this event (tidings/extract/event_rules.py): provenance,
    # so an analyst can ask why; not part of what is coded
    by: list[str] = field(default_factory=list)
    # every telling of the event in the article, in text order (the first is where its
    # id comes from); tidings/extract/events/article.py joins them
    mentions: list[EventMention] = field(default_factory=list)
    # where `date` came from: clause | mention | lead | published (None: undated)
    date_from: str | None = None

    def tellings(self) -> list[Event]:
        """The event once per sentence that tells it, with that sentence and its
        trigger there: what a sentence-level scorer compares with gold coded sentence
        by sentence ("killed one and wounded two" stays one event of its sentence)."""
        out = [self]
        told = {self.sentence.start}
        for m in self.mentions:
            if m.sentence.start not in told:
                told.add(m.sentence.start)
                out.append(replace(self, sentence=m.sentence, trigger=m.trigger,
                                   mentions=[m]))
        return out


@dataclass
class CodedDocument:
    article: Article
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    sources_cited: list[SourceCited] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = plain(self)
        out["errors"] = [e.to_dict() for e in self.errors]
        return out
