"""A vow to go on protesting is the protest's stand, not an agreement (issue 13,
session 19); a vow to go on cooperating still is one. Sentences of our own."""
from __future__ import annotations

import pytest
from conftest import events_of


@pytest.mark.parametrize("text", [
    "Striking dockers vowed to keep up their walkout.",
    "Farmers vowed to continue their sit-in outside the assembly until the law is repealed.",
    "The students pledged to keep blocking the campus gates.",
])
def test_a_vow_to_keep_protesting_is_no_agreement(coder, text):
    events = events_of(coder, text)
    assert "AGREE" not in {e.type for e in events}, [(e.type, e.trigger.text) for e in events]


def test_a_vow_to_keep_cooperating_is_an_agreement(coder):
    events = events_of(coder, "Seoul and Tokyo vowed to continue their joint naval drills.")
    assert "AGREE" in {e.type for e in events} or "COOPERATE" in {e.type for e in events}
    events = events_of(coder, "Kenya vowed to keep up its support for the Somali army.")
    assert {e.type for e in events} & {"AGREE", "SUPPORT", "AID"}
