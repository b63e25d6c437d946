"""The web API in-process (FastAPI's TestClient): every filter, paging, downloads, token
rules, 422 on bad parameters, injection attempts, and the event's evidence offsets."""
from __future__ import annotations

import csv
import io
import json
import shutil
import threading
import time
import warnings

import pytest
from web_store import EVENTS, TEXTS, make_store

from tidings.models import ActorRef, CodedDocument, Event, Mention
from tidings.store.query import WHEN as QUERY_WHEN
from tidings.web import create_app
from tidings.web.formats import csv_lines

with warnings.catch_warnings():
    # Starlette 1.10 asks for `httpx2` in its test client; httpx works the same here.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "test-token-123"
ALL = {e[0] for e in EVENTS}


class FakeCoder:
    """Codes every article as one protest by "Students" in its first sentence."""

    def code(self, article):
        end = article.text.find(".") + 1 or len(article.text)
        word = article.text.split()[0]
        event = Event(
            id="e1", type="PROTEST", mode=None, context=[], cameo="141", goldstein=-6.5,
            quad_class=3, source=[ActorRef(actor=None, text=word, code="EDU")], target=[],
            date="2024-05-01", date_precision="day", location=None, negated=False,
            modality="asserted", confidence=0.9, sentence=Mention(0, end, article.text[:end]),
            trigger=Mention(0, len(word), word), by=["fake_rule"])
        return CodedDocument(article=article, events=[event])


@pytest.fixture(scope="module")
def base_store(tmp_path_factory):
    return make_store(tmp_path_factory.mktemp("web") / "base.duckdb", synthetic=250)


def _client(base_store, tmp_path, **kw):
    path = tmp_path / "s.duckdb"
    shutil.copy(base_store, path)
    return TestClient(create_app(path, coder_factory=FakeCoder, **kw))


@pytest.fixture
def client(base_store, tmp_path):
    with _client(base_store, tmp_path, token=TOKEN) as c:
        yield c


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["event_id"] for e in response.json()["items"]]


def real(found: list[str]) -> set[str]:
    return {i for i in found if not i.startswith("syn")}


def test_health_and_versioned_openapi(client):
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["events"] == len(EVENTS) + 250
    spec = client.get("/openapi.json").json()
    assert spec["info"]["version"].startswith("1")
    for path in ["/api/v1/events", "/api/v1/events/{event_id}", "/api/v1/articles",
                 "/api/v1/articles/{article_id}", "/api/v1/actors", "/api/v1/dyads",
                 "/api/v1/timeline"]:
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/v1/articles"]
    assert client.get("/api/events").status_code == 200  # the unversioned alias


def test_events_newest_first_with_undated_by_publication_day(client):
    got = real(ids(client.get("/api/v1/events", params={"limit": 1000})))
    assert got == ALL
    first = ids(client.get("/api/v1/events", params={"limit": 3}))
    # ev7 is undated: it sorts by its article's day (2024-03-06); ev1/ev2 tie on the
    # day and go by id.
    assert first == ["ev7", "ev1", "ev2"]


@pytest.mark.parametrize("params, expected", [
    ({"type": "ASSAULT"}, {"ev1", "ev7"}),
    ({"type": "assault,aid"}, {"ev1", "ev7", "ev4"}),
    ({"country": "ukr"}, {"ev1", "ev2", "ev5", "ev7"}),
    ({"country": "CHE"}, {"ev3"}),
    ({"actor": "iran"}, {"ev3", "ev6"}),
    ({"actor": "RUSMIL"}, {"ev1", "ev7"}),
    ({"source": "france"}, {"ev6"}),
    ({"target": "france"}, {"ev3"}),
    ({"dyad": "IRN,FRA"}, {"ev3"}),
    ({"dyad": "IRN,FRA", "directed": "false"}, {"ev3", "ev6"}),
    ({"dyad": "Russian forces,Kharkiv"}, {"ev1"}),
    ({"quad_class": "1,2"}, {"ev3", "ev4", "ev6"}),
    ({"min_confidence": "0.9"}, {"ev1", "ev3"}),
    ({"modality": "future"}, {"ev6"}),
    ({"negated": "true"}, {"ev6"}),
    ({"since": "2024-03-01"}, {"ev1", "ev2", "ev3", "ev7"}),
    ({"country": "Ukraine"}, {"ev1", "ev2", "ev5", "ev7"}),
    ({"country": "ch"}, {"ev3"}),
    ({"type": "disapprove"}, {"ev2"}),  # a PLOVER alias of ACCUSE
    ({"place": "kharkiv"}, {"ev1"}),
    ({"place": "Ukraine"}, {"ev1", "ev5"}),
    ({"dyad": "IRN-FRA", "undirected": "true"}, {"ev3", "ev6"}),
    ({"quad_class": "material-conflict"}, {"ev1", "ev5", "ev7"}),
    ({"modality": "future,hypothetical"}, {"ev6", "ev7"}),
    ({"since": "2024-03", "until": "2024"}, {"ev1", "ev2", "ev3", "ev7"}),
    ({"until": "2024-02"}, {"ev4", "ev5", "ev6"}),
    ({"until": "2024-01-31"}, {"ev5", "ev6"}),
    ({"since": "2024-02-01", "until": "2024-03-04"}, {"ev3", "ev4"}),
    ({"text": "GENEVA"}, {"ev3", "ev4", "ev6"}),
    ({"bbox": "30,45,40,52"}, {"ev1", "ev5"}),
    ({"type": "ASSAULT", "country": "UKR", "min_confidence": "0.9"}, {"ev1"}),
])
def test_every_filter(client, params, expected):
    assert real(ids(client.get("/api/v1/events", params={**params, "limit": 1000}))) == expected


def test_cursor_pages_cover_the_selection_once_in_order(client):
    whole = ids(client.get("/api/v1/events", params={"limit": 1000}))
    # the same order as sorting the store's own table (the web's copy keeps it)
    con = client.app.state.web.cursor()
    assert whole == [r[0] for r in con.execute(
        f"SELECT event_id FROM events ORDER BY {QUERY_WHEN} DESC NULLS LAST, event_id"
    ).fetchall()]
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 40, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/v1/events", params=params).json()
        seen += [e["event_id"] for e in body["items"]]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            break
    assert seen == whole and len(seen) == len(set(seen)) == 257
    assert pages == 7  # 257 = 6 * 40 + 17


def test_cursor_with_filters_and_after_a_write(client):
    params = {"type": "PROTEST", "limit": 100}
    first = client.get("/api/v1/events", params=params).json()
    r = client.post("/api/v1/articles", json={"text": "Students marched. Then they left.",
                                               "title": "March"},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    # The index was rebuilt (positions moved): the old cursor still continues correctly.
    rest = client.get("/api/v1/events", params={**params, "cursor": first["next"]}).json()
    got = [e["event_id"] for e in first["items"] + rest["items"]]
    assert len(got) == len(set(got))
    assert {e["type"] for e in rest["items"]} == {"PROTEST"}
    every = ids(client.get("/api/v1/events", params={"type": "PROTEST", "limit": 1000}))
    assert set(got) <= set(every) and len(every) == 251  # 250 synthetic + the new one


def test_csv_jsonl_geojson_downloads_hold_the_same_selection(client):
    params = {"country": "UKR"}
    want = ids(client.get("/api/v1/events", params={**params, "limit": 1000}))
    r = client.get("/api/v1/events", params={**params, "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["event_id"] for row in rows] == want
    lines = client.get("/api/v1/events", params={**params, "format": "jsonl"}).text.splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == want
    geo = client.get("/api/v1/events", params={**params, "format": "geojson"}).json()
    assert geo["type"] == "FeatureCollection"
    assert [f["id"] for f in geo["features"]] == want
    kyiv = next(f for f in geo["features"] if f["id"] == "ev5")
    assert kyiv["geometry"] == {"type": "Point", "coordinates": [30.52, 50.45]}
    assert next(f for f in geo["features"] if f["id"] == "ev2")["geometry"] is None
    # a download has every row, not a page; `limit` bounds it only when given
    assert len(client.get("/api/v1/events", params={"format": "jsonl"}).text.splitlines()) == 257
    assert len(client.get("/api/v1/events", params={"format": "jsonl", "limit": 5}
                          ).text.splitlines()) == 5


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted():
    rows = [{"a": "=HYPERLINK(\"http://x\")", "b": "+1", "c": -3.5, "d": ["x", "y"]}]
    out = list(csv.reader(io.StringIO("".join(csv_lines(rows, ["a", "b", "c", "d"])))))
    assert out == [["a", "b", "c", "d"], ["'=HYPERLINK(\"http://x\")", "'+1", "-3.5", '["x", "y"]']]


@pytest.mark.parametrize("params, name", [
    ({"type": "NOT A TYPE!"}, "type"), ({"type": "ASSUALT"}, "type"),
    ({"country": "Atlantis"}, "country"),
    ({"quad_class": "5"}, "quad_class"), ({"min_confidence": "2"}, "min_confidence"),
    ({"min_confidence": "high"}, "min_confidence"), ({"since": "2024-13-01"}, "since"),
    ({"since": "2024-03-01", "until": "2024-01-01"}, "since"), ({"until": "yesterday"}, "until"),
    ({"since": "2024-13"}, "since"),
    ({"bbox": "1,2,3"}, "bbox"), ({"bbox": "10,0,0,10"}, "bbox"), ({"limit": "0"}, "limit"),
    ({"limit": "5000"}, "limit"), ({"cursor": "garbage!!"}, "cursor"),
    ({"format": "xml"}, "format"), ({"dyad": "IRN"}, "dyad"), ({"modality": "maybe"}, "modality"),
    ({"negated": "perhaps"}, "negated"), ({"directed": "sideways"}, "directed"),
    ({"text": "x" * 500}, "text"),
])
def test_bad_parameters_are_422_naming_them(client, params, name):
    r = client.get("/api/v1/events", params=params)
    assert r.status_code == 422, r.text
    assert any(d["loc"][-1] == name for d in r.json()["detail"]), r.json()


@pytest.mark.parametrize("path, params", [
    ("/api/v1/timeline", {"interval": "year"}), ("/api/v1/timeline", {"by": "mood"}),
    ("/api/v1/dyads", {"limit": "-1"}), ("/api/v1/change", {"weeks": "0"}),
    ("/api/v1/articles", {"cursor": "-3"}), ("/api/v1/map", {"limit": "999999"}),
])
def test_bad_parameters_of_other_views_are_422(client, path, params):
    assert client.get(path, params=params).status_code == 422


INJECTIONS = ["' OR '1'='1", "x'); DROP TABLE events; --", "%", "%%", "\\", "\" OR 1=1 --",
              "IRN' UNION SELECT * FROM articles --", "\x00", "<script>alert(1)</script>"]
TEXT_FILTERS = ["type", "country", "place", "actor", "source", "target", "dyad", "quad_class",
                "modality", "since", "until", "text", "bbox", "cursor"]


@pytest.mark.parametrize("name", TEXT_FILTERS)
def test_injection_attempts_match_nothing_or_are_refused(client, name):
    for value in INJECTIONS:
        r = client.get("/api/v1/events", params={name: value, "limit": 1000})
        assert r.status_code in (200, 422), (name, value, r.text)
        if r.status_code == 200:
            # Taken literally: no value above names any stored event's field.
            assert r.json()["items"] == [], (name, value)
    assert client.get("/healthz").json()["events"] == 257  # nothing dropped


def test_text_filters_are_literal_not_patterns(client):
    # "_" and "%" are LIKE wildcards; here they are characters. Only the hostile title
    # holds "__pwned"; no text holds "%" or "a_b".
    assert real(ids(client.get("/api/v1/events", params={"text": "__pwned"}))) == {"ev5"}
    assert ids(client.get("/api/v1/events", params={"text": "a_b"})) == []
    assert ids(client.get("/api/v1/events", params={"actor": "R%S"})) == []


def test_event_detail_offsets_point_at_the_words(client):
    e = client.get("/api/v1/events/ev1").json()
    assert e["type"] == "ASSAULT" and len(e["mentions"]) == 1
    m = e["mentions"][0]
    text = client.get(f"/api/v1/articles/{m['article']['id']}").json()["text"]
    assert text == TEXTS["h1"]
    o = m["offsets"]
    cut = lambda span: text[span[0]:span[1]]
    assert cut(o["trigger"]) == "shelled"
    assert cut(o["sentence"]) == "Russian forces shelled Kharkiv on Tuesday, officials said."
    assert cut(o["source"][0]["span"]) == "Russian"
    assert cut(o["target"][0]["span"]) == "Kharkiv"
    assert cut(o["place"]) == "Kharkiv" and cut(o["date"]) == "Tuesday"
    quote = client.get("/api/v1/events/ev5").json()["mentions"][0]["offsets"]["quote"]
    assert TEXTS["h3"][quote[0]:quote[1]] == '"We will not leave,"'
    assert client.get("/api/v1/events/nope").status_code == 404


def test_event_why_from_stored_tellings_else_by_coding_again(client):
    # ev1 was stored with its tellings and their rules: read, not recomputed
    assert client.get("/api/v1/events/ev1/why").json()["by"] == {
        "h1:ev1": ["clause_subject", "stored_rule", "join_account"]}
    tellings = client.get("/api/v1/events/ev1").json()["mentions"][0]["tellings"]
    assert [t["trigger_text"] for t in tellings] == ["shelled", "targeting"]
    assert TEXTS["h1"][slice(*tellings[1]["trigger"])] == "targeting"
    # ev2 was not: its article is coded again; the fake coder names its event e1, so
    # no rule matches this stored event
    assert client.get("/api/v1/events/ev2/why").json()["by"] == {"h1:ev2": []}
    assert client.get("/api/v1/events/nope/why").status_code == 404


def test_articles_list_and_detail_with_annotations(client):
    items = client.get("/api/v1/articles", params={"limit": 2}).json()
    assert [a["id"] for a in items["items"]] == ["h1", "h2"] and items["next"] == 2
    rest = client.get("/api/v1/articles", params={"limit": 2, "cursor": 2}).json()
    assert [a["id"] for a in rest["items"]] == ["h3"] and rest["next"] is None
    assert [a["id"] for a in client.get("/api/v1/articles", params={"q": "geneva"}).json()["items"]] == ["h2"]
    a = client.get("/api/v1/articles/h1").json()
    assert a["title"] == "Russia shells Kharkiv" and a["paragraphs"][0]["start"] == 0
    notes = a["annotations"]
    assert [p["name"] for p in notes["places"]] == ["Kharkiv"]
    assert [e["event_id"] for e in notes["events"]] == ["ev1", "ev2", "ev7"]  # text order
    assert client.get("/api/v1/articles/id-h2").json()["hash"] == "h2"  # by reader id too
    assert client.get("/api/v1/articles/nope").status_code == 404


def test_actors_dyads_timeline_change_map(client):
    actors = {a["actor"]: a for a in client.get("/api/v1/actors").json()}
    assert actors["RUSMIL"]["as_source"] == 2 and actors["RUSMIL"]["mean_goldstein"] == -10.0
    directed = client.get("/api/v1/dyads", params={"actor": "IRN"}).json()
    assert {(d["source"], d["target"], d["events"]) for d in directed} == {
        ("IRNGOV", "FRA", 1), ("FRA", "IRNGOV", 1)}
    undirected = client.get("/api/v1/dyads", params={"actor": "IRN", "directed": "false"}).json()
    assert [(d["source"], d["target"], d["events"], d["cooperation"]) for d in undirected] == [
        ("FRA", "IRNGOV", 2, 2)]
    series = client.get("/api/v1/timeline", params={"interval": "month", "by": "conflict",
                                                    "country": "UKR"}).json()["series"]
    assert {(s["period"], s["key"], s["events"]) for s in series} == {
        ("2024-01-01", "conflict", 1), ("2024-03-01", "conflict", 3)}
    share = client.get("/api/v1/timeline", params={"interval": "month", "share": "true",
                                                   "since": "2024-03-01"}).json()["series"]
    # March 2024: 2 articles; the 2 ASSAULT events (quad 4) are 100 per 100 articles
    assert {(s["key"], s["events"], s["share"]) for s in share} >= {("4", 2, 100.0)}
    tl_csv = client.get("/api/v1/timeline", params={"format": "csv"}).text
    assert tl_csv.splitlines()[0].startswith("period,key,events")
    change = client.get("/api/v1/change", params={"weeks": 4, "end": "2024-03-06"}).json()
    # counted by the place, else the target's country: ev1, ev7 now, ev5 in the 4 weeks
    # before; ev2 (no place, target Russia) counts for RUS
    ukr = next(c for c in change["countries"] if c["country"] == "UKR")
    assert (ukr["current"], ukr["previous"], ukr["change"]) == (2, 1, 1)
    assert change["until"] == "2024-03-06"
    points = client.get("/api/v1/map").json()
    assert {f["id"] for f in points["features"]} >= {"ev1", "ev3", "ev4", "ev5"}


def test_reads_open_writes_need_the_token(client):
    assert client.get("/api/v1/events").status_code == 200
    body = {"text": "Farmers blocked roads. Police watched.", "title": "Roads"}
    assert client.post("/api/v1/articles", json=body).status_code == 401
    r = client.post("/api/v1/articles", json=body, headers={"Authorization": "Bearer wrong-token"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert client.post("/api/v1/articles", json=body,
                       headers={"Authorization": TOKEN}).status_code == 401  # no scheme
    auth = {"Authorization": f"Bearer {TOKEN}"}
    created = client.post("/api/v1/articles", json=body, headers=auth)
    assert created.status_code == 201, created.text
    article = created.json()
    assert article["created"] and article["title"] == "Roads"
    assert [e["type"] for e in article["annotations"]["events"]] == ["PROTEST"]
    again = client.post("/api/v1/articles", json=body, headers=auth)
    assert again.status_code == 200 and not again.json()["created"]
    # stored, merged, indexed and explained at once
    found = client.get("/api/v1/events", params={"source": "farmers"}).json()["items"]
    assert len(found) == 1
    why = client.get(f"/api/v1/events/{found[0]['event_id']}/why").json()["by"]
    assert list(why.values()) == [["fake_rule"]]


def test_raw_text_and_html_bodies_are_read_too(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = client.post("/api/v1/articles", content=b"Workers went on strike in Lagos on Monday. The union said "
                       b"the strike would go on until the government raised their pay.",
                       headers={**auth, "Content-Type": "text/plain"})
    assert text.status_code == 201
    short = client.post("/api/v1/articles", content=b"Protesters clashed with police in Paris.",
                        headers={**auth, "Content-Type": "text/plain"})
    assert short.status_code == 201, short.text  # one line is a body, not a headline
    assert short.json()["text"] == "Protesters clashed with police in Paris."
    html = (b"<html><head><title>Strike</title></head><body><article><p>Dockers went on "
            b"strike in Mombasa on Monday, the union said, in a dispute over pay.</p>"
            b"</article></body></html>")
    r = client.post("/api/v1/articles", content=html,
                    headers={**auth, "Content-Type": "text/html"})
    assert r.status_code == 201, r.text
    assert "Mombasa" in r.json()["text"]


@pytest.mark.parametrize("body", [b"", b"   ", b'{"title": "no text"}', b"\x00\x01\x02\xff" * 10])
def test_bad_article_bodies_are_422_saying_why(client, body):
    r = client.post("/api/v1/articles", content=body,
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422
    assert "POST /api/articles" in r.json()["detail"]


def test_no_token_configured_refuses_every_write(base_store, tmp_path):
    with _client(base_store, tmp_path) as c:
        r = c.post("/api/v1/articles", json={"text": "x y z."},
                   headers={"Authorization": "Bearer anything-at-all"})
        assert r.status_code == 401 and "no token" in r.json()["detail"]
        assert c.get("/healthz").json()["writes"] is False


def test_guarded_reads_need_the_token(base_store, tmp_path):
    with _client(base_store, tmp_path, token=TOKEN, guard_reads=True) as c:
        assert c.get("/api/v1/events").status_code == 401
        assert c.get("/api/v1/events", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_security_headers_on_every_response(client):
    for path in ["/", "/static/app.js", "/api/v1/events", "/api/v1/events/nope"]:
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, path
        assert r.headers["x-content-type-options"] == "nosniff"
    page = client.get("/").text
    assert "<script src=\"/static/app.js\"" in page and "<script>" not in page
    assert "http" not in page.replace("http-equiv", "")  # nothing fetched from elsewhere


def test_static_assets_load_nothing_from_outside(client):
    for name in ["app.js", "app.css"]:
        body = client.get(f"/static/{name}").text
        assert "http://" not in body.replace("http://www.w3.org/2000/svg", "")
        assert "https://" not in body
    js = client.get("/static/app.js").text
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js
    world = client.get("/static/world.json").json()
    assert len(world["countries"]) > 150 and "Natural Earth" in world["source"]


class SlowCoder(FakeCoder):
    """Holds the write lock for a while, as coding a long article does."""

    def code(self, article):
        time.sleep(1.5)
        return super().code(article)


def test_reads_do_not_wait_for_a_running_write(base_store, tmp_path):
    path = tmp_path / "slow.duckdb"
    shutil.copy(base_store, path)
    with TestClient(create_app(path, token=TOKEN, coder_factory=SlowCoder)) as c:
        writer = threading.Thread(target=c.post, args=("/api/v1/articles",), kwargs={
            "json": {"text": "Nurses marched in Nairobi on Monday demanding pay. The union "
                             "said more marches would follow."},
            "headers": {"Authorization": f"Bearer {TOKEN}"}})
        writer.start()
        time.sleep(0.3)  # the write is coding now, holding the write lock
        start = time.monotonic()
        assert c.get("/api/v1/events", params={"type": "ASSAULT"}).status_code == 200
        assert time.monotonic() - start < 1.0
        writer.join()
        assert c.get("/api/v1/events", params={"source": "nurses"}).json()["items"]


def test_an_empty_store_serves_empty_views(tmp_path):
    from tidings.store.db import Store

    Store.open(tmp_path / "empty.duckdb", create=True).close()
    with TestClient(create_app(tmp_path / "empty.duckdb")) as c:
        assert c.get("/api/v1/events").json() == {"items": [], "next": None}
        for path in ["/api/v1/actors", "/api/v1/dyads"]:
            assert c.get(path).json() == []
        assert c.get("/api/v1/timeline").json()["series"] == []
        assert c.get("/api/v1/change").json()["countries"] == []
        assert c.get("/api/v1/map").json()["features"] == []
        assert c.get("/api/v1/events", params={"format": "csv"}).text.startswith("event_id,")


def test_csv_of_an_empty_view_still_has_its_header(client):
    for path, first in [("/api/v1/dyads", "source,target"), ("/api/v1/actors", "actor,name"),
                        ("/api/v1/timeline", "period,key"), ("/api/v1/change", "country,")]:
        r = client.get(path, params={"format": "csv", "country": "ATA"})
        assert r.status_code == 200 and r.text.startswith(first), (path, r.text)
        assert len(r.text.splitlines()) == 1


def test_writes_update_the_web_copy_in_place(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    state = client.app.state.web
    for text in ["Teachers marched in Accra on Friday. They want more pay.",
                 "Teachers marched again in Accra on Friday, a union said. Pay is low."]:
        assert client.post("/api/v1/articles", json={"text": text},
                           headers=auth).status_code == 201
    # Both articles tell the same act (same type, sides, day): one merged event, read
    # again from the store into the web's copy after the second write.
    found = client.get("/api/v1/events", params={"source": "teachers"}).json()["items"]
    assert len(found) == 1 and found[0]["num_articles"] == 2
    con = state.cursor()
    assert con.execute("SELECT count(*) FROM tidings_web.delta").fetchone()[0] >= 1
    # the copy still equals the store's events, in the store's own order
    api = ids(client.get("/api/v1/events", params={"limit": 1000}))
    assert api == [r[0] for r in con.execute(
        f"SELECT event_id FROM events ORDER BY {QUERY_WHEN} DESC NULLS LAST, event_id"
    ).fetchall()]
    paged, cursor = [], None
    while True:
        body = client.get("/api/v1/events", params={"limit": 7, **(
            {"cursor": cursor} if cursor else {})}).json()
        paged += [e["event_id"] for e in body["items"]]
        if not (cursor := body["next"]):
            break
    assert paged == api
    assert client.get("/healthz").json()["events"] == len(api) == 258


def test_oversized_bodies_are_refused_before_reading(client):
    r = client.post("/api/v1/articles", content=b"x" * 10,
                    headers={"Authorization": f"Bearer {TOKEN}", "Content-Length": "999999999"})
    assert r.status_code == 413


class BrokenCoder:
    def code(self, article):
        from tidings.errors import ModelError
        raise ModelError("the spaCy model is missing")


def test_a_coder_that_cannot_load_is_503_not_a_traceback(base_store, tmp_path):
    path = tmp_path / "broken.duckdb"
    shutil.copy(base_store, path)
    with TestClient(create_app(path, token=TOKEN, coder_factory=BrokenCoder)) as c:
        r = c.post("/api/v1/articles", json={"text": "Workers marched in Lagos. Then left."},
                   headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 503 and "model is missing" in r.json()["detail"]
        assert c.get("/healthz").json()["events"] == 257  # nothing half-written
