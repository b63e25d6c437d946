"""Every named rule of event coding fires on its own example sentence, is recorded on
what it shaped (`Event.by`, or `doc._.event_vetoes` for a veto), and can be switched
off by name, which changes what its example codes (tidings/extract/event_rules.py)."""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import replace

import pytest
from conftest import make_article

from tidings.extract import events  # noqa: F401 - registers the rules
from tidings.extract.event_rules import RULES, STAGES, switched_off
from tidings.extract.events.learned import RULE as MODEL_RULE
from tidings.extract.events.learned import shipped_model, using_model
from tidings.ontology.retypes import RetypeTableError, read_retypes, retype_table

NAMES = sorted(RULES)


def fired(name, by):
    """Whether rule `name` is among an event's `by` ("model:TYPE:score" names the
    learned stage)."""
    return any(b == name or b.startswith(name + ":") for b in by)


def switched_on(name):
    """The learned stage's proposer is off by default: its own example runs with it on,
    at 0.7 at most (the shipped threshold is chosen on the CV and may be stricter)."""
    if name != MODEL_RULE:
        return nullcontext()
    model = shipped_model()
    return using_model(replace(model, threshold=min(model.threshold, 0.7)))


def coded(coder, text):
    """The events and the vetoed candidates of one text."""
    doc = coder.parse(make_article(text, published="2024-03-14T10:00:00Z"))
    for _name, proc in coder.components.pipeline:
        doc = proc(doc)
    return doc._.events, doc._.event_vetoes


def test_there_are_rules_of_every_stage():
    assert {r.stage for r in RULES.values()} == set(STAGES)
    assert len(RULES) >= 60


@pytest.mark.parametrize("name", NAMES)
def test_rule_fires_on_its_example(coder, name):
    rule = RULES[name]
    with switched_on(name):
        found, vetoed = coded(coder, rule.example)
    if rule.stage == "veto":
        dropped = [v for v in vetoed if v.rule == name]
        assert dropped, f"{name} vetoed nothing in {rule.example!r}: {vetoed}"
        spans = {(e.trigger.start, e.trigger.end) for e in found}
        assert all((v.trigger.start, v.trigger.end) not in spans for v in dropped)
    else:
        assert any(fired(name, e.by) for e in found), \
            f"{name} shaped no event of {rule.example!r}: {[(e.type, e.by) for e in found]}"


@pytest.mark.parametrize("name", NAMES)
def test_switching_a_rule_off_changes_its_example(coder, name):
    example = RULES[name].example
    with switched_on(name):
        on = coded(coder, example)
        with switched_off(name):
            off = coded(coder, example)
            assert all(not fired(name, e.by) for e in off[0])
            assert all(v.rule != name for v in off[1])
        assert repr(off) != repr(on)
        assert repr(coded(coder, example)) == repr(on)  # switched back on


def test_a_switched_off_veto_lets_its_event_through(coder):
    text = RULES["sport"].example
    assert [e.type for e in coded(coder, text)[0]] == []
    with switched_off("sport"):
        assert [e.type for e in coded(coder, text)[0]] == ["ASSAULT"]


def test_unknown_rule_names_are_an_error():
    with pytest.raises(KeyError, match="no_such_rule"), switched_off("no_such_rule"):
        pass


def test_by_is_in_the_output(coder):
    doc = coder.code(make_article("Iran condemned Israel on Tuesday."))
    (event,) = doc.to_dict()["events"]
    assert event["by"] == ["clause_subject", "direct_object"]


def test_retype_table_is_checked(tmp_path):
    assert {r.rule for r in retype_table()} <= set(RULES)
    header = "rule\tstage\tfrom\twhen\ttype\tmode\tcameo\tweight\tthen\texample\n"
    good = "r\tclause\tASSAULT\tfuture\tTHREATEN\t-\t138\t=\t\tAn example.\n"
    cases = {
        "unknown PLOVER type": good.replace("THREATEN", "THREAT"),
        "999": good.replace("138", "999"),
        "unknown stage": good.replace("clause", "later"),
        "unknown change": good.replace("=\t\t", "=\tmood=sad\t"),
        "no example": good.replace("An example.", ""),
        "not together": good + good.replace("r\t", "s\t") + good.replace("An example.", ""),
        "no rows": "",
    }
    for message, rows in cases.items():
        path = tmp_path / "retypes.tsv"
        path.write_text(header + rows)
        with pytest.raises(RetypeTableError, match=message):
            read_retypes(path)
