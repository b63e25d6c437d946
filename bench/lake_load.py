"""`tidings load` alone: a Parquet lake of pre-coded articles -> a fresh DuckDB store.

    .venv/bin/python bench/lake_load.py                       # tasks of 32 documents
    .venv/bin/python bench/lake_load.py --task-size 256       # fewer, larger part files

The 400 bench articles are coded once (not timed) and stored under 5 titles each
(2,000 articles, as bench/store_write.py does); the lake is written as
`tidings ingest --lake` workers write it, one part per task of `--task-size` documents
(`--batch-size` of ingest, 32 by default) and publication month. Then `store.lake_load.load_lake`
(what `tidings load` runs: inserts straight from the Parquet files, and the merge) is
timed into a new store, `--repeats` times, best kept. Events/s counts event mentions
loaded; `close_s` (DuckDB's checkpoint at close) is reported apart, as in store_write.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
from pathlib import Path

from store_write import twins
from throughput import build_articles, to_article

from tidings.nlp import Coder
from tidings.run.lake_sink import mark, write_part
from tidings.run.rows import coder_version
from tidings.store.db import Store
from tidings.store.lake_load import load_lake, parts
from tidings.store.rows import RowBatch


def write_lake(docs: list, version: str, lake: Path, task_size: int) -> int:
    """The lake `ingest --lake` workers would write (one part per task); mentions back."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    mark(lake)
    mentions = 0
    for lo in range(0, len(docs), task_size):
        batch = RowBatch()
        for doc in docs[lo:lo + task_size]:
            batch.add(doc, now, version)
        mentions += batch.count("event_mentions")
        write_part(batch.as_rows(), lake)
    return mentions


def run(lake: Path, mentions: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.duckdb", create=True)
        start = time.perf_counter()
        done = load_lake(lake, store)
        seconds = time.perf_counter() - start
        events = store.count("events")
        t = time.perf_counter()
        store.close()
        close_s = time.perf_counter() - t
    return {"articles": done["articles"], "event_mentions": mentions,
            "merged_events": events, "seconds": round(seconds, 3),
            "close_s": round(close_s, 3), "events_per_s": round(mentions / seconds)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--task-size", type=int, default=32,
                        help="documents per coding task (one part file per table and month)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    coder = Coder()
    coded = list(coder.code_many([to_article(r) for r in build_articles(args.articles)]))
    docs = twins(coded, args.copies)
    with tempfile.TemporaryDirectory() as tmp:
        lake = Path(tmp) / "lake"
        mentions = write_lake(docs, coder_version(coder), lake, args.task_size)
        n_parts = len(parts(lake))
        n_files = sum(1 for _ in lake.rglob("*.parquet"))
        runs = [run(lake, mentions) for _ in range(args.repeats)]
    best = min(runs, key=lambda r: r["seconds"])
    print(json.dumps({**best, "task_size": args.task_size, "parts": n_parts,
                      "files": n_files, "runs_seconds": [r["seconds"] for r in runs]},
                     indent=2))


if __name__ == "__main__":
    main()
