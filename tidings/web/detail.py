"""One event with its evidence: every mention, the article it is in, and the offsets of
its sentence, trigger, source, target, place, date and quote in that article's text.

Offsets are [start, end) character positions in the article's `text`, the same string
GET /api/articles/{id} returns, so a page can mark them without searching.
"""
from __future__ import annotations

from typing import Any

import duckdb

from . import queries


def _span(start: Any, end: Any) -> list[int] | None:
    return [int(start), int(end)] if start is not None and end is not None else None


def _actor_spans(sentence: str, start: int, refs: list[dict[str, Any]] | None) -> list[dict]:
    """Where each participant is named in the sentence (its words, first occurrence)."""
    out = []
    for ref in refs or []:
        words = ref.get("text") or ""
        at = sentence.find(words) if words else -1
        out.append({"name": ref.get("name") or words, "code": ref.get("code"),
                    "text": words, "span": [start + at, start + at + len(words)]
                    if at >= 0 else None})
    return out


def _inside(items: list[dict[str, Any]], lo: int, hi: int) -> list[dict[str, Any]]:
    return [i for i in items if i["start"] is not None and lo <= i["start"] < hi]


def _place_span(places: list[dict[str, Any]], name: str | None, lo: int, hi: int) -> list | None:
    """The event's place as mentioned in its sentence, else its first mention anywhere."""
    if not name:
        return None
    first = None
    for place in places:
        if place["name"] != name:
            continue
        for m in place.get("mentions") or []:
            if lo <= m["start"] < hi:
                return [m["start"], m["end"]]
            first = first or [m["start"], m["end"]]
    return first


def _date_span(dates: list[dict[str, Any]], value: str | None, lo: int, hi: int) -> list | None:
    if not value:
        return None
    inside = _inside(dates, lo, hi)
    for d in inside:
        if d["value"] == value:
            return [d["start"], d["end"]]
    return [inside[0]["start"], inside[0]["end"]] if inside else None


def mention_offsets(m: dict[str, Any], notes: dict[str, Any]) -> dict[str, Any]:
    lo, hi = m["sentence_start"], m["sentence_end"]
    quote = next((q for q in notes["quotes"] if q["quote_id"] == m["quote_id"]), None)
    return {
        "sentence": _span(lo, hi),
        "trigger": _span(m["trigger_start"], m["trigger_end"]),
        "source": _actor_spans(m["sentence"] or "", lo, m["source_actors"]),
        "target": _actor_spans(m["sentence"] or "", lo, m["target_actors"]),
        "place": _place_span(notes["places"], m["location_name"], lo, hi),
        "date": _date_span(notes["dates"], m["date"], lo, hi),
        "quote": _span(quote["start"], quote["end"]) if quote else None,
    }


def tellings(m: dict[str, Any]) -> list[dict[str, Any]]:
    """Each telling of the event in this article (the coder joins retellings: "the
    attack" after "troops attacked"), with its sentence and trigger spans and rules."""
    out = []
    for t in m.get("tellings") or []:
        sentence, trigger = t.get("sentence") or {}, t.get("trigger") or {}
        out.append({"id": t.get("id"), "by": t.get("by") or [], "modality": t.get("modality"),
                    "sentence": _span(sentence.get("start"), sentence.get("end")),
                    "trigger": _span(trigger.get("start"), trigger.get("end")),
                    "trigger_text": trigger.get("text")})
    return out


def event_detail(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """The merged event and its mentions with offsets; None if there is no such event."""
    event = queries.event_row(con, event_id)
    if event is None:
        return None
    mentions = []
    for m in queries.event_mentions(con, event_id):
        notes = queries.article_annotations(con, m["article_hash"])
        mentions.append({
            "mention_id": m["mention_id"], "local_id": m["local_id"],
            "article": {"id": m["article_hash"], "reader_id": m["article_id"],
                        "title": m["title"], "url": m["url"], "outlet": m["outlet"],
                        "published": m["published"]},
            "sentence": m["sentence"], "trigger": m["trigger"], "date": m["date"],
            "confidence": m["confidence"], "offsets": mention_offsets(m, notes),
            "tellings": tellings(m),
        })
    event["mentions"] = mentions
    return event
