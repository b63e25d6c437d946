"""The fifth check split of the styles gold (eval/README.md, "Styles gold"; issue 13):
`eval/gold/events_styles_check5.jsonl`, written blind to the coder in the styles of the
held-out sets it stands in for (PLV test sentences, PLOVER GSR sentences, CASE 2021 ACLED
notes, PETRARCH-2's AFP wire sentences). Only scored (suite events-styles-check5), never
read for tuning. Validated like the other styles splits (tests/test_gold_files.py,
tests/test_styles_gold.py), plus its own mix."""
from __future__ import annotations

import json
import re

import pytest
from test_gold_files import _gold_records
from test_styles_gold import (
    STYLES_CHECK5,
    _check_plv_mix,
    _check_styles_record,
    _lengths_and_years_follow,
    _shares_no_text,
    _split_is_well_formed,
)

PREFIX = "stylescheck5"
# plv: PLV-test-like sentences on diplomacy and conflict; gsr: PLOVER GSR news sentences;
# case: ACLED event notes as CASE 2021 has them; afp: AFP wire sentences of 1995-2008.
CHECK5_SHARES = {"plv": (0.34, 0.46), "gsr": (0.15, 0.25), "case": (0.15, 0.25),
                 "afp": (0.13, 0.23)}
# words per sentence, and the years the style's news comes from
BOUNDS = {"plv": (18, 50, 2009, 2024), "gsr": (20, 45, 2000, 2024), "afp": (25, 55, 1995, 2008)}

pytestmark = pytest.mark.skipif(not STYLES_CHECK5.exists(), reason="no check5 file")


@pytest.fixture(scope="module")
def records() -> list[tuple[int, dict]]:
    return _gold_records(STYLES_CHECK5)


def test_check5_records_are_well_formed(records):
    _split_is_well_formed(STYLES_CHECK5, PREFIX, CHECK5_SHARES)
    assert [r["id"] for _, r in records] == [f"{PREFIX}-{n:04d}" for n in range(1, len(records) + 1)]


def test_check5_has_the_mix_the_brief_asks_for(records):
    recs = [r for _, r in records]
    _check_plv_mix(recs, STYLES_CHECK5.name, (170, 195), CHECK5_SHARES, 3)
    # AFP leads tell one or two acts or more: most code two or more
    afp = [r for r in recs if r["style"] == "afp" and r["events"]]
    assert sum(len(r["events"]) >= 2 for r in afp) >= 0.7 * len(afp)


def test_check5_lengths_and_periods_follow_their_styles(records):
    # an ACLED note: one or two sentences, dated "On 14 June 2019, ..." or undated
    _lengths_and_years_follow([r for _, r in records], BOUNDS)
    case = [r for _, r in records if r["style"] == "case"]
    dated = [r for r in case if re.match(r"On \d{1,2} [A-Z][a-z]+ \d{4}, ", r["text"])]
    assert 0.8 * len(case) <= len(dated) < len(case), len(dated)
    # ACLED names its actors "Military Forces of X (2015-)", "Protesters (Kenya)", ...
    named = [r for r in case if re.search(r"\((?:\d{4}-(?:\d{4})?|[A-Z][a-z]+)", r["text"])]
    assert len(named) >= 0.5 * len(case), len(named)


def test_check5_dates_follow_the_notes(records):
    """An ACLED note's opening date is the date of the events it tells on that day."""
    months = {m: n for n, m in enumerate(
        ["January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"], 1)}
    for _, r in records:
        m = re.match(r"On (\d{1,2}) ([A-Z][a-z]+) (\d{4}), ", r["text"])
        if r["style"] != "case" or not m or not r["events"]:
            continue
        day = f"{m.group(3)}-{months[m.group(2)]:02d}-{int(m.group(1)):02d}"
        assert day <= r["published"], r["id"]
        assert day in {ev["date"] for ev in r["events"]}, r["id"]


def test_check5_shares_no_text_with_any_other_gold_file(records):
    _shares_no_text(STYLES_CHECK5)


def test_check5_validation_rejects_a_wrong_record(records):
    _, rec = next((ln, r) for ln, r in records if r["events"])
    bad = json.loads(json.dumps(rec))
    bad["style"] = "cameo"
    with pytest.raises(AssertionError, match="style"):
        _check_styles_record(bad, PREFIX, "probe", CHECK5_SHARES)
    bad = json.loads(json.dumps(rec))
    bad["events"][0]["cameo"] = "1711" if bad["events"][0]["type"] != "COERCE" else "0841"
    with pytest.raises(AssertionError, match="CAMEO"):
        _check_styles_record(bad, PREFIX, "probe", CHECK5_SHARES)
    bad = json.loads(json.dumps(rec))
    bad["id"] = "stylescheck4-0001"
    with pytest.raises(AssertionError, match="id"):
        _check_styles_record(bad, PREFIX, "probe", CHECK5_SHARES)
