"""`tidings report`: one self-contained HTML file with the dashboard's timeline, map and
top dyads, for readers who will never run a server.

No script at all and nothing fetched: the charts are SVG drawn here, the styles are in
the page, and a Content-Security-Policy in the page forbids anything else. Every value
from the store goes through `html.escape`.
"""
from __future__ import annotations

import datetime as dt
import json
from html import escape
from pathlib import Path
from typing import Any

from ..store.db import Store, connect
from . import index, queries
from .filters import EventQuery

WORLD = Path(__file__).parent / "static" / "world.json"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; color: #1d232b; margin: 1.5em auto; max-width: 1100px; padding: 0 1em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
.muted { color: #66707c; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #d7dce2; padding: .3em .5em; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
svg { width: 100%; border: 1px solid #d7dce2; background: #fff; }
.coop { fill: #2e8b57; } .conflict { fill: #c0392b; } .axis { stroke: #999; }
.label { font-size: 11px; fill: #66707c; }
.country { fill: #e3e3dc; stroke: #99aaaa; stroke-width: .15; }
.map { background: #eef4f8; }
.point { stroke: #222; stroke-width: .2; opacity: .85; }
.g-neg2 { fill: #b2182b; } .g-neg1 { fill: #ef8a62; } .g-zero { fill: #bbbbbb; }
.g-pos1 { fill: #67a9cf; } .g-pos2 { fill: #2166ac; }
"""


def _goldstein_class(g: float | None) -> str:
    if g is None or g == 0:
        return "g-zero"
    return "g-neg2" if g <= -5 else "g-neg1" if g < 0 else "g-pos1" if g < 5 else "g-pos2"


def timeline_svg(series: list[dict[str, Any]], width: int = 900, height: int = 260) -> str:
    """Conflict (down) against cooperation (up) per period, as SVG bars."""
    periods = sorted({s["period"] for s in series})
    if not periods:
        return '<p class="muted">No dated events.</p>'
    counts = {p: {"conflict": 0, "cooperation": 0} for p in periods}
    for s in series:
        counts[s["period"]][s["key"]] = s["events"]
    top = max(1, *(max(v.values()) for v in counts.values()))
    pad, mid = 30, height / 2
    step = (width - 2 * pad) / len(periods)
    parts = [(f'<svg viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="Conflict and cooperation over time">'),
             f'<line class="axis" x1="{pad}" x2="{width - pad}" y1="{mid}" y2="{mid}"/>']
    every = max(1, -(-len(periods) // 8))
    for i, p in enumerate(periods):
        x, w = pad + i * step, max(1.0, step * 0.8)
        up = counts[p]["cooperation"] / top * (mid - pad)
        down = counts[p]["conflict"] / top * (mid - pad)
        parts.append(f'<rect class="coop" x="{x:.1f}" y="{mid - up:.1f}" width="{w:.1f}" '
                     f'height="{up:.1f}"><title>{escape(p)}: {counts[p]["cooperation"]} '
                     f'cooperation</title></rect>')
        parts.append(f'<rect class="conflict" x="{x:.1f}" y="{mid}" width="{w:.1f}" '
                     f'height="{down:.1f}"><title>{escape(p)}: {counts[p]["conflict"]} '
                     f'conflict</title></rect>')
        if i % every == 0:
            parts.append(f'<text class="label" x="{x:.1f}" y="{height - 6}">{escape(p)}</text>')
    parts.append(f'<text class="label" x="{pad}" y="14">▲ cooperation (max {top}) '
                 f'▼ conflict</text></svg>')
    return "".join(parts)


def map_svg(points: list[dict[str, Any]]) -> str:
    """Event points coloured by Goldstein on Natural Earth country outlines."""
    world = json.loads(WORLD.read_text(encoding="utf-8"))
    parts = [('<svg class="map" viewBox="-180 -90 360 180" role="img" '
             'aria-label="Events on a world map">')]
    for c in world["countries"]:
        d = "".join("M" + "L".join(f"{x},{-y}" for x, y in ring) + "Z" for ring in c["rings"])
        parts.append(f'<path class="country" d="{d}"><title>{escape(c["name"])}</title></path>')
    for p in points:
        tip = (f'{p["type"]} at {p.get("location_name") or "?"} ({p.get("date") or "undated"}),'
               f' Goldstein {p.get("goldstein")}')
        parts.append(f'<circle class="point {_goldstein_class(p.get("goldstein"))}" '
                     f'cx="{float(p["lon"]):.3f}" cy="{-float(p["lat"]):.3f}" r="1.6">'
                     f'<title>{escape(tip)}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def dyads_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return '<p class="muted">No events with both a source and a target.</p>'
    head = "".join(f"<th>{h}</th>" for h in ["Source", "Target", "Events", "Conflict",
                                               "Cooperation", "Mean Goldstein"])
    body = "".join(
        f'<tr><td>{escape(str(d["source"]))}</td><td>{escape(str(d["target"]))}</td>'
        f'<td class="num">{d["events"]}</td><td class="num">{d["conflict"]}</td>'
        f'<td class="num">{d["cooperation"]}</td><td class="num">{d["mean_goldstein"]}</td></tr>'
        for d in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def gather(db: str | Path, q: EventQuery, n_points: int = 5000) -> dict[str, Any]:
    """Everything the report shows, read from the store at `db` without writing to it
    (attached read-only to an in-memory database, which holds the web's index)."""
    Store.open(db, read_only=True).close()  # a missing or foreign file fails here, named
    con = connect(":memory:")
    try:
        con.execute("ATTACH ? AS store (READ_ONLY)", [str(db)])
        con.execute("USE store")
        index.attach(con)
        events = index.rebuild(con)
        first, last = con.execute(
            f"SELECT min({index.STORE_WHEN}), max({index.STORE_WHEN}) FROM events").fetchone()
        return {
            "events": events,
            "articles": con.execute("SELECT count(*) FROM articles").fetchone()[0],
            "first": first.isoformat() if first else None,
            "last": last.isoformat() if last else None,
            "timeline": queries.timeline(con, q, "month", "conflict", False),
            "points": queries.map_points(con, q, n_points),
            "dyads": queries.dyads(con, q, True, 20),
        }
    finally:
        con.close()


def render(facts: dict[str, Any], title: str, db: str) -> str:
    span = f"{facts['first']} to {facts['last']}" if facts["first"] else "no dated events"
    made = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{STYLE}</style></head>
<body>
<h1>{escape(title)}</h1>
<p class="muted">{facts['events']} events from {facts['articles']} articles, {escape(span)}.
Store {escape(Path(db).name)}; made {made} by tidings report.</p>
<h2>Conflict vs cooperation, per month</h2>
{timeline_svg(facts['timeline'])}
<h2>Where ({len(facts['points'])} located events, newest first)</h2>
{map_svg(facts['points'])}
<p class="muted">Points coloured by Goldstein score, red (conflict) to blue (cooperation).
Country outlines: Natural Earth (public domain).</p>
<h2>Top dyads</h2>
{dyads_table(facts['dyads'])}
</body></html>
"""


def write_report(db: str | Path, out: str | Path, title: str = "tidings report",
                 q: EventQuery | None = None) -> dict[str, Any]:
    """Write the report of the store at `db` to `out`; returns what it counted."""
    facts = gather(db, q or EventQuery())
    Path(out).write_text(render(facts, title, str(db)), encoding="utf-8")
    return {"events": facts["events"], "located": len(facts["points"]),
            "dyads": len(facts["dyads"])}
