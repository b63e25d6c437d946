"""The ninth dev split of the styles gold (eval/README.md, "Styles gold"; issue 13):
`eval/gold/events_styles9.jsonl`, written blind to the coder in the styles of the held-out
sets PLV test (`plv`), the PLOVER GSR held-out third (`gsr`), CASE 2021 (`case`, ACLED
notes) and PETRARCH-2's AFP gold (`afp`), weighted to what coders miss: releases and
hand-overs, aid told with plain verbs, pledges of support, appeals, nominal acts, acts in
clauses beside the main one, and denials. Scored by the suite `events-styles9`.
Validated like the other styles splits (tests/test_gold_files.py,
tests/test_styles_gold.py), plus its own mix."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter

import pytest
from test_gold_files import PLOVER_TYPES, _gold_records
from test_styles_gold import (
    STYLES9,
    _check_mix,
    _lengths_and_years_follow,
    _shares_no_text,
    _split_is_well_formed,
)

PREFIX = "styles9"
STYLES9_SHARES = {"plv": (0.33, 0.45), "gsr": (0.15, 0.25), "case": (0.15, 0.25),
                  "afp": (0.15, 0.25)}
# words per text and the years the texts may be published in, per style
BOUNDS = {"plv": (18, 50, 2010, 2024), "gsr": (20, 45, 2005, 2024),
          "afp": (25, 55, 1995, 2008)}
DATED_NOTE = re.compile(r"On (\d{1,2}) ([A-Z][a-z]+) (\d{4}), ")
# an ACLED actor name: "Protesters (India)", "Military Forces of Syria (2000-)", ...
ACLED_NAME = re.compile(r"\((?:[A-Z][a-z]+|\d{4}-)|(?:Military|Police) Forces of|Al Shabaab")

pytestmark = pytest.mark.skipif(not STYLES9.exists(), reason="no styles9 file")


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [rec for _, rec in _gold_records(STYLES9)]


def test_styles9_records_are_well_formed(records):
    _split_is_well_formed(STYLES9, PREFIX, STYLES9_SHARES)
    assert [r["id"] for r in records] == [f"{PREFIX}-{n:04d}" for n in range(1, len(records) + 1)]


def test_styles9_has_the_mix_the_brief_asks_for(records):
    assert 250 <= len(records) <= 300, len(records)
    # every type in at least 8 items, the style shares, 5-12% distractors
    _check_mix(records, STYLES9.name, 8, STYLES9_SHARES)
    distractors = Counter(r["style"] for r in records if not r["events"])
    assert all(distractors[s] >= 3 for s in STYLES9_SHARES), distractors
    # long sentences tell several acts: most plv and afp items code two or more
    for style, share in (("plv", 0.8), ("afp", 0.8), ("gsr", 0.6)):
        coded = [r for r in records if r["style"] == style and r["events"]]
        assert sum(len(r["events"]) >= 2 for r in coded) >= share * len(coded), style
    events = [ev for r in records for ev in r["events"]]
    assert sum(ev["negated"] for ev in events) >= 6


def test_styles9_weights_the_acts_coders_miss(records):
    """Releases and hand-overs, aid, pledges of support with a target, and appeals with
    their own CAMEO code (02x) are each well represented."""
    events = [ev for r in records for ev in r["events"]]
    releases = [ev for ev in events if ev["type"] == "RETREAT" and ev["mode"] == "release"]
    assert len(releases) >= 12, len(releases)
    aid_items = [r for r in records if any(ev["type"] == "AID" for ev in r["events"])]
    assert len(aid_items) >= 25, len(aid_items)
    support = [ev for ev in events if ev["type"] == "SUPPORT" and ev["target"]]
    assert len(support) >= 12, len(support)
    appeals = [ev for ev in events if ev["type"] == "REQUEST" and (ev["cameo"] or "").startswith("02")]
    assert len(appeals) >= 15, len(appeals)
    per_item = Counter(t for r in records for t in {ev["type"] for ev in r["events"]})
    cooperative = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT")
    assert sum(per_item[t] for t in cooperative) >= per_item["ASSAULT"] + per_item["COERCE"]


def test_styles9_lengths_and_periods_follow_their_styles(records):
    _lengths_and_years_follow(records, BOUNDS)


def test_styles9_acled_notes_are_dated_and_name_actors_as_acled_does(records):
    case = [r for r in records if r["style"] == "case"]
    dated = [r for r in case if DATED_NOTE.match(r["text"])]
    assert 0.8 * len(case) <= len(dated) < len(case), len(dated)
    assert sum(bool(ACLED_NAME.search(r["text"])) for r in case) >= 0.6 * len(case)
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    for r in dated:
        day, month, year = DATED_NOTE.match(r["text"]).groups()
        told = dt.date(int(year), months.index(month) + 1, int(day))
        assert told <= dt.date.fromisoformat(r["published"]), r["id"]
        for ev in r["events"]:
            # an incident happens on the note's day or after it (a release "the next
            # day"); background acts carry no date
            assert ev["date"] is None or dt.date.fromisoformat(ev["date"]) >= told, r["id"]


def test_styles9_shares_no_text_with_any_other_gold_file_or_the_training_file(records):
    _shares_no_text(STYLES9)
    train = STYLES9.parent.parent / "train" / "events_train.jsonl"
    if not train.exists():
        return
    ours = {r["text"] for r in records}
    for line in train.read_text(encoding="utf-8").splitlines():
        text = json.loads(line).get("text") if line.strip() else None
        assert text not in ours, "a text is also in events_train.jsonl"


def test_styles9_every_type_is_in_the_long_sentence_styles(records):
    """PLV-like and AFP-like sentences together carry every PLOVER type (not only the
    ACLED notes' assaults and protests)."""
    types = Counter(ev["type"] for r in records if r["style"] in ("plv", "afp")
                    for ev in r["events"])
    assert all(types[t] >= 3 for t in PLOVER_TYPES), types
