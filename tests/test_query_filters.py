"""Event filters (tidings.store.query.EventFilter): the same on `query`, `export` and the
Python API; every value checked, countries by name, ISO2 or ISO3; dates at their
precision."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from test_store import coded, event, write

from tidings.api import open_store
from tidings.cli import main
from tidings.errors import StoreError
from tidings.models import Location
from tidings.store.db import Store
from tidings.store.query import EventFilter

BASRA = Location("Basra", "IRQ", 30.5, 47.8, 99532, "city")


def _events():
    """Six events, each differing from the others in what one filter looks at."""
    strike = event("e1", "ASSAULT", "2021-02-25", "USAMIL", "IRQMIL", location=BASRA,
                   confidence=0.95)
    threat = event("e2", "THREATEN", "2021-02", "IRQREB", "USA", precision="month",
                   confidence=0.6, sentence_start=50)
    threat.quad_class, threat.cameo = 3, "130"
    old = event("e3", "ASSAULT", "2020", "USAGOV", "IRNMIL", precision="year",
                sentence_start=100)
    old.modality = "historical"
    denied = event("e4", "ASSAULT", "2021-02-27", "RUSMIL", "UKR", negated=True,
                   sentence_start=150)
    future = event("e5", "COERCE", "2021-03-02", "IRNGOV", "USA", sentence_start=200)
    future.modality, future.quad_class = "future", 4
    police = event("e6", "COERCE", "2021-02-26", "IRQCOP", "IRQ", sentence_start=250)
    return [strike, threat, old, denied, future, police]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("filters") / "f.duckdb"
    with Store.open(path, create=True) as store:
        write(store, [coded(1, _events(), published="2021-02-28T08:00:00Z")])
    return str(path)


def types_of(db: str, **filters) -> list[str]:
    """(type, source code) of the events matching, sorted: what a filter let through."""
    with Store.open(db, read_only=True) as store:
        rows = store.event_records(EventFilter(**filters))
    return sorted(f"{r['type']}:{r['source_code']}" for r in rows)


def test_every_event_is_there(db):
    assert len(types_of(db)) == 6


@pytest.mark.parametrize(("filters", "expected"), [
    ({"modality": "historical"}, ["ASSAULT:USAGOV"]),
    ({"modality": "asserted,future"}, ["ASSAULT:RUSMIL", "ASSAULT:USAMIL", "COERCE:IRNGOV",
                                       "COERCE:IRQCOP", "THREATEN:IRQREB"]),
    ({"negated": True}, ["ASSAULT:RUSMIL"]),
    ({"min_confidence": 0.9}, ["ASSAULT:USAMIL"]),
    ({"quad_class": "verbal-conflict"}, ["THREATEN:IRQREB"]),
    ({"quad_class": [3]}, ["THREATEN:IRQREB"]),
    ({"source": "Iraq"}, ["COERCE:IRQCOP", "THREATEN:IRQREB"]),
    ({"source": "IRQREB"}, ["THREATEN:IRQREB"]),
    ({"source": "COP"}, ["COERCE:IRQCOP"]),  # a sector alone: any police
    ({"target": "us"}, ["COERCE:IRNGOV", "THREATEN:IRQREB"]),  # ISO2
    ({"dyad": "USA-IRQ"}, ["ASSAULT:USAMIL"]),
    ({"dyad": "IRQ-USA"}, ["THREATEN:IRQREB"]),
    ({"dyad": "IRQ-USA", "undirected": True}, ["ASSAULT:USAMIL", "THREATEN:IRQREB"]),
    ({"dyad": "United States-Iran"}, ["ASSAULT:USAGOV"]),
    ({"place": "basr"}, ["ASSAULT:USAMIL"]),
    ({"place": "IQ"}, ["ASSAULT:USAMIL"]),  # a country: the location's
    ({"country": "Russia"}, ["ASSAULT:RUSMIL"]),
])
def test_filter_lets_through_only_what_it_names(db, filters, expected):
    assert types_of(db, **filters) == expected


@pytest.mark.parametrize(("since", "until", "expected"), [
    # the month-dated threat (2021-02) is inside February, not inside 2021-02-20..
    ("2021-02", "2021-02", ["ASSAULT:RUSMIL", "ASSAULT:USAMIL", "COERCE:IRQCOP",
                            "THREATEN:IRQREB"]),
    ("2021-02-20", None, ["ASSAULT:RUSMIL", "ASSAULT:USAMIL", "COERCE:IRNGOV",
                          "COERCE:IRQCOP"]),
    (None, "2020", ["ASSAULT:USAGOV"]),  # until a year: its end
    ("2020", "2020-12-31", ["ASSAULT:USAGOV"]),
    (None, "2020-06", []),  # the year-dated event may be later than June
    ("2021-03-02", "2021-03-02", ["COERCE:IRNGOV"]),
])
def test_since_until_at_their_precision(db, since, until, expected):
    assert types_of(db, since=since, until=until) == expected


@pytest.mark.parametrize(("filters", "option", "says"), [
    ({"type": "ASSUALT"}, "type", "ASSAULT"),
    ({"country": "Irak"}, "country", "Iraq (IRQ)"),
    ({"country": "iqq"}, "country", "IRQ"),
    ({"source": "Irann"}, "source", "Iran (IRN)"),
    ({"dyad": "USA"}, "dyad", "SOURCE-TARGET"),
    ({"dyad": "USA-Irak"}, "dyad", "Iraq (IRQ)"),
    ({"modality": "histori"}, "modality", "historical"),
    ({"quad_class": 5}, "quad_class", "material-conflict"),
    ({"since": "2021-13"}, "since", "YYYY-MM"),
    ({"min_confidence": 1.5}, "min_confidence", "between 0 and 1"),
])
def test_bad_values_name_the_filter_and_the_closest(db, filters, option, says):
    with pytest.raises(StoreError) as err:
        types_of(db, **filters)
    assert err.value.option == option and says in str(err.value)


def test_python_api_takes_the_same_filters(db):
    store = open_store(db)
    frame = store.events(dyad="IRQ-USA", undirected=True, min_confidence=0.5)
    assert sorted(frame["type"]) == ["ASSAULT", "THREATEN"]
    with pytest.raises(StoreError, match="did you mean ASSAULT"):
        store.events(type="ASSUALT")
    with pytest.raises(StoreError, match="unknown event filter"):
        store.events(colour="red")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_cli_filters_match_the_api(db):
    out = run("query", "--db", db, "--format", "json", "--source", "iq", "--no-negated",
              "--quad-class", "3,4", "--since", "2021")
    assert out.exit_code == 0, out.output
    assert sorted(r["type"] for r in json.loads(out.output)) == ["COERCE", "THREATEN"]
    assert sorted(open_store(db).events(source="iq", negated=False, quad_class="3,4",
                                        since="2021")["type"]) == ["COERCE", "THREATEN"]
    negated = json.loads(run("query", "--db", db, "--format", "json", "--negated").output)
    assert [r["negated"] for r in negated] == [True]


@pytest.mark.parametrize(("args", "flag", "says"), [
    (["--type", "ASSUALT"], "--type", "did you mean ASSAULT"),
    (["--country", "Irak"], "--country", "Iraq (IRQ)"),
    (["--country", "iqq"], "--country", "IRQ"),
    (["--dyad", "USA+IRN"], "--dyad", "SOURCE-TARGET"),
    (["--since", "Feb 2021"], "--since", "YYYY"),
])
def test_cli_bad_value_is_a_usage_error(db, args, flag, says):
    for command in ("query", "export"):
        extra = ["--format", "csv", "--out", "-"] if command == "export" else []
        out = run(command, "--db", db, *extra, *args)
        assert out.exit_code == 2, out.output
        assert f"'{flag}'" in out.output and says in out.output
        assert "Traceback" not in out.output


def test_country_name_and_iso2_find_what_iso3_finds(db):
    counts = [json.loads(run("query", "--db", db, "--format", "json", "--country", c).output)
              for c in ("IRQ", "iq", "Iraq")]
    assert counts[0] and counts[0] == counts[1] == counts[2]


def test_export_takes_the_filters_and_writes_to_stdout(db, tmp_path):
    out = run("export", "--db", db, "--format", "csv", "-o", "-", "--modality", "historical")
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["modality"] for r in rows] == ["historical"]
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(("date", "precision", "inside", "outside"), [
    ("2021-W08", "week", ("2021-02-22", "2021-02-28"), ("2021-02-23", "2021-02-28")),
    ("2021-Q3", "quarter", ("2021-07", "2021-09"), ("2021-07", "2021-08")),
    ("2021-SU", "season", ("2021-06", "2021-08"), ("2021-07", "2021-12")),
    ("199X", "decade", ("1990", "1999"), ("1995", "2000")),
])
def test_coarse_dates_count_as_their_whole_period(tmp_path, date, precision, inside,
                                                  outside):
    path = tmp_path / "p.duckdb"
    with Store.open(path, create=True) as store:
        write(store, [coded(1, [event("e1", date=date, precision=precision)],
                            published="2024-01-01T00:00:00Z")])
    since, until = inside
    assert types_of(str(path), since=since, until=until) == ["ASSAULT:RUSMIL"]
    since, until = outside
    assert types_of(str(path), since=since, until=until) == []


def test_every_filter_is_an_option_and_documented():
    """Each EventFilter field is a `query` and `export` option and is in docs/query.md."""
    from dataclasses import fields
    from pathlib import Path

    docs = (Path(__file__).resolve().parent.parent / "docs" / "query.md").read_text()
    helps = {cmd: run(cmd, "--help").output for cmd in ("query", "export")}
    for field in fields(EventFilter):
        flag = "--" + field.name.replace("_", "-")
        assert f"`{flag}" in docs, flag
        for cmd, text in helps.items():
            assert flag in text, (cmd, flag)
