"""Exports (Parquet, CSV, JSONL, GDELT 2.0, POLECAT) and the Python API."""
from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from test_store import KHARKIV, coded, event, write

from tidings.api import code_text, open_store
from tidings.cli import main
from tidings.errors import StoreError
from tidings.store.db import Store
from tidings.store.exports import GDELT_COLUMNS, export
from tidings.store.query import EventFilter


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store.open(path, create=True) as store:
        write(store, [
            coded(1, [event("e1", date="2023-03-09", confidence=0.9)]),
            coded(2, [event("e1", date="2023-03-10")], outlet="Valley Times",
                  published="2023-03-10T06:15:00Z"),
            coded(3, [event("e1", type_="COERCE", src="IRNGOV", tgt="USA", date=None,
                            location=None, sentence_start=200),
                      event("e2", date="2023-03-09", location=KHARKIV)]),
        ])
    return str(path)


def query_ids(db: str, **kw) -> list[str]:
    with Store.open(db, read_only=True) as s:
        return [r["event_id"] for r in s.event_records(EventFilter(**kw))]


def test_parquet_has_one_row_per_event_of_query(db, tmp_path):
    out = tmp_path / "e.parquet"
    with Store.open(db, read_only=True) as s:
        assert export(s, "parquet", out) == 3
    table = pq.read_table(out)
    assert table.column("event_id").to_pylist() == query_ids(db)
    assert {"num_articles", "num_sources", "source_code", "lat"} <= set(table.column_names)
    with Store.open(db, read_only=True) as s:
        export(s, "parquet", out, EventFilter(type="ASSAULT", country="UKR"))
    assert pq.read_table(out).num_rows == 2


def test_csv_and_jsonl(db, tmp_path):
    with Store.open(db, read_only=True) as s:
        export(s, "csv", tmp_path / "e.csv")
        export(s, "jsonl", tmp_path / "e.jsonl")
    frame = pd.read_csv(tmp_path / "e.csv")
    assert list(frame["event_id"]) == query_ids(db)
    records = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert [r["event_id"] for r in records] == query_ids(db)
    merged = next(r for r in records if r["num_articles"] == 2)
    assert merged["context"] == ["military"] and merged["day"] == "2023-03-09"


def test_gdelt_columns(db, tmp_path):
    out = tmp_path / "e.tsv"
    with Store.open(db, read_only=True) as s:
        export(s, "gdelt", out, EventFilter(type="ASSAULT", limit=10))
    lines = out.read_text().splitlines()
    assert len(lines) == 2 and not lines[0].startswith("GLOBALEVENTID")
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines]
    kyiv = next(r for r in rows if r["NumArticles"] == "2")
    assert kyiv["SQLDATE"] == "20230309" and kyiv["MonthYear"] == "202303"
    assert kyiv["Year"] == "2023" and kyiv["FractionDate"] == "2023.1863"
    assert kyiv["Actor1Code"] == "RUSMIL" and kyiv["Actor1Name"] == "RUSSIAN ARMED FORCES"
    assert kyiv["Actor1CountryCode"] == "RUS" and kyiv["Actor1Type1Code"] == "MIL"
    assert kyiv["Actor2CountryCode"] == "UKR"
    assert (kyiv["EventCode"], kyiv["EventBaseCode"], kyiv["EventRootCode"]) == \
        ("195", "195", "19")
    assert kyiv["QuadClass"] == "4" and kyiv["GoldsteinScale"] == "-10.0"
    assert kyiv["NumSources"] == "2" and kyiv["NumMentions"] == "2"
    assert kyiv["IsRootEvent"] == "1"
    assert kyiv["ActionGeo_Type"] == "4" and kyiv["ActionGeo_CountryCode"] == "UP"  # FIPS
    assert kyiv["ActionGeo_FullName"] == "Kyiv, Ukraine"
    assert kyiv["ActionGeo_Lat"] == "50.45" and kyiv["ActionGeo_FeatureID"] == "703448"
    assert kyiv["DATEADDED"] == "20230310061500"  # the earliest article
    assert kyiv["SOURCEURL"] == "https://example.org/Vall/2"
    assert GDELT_COLUMNS[26] == "EventCode" and GDELT_COLUMNS[59] == "DATEADDED"


def test_polecat_records(db, tmp_path):
    out = tmp_path / "e.json"
    with Store.open(db, read_only=True) as s:
        export(s, "polecat", out)
    records = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(records) == 3
    coerce = next(r for r in records if r["event_type"] == "COERCE")
    assert coerce["event_date"] is None and coerce["quad_code"] == "MATERIAL CONFLICT"
    assert coerce["actors"]["source"][0]["country"] == "IRN"
    assert coerce["actors"]["source"][0]["sector"] == "GOV"
    kharkiv = next(r for r in records if r["location"] and r["location"]["name"] == "Kharkiv")
    assert kharkiv["event_mode"] == "artillery" and kharkiv["contexts"] == ["military"]
    assert kharkiv["event_date"] == "2023-03-09"


def test_export_cli_and_bad_target(db, tmp_path):
    out = tmp_path / "cli.parquet"
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet",
                                       "--out", str(out), "--type", "COERCE"])
    assert result.exit_code == 0, result.output
    assert pq.read_table(out).num_rows == 1
    bad = CliRunner().invoke(main, ["export", "--db", db, "--format", "csv",
                                    "--out", str(tmp_path / "no" / "dir.csv")])
    assert bad.exit_code == 1 and "dir.csv" in bad.output


def test_api_open_store(db):
    store = open_store(db)
    frame = store.events(type="ASSAULT")
    assert isinstance(frame, pd.DataFrame) and len(frame) == 2
    assert store.events_arrow(country="USA").num_rows == 1
    assert len(store.articles()) == 3 and "text" not in store.articles().columns
    assert store.stats()["events_by_type"] == {"ASSAULT": 2, "COERCE": 1}
    merged = frame[frame["num_articles"] == 2]["event_id"].tolist()
    assert len(store.mentions(merged)) == 2
    with pytest.raises(StoreError, match="colour"):
        store.events(colour="red")
    with pytest.raises(StoreError, match="missing.duckdb"):
        open_store(db.replace("s.duckdb", "missing.duckdb"))


def test_code_text_returns_the_contract_shape(coder):
    text = ("Police in Nairobi arrested two protest leaders on Monday.\n\n"
            "The interior ministry said the arrests were lawful.")
    out = code_text(text, published="2024-07-08T10:00:00Z", coder=coder)
    assert set(out) >= {"article", "actors", "events", "quotes", "places", "dates", "errors"}
    assert out["article"]["text"] == text and len(out["article"]["paragraphs"]) == 2
    assert out["article"]["published"] == "2024-07-08T10:00:00Z"
