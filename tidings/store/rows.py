"""CodedDocument -> rows for each store table. Pure functions: no database here.

Identity is content-derived so that re-running an ingest (or finishing one that was
killed) produces exactly the same rows: articles are keyed by `content_hash`, event
mentions by article hash + the coder's event id, errors by what they say.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict
from typing import Any

from ..models import Actor, ActorRef, Article, CodedDocument, DocumentError, Event

Rows = dict[str, list[dict[str, Any]]]


def _digest(*parts: Any) -> str:
    blob = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def content_hash(article: Article) -> str:
    """The article's identity in the store: outlet, URL, title and body text.

    Origin and id are left out on purpose, so the same story read from a copied file
    is recognised; the outlet and URL are in, so a wire story run by two outlets
    counts as two articles (and two sources) like GDELT counts them.
    """
    return _digest(article.source, article.url, article.title, article.text)


def error_key(article_hash: str | None, error: DocumentError) -> str:
    return _digest(article_hash or error.origin, error.stage, error.message)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


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


def _side(refs: list[ActorRef], actors: dict[str, Actor]) -> dict[str, Any]:
    """Flat columns for the first participant, JSON for all of them."""
    full = []
    for ref in refs:
        item = asdict(ref)
        item["name"] = actors[ref.actor].name if ref.actor in actors else ref.text
        full.append(item)
    first = full[0] if full else {}
    return {"code": first.get("code"), "name": first.get("name"),
            "country": first.get("country"), "sector": first.get("sector"),
            "actors": _json(full)}


def _lead_end(article: Article) -> int:
    """End offset of the first body paragraph: events there are the story's root events."""
    for para in sorted(article.paragraphs, key=lambda p: p.start):
        if not para.heading:
            return para.end
    return len(article.text)


def mention_row(doc: CodedDocument, art_hash: str, event: Event,
                actors: dict[str, Actor], lead_end: int) -> dict[str, Any]:
    art = doc.article
    src, tgt = _side(event.source, actors), _side(event.target, actors)
    loc = event.location
    return {
        "mention_id": f"{art_hash}:{event.id}", "event_id": None, "article_hash": art_hash,
        "local_id": event.id, "merge_key": merge_key(event), "type": event.type,
        "mode": event.mode, "context": _json(list(event.context)), "cameo": event.cameo,
        "goldstein": event.goldstein, "quad_class": event.quad_class,
        "source_code": src["code"], "source_name": src["name"],
        "source_country": src["country"], "source_sector": src["sector"],
        "target_code": tgt["code"], "target_name": tgt["name"],
        "target_country": tgt["country"], "target_sector": tgt["sector"],
        "source_actors": src["actors"], "target_actors": tgt["actors"],
        "date": event.date, "date_precision": event.date_precision,
        "day": parse_day(event.date),
        "location_key": location_key(event),
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "location_feature": loc.feature if loc else None,
        "negated": event.negated, "modality": event.modality,
        "confidence": event.confidence,
        "sentence_start": event.sentence.start, "sentence_end": event.sentence.end,
        "sentence": event.sentence.text, "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end, "trigger": event.trigger.text,
        "quote_id": event.quote, "in_lead": event.sentence.start < lead_end,
        "outlet": art.source, "url": art.url, "published": art.published,
    }


def document_rows(doc: CodedDocument, coded_at: dt.datetime, coder_version: str,
                  art_hash: str | None = None) -> Rows:
    """Every row one coded article contributes, keyed by table name.

    `event_mentions.event_id` is left None: merging assigns it (tidings.store.merge).
    """
    art = doc.article
    h = art_hash or content_hash(art)
    actors = {a.id: a for a in doc.actors}
    lead_end = _lead_end(art)
    mentions = [mention_row(doc, h, ev, actors, lead_end) for ev in doc.events]
    return {
        "articles": [{
            "hash": h, "id": art.id, "origin": art.origin, "url": art.url,
            "source": art.source, "title": art.title, "subtitles": _json(art.subtitles),
            "section": art.section, "published": art.published, "language": art.language,
            "text": art.text, "paragraphs": _json([asdict(p) for p in art.paragraphs]),
            "coded_at": coded_at, "coder_version": coder_version,
            "n_events": len(doc.events), "n_errors": len(doc.errors),
        }],
        "actors": [{
            "article_hash": h, "actor_id": a.id, "name": a.name, "kind": a.kind,
            "country": a.country, "sector": a.sector, "code": a.code, "title": a.title,
            "n_mentions": len(a.mentions), "mentions": _json([asdict(m) for m in a.mentions]),
        } for a in doc.actors],
        "event_mentions": mentions,
        "quotes": [{
            "article_hash": h, "quote_id": q.id, "text": q.text, "start": q.start,
            "end": q.end, "direct": q.direct, "speaker": q.speaker,
            "speaker_name": q.speaker_name, "cue": q.cue,
        } for q in doc.quotes],
        "places": [{
            "article_hash": h, "name": p.name, "country": p.country, "lat": p.lat,
            "lon": p.lon, "geonameid": p.geonameid, "feature": p.feature,
            "n_mentions": len(p.mentions), "mentions": _json([asdict(m) for m in p.mentions]),
        } for p in doc.places],
        "dates": [{
            "article_hash": h, "text": d.text, "start": d.start, "end": d.end,
            "value": d.value, "precision": d.precision,
        } for d in doc.dates],
        "casualties": [{
            "article_hash": h, "killed": c.killed, "injured": c.injured,
            "killed_or_injured": c.killed_or_injured, "text": c.text, "start": c.start,
            "end": c.end, "event_local_id": c.event,
        } for c in doc.casualties],
        "sources_cited": [{
            "article_hash": h, "name": s.name, "start": s.start, "end": s.end,
        } for s in doc.sources_cited],
        "errors": error_rows(doc.errors, h, coded_at),
    }


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
