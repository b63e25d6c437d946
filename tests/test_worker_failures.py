"""A task that fails in a worker (a worker killed, a crash in C code) is pinned on the
document at fault: its neighbours in the same chunk are coded and stored, with any
number of workers, for `code`, `ingest` into a store and `ingest --lake`."""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from tidings.models import Article, Paragraph, ReadResult
from tidings.run import executors, ingest, ingest_lake, jsonl, lake_sink, store_sink
from tidings.store.db import Store
from tidings.store.lake_load import load_lake

STORY = "Police arrested {n} protesters in Nairobi on Monday, officials said."


def _results(n: int = 7, poison: int = 3) -> list[ReadResult]:
    out = []
    for i in range(n):
        text = STORY.format(n=i + 2) + (" POISON" if i == poison else "")
        out.append(ReadResult(Article(id=f"a{i}", origin=f"doc{i}.txt", text=text,
                                      published="2024-03-04T10:00:00Z",
                                      paragraphs=[Paragraph(0, len(text))])))
    return out


@pytest.fixture
def poisoned(monkeypatch, coder):
    """Task functions that die on any chunk holding the poisoned document, as a worker
    killed by the kernel would; the rest is coded by the session's coder."""
    monkeypatch.setattr(executors, "_CODER", coder)

    def wrap(fn):
        def task(items, *args):
            docs = [getattr(x, "article", None) or x[1].article for x in items]
            if any("POISON" in d.text for d in docs):
                raise RuntimeError("worker killed (SIGKILL)")
            return fn(items, *args)
        return task

    monkeypatch.setattr(store_sink, "rows_chunk", wrap(store_sink.rows_chunk))
    monkeypatch.setattr(jsonl, "code_chunk", wrap(jsonl.code_chunk))
    monkeypatch.setattr(lake_sink, "lake_chunk", wrap(lake_sink.lake_chunk))


def _check_errors(errors: list[tuple[str, str]]) -> None:
    (origin, message), = errors
    assert origin == "doc3.txt" and "worker killed" in message


def test_code_pins_the_failure_on_its_document(poisoned):
    with ThreadPoolExecutor(2) as pool:
        out = list(jsonl.code_results_parallel(_results(), pool, chunk_size=4))
    assert [d["article"]["origin"] if d["article"] else None for d in out] == \
        ["doc0.txt", "doc1.txt", "doc2.txt", None, "doc4.txt", "doc5.txt", "doc6.txt"]
    assert all(d["events"] for d in out if d["article"])
    _check_errors([(e["origin"], e["message"]) for d in out for e in d["errors"]])


def test_ingest_stores_every_neighbour(poisoned, tmp_path):
    db = tmp_path / "s.duckdb"
    with ThreadPoolExecutor(2) as pool:
        report = ingest([], db, results=_results(), executor=pool, batch_size=4)
    assert report.coded == 6
    with Store.open(db, read_only=True) as store:
        origins = [r[0] for r in store.con.execute(
            "SELECT origin FROM articles ORDER BY origin").fetchall()]
        errors = store.con.execute("SELECT origin, message FROM errors").fetchall()
    assert origins == [f"doc{i}.txt" for i in (0, 1, 2, 4, 5, 6)]
    _check_errors(errors)


def test_lake_ingest_stores_every_neighbour(poisoned, tmp_path):
    with ThreadPoolExecutor(2) as pool:
        report = ingest_lake(_results(), tmp_path / "lake", executor=pool, batch_size=4)
    assert report.coded == 6
    db = tmp_path / "l.duckdb"
    with Store.open(db, create=True) as store:
        load_lake(tmp_path / "lake", store)
        origins = [r[0] for r in store.con.execute(
            "SELECT origin FROM articles ORDER BY origin").fetchall()]
        errors = store.con.execute("SELECT origin, message FROM errors").fetchall()
    assert origins == [f"doc{i}.txt" for i in (0, 1, 2, 4, 5, 6)]
    _check_errors(errors)


def crash_on_poison(todo, *args):
    """rows_chunk, except that a worker given the poisoned document dies at once, as one
    killed by the kernel does (module-level: sent to spawned workers by reference)."""
    if any("POISON" in r.article.text for _, r in todo):
        os._exit(9)
    return store_sink.rows_chunk(todo, *args)


def test_a_killed_worker_costs_only_its_document(monkeypatch, tmp_path):
    monkeypatch.setattr(store_sink, "rows_chunk", crash_on_poison)
    db = tmp_path / "s.duckdb"
    with executors.process_pool(2) as pool:
        report = ingest([], db, results=_results(), executor=pool, batch_size=4)
        assert pool.respawns >= 1
    assert report.coded == 6
    with Store.open(db, read_only=True) as store:
        origins = [r[0] for r in store.con.execute(
            "SELECT origin FROM articles ORDER BY origin").fetchall()]
        (origin, message), = store.con.execute("SELECT origin, message FROM errors").fetchall()
    assert origins == [f"doc{i}.txt" for i in (0, 1, 2, 4, 5, 6)]
    assert origin == "doc3.txt" and "BrokenProcessPool" in message
