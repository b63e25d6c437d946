"""A small store for the web tests, written row by row (no spaCy): three articles, one of
them hostile (script and onerror markup in its title and body), seven merged events
with known dates, types, actors, places and offsets, and on request many synthetic
events for paging.

Rows go in with INSERT ... BY NAME, so columns the store adds later stay NULL here.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import httpx
import pyarrow as pa

from tidings.store.db import Store

HOSTILE_TITLE = 'Riot <script>window.__pwned = "title"</script> in <img src=x onerror="window.__pwned=\'img\'">'
HOSTILE_TEXT = ("Police fired tear gas at protesters in Kyiv on Monday. "
                '<script>window.__pwned = "body"</script>'
                '<img src=x onerror="window.__pwned=\'body-img\'"> '
                '"We will not leave," a protest leader said.')

TEXTS = {
    "h1": ("Russian forces shelled Kharkiv on Tuesday, officials said. "
           "Ukraine accused Russia of targeting civilians."),
    "h2": ("Iran and France held talks in Geneva on March 3. "
           "The United Nations sent aid to Sudan."),
    "h3": HOSTILE_TEXT,
}


def _span(key: str, words: str, nth: int = 0) -> tuple[int, int]:
    text, at = TEXTS[key], -1
    for _ in range(nth + 1):
        at = text.index(words, at + 1)
    return at, at + len(words)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    view = pa.Table.from_pylist(rows)
    con.register("_rows", view)
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
    con.unregister("_rows")


def _article(key: str, title: str, published: str, url: str | None, source: str) -> dict:
    return {"hash": key, "id": f"id-{key}", "origin": f"{key}.txt", "url": url,
            "source": source, "title": title, "subtitles": "[]", "published": published,
            "language": "en", "text": TEXTS[key],
            "paragraphs": json.dumps([{"start": 0, "end": len(TEXTS[key])}]),
            "coder_version": "test", "n_events": 0, "n_errors": 0}


def _actor(name: str, code: str | None, country: str | None, text: str) -> str:
    return json.dumps([{"actor": None, "text": text, "country": country, "sector": None,
                        "code": code, "inferred": False, "name": name}])


# event_id, article, type, quad, goldstein, (src code, name, country), (tgt ...), day,
# place (name, country, lat, lon), confidence, modality, negated, trigger words, sentence nth
EVENTS = [
    ("ev1", "h1", "ASSAULT", 4, -10.0, ("RUSMIL", "Russian forces", "RUS"),
     (None, "Kharkiv", "UKR"), "2024-03-05", ("Kharkiv", "UKR", 49.98, 36.25), 0.95,
     "asserted", False, "shelled", 0),
    ("ev2", "h1", "ACCUSE", 3, -2.0, ("UKR", "Ukraine", "UKR"), ("RUS", "Russia", "RUS"),
     "2024-03-05", None, 0.7, "reported", False, "accused", 1),
    ("ev3", "h2", "CONSULT", 1, 1.0, ("IRNGOV", "Iran", "IRN"), ("FRA", "France", "FRA"),
     "2024-03-03", ("Geneva", "CHE", 46.2, 6.14), 0.9, "asserted", False, "talks", 0),
    ("ev4", "h2", "AID", 2, 7.4, ("IGOUNO", "United Nations", None), ("SDN", "Sudan", "SDN"),
     "2024-02-10", ("Sudan", "SDN", 15.0, 30.0), 0.85, "asserted", False, "sent", 1),
    ("ev5", "h3", "COERCE", 4, -5.0, ("UKRCOP", "Police", "UKR"),
     (None, "protesters", "UKR"), "2024-01-15", ("Kyiv", "UKR", 50.45, 30.52), 0.6,
     "asserted", False, "fired", 0),
    ("ev6", "h2", "CONSULT", 1, 1.0, ("FRA", "France", "FRA"), ("IRNGOV", "Iran", "IRN"),
     "2023-12-20", None, 0.5, "future", True, "talks", 0),
    ("ev7", "h1", "ASSAULT", 4, -10.0, ("RUSMIL", "Russian forces", "RUS"),
     (None, "civilians", "UKR"), None, None, 0.8, "hypothetical", False, "targeting", 1),
]


def _sentence(key: str, nth: int) -> tuple[int, int]:
    text, start = TEXTS[key], 0
    for _ in range(nth):
        start = text.index(". ", start) + 2
    end = text.find(". ", start)
    return start, (end + 1 if end >= 0 else len(text))


def _event_rows() -> tuple[list[dict], list[dict]]:
    events, mentions = [], []
    published = {"h1": "2024-03-06T08:00:00Z", "h2": "2024-03-04T09:00:00Z",
                 "h3": "2024-01-16T10:00:00Z"}
    for (eid, key, typ, quad, gold, src, tgt, day, place, conf, modality, negated,
         trigger, nth) in EVENTS:
        s0, s1 = _sentence(key, nth)
        t0, t1 = _span(key, trigger)
        sentence = TEXTS[key][s0:s1]
        row = {"event_id": eid, "merge_key": f"k-{eid}", "type": typ, "mode": None,
               "context": "[]", "cameo": "190", "goldstein": gold, "quad_class": quad,
               "source_code": src[0], "source_name": src[1], "source_country": src[2],
               "target_code": tgt[0], "target_name": tgt[1], "target_country": tgt[2],
               "source_actors": _actor(src[1], src[0], src[2], src[1].split()[0]),
               "target_actors": _actor(tgt[1], tgt[0], tgt[2], tgt[1]),
               "date": day, "date_precision": "day" if day else None,
               "day": day, "location_name": place[0] if place else None,
               "location_country": place[1] if place else None,
               "lat": place[2] if place else None, "lon": place[3] if place else None,
               "negated": negated, "modality": modality, "confidence": conf,
               "sentence": sentence}
        events.append({**row, "is_root": True, "num_mentions": 1, "num_articles": 1,
                       "num_sources": 1, "first_published": published[key],
                       "source_url": None, "representative_mention": f"{key}:{eid}"})
        mentions.append({**row, "mention_id": f"{key}:{eid}", "article_hash": key,
                         "local_id": eid, "sentence_start": s0, "sentence_end": s1,
                         "trigger_start": t0, "trigger_end": t1, "trigger": trigger,
                         "quote_id": "q1" if key == "h3" else None, "in_lead": True,
                         "outlet": "Wire", "url": None, "published": published[key]})
        if eid == "ev1":  # stored with its tellings: the first, and a retelling
            r0, r1 = _span(key, "targeting")
            mentions[-1]["mentions"] = json.dumps([
                {"id": eid, "sentence": {"start": s0, "end": s1, "text": sentence},
                 "trigger": {"start": t0, "end": t1, "text": trigger},
                 "by": ["clause_subject", "stored_rule"], "modality": "asserted"},
                {"id": "ev1b", "sentence": {"start": r0 - 40, "end": len(TEXTS[key]),
                                            "text": TEXTS[key][r0 - 40:]},
                 "trigger": {"start": r0, "end": r1, "text": "targeting"},
                 "by": ["join_account"], "modality": "asserted"}])
    return events, mentions


def _annotations() -> dict[str, list[dict]]:
    k0, k1 = _span("h1", "Kharkiv")
    d0, d1 = _span("h1", "Tuesday")
    q0, q1 = _span("h3", '"We will not leave,"')
    r0, r1 = _span("h1", "Russian forces")
    return {
        "places": [{"article_hash": "h1", "name": "Kharkiv", "country": "UKR", "lat": 49.98,
                    "lon": 36.25, "feature": "city", "n_mentions": 1,
                    "mentions": json.dumps([{"start": k0, "end": k1, "text": "Kharkiv"}])}],
        "dates": [{"article_hash": "h1", "text": "Tuesday", "start": d0, "end": d1,
                   "value": "2024-03-05", "precision": "day"}],
        "quotes": [{"article_hash": "h3", "quote_id": "q1", "text": "We will not leave,",
                    "start": q0, "end": q1, "direct": True, "speaker": None,
                    "speaker_name": "a protest leader", "cue": "said"}],
        "actors": [{"article_hash": "h1", "actor_id": "a1", "name": "Russian forces",
                    "kind": "group", "country": "RUS", "sector": "MIL", "code": "RUSMIL",
                    "n_mentions": 1,
                    "mentions": json.dumps([{"start": r0, "end": r1, "text": "Russian forces"}])}],
    }


def make_store(path: str | Path, synthetic: int = 0) -> Path:
    """Write the test store at `path` (plus `synthetic` paging events dated 2022)."""
    Store.open(path, create=True).close()
    con = duckdb.connect(str(path))
    try:
        _insert(con, "articles", [
            _article("h1", "Russia shells Kharkiv", "2024-03-06T08:00:00Z",
                     "https://news.example.org/kharkiv", "Wire"),
            _article("h2", "Talks in Geneva; aid to Sudan", "2024-03-04T09:00:00Z",
                     "javascript:alert(1)", "Wire"),
            _article("h3", HOSTILE_TITLE, "2024-01-16T10:00:00Z", None, "<b>Outlet</b>"),
        ])
        events, mentions = _event_rows()
        _insert(con, "events", events)
        _insert(con, "event_mentions", mentions)
        for table, rows in _annotations().items():
            _insert(con, table, rows)
        if synthetic:
            con.execute(f"""INSERT INTO events BY NAME SELECT 'syn' || lpad(CAST(i AS VARCHAR), 6, '0')
                AS event_id, 'PROTEST' AS type, 3 AS quad_class, -6.5 AS goldstein,
                'PSE' AS source_code, 'Palestinians' AS source_name, 'PSE' AS source_country,
                DATE '2022-01-01' + CAST(i % 200 AS INTEGER) AS day,
                CAST(DATE '2022-01-01' + CAST(i % 200 AS INTEGER) AS VARCHAR) AS date,
                0.75 AS confidence, 'asserted' AS modality, FALSE AS negated,
                'Synthetic ' || i AS sentence, 1 AS num_mentions, 1 AS num_articles,
                1 AS num_sources FROM range({int(synthetic)}) t(i)""")
    finally:
        con.close()
    return Path(path)


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(db: Path, token: str, timeout: float = 90.0) -> Iterator[str]:
    """A real `tidings serve` of `db` on a free 127.0.0.1 port with write token `token`,
    its base URL while the block runs, stopped after it."""
    port = free_port()
    env = {**os.environ, "TIDINGS_TOKEN": token}
    proc = subprocess.Popen([sys.executable, "-m", "tidings.cli", "serve", "--db", str(db),
                             "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    try:
        while True:
            assert proc.poll() is None, proc.stderr.read().decode()
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        proc.stderr.close()
