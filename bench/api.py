"""Web API benchmark: latency of /api/events and /api/timeline on a large store, and a
bounded load test from several clients, all on 127.0.0.1.

    .venv/bin/python bench/api.py [--events 1000000] [--repeat 40] [--clients 8]
                                  [--requests 50] [--db /tmp/tidings-bench-api.duckdb]

Builds a store of synthetic merged events written straight into the DuckDB tables
(SQL over range(), seconds for a million rows; reused when the file already has that
many), starts `tidings serve` on it on a free port, then
1. times each request kind `--repeat` times, one at a time: p50/p95 in ms;
2. runs `--clients` threads sending `--requests` requests each (events and timeline
   requests mixed), and reports requests/s, p50/p99 and errors (must be 0).
The load is bounded by count; the script stops the server it started.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import httpx

from tidings.store.db import Store

TYPES = ["ASSAULT", "COERCE", "PROTEST", "ACCUSE", "THREATEN", "MOBILIZE", "SANCTION",
         "REJECT", "CONSULT", "AGREE", "SUPPORT", "AID", "COOPERATE", "CONCEDE", "REQUEST",
         "RETREAT"]
QUAD = [4, 4, 3, 3, 3, 4, 3, 3, 1, 1, 1, 2, 2, 1, 1, 1]
ACTORS = ["RUS", "UKR", "USA", "CHN", "IRN", "ISR", "PSE", "SDN", "SOM", "NGA", "IND", "PAK",
          "AFG", "IRQ", "SYR", "YEM", "TUR", "FRA", "GBR", "DEU"]
SECTORS = ["", "GOV", "MIL", "REB", "COP", "OPP"]

EVENT_REQUESTS = {
    "no filter": {},
    "type": {"type": "ASSAULT,COERCE"},
    "country": {"country": "UKR"},
    "actor": {"actor": "RUSMIL"},
    "dyad": {"dyad": "RUS,UKR", "directed": "false"},
    "quad+confidence": {"quad_class": "4", "min_confidence": "0.8"},
    "since/until": {"since": "2023-01-01", "until": "2023-03-31"},
    "bbox": {"bbox": "20,40,40,55"},
    "combined": {"type": "ASSAULT", "country": "SDN", "since": "2022-01-01"},
}
TIMELINE_REQUESTS = {
    "week x quad": {"interval": "week", "by": "quad_class"},
    "month x type": {"interval": "month", "by": "type"},
    "day, country": {"interval": "day", "by": "conflict", "country": "UKR"},
    "week, dyad, share": {"interval": "week", "dyad": "RUS,UKR", "share": "true"},
}


def _list(values: list) -> str:
    return "[" + ", ".join(repr(v) for v in values) + "]"


def synthesize(db: str | Path, n_events: int, n_articles: int | None = None) -> None:
    """Write a store of `n_events` synthetic merged events (and some articles)."""
    n_articles = n_articles or max(n_events // 20, 1)
    Store.open(db, create=True).close()
    con = duckdb.connect(str(db))
    try:
        con.execute(f"""INSERT INTO articles SELECT md5('a' || i) AS hash, 'a' || i AS id,
            'synthetic' AS origin, 'https://news.example.org/' || i AS url,
            'Outlet ' || (i % 40) AS source, 'Synthetic article ' || i AS title, '[]',
            NULL, strftime(DATE '2020-01-01' + CAST(i % 1800 AS INTEGER), '%Y-%m-%d')
              || 'T12:00:00Z', 'en', 'Synthetic text ' || i, '[]', now()::TIMESTAMP,
            'synthetic', 20, 0 FROM range({int(n_articles)}) t(i)""")
        con.execute(f"""INSERT INTO events BY NAME SELECT
            substr(md5('e' || i), 1, 24) AS event_id, 'k' || (i % 997) AS merge_key,
            {_list(TYPES)}[1 + h % 16] AS type, NULL AS mode, '[]' AS context,
            '190' AS cameo, {_list(QUAD)}[1 + h % 16] * -2.5 + 5 AS goldstein,
            {_list(QUAD)}[1 + h % 16] AS quad_class,
            {_list(ACTORS)}[1 + s] || {_list(SECTORS)}[1 + (h // 7) % 6] AS source_code,
            'Source ' || {_list(ACTORS)}[1 + s] AS source_name,
            {_list(ACTORS)}[1 + s] AS source_country,
            {_list(ACTORS)}[1 + t] || {_list(SECTORS)}[1 + (h // 11) % 6] AS target_code,
            'Target ' || {_list(ACTORS)}[1 + t] AS target_name,
            {_list(ACTORS)}[1 + t] AS target_country,
            '[]' AS source_actors, '[]' AS target_actors,
            CAST(DATE '2020-01-01' + CAST(h % 1800 AS INTEGER) AS VARCHAR) AS date,
            'day' AS date_precision, DATE '2020-01-01' + CAST(h % 1800 AS INTEGER) AS day,
            'Place ' || (h % 500) AS location_name, {_list(ACTORS)}[1 + t] AS location_country,
            (h % 1400) / 10.0 - 60 AS lat, (h // 3 % 3400) / 10.0 - 170 AS lon,
            h % 50 = 0 AS negated, 'asserted' AS modality, 0.5 + (h % 50) / 100.0 AS confidence,
            TRUE AS is_root, 'Synthetic sentence number ' || i || '.' AS sentence,
            1 AS num_mentions, 1 AS num_articles, 1 AS num_sources,
            strftime(DATE '2020-01-01' + CAST(h % 1800 AS INTEGER), '%Y-%m-%d') || 'T12:00:00Z'
              AS first_published, 'https://news.example.org/' || (i % {int(n_articles)})
              AS source_url, 'm' || i AS representative_mention
            FROM (SELECT i, CAST(hash(i) % 1000003 AS BIGINT) AS h, CAST(hash(i * 7) % 20 AS BIGINT) AS s,
                  CAST(hash(i * 13) % 20 AS BIGINT) AS t FROM range({int(n_events)}) r(i))""")
    finally:
        con.close()


def stored_events(db: str | Path) -> int:
    if not Path(db).exists():
        return -1
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return -1
    try:
        return con.execute("SELECT count(*) FROM events").fetchone()[0]
    except duckdb.Error:
        return -1
    finally:
        con.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str | Path, port: int, env: dict | None = None) -> subprocess.Popen:
    """`tidings serve` on 127.0.0.1:port; returns once /healthz answers."""
    proc = subprocess.Popen([sys.executable, "-m", "tidings.cli", "serve", "--db", str(db),
                             "--port", str(port)], env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-500:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not answer /healthz within 60 s")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def latencies(client: httpx.Client, path: str, params: dict, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        r = client.get(path, params=params)
        out.append((time.perf_counter() - start) * 1000)
        r.raise_for_status()
    return out


def measure(base: str, repeat: int) -> dict[str, list[float]]:
    """Per request kind, `repeat` timings in ms (after one warm-up each)."""
    results: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        first = client.get("/api/events", params={"limit": 50}).json()
        kinds = [("/api/events", k, {**p, "limit": 50}) for k, p in EVENT_REQUESTS.items()]
        kinds.append(("/api/events", "page 2 (cursor)", {"limit": 50, "cursor": first["next"]}))
        kinds += [("/api/timeline", k, p) for k, p in TIMELINE_REQUESTS.items()]
        for path, kind, params in kinds:
            latencies(client, path, params, 1)  # warm-up
            results[f"{path} {kind}"] = latencies(client, path, params, repeat)
    return results


def load(base: str, clients: int, requests: int) -> dict[str, float]:
    """`clients` threads, `requests` each, mixing event and timeline requests."""
    mix = [("/api/events", {**p, "limit": 50}) for p in EVENT_REQUESTS.values()]
    mix += [("/api/timeline", p) for p in TIMELINE_REQUESTS.values()]
    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client_loop(n: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            for i in range(requests):
                path, params = mix[(n + i) % len(mix)]
                start = time.perf_counter()
                try:
                    ok = client.get(path, params=params).status_code == 200
                    err = None if ok else f"{path} status"
                except httpx.HTTPError as exc:
                    err = f"{path} {type(exc).__name__}"
                with lock:
                    times.append((time.perf_counter() - start) * 1000)
                    if err:
                        errors.append(err)

    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    return {"requests": len(times), "seconds": wall, "rps": len(times) / wall,
            "p50": pct(times, 50), "p99": pct(times, 99), "errors": len(errors)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--db", default="/tmp/tidings-bench-api.duckdb")
    args = parser.parse_args(argv)
    if stored_events(args.db) != args.events:
        for path in (args.db, args.db + ".wal"):
            Path(path).unlink(missing_ok=True)
        start = time.perf_counter()
        synthesize(args.db, args.events)
        print(f"synthesized {args.events:,} events in {time.perf_counter() - start:.1f} s")
    port = free_port()
    start = time.perf_counter()
    server = start_server(args.db, port)
    print(f"server ready in {time.perf_counter() - start:.1f} s (opens the store, copies "
          f"{args.events:,} events into its sorted in-memory index)")
    base = f"http://127.0.0.1:{port}"
    try:
        print(f"{'request':<42} {'p50 ms':>8} {'p95 ms':>8}")
        overall: dict[str, list[float]] = {"/api/events": [], "/api/timeline": []}
        for kind, ms in measure(base, args.repeat).items():
            overall[kind.split()[0]] += ms
            print(f"{kind:<42} {statistics.median(ms):>8.1f} {pct(ms, 95):>8.1f}")
        for path, ms in overall.items():
            print(f"{path + ' (all kinds)':<42} {statistics.median(ms):>8.1f} "
                  f"{pct(ms, 95):>8.1f}")
        result = load(base, args.clients, args.requests)
        print(f"load: {args.clients} clients x {args.requests} requests: "
              f"{result['requests']} in {result['seconds']:.1f} s = {result['rps']:.1f} req/s, "
              f"p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms, "
              f"errors {result['errors']}")
        return 1 if result["errors"] else 0
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
