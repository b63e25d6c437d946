"""The long-article dev sets (eval/gold/events_articles.jsonl, events_articles2.jsonl,
events_articles3.jsonl) and
the check split (eval/gold/events_articles_check.jsonl) are well formed, and the events-articles and
events-articles-check suites (tidings/evaluate/articles.py) score whole articles: one
record per occurrence, unjoined tellings set aside, recall split by paragraph position,
and a clean skip when the file is absent."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter

import pytest
from conftest import assert_suite_skips
from test_gold_files import _check_event, _check_tags_coded, _gold_records

from tidings.errors import EvalError
from tidings.evaluate import articles
from tidings.evaluate.suites import OK, EvalOptions, run_suite
from tidings.models import ActorRef, CodedDocument, Event, EventMention, Mention
from tidings.paths import PROJECT_ROOT

GOLD = articles.ARTICLES_GOLD
CHECK = articles.ARTICLES_CHECK_GOLD
DEV2 = articles.ARTICLES2_GOLD
DEV3 = articles.ARTICLES3_GOLD
STYLES = {"wire", "paper", "police_lc", "headline"}
EVENT_EXTRA = {"paragraph", "retold"}


# the dev files: (path, id pattern); each is validated by the same checks
DEV_FILES = {"articles": (GOLD, r"articles-\d{2}"), "articles2": (DEV2, r"articles2-\d{2}"),
             "articles3": (DEV3, r"articles3-\d{2}")}


@pytest.fixture(scope="module", params=sorted(DEV_FILES))
def dev_file(request) -> tuple:
    path, pattern = DEV_FILES[request.param]
    if not path.is_file():
        pytest.skip(f"eval/gold/{path.name} absent")
    return path, pattern, _gold_records(path)


@pytest.fixture(scope="module")
def records() -> list[tuple[int, dict]]:
    if not GOLD.is_file():
        pytest.skip("eval/gold/events_articles.jsonl absent")
    return _gold_records(GOLD)


@pytest.fixture(scope="module")
def records2() -> list[tuple[int, dict]]:
    if not DEV2.is_file():
        pytest.skip("eval/gold/events_articles2.jsonl absent")
    return _gold_records(DEV2)


@pytest.fixture(scope="module")
def check_records() -> list[tuple[int, dict]]:
    if not CHECK.is_file():
        pytest.skip("eval/gold/events_articles_check.jsonl absent")
    return _gold_records(CHECK)


def _check_article(rec: dict, where: str, id_pattern: str = r"articles-\d{2}") -> None:
    assert set(rec) == {"id", "text", "published", "events", "tags", "style"}, \
        f"{where}: keys {sorted(rec)}"
    assert re.fullmatch(id_pattern, rec["id"]), f"{where}: id {rec['id']!r}"
    assert rec["style"] in STYLES, f"{where}: style {rec['style']!r}"
    published = dt.datetime.fromisoformat(rec["published"])
    blocks = rec["text"].split("\n\n")
    assert 6 <= len(blocks) <= 14, f"{where}: {len(blocks)} paragraphs"
    assert all(b and b == b.strip() for b in blocks), f"{where}: an empty or padded paragraph"
    assert 250 <= len(rec["text"].split()) <= 700, f"{where}: {len(rec['text'].split())} words"
    if rec["style"] == "police_lc":
        assert rec["text"] == rec["text"].lower(), f"{where}: police_lc text is all lower case"
    assert rec["events"], f"{where}: an article with no event"
    # the events gold's own checks, on the sentence-level keys and the publication day
    flat = {**rec, "published": published.date().isoformat()}
    for n, ev in enumerate(rec["events"]):
        assert "paragraph" in ev, f"{where} event {n}: no paragraph"
        _check_event({k: v for k, v in ev.items() if k not in EVENT_EXTRA}, flat,
                     f"{where} event {n}")
        for told in [{"trigger": ev["trigger"], "paragraph": ev["paragraph"]},
                     *ev.get("retold", [])]:
            assert set(told) == {"trigger", "paragraph"}, f"{where} event {n}: {told}"
            par = told["paragraph"]
            assert 1 <= par <= len(blocks) and told["trigger"] in blocks[par - 1], \
                f"{where} event {n}: {told['trigger']!r} is not in paragraph {par}"
        assert all(t["paragraph"] >= ev["paragraph"] for t in ev.get("retold", [])), \
            f"{where} event {n}: the trigger must be the first telling"
    _check_tags_coded(rec, where)


def test_articles_are_well_formed(dev_file):
    path, pattern, records = dev_file
    assert not [i for i, n in Counter(r["id"] for _, r in records).items() if n > 1], \
        "duplicate ids"
    assert len({r["text"] for _, r in records}) == len(records), "duplicate texts"
    for lineno, rec in records:
        _check_article(rec, f"{path.name}:{lineno}", pattern)
    assert len(articles.read_articles(path)) == len(records)


def test_articles_have_the_mix_the_brief_asks_for(records):
    recs = [r for _, r in records]
    assert 25 <= len(recs) <= 40, len(recs)
    styles = Counter(r["style"] for r in recs)
    assert styles["wire"] >= 8 and styles["paper"] >= 5, styles
    assert styles["police_lc"] >= 4 and styles["headline"] >= 4, styles
    # headline-led stories open with a headline line; some are upper case like old archives
    heads = [r for r in recs if r["style"] == "headline"]
    assert sum(r["text"] == r["text"].upper() for r in heads) >= 2
    assert all(len(r["text"].split("\n\n")[0].split()) <= 16 for r in heads)
    _assert_types_and_retellings(recs, min_retold=30)


def test_at_least_a_third_of_each_articles_events_are_late(dev_file):
    _assert_late_share(dev_file[2])


def test_articles_share_no_text_with_other_gold_or_training_files(dev_file):
    _assert_no_text_shared(dev_file[0], dev_file[2])


def test_the_second_dev_set_has_the_mix_the_brief_asks_for(records2):
    """Issue 13's second dev set: 24 wire stories of 6-14 paragraphs and 250-700 words,
    every type at least four times, acts retold, and most events first told late."""
    recs = [r for _, r in records2]
    assert len(recs) == 24
    assert all(r["style"] == "wire" for r in recs)
    events = [ev for r in recs for ev in r["events"]]
    assert 2 * sum(ev["paragraph"] >= articles.LATE_FROM for ev in events) >= len(events)
    _assert_types_and_retellings(recs, min_retold=24)
    modalities = Counter(ev["modality"] for ev in events)
    assert all(modalities[m] >= 3 for m in ("reported", "future", "historical")), modalities


def test_the_third_dev_set_has_the_mix_the_brief_asks_for():
    """Issue 13's third dev set: 24 longer wire stories (8-10 paragraphs, 350+ words),
    every type at least four times, acts retold, 60% of events first told late, and
    background, reported, future and hypothetical acts."""
    if not DEV3.is_file():
        pytest.skip("eval/gold/events_articles3.jsonl absent")
    recs = [r for _, r in _gold_records(DEV3)]
    assert len(recs) == 24
    assert all(r["style"] == "wire" for r in recs)
    assert all(len(r["text"].split()) >= 350 and len(r["text"].split("\n\n")) >= 8
               for r in recs)
    events = [ev for r in recs for ev in r["events"]]
    assert 5 * sum(ev["paragraph"] >= articles.LATE_FROM for ev in events) >= 3 * len(events)
    _assert_types_and_retellings(recs, min_retold=40)
    modalities = Counter(ev["modality"] for ev in events)
    assert all(modalities[m] >= 5 for m in ("reported", "future", "historical",
                                            "hypothetical")), modalities


def _assert_no_text_shared(path, records) -> None:
    ours = [r["text"] for _, r in records]
    paragraphs = {b for t in ours for b in t.split("\n\n") if len(b.split()) >= 8}
    others = [p for p in sorted(path.parent.glob("*.jsonl")) if p != path]
    others.append(PROJECT_ROOT / "eval" / "train" / "events_train.jsonl")
    for other in others:
        if not other.is_file():
            continue
        for line in other.read_text(encoding="utf-8").splitlines():
            text = json.loads(line).get("text") if line.strip() else None
            if not text:
                continue
            assert text not in ours, f"an article is also in {other.name}"
            shared = [b for b in text.split("\n\n") if b in paragraphs]
            assert not shared, f"a paragraph is also in {other.name}: {shared[0][:60]!r}"


# ------------------------------------------------------------------ the check split

def test_check_articles_are_well_formed(check_records):
    assert not [i for i, n in Counter(r["id"] for _, r in check_records).items() if n > 1], \
        "duplicate ids"
    assert len({r["text"] for _, r in check_records}) == len(check_records), "duplicate texts"
    for lineno, rec in check_records:
        _check_article(rec, f"{CHECK.name}:{lineno}", r"articles-check-\d{2}")
    assert len(articles.read_articles(CHECK)) == len(check_records)


def test_check_articles_have_the_dev_sets_mix(check_records):
    recs = [r for _, r in check_records]
    assert 15 <= len(recs) <= 30, len(recs)
    styles = Counter(r["style"] for r in recs)
    assert styles["wire"] >= 6 and styles["paper"] >= 4, styles
    assert styles["police_lc"] >= 3 and styles["headline"] >= 3, styles
    heads = [r for r in recs if r["style"] == "headline"]
    assert any(r["text"] == r["text"].upper() for r in heads)
    assert all(len(r["text"].split("\n\n")[0].split()) <= 16 for r in heads)
    assert all(6 <= len(r["text"].split("\n\n")) <= 12 for r in recs)
    assert all(250 <= len(r["text"].split()) <= 600 for r in recs)
    _assert_types_and_retellings(recs, min_retold=20)


def test_at_least_a_third_of_each_check_articles_events_are_late(check_records):
    _assert_late_share(check_records)


def _assert_late_share(records) -> None:
    for _, rec in records:
        late = sum(ev["paragraph"] >= articles.LATE_FROM for ev in rec["events"])
        assert 3 * late >= len(rec["events"]), (rec["id"], late, len(rec["events"]))


def _assert_types_and_retellings(recs, min_retold: int) -> None:
    """Every PLOVER type at least four times, and enough acts retold in later paragraphs."""
    types = Counter(ev["type"] for r in recs for ev in r["events"])
    assert all(types[t] >= 4 for t in ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE",
                                       "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
                                       "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                                       "COERCE", "ASSAULT")), types
    assert sum(bool(ev.get("retold")) for r in recs for ev in r["events"]) >= min_retold


def test_check_articles_share_no_text_with_other_gold_or_training_files(check_records):
    # the dev articles among the others: no story paragraph is told in both splits
    _assert_no_text_shared(CHECK, check_records)


# ------------------------------------------------------------------ the suite

TEXT = ("Rebels attacked the town of Ruta on Monday, officials said.\n\n"
        "The army sent troops to the area.\n\n"
        "The attack killed four people. Kenya condemned the raid.\n\n"
        "Uganda offered aid to the town.")
GOLD_LINE = {
    "id": "articles-01", "text": TEXT, "published": "2024-05-07T10:00:00Z", "style": "wire",
    "tags": [], "events": [
        {"type": "ASSAULT", "mode": None, "cameo": "190", "source": [], "target": [],
         "date": None, "negated": False, "modality": "reported", "trigger": "attacked",
         "paragraph": 1, "retold": [{"trigger": "attack", "paragraph": 3},
                                    {"trigger": "raid", "paragraph": 3}]},
        {"type": "MOBILIZE", "mode": "troops", "cameo": "154", "source": [], "target": [],
         "date": None, "negated": False, "modality": "asserted", "trigger": "sent troops",
         "paragraph": 2},
        {"type": "ACCUSE", "mode": "disapprove", "cameo": "111",
         "source": [{"text": "Kenya", "country": "KEN", "sector": None}], "target": [],
         "date": None, "negated": False, "modality": "asserted", "trigger": "condemned",
         "paragraph": 3},
        {"type": "AID", "mode": None, "cameo": "070",
         "source": [{"text": "Uganda", "country": "UGA", "sector": None}], "target": [],
         "date": None, "negated": False, "modality": "asserted", "trigger": "offered aid",
         "paragraph": 4}]}


def _at(word: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return Mention(start, start + len(word), word)


def _event(etype: str, trigger: Mention, country: str | None = None,
           mentions: tuple[Mention, ...] = ()) -> Event:
    side = [ActorRef(None, country, country)] if country else []
    return Event(id=f"e{trigger.start}", type=etype, mode=None, context=[], cameo="",
                 goldstein=0.0, quad_class=1, source=side, target=[], date=None,
                 date_precision=None, location=None, negated=False, modality="asserted",
                 confidence=0.9, sentence=trigger, trigger=trigger,
                 mentions=[EventMention(f"m{m.start}", m, m) for m in mentions])


class FakeCoder:
    """The assault told three times, once joined ("attacked" + "raid") and once not
    ("attack" as a record of its own); the mobilisation missed; Kenya's condemnation
    found; an ACCUSE in the lead standing for nothing; Uganda's aid coded as AGREE."""
    def code_many(self, arts):
        for art in arts:
            assert [art.text[p.start:p.end] for p in art.paragraphs] == art.text.split("\n\n")
            yield CodedDocument(article=art, events=[
                _event("ASSAULT", _at("attacked"), mentions=(_at("raid"),)),
                _event("ACCUSE", _at("officials")),
                _event("ASSAULT", _at("attack", 1)),
                _event("ACCUSE", _at("condemned"), "KEN"),
                _event("AGREE", _at("offered aid"), "UGA")])


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "events_articles.jsonl"
    path.write_text(json.dumps(GOLD_LINE) + "\n", encoding="utf-8")
    return path


def test_the_suite_scores_occurrences_and_late_recall(gold_file):
    sink: list[dict] = []
    res = articles.run_articles(FakeCoder(), EvalOptions(error_sink=sink), path=gold_file)
    assert res is not None
    # the unjoined "attack" record is set aside: 4 records scored, 2 of them right
    assert res.counts["unjoined_tellings"] == 1
    assert res.metrics["type_precision"] == pytest.approx(2 / 4)
    assert res.metrics["type_recall"] == pytest.approx(2 / 4)
    # the assault found in paragraph 1; the lead's mobilisation missed; of the late
    # events, Kenya's condemnation found and Uganda's aid missed
    assert res.metrics["recall_p12"] == pytest.approx(1 / 2)
    assert res.metrics["recall_p3plus"] == pytest.approx(1 / 2)
    assert "paragraph 3+" in res.report and "unjoined tellings" in res.report
    missed = {r["trigger"]: r["paragraph"] for r in sink if r["kind"] == "missed"}
    assert missed == {"sent troops": 2, "offered aid": 4}


def test_a_record_of_the_right_type_elsewhere_is_not_found_in_place(gold_file):
    class EarlyOnly:
        def code_many(self, arts):
            for art in arts:
                yield CodedDocument(article=art, events=[_event("ACCUSE", _at("officials"))])
    res = articles.run_articles(EarlyOnly(), EvalOptions(), path=gold_file)
    assert res.metrics["type_recall"] == pytest.approx(1 / 4)  # matched anywhere
    assert res.metrics["located_recall"] == 0.0                 # not where it is told


def test_the_suite_names_a_bad_article(tmp_path):
    bad = json.loads(json.dumps(GOLD_LINE))
    bad["events"][1]["paragraph"] = 3
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"articles-01.*'sent troops' is not in paragraph 3"):
        articles.read_articles(path)
    bad["events"][1]["paragraph"] = 9
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match="not one of the article's 4 paragraphs"):
        articles.read_articles(path)


@pytest.mark.parametrize("suite, runner, gold", [
    ("events-articles", "run_articles", "ARTICLES_GOLD"),
    ("events-articles-check", "run_articles_check", "ARTICLES_CHECK_GOLD"),
    ("events-articles2", "run_articles2", "ARTICLES2_GOLD"),
    ("events-articles3", "run_articles3", "ARTICLES3_GOLD"),
])
def test_the_suites_skip_cleanly_when_their_file_is_absent(suite, runner, gold, tmp_path,
                                                           monkeypatch):
    assert_suite_skips(articles, suite, runner, gold, tmp_path, monkeypatch)


def test_the_suite_is_registered_and_runs(gold_file, monkeypatch):
    from tidings.evaluate.suites import SUITES
    assert SUITES["events-articles"] == "tidings.evaluate.articles:run_articles"
    monkeypatch.setattr(articles, "ARTICLES_GOLD", gold_file)
    out = run_suite("events-articles", SUITES["events-articles"], FakeCoder, EvalOptions())
    assert out.status == OK, out.message
    assert out.result.counts["gold_p3plus"] == 2


def test_the_check_suite_is_registered_and_scores_like_the_dev_suite(gold_file, monkeypatch):
    from tidings.evaluate.suites import SUITES
    assert SUITES["events-articles-check"] == "tidings.evaluate.articles:run_articles_check"
    monkeypatch.setattr(articles, "ARTICLES_CHECK_GOLD", gold_file)
    sink: list[dict] = []
    out = run_suite("events-articles-check", SUITES["events-articles-check"], FakeCoder,
                    EvalOptions(error_sink=sink))
    assert out.status == OK, out.message
    dev = articles.run_articles(FakeCoder(), EvalOptions(), path=gold_file)
    assert out.result.name == "events-articles-check" and dev.name == "events-articles"
    assert out.result.metrics == dev.metrics and out.result.counts == dev.counts
    assert sink and {r["suite"] for r in sink} == {"events-articles-check"}
