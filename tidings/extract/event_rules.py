"""The named rules of event coding, one registry for every stage of tidings_events.

A rule is a small function (or a row of `ontology/data/event_retypes.tsv`) with a name,
the stage it belongs to and the example sentence that motivated it. Every event lists
the rules that shaped it in `Event.by`; a veto that drops a candidate is recorded on
`doc._.event_vetoes`. Any rule can be switched off by name to measure what it does:

    from tidings.extract.event_rules import switched_off
    with switched_off("future_threat"):
        coder.code(article)

or for a whole run, `TIDINGS_RULES_OFF=future_threat,sport` in the environment.

This module imports nothing else from tidings, so every stage can register here.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

# The stages, in the order an event passes them.
STAGES = ("candidate", "veto", "side", "modality", "retype", "place", "emit", "article")


@dataclass(frozen=True)
class Rule:
    name: str
    stage: str
    example: str          # a sentence the rule fires on
    doc: str = ""         # what it does, for `why` questions
    fn: Callable[..., Any] | None = None


RULES: dict[str, Rule] = {}
# Names switched off: the stage runs as if the rule did not exist.
DISABLED: set[str] = {n.strip() for n in os.environ.get("TIDINGS_RULES_OFF", "").split(",")
                      if n.strip()}


def register(name: str, stage: str, example: str, doc: str = "",
             fn: Callable[..., Any] | None = None) -> Rule:
    """Add a rule; a name may be registered once (the retype table may repeat a name
    over rows of one rule, and registers it once)."""
    if stage not in STAGES:
        raise ValueError(f"rule {name!r}: unknown stage {stage!r}")
    if not example.strip():
        raise ValueError(f"rule {name!r} has no example sentence")
    if name in RULES:
        raise ValueError(f"rule {name!r} registered twice")
    RULES[name] = rule = Rule(name, stage, example, doc, fn)
    return rule


def rule(stage: str, name: str, example: str) -> Callable[[Callable[..., Any]],
                                                           Callable[..., Any]]:
    """Decorator: register the function as rule `name`, its docstring as the doc."""
    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        register(name, stage, example, (fn.__doc__ or "").strip(), fn)
        fn.rule_name = name  # type: ignore[attr-defined]
        return fn
    return wrap


def active(name: str) -> bool:
    return name not in DISABLED


@contextmanager
def switched_off(*names: str) -> Iterator[None]:
    """Run the block with these rules switched off (unknown names are an error)."""
    unknown = [n for n in names if n not in RULES]
    if unknown:
        raise KeyError(f"no event rule named {', '.join(unknown)}")
    added = [n for n in names if n not in DISABLED]
    DISABLED.update(added)
    try:
        yield
    finally:
        DISABLED.difference_update(added)
