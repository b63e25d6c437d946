"""Write tidings/web/static/world.json: simplified world country outlines for the map.

    .venv/bin/python scripts/build_world_outlines.py

The outlines are Natural Earth's 1:110m admin-0 countries (public domain) as the
`geopandas` package shipped them in its wheel up to 0.14 (`datasets/naturalearth_lowres`).
The wheel is fetched from the Python package registry with pip (no geopandas install, no
other download); its shapefile is read here with the standard library, coordinates are
rounded to 0.1 degree and repeated points dropped, so the file stays small (about
100 KB) and the dashboard and `tidings report` draw a world map with no network.
Run once; the output is committed. Re-running writes the same file.
"""
from __future__ import annotations

import io
import itertools
import json
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pycountry

WHEEL = "geopandas==0.14.4"
PREFIX = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUT = Path(__file__).resolve().parent.parent / "tidings" / "web" / "static" / "world.json"


def fetch_wheel(folder: str) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", folder,
                    WHEEL], check=True)
    return next(Path(folder).glob("geopandas-*.whl"))


def read_dbf(data: bytes) -> list[dict[str, str]]:
    """dBase III records as dicts of stripped strings."""
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    records = []
    for i in range(count):
        at = header_len + i * record_len + 1  # skip the deletion flag
        row = {}
        for name, width in fields:
            row[name] = data[at:at + width].decode("utf-8", "replace").strip()
            at += width
        records.append(row)
    return records


def read_polygons(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Each shapefile record's rings (polygon shapes only) as lists of (lon, lat)."""
    shapes, pos = [], 100
    while pos < len(data):
        _, words = struct.unpack(">ii", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + words * 2]
        pos += 8 + words * 2
        if struct.unpack("<i", body[:4])[0] != 5:
            shapes.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", body[44:44 + 4 * n_parts])) + [n_points]
        flat = struct.unpack(f"<{2 * n_points}d", body[44 + 4 * n_parts:][:16 * n_points])
        points = list(zip(flat[0::2], flat[1::2], strict=True))
        shapes.append([points[a:b] for a, b in itertools.pairwise(parts)])
    return shapes


def simplify(ring: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, 1), round(lat, 1)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def iso3(record: dict[str, str]) -> str:
    code = record.get("iso_a3", "")
    if len(code) == 3 and code.isalpha():
        return code
    try:  # Natural Earth leaves -99 on a few (France, Norway in some releases)
        return pycountry.countries.lookup(record["name"]).alpha_3
    except LookupError:
        return ""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        wheel = zipfile.ZipFile(io.BytesIO(fetch_wheel(folder).read_bytes()))
    records = read_dbf(wheel.read(PREFIX + ".dbf"))
    shapes = read_polygons(wheel.read(PREFIX + ".shp"))
    countries = []
    for record, rings in zip(records, shapes, strict=True):
        kept = [r for r in (simplify(ring) for ring in rings) if len(r) >= 4]
        if kept:
            countries.append({"iso3": iso3(record), "name": record["name"], "rings": kept})
    countries.sort(key=lambda c: c["name"])
    doc = {"source": f"Natural Earth 1:110m admin-0 countries (public domain), from the "
                     f"{WHEEL} wheel; scripts/build_world_outlines.py",
           "countries": countries}
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(countries)} countries, {OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
