"""Our training sentences for the learned stage (eval/train/events_train.jsonl) are in
the events gold's format and conventions (eval/README.md), share no text with any gold
file, and cover every PLOVER type many times; the trainer reads them as they are."""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from test_gold_files import (
    PLOVER_TYPES,
    TAGS,
    _check_event,
    _check_tags_coded,
    _gold_records,
)

from tidings.errors import EvalError
from tidings.evaluate import plv
from tidings.paths import PROJECT_ROOT

TRAIN = PROJECT_ROOT / "eval" / "train" / "events_train.jsonl"
GOLD_DIR = PROJECT_ROOT / "eval" / "gold"


@pytest.fixture(scope="module")
def train() -> list[tuple[int, dict]]:
    return _gold_records(TRAIN)


def _check_train_record(rec: dict, where: str) -> None:
    assert set(rec) == {"id", "text", "published", "events", "tags"}, \
        f"{where}: keys {sorted(rec)}"
    assert re.fullmatch(r"train-\d{4}", rec["id"]), f"{where}: id {rec['id']!r}"
    assert rec["text"] == rec["text"].strip() and "\n" not in rec["text"], where
    assert set(rec["tags"]) <= TAGS, f"{where}: unknown tags {set(rec['tags']) - TAGS}"
    assert ("distractor" in rec["tags"]) == (rec["events"] == []), \
        f"{where}: exactly the event-less sentences are tagged distractor"
    for n, ev in enumerate(rec["events"]):
        _check_event(ev, rec, f"{where} event {n}")
        # the trainer labels the trigger's first whole-word occurrence
        assert re.search(r"(?<!\w)" + re.escape(ev["trigger"]) + r"(?!\w)", rec["text"]), \
            f"{where} event {n}: trigger {ev['trigger']!r} is not a whole word of the text"
    _check_tags_coded(rec, where)


def test_training_lines_are_well_formed(train):
    assert not [i for i, n in Counter(r["id"] for _, r in train).items() if n > 1], \
        "duplicate ids"
    assert not [t for t, n in Counter(r["text"] for _, r in train).items() if n > 1], \
        "duplicate texts"
    for lineno, rec in train:
        _check_train_record(rec, f"{TRAIN.name}:{lineno}")


def test_training_covers_every_type_many_times(train):
    assert 400 <= len(train) <= 700, len(train)
    per_item = Counter(t for _, r in train for t in {ev["type"] for ev in r["events"]})
    thin = {t: per_item[t] for t in PLOVER_TYPES if per_item[t] < 15}
    assert not thin, f"types in fewer than 15 sentences: {thin}"
    distractors = sum(1 for _, r in train if not r["events"])
    assert distractors >= 30, distractors
    lower = sum(1 for _, r in train if r["text"] == r["text"].lower())
    assert lower >= 30, lower
    tags = Counter(tag for _, r in train for tag in r["tags"])
    assert all(tags[t] >= 10 for t in ("passive", "nominal", "reported_speech",
                                       "negation", "multi_event")), tags


def test_training_shares_no_text_with_any_gold_file(train):
    ours = {r["text"] for _, r in train}
    for path in sorted(GOLD_DIR.glob("*.jsonl")):  # every gold file, the check splits too
        if path.is_file():
            other = {json.loads(line)["text"] for line in
                     path.read_text(encoding="utf-8").splitlines() if line.strip()}
            assert not ours & other, f"text shared with {path.name}"


def test_the_trainer_reads_exact_triggers(train):
    items = plv.read_own_train(TRAIN)
    assert len(items) == len(train)
    for item, (_, rec) in zip(items, train):
        assert item.origin == "own" and len(item.triggers) == len(rec["events"])
        for (start, end, etype), ev in zip(item.triggers, rec["events"]):
            assert item.text[start:end] == ev["trigger"] and etype == ev["type"]


def test_the_trainer_names_a_bad_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    rec = {"id": "train-0001", "text": "Police arrested him.", "published": "2024-01-01",
           "events": [{"type": "COERCE", "trigger": "detained", "source": [], "target": []}],
           "tags": []}
    bad.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"bad\.jsonl:1.*detained"):
        plv.read_own_train(bad)


def test_validation_rejects_a_bad_record(train):
    _, rec = next((ln, r) for ln, r in train if r["events"])
    bad = json.loads(json.dumps(rec))
    bad["events"][0]["trigger"] = bad["events"][0]["trigger"][:-1] + "zz"
    with pytest.raises(AssertionError, match="trigger"):
        _check_train_record(bad, "probe")
    bad = json.loads(json.dumps(rec))
    bad["id"] = "own-0001"
    with pytest.raises(AssertionError, match="id"):
        _check_train_record(bad, "probe")
