"""The fast store write path stores exactly what the simple one did.

`rows.RowBatch` builds rows as tuples with hand-written JSON, and `Store._remerge` builds
merged events in SQL from a plan; the references here are the plain versions (a dict
per row via dataclasses.asdict and json.dumps, and `merge.merge` over full mention rows).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import threading
import time
from dataclasses import asdict

import pyarrow as pa
import pytest
from conftest import make_article

from tidings.errors import StoreError
from tidings.models import (
    Actor,
    ActorRef,
    Article,
    Casualty,
    CodedDocument,
    DateRef,
    DocumentError,
    Event,
    Location,
    Mention,
    Paragraph,
    Place,
    Quote,
    SourceCited,
)
from tidings.store import merge
from tidings.store.db import Store
from tidings.store.rows import (
    ROW_TABLES,
    ArrowBatch,
    RowBatch,
    content_hash,
    document_rows,
    error_rows,
    location_key,
    merge_key,
    parse_day,
)
from tidings.store.schema import TABLES, to_arrow
from tidings.store.writer import WRITERS, BatchWriter


def _arrow(rows: dict[str, list] | RowBatch) -> ArrowBatch:
    """Rows given as dicts per table (or a RowBatch) as the store takes them."""
    return (rows if isinstance(rows, RowBatch) else RowBatch.of(rows)).to_arrow()

NOW = dt.datetime(2024, 5, 1, 12, 0, 0)


# -- the per-row reference: one dict per row, asdict + json.dumps ----------------------
def _ref_json(value):
    return json.dumps(value, ensure_ascii=False)


def _ref_side(refs, actors):
    full = []
    for ref in refs:
        item = asdict(ref)
        item["name"] = actors[ref.actor].name if ref.actor in actors else ref.text
        full.append(item)
    first = full[0] if full else {}
    return {k: first.get(k) for k in ("code", "name", "country", "sector")} | {
        "actors": _ref_json(full)}


def reference_rows(doc: CodedDocument, h: str) -> dict[str, list[dict]]:
    art = doc.article
    actors = {a.id: a for a in doc.actors}
    lead_end = next((p.end for p in sorted(art.paragraphs, key=lambda p: p.start)
                     if not p.heading), len(art.text))
    mentions = []
    for ev in doc.events:
        src, tgt = _ref_side(ev.source, actors), _ref_side(ev.target, actors)
        loc = ev.location
        mentions.append({
            "mention_id": f"{h}:{ev.id}", "event_id": None, "article_hash": h,
            "local_id": ev.id, "merge_key": merge_key(ev), "type": ev.type, "mode": ev.mode,
            "context": _ref_json(list(ev.context)), "cameo": ev.cameo,
            "goldstein": ev.goldstein, "quad_class": ev.quad_class,
            **{f"source_{k}": src[k] for k in ("code", "name", "country", "sector")},
            **{f"target_{k}": tgt[k] for k in ("code", "name", "country", "sector")},
            "source_actors": src["actors"], "target_actors": tgt["actors"],
            "date": ev.date, "date_precision": ev.date_precision, "day": parse_day(ev.date),
            "location_key": location_key(ev),
            "location_name": loc.name if loc else None,
            "location_country": loc.country if loc else None,
            "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
            "geonameid": loc.geonameid if loc else None,
            "location_feature": loc.feature if loc else None,
            "negated": ev.negated, "modality": ev.modality, "confidence": ev.confidence,
            "sentence_start": ev.sentence.start, "sentence_end": ev.sentence.end,
            "sentence": ev.sentence.text, "trigger_start": ev.trigger.start,
            "trigger_end": ev.trigger.end, "trigger": ev.trigger.text,
            "quote_id": ev.quote, "in_lead": ev.sentence.start < lead_end,
            "outlet": art.source, "url": art.url, "published": art.published,
            "mentions": json.dumps([dataclasses.asdict(m) for m in ev.mentions],
                                   ensure_ascii=False),
            "date_from": ev.date_from})
    errors = {}
    for err in doc.errors:
        key = hashlib.sha256(json.dumps([h, err.stage, err.message], ensure_ascii=False,
                                        sort_keys=True).encode()).hexdigest()[:32]
        errors.setdefault(key, {"error_key": key, "article_hash": h, "origin": err.origin,
                                "stage": err.stage, "message": err.message, "at": NOW})
    return {
        "articles": [{
            "hash": h, "id": art.id, "origin": art.origin, "url": art.url,
            "source": art.source, "title": art.title, "subtitles": _ref_json(art.subtitles),
            "section": art.section, "published": art.published, "language": art.language,
            "text": art.text, "paragraphs": _ref_json([asdict(p) for p in art.paragraphs]),
            "coded_at": NOW, "coder_version": "test", "n_events": len(doc.events),
            "n_errors": len(doc.errors)}],
        "actors": [{
            "article_hash": h, "actor_id": a.id, "name": a.name, "kind": a.kind,
            "country": a.country, "sector": a.sector, "code": a.code, "title": a.title,
            "n_mentions": len(a.mentions),
            "mentions": _ref_json([asdict(m) for m in a.mentions])} for a in doc.actors],
        "event_mentions": mentions,
        "quotes": [{"article_hash": h, "quote_id": q.id, "text": q.text, "start": q.start,
                    "end": q.end, "direct": q.direct, "speaker": q.speaker,
                    "speaker_name": q.speaker_name, "cue": q.cue} for q in doc.quotes],
        "places": [{"article_hash": h, "name": p.name, "country": p.country, "lat": p.lat,
                    "lon": p.lon, "geonameid": p.geonameid, "feature": p.feature,
                    "n_mentions": len(p.mentions),
                    "mentions": _ref_json([asdict(m) for m in p.mentions])}
                   for p in doc.places],
        "dates": [{"article_hash": h, "text": d.text, "start": d.start, "end": d.end,
                   "value": d.value, "precision": d.precision} for d in doc.dates],
        "casualties": [{"article_hash": h, "killed": c.killed, "injured": c.injured,
                        "killed_or_injured": c.killed_or_injured, "text": c.text,
                        "start": c.start, "end": c.end, "event_local_id": c.event}
                       for c in doc.casualties],
        "sources_cited": [{"article_hash": h, "name": s.name, "start": s.start,
                           "end": s.end} for s in doc.sources_cited],
        "errors": list(errors.values()),
    }


# -- documents ------------------------------------------------------------------------
def awkward_document() -> CodedDocument:
    """Every kind of row, with the values hand-written JSON could get wrong: quotes,
    backslashes, newlines, control characters, non-ASCII, None, True, several refs."""
    text = ('Ministry says "ceasefire holds"\n\n'
            "Troops of the Forças Armadas shelled Łódź\\Kraków on 3 March, killing 4.\n\n"
            "Officials\tdenied it.\x07")
    body = text.index("Troops")
    art = Article(id="w1", origin="corpus/w1.txt", text=text, title="Shelling «near» Łódź",
                  subtitles=['A "quoted" subtitle', "Zweite Zeile é"], section="World",
                  published="2023-03-04T10:00:00Z", url="https://example.net/a?b=1&c=\"2\"",
                  source="Gazeta Wschodnia",
                  paragraphs=[Paragraph(0, body - 2, True), Paragraph(body, len(text))])
    src = [ActorRef("a1", "Troops", "POL", "MIL", "POLMIL"),
           ActorRef(None, "the \"unit\"\nB", None, None, None, inferred=True)]
    tgt = [ActorRef("a2", "Łódź", "POL", None, "POL", inferred=True)]
    events = [
        Event("e1", "ASSAULT", "artillery", ["military", "urban"], "195", -10.0, 4, src, tgt,
              "2023-03-03", "day", Location("Łódź", "POL", 51.77, 19.46, 3093133, "city"),
              False, "asserted", 0.9, Mention(body, len(text) - 21, text[body:-21]),
              Mention(body + 29, body + 36, "shelled"), "q1"),
        Event("e2", "PROTEST", None, [], "141", -6.5, 3, [], [], "2023-03", "month",
              Location("Kraków\\Old Town", None, None, None, None, "other"),
              True, "reported", 0.4, Mention(0, 10, "Ministry s"), Mention(0, 8, "Ministry")),
        Event("e3", "CONSULT", "visit", ["diplomatic"], "040", 1.0, 1, tgt, src, None, None,
              None, False, "future", 0.55, Mention(5, 9, "try "), Mention(5, 8, "try")),
    ]
    return CodedDocument(
        article=art,
        actors=[Actor("a1", "Forças \"Armadas\"", "organization", "POL", "MIL", "POLMIL",
                      "Minister\n", [Mention(body, body + 6, "Troops"),
                                     Mention(body + 14, body + 28, "Forças Armadas")]),
                Actor("a2", "Łódź", "country", "POL", None, "POL")],
        events=events,
        quotes=[Quote("q1", "ceasefire holds", 14, 29, True, "a1", "Ministry", "says")],
        places=[Place("Łódź", "POL", 51.77, 19.46, 3093133, "city",
                      [Mention(body + 37, body + 41, "Łódź")]),
                Place("Nowhere", None, None, None, None, "other")],
        dates=[DateRef("3 March", body + 52, body + 59, "2023-03-03", "day"),
               DateRef("soon", 0, 4, None, None)],
        sources_cited=[SourceCited("Officials", len(text) - 21, len(text) - 12)],
        casualties=[Casualty(4, None, None, "killing 4", body + 61, body + 70, "e1")],
        errors=[DocumentError("dates", "odd \"date\"", "corpus/w1.txt"),
                DocumentError("dates", "odd \"date\"", "corpus/w1.txt")])


@pytest.fixture(scope="module")
def documents(coder) -> list[CodedDocument]:
    """The awkward document and two the real coder coded from our own wire copy."""
    texts = [
        ("Police fired tear gas at protesters in Quito on Monday, witnesses said.\n\n"
         "The interior minister said officers had arrested 40 people after the march."),
        ("Ukrainian drones struck an oil depot in Belgorod on Tuesday, the regional "
         "governor said.\n\nTwo workers were injured, he added."),
    ]
    coded = list(coder.code_many([make_article(t, article_id=f"c{i}")
                                  for i, t in enumerate(texts)]))
    assert sum(len(d.events) for d in coded) >= 2  # the reference must see real events
    return [awkward_document(), *coded]


def test_row_batch_equals_the_per_row_reference(documents):
    batch = RowBatch()
    for doc in documents:
        batch.add(doc, NOW, "test")
    for table in ROW_TABLES:
        expected = [row for doc in documents
                    for row in reference_rows(doc, content_hash(doc.article))[table]]
        assert batch.rows(table) == expected, table
        # and the Arrow table DuckDB gets is what the dict path converts to
        assert batch.arrow(table).equals(to_arrow(table, expected)), table
    assert batch.count("event_mentions") == sum(len(d.events) for d in documents)
    assert batch.count("errors") == 1  # the same error twice in one document is one row


def test_document_rows_are_the_batch_rows_as_dicts(documents):
    doc = documents[0]
    rows = document_rows(doc, NOW, "test", "h1")
    assert rows == reference_rows(doc, "h1")
    assert set(rows) == set(ROW_TABLES)
    assert json.loads(rows["event_mentions"][0]["source_actors"])[1]["name"] == \
        'the "unit"\nB'


def test_dict_rows_and_row_batches_store_the_same(documents, tmp_path):
    dumps = []
    for i, as_dicts in enumerate([True, False]):
        with Store.open(tmp_path / f"s{i}.duckdb", create=True) as store:
            if as_dicts:
                rows: dict[str, list] = {}
                for doc in documents:
                    for table, items in document_rows(doc, NOW, "test").items():
                        rows.setdefault(table, []).extend(items)
                store.write_batch(_arrow(rows))
            else:
                batch = RowBatch()
                for doc in documents:
                    batch.add(doc, NOW, "test")
                store.write_batch(batch.to_arrow())
            dumps.append(store.dump())
    assert dumps[0] == dumps[1]
    assert len(dumps[0]["event_mentions"]) == sum(len(d.events) for d in documents)


def _twin(doc: CodedDocument, n: int, outlet: str, published: str) -> CodedDocument:
    art = Article(**{**asdict(doc.article), "paragraphs": list(doc.article.paragraphs)})
    art.title, art.source, art.published = f"{art.title} ({n})", outlet, published
    art.url = None if n % 3 == 0 else f"https://{outlet.lower().replace(' ', '')}.example/{n}"
    return CodedDocument(article=art, actors=doc.actors, events=doc.events,
                         quotes=doc.quotes, places=doc.places, dates=doc.dates)


def test_sql_merge_equals_the_python_rule(documents, tmp_path):
    """Copies of the documents in several outlets merge; the events table the SQL join
    builds equals merge.merge over the full mention rows."""
    docs = [_twin(d, n, outlet, pub) for n, (outlet, pub) in enumerate([
        ("Harbour Gazette", "2023-03-04T10:00:00Z"), ("Valley Times", "2023-03-03T09:00:00Z"),
        ("", None), ("Valley Times", "2023-03-05T09:00:00Z")]) for d in documents]
    with Store.open(tmp_path / "m.duckdb", create=True) as store:
        batch = RowBatch()
        for doc in docs:
            batch.add(doc, NOW, "test")
        store.write_batch(batch.to_arrow(), defer_merge=True)
        # Deferred: only undated mentions have their events (each one alone, rule 2).
        undated = sum(1 for d in docs for e in d.events if parse_day(e.date) is None)
        assert store.count("events") == undated
        store.finish_merges()
        expected = _assert_merge_is_the_python_rule(store)
        assert max(e["num_articles"] for e in expected) == 4  # copies did merge


def _mention(article: str, local: str, key: str, **cols) -> dict:
    """An event_mentions row as dicts come from a worker (unset columns NULL)."""
    return {"mention_id": f"{article}:{local}", "article_hash": article, "local_id": local,
            "merge_key": key, "type": key.split("|")[0], "confidence": 0.5,
            "context": '["policy"]', "in_lead": False, "outlet": "Wire",
            "url": f"https://wire.example/{article}", "published": "2023-03-04", **cols}


def _assert_merge_is_the_python_rule(store: Store) -> list[dict]:
    """The stored events and mention -> event ids are what merge.merge gives for the
    stored mentions; returns those events."""
    cols = [c for c, _ in TABLES["event_mentions"]]
    rows = [dict(zip(cols, r, strict=True))
            for r in store.con.execute("SELECT * FROM event_mentions").fetchall()]
    expected, assignment = merge.merge(rows)
    event_cols = [c for c, _ in TABLES["events"]]
    stored = store.con.execute("SELECT * FROM events").fetchall()
    assert sorted(stored, key=repr) == sorted(
        (tuple(e[c] for c in event_cols) for e in expected), key=repr)
    assert {r["mention_id"]: r["event_id"] for r in rows} == assignment
    return expected


def test_lone_mentions_merged_in_sql_equal_the_python_rule(tmp_path):
    """Undated mentions (events at write time) and a key's only dated mention (events
    built in SQL) get the rows and ids merge.merge gives, keys JSON escapes and odd
    contexts included, also after an article is replaced (--recode)."""
    day = {"date": "2023-03-04", "date_precision": "day", "day": dt.date(2023, 3, 4)}
    first = [
        _mention("a1", "e1", "PROTEST|pos|USA|"),                       # undated
        _mention("a1", "e2", 'PROTEST|pos|crowd "outside"|',            # undated, quote
                 context='["strike", "labour", "strike"]', in_lead=None),
        _mention("a1", "e3", "ATTACK|pos|RUS|UKR", **day, in_lead=True),  # alone, dated
        _mention("a1", "e4", "PROTEST|pos|marchers in Zürich|", **day,  # alone, non-ASCII
                 context='["é", "a"]', published="", url=""),
        _mention("a1", "e5", "AID|pos|USA|KEN", **day, context=None),   # merges with a2
        _mention("a1", "e6", "AID|pos|USA|KEN", published=None),         # undated, same key
    ]
    second = [
        _mention("a2", "e1", "AID|pos|USA|KEN", **day, confidence=0.9, outlet="Post"),
        _mention("a2", "e2", "PROTEST|pos|USA|", date="2023", date_precision="year",
                 day=dt.date(2023, 1, 1)),
        _mention("a2", "e3", "ATTACK|pos|RUS|UKR", url=None, published=""),  # undated
    ]
    with Store.open(tmp_path / "lone.duckdb", create=True) as store:
        store.write_batch(_arrow({"event_mentions": first}), defer_merge=True)
        assert store.count("events") == 3  # the undated ones, at once
        store.write_batch(_arrow({"event_mentions": second}), defer_merge=True)
        store.finish_merges()
        _assert_merge_is_the_python_rule(store)
        assert store.count("events") == 8  # a1:e5 and a2:e1 merged
        # a2 recoded without its undated mention: that event goes, the rest stays.
        store.write_batch(_arrow({"event_mentions": second[:2]}), replace=["a2"],
                          defer_merge=True)
        store.finish_merges()
        _assert_merge_is_the_python_rule(store)
        assert store.count("events") == 7
        store.write_batch(_arrow({"event_mentions": []}), replace=["a1"])  # merged now
        _assert_merge_is_the_python_rule(store)
        assert store.count("events") == 2


def test_pending_mentions_an_older_tidings_left_get_their_events(tmp_path):
    """A killed run of the previous write path left mentions without events (undated
    ones too) and their keys pending: finish_merges builds what merge.merge gives."""
    day = {"date": "2023-03-04", "date_precision": "day", "day": dt.date(2023, 3, 4)}
    rows = [_mention("a1", "e1", "PROTEST|pos|USA|"),
            _mention("a1", "e2", "PROTEST|pos|marchers in Zürich|", context='["b", "a"]'),
            _mention("a1", "e3", "AID|pos|USA|KEN", **day),
            _mention("a2", "e1", "AID|pos|USA|KEN", **day)]
    with Store.open(tmp_path / "old.duckdb", create=True) as store:
        store._insert("event_mentions", rows)  # as it was written: no event ids
        store._run("INSERT INTO pending_merge SELECT DISTINCT merge_key FROM event_mentions")
        assert store.finish_merges() == 3
        _assert_merge_is_the_python_rule(store)
        assert store.count("events") == 3


@pytest.mark.parametrize("threaded", [True, False])
def test_batch_writer_commits_every_n_documents(documents, tmp_path, monkeypatch, threaded):
    """BatchWriter groups documents into transactions of `docs`, in order; the store
    ends equal to one written one document per transaction."""
    docs = [_twin(d, n, "Wire", "2023-03-04T10:00:00Z") for n in range(3) for d in documents]
    with Store.open(tmp_path / "one.duckdb", create=True) as one:
        for doc in docs:
            one.write_batch(_arrow(document_rows(doc, NOW, "test")), defer_merge=True)
        one.finish_merges()
        expected = one.dump()
    commits, threads = [], set()
    real = Store.write_batch

    def counting(self, rows, before_commit=None, **kw):
        def commit():  # recorded when the transaction is about to commit
            if before_commit is not None:
                before_commit()
            commits.append(rows.tables["articles"].column("hash").to_pylist())
            threads.add(threading.get_ident())
        return real(self, rows, before_commit=commit, **kw)

    monkeypatch.setattr(Store, "write_batch", counting)
    with Store.open(tmp_path / "w.duckdb", create=True) as store:
        writer = BatchWriter(store, docs=4, seconds=3600.0, threaded=threaded)
        for doc in docs:
            writer.add(_arrow(document_rows(doc, NOW, "test")), 1)
        writer.flush()
        writer.flush()  # nothing queued: no empty transaction
        writer.close()
        assert [len(c) for c in commits] == [4, 4, 1]  # committed in order
        assert [h for c in commits for h in c] == [content_hash(d.article) for d in docs]
        # the threaded writer commits on its own threads, the other on the caller's
        assert (threading.get_ident() not in threads) == threaded
        assert 1 <= len(threads) <= (WRITERS if threaded else 1)
        store.finish_merges()
        assert store.dump() == expected
        writer.close()  # closing twice is harmless


def test_threaded_writer_stores_what_the_synchronous_one_does(documents, tmp_path):
    """Rows built as RowBatches through the writer thread, as dicts written on the
    caller's thread one transaction at a time: the same store, table by table."""
    docs = [_twin(d, n, outlet, "2023-03-04T10:00:00Z") for n, outlet in
            enumerate(["Wire", "Harbour Gazette", "Valley Times", "Wire"]) for d in documents]
    dumps = []
    for threaded in (True, False):
        with Store.open(tmp_path / f"t{threaded}.duckdb", create=True) as store:
            with BatchWriter(store, docs=5, seconds=3600.0, threaded=threaded) as writer:
                for doc in docs:
                    if threaded:
                        batch = RowBatch()
                        batch.add(doc, NOW, "test")
                        writer.add(batch.to_arrow(), 1)
                    else:
                        writer.add(_arrow(document_rows(doc, NOW, "test")), 1)
            assert store.count("articles") == len(docs)  # leaving the block waited
            store.finish_merges()
            dumps.append(store.dump())
    assert dumps[0] == dumps[1]
    assert max(r[-5] for r in dumps[0]["events"]) > 1  # num_articles: copies merged


def test_arrow_batches_from_workers_store_what_row_batches_do(documents, tmp_path):
    """What coding workers send (each chunk converted to Arrow where it was coded) is
    joined by the writer into one transaction's rows: the store is the same whether
    chunks of two or single documents were converted, rows in the same order, error
    rows of unreadable documents queued between chunks included."""
    docs = [_twin(d, n, outlet, date) for n, (outlet, date) in enumerate(
        [("Wire", "2023-03-04T10:00:00Z"), ("Harbour Gazette", "2023-03-04T11:00:00Z"),
         ("Wire", None)]) for d in documents]
    unreadable = DocumentError(origin="feed.xml#3", stage="read", message="no body")
    stores = []
    for as_arrow in (False, True):
        with Store.open(tmp_path / f"w{as_arrow}.duckdb", create=True) as store:
            with BatchWriter(store, docs=4, seconds=3600.0, merge_at_close=True) as writer:
                for lo in range(0, len(docs), 2):  # chunks of two, as workers code them
                    chunk = RowBatch()
                    for doc in docs[lo:lo + 2]:
                        chunk.add(doc, NOW, "test")
                    if lo == 2:
                        writer.add(_arrow({"errors": error_rows([unreadable], None, NOW)}),
                                   0)
                    if as_arrow:  # each chunk converted where it was coded
                        writer.add(chunk.to_arrow(), 2)
                    else:  # each document converted alone
                        for doc in docs[lo:lo + 2]:
                            writer.add(_arrow(document_rows(doc, NOW, "test")), 1)
            in_order = [r[0] for r in store.con.execute(
                "SELECT mention_id FROM event_mentions").fetchall()]
            stores.append((store.dump(), in_order))
    assert stores[0] == stores[1]
    dump = stores[0][0]
    assert len(dump["articles"]) == len(docs) and len(dump["errors"]) == 1
    assert max(r[-5] for r in dump["events"]) > 1  # num_articles: copies merged
    assert not any(r[1] is None for r in dump["event_mentions"])  # every mention merged


def test_arrow_batches_join_into_one(documents):
    """ArrowBatch.concat of chunks converted apart equals converting them together."""
    chunks, whole = [], RowBatch()
    for doc in [_twin(d, n, "Wire", None) for n in range(2) for d in documents]:
        chunk = RowBatch()
        chunk.add(doc, NOW, "test")
        whole.add(doc, NOW, "test")
        chunks.append(chunk.to_arrow())
    joined, expected = ArrowBatch.concat(chunks), whole.to_arrow()
    assert joined.merge_keys == expected.merge_keys
    assert set(joined.tables) == set(expected.tables)
    for table, rows in expected.tables.items():
        assert joined.tables[table].equals(rows), table
        assert joined.count(table) == whole.count(table)
    assert joined.events.equals(expected.events) and len(joined.events)
    assert ArrowBatch.concat(chunks[:1]) is chunks[0]


def test_a_failed_write_reaches_the_caller_and_commits_nothing_of_its_batch(
        documents, tmp_path):
    """The second of three one-document transactions fails half-way in DuckDB (its
    article rows are inserted, then a later table has JSON that is not): the error is
    raised in the caller, that batch is rolled back whole, and nothing queued after it
    is written."""
    docs = [_twin(documents[0], n, "Wire", "2023-03-04T10:00:00Z") for n in range(3)]
    batches = []
    for doc in docs:
        batch = RowBatch()
        batch.add(doc, NOW, "test")
        batches.append(batch)
    assert batches[1].count("places")
    row = batches[1].tables["places"][0]
    batches[1].tables["places"][0] = (*row[:-1], "not json")  # a JSON column
    with Store.open(tmp_path / "f.duckdb", create=True) as store:
        with pytest.raises(StoreError, match="writing a batch failed"), \
                BatchWriter(store, docs=1, seconds=3600.0) as writer:
            for batch in batches:
                writer.add(batch.to_arrow(), 1)
        stored = {r[0] for r in store.con.execute("SELECT hash FROM articles").fetchall()}
        assert stored == {content_hash(docs[0].article)}
        first = {m["merge_key"] for m in batches[0].rows("event_mentions") if m["day"]}
        assert store.count("event_mentions") == batches[0].count("event_mentions")
        pending = {r[0] for r in store.con.execute(
            "SELECT merge_key FROM pending_merge").fetchall()}
        assert pending == first
        assert store.count("places") == batches[0].count("places")
        # and later writes through a new writer still work (the store is usable)
        with BatchWriter(store, docs=1, seconds=3600.0) as writer:
            batch = RowBatch()
            batch.add(docs[2], NOW, "test")
            writer.add(batch.to_arrow(), 1)
        assert store.count("articles") == 2


def test_a_failed_write_is_raised_by_the_next_add(documents, tmp_path):
    """A failure on the writer thread stops the caller at its next call, so an ingest
    does not go on coding documents it can no longer store."""
    batch = RowBatch()
    batch.add(documents[0], NOW, "test")
    bad = RowBatch()
    bad.add(_twin(documents[0], 1, "Wire", None), NOW, "test")
    row = bad.tables["places"][0]
    bad.tables["places"][0] = (*row[:-1], "not json")
    with Store.open(tmp_path / "n.duckdb", create=True) as store:
        writer = BatchWriter(store, docs=1, seconds=3600.0)
        writer.add(bad.to_arrow(), 1)
        writer._stop()  # wait for the thread: the failure has happened now
        with pytest.raises(StoreError):
            writer.add(batch.to_arrow(), 1)
        with pytest.raises(StoreError):
            writer.close()
        assert store.count("articles") == 0


@pytest.mark.parametrize("threaded", [True, False])
def test_rows_arrow_cannot_hold_fail_before_the_writer_has_them(
        documents, tmp_path, threaded):
    """Rows are converted to Arrow on the caller's thread, before the writer takes
    them: a value the column's type cannot hold is raised there, and nothing of its
    batch is written."""
    bad = RowBatch()
    bad.add(documents[0], NOW, "test")
    row = bad.tables["dates"][0]
    bad.tables["dates"][0] = (*row[:2], "not an offset", *row[3:])  # an INTEGER column
    with Store.open(tmp_path / "a.duckdb", create=True) as store:
        writer = BatchWriter(store, docs=1, seconds=3600.0, threaded=threaded)
        with pytest.raises(pa.ArrowInvalid):
            writer.add(bad.to_arrow(), 1)
        writer._stop()
        assert store.count("articles") == 0 and store.count("events") == 0


def test_ingest_stores_the_same_coded_here_or_on_an_executor(coder, tmp_path, monkeypatch):
    """`tidings ingest` (through its writer threads) stores the same whether the rows
    were coded and converted here or by a worker, with an unreadable document's error
    rows in the same batch."""
    import pickle
    from concurrent.futures import ThreadPoolExecutor

    from tidings.models import ReadResult
    from tidings.run import executors, ingest
    from tidings.run.rows import coded_rows

    monkeypatch.setattr(executors, "_CODER", coder)  # the thread "workers" code with it
    texts = [f"Rebels attacked an army post near Goma on Sunday, officials in "
             f"{town} said.\n\nThe army said it had repelled the attack."
             for town in ("Kinshasa", "Bukavu", "Kinshasa")]
    results = [ReadResult(make_article(t, article_id=f"g{i}")) for i, t in enumerate(texts)]
    results.insert(1, ReadResult(None, [DocumentError("read", "not a news item", "x.bin")]))
    dumps = []
    for on_executor in (False, True):
        with ThreadPoolExecutor(2) as pool:
            report = ingest([], tmp_path / f"i{on_executor}.duckdb", results=results,
                            batch_size=2, coder=coder,
                            executor=pool if on_executor else None)
        # the third text repeats the first: same content hash, skipped
        assert (report.coded, report.skipped, report.unreadable, report.errors) == \
            (2, 1, 1, 1)
        with Store.open(tmp_path / f"i{on_executor}.duckdb") as store:
            dumps.append(store.dump())
    assert dumps[0] == dumps[1]
    assert len(dumps[0]["articles"]) == 2 and len(dumps[0]["errors"]) == 1
    assert dumps[0]["events"]
    # a RowBatch travels from a worker process as it is, and so does its Arrow
    batch = coded_rows([("h", results[0])], coder, 0.0, NOW)
    assert pickle.loads(pickle.dumps(batch)).tables == batch.tables
    arrow = batch.to_arrow()
    back = pickle.loads(pickle.dumps(arrow))
    assert back.merge_keys == arrow.merge_keys and back.events.equals(arrow.events)
    assert all(back.tables[t].equals(arrow.tables[t]) for t in arrow.tables)


# -- two writer threads: inserted side by side, committed in order ---------------------
def _slowed(monkeypatch, delays: dict[str, float], fail: set[str] = frozenset()):
    """Store._insert_all sleeps for batches holding an article of `delays`, and fails
    for one holding an article of `fail`, after inserting (so the batch is half-written)."""
    real = Store._insert_all

    def insert(self, batch, pending):
        articles = batch.tables.get("articles")
        hashes = set(articles.column("hash").to_pylist()) if articles else set()
        real(self, batch, pending)
        time.sleep(sum(v for h, v in delays.items() if h in hashes))
        if hashes & fail:
            raise StoreError("refused", origin="test")

    monkeypatch.setattr(Store, "_insert_all", insert)


def _one_doc_batches(docs):
    out = []
    for doc in docs:
        batch = RowBatch()
        batch.add(doc, NOW, "test")
        out.append(batch)
    return out


def _committed_order(store: Store) -> list[str]:
    return [r[0] for r in store.con.execute("SELECT hash FROM articles").fetchall()]


def test_batches_commit_in_order_and_the_merge_sees_them_all(documents, tmp_path,
                                                             monkeypatch):
    """A slow early batch holds back the commits after it (the other writer inserts
    meanwhile), and the merging last transaction starts once everything before it is
    committed: the store equals the one written on the caller's thread."""
    docs = [_twin(d, n, outlet, "2023-03-04T10:00:00Z") for n, outlet in
            enumerate(["Wire", "Harbour Gazette", "Valley Times"]) for d in documents]
    hashes = [content_hash(d.article) for d in docs]
    with Store.open(tmp_path / "sync.duckdb", create=True) as store:
        with BatchWriter(store, docs=1, seconds=3600.0, threaded=False,
                         merge_at_close=True) as writer:
            for batch in _one_doc_batches(docs):
                writer.add(batch.to_arrow(), 1)
        expected = store.dump()
    # the first and the next-to-last batches are slow
    _slowed(monkeypatch, {hashes[0]: 0.3, hashes[-2]: 0.3})
    with Store.open(tmp_path / "two.duckdb", create=True) as store:
        with BatchWriter(store, docs=1, seconds=3600.0, writers=2,
                         merge_at_close=True) as writer:
            for batch in _one_doc_batches(docs):
                writer.add(batch.to_arrow(), 1)
        assert _committed_order(store) == hashes
        assert store.dump() == expected
        assert store.con.execute("SELECT count(*) FROM pending_merge").fetchone()[0] == 0


def test_nothing_behind_a_failed_batch_commits_and_nothing_before_it_is_lost(
        documents, tmp_path, monkeypatch):
    """Batch 1 of 4 fails after batch 2 has finished inserting (it waits its turn and
    is rolled back), while batch 0, slower than both, still commits."""
    docs = [_twin(documents[0], n, "Wire", "2023-03-04T10:00:00Z") for n in range(4)]
    hashes = [content_hash(d.article) for d in docs]
    _slowed(monkeypatch, {hashes[0]: 0.4, hashes[1]: 0.2}, fail={hashes[1]})
    with Store.open(tmp_path / "f.duckdb", create=True) as store:
        with pytest.raises(StoreError, match="refused"), \
                BatchWriter(store, docs=1, seconds=3600.0, writers=2) as writer:
            for batch in _one_doc_batches(docs):
                writer.add(batch.to_arrow(), 1)
        assert _committed_order(store) == hashes[:1]
        assert store.count("event_mentions") == len(docs[0].events)


def test_an_error_row_is_handed_over_once(tmp_path):
    """The same unreadable input met twice in one run (two batches in flight at once
    cannot see each other's rows), and twice in one batch: one error row."""
    error = DocumentError(origin="feed.xml#3", stage="read", message="no body")
    with Store.open(tmp_path / "e.duckdb", create=True) as store:
        with BatchWriter(store, docs=1, seconds=3600.0, writers=2) as writer:
            for _ in range(3):
                writer.add(_arrow({"errors": error_rows([error], None, NOW)}), 1)
            rows = error_rows([error], None, NOW)
            writer.add(_arrow({"errors": rows + [dict(rows[0])]}), 1)
            other = DocumentError(origin="feed.xml#4", stage="read", message="no body")
            writer.add(_arrow({"errors": error_rows([other], None, NOW)}), 1)
        assert store.count("errors") == 2
