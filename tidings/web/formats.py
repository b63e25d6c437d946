"""Downloads: the rows of a view as CSV, JSON Lines or GeoJSON, streamed."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
         "geojson": "application/geo+json", "json": "application/json"}
# A cell a spreadsheet would run as a formula starts with one of these: quoted with '.
_FORMULA = ("=", "+", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def csv_lines(rows: Iterable[dict[str, Any]], columns: list[str]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for i, row in enumerate(rows, start=1):
        writer.writerow([_cell(row.get(c)) for c in columns])
        if i % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def jsonl_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def feature(row: dict[str, Any]) -> dict[str, Any]:
    """An event as a GeoJSON Feature (geometry null when it has no coordinates)."""
    props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
    geometry = None
    if row.get("lat") is not None and row.get("lon") is not None:
        geometry = {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
    return {"type": "Feature", "id": row.get("event_id"), "geometry": geometry,
            "properties": props}


def geojson_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    for i, row in enumerate(rows):
        yield ("," if i else "") + json.dumps(feature(row), ensure_ascii=False)
    yield "]}\n"


def chunks(rows: Iterable[dict[str, Any]], fmt: str, columns: list[str]) -> Iterator[str]:
    """The text of a download of `rows` in `fmt` (csv, jsonl, geojson, json)."""
    if fmt == "csv":
        return csv_lines(rows, columns)
    if fmt == "jsonl":
        return jsonl_lines(rows)
    if fmt == "geojson":
        return geojson_chunks(rows)
    return iter([json.dumps(list(rows), ensure_ascii=False)])
