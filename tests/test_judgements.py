"""A judgement said of an act is a criticism (ACCUSE 111): "said the returns were
illegal", "a move X said was politically motivated", "described it as an attack"."""
from __future__ import annotations

import pytest
from conftest import make_article


def _events(coder, text: str):
    return coder.code(make_article(text, published="2024-03-14T10:00:00Z")).events


@pytest.mark.parametrize("text, trigger, target", [
    ("Rights groups said the deportations were illegal.", "said", None),
    ("Britain expelled two diplomats, a move Moscow said was politically motivated.",
     "said", "GBR"),
    (("The government shut the newspaper, a step the union described as an attack on "
      "the press."), "described", None),
    ("Kenya seized the shipment, a decision Uganda called theft.", "called", "KEN"),
])
def test_a_judgement_said_is_a_criticism(coder, text, trigger, target):
    events = _events(coder, text)
    said = [e for e in events if e.trigger.text == trigger]
    assert said and said[0].type == "ACCUSE" and said[0].cameo == "111", events
    if target:
        assert target in [r.country for r in said[0].target], said[0].target


@pytest.mark.parametrize("text", [
    "Officials said the troops had attacked the village.",   # an act reported
    "Analysts said the vote was not illegal.",               # a judgement denied
    "The ministry said the fire was an accident.",           # no judgement
])
def test_a_statement_without_a_judgement_is_no_criticism(coder, text):
    assert not [e for e in _events(coder, text) if e.trigger.text == "said"]


def test_a_judgement_governs_no_act_beside_it(coder):
    events = _events(coder, "The monitors said the army's advance was a clear violation of "
                             "the truce and called on the government to pull its troops back.")
    assert "REQUEST" in {e.type for e in events}, events
