"""Records as text in the formats every data-printing command offers: csv, json, jsonl.

(`table` is each command's own layout.) Light on purpose: `tidings info` uses it
without importing pandas or DuckDB.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

FORMATS = ("table", "csv", "json", "jsonl")


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return str(value)


def json_text(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent, default=_default)


def _cell(value: Any) -> Any:
    """A CSV cell: lists and dicts as JSON, None as empty."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json_text(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def records_text(records: list[dict[str, Any]], fmt: str,
                 columns: list[str] | None = None) -> str:
    """`records` as CSV (a header even when empty, if `columns` is given), one JSON
    array, or JSON lines (no line for no record)."""
    if fmt == "json":
        return "[" + ",\n".join(json_text(r) for r in records) + "]"
    if fmt == "jsonl":
        return "\n".join(json_text(r) for r in records)
    if fmt == "csv":
        names = columns or list(dict.fromkeys(k for r in records for k in r))
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=names, lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        for rec in records:
            writer.writerow({k: _cell(rec.get(k)) for k in names})
        return buf.getvalue().rstrip("\n")
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def flat_items(value: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """A nested dict as (dotted key, value) pairs: {"a": {"b": 1}} -> [("a.b", 1)]; a
    list of dicts is numbered (top_dyads.0.source)."""
    out: list[tuple[str, Any]] = []
    for key, item in value.items():
        name = f"{prefix}{key}"
        if isinstance(item, dict):
            out += flat_items(item, name + ".") if item else [(name, None)]
        elif isinstance(item, list) and item and all(isinstance(x, dict) for x in item):
            for i, sub in enumerate(item):
                out += flat_items(sub, f"{name}.{i}.")
        else:
            out.append((name, item))
    return out


def mapping_text(value: dict[str, Any], fmt: str) -> str:
    """One dict (stats, info): CSV as key,value rows (nested keys dotted), JSON
    indented, JSON lines as one line."""
    if fmt == "json":
        return json_text(value, indent=2)
    if fmt == "jsonl":
        return json_text(value)
    if fmt == "csv":
        rows = [{"key": k, "value": v} for k, v in flat_items(value)]
        return records_text(rows, "csv", ["key", "value"])
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
