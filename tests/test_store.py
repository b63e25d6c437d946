"""The DuckDB store: rows, idempotency, recode, errors and the event-merging rule."""
from __future__ import annotations

import datetime as dt

import pytest

from tidings.errors import StoreError
from tidings.models import (
    Actor,
    ActorRef,
    Article,
    CodedDocument,
    DocumentError,
    Event,
    Location,
    Mention,
    Paragraph,
    Place,
    Quote,
    content_hash,
)
from tidings.store import merge
from tidings.store.db import Store
from tidings.store.query import EventFilter
from tidings.store.rows import RowBatch, document_rows

NOW = dt.datetime(2024, 5, 1, 12, 0, 0)

KYIV = Location("Kyiv", "UKR", 50.45, 30.52, 703448, "city")
KHARKIV = Location("Kharkiv", "UKR", 49.98, 36.25, 706483, "city")


def article(n: int, outlet: str = "Harbour Gazette", published: str = "2023-03-10T08:00:00Z",
            text: str | None = None) -> Article:
    body = text or (f"Story {n}. Russian forces shelled Kyiv on Thursday, officials said.\n\n"
                    "The ministry condemned the strike.")
    first = body.index("\n\n") if "\n\n" in body else len(body)
    paras = [Paragraph(0, first)]
    if first < len(body):
        paras.append(Paragraph(first + 2, len(body)))
    return Article(id=f"a{n}", origin=f"corpus/{n}.txt", text=body, title=f"Headline {n}",
                   published=published, url=f"https://example.org/{outlet[:4]}/{n}",
                   source=outlet, paragraphs=paras)


def event(eid: str = "e1", type_: str = "ASSAULT", date: str | None = "2023-03-09",
          src: str = "RUSMIL", tgt: str = "UKR", location: Location | None = KYIV,
          confidence: float = 0.8, precision: str | None = "day", negated: bool = False,
          sentence_start: int = 0) -> Event:
    return Event(
        id=eid, type=type_, mode="artillery", context=["military"], cameo="195",
        goldstein=-10.0, quad_class=4,
        source=[ActorRef("x1", "Russian forces", src[:3], src[3:] or None, src)],
        target=[ActorRef(None, "Ukraine", tgt[:3], tgt[3:] or None, tgt)],
        date=date, date_precision=precision if date else None, location=location,
        negated=negated, modality="asserted", confidence=confidence,
        sentence=Mention(sentence_start, sentence_start + 40, "Russian forces shelled Kyiv"),
        trigger=Mention(sentence_start + 15, sentence_start + 22, "shelled"))


def coded(n: int, events: list[Event], **kw) -> CodedDocument:
    art = article(n, **kw)
    return CodedDocument(
        article=art,
        actors=[Actor("x1", "Russian Armed Forces", "organization", "RUS", "MIL", "RUSMIL",
                      mentions=[Mention(9, 23, "Russian forces")])],
        events=events,
        quotes=[Quote("q1", "condemned the strike", 80, 100, False, None, "the ministry",
                      "condemned")],
        places=[Place("Kyiv", "UKR", 50.45, 30.52, 703448, "city", [Mention(32, 36, "Kyiv")])])


def write(store: Store, docs: list[CodedDocument], replace: bool = False) -> None:
    rows: dict[str, list] = {}
    for doc in docs:
        for table, items in document_rows(doc, NOW, "test").items():
            rows.setdefault(table, []).extend(items)
    hashes = [content_hash(d.article) for d in docs] if replace else []
    store.write_batch(RowBatch.of(rows).to_arrow(), replace=hashes)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "t.duckdb", create=True) as s:
        yield s


def test_document_rows_flatten_every_field():
    doc = coded(1, [event()])
    rows = document_rows(doc, NOW, "test")
    mention = rows["event_mentions"][0]
    assert mention["source_code"] == "RUSMIL" and mention["source_name"] == "Russian Armed Forces"
    assert mention["target_country"] == "UKR" and mention["geonameid"] == 703448
    assert mention["day"] == dt.date(2023, 3, 9) and mention["in_lead"] is True
    assert mention["mention_id"] == f"{content_hash(doc.article)}:e1"
    assert rows["articles"][0]["n_events"] == 1
    assert rows["quotes"][0]["speaker_name"] == "the ministry"
    assert rows["places"][0]["n_mentions"] == 1


def test_content_hash_ignores_origin_but_not_outlet():
    a, b = article(1), article(1)
    b.origin = "elsewhere/copy.txt"
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash(article(1, outlet="Valley Times"))


def test_write_and_read_back(store):
    write(store, [coded(1, [event()])])
    assert store.count("articles") == 1 and store.count("events") == 1
    assert store.count("actors") == 1 and store.count("quotes") == 1
    ev = store.event_records()[0]
    assert ev["type"] == "ASSAULT" and ev["num_articles"] == 1 and ev["num_sources"] == 1
    assert ev["context"] == ["military"] and ev["is_root"] is True
    assert ev["source_url"] == "https://example.org/Harb/1"


def test_same_event_in_two_outlets_merges(store):
    write(store, [coded(1, [event(date="2023-03-09")]),
                  coded(2, [event(date="2023-03-10")], outlet="Valley Times")])
    assert store.count("event_mentions") == 2
    events = store.event_records()
    assert len(events) == 1
    assert events[0]["num_articles"] == 2 and events[0]["num_sources"] == 2
    assert events[0]["date"] == "2023-03-09"  # the earliest day of the mentions


def test_merge_across_batches_matches_one_batch(tmp_path):
    docs = [coded(i, [event(date=d)], outlet=o) for i, (d, o) in enumerate(
        [("2023-03-09", "A"), ("2023-03-10", "B"), ("2023-03-11", "C"), ("2023-03-09", "A")])]
    with Store.open(tmp_path / "one.duckdb", create=True) as one:
        write(one, docs)
        expected = one.dump()
    with Store.open(tmp_path / "many.duckdb", create=True) as many:
        for doc in reversed(docs):
            write(many, [doc])
        assert many.dump() == expected


def test_merge_rule_separates_what_differs(store):
    write(store, [
        coded(1, [event("e1", date="2023-03-09"),
                  event("e2", date="2023-03-12"),                 # 3 days later
                  event("e3", date=None),                         # undated
                  event("e4", date="2023-03-09", location=KHARKIV),  # other city
                  event("e5", date="2023-03-09", tgt="UKRGOV"),   # other target
                  event("e6", type_="COERCE", date="2023-03-09"),  # other type
                  event("e7", date="2023-03-09", negated=True)]),  # "did not shell"
        coded(2, [event("e1", date=None)], outlet="Valley Times"),  # undated again
    ])
    assert store.count("event_mentions") == 8
    assert store.count("events") == 8
    assert store.con.execute("SELECT max(num_articles) FROM events").fetchone()[0] == 1


def test_unlocated_mention_joins_the_located_event(store):
    write(store, [coded(1, [event(location=KYIV)]),
                  coded(2, [event(location=None)], outlet="Valley Times")])
    ev = store.event_records()
    assert len(ev) == 1 and ev[0]["location_name"] == "Kyiv" and ev[0]["num_sources"] == 2


def test_cluster_window_is_anchored_at_the_earliest_day():
    def m(i: int, day: int) -> dict:
        return {"mention_id": f"m{i}", "merge_key": "k", "day": dt.date(2023, 3, day),
                "date": f"2023-03-{day:02d}", "date_precision": "day", "location_key": None}
    groups = merge.cluster([m(1, 3), m(2, 1), m(3, 2), m(4, 2)])
    assert sorted(sorted(x["mention_id"] for x in g) for g in groups) == [
        ["m1"], ["m2", "m3", "m4"]]


def test_month_precision_merges_only_with_same_month(store):
    write(store, [coded(1, [event(date="2023-03", precision="month")]),
                  coded(2, [event(date="2023-03", precision="month")], outlet="B"),
                  coded(3, [event(date="2023-03-01")], outlet="C")])
    counts = sorted(r[0] for r in store.con.execute("SELECT num_articles FROM events").fetchall())
    assert counts == [1, 2]


def test_rewriting_the_same_batch_is_skipped_by_hash(store):
    doc = coded(1, [event()])
    write(store, [doc])
    assert store.known_hashes([content_hash(doc.article), "nope"]) == {
        content_hash(doc.article)}


def test_replace_recodes_without_duplicates(store):
    write(store, [coded(1, [event()]), coded(2, [event()], outlet="B")])
    assert store.event_records()[0]["num_articles"] == 2
    write(store, [coded(2, [event(type_="COERCE")], outlet="B")], replace=True)
    assert store.count("articles") == 2 and store.count("event_mentions") == 2
    types = sorted((r["type"], r["num_articles"]) for r in store.event_records())
    assert types == [("ASSAULT", 1), ("COERCE", 1)]


def test_errors_are_stored_once(store):
    doc = coded(1, [])
    doc.errors = [DocumentError("code", "ValueError: bad offsets", "corpus/1.txt")]
    write(store, [doc])
    from tidings.store.rows import error_rows
    read_err = error_rows([DocumentError("read", "binary file", "corpus/x.bin")], None, NOW)
    store.write_batch(RowBatch.of({"errors": read_err}).to_arrow())
    store.write_batch(RowBatch.of({"errors": read_err}).to_arrow())
    errs = store.errors_df()
    assert sorted(errs["stage"]) == ["code", "read"]


def test_filters(store):
    write(store, [coded(1, [event("e1", date="2023-03-09"),
                            event("e2", type_="COERCE", date="2023-05-01", src="IRNGOV",
                                  tgt="USA", location=None)])])
    assert len(store.events_df(EventFilter(type="coerce"))) == 1
    assert len(store.events_df(EventFilter(country="usa"))) == 1
    assert len(store.events_df(EventFilter(actor="irn"))) == 1
    assert len(store.events_df(EventFilter(actor="Russian Armed"))) == 2  # canonical name
    assert len(store.events_df(EventFilter(since="2023-04-01"))) == 1
    assert len(store.events_df(EventFilter(until="2023-04-01"))) == 1
    assert len(store.events_df(EventFilter(text="shelled KYIV"))) == 2
    assert len(store.events_df(EventFilter(text="no such words"))) == 0
    assert len(store.events_df(EventFilter(limit=1))) == 1
    with pytest.raises(StoreError, match="since"):
        store.events_df(EventFilter(since="last week"))


def test_stats(store):
    write(store, [coded(1, [event()]), coded(2, [event()], outlet="B")])
    stats = store.stats()
    assert stats["articles"] == 2 and stats["events"] == 1 and stats["event_mentions"] == 2
    assert stats["events_by_type"] == {"ASSAULT": 1} and stats["errors"] == 0
    assert stats["top_dyads"] == [{"source": "RUSMIL", "target": "UKR", "events": 1}]


def test_missing_and_foreign_files_are_named(tmp_path):
    with pytest.raises(StoreError, match="nothere.duckdb"):
        Store.open(tmp_path / "nothere.duckdb")
    junk = tmp_path / "junk.duckdb"
    junk.write_text("this is not a database\n" * 50)
    with pytest.raises(StoreError, match="junk.duckdb"):
        Store.open(junk, create=True)


def test_stored_articles_round_trip(store):
    doc = coded(1, [event()])
    write(store, [doc])
    back = list(store.stored_articles())
    assert back == [doc.article]


def test_deferred_merge_waits_in_pending_and_finishes(tmp_path):
    """Batches written with defer_merge leave their keys pending (crash-safe: the
    pending rows commit with the mentions) and finish_merges merges them once."""
    from tidings.store.db import Store

    db = tmp_path / "d.duckdb"
    with Store.open(db, create=True) as store:
        store._run("INSERT INTO pending_merge VALUES ('k1'), ('k1')")
        assert store._one("SELECT count(*) FROM pending_merge")[0] == 2
        assert store.finish_merges() == 1
        assert store._one("SELECT count(*) FROM pending_merge")[0] == 0
        assert store.finish_merges() == 0
