"""`tidings ingest/query/stats/errors` and the ingest driver behind them."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from test_store import coded, event, write

from tidings.cli import main
from tidings.models import CodedDocument, DocumentError, ReadResult
from tidings.run import ingest
from tidings.store.db import Store
from tidings.store.render import summary
from tidings.store.rows import RowBatch

WIRE = [
    ("Artillery hits Kyiv suburbs", "Harbour Gazette", "2023-03-10T07:00:00Z",
     ("Russian forces shelled the suburbs of Kyiv overnight, the regional governor said.\n\n"
     "Emergency crews worked through the morning to clear the debris.")),
    ("Shelling reported near Kyiv", "Valley Times", "2023-03-10T09:30:00Z",
     ("Russian artillery shelled districts on the edge of Kyiv late on Thursday.\n\n"
     "Residents described hours of explosions.")),
    ("Ministers agree on grain corridor", "Harbour Gazette", "2023-03-11T12:00:00Z",
     ("Turkey and Ukraine agreed to extend the grain corridor for another four months.\n\n"
     "The deal was signed in Ankara.")),
    ("Coder stumbles", "Valley Times", "2023-03-11T13:00:00Z",
     "BROKEN paragraph that the fake coder refuses.\n\nIt should still be stored."),
]


def wire_results() -> list[ReadResult]:
    from conftest import make_article

    out = []
    for i, (title, outlet, published, text) in enumerate(WIRE):
        art = make_article(text, published, article_id=f"w{i}")
        art.title, art.source, art.origin = title, outlet, f"wire/{i}.txt"
        art.url = f"https://news.example/{i}"
        out.append(ReadResult(art))
    out.append(ReadResult(None, [DocumentError("read", "not UTF-8 text", "wire/junk.bin")]))
    return out


class FakeCoder:
    """Stands in for tidings.nlp.Coder: codes "shelled" as ASSAULT, "agreed" as AGREE.

    `confidence` and `version` let tests see recoding and the confidence filter work.
    """
    def __init__(self, confidence: float = 0.8):
        self.confidence = confidence
        self.calls = 0
        self.nlp = type("NLP", (), {"meta": {"lang": "en", "name": "fake", "version": "1"}})()

    def code_many(self, articles):
        for art in articles:
            self.calls += 1
            if "BROKEN" in art.text:
                yield CodedDocument(article=art, errors=[
                    DocumentError("code", "ValueError: fake failure", art.origin)])
                continue
            events = []
            if "shelled" in art.text:
                events.append(event("e1", date="2023-03-09", confidence=self.confidence))
            if "agreed" in art.text:
                events.append(event("e2", type_="AGREE", src="TUR", tgt="UKR",
                                    date="2023-03-11", location=None, confidence=0.9))
            yield CodedDocument(article=art, events=events)


def test_ingest_twice_changes_nothing(tmp_path):
    db = tmp_path / "x.duckdb"
    first = ingest([], db, results=wire_results(), coder=FakeCoder(), batch_size=2)
    assert first.coded == 4 and first.unreadable == 1
    assert first.after == {"articles": 4, "events": 2, "event_mentions": 3, "errors": 2}
    with Store.open(db, read_only=True) as s:
        before = s.dump()
    fake = FakeCoder()
    second = ingest([], db, results=wire_results(), coder=fake, batch_size=3)
    assert second.skipped == 4 and second.coded == 0 and fake.calls == 0
    assert second.after == first.after
    with Store.open(db, read_only=True) as s:
        assert s.dump() == before
        shelling = s.event_records(s_filter(type="ASSAULT"))
    assert shelling[0]["num_articles"] == 2 and shelling[0]["num_sources"] == 2


def s_filter(**kw):
    from tidings.store.query import EventFilter

    return EventFilter(**kw)


def test_duplicate_input_is_stored_once(tmp_path):
    db = tmp_path / "x.duckdb"
    results = wire_results()[:1] * 3
    report = ingest([], db, results=results, coder=FakeCoder(), batch_size=2)
    assert report.coded == 1 and report.skipped == 2 and report.after["articles"] == 1


def test_recode_replaces_rows(tmp_path):
    db = tmp_path / "x.duckdb"
    ingest([], db, results=wire_results(), coder=FakeCoder(0.8))
    report = ingest([], db, recode=True, coder=FakeCoder(0.3))  # no paths: the whole store
    assert report.coded == 4 and report.after["event_mentions"] == 3
    with Store.open(db, read_only=True) as s:
        confidences = sorted(r["confidence"] for r in s.event_records())
        assert confidences == [0.3, 0.9]
        assert s.count("errors") == 2  # the code error was replaced, not duplicated


def test_min_confidence_drops_weak_events(tmp_path):
    report = ingest([], tmp_path / "x.duckdb", results=wire_results(), coder=FakeCoder(0.4),
                    min_confidence=0.5)
    assert report.after["events"] == 1 and report.after["event_mentions"] == 1


def test_summary_names_types_dyads_and_next_commands(tmp_path):
    db = tmp_path / "x.duckdb"
    report = ingest([], db, results=wire_results(), coder=FakeCoder())
    text = summary(db, report)
    assert "4 coded" in text and "ASSAULT" in text and "AGREE" in text
    assert "RUSMIL -> UKR: 1" in text and "TUR -> UKR: 1" in text
    assert f"tidings query --db {db}" in text and "--format gdelt" in text


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store.open(path, create=True) as store:
        write(store, [coded(1, [event("e1", date="2023-03-09")]),
                      coded(2, [event("e1", date="2023-03-10")], outlet="Valley Times"),
                      coded(3, [event("e1", type_="COERCE", src="IRNGOV", tgt="USA",
                                      date="2023-05-02", location=None)])])
        store.write_batch(RowBatch.of({"errors": [
            {"error_key": "k1", "origin": "feed/bad.xml", "stage": "read",
             "message": "not a feed"}]}).to_arrow())
    return str(path)


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    return result


def test_query_formats(db):
    table = run("query", "--db", db)
    assert table.exit_code == 0, table.output
    assert "ASSAULT" in table.output and "(2 events)" in table.output
    lines = run("query", "--db", db, "--format", "jsonl").output.strip().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["type"] for r in records] == ["COERCE", "ASSAULT"]  # newest first
    assert records[1]["num_articles"] == 2
    as_json = json.loads(run("query", "--db", db, "--format", "json").output)
    assert [r["event_id"] for r in as_json] == [r["event_id"] for r in records]
    csv_out = run("query", "--db", db, "--format", "csv", "--type", "ASSAULT").output
    assert csv_out.splitlines()[0].startswith("event_id,") and len(csv_out.splitlines()) == 2


def test_query_filters(db):
    out = run("query", "--db", db, "--format", "jsonl", "--country", "USA").output
    assert [json.loads(x)["type"] for x in out.splitlines()] == ["COERCE"]
    out = run("query", "--db", db, "--format", "jsonl", "--actor", "rusmil",
              "--since", "2023-03-01", "--until", "2023-03-31").output
    assert [json.loads(x)["type"] for x in out.splitlines()] == ["ASSAULT"]
    bad = run("query", "--db", db, "--since", "yesterday")
    assert bad.exit_code != 0 and "YYYY-MM-DD" in bad.output


def test_stats_json(db):
    result = run("stats", "--db", db, "--json")
    stats = json.loads(result.output)
    assert stats["articles"] == 3 and stats["events"] == 2 and stats["errors"] == 1
    assert stats["events_by_type"] == {"ASSAULT": 1, "COERCE": 1}
    assert "articles: 3" in run("stats", "--db", db).output


def test_errors_command(db):
    out = run("errors", "--db", db).output
    assert "[read] feed/bad.xml: not a feed" in out
    rows = [json.loads(x) for x in run("errors", "--db", db, "--json").output.splitlines()]
    assert rows[0]["stage"] == "read"


def test_missing_or_foreign_db_is_a_clear_error(tmp_path):
    missing = run("stats", "--db", str(tmp_path / "absent.duckdb"))
    assert missing.exit_code == 1 and "absent.duckdb" in missing.output
    junk = tmp_path / "notes.txt"
    junk.write_text("shopping list\n" * 100)
    for args in (["query"], ["stats"], ["errors"], ["ingest", "x.txt"]):
        result = run(*args, "--db", str(junk))
        assert result.exit_code == 1 and "notes.txt" in result.output, (args, result.output)


def test_ingest_needs_paths_unless_recode(tmp_path):
    result = run("ingest", "--db", str(tmp_path / "x.duckdb"))
    assert result.exit_code == 2 and "PATH" in result.output


def test_cli_ingest_end_to_end(tmp_path, coder, monkeypatch):
    """Real readers and the real coder over a small JSONL corpus written here."""
    from tidings.readers import read_paths

    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i, (title, outlet, published, text) in enumerate(WIRE):
            fh.write(json.dumps({"id": f"w{i}", "title": title, "source": outlet,
                                 "published": published, "text": text}) + "\n")
        fh.write("{this line is not json\n")
    try:
        list(read_paths([str(corpus)]))
    except NotImplementedError:
        pytest.skip("tidings.readers is not written yet")
    monkeypatch.setattr("tidings.nlp.Coder", lambda *a, **k: coder)
    db = str(tmp_path / "e2e.duckdb")
    first = run("ingest", str(corpus), "--db", db, "--summary")
    assert first.exit_code == 0, first.output
    assert "store " in first.output and "next:" in first.output
    stats1 = json.loads(run("stats", "--db", db, "--json").output)
    assert stats1["articles"] == 4
    second = run("ingest", str(corpus), "--db", db)
    assert "4 already stored" in second.output
    stats2 = json.loads(run("stats", "--db", db, "--json").output)
    assert {k: stats2[k] for k in ("articles", "events", "errors")} == \
        {k: stats1[k] for k in ("articles", "events", "errors")}


@pytest.mark.parametrize(("args", "expected"), [
    ([], 32), (["--lake", "LAKE"], 256), (["--lake", "LAKE", "--batch-size", "8"], 8),
    (["--batch-size", "5"], 5)])
def test_ingest_batch_size_default_depends_on_the_target(tmp_path, monkeypatch, args,
                                                        expected):
    """Coding tasks are larger by default when writing a lake (fewer, larger part files
    for `tidings load`), unless --batch-size says otherwise."""
    from tidings.run import ingesting
    from tidings.run.rows import IngestReport

    seen = {}

    def fake_run(paths, db, options, **kw):
        seen.update(kw, batch_size=options.batch_size)
        return IngestReport(db=str(db), read=1, after={"articles": 0, "events": 0,
                                                       "event_mentions": 0, "errors": 0})

    monkeypatch.setattr(ingesting, "ingest", fake_run)
    args = [str(tmp_path / "lake") if a == "LAKE" else a for a in args]
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db",
                                       str(tmp_path / "x.duckdb"), "-q", *args])
    assert result.exit_code == 0, result.output
    assert seen["batch_size"] == expected
