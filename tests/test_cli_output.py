"""What the commands print for a person and for other tools: `code --format pretty` and
`json`, `show`, the query table, and --format on every command that prints data."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.api import open_store
from tidings.cli import main
from tidings.run.jsonl import DOCUMENT_KEYS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = Path("/work/shared/samples/seed-article.txt")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(*args: str, width: int = 100):
    return CliRunner().invoke(main, [str(a) for a in args], env={"COLUMNS": str(width)})


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("out") / "ex.duckdb"
    out = run("ingest", EXAMPLES, "--db", path, "-q")
    assert out.exit_code == 0, out.output
    return str(path)


@pytest.fixture(scope="module")
def events(db):
    return json.loads(run("query", "--db", db, "--format", "json").output)


# -- code -------------------------------------------------------------------------------
def test_json_over_several_documents_is_one_array():
    paths = sorted(EXAMPLES.glob("*.txt"))[:2]
    out = run("code", *paths, "--format", "json")
    assert out.exit_code == 0, out.output
    docs = json.loads(out.stdout)
    assert isinstance(docs, list) and len(docs) == 2
    assert [d["article"]["origin"] for d in docs] == [str(p) for p in paths]


def test_a_failed_read_has_every_key_of_a_good_one(tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\xff\x00binary")
    good = min(EXAMPLES.glob("*.txt"))
    out = run("code", junk, good)
    assert out.exit_code == 0, out.output
    bad_doc, good_doc = [json.loads(line) for line in out.stdout.splitlines()]
    assert list(bad_doc) == list(good_doc) == DOCUMENT_KEYS
    assert bad_doc["article"] is None and bad_doc["events"] == [] and bad_doc["actors"] == []
    assert bad_doc["errors"] and set(bad_doc["errors"][0]) == {"stage", "message", "origin"}
    assert bad_doc["errors"][0]["origin"] == str(junk)
    as_json = json.loads(run("code", junk, good, "--format", "json").stdout)
    assert [list(d) for d in as_json] == [DOCUMENT_KEYS, DOCUMENT_KEYS]


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed article is not here")
def test_pretty_seed_fits_on_two_screens():
    out = run("code", SEED, "--format", "pretty", width=100)
    assert out.exit_code == 0, out.output
    lines = ANSI.sub("", out.stdout).splitlines()
    assert len(lines) <= 100, len(lines)
    assert max(len(line) for line in lines) <= 100
    text = "\n".join(lines)
    for part in ("Events (", "Quotes (", "Places (", "who", "did what", "to whom",
                 "when / where", "why (rules)", "Zarif"):
        assert part in text, part
    coded = json.loads(run("code", SEED).stdout)
    assert f"Events ({len(coded['events'])})" in text
    first = coded["events"][0]
    assert first["type"] in text and first["trigger"]["text"] in text


def test_pretty_tells_a_failed_read(tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\xff\x00binary")
    out = run("code", junk, "--format", "pretty")
    assert out.exit_code == 1
    assert "✗" in out.stdout and str(junk) in out.stdout


# -- show -------------------------------------------------------------------------------
def test_show_marks_the_text_then_lists_events(db, events):
    assault = next(e for e in events if e["type"] == "ASSAULT")
    out = run("show", assault["event_id"][:10], "--db", db, "--color")
    assert out.exit_code == 0, out.output
    plain = ANSI.sub("", out.stdout)
    assert "marked: trigger" in plain and "Events (" in plain
    assert " ".join(assault["sentence"].split()[:4]) in " ".join(plain.split())
    assert "\x1b[1;37;41m" in out.stdout  # a trigger marked
    assert "\x1b[1;33m" in out.stdout  # an actor marked
    assert plain.index("marked:") < plain.index("Events (")


def test_show_json_is_the_code_shape_and_unknown_ids_fail(db, events):
    out = run("show", events[0]["event_id"], "--db", db, "--format", "json")
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert list(doc) == DOCUMENT_KEYS
    assert events[0]["event_id"] in {e["event_id"] for e in doc["events"]}
    by_article = json.loads(run("show", doc["article"]["hash"][:8], "--db", db,
                                "--format", "json").stdout)
    assert by_article["article"]["hash"] == doc["article"]["hash"]
    assert open_store(db).document(doc["article"]["id"]) == doc
    missing = run("show", "nosuchthing", "--db", db)
    assert missing.exit_code == 1 and "no article or event 'nosuchthing'" in missing.output
    assert len(missing.output.strip().splitlines()) == 1


# -- query table ------------------------------------------------------------------------
def test_query_table_is_readable(db, events):
    out = run("query", "--db", db, "--limit", "5", width=100)
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    header = lines[0].split()
    assert header == ["event", "date", "precision", "type", "source", "target", "location",
                      "mentions", "outlets"]
    assert "arts" not in out.stdout and "srcs" not in out.stdout
    assert not re.search(r"\d{4}-\d{2}-\d{2}\?", out.stdout)  # no unexplained ?
    assert max(len(line) for line in lines) <= 100
    flat = " ".join(out.stdout.split())
    for event in events[:5]:
        assert event["event_id"][:10] in out.stdout
        assert " ".join(event["sentence"].split()) in flat  # wrapped, not cut
    assert "(5 events)" in out.stdout and "precision:" in out.stdout
    every = run("query", "--db", db, width=100).stdout.splitlines()
    assert len(every) > len(events) and max(len(line) for line in every) <= 100


def test_table_tells_modality_and_negation(db, events):
    qualified = next(e for e in events if e["modality"] != "asserted")
    out = run("query", "--db", db, "--modality", qualified["modality"], "--limit", "1")
    assert f"[{qualified['modality']}] " in out.stdout and "(1 event)" in out.stdout
    if any(e["negated"] for e in events):
        assert "[negated] " in run("query", "--db", db, "--negated").stdout


def test_undated_events_say_published(db, events):
    """An event the text does not date shows its first publication day, and says so."""
    undated = [e for e in events if not e["date"] or e["date_precision"] == "published"]
    assert undated
    out = run("query", "--db", db, "--format", "table", width=200)
    row = next(line for line in out.stdout.splitlines()
               if line.startswith(undated[0]["event_id"][:10]))
    assert "published" in row.split()


# -- --format everywhere ----------------------------------------------------------------
@pytest.mark.parametrize("command", ["stats", "errors", "info"])
def test_every_data_command_takes_format(db, command):
    args = [command] + (["--db", db] if command != "info" else [])
    table = run(*args)
    assert table.exit_code == 0, table.output
    as_json = run(*args, "--format", "json")
    value = json.loads(as_json.stdout)
    lines = run(*args, "--format", "jsonl").stdout.splitlines()
    assert all(json.loads(line) is not None for line in lines)
    rows = list(csv.reader(io.StringIO(run(*args, "--format", "csv").stdout)))
    assert rows and rows[0]
    if command == "stats":
        assert value["articles"] >= len(list(EXAMPLES.glob("*.txt")))
        assert ["articles", str(value["articles"])] in rows
    if command == "errors":
        assert value == [] and rows == [["stage", "origin", "message", "article_hash"]]


@pytest.mark.parametrize(("command", "same_as"), [("stats", "json"), ("errors", "jsonl"),
                                                  ("info", "json")])
def test_json_flag_is_kept_as_a_hidden_alias(db, command, same_as):
    args = [command] + (["--db", db] if command != "info" else [])
    assert run(*args, "--json").stdout == run(*args, "--format", same_as).stdout
    assert "--json" not in run(*args, "--help").stdout
    clash = run(*args, "--json", "--format", "csv")
    assert clash.exit_code == 2


def test_query_formats_agree(db, events):
    jsonl = [json.loads(line) for line in run("query", "--db", db, "--format", "jsonl")
             .stdout.splitlines()]
    rows = list(csv.DictReader(io.StringIO(run("query", "--db", db, "--format", "csv").stdout)))
    assert [e["event_id"] for e in events] == [e["event_id"] for e in jsonl] \
        == [r["event_id"] for r in rows]


def test_read_records_have_the_same_keys_good_or_bad(tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\xff\x00binary")
    out = run("read", junk, min(EXAMPLES.glob("*.txt")), "--format", "json")
    assert out.exit_code == 0, out.output
    bad, good = json.loads(out.stdout)
    assert list(bad) == list(good) == ["article", "errors"]
    assert bad["article"] is None and list(bad["errors"][0]) == ["stage", "message", "origin"]


def test_pretty_with_text_marks_the_text_first():
    path = min(EXAMPLES.glob("*.txt"))
    out = run("code", path, "--format", "pretty", "--with-text")
    assert out.exit_code == 0, out.output
    text = json.loads(run("read", path).stdout)["article"]["text"]
    first_words = " ".join(text.split()[:3])
    plain = out.stdout
    assert plain.index("marked: trigger") < plain.index(first_words) < plain.index("Events (")
    assert run("code", path, "--with-text").exit_code == 2  # only with pretty
