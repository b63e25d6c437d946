"""GDELT (filled columns and the sidecar), ACLED-style CSV and typed Parquet exports, on
a store coded from text written here; the tone words and the PLOVER -> ACLED table."""
from __future__ import annotations

import csv
import datetime as dt
import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from test_store import KHARKIV, coded, event, write

from tidings.cli import main
from tidings.ontology.acled import AcledTableError, acled_type, read_acled_table, target_class
from tidings.ontology.tone import ToneWordsError, polarity, read_tone_words, tone
from tidings.store.db import Store
from tidings.store.export_acled import ACLED_COLUMNS
from tidings.store.export_gdelt import SIDECAR_COLUMNS
from tidings.store.exports import GDELT_COLUMNS, export

STORY = (
    "Rebels attack army base near Garissa\n\n"
    "Rebels attacked an army base in Garissa on 12 March 2024, killing five soldiers, "
    "officials said.\n\n"
    "Police arrested 40 protesters in Nairobi on Tuesday after a peaceful march.\n\n"
    "In 1998 the two governments signed a border agreement.\n")


@pytest.fixture(scope="module")
def coded_db(tmp_path_factory, coder):
    """A store holding one text file with no URL, coded by the real coder."""
    folder = tmp_path_factory.mktemp("exports")
    story = folder / "garissa.txt"
    story.write_text(STORY, encoding="utf-8")
    db = str(folder / "s.duckdb")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("tidings.nlp.Coder", lambda *a, **k: coder)
        result = CliRunner().invoke(main, ["ingest", str(story), "--db", db,
                                           "--published", "2024-03-14T09:00Z"])
    assert result.exit_code == 0, result.output
    return db, str(story)


def gdelt_rows(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        return [dict(zip(GDELT_COLUMNS, row, strict=True))
                for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]


def test_gdelt_fills_source_url_geo_and_tone_with_a_sidecar(coded_db, tmp_path):
    db, origin = coded_db
    out = tmp_path / "events.tsv"
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "gdelt",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = gdelt_rows(out)
    assert rows and all(r["SOURCEURL"] == origin for r in rows)  # no URL: the origin
    located = [r for r in rows if r["ActionGeo_FullName"]]
    assert located and all(r["ActionGeo_Lat"] and r["ActionGeo_Long"] for r in located)
    assert any("Garissa" in r["ActionGeo_FullName"] for r in located)
    attack = next(r for r in rows if r["EventRootCode"] in ("18", "19"))
    assert float(attack["AvgTone"]) < 0  # "attacked", "killing"
    assert attack["Actor2Geo_Lat"] or attack["Actor1Geo_Lat"]
    with open(f"{out}.sidecar.tsv", encoding="utf-8") as fh:
        side = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert list(side[0]) == SIDECAR_COLUMNS and len(side) == len(rows)
    assert [s["GLOBALEVENTID"] for s in side] == [r["GLOBALEVENTID"] for r in rows]
    assert {s["source_url_from"] for s in side} == {"origin"}
    by_id = {s["GLOBALEVENTID"]: s for s in side}
    for row in rows:
        precision = by_id[row["GLOBALEVENTID"]]["date_precision"]
        assert precision in ("day", "week", "month", "year", "published")
        if precision == "year":  # 19980101 in the GDELT file, said to be a year here
            assert row["SQLDATE"].endswith("0101")


def test_gdelt_to_standard_output_has_no_sidecar(coded_db, tmp_path, monkeypatch):
    db, _ = coded_db
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "gdelt",
                                       "--out", "-"])
    assert result.exit_code == 0 and "\t" in result.output
    assert not list(tmp_path.glob("*.sidecar.tsv"))


def test_acled_csv_opens_in_pandas_with_types(coded_db, tmp_path):
    db, origin = coded_db
    out = tmp_path / "acled.csv"
    with Store.open(db, read_only=True) as store:
        n = export(store, "acled", out)
    frame = pd.read_csv(out, parse_dates=["event_date"])
    assert list(frame.columns) == ACLED_COLUMNS and len(frame) == n > 0
    assert str(frame["event_date"].dtype).startswith("datetime64")
    assert frame["year"].dtype.kind == "i" and frame["fatalities"].dtype.kind == "i"
    assert frame["time_precision"].isin([1, 2, 3]).all()
    assert set(frame["plover_type"]) <= {"ASSAULT", "PROTEST", "COERCE", "MOBILIZE",
                                         "AGREE", "CONCEDE", "RETREAT"}
    arrest = frame[frame["sub_event_type"] == "Arrests"]
    assert len(arrest) == 1 and arrest.iloc[0]["location"] == "Nairobi"
    assert arrest.iloc[0]["latitude"] == pytest.approx(-1.28, abs=0.1)
    attack = frame[frame["plover_type"] == "ASSAULT"].iloc[0]
    assert attack["event_type"] in ("Battles", "Violence against civilians",
                                    "Explosions/Remote violence")
    assert attack["country"] == "Kenya" and attack["source"] == origin


def test_parquet_columns_are_typed(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store.open(db, create=True) as store:
        write(store, [coded(1, [event("e1", date="2023-03-09")]),
                      coded(2, [event("e2", date=None, location=KHARKIV)],
                            outlet="Valley Times")])
        export(store, "parquet", tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet")
    schema = table.schema
    assert schema.field("day").type == pa.date32()
    assert schema.field("first_published").type == pa.timestamp("us", tz="UTC")
    assert schema.field("context").type == pa.list_(pa.string())
    actors = schema.field("source_actors").type
    assert pa.types.is_list(actors) and pa.types.is_struct(actors.value_type)
    frame = table.to_pandas()
    first = frame.iloc[0]
    assert first["source_actors"][0]["code"] == "RUSMIL"
    assert first["first_published"].tzinfo is not None
    assert isinstance(frame["day"].dropna().iloc[0], dt.date)


def test_tone_counts_words_like_gdelt():
    assert polarity("killings") == -1 and polarity("Attacked") == -1
    assert polarity("agreed") == 1 and polarity("table") == 0
    assert polarity("shelling") == -1 and polarity("hoping") == 1 and polarity("fled") == -1
    # an ending is not a licence to change the word: units are not unity, according to a
    # source is not an accord
    assert polarity("units") == 0 and polarity("according") == 0
    assert tone("Soldiers killed two men.") == pytest.approx(-25.0)
    assert tone("The ministers met in Geneva.") == 0.0
    assert tone("They did not agree.") < 0 < tone("They agreed.")
    assert tone("") == 0.0


def test_tone_words_file_is_checked(tmp_path):
    bad = tmp_path / "tone.tsv"
    bad.write_text("word\tpolarity\nwar\t-1\nwar\t-1\n", encoding="utf-8")
    with pytest.raises(ToneWordsError, match="twice"):
        read_tone_words(bad)
    bad.write_text("war\tbad\n", encoding="utf-8")
    with pytest.raises(ToneWordsError, match="line 1"):
        read_tone_words(bad)


@pytest.mark.parametrize(("plover", "cameo", "sectors", "expected"), [
    ("ASSAULT", "195", [None], ("Explosions/Remote violence", "Air/drone strike")),
    ("ASSAULT", "190", ["MIL"], ("Battles", "Armed clash")),
    ("ASSAULT", "190", ["CVL"], ("Violence against civilians", "Attack")),
    ("ASSAULT", "182", [None], ("Violence against civilians", "Attack")),
    ("PROTEST", "145", [None], ("Riots", "Violent demonstration")),
    ("PROTEST", "141", [None], ("Protests", "Peaceful protest")),
    ("COERCE", "173", ["OPP"], ("Strategic developments", "Arrests")),
    ("CONSULT", "040", ["GOV"], (None, None)),
])
def test_plover_to_acled(plover, cameo, sectors, expected):
    assert acled_type(plover, cameo, target_class(sectors))[1:] == expected


def test_acled_table_is_checked(tmp_path):
    bad = tmp_path / "acled.tsv"
    bad.write_text("plover\tcameo\ttarget\tevent_type\tsub_event_type\twhy\n"
                   "ASSAULT\t*\tany\tBattles\tArmed clash\tx\n", encoding="utf-8")
    with pytest.raises(AcledTableError, match="catch-all"):
        read_acled_table(bad)
    bad.write_text("plover\tcameo\ttarget\tevent_type\tsub_event_type\twhy\n"
                   "FIGHT\t*\tany\tBattles\tArmed clash\tx\n", encoding="utf-8")
    with pytest.raises(AcledTableError, match="FIGHT"):
        read_acled_table(bad)


def test_polecat_and_jsonl_are_unchanged_by_typing(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store.open(db, create=True) as store:
        write(store, [coded(1, [event("e1")])])
        export(store, "jsonl", tmp_path / "e.jsonl")
    record = json.loads((tmp_path / "e.jsonl").read_text().splitlines()[0])
    assert isinstance(record["source_actors"], list) and record["day"] == "2023-03-09"


@pytest.mark.parametrize(("coded", "sqldate", "precision", "date_from"), [
    ({"date": "2023-W41", "date_precision": "week", "day": None}, "20231009", "week", "event"),
    ({"date": "2024", "date_precision": "year", "day": dt.date(2024, 1, 1)}, "20240101",
     "year", "event"),
    ({"date": "2024-03-14", "date_precision": "published", "day": dt.date(2024, 3, 14)},
     "20240314", "published", "publication"),
    ({"date": None, "date_precision": None, "day": None}, "20240314", "published",
     "publication"),
])
def test_sqldate_and_what_the_sidecar_says_of_it(coded, sqldate, precision, date_from):
    from tidings.store.export_gdelt import gdelt_row, sidecar_row

    row = {"event_id": "0123456789abcdef01234567", "first_published": "2024-03-14T09:00:00Z",
           **coded}
    assert dict(zip(GDELT_COLUMNS, gdelt_row(row), strict=True))["SQLDATE"] == sqldate
    side = dict(zip(SIDECAR_COLUMNS, sidecar_row(row), strict=True))
    assert (side["SQLDATE"], side["date_precision"], side["date_from"]) == \
        (sqldate, precision, date_from)
    assert side["source_url_from"] == "none" and side["action_geo_from"] == "none"
