"""DuckDB write path alone: pre-coded CodedDocuments -> store rows -> one transaction per batch.

    .venv/bin/python bench/store_write.py                   # 400 articles x 5 copies, batch 512
    .venv/bin/python bench/store_write.py --batch-size 32
    .venv/bin/python bench/store_write.py --rows dicts      # rows.document_rows, as dicts
    .venv/bin/python bench/store_write.py --sync            # no writer thread

The articles are coded once (not timed); then copies with distinct titles (so distinct
content hashes, as new articles would be) go through what `tidings ingest` does after
coding: rows per document, converted to Arrow and queued on `store.writer.BatchWriter`,
which writes one transaction per `--batch-size` documents (`writer.WRITE_DOCS` by
default; ingest also commits after `WRITE_SECONDS`, which a write this fast never reaches) with the merge deferred, on its
writer thread while the next rows are built (`--sync`: on the caller's thread), the
last transaction merging every pending key (`merge_at_close`), into a fresh store. `--rows batch` builds rows with
`rows.RowBatch.add`; `--rows dicts` with `rows.document_rows` (the dict rows
`run.rows.coded_rows` once handed to ingest). Each run is repeated `--repeats` times into a
new store and the fastest kept (the machine is shared). Events/s counts coded event
mentions written.
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import gc
import json
import math
import tempfile
import time
from pathlib import Path

from throughput import build_articles, to_article

from tidings.models import CodedDocument
from tidings.nlp import Coder
from tidings.run.rows import coder_version
from tidings.store.db import Store
from tidings.store.rows import ArrowBatch, RowBatch, document_rows
from tidings.store.writer import WRITE_DOCS, BatchWriter

WORKER_CHUNK = 32  # documents per coding job: `tidings ingest --batch-size` (default)


def twins(coded: list[CodedDocument], copies: int) -> list[CodedDocument]:
    """`copies` copies of every document, each under its own title (own content hash)."""
    docs = []
    for c in range(copies):
        for doc in coded:
            twin = copy.copy(doc)
            twin.article = copy.copy(doc.article)
            twin.article.title = f"{doc.article.title} [{c}]"
            docs.append(twin)
    return docs


def run(docs: list[CodedDocument], version: str, batch_size: int, rows_mode: str,
        merge_each_batch: bool = False, threaded: bool = True,
        prebuilt: bool = False) -> dict:
    """Write `docs` into a fresh store as ingest does; timings of each phase.

    `seconds` (what events/s divides by) runs from the first row built to the end of
    the final merge (done with the last batch, so inside `write_batch_s`;
    `final_merge_s` is the `Store.finish_merges` ingest still calls, finding nothing); `close_s` (the checkpoint DuckDB does when the store is closed,
    paid by every ingest at its end) is reported apart, as before. `cpu_s` is the
    process's CPU time over `seconds`, all threads (DuckDB's too); `main_cpu_s` the
    caller's thread alone, `writer_cpu_s` the writer thread's. `rows_s` is building
    rows, `to_arrow_s` converting them to Arrow before they are handed to the writer
    (on the caller's thread); `waiting_for_writer_s` is the time `add` takes.
    """
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    mentions, rows_s, wait_s, convert_s = 0, 0.0, 0.0, 0.0
    ready: list[list[ArrowBatch]] = []
    if prebuilt:  # as `--workers N` hands them over: built and converted by the coders
        for lo in range(0, len(docs), batch_size):
            chunks = []
            for c in range(lo, min(lo + batch_size, len(docs)), WORKER_CHUNK):
                chunk = RowBatch()
                for doc in docs[c:min(c + WORKER_CHUNK, lo + batch_size)]:
                    chunk.add(doc, now, version)
                chunks.append(chunk.to_arrow())
            ready.append(chunks)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.duckdb", create=True)
        start, cpu0, main0 = time.perf_counter(), time.process_time(), time.thread_time()
        writer = BatchWriter(store, docs=batch_size, seconds=math.inf,
                             threaded=threaded and not merge_each_batch,
                             merge_at_close=not merge_each_batch)
        for lo in range(0, len(docs), batch_size):
            t0 = time.perf_counter()
            chunk = docs[lo:lo + batch_size]
            if prebuilt:
                rows = ready.pop(0)
                mentions += sum(r.count("event_mentions") for r in rows)
            elif rows_mode == "batch":
                rows = RowBatch()
                for doc in chunk:
                    rows.add(doc, now, version)
                mentions += rows.count("event_mentions")
            else:
                rows = {}
                for doc in chunk:
                    for table, items in document_rows(doc, now, version).items():
                        rows.setdefault(table, []).extend(items)
                mentions += len(rows["event_mentions"])
            t1 = time.perf_counter()
            if not prebuilt:  # converted on the caller's thread, as ingest does
                rows = (rows if isinstance(rows, RowBatch) else RowBatch.of(rows)).to_arrow()
            t2 = time.perf_counter()
            if merge_each_batch:
                store.write_batch(ArrowBatch.concat(rows) if prebuilt else rows)
            elif prebuilt:  # one worker's chunk at a time, as ingest queues them
                for part in rows:
                    writer.add(part, part.count("articles"))
            else:
                writer.add(rows, len(chunk))
            rows_s += t1 - t0
            convert_s += t2 - t1
            wait_s += time.perf_counter() - t2
        t1 = time.perf_counter()
        writer.close()
        t2 = time.perf_counter()
        wait_s += t2 - t1
        store.finish_merges()  # as `tidings ingest`: nothing left after merge_at_close
        merge_s = time.perf_counter() - t2
        total = time.perf_counter() - start
        cpu, main_cpu = time.process_time() - cpu0, time.thread_time() - main0
        merged = store.count("events")
        t3 = time.perf_counter()
        store.close()
        close_s = time.perf_counter() - t3
    return {"articles": len(docs), "event_mentions": mentions, "merged_events": merged,
            "seconds": round(total, 3), "cpu_s": round(cpu, 3),
            "main_cpu_s": round(main_cpu, 3), "writer_cpu_s": round(writer.write_cpu, 3),
            "rows_s": round(rows_s, 3), "waiting_for_writer_s": round(wait_s, 3),
            "to_arrow_s": round(convert_s, 3),
            "write_batch_s": round(writer.write_seconds, 3),
            "final_merge_s": round(merge_s, 3), "close_s": round(close_s, 3),
            "events_per_s": round(mentions / total),
            "articles_per_s": round(len(docs) / total)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=WRITE_DOCS,
                        help="documents per transaction (ingest writes WRITE_DOCS)")
    parser.add_argument("--sync", action="store_true",
                        help="write on the caller's thread (BatchWriter(threaded=False))")
    parser.add_argument("--rows", choices=["batch", "dicts"], default="batch")
    parser.add_argument("--prebuilt", action="store_true",
                        help="rows built and converted to Arrow before timing, in "
                             f"chunks of {WORKER_CHUNK} documents, as the coding workers of "
                             "`ingest --workers N` send them: times the database writer alone")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--merge-each-batch", action="store_true",
                        help="the first write path: re-merge events in every batch")
    args = parser.parse_args()
    coder = Coder()
    coded = list(coder.code_many([to_article(r) for r in build_articles(args.articles)]))
    docs = twins(coded, args.copies)
    # The bench holds the whole pre-coded corpus (10,000s of objects) in memory, which
    # an ingest never does (it holds one batch); frozen, the corpus is not walked by
    # the full collections the write path triggers, as it would not exist in an ingest.
    gc.freeze()
    runs = [run(docs, coder_version(coder), args.batch_size, args.rows, args.merge_each_batch,
                threaded=not args.sync, prebuilt=args.prebuilt)
            for _ in range(args.repeats)]
    best = min(runs, key=lambda r: r["seconds"])
    print(json.dumps({**best, "batch_size": args.batch_size, "rows": args.rows,
                      "threaded": not args.sync and not args.merge_each_batch,
                      "merge_each_batch": args.merge_each_batch,
                      "prebuilt": args.prebuilt,
                      "runs_seconds": [r["seconds"] for r in runs],
                      "runs_cpu_s": [r["cpu_s"] for r in runs]}, indent=2))


if __name__ == "__main__":
    main()
