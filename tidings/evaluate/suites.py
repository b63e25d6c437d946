"""The evaluation suites by name, and how one is run.

Suites are "module:function" strings imported only when run, so a suite whose module
is missing or broken is reported as "unavailable" instead of breaking `tidings eval`.
Each function takes a `tidings.nlp.Coder` (one per eval run, shared by all suites) and
returns a SuiteResult, or None when its data is absent ("skipped"). A function that
also accepts an `options` keyword gets the run's EvalOptions (confidence floor, item
limit, sweep, error sink).

$TIDINGS_EVAL_SUITES replaces the registry, for tests and experiments:
"name=module:function,name2=module:function".
"""
from __future__ import annotations

import importlib
import inspect
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .base import SuiteResult

SUITES: dict[str, str] = {
    "plover-gsr": "tidings.evaluate.events:run_gsr",
    "events-own": "tidings.evaluate.events:run_own",
    "events-heldout": "tidings.evaluate.events:run_heldout",
    "events-blind": "tidings.evaluate.events:run_blind",
    "events-styles": "tidings.evaluate.styles:run_styles",
    "events-styles-check": "tidings.evaluate.styles:run_styles_check",
    "events-styles-check2": "tidings.evaluate.styles:run_styles_check2",
    "events-styles-check3": "tidings.evaluate.styles:run_styles_check3",
    "events-styles2": "tidings.evaluate.styles:run_styles2",
    "events-styles3": "tidings.evaluate.styles:run_styles3",
    "events-styles4": "tidings.evaluate.styles:run_styles4",
    "events-styles5": "tidings.evaluate.styles:run_styles5",
    "events-styles6": "tidings.evaluate.styles:run_styles6",
    "events-styles7": "tidings.evaluate.styles:run_styles7",
    "events-styles8": "tidings.evaluate.styles:run_styles8",
    "events-styles-check4": "tidings.evaluate.styles:run_styles_check4",
    "events-styles9": "tidings.evaluate.styles:run_styles9",
    "events-styles-check5": "tidings.evaluate.styles:run_styles_check5",
    "events-articles": "tidings.evaluate.articles:run_articles",
    "events-articles-check": "tidings.evaluate.articles:run_articles_check",
    "events-articles2": "tidings.evaluate.articles:run_articles2",
    "events-articles3": "tidings.evaluate.articles:run_articles3",
    "events-cameo": "tidings.evaluate.cameo_codes:run",
    "events-cameo-check": "tidings.evaluate.cameo_codes:run_check",
    "events-case": "tidings.evaluate.case_variants:run",
    "events-coref": "tidings.evaluate.event_coref:run",
    "plv-train": "tidings.evaluate.plv:run_train",
    "quotes-polnear": "tidings.evaluate.quotes:run",
    "quotes-polnear-train": "tidings.evaluate.quotes:run_train",
    "places": "tidings.evaluate.gold_extraction:run_places",
    "places-trnews": "tidings.evaluate.places_trnews:run",
    "dates": "tidings.evaluate.gold_extraction:run_dates",
    "dates-aquaint": "tidings.evaluate.dates_aquaint:run",
    "casualties": "tidings.evaluate.gold_extraction:run_casualties",
    "html-extraction": "tidings.evaluate.html_extraction:run",
    "police-docs": "tidings.evaluate.police_docs:run",
    "police-docs2": "tidings.evaluate.police_docs:run_dev2",
    "police-docs3": "tidings.evaluate.police_docs:run_dev3",
    "police-docs4": "tidings.evaluate.police_docs:run_dev4",
    "police-docs5": "tidings.evaluate.police_docs:run_dev5",
    "police-docs6": "tidings.evaluate.police_docs:run_dev6",
    "police-docs-check": "tidings.evaluate.police_docs:run_check",
    "police-docs-check2": "tidings.evaluate.police_docs:run_check2",
    "police-docs-check3": "tidings.evaluate.police_docs:run_check3",
}
REGISTRY_ENV = "TIDINGS_EVAL_SUITES"

OK, SKIPPED, UNAVAILABLE, ERROR = "ok", "skipped", "unavailable", "error"


@dataclass
class EvalOptions:
    """Run-wide settings a suite may honour (those that take an `options` keyword)."""
    min_confidence: float = 0.0
    limit: int | None = None
    sweep: bool = False
    error_sink: list[dict[str, Any]] | None = None  # per-item misses, for --errors


@dataclass
class SuiteOutcome:
    """What happened when one suite was asked to run."""
    name: str
    status: str                      # ok | skipped | unavailable | error
    result: SuiteResult | None = None
    message: str = ""
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status, "seconds": round(self.seconds, 2)}
        if self.result is not None:
            out["metrics"] = {k: round(v, 4) for k, v in self.result.metrics.items()}
            out["counts"] = self.result.counts
        if self.message:
            out["message"] = self.message
        return out


class SuiteUnavailable(Exception):
    """A registered suite whose function cannot be imported."""

    def __init__(self, name: str, reason: str):
        super().__init__(name, reason)
        self.name = name
        self.reason = reason

    def __str__(self) -> str:
        return f"suite {self.name!r} unavailable: {self.reason}"


def registry() -> dict[str, str]:
    """Suite name -> "module:function"; $TIDINGS_EVAL_SUITES overrides the built-ins."""
    env = os.environ.get(REGISTRY_ENV, "").strip()
    if not env:
        return dict(SUITES)
    out = {}
    for part in env.split(","):
        name, sep, target = part.strip().partition("=")
        if not sep or ":" not in target:
            raise ValueError(f"${REGISTRY_ENV}: expected name=module:function, got {part!r}")
        out[name.strip()] = target.strip()
    return out


def resolve(name: str, target: str) -> Callable[..., SuiteResult | None]:
    """Import the suite function, or raise SuiteUnavailable saying why not."""
    module_name, _, attr = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:  # any import failure (missing module, syntax) means unavailable
        raise SuiteUnavailable(name, f"cannot import {module_name}: "
                               f"{type(exc).__name__}: {exc}") from exc
    fn = getattr(module, attr, None)
    if not callable(fn):
        raise SuiteUnavailable(name, f"{module_name} has no function {attr!r}")
    return fn


def _takes_options(fn: Callable[..., Any]) -> bool:
    try:
        return "options" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def run_suite(name: str, target: str, get_coder: Callable[[], Any],
              options: EvalOptions) -> SuiteOutcome:
    """Run one suite; never raises: failures become "unavailable" or "error" outcomes.
    `get_coder` is called only when the suite is importable, so a run of unavailable
    suites never loads the model."""
    import time

    started = time.perf_counter()
    try:
        fn = resolve(name, target)
    except SuiteUnavailable as exc:
        return SuiteOutcome(name, UNAVAILABLE, message=exc.reason)
    try:
        coder = get_coder()
        result = fn(coder, options=options) if _takes_options(fn) else fn(coder)
    except Exception as exc:  # noqa: BLE001 - a broken suite must not hide the others' scores
        return SuiteOutcome(name, ERROR, message=f"{type(exc).__name__}: {exc}",
                            seconds=time.perf_counter() - started)
    elapsed = time.perf_counter() - started
    if result is None:
        return SuiteOutcome(name, SKIPPED, message="data absent", seconds=elapsed)
    return SuiteOutcome(name, OK, result=result, seconds=elapsed)
