"""The fourth check split of the styles gold (eval/README.md, "Styles gold"; issue 13):
`eval/gold/events_styles_check4.jsonl`, written blind to the coder in the styles of the
largest held-out sets (PLV test sentences, PLOVER GSR sentences, CASE 2021 ACLED notes).
Only scored (suite events-styles-check4), never read for tuning. Validated like the other
styles splits (tests/test_gold_files.py, tests/test_styles_gold.py), plus its own mix."""
from __future__ import annotations

import json
import re

import pytest
from test_gold_files import _gold_records
from test_styles_gold import (
    STYLES_CHECK4,
    _check_plv_mix,
    _check_styles_record,
    _shares_no_text,
    _split_is_well_formed,
)

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
    _split_is_well_formed(STYLES_CHECK4, PREFIX, CHECK4_SHARES)
    assert [r["id"] for _, r in records] == [f"{PREFIX}-{n:04d}" for n in range(1, len(records) + 1)]


def test_check4_has_the_mix_the_brief_asks_for(records):
    _check_plv_mix([r for _, r in records], STYLES_CHECK4.name, (160, 190), CHECK4_SHARES, 2)


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
    _shares_no_text(STYLES_CHECK4)


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
