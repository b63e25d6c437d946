"""The Parquet lake: written per task, partitioned by month, read back as the same events."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from test_parallel import _results

from tidings.cli import main
from tidings.errors import StoreError
from tidings.run import ingest, ingest_lake
from tidings.store.db import Store
from tidings.store.lake_load import lake_store, load_lake, partition_of


def test_partition_of_publication_month():
    assert partition_of("2024-05-02T09:15:00Z") == "year=2024/month=05"
    assert partition_of("2024-05") == "year=2024/month=05"
    assert partition_of(None) == "year=unknown/month=unknown"
    assert partition_of("yesterday") == "year=unknown/month=unknown"


@pytest.fixture(scope="module")
def stores(coder, tmp_path_factory):
    """A lake and a store ingested from the same input with the same coder."""
    root = tmp_path_factory.mktemp("lake")
    lake, db = root / "lake", root / "local.duckdb"
    report = ingest_lake(_results() + _results()[:2], lake, coder=coder, batch_size=4)
    ingest([], db, results=_results(), coder=coder, batch_size=4)
    return lake, db, report


def test_lake_layout_and_columns(stores):
    lake, db, report = stores
    assert report.skipped == 2 and report.unreadable == 1
    files = sorted((lake / "event_mentions").glob("year=*/month=*/part-*.parquet"))
    assert files and not list(lake.rglob("*.tmp"))
    months = {f.parent.relative_to(lake / "event_mentions").as_posix() for f in files}
    assert "year=2024/month=05" in months
    with Store.open(db, read_only=True) as store:
        cols = [r[0] for r in store.con.execute("DESCRIBE event_mentions").fetchall()]
    assert pq.read_table(files[0]).column_names == cols
    # every row sits in its article's publication month
    for f in files:
        month = f.parent.name[len("month="):]
        assert {p[5:7] for p in pq.read_table(f).column("published").to_pylist()} == {month}
    unreadable = pq.read_table(next((lake / "errors").glob("year=unknown/*/*.parquet")))
    assert "not UTF-8 text" in unreadable.column("message").to_pylist()


def test_loaded_lake_equals_local_ingest_and_loading_twice_changes_nothing(stores, tmp_path):
    lake, db, _ = stores
    target = tmp_path / "loaded.duckdb"
    with Store.open(target, create=True) as store:
        first = load_lake(lake, store)
        second = load_lake(lake, store)
        loaded = store.dump()
    assert first["articles"] == 11 and second == {**second, "articles": 0, "skipped": 11}
    with Store.open(db, read_only=True) as local:
        assert loaded == local.dump()


def test_query_lake_matches_query_db(stores):
    lake, db, _ = stores
    runner = CliRunner()
    for filters in ([], ["--type", "ASSAULT"], ["--country", "IRN", "--limit", "5"],
                    ["--text", "sanctions"]):
        on_db = runner.invoke(main, ["query", "--db", str(db), "--format", "jsonl", *filters])
        on_lake = runner.invoke(main, ["query", "--lake", str(lake), "--format", "jsonl",
                                       *filters])
        assert on_db.exit_code == on_lake.exit_code == 0, on_lake.output
        assert on_lake.output == on_db.output and on_db.output.strip()
    with lake_store(lake) as store:
        assert store.count("events") == len(json.loads(
            runner.invoke(main, ["query", "--lake", str(lake), "--format", "json"]).output))


def test_load_command_and_not_a_lake(stores, tmp_path):
    lake = stores[0]
    target = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(main, ["load", "--lake", str(lake), "--db", str(target)])
    assert result.exit_code == 0, result.output
    assert "loaded 11 articles" in result.output
    with Store.open(tmp_path / "x.duckdb", create=True) as store, \
            pytest.raises(StoreError, match="not a tidings lake"):
        load_lake(tmp_path, store)
    bad = CliRunner().invoke(main, ["query", "--lake", str(Path(tmp_path) / "nope")])
    assert bad.exit_code != 0 and "no such lake" in bad.output


def test_a_lake_written_twice_loads_each_article_once(stores, coder, tmp_path):
    """The same input coded again in tasks of another size adds parts with other names
    holding the same articles: loading keeps one copy of each (from the part first by
    name) and counts the rest as skipped, and the store equals the local ingest."""
    lake, db, _ = stores
    twice = tmp_path / "twice"
    shutil.copytree(lake, twice)
    ingest_lake(_results(), twice, coder=coder, batch_size=3)
    with Store.open(tmp_path / "t.duckdb", create=True) as store:
        done = load_lake(twice, store)
        loaded = store.dump()
    assert (done["articles"], done["skipped"], done["unreadable_parts"]) == (11, 11, 0)
    with Store.open(db, read_only=True) as local:
        assert loaded == local.dump()


def test_an_unreadable_part_is_recorded_and_the_rest_loaded(stores, tmp_path):
    """A part file DuckDB cannot read leaves out that part (all its tables) and becomes
    an `errors` row naming the file; every other part is loaded and merged."""
    lake = tmp_path / "broken"
    shutil.copytree(stores[0], lake)
    victim = min((lake / "event_mentions").glob("year=2024/month=*/part-*.parquet"))
    victim.write_bytes(b"not parquet at all")
    name = victim.relative_to(lake / "event_mentions").as_posix()
    lost = pq.read_table(lake / "articles" / name).column("hash").to_pylist()
    with Store.open(tmp_path / "b.duckdb", create=True) as store:
        done = load_lake(lake, store)
        assert done["unreadable_parts"] == 1 and done["articles"] == 11 - len(lost)
        errors = store.con.execute(
            "SELECT stage, origin, message FROM errors WHERE stage = 'load'").fetchall()
        assert len(errors) == 1 and errors[0][1] == f"{lake} part {name}"
        assert errors[0][2].startswith("unreadable lake part: ") and str(victim) in errors[0][2]
        stored = {r[0] for r in store.con.execute("SELECT hash FROM articles").fetchall()}
        assert lost and not stored & set(lost)
        assert store.count("events") and store.con.execute(
            "SELECT count(*) FROM event_mentions WHERE event_id IS NULL").fetchone()[0] == 0
        # the file mended, loading again brings in just what was missing
        victim.write_bytes((stores[0] / "event_mentions" / name).read_bytes())
        again = load_lake(lake, store)
        assert (again["articles"], again["unreadable_parts"]) == (len(lost), 0)
