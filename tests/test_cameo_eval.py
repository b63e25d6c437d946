"""The CAMEO-code dev set (eval/gold/events_cameo.jsonl) is well formed and covers every
code of CAMEO2PLOVER that maps to a PLOVER type twice, and the events-cameo suite
(tidings/evaluate/cameo_codes.py) scores it with per-root shares and skips cleanly when
the file is absent."""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from test_gold_files import CAMEO_PREFIXES, _check_event, _check_tags_coded, _gold_records

from tidings.paths import PROJECT_ROOT, shared_file

GOLD = PROJECT_ROOT / "eval" / "gold" / "events_cameo.jsonl"
TABLE_PARTS = ("ontology", "CAMEO2PLOVER-2021.txt")
# Where eval/README.md codes a CAMEO description with another PLOVER type than the table:
# apologies, declared or agreed ceasefires and eased curfews or emergencies are CONCEDE,
# formal sanctions and findings of guilt SANCTION. Such items say so in a `note`.
README_TYPES = {"055": "CONCEDE", "0871": "CONCEDE", "0813": "CONCEDE", "0814": "CONCEDE",
                "163": "SANCTION", "116": "SANCTION"}
ID = re.compile(r"cameo-(?:(?P<code>\d{3,4})-(?P<variant>[ab])|none-\d{2})")


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


def _check_record(rec: dict, where: str) -> None:
    assert set(rec) - {"note"} == {"id", "text", "published", "events", "tags"}, \
        f"{where}: keys {sorted(rec)}"
    m = ID.fullmatch(rec["id"])
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
    for _, rec in records:
        for ev in rec["events"]:
            want = README_TYPES.get(ev["cameo"], table[ev["cameo"]])
            assert ev["type"] == want, f"{rec['id']}: {ev['type']} where {want} is due"
            if want != table[ev["cameo"]]:
                assert "note" in rec, f"{rec['id']}: differs from the table without a note"


def test_the_readme_overrides_are_types_the_gold_tests_accept():
    for code, etype in README_TYPES.items():
        assert code.startswith(CAMEO_PREFIXES[etype]), (code, etype)


def test_cameo_gold_shares_no_text_with_other_gold_or_training_files(records):
    ours = {r["text"] for _, r in records}
    others = [p for p in sorted(GOLD.parent.glob("*.jsonl")) if p != GOLD]
    others.append(PROJECT_ROOT / "eval" / "train" / "events_train.jsonl")
    for other in others:
        if not other.is_file():
            continue
        for line in other.read_text(encoding="utf-8").splitlines():
            text = json.loads(line).get("text") if line.strip() else None
            assert text not in ours, f"a sentence is also in {other.name}"
