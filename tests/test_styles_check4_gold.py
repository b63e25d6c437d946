"""The fourth check split of the styles gold (eval/README.md, "Styles gold"; issue 13):
`eval/gold/events_styles_check4.jsonl`, written blind to the coder in the styles of the
largest held-out sets (PLV test sentences, PLOVER GSR sentences, CASE 2021 ACLED notes).
Only scored (suite events-styles-check4), never read for tuning. Validated like the other
styles splits (tests/test_gold_files.py, tests/test_styles_gold.py), plus its own mix."""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from test_gold_files import PLOVER_TYPES, _gold_records
from test_styles_gold import STYLES_CHECK4, _check_mix, _check_styles_record

from tidings.evaluate.events import read_own

PREFIX = "stylescheck4"
# plv: PLV-test-like sentences on diplomacy and conflict; gsr: PLOVER GSR news sentences;
# case: ACLED event notes as CASE 2021 has them.
CHECK4_SHARES = {"plv": (0.38, 0.55), "gsr": (0.17, 0.30), "case": (0.22, 0.35)}
WORDS = {"plv": (18, 50), "gsr": (20, 45)}

pytestmark = pytest.mark.skipif(not STYLES_CHECK4.exists(), reason="no check4 file")


@pytest.fixture(scope="module")
def records() -> list[tuple[int, dict]]:
    return _gold_records(STYLES_CHECK4)


def test_check4_records_are_well_formed(records):
    assert not [i for i, n in Counter(r["id"] for _, r in records).items() if n > 1], "duplicate ids"
    assert not [t for t, n in Counter(r["text"] for _, r in records).items() if n > 1], \
        "duplicate texts"
    for lineno, rec in records:
        _check_styles_record(rec, PREFIX, f"{STYLES_CHECK4.name}:{lineno}", CHECK4_SHARES)
    assert [r["id"] for _, r in records] == [f"{PREFIX}-{n:04d}" for n in range(1, len(records) + 1)]
    assert len(read_own(STYLES_CHECK4)) == len(records)


def test_check4_has_the_mix_the_brief_asks_for(records):
    recs = [r for _, r in records]
    assert 160 <= len(recs) <= 190, len(recs)
    # every type in at least 5 items, the style shares, 5-12% distractors
    _check_mix(recs, STYLES_CHECK4.name, 5, CHECK4_SHARES)
    assert all(any(not r["events"] for r in recs if r["style"] == s) for s in CHECK4_SHARES), \
        "every style has a distractor"
    assert sum(ev["negated"] for r in recs for ev in r["events"]) >= 2
    # the PLV-like sentences code every act: most tell two or more
    plv = [r for r in recs if r["style"] == "plv" and r["events"]]
    assert sum(len(r["events"]) >= 2 for r in plv) >= 0.6 * len(plv)
    types = Counter(ev["type"] for r in plv for ev in r["events"])
    assert all(types[t] for t in PLOVER_TYPES), types


def test_check4_lengths_follow_their_styles(records):
    for _, r in records:
        if r["style"] in WORDS:
            low, high = WORDS[r["style"]]
            assert low <= len(r["text"].split()) <= high, (r["id"], len(r["text"].split()))
        else:
            # an ACLED note: one or two sentences, dated "On 14 June 2019, ..." or undated
            sentences = re.findall(r"[.!?](?:\s|$)", r["text"])
            assert 1 <= len(sentences) <= 3, r["id"]
    dated = [r for _, r in records if r["style"] == "case"
             and re.match(r"On \d{1,2} [A-Z][a-z]+ \d{4}, ", r["text"])]
    assert len(dated) >= 0.8 * sum(r["style"] == "case" for _, r in records)


def test_check4_shares_no_text_with_any_other_gold_file(records):
    ours = {r["text"] for _, r in records}
    others = [p for p in sorted(STYLES_CHECK4.parent.glob("*.jsonl")) if p != STYLES_CHECK4]
    train = STYLES_CHECK4.parent.parent / "train" / "events_train.jsonl"
    for other in others + ([train] if train.exists() else []):
        for line in other.read_text(encoding="utf-8").splitlines():
            text = json.loads(line).get("text") if line.strip() else None
            assert text not in ours, f"a text is also in {other.name}"


def test_check4_validation_rejects_a_wrong_style(records):
    _, rec = next((ln, r) for ln, r in records if r["events"])
    bad = json.loads(json.dumps(rec))
    bad["style"] = "afp"
    with pytest.raises(AssertionError, match="style"):
        _check_styles_record(bad, PREFIX, "probe", CHECK4_SHARES)
    bad = json.loads(json.dumps(rec))
    bad["events"][0]["cameo"] = "1711" if bad["events"][0]["type"] != "COERCE" else "0841"
    with pytest.raises(AssertionError, match="CAMEO"):
        _check_styles_record(bad, PREFIX, "probe", CHECK4_SHARES)
