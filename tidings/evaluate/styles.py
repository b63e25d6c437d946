"""The styles gold splits (eval/README.md, "Styles gold"), each a suite: gold files in our
format written blind to the coder in the styles of the held-out sets. Dev splits are read
to find general rules; check splits are scored and never read while tuning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..paths import PROJECT_ROOT
from .base import SuiteResult
from .events import run_file

if TYPE_CHECKING:
    from ..nlp import Coder
    from .suites import EvalOptions

STYLES_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_styles.jsonl"
STYLES_CHECK_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_styles_check.jsonl"
STYLES2_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_styles2.jsonl"
STYLES3_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_styles3.jsonl"
STYLES4_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_styles4.jsonl"
STYLES5_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_styles5.jsonl"
STYLES_CHECK2_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_styles_check2.jsonl"
STYLES_CHECK3_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_styles_check3.jsonl"
STYLES6_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_styles6.jsonl"
STYLES_CHECK4_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_styles_check4.jsonl"
STYLES7_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_styles7.jsonl"
STYLES8_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_styles8.jsonl"
STYLES9_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_styles9.jsonl"
STYLES_CHECK5_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_styles_check5.jsonl"


def run_styles(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The styles gold, dev split (read to find general rules)."""
    return run_file("events-styles", STYLES_GOLD, coder, options)


def run_styles_check(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The styles gold, check split: scored, never read while tuning."""
    return run_file("events-styles-check", STYLES_CHECK_GOLD, coder, options)


def run_styles_check2(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The styles gold, second check split (all five styles, written blind to the coder):
    scored, never read while tuning."""
    return run_file("events-styles-check2", STYLES_CHECK2_GOLD, coder, options)


def run_styles_check3(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The styles gold, third check split (AFP, GSR, codebook and ACLED styles, written
    blind to the coder): scored, never read while tuning."""
    return run_file("events-styles-check3", STYLES_CHECK3_GOLD, coder, options)


def run_styles2(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The styles gold, second dev split (fresh wording, and the `plv` style; read to
    find general rules)."""
    return run_file("events-styles2", STYLES2_GOLD, coder, options)


def run_styles3(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The styles gold, third dev split (fresh wording, weighted to wire leads, `plv`
    sentences and lower-cased police news; read to find general rules)."""
    return run_file("events-styles3", STYLES3_GOLD, coder, options)


def run_styles4(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The styles gold, fourth dev split (fresh wording: plain and light verbs, nominal
    acts, long clausal sentences, cooperative acts; read to find general rules)."""
    return run_file("events-styles4", STYLES4_GOLD, coder, options)


def run_styles5(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The styles gold, fifth dev split (AFP wire sentences of 1995-2008, GSR-like news
    sentences, codebook one-liners, ACLED notes; read to find general rules)."""
    return run_file("events-styles5", STYLES5_GOLD, coder, options)


def run_styles6(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The styles gold, sixth dev split (real-news sentences in the manner of PLV and the
    GSR, and ACLED notes as CASE 2021 has them; read to find general rules)."""
    return run_file("events-styles6", STYLES6_GOLD, coder, options)


def run_styles_check4(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The styles gold, fourth check split (the sixth dev split's styles, written blind to
    the coder by another engineer): scored, never read while tuning."""
    return run_file("events-styles-check4", STYLES_CHECK4_GOLD, coder, options)


def run_styles7(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The styles gold, seventh dev split (fresh wording in the styles of PLV, the GSR and
    AFP wire sentences; read to find general rules)."""
    return run_file("events-styles7", STYLES7_GOLD, coder, options)


def run_styles8(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The styles gold, eighth dev split (AFP wire sentences and codebook one-liners in
    fresh wording; read to find general rules)."""
    return run_file("events-styles8", STYLES8_GOLD, coder, options)


def run_styles9(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The styles gold, ninth dev split (fresh wording in the styles of PLV, the GSR, ACLED
    notes and AFP wire sentences, weighted to the error classes of issue 13; read to find
    general rules)."""
    return run_file("events-styles9", STYLES9_GOLD, coder, options)


def run_styles_check5(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """The styles gold, fifth check split (the ninth dev split's styles, written blind to
    the coder by another engineer): scored, never read while tuning."""
    return run_file("events-styles-check5", STYLES_CHECK5_GOLD, coder, options)
