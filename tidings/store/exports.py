"""Merged events out of the store: Parquet, CSV, JSONL, GDELT 2.0 (with a sidecar),
ACLED-style CSV and POLECAT-style JSON.

Every format writes one record per merged event matching the same `EventFilter` the
`tidings query` command uses, in the same order (the ACLED export only those ACLED
would record: tidings.store.export_acled). Parquet columns are typed (DATE, TIMESTAMP,
LIST<STRUCT>), so pandas and R's arrow read them without parsing JSON or dates.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import StoreError
from .db import Store
from .export_acled import write_acled
from .export_context import event_contexts
from .export_gdelt import GDELT_COLUMNS, SIDECAR_COLUMNS, gdelt_row, sidecar_path, sidecar_row
from .query import EventFilter

__all__ = ["BINARY_FORMATS", "FORMATS", "GDELT_COLUMNS", "export", "jsonl_lines",
           "polecat_record", "typed_events"]

FORMATS = ["parquet", "csv", "jsonl", "gdelt", "acled", "polecat"]
BINARY_FORMATS = ["parquet"]  # the others can go to a text stream (stdout)

QUAD_LABELS = {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT",
               4: "MATERIAL CONFLICT"}


def polecat_record(row: dict[str, Any]) -> dict[str, Any]:
    """One merged event as a POLECAT-style JSON record (PLOVER type, mode, contexts...)."""
    def actors(side: str) -> list[dict[str, Any]]:
        return [{"name": a.get("name"), "text": a.get("text"), "country": a.get("country"),
                 "sector": a.get("sector"), "code": a.get("code")}
                for a in row.get(f"{side}_actors") or []]

    location = None
    if row.get("location_name"):
        location = {"name": row["location_name"], "country": row.get("location_country"),
                    "lat": row.get("lat"), "lon": row.get("lon"),
                    "geonameid": row.get("geonameid"),
                    "feature_type": row.get("location_feature")}
    return {
        "event_id": row["event_id"],
        "event_date": row.get("date"),  # None when undated: publication_date is separate
        "date_precision": row.get("date_precision"),
        "event_type": row.get("type"), "event_mode": row.get("mode"),
        "contexts": row.get("context") or [],
        "quad_code": QUAD_LABELS.get(row.get("quad_class")),
        "cameo": row.get("cameo"), "goldstein": row.get("goldstein"),
        "negated": row.get("negated"), "modality": row.get("modality"),
        "confidence": row.get("confidence"),
        "actors": {"source": actors("source"), "target": actors("target")},
        "location": location,
        "num_mentions": row.get("num_mentions"), "num_articles": row.get("num_articles"),
        "num_sources": row.get("num_sources"),
        "publication_date": row.get("first_published"), "source_url": row.get("source_url"),
        "event_text": row.get("sentence"),
    }


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def jsonl_lines(records: list[dict[str, Any]],
                transform: Callable[[dict], dict] | None = None) -> Iterator[str]:
    for rec in records:
        yield json.dumps(transform(rec) if transform else rec, ensure_ascii=False,
                         default=_json_default)


def export(store: Store, fmt: str, out: str | Path | IO[str],
           f: EventFilter | None = None) -> int:
    """Write the merged events matching `f` to `out` in `fmt`; returns how many.

    `out` is a file path, or an open text stream (stdout) for any format but the
    BINARY_FORMATS. The file is written beside its final name and renamed when
    complete, so a failed export leaves no partial file (nor clobbers an older one);
    a path that cannot be written (a folder, a missing or read-only folder, a full
    disk) raises StoreError naming it. A GDELT file gets a sidecar beside it
    (`<out>.sidecar.tsv`, export_gdelt.SIDECAR_COLUMNS): each event's date precision
    and where its date, places and source URL came from; a stream gets none."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose {', '.join(FORMATS)}")
    if not isinstance(out, str | Path):
        if fmt in BINARY_FORMATS:
            raise StoreError(f"{fmt} is binary: write it to a file, not a text stream")
        return _write(store, fmt, out, f)
    out = Path(out)
    if out.is_dir():
        raise StoreError("is a folder; give the name of a file to write", origin=str(out))
    if out.exists() and out.resolve() == Path(store.path).resolve():
        raise StoreError("is the store being exported; give another file name",
                         origin=str(out))
    if out.parent and not out.parent.exists():
        raise StoreError("the folder to write into does not exist", origin=str(out))
    part = out.with_name(f".{out.name}.part")
    side = Path(sidecar_path(str(out))) if fmt == "gdelt" else None
    side_part = side.with_name(f".{side.name}.part") if side else None
    try:
        with contextlib.ExitStack() as stack:
            fh = stack.enter_context(part.open("wb") if fmt in BINARY_FORMATS
                                     else part.open("w", encoding="utf-8", newline=""))
            extra = None
            if side_part is not None:
                extra = stack.enter_context(side_part.open("w", encoding="utf-8",
                                                           newline=""))
                extra.write("\t".join(SIDECAR_COLUMNS) + "\n")
            n = _write(store, fmt, fh, f) if extra is None else _write(store, fmt, fh, f, extra)
        part.replace(out)
        if side_part is not None and side is not None:
            side_part.replace(side)
    except OSError as exc:
        _remove(part)
        if side_part is not None:
            _remove(side_part)
        reason = (exc.strerror or str(exc)).lower()
        raise StoreError(f"cannot write: {reason}", origin=str(out)) from exc
    except BaseException:
        _remove(part)
        if side_part is not None:
            _remove(side_part)
        raise
    return n


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _write(store: Store, fmt: str, fh: IO, f: EventFilter | None,
           sidecar: IO[str] | None = None) -> int:
    if fmt == "parquet":
        table = typed_events(store.events_arrow(f))
        pq.write_table(table, fh)
        return table.num_rows
    if fmt == "csv":
        frame = store.events_df(f)
        frame.to_csv(fh, index=False, lineterminator="\n")
        return len(frame)
    records = store.event_records(f)
    if fmt in ("gdelt", "acled"):
        contexts = event_contexts(store, [r["event_id"] for r in records])
        if fmt == "acled":
            return write_acled(records, contexts, fh)
        # tab-separated, no header: what GDELT's own files look like
        for rec in records:
            ctx = contexts[rec["event_id"]]
            fh.write("\t".join(gdelt_row(rec, ctx)) + "\n")
            if sidecar is not None:
                sidecar.write("\t".join(sidecar_row(rec, ctx)) + "\n")
        return len(records)
    transform = polecat_record if fmt == "polecat" else None
    fh.writelines(line + "\n" for line in jsonl_lines(records, transform))
    return len(records)


# Actors of an event side, as Parquet structs (the keys of docs/output.md's sides).
ACTOR_STRUCT = pa.struct([("actor", pa.string()), ("text", pa.string()),
                          ("name", pa.string()), ("country", pa.string()),
                          ("sector", pa.string()), ("code", pa.string()),
                          ("inferred", pa.bool_())])
_TYPED = {"context": pa.list_(pa.string()), "source_actors": pa.list_(ACTOR_STRUCT),
          "target_actors": pa.list_(ACTOR_STRUCT)}


def typed_events(table: pa.Table) -> pa.Table:
    """Merged events with JSON text columns as lists (of structs) and the first
    publication as a UTC timestamp; `day` stays a DATE, `date` the text it came from."""
    for name, kind in _TYPED.items():
        if name in table.column_names:
            values = [json.loads(v) if v else None for v in table.column(name).to_pylist()]
            if kind != _TYPED["context"]:
                keys = [f.name for f in ACTOR_STRUCT]
                values = [None if side is None else
                          [{k: a.get(k) for k in keys} for a in side] for side in values]
            table = table.set_column(table.column_names.index(name), name,
                                     pa.array(values, type=kind))
    if "first_published" in table.column_names:
        stamps = [_utc(v) for v in table.column("first_published").to_pylist()]
        table = table.set_column(table.column_names.index("first_published"),
                                 "first_published",
                                 pa.array(stamps, type=pa.timestamp("us", tz="UTC")))
    return table


def _utc(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        stamp = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return stamp.astimezone(dt.UTC) if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)
