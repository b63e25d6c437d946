"""Text renderings of store contents for the terminal: events, stats, errors, and the
summary `tidings ingest --summary` prints."""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from .db import Store
from .exports import jsonl_lines
from .query import EventFilter

QUERY_FORMATS = ["table", "json", "jsonl", "csv"]

_TABLE_COLUMNS = [("date", 11), ("type", 9), ("cameo", 5), ("source", 14), ("target", 14),
                  ("location", 14), ("arts", 4), ("srcs", 4), ("sentence", 60)]


def _cut(value: Any, width: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _table(records: list[dict[str, Any]]) -> str:
    lines = ["  ".join(name.ljust(w) for name, w in _TABLE_COLUMNS).rstrip()]
    for r in records:
        cells = {
            "date": r.get("date") or (r.get("first_published") or "")[:10] + "?",
            "type": r.get("type"), "cameo": r.get("cameo"),
            "source": r.get("source_code") or r.get("source_name"),
            "target": r.get("target_code") or r.get("target_name"),
            "location": r.get("location_name"), "arts": r.get("num_articles"),
            "srcs": r.get("num_sources"), "sentence": r.get("sentence"),
        }
        lines.append("  ".join(_cut(cells[n], w).ljust(w) for n, w in _TABLE_COLUMNS).rstrip())
    lines.append(f"({len(records)} events)")
    return "\n".join(lines)


def render_events(store: Store, f: EventFilter, fmt: str) -> str:
    """Merged events matching `f` as a table, a JSON list, JSON lines or CSV."""
    if fmt == "csv":
        buf = io.StringIO()
        store.events_df(f).to_csv(buf, index=False)
        return buf.getvalue().rstrip("\n")
    records = store.event_records(f)
    if fmt == "json":
        return "[" + ",\n".join(jsonl_lines(records)) + "]" if records else "[]"
    if fmt == "jsonl":
        return "\n".join(jsonl_lines(records))
    return _table(records)


def render_stats(stats: dict[str, Any], as_json: bool) -> str:
    if as_json:
        return json.dumps(stats, indent=2, ensure_ascii=False)
    lines = []
    for key, value in stats.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {v}" for k, v in value.items()]
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}:")
            lines += ["  " + ", ".join(f"{k}={v}" for k, v in item.items()) for item in value]
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines)


def render_errors(store: Store, as_json: bool) -> str:
    frame = store.errors_df()
    if as_json:
        return "\n".join(jsonl_lines(frame.drop(columns=["at"]).to_dict("records")))
    if frame.empty:
        return "no errors"
    return "\n".join(f"[{r.stage}] {r.origin or '?'}: {r.message}"
                     for r in frame.itertuples()) + f"\n({len(frame)} errors)"


def summary(db: str | Path, report: Any = None, top: int = 10) -> str:
    """A human summary of the store: sizes, events by type, top dyads, commands to try
    next; with `report` (a tidings.run IngestReport), what the ingest did first."""
    with Store.open(db, read_only=True) as store:
        stats = store.stats()
        dyads = store.top_dyads(top)
    lines = []
    if report is not None:
        lines.append(f"read {report.read} documents in {report.seconds:.1f}s: "
                     f"{report.coded} coded, {report.skipped} already stored, "
                     f"{report.unreadable} unreadable")
    lines.append(f"store {db}: {stats['articles']} articles, {stats['events']} events "
                 f"({stats['event_mentions']} mentions), {stats['errors']} errors")
    if stats["events_by_type"]:
        lines.append("events by type:")
        lines += [f"  {t:<10} {n}" for t, n in stats["events_by_type"].items()]
    if dyads:
        lines.append("top dyads (source -> target):")
        lines += [f"  {d['source']} -> {d['target']}: {d['events']}" for d in dyads]
    first_type = next(iter(stats["events_by_type"]), "ASSAULT")
    lines += [
        "next:",
        f"  tidings stats --db {db}",
        f"  tidings query --db {db} --type {first_type} --limit 20",
        f"  tidings errors --db {db}",
        f"  tidings export --db {db} --format parquet --out events.parquet",
        f"  tidings export --db {db} --format gdelt --out events.gdelt.tsv",
    ]
    return "\n".join(lines)
