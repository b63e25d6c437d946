"""CodedDocument -> rows for each store table. Pure functions: no database here.

Identity is content-derived so that re-running an ingest (or finishing one that was
killed) produces exactly the same rows: articles are keyed by `content_hash` (the
article's identity, tidings.models; re-exported here), event
mentions by article hash + the coder's event id, errors by what they say.

Rows are built as tuples in the column order of `schema.TABLES` and collected per
table in a `RowBatch`, which hands DuckDB one Arrow table per table and batch; the
write path is dominated by this per-row Python, so it avoids a dict per row, asdict
and a JSON encoder per value. `document_rows` gives the same rows as dicts.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, fields
from json.encoder import encode_basestring
from operator import attrgetter, itemgetter
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ..models import (
    Actor,
    ActorRef,
    Article,
    CodedDocument,
    DocumentError,
    Event,
    Mention,
    Paragraph,
    content_hash,
)
from .merge import event_context, event_id_of
from .schema import arrow_schema, columns

Rows = dict[str, list[dict[str, Any]]]
# The tables a RowBatch fills, in write order (`events` is computed by the merge).
ROW_TABLES = ["articles", "actors", "event_mentions", "quotes", "places", "dates",
              "casualties", "sources_cited", "errors"]

__all__ = ["ROW_TABLES", "ArrowBatch", "RowBatch", "Rows", "content_hash", "document_rows",
           "error_key", "error_rows", "merge_key", "parse_day", "side_key"]


def _digest(*parts: Any) -> str:
    blob = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def error_key(article_hash: str | None, error: DocumentError) -> str:
    return _digest(article_hash or error.origin, error.stage, error.message)


# One encoder for every JSON column: `json.dumps(v, ensure_ascii=False)` builds a new
# JSONEncoder per call, which was a tenth of the write path; the output is the same.
_json = json.JSONEncoder(ensure_ascii=False).encode


class _Unusual(Exception):
    """A value the hand-written encoders below do not cover: use the generic encoder."""


def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


# The hand-written encoders spell out these field lists; if a model changes, they step
# aside and the generic encoder (same output as json.dumps of asdict) is used.
_FAST_JSON = (_names(Mention) == ("start", "end", "text")
              and _names(Paragraph) == ("start", "end", "heading")
              and _names(ActorRef) == ("actor", "text", "country", "sector", "code",
                                       "inferred"))


def _s(value: Any) -> str:
    """A str or None as JSON, exactly as json.dumps(ensure_ascii=False) writes it."""
    if type(value) is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    raise _Unusual


def _i(value: Any) -> str:
    if type(value) is int:
        return str(value)
    raise _Unusual


def _b(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    raise _Unusual


def _records(items: list[Any]) -> list[dict[str, Any]]:
    """Flat dataclasses as the dicts `dataclasses.asdict` gives (their fields are scalars)."""
    out = []
    for item in items:
        names = _names(type(item))
        out.append(dict(zip(names, attrgetter(*names)(item), strict=True)))
    return out


def _strings_json(values: list[Any]) -> str:
    """JSON of a list of strings (contexts, subtitles)."""
    try:
        return "[" + ", ".join([_s(v) for v in values]) + "]"
    except _Unusual:
        return _json(list(values))


def _mentions_json(mentions: list[Mention]) -> str:
    """JSON of `[asdict(m) for m in mentions]`."""
    if not mentions:
        return "[]"
    if _FAST_JSON:  # checked and encoded in one pass; anything unusual is left out
        parts = [f'{{"start": {m.start}, "end": {m.end}, "text": {encode_basestring(m.text)}}}'
                 for m in mentions if type(m) is Mention and type(m.start) is int
                 and type(m.end) is int and type(m.text) is str]
        if len(parts) == len(mentions):
            return "[" + ", ".join(parts) + "]"
    return _json(_records(mentions))


def _paragraphs_json(paragraphs: list[Paragraph]) -> str:
    """JSON of `[asdict(p) for p in paragraphs]`."""
    try:
        if not _FAST_JSON or any(type(p) is not Paragraph for p in paragraphs):
            raise _Unusual
        return "[" + ", ".join([f'{{"start": {_i(p.start)}, "end": {_i(p.end)}, '
                                f'"heading": {_b(p.heading)}}}' for p in paragraphs]) + "]"
    except _Unusual:
        return _json(_records(paragraphs))


def _side(refs: list[ActorRef], actors: dict[str, Actor]
          ) -> tuple[str | None, str | None, str | None, str | None, str]:
    """(code, name, country, sector) of the first participant, and JSON for all of them
    (each ref's fields plus the name of the actor it points at, else its text)."""
    if not refs:
        return None, None, None, None, "[]"
    names = [actors[r.actor].name if r.actor in actors else r.text for r in refs]
    first = refs[0]
    try:
        if not _FAST_JSON or any(type(r) is not ActorRef for r in refs):
            raise _Unusual
        # `e(x) if type(x) is str else _s(x)`: _s inlined for the common case (hot loop).
        e = encode_basestring
        text = "[" + ", ".join([
            f'{{"actor": {e(r.actor) if type(r.actor) is str else _s(r.actor)}, '
            f'"text": {e(r.text) if type(r.text) is str else _s(r.text)}, '
            f'"country": {e(r.country) if type(r.country) is str else _s(r.country)}, '
            f'"sector": {e(r.sector) if type(r.sector) is str else _s(r.sector)}, '
            f'"code": {e(r.code) if type(r.code) is str else _s(r.code)}, '
            f'"inferred": {_b(r.inferred)}, "name": {e(n) if type(n) is str else _s(n)}}}'
            for r, n in zip(refs, names, strict=True)]) + "]"
    except _Unusual:
        full = _records(refs)
        for item, name in zip(full, names, strict=True):
            item["name"] = name
        text = _json(full)
    return first.code, names[0], first.country, first.sector, text


def parse_day(value: str | None) -> dt.date | None:
    """First day of the period named by "YYYY-MM-DD", "YYYY-MM" or "YYYY"; None if not one."""
    if not value:
        return None
    parts = value.split("-")
    try:
        nums = [int(p) for p in parts[:3]] + [1] * (3 - len(parts[:3]))
        return dt.date(nums[0], nums[1], nums[2])
    except ValueError:
        return None


def _ref_key(ref: ActorRef) -> str:
    """How a participant is compared across articles: its code, else country+sector, else words."""
    if ref.code:
        return ref.code
    if ref.country or ref.sector:
        return f"{ref.country or ''}{ref.sector or ''}"
    return " ".join(ref.text.lower().split())


def side_key(refs: list[ActorRef]) -> str:
    return "+".join(sorted({_ref_key(r) for r in refs}))


def merge_key(event: Event) -> str:
    """Mentions can merge only when this key is equal (the date/place test comes after)."""
    return "|".join([event.type, "neg" if event.negated else "pos",
                     side_key(event.source), side_key(event.target)])


def location_key(event: Event) -> str | None:
    loc = event.location
    if loc is None:
        return None
    if loc.geonameid is not None:
        return f"g{loc.geonameid}"
    return f"n{loc.name.lower()}|{loc.country or ''}"


def _lead_end(article: Article) -> int:
    """End offset of the first body paragraph: events there are the story's root events."""
    for para in sorted(article.paragraphs, key=lambda p: p.start):
        if not para.heading:
            return para.end
    return len(article.text)


_quote = attrgetter("id", "text", "start", "end", "direct", "speaker", "speaker_name",
                    "cue")
_date = attrgetter("text", "start", "end", "value", "precision")
_casualty = attrgetter("killed", "injured", "killed_or_injured", "text", "start", "end",
                       "event")
_source = attrgetter("name", "start", "end")


def _mention_tuple(art: Article, h: str, event: Event, actors: dict[str, Actor],
                   lead_end: int) -> tuple:
    """The event_mentions row of one event, in column order (`event_id` None until merged,
    or for an undated mention until `RowBatch.to_arrow`)."""
    s_code, s_name, s_country, s_sector, s_actors = _side(event.source, actors)
    t_code, t_name, t_country, t_sector, t_actors = _side(event.target, actors)
    loc, sentence, trigger = event.location, event.sentence, event.trigger
    if loc is None:
        loc_cols: tuple = (None,) * 7
    else:
        loc_cols = (location_key(event), loc.name, loc.country, loc.lat, loc.lon,
                    loc.geonameid, loc.feature)
    return (
        f"{h}:{event.id}", None, h, event.id, merge_key(event), event.type, event.mode,
        _strings_json(event.context), event.cameo, event.goldstein, event.quad_class,
        s_code, s_name, s_country, s_sector, t_code, t_name, t_country, t_sector,
        s_actors, t_actors, event.date, event.date_precision, parse_day(event.date),
        *loc_cols,
        event.negated, event.modality, event.confidence,
        sentence.start, sentence.end, sentence.text, trigger.start, trigger.end,
        trigger.text, event.quote, sentence.start < lead_end,
        art.source, art.url, art.published,
        _tellings_json(event), event.date_from,
    )


def _tellings_json(event: Event) -> str:
    return json.dumps([asdict(m) for m in event.mentions], ensure_ascii=False)


@dataclass(frozen=True)
class ArrowBatch:
    """A RowBatch converted for DuckDB (`RowBatch.to_arrow`): one Arrow table per table
    that has rows, in ROW_TABLES order; the distinct merge keys of its dated mentions
    (the ones a merge must look at); and the `events` rows of its undated mentions,
    each an event alone (merge rule 2), whose ids the mention rows carry already."""
    tables: dict[str, pa.Table]
    merge_keys: list[str]
    events: pa.Table

    @classmethod
    def concat(cls, parts: list[ArrowBatch]) -> ArrowBatch:
        """One batch holding every row of `parts`, in their order (coding workers
        convert their own chunks; the writer joins them into one transaction's). The
        columns are made contiguous: DuckDB inserts a table of many small chunks ~40%
        slower (bench/store_write.py --prebuilt), and copying them costs ~1%."""
        if len(parts) == 1:
            return parts[0]

        def joined(tables: list[pa.Table]) -> pa.Table:
            return pa.concat_tables(tables).combine_chunks()

        tables = {t: joined(found) for t in ROW_TABLES
                  if (found := [p.tables[t] for p in parts if t in p.tables])}
        events = [p.events for p in parts if len(p.events)]
        return cls(tables, sorted({k for p in parts for k in p.merge_keys}),
                   joined(events) if events else arrow_schema("events").empty_table())

    @classmethod
    def empty(cls) -> ArrowBatch:
        """A batch without rows."""
        return cls({}, [], arrow_schema("events").empty_table())

    def count(self, table: str) -> int:
        return self.tables[table].num_rows if table in self.tables else 0


class RowBatch:
    """Rows of many coded documents, per table, as tuples in `schema.TABLES` column order.

    `add` appends one document; `arrow(table)` gives the Arrow table DuckDB inserts;
    `rows(table)` gives dicts (what `document_rows` returns). Error rows are unique per
    `error_key` within a document, as `error_rows` makes them.
    """

    def __init__(self) -> None:
        self.tables: dict[str, list[tuple]] = {t: [] for t in ROW_TABLES}

    @classmethod
    def of(cls, rows: Rows) -> RowBatch:
        """A batch of rows given as dicts per table (see `extend`)."""
        batch = cls()
        batch.extend(rows)
        return batch

    def add(self, doc: CodedDocument, coded_at: dt.datetime, coder_version: str,
            art_hash: str | None = None) -> None:
        """Append every row one coded article contributes (see `document_rows`)."""
        t = self.tables
        art = doc.article
        h = art_hash or content_hash(art)
        actors = {a.id: a for a in doc.actors}
        lead_end = _lead_end(art)
        t["articles"].append((
            h, art.id, art.origin, art.url, art.source, art.title,
            _strings_json(art.subtitles), art.section, art.published, art.language,
            art.text, _paragraphs_json(art.paragraphs), coded_at, coder_version,
            len(doc.events), len(doc.errors)))
        t["actors"] += [(h, a.id, a.name, a.kind, a.country, a.sector, a.code, a.title,
                         len(a.mentions), _mentions_json(a.mentions)) for a in doc.actors]
        t["event_mentions"] += [_mention_tuple(art, h, ev, actors, lead_end)
                                for ev in doc.events]
        t["quotes"] += [(h, *_quote(q)) for q in doc.quotes]
        t["places"] += [(h, p.name, p.country, p.lat, p.lon, p.geonameid, p.feature,
                         len(p.mentions), _mentions_json(p.mentions)) for p in doc.places]
        t["dates"] += [(h, *_date(d)) for d in doc.dates]
        t["casualties"] += [(h, *_casualty(c)) for c in doc.casualties]
        t["sources_cited"] += [(h, *_source(s)) for s in doc.sources_cited]
        if doc.errors:
            self.add_errors(error_rows(doc.errors, h, coded_at))

    def add_errors(self, rows: list[dict[str, Any]]) -> None:
        """Append error rows (see `error_rows`)."""
        cols = columns("errors")
        self.tables["errors"] += [tuple(r.get(c) for c in cols) for r in rows]

    def extend(self, rows: Rows) -> None:
        """Append rows given as dicts (missing keys are NULL), e.g. from a worker.
        Rows for `events` are ignored: the store computes them by merging."""
        for table, items in rows.items():
            if table == "events":
                continue
            if table not in self.tables:
                raise ValueError(f"no table {table!r} in the store's rows")
            cols = columns(table)
            try:  # rows from document_rows have every key: take them in C
                get = itemgetter(*cols)
                self.tables[table] += [get(r) for r in items]
            except KeyError:
                self.tables[table] += [tuple(r.get(c) for c in cols) for r in items]

    def extend_batch(self, other: RowBatch) -> None:
        """Append every row of another batch."""
        for table, items in other.tables.items():
            self.tables[table] += items

    def count(self, table: str) -> int:
        return len(self.tables[table])

    def empty(self) -> bool:
        """True when no table has a row."""
        return not any(self.tables.values())

    def column(self, table: str, name: str) -> list[Any]:
        """One column's values, in row order."""
        i = columns(table).index(name)
        return [r[i] for r in self.tables[table]]

    def rows(self, table: str) -> list[dict[str, Any]]:
        cols = columns(table)
        return [dict(zip(cols, r, strict=True)) for r in self.tables[table]]

    def as_rows(self) -> Rows:
        """Every table's rows as dicts, keyed by table (the shape `document_rows` gives)."""
        return {table: self.rows(table) for table in ROW_TABLES}

    def arrow(self, table: str) -> pa.Table:
        """The table's rows as Arrow, typed by `schema.arrow_schema`."""
        schema = arrow_schema(table)
        items = self.tables[table]
        if not items:
            return schema.empty_table()
        # zip(*rows) transposes in C; Arrow converts each column list in one call.
        return pa.Table.from_arrays(
            [pa.array(col, f.type) for col, f in zip(zip(*items), schema, strict=True)],
            schema=schema)

    def to_arrow(self) -> ArrowBatch:
        """Every table with rows as Arrow, the merge keys and lone events: what
        `Store.write_batch` needs, so that the conversion (Python, holding the GIL) can
        happen on the thread that built the rows rather than on the one that writes.

        An undated mention is an event alone (merge rule 2), so its event_id is final
        now: it is filled in here, and the store writes its event with it."""
        cols = columns("event_mentions")
        i_eid, i_mid, i_key, i_day, i_ctx = (cols.index(c) for c in (
            "event_id", "mention_id", "merge_key", "day", "context"))
        mentions = self.tables["event_mentions"]
        keys, raw = set(), set()
        for i, m in enumerate(mentions):
            if m[i_day] is not None:
                keys.add(m[i_key])
            else:
                raw.add(m[i_ctx] or "")
                if m[i_eid] is None:
                    mentions[i] = (*m[:i_eid], event_id_of(m[i_key], m[i_mid]),
                                   *m[i_eid + 1:])
        tables = {t: self.arrow(t) for t in ROW_TABLES if self.tables[t]}
        events = (_lone_events(tables["event_mentions"], {r: event_context(r) for r in raw})
                  if raw else arrow_schema("events").empty_table())
        return ArrowBatch(tables, sorted(keys), events)


def _lone_events(mentions: pa.Table, contexts: dict[str, str]) -> pa.Table:
    """The `events` rows of the undated mentions among `mentions` (event ids filled in),
    each an event alone: merge.event_row of one mention, i.e. the mention's own columns,
    with its context as an event's (`contexts`: mention context, "" for none -> event's),
    counts of 1, and empty published/url as NULL. Columnar, in Arrow's C++."""
    m = mentions.filter(pc.is_null(mentions["day"]))
    n = len(m)
    raw = pa.array(list(contexts), pa.string())
    context = pc.take(pa.array(list(contexts.values()), pa.string()),
                      pc.index_in(pc.fill_null(m["context"], ""), value_set=raw))
    one = pa.array([1] * n, pa.int32())

    def blank_null(col: str) -> pa.ChunkedArray:
        return pc.if_else(pc.equal(m[col], ""), pa.scalar(None, pa.string()), m[col])

    derived = {"context": context, "is_root": pc.fill_null(m["in_lead"], False),
               "num_mentions": one, "num_articles": one, "num_sources": one,
               "first_published": blank_null("published"), "source_url": blank_null("url"),
               "representative_mention": m["mention_id"]}
    schema = arrow_schema("events")
    return pa.Table.from_arrays([derived[f.name] if f.name in derived else m[f.name]
                                 for f in schema], schema=schema)


def document_rows(doc: CodedDocument, coded_at: dt.datetime, coder_version: str,
                  art_hash: str | None = None) -> Rows:
    """Every row one coded article contributes, keyed by table name, as dicts.

    `event_mentions.event_id` is left None: merging assigns it (tidings.store.merge).
    """
    batch = RowBatch()
    batch.add(doc, coded_at, coder_version, art_hash)
    return batch.as_rows()


def error_rows(errors: list[DocumentError], art_hash: str | None,
               at: dt.datetime) -> list[dict[str, Any]]:
    """Rows for the errors table, one per distinct (document, stage, message)."""
    rows: dict[str, dict[str, Any]] = {}
    for err in errors:
        key = error_key(art_hash, err)
        rows.setdefault(key, {"error_key": key, "article_hash": art_hash,
                              "origin": err.origin, "stage": err.stage,
                              "message": err.message, "at": at})
    return list(rows.values())
