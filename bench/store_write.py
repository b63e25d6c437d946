"""DuckDB write path alone: pre-coded CodedDocuments -> store rows -> write_batch.

    .venv/bin/python bench/store_write.py               # 400 articles x 5 copies, batch 32

The articles are coded once (not timed); then copies with distinct titles (so distinct
content hashes, as new articles would be) go through exactly what `tidings ingest` does
after coding: `rows.document_rows` and `Store.write_batch` (insert + re-merge), batch by
batch, into a fresh store. Events/s counts coded event mentions written.
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import tempfile
import time
from pathlib import Path

from throughput import build_articles, to_article

from tidings.nlp import Coder
from tidings.store.db import Store
from tidings.store.ingest import coder_version
from tidings.store.rows import document_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--merge-each-batch", action="store_true",
                        help="the old write path: re-merge events in every batch")
    args = parser.parse_args()
    coder = Coder()
    coded = list(coder.code_many([to_article(r) for r in build_articles(args.articles)]))
    version = coder_version(coder)
    docs = []
    for c in range(args.copies):
        for doc in coded:
            twin = copy.copy(doc)
            twin.article = copy.copy(doc.article)
            twin.article.title = f"{doc.article.title} [{c}]"
            docs.append(twin)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    mentions = rows_s = write_s = 0.0
    with tempfile.TemporaryDirectory() as tmp, \
            Store.open(Path(tmp) / "bench.duckdb", create=True) as store:
        start = time.perf_counter()
        for lo in range(0, len(docs), args.batch_size):
            t0 = time.perf_counter()
            batch: dict[str, list] = {}
            for doc in docs[lo:lo + args.batch_size]:
                for table, items in document_rows(doc, now, version).items():
                    batch.setdefault(table, []).extend(items)
            t1 = time.perf_counter()
            store.write_batch(batch, defer_merge=not args.merge_each_batch)
            rows_s += t1 - t0
            write_s += time.perf_counter() - t1
            mentions += len(batch.get("event_mentions", []))
        t2 = time.perf_counter()
        store.finish_merges()  # what `tidings ingest` does once, at its end
        merge_s = time.perf_counter() - t2
        total = time.perf_counter() - start
        merged = store.count("events")
    print(json.dumps({
        "articles": len(docs), "event_mentions": int(mentions), "merged_events": merged,
        "batch_size": args.batch_size, "seconds": round(total, 2),
        "rows_s": round(rows_s, 2), "write_batch_s": round(write_s, 2),
        "final_merge_s": round(merge_s, 2), "merge_each_batch": args.merge_each_batch,
        "events_per_s": round(mentions / total),
        "articles_per_s": round(len(docs) / total),
    }, indent=2))


if __name__ == "__main__":
    main()
