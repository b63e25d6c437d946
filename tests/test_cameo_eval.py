"""The CAMEO-code dev set (eval/gold/events_cameo.jsonl) is well formed and covers every
code of CAMEO2PLOVER that maps to a PLOVER type twice, and the events-cameo suite
(tidings/evaluate/cameo_codes.py) scores it with per-root shares and skips cleanly when
the file is absent. The blind check split (eval/gold/events_cameo_check.jsonl, suite
events-cameo-check) gets the same checks with one sentence a code; these tests read
its structure only, never print its sentences."""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from conftest import assert_suite_skips
from test_gold_files import CAMEO_PREFIXES, _check_event, _check_tags_coded, _gold_records

from tidings.evaluate import cameo_codes
from tidings.evaluate.suites import OK, EvalOptions, run_suite
from tidings.models import CodedDocument, Event, Mention
from tidings.paths import PROJECT_ROOT, shared_file

GOLD = PROJECT_ROOT / "eval" / "gold" / "events_cameo.jsonl"
CHECK = PROJECT_ROOT / "eval" / "gold" / "events_cameo_check.jsonl"
TABLE_PARTS = ("ontology", "CAMEO2PLOVER-2021.txt")
# Where eval/README.md codes a CAMEO description with another PLOVER type than the table:
# apologies, declared or agreed ceasefires and eased curfews or emergencies are CONCEDE,
# formal sanctions and findings of guilt SANCTION. Such items say so in a `note`.
README_TYPES = {"055": "CONCEDE", "0871": "CONCEDE", "0813": "CONCEDE", "0814": "CONCEDE",
                "163": "SANCTION", "116": "SANCTION", "192": "ASSAULT"}
ID = re.compile(r"cameo-(?:(?P<code>\d{3,4})-(?P<variant>[ab])|none-\d{2})")
CHECK_ID = re.compile(r"cameo-check-(?:(?P<code>\d{3,4})|none-\d{2})")


def table_types() -> dict[str, str] | None:
    """CAMEO code -> PLOVER type for the rows of CAMEO2PLOVER that name one."""
    path = shared_file(*TABLE_PARTS)
    if path is None:
        return None
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"(\d{3,4}):\s*([A-Z]+)\s*,", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


@pytest.fixture(scope="module")
def records() -> list[tuple[int, dict]]:
    if not GOLD.is_file():
        pytest.skip("eval/gold/events_cameo.jsonl absent")
    return _gold_records(GOLD)


def _check_record(rec: dict, where: str, id_pattern: re.Pattern[str] = ID) -> None:
    assert set(rec) - {"note"} == {"id", "text", "published", "events", "tags"}, \
        f"{where}: keys {sorted(rec)}"
    m = id_pattern.fullmatch(rec["id"])
    assert m, f"{where}: id {rec['id']!r}"
    assert rec["text"] == rec["text"].strip() and "\n" not in rec["text"], where
    assert 12 <= len(rec["text"].split()) <= 30, f"{where}: not 12-30 words"
    assert ("distractor" in rec["tags"]) == (rec["events"] == []) == (m["code"] is None), \
        f"{where}: exactly the cameo-none items are event-less distractors"
    for n, ev in enumerate(rec["events"]):
        _check_event(ev, rec, f"{where} event {n}")
    _check_tags_coded(rec, where)
    if m["code"]:
        assert len(rec["events"]) == 1, f"{where}: one act a sentence"
        assert rec["events"][0]["cameo"] == m["code"], f"{where}: cameo is not the id's"
        assert not rec["events"][0]["negated"], f"{where}: the act is told as done"


def test_cameo_lines_are_well_formed(records):
    assert not [i for i, n in Counter(r["id"] for _, r in records).items() if n > 1]
    assert not [t for t, n in Counter(r["text"] for _, r in records).items() if n > 1]
    for lineno, rec in records:
        _check_record(rec, f"{GOLD.name}:{lineno}")
    assert sum(1 for _, r in records if not r["events"]) >= 18


def test_every_code_of_the_table_is_covered_twice_with_its_type(records):
    table = table_types()
    if table is None:
        pytest.skip("../shared (CAMEO2PLOVER) absent")
    coded = Counter(r["events"][0]["cameo"] for _, r in records if r["events"])
    assert {c for c, n in coded.items() if n != 2} == set(), "codes not coded twice"
    assert set(coded) == set(table), set(coded) ^ set(table)
    _check_types(records, table)


def test_the_readme_overrides_are_types_the_gold_tests_accept():
    for code, etype in README_TYPES.items():
        assert code.startswith(CAMEO_PREFIXES[etype]), (code, etype)


def _shares_no_text(path, records) -> None:
    ours = {r["text"] for _, r in records}
    others = [p for p in sorted(path.parent.glob("*.jsonl")) if p != path]
    others.append(PROJECT_ROOT / "eval" / "train" / "events_train.jsonl")
    for other in others:
        if not other.is_file():
            continue
        for line in other.read_text(encoding="utf-8").splitlines():
            text = json.loads(line).get("text") if line.strip() else None
            assert text not in ours, f"a sentence is also in {other.name}"


def _check_types(records, table: dict[str, str]) -> None:
    for _, rec in records:
        for ev in rec["events"]:
            want = README_TYPES.get(ev["cameo"], table[ev["cameo"]])
            assert ev["type"] == want, f"{rec['id']}: {ev['type']} where {want} is due"
            if want != table[ev["cameo"]]:
                assert "note" in rec, f"{rec['id']}: differs from the table without a note"


def test_cameo_gold_shares_no_text_with_other_gold_or_training_files(records):
    _shares_no_text(GOLD, records)


# ------------------------------------------------------------------ the check split

@pytest.fixture(scope="module")
def check_records() -> list[tuple[int, dict]]:
    if not CHECK.is_file():
        pytest.skip("eval/gold/events_cameo_check.jsonl absent")
    return _gold_records(CHECK)


def test_check_lines_are_well_formed(check_records):
    assert not [i for i, n in Counter(r["id"] for _, r in check_records).items() if n > 1]
    assert not [t for t, n in Counter(r["text"] for _, r in check_records).items() if n > 1]
    for lineno, rec in check_records:
        _check_record(rec, f"{CHECK.name}:{lineno}", CHECK_ID)
    assert 12 <= sum(1 for _, r in check_records if not r["events"]) <= 20


def test_check_covers_every_code_of_the_table_once_with_its_type(check_records):
    table = table_types()
    if table is None:
        pytest.skip("../shared (CAMEO2PLOVER) absent")
    coded = Counter(r["events"][0]["cameo"] for _, r in check_records if r["events"])
    assert {c for c, n in coded.items() if n != 1} == set(), "codes not coded once"
    assert set(coded) == set(table), set(coded) ^ set(table)
    _check_types(check_records, table)


def test_check_wordings_are_mixed(check_records):
    """Not all plain verbs: passives, nominal or light-verb acts and reported frames
    each make up a real share of the coded items."""
    coded = [r for _, r in check_records if r["events"]]
    tags = Counter(t for r in coded for t in r["tags"])
    assert tags["passive"] >= 25 and tags["reported_speech"] >= 40, tags
    assert tags["nominal"] + tags["light_verb"] >= 40, tags


def test_check_shares_no_text_with_other_gold_or_training_files(check_records):
    _shares_no_text(CHECK, check_records)


# ------------------------------------------------------------------ the suite

def _line(item_id: str, text: str, etype: str, cameo: str, trigger: str) -> dict:
    return {"id": item_id, "text": text, "published": "2024-05-07", "tags": [],
            "events": [{"type": etype, "mode": None, "cameo": cameo, "source": [],
                        "target": [], "date": None, "negated": False,
                        "modality": "asserted", "trigger": trigger}]}


LINES = [
    _line("cameo-190-a", "Ukrainian forces attacked Russian positions.", "ASSAULT", "190", "attacked"),
    _line("cameo-190-b", "An offensive by the army began.", "ASSAULT", "190", "offensive"),
    _line("cameo-051-a", "Japan praised India.", "SUPPORT", "051", "praised"),
    _line("cameo-1712-b", "Bulldozers demolished homes.", "ASSAULT", "1712", "demolished"),
    {"id": "cameo-none-01", "text": "Shares rose.", "published": "2024-05-07",
     "tags": ["distractor"], "events": []},
]


def _event(etype: str, cameo: str, text: str, word: str) -> Event:
    start = text.index(word)
    trigger = Mention(start, start + len(word), word)
    return Event(id=f"e{start}", type=etype, mode=None, context=[], cameo=cameo,
                 goldstein=0.0, quad_class=1, source=[], target=[], date=None,
                 date_precision=None, location=None, negated=False, modality="asserted",
                 confidence=0.9, sentence=trigger, trigger=trigger)


class FakeCoder:
    """Finds the canonical assault with its exact code, the nominal one with another
    code of root 19, the praise as SUPPORT 050 (right type, wrong code), misses the
    demolition, and codes a spurious ASSAULT in the distractor."""
    def __init__(self) -> None:
        self.found = {"attacked": ("ASSAULT", "190"), "offensive": ("ASSAULT", "193"),
                      "praised": ("SUPPORT", "050"), "rose": ("ASSAULT", "190")}

    def code_many(self, arts):
        for art in arts:
            events = [_event(*self.found[w], art.text, w) for w in self.found
                      if w in art.text]
            yield CodedDocument(article=art, events=events)


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "events_cameo.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in LINES), encoding="utf-8")
    return path


def test_the_suite_scores_types_codes_and_roots(gold_file):
    sink: list[dict] = []
    res = cameo_codes.run(FakeCoder(), EvalOptions(error_sink=sink), path=gold_file)
    assert res is not None
    assert res.metrics["type_recall"] == pytest.approx(3 / 4)
    assert res.metrics["type_precision"] == pytest.approx(3 / 4)
    assert res.metrics["cameo_exact"] == pytest.approx(1 / 3, abs=1e-3)  # of right-typed
    assert res.metrics["cameo_root"] == pytest.approx(1.0)
    assert res.metrics["code_exact_share"] == pytest.approx(1 / 4)  # of all acts
    assert res.metrics["type_recall_a"] == pytest.approx(2 / 2)
    assert res.metrics["type_recall_b"] == pytest.approx(1 / 2)
    rows = {line.split()[0]: line.split()[1:] for line in res.report.splitlines()
            if re.fullmatch(r"\d\d", line.split()[0] if line.split() else "")}
    assert rows["19"] == ["2", "1.000", "0.500"]
    assert rows["05"] == ["1", "1.000", "0.000"]
    assert rows["17"] == ["1", "0.000", "0.000"]
    assert rows["01"] == ["0", "-", "-"]
    assert {(r["id"], r["kind"]) for r in sink} == {("cameo-1712-b", "missed"),
                                                     ("cameo-none-01", "spurious")}


@pytest.mark.parametrize("suite, runner, gold", [
    ("events-cameo", "run", "CAMEO_GOLD"),
    ("events-cameo-check", "run_check", "CAMEO_CHECK_GOLD"),
])
def test_the_suites_skip_cleanly_when_their_file_is_absent(suite, runner, gold, tmp_path,
                                                           monkeypatch):
    assert_suite_skips(cameo_codes, suite, runner, gold, tmp_path, monkeypatch)


def test_the_suite_is_registered_and_runs(gold_file, monkeypatch):
    from tidings.evaluate.suites import SUITES
    assert SUITES["events-cameo"] == "tidings.evaluate.cameo_codes:run"
    monkeypatch.setattr(cameo_codes, "CAMEO_GOLD", gold_file)
    out = run_suite("events-cameo", SUITES["events-cameo"], FakeCoder, EvalOptions(limit=3))
    assert out.status == OK, out.message
    assert out.result.counts["items"] == 3


# ------------------------------------------------------------------ the check suite

def _as_check_id(item_id: str) -> str:
    """cameo-190-a -> cameo-check-190; cameo-none-01 -> cameo-check-none-01."""
    tail = item_id.removeprefix("cameo-")
    return "cameo-check-" + (tail if tail.startswith("none-") else tail.rsplit("-", 1)[0])


@pytest.fixture
def check_file(tmp_path):
    path = tmp_path / "events_cameo_check.jsonl"
    lines = [dict(line, id=_as_check_id(line["id"])) for line in LINES]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def test_the_check_suite_scores_as_the_dev_suite(gold_file, check_file):
    dev_sink: list[dict] = []
    check_sink: list[dict] = []
    dev = cameo_codes.run(FakeCoder(), EvalOptions(error_sink=dev_sink), path=gold_file)
    check = cameo_codes.run_check(FakeCoder(), EvalOptions(error_sink=check_sink),
                                  path=check_file)
    assert dev is not None and check is not None
    assert check.name == "events-cameo-check"
    variant_metrics = {"type_recall_a", "type_recall_b"}
    assert set(check.metrics) == set(dev.metrics) - variant_metrics
    for name, value in check.metrics.items():
        assert value == pytest.approx(dev.metrics[name]), name
    assert check.counts == dev.counts
    # the per-root rows are the dev suite's; the a/b rows are left out
    assert [ln for ln in check.report.splitlines() if re.match(r"\d\d ", ln)] == \
        [ln for ln in dev.report.splitlines() if re.match(r"\d\d ", ln)]
    assert "sentence" not in check.report.split("per CAMEO root")[1]
    assert {r["suite"] for r in check_sink} == {"events-cameo-check"}
    assert {(r["id"], r["kind"]) for r in check_sink} == {("cameo-check-1712", "missed"),
                                                           ("cameo-check-none-01", "spurious")}


def test_the_check_suite_is_registered_and_runs(check_file, monkeypatch):
    from tidings.evaluate.suites import SUITES
    assert SUITES["events-cameo-check"] == "tidings.evaluate.cameo_codes:run_check"
    monkeypatch.setattr(cameo_codes, "CAMEO_CHECK_GOLD", check_file)
    out = run_suite("events-cameo-check", SUITES["events-cameo-check"], FakeCoder,
                    EvalOptions(limit=3))
    assert out.status == OK, out.message
    assert out.result.counts["items"] == 3
