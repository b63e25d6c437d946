"""Text renderings of store contents for the terminal: events, stats, errors, and the
summary `tidings ingest --summary` prints."""
from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import Any

from ..tabular import mapping_text, records_text
from .db import Store
from .exports import jsonl_lines
from .query import EventFilter

QUERY_FORMATS = ["table", "json", "jsonl", "csv"]

TABLE_LEGEND = ("precision: how much of the date the text gives (day, week, month, "
                "quarter, season, year, decade); 'published': the text does not date the "
                "event, the day its first article was published stands in. [reported], "
                "[future], [hypothetical], [historical]: the event's modality when not "
                "asserted; [negated]: the text says it did not happen. event: the start "
                "of the event id (`tidings show` takes it).")


def _date_cells(r: dict[str, Any]) -> tuple[str, str]:
    if r.get("date"):
        return str(r["date"]), str(r.get("date_precision") or "day")
    published = (r.get("first_published") or "")[:10]
    return (published, "published") if published else ("", "undated")


_COLUMNS: list[tuple[str, Any, int, bool]] = [
    ("event", lambda r: (r.get("event_id") or "")[:10], 10, False),
    ("date", lambda r: _date_cells(r)[0], 10, False),
    ("precision", lambda r: _date_cells(r)[1], 10, False),
    ("type", lambda r: r.get("type"), 9, False),
    ("source", lambda r: r.get("source_code") or r.get("source_name"), 14, False),
    ("target", lambda r: r.get("target_code") or r.get("target_name"), 14, False),
    ("location", lambda r: r.get("location_name"), 16, False),
    ("mentions", lambda r: r.get("num_mentions"), 8, True),
    ("outlets", lambda r: r.get("num_sources"), 7, True),
]


def _cut(value: Any, width: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[:width - 1] + "…"


_SHRINKABLE = ("source", "target", "location")


def _qualifiers(r: dict[str, Any]) -> str:
    """What qualifies the claim, before its sentence: "[negated] [historical] "."""
    marks = ["negated"] if r.get("negated") else []
    if r.get("modality") not in (None, "asserted"):
        marks.append(str(r["modality"]))
    return "".join(f"[{m}] " for m in marks)


def _fitted_widths(records: list[dict[str, Any]], width: int) -> list[int]:
    """Each column as wide as its widest cell (up to its cap), the sides and the place
    narrowed, widest first, until the row fits in `width` (not below 6)."""
    widths = [max([len(name)] + [len(_cut(get(r), cap)) for r in records])
              for name, get, cap, _ in _COLUMNS]
    names = [name for name, *_rest in _COLUMNS]
    flexible = [names.index(n) for n in _SHRINKABLE]
    while sum(widths) + 2 * (len(widths) - 1) > width:
        widest = max(flexible, key=lambda i: widths[i])
        if widths[widest] <= 6:
            break
        widths[widest] -= 1
    return widths


def events_table(records: list[dict[str, Any]], width: int = 100) -> str:
    """One line per event (id, date and its precision, type, sides, place, mention and
    outlet counts), its sentence wrapped in full beneath (after [negated] and its
    modality when not asserted); a legend at the end."""
    widths = _fitted_widths(records, width)
    cells = [[_cut(get(r), w) for (_, get, _, _), w in zip(_COLUMNS, widths)]
             for r in records]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if right else v.ljust(w)
                         for v, w, (_, _, _, right) in zip(values, widths, _COLUMNS)).rstrip()

    lines = [line([name for name, *_rest in _COLUMNS])]
    wrap = textwrap.TextWrapper(width=max(40, width - 4), initial_indent="    ",
                                subsequent_indent="    ")
    for rec, row in zip(records, cells):
        lines.append(line(row))
        sentence = _qualifiers(rec) + " ".join(str(rec.get("sentence") or "").split())
        lines += wrap.wrap(sentence) if sentence else []
    lines.append(f"({len(records)} event{'' if len(records) == 1 else 's'})")
    if records:
        lines += textwrap.wrap(TABLE_LEGEND, width=max(40, width))
    return "\n".join(lines)


def render_events(store: Store, f: EventFilter, fmt: str, width: int = 100) -> str:
    """Merged events matching `f` as a table (`width` columns), a JSON list, JSON lines
    or CSV."""
    if fmt == "csv":
        buf = io.StringIO()
        store.events_df(f).to_csv(buf, index=False)
        return buf.getvalue().rstrip("\n")
    records = store.event_records(f)
    if fmt == "json":
        return "[" + ",\n".join(jsonl_lines(records)) + "]" if records else "[]"
    if fmt == "jsonl":
        return "\n".join(jsonl_lines(records))
    return events_table(records, width)


def _fmt(as_json: bool, fmt: str | None, json_fmt: str) -> str:
    return fmt or (json_fmt if as_json else "table")


def render_stats(stats: dict[str, Any], as_json: bool = False, fmt: str | None = None) -> str:
    """The store's counts as indented text (table), key,value CSV, JSON or one JSON line
    (`as_json`: the old --json, indented JSON)."""
    fmt = _fmt(as_json, fmt, "json")
    if fmt != "table":
        return mapping_text(stats, fmt)
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


ERROR_COLUMNS = ["stage", "origin", "message", "article_hash"]


def render_errors(store: Store, as_json: bool = False, fmt: str | None = None) -> str:
    """Stored errors as lines (table), CSV, a JSON array or JSON lines (`as_json`: the
    old --json, JSON lines)."""
    fmt = _fmt(as_json, fmt, "jsonl")
    frame = store.errors_df()
    if fmt != "table":
        records = frame.drop(columns=["at"]).astype(object).where(frame.notna(), None)
        return records_text(records.to_dict("records"), fmt, ERROR_COLUMNS)
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
        f"  tidings show EVENT --db {db}    # an event's article, marked up",
        f"  tidings errors --db {db}",
        f"  tidings export --db {db} --format parquet --out events.parquet",
        f"  tidings export --db {db} --format gdelt --out events.gdelt.tsv",
    ]
    return "\n".join(lines)
