"""Acts of the wire and PLV styles (issue 13, session 8): an agreement concluded is
CAMEO 057 SUPPORT ("reached an agreement", "struck a deal"), as the GSR and PLV code it,
while "agreed to" an act stays an intent (AGREE). Sentences of our own."""
from __future__ import annotations

import pytest
from conftest import assert_trigger_codes, make_article


def _events(coder, text):
    return coder.code(make_article(text, published="2024-05-02T10:00:00Z")).events


# (sentence, trigger word, type, CAMEO code)
CASES = [
    ("Kenya and Uganda struck a deal on Monday to share the waters of the lake.",
     "struck", "SUPPORT", "057"),
    ("The two governments reached an agreement on border trade.", "reached", "SUPPORT", "057"),
    ("Britain and Japan agreed a trade deal on Friday.", "agreed", "SUPPORT", "057"),
    ("Chile and Peru sealed an accord on fishing rights.", "sealed", "SUPPORT", "057"),
    ("Vietnam and Laos inked a pact on hydropower.", "inked", "SUPPORT", "057"),
    ("Ghana and Togo agreed to reopen their border next month.", "agreed", "AGREE", "0355"),
]


@pytest.mark.parametrize(("text", "trigger", "etype", "cameo"), CASES,
                         ids=[f"{c[1]}-{c[2]}" for c in CASES])
def test_the_trigger_codes_its_act(coder, text, trigger, etype, cameo):
    assert_trigger_codes(_events(coder, text), text, trigger, etype, cameo)


def test_striking_a_deal_is_no_attack(coder):
    events = _events(coder, "The unions struck a deal with the ministry after a night of talks.")
    assert "ASSAULT" not in {e.type for e in events}
