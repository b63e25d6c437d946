"""`tidings eval`: matching and P/R/F1 arithmetic, gold readers, the gate, the CLI.

Every text here is our own writing. The CLI tests use a fake coder with fixed
predictions, so they check the scoring and the gate, not the event coder's quality.
"""
from __future__ import annotations

import json
from typing import ClassVar

import pytest
from click.testing import CliRunner

from tidings.cli import main
from tidings.errors import EvalError
from tidings.evaluate.base import SuiteResult
from tidings.evaluate.events import (
    PLOVER_TYPES,
    GoldActor,
    GoldEvent,
    GoldItem,
    PredEvent,
    gsr_path,
    max_matching,
    read_gsr,
    read_own,
    run_items,
    score,
    sweep_table,
)
from tidings.evaluate.gate import check, load_baseline, pinned_floors, unknown_suites
from tidings.evaluate.suites import (
    ERROR,
    OK,
    SKIPPED,
    UNAVAILABLE,
    EvalOptions,
    SuiteOutcome,
    registry,
    run_suite,
)
from tidings.models import ActorRef, CodedDocument, Event, Mention


def gold(etype: str, src: tuple[str, ...] = (), tgt: tuple[str, ...] = ()) -> GoldEvent:
    return GoldEvent(etype, tuple(GoldActor(c, c) for c in src),
                     tuple(GoldActor(c, c) for c in tgt))


def pred(etype: str, src: tuple[str, ...] = (), tgt: tuple[str, ...] = (),
         confidence: float = 1.0) -> PredEvent:
    return PredEvent(etype, frozenset(src), frozenset(tgt), confidence)


def item(item_id: str, *events: GoldEvent, text: str = "x") -> GoldItem:
    return GoldItem(item_id, text, None, tuple(events))


# ---------------------------------------------------------------- matching

def test_type_and_dyad_counts_on_hand_made_pairs():
    items = [
        item("a", gold("AGREE", ("USA",), ("IRN",))),
        item("b", gold("ASSAULT", ("ISR",), ("PSE",)), gold("ASSAULT", ("SYR",), ("TUR",))),
        item("c", gold("REQUEST", ("FRA",))),
        item("d"),  # no gold event: anything predicted is spurious
    ]
    preds = [
        [pred("AGREE", ("USA",), ("IRN",)), pred("ACCUSE", ("USA",))],
        [pred("ASSAULT", ("TUR",), ("SYR",))],   # right type, dyad reversed
        [],
        [pred("PROTEST")],
    ]
    sc = score(items, preds)
    # type: TP AGREE 1, ASSAULT 1; FP ACCUSE 1, PROTEST 1; FN ASSAULT 1, REQUEST 1
    assert dict(sc.tp) == {"AGREE": 1, "ASSAULT": 1}
    assert dict(sc.fp) == {"ACCUSE": 1, "PROTEST": 1}
    assert dict(sc.fn) == {"ASSAULT": 1, "REQUEST": 1}
    m = sc.metrics()
    assert m["type_precision"] == pytest.approx(2 / 4)
    assert m["type_recall"] == pytest.approx(2 / 4)
    assert m["type_f1"] == pytest.approx(0.5)
    # dyad: only item a matches on countries
    assert (sc.dyad_tp, sc.dyad_fp, sc.dyad_fn) == (1, 3, 3)
    assert m["dyad_f1"] == pytest.approx(0.25)
    # macro over AGREE 1.0, ASSAULT 2/3, ACCUSE 0, PROTEST 0, REQUEST 0
    assert m["macro_f1"] == pytest.approx((1 + 2 / 3) / 5)
    assert sc.confusion[("ASSAULT", "none")] == 1
    assert sc.confusion[("none", "PROTEST")] == 1
    assert sc.counts() == {"items": 4, "gold_events": 4, "predicted_events": 4}


def test_one_gold_event_matches_at_most_one_prediction():
    sc = score([item("a", gold("SANCTION"))], [[pred("SANCTION"), pred("SANCTION")]])
    assert (sc.tp["SANCTION"], sc.fp["SANCTION"], sc.fn["SANCTION"]) == (1, 1, 0)


def test_wrong_type_shows_in_confusion_as_gold_x_predicted_y():
    sc = score([item("a", gold("THREATEN", ("RUS",)))], [[pred("COERCE", ("RUS",))]])
    assert sc.confusion == {("THREATEN", "COERCE"): 1}
    table = sc.report()
    assert "THREATEN" in table and "COER" in table


def test_dyad_matching_is_bipartite_not_greedy():
    # Greedy would give gold 0 the first prediction and leave gold 1 unmatched.
    golds = [gold("ASSAULT", ("AFG",)), gold("ASSAULT", ("PAK",))]
    preds = [pred("ASSAULT", ("AFG", "PAK")), pred("ASSAULT", ("AFG",))]
    assert max_matching(golds, preds) == [(0, 1), (1, 0)]


def test_gold_side_without_country_matches_any_prediction():
    sc = score([item("a", gold("PROTEST", (), ("KEN",)))], [[pred("PROTEST", ("UGA",), ("KEN",))]])
    assert sc.dyad_tp == 1
    sc = score([item("a", gold("PROTEST", ("ETH",), ("KEN",)))],
               [[pred("PROTEST", ("UGA",), ("KEN",))]])
    assert (sc.dyad_tp, sc.tp["PROTEST"]) == (0, 1)


def test_min_confidence_and_sweep_trade_recall_for_precision():
    items = [item("a", gold("AID", ("JPN",))), item("b")]
    preds = [[pred("AID", ("JPN",), confidence=0.95)], [pred("AID", confidence=0.35)]]
    assert score(items, preds).metrics()["type_precision"] == pytest.approx(0.5)
    assert score(items, preds, 0.5).metrics()["type_precision"] == pytest.approx(1.0)
    rows = sweep_table(items, preds).splitlines()
    assert rows[1].startswith(">=0.3") and rows[3].startswith(">=0.5")
    assert rows[1].split()[1] == "0.500" and rows[3].split()[1] == "1.000"


# ---------------------------------------------------------------- readers

def test_gsr_reader_maps_plover_05_labels_and_odd_codes(tmp_path):
    records = [
        {"id": "X-DOCUMENT-1", "event": "DOCUMENT", "eventText": "notes"},
        {"id": "X-DEMAND-1", "event": "DEMAND", "date": "2000-01-01",
         "text": "Tokyo urged Manila to release the fishing crew.",
         "source": [{"actorText": "Tokyo", "code": "JAP", "sector": "GOV"}],
         "target": [{"actorText": "Manila", "code": "PHL", "sector": "GOV"}]},
        {"id": "X-FIGHT-1", "event": "FIGHT", "date": "2000-01-01",
         "text": "Militants shelled a border post.",
         "source": [{"actorText": "Militants", "code": "IMG", "sector": "***"}], "target": ""},
        {"id": "X-DISAPPROVE-1", "event": "DISAPPROVE", "date": "2000-01-01",
         "text": "Rome criticised the ruling.", "source": [{"actorText": "Rome", "code": "ITL"}]},
        {"id": "X-INVESTIGATE-1", "event": "INVESTIGATE", "date": "2000-01-01",
         "text": "A panel probed the shooting.", "source": [{"actorText": "panel", "code": "NGO"}]},
    ]
    path = tmp_path / "gsr.txt"
    path.write_text(json.dumps(records))
    items = read_gsr(path)
    assert [i.events[0].type for i in items] == ["REQUEST", "ASSAULT", "ACCUSE", "ACCUSE"]
    demand = items[0].events[0]
    assert demand.source_countries == {"JPN"} and demand.target_countries == {"PHL"}
    assert items[0].published == "2000-01-01T00:00:00Z"
    fight = items[1].events[0]
    assert fight.source_countries == frozenset() and fight.target == ()
    assert fight.source[0].sector is None
    assert items[2].events[0].source_countries == {"ITA"}


def test_gsr_reader_names_the_record_with_an_unknown_label(tmp_path):
    path = tmp_path / "gsr.txt"
    path.write_text(json.dumps([{"id": "X-HUG-1", "event": "HUG", "text": "They hugged."}]))
    with pytest.raises(EvalError, match="X-HUG-1"):
        read_gsr(path)


def test_real_gsr_file_reads_into_plover_20():
    path = gsr_path()
    if path is None:
        pytest.skip("../shared is absent")
    items = read_gsr(path)
    assert len(items) == 209
    assert all(len(i.events) == 1 and i.events[0].type in PLOVER_TYPES for i in items)
    countries = {c for i in items for e in i.events
                 for c in e.source_countries | e.target_countries}
    assert not countries & {"JAP", "ITL", "VTN", "NGO", "IMG", "ISM"}


OWN_GOLD = [
    {"id": "g1", "text": "Kenya's president met his Ugandan counterpart in Nairobi on Monday.",
     "published": "2024-03-05", "tags": ["consult"],
     "events": [{"type": "CONSULT", "mode": "visit", "cameo": "042",
                 "source": [{"text": "Kenya's president", "country": "KEN", "sector": "GOV"}],
                 "target": [{"text": "his Ugandan counterpart", "country": "UGA",
                             "sector": "GOV"}],
                 "date": "2024-03-04", "negated": False, "modality": "asserted",
                 "trigger": "met"}]},
    {"id": "g2", "text": "The weather in Lagos stayed humid all week.",
     "published": "2024-03-05", "tags": ["no-event"], "events": []},
]


def write_gold(path, records=OWN_GOLD) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))


def test_own_gold_reader(tmp_path):
    path = tmp_path / "events.jsonl"
    write_gold(path)
    items = read_own(path)
    assert [i.id for i in items] == ["g1", "g2"]
    assert items[0].events[0].source_countries == {"KEN"}
    assert items[0].published == "2024-03-05T00:00:00Z"
    assert items[1].events == () and items[1].tags == ("no-event",)


def test_own_gold_reader_names_the_bad_line(tmp_path):
    path = tmp_path / "events.jsonl"
    write_gold(path, [OWN_GOLD[1], {"id": "g3", "text": "no events key"}])
    with pytest.raises(EvalError, match=r"events\.jsonl:2"):
        read_own(path)


def test_run_items_with_the_real_coder(coder):
    items = read_gold_items()
    result = run_items("events-own", coder, items, EvalOptions(sweep=True))
    assert result.counts["items"] == 2 and result.counts["gold_events"] == 1
    assert result.counts["coding_errors"] == 0
    assert set(result.metrics) == {"type_f1", "type_precision", "type_recall", "dyad_f1",
                                   "dyad_precision", "dyad_recall", "macro_f1"}
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())
    assert ">=0.9" in result.report


def read_gold_items() -> list[GoldItem]:
    return [GoldItem(r["id"], r["text"], r["published"] + "T00:00:00Z", tuple(
        GoldEvent(e["type"], tuple(GoldActor(a["text"], a["country"]) for a in e["source"]),
                  tuple(GoldActor(a["text"], a["country"]) for a in e["target"]))
        for e in r["events"])) for r in OWN_GOLD]


# ---------------------------------------------------------------- gate

def outcome(name: str, status: str = OK, **metrics: float) -> SuiteOutcome:
    result = SuiteResult(name, dict(metrics)) if status == OK else None
    return SuiteOutcome(name, status, result=result, message="why")


def test_gate_names_each_metric_below_its_floor():
    floors = {"plover-gsr": {"type_f1": 0.5, "dyad_f1": 0.2, "macro_f1": 0.1}}
    failures = check([outcome("plover-gsr", type_f1=0.49, dyad_f1=0.3)], floors)
    assert len(failures) == 2
    assert "plover-gsr.macro_f1: not reported" in failures[0]
    assert "plover-gsr.type_f1: 0.4900 is below its floor 0.5000" in failures[1]
    assert check([outcome("plover-gsr", type_f1=0.5, dyad_f1=0.2, macro_f1=0.1)], floors) == []


def test_gate_passes_skipped_and_fails_unavailable_pinned_suites():
    floors = {"places": {"f1": 0.4}, "dates": {"f1": 0.4}}
    assert check([outcome("places", SKIPPED)], floors) == []
    failures = check([outcome("dates", UNAVAILABLE), outcome("quotes", UNAVAILABLE),
                      outcome("places", ERROR)], floors)
    assert [f.split(":")[0] for f in failures] == ["dates", "places"]
    assert unknown_suites({"gone": {"f1": 0.1}}, ["places"]) == [
        "gone: pinned in the baseline but no such suite is registered"]


def test_baseline_drops_comments_and_rejects_non_numbers(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"_comment": "raise freely", "dates": {"f1": 0.5}}))
    assert load_baseline(path) == {"dates": {"f1": 0.5}}
    path.write_text(json.dumps({"dates": {"f1": "high"}}))
    with pytest.raises(EvalError, match="dates"):
        load_baseline(path)


def test_pinning_sets_floors_a_margin_below_and_keeps_other_suites():
    pinned = pinned_floors([outcome("plover-gsr", type_f1=0.4321, dyad_f1=0.005),
                            outcome("places", SKIPPED)],
                           {"places": {"f1": 0.7}, "plover-gsr": {"type_f1": 0.9}})
    assert "lowering one needs its reason" in pinned["_comment"]
    assert pinned["plover-gsr"] == {"dyad_f1": 0.0, "type_f1": 0.4221}
    assert pinned["places"] == {"f1": 0.7}


def test_registry_override_and_unimportable_suite(monkeypatch):
    monkeypatch.setenv("TIDINGS_EVAL_SUITES", "a=test_eval:fake_skipped, b=no_such_mod:run")
    assert registry() == {"a": "test_eval:fake_skipped", "b": "no_such_mod:run"}

    def no_coder():
        raise AssertionError("an unavailable suite must not load the model")
    out = run_suite("b", "no_such_mod:run", no_coder, EvalOptions())
    assert out.status == UNAVAILABLE and "no_such_mod" in out.message


# ---------------------------------------------------------------- CLI

def fake_skipped(coder):
    return None


def _event(etype: str, src: str, tgt: str, confidence: float) -> Event:
    return Event(id="e1", type=etype, mode=None, context=[], cameo="040", goldstein=1.0,
                 quad_class=1, source=[ActorRef(None, src, src)],
                 target=[ActorRef(None, tgt, tgt)], date=None, date_precision=None,
                 location=None, negated=False, modality="asserted", confidence=confidence,
                 sentence=Mention(0, 1, "x"), trigger=Mention(0, 1, "x"))


class FakeCoder:
    """Predicts fixed events per text: the item g1 gets its CONSULT right, g2 a spurious
    low-confidence AID."""
    PREDICTIONS: ClassVar[dict[str, list[Event]]] = {OWN_GOLD[0]["text"]: [_event("CONSULT", "KEN", "UGA", 0.9)],
                                                      OWN_GOLD[1]["text"]: [
                                                          _event("AID", "NGA", "NGA", 0.4)]}

    def code_many(self, articles):
        for art in articles:
            yield CodedDocument(article=art, events=self.PREDICTIONS.get(art.text, []))


@pytest.fixture
def eval_env(tmp_path, monkeypatch):
    gold_path = tmp_path / "events.jsonl"
    write_gold(gold_path)
    monkeypatch.setenv("TIDINGS_EVENTS_GOLD", str(gold_path))
    monkeypatch.setenv("TIDINGS_EVAL_SUITES", "events-own=tidings.evaluate.events:run_own,"
                       "skipper=test_eval:fake_skipped,missing=tidings.evaluate.nope:run")
    baseline = tmp_path / "baseline.json"
    return tmp_path, baseline


def invoke(*args: str):
    return CliRunner().invoke(main, ["eval", *args], obj={"coder": FakeCoder()})


def test_cli_reports_scores_as_json(eval_env):
    res = invoke("--json")
    assert res.exit_code == 0, res.output
    suites = json.loads(res.output)["suites"]
    assert suites["events-own"]["metrics"]["type_precision"] == 0.5
    assert suites["events-own"]["metrics"]["dyad_recall"] == 1.0
    assert suites["skipper"]["status"] == "skipped"
    assert suites["missing"]["status"] == "unavailable"
    assert "tidings.evaluate.nope" in suites["missing"]["message"]


def test_cli_min_confidence_sweep_and_errors(eval_env):
    tmp_path, _ = eval_env
    errors = tmp_path / "errors.jsonl"
    res = invoke("--suite", "events-own", "--min-confidence", "0.5", "--sweep",
                 "--errors", str(errors))
    assert res.exit_code == 0, res.output
    assert "type  P 1.000  R 1.000  F1 1.000" in res.output
    assert "no-event                0.000  0.000  0.000" in res.output  # per-tag rows
    assert ">=0.3" in res.output
    assert errors.read_text() == ""  # the only miss was filtered out by confidence
    res = invoke("--suite", "events-own", "--errors", str(errors))
    recs = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [(r["id"], r["kind"]) for r in recs] == [("g2", "spurious")]
    assert recs[0]["text"].startswith("The weather in Lagos")


def test_cli_gate_fails_naming_the_metric(eval_env):
    _, baseline = eval_env
    baseline.write_text(json.dumps({"_comment": "floors", "events-own": {"type_f1": 0.9},
                                    "skipper": {"f1": 0.5}}))
    res = invoke("--gate", "--baseline", str(baseline), "--suite", "events-own",
                 "--suite", "skipper")
    assert res.exit_code == 1
    assert "events-own.type_f1: 0.6667 is below its floor 0.9000" in res.output
    baseline.write_text(json.dumps({"events-own": {"type_f1": 0.66, "dyad_f1": 0.66}}))
    res = invoke("--gate", "--baseline", str(baseline), "--suite", "events-own",
                 "--suite", "skipper")
    assert res.exit_code == 0, res.output
    assert "gate: passed" in res.output


def test_cli_gate_fails_on_unavailable_pinned_suite(eval_env):
    _, baseline = eval_env
    baseline.write_text(json.dumps({"missing": {"f1": 0.1}}))
    res = invoke("--gate", "--baseline", str(baseline))
    assert res.exit_code == 1
    assert "missing: unavailable" in res.output


def test_cli_rejects_unknown_suite(eval_env):
    res = invoke("--suite", "nonsense")
    assert res.exit_code == 2 and "unknown suite(s) nonsense" in res.output


def test_cli_pins_the_baseline_only_for_full_runs(eval_env):
    _, baseline = eval_env
    res = invoke("--pin-baseline", "--baseline", str(baseline), "--limit", "1")
    assert res.exit_code == 2 and not baseline.exists()
    res = invoke("--pin-baseline", "--baseline", str(baseline), "--suite", "events-own")
    assert res.exit_code == 0, res.output
    floors = load_baseline(baseline)
    assert floors["events-own"]["type_f1"] == pytest.approx(0.6566)
    assert floors["events-own"]["dyad_recall"] == pytest.approx(0.99)
