"""The CAMEO-code dev set: which parts of the ontology the event coder misses.

`eval/gold/events_cameo.jsonl` holds two one-line sentences for every CAMEO code of
CAMEO2PLOVER that maps to a PLOVER type (`cameo-<code>-a`: the canonical verb or noun,
`cameo-<code>-b`: another common wording), one act each, and distractors
(`cameo-none-NN`). The suite scores it with the events scorer (type and dyad P/R/F1,
CAMEO exact/root on right-typed events) and adds, per CAMEO root (the code's first two
digits, so 175 counts under 17 and 191 under 19), the share of acts whose type was
found and the share found with the exact code, and the same two shares for the a and
b sentences: a low a-share means plain canonical verbs are missed.

`eval/gold/events_cameo_check.jsonl` (suite `events-cameo-check`, `run_check`) is a
blind CHECK split over the same codes, one sentence each (`cameo-check-<code>`, in
varied wordings) and distractors (`cameo-check-none-NN`), scored the same way. It is
only ever scored: never read while tuning the coder, never run with --errors.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..paths import PROJECT_ROOT
from .base import SuiteResult
from .events import EventScorer, GoldItem, PredEvent, code_items, read_own, score

if TYPE_CHECKING:
    from ..nlp import Coder
    from .suites import EvalOptions

CAMEO_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_cameo.jsonl"
CAMEO_CHECK_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_cameo_check.jsonl"
SUITE = "events-cameo"
CHECK_SUITE = "events-cameo-check"
ROOTS = tuple(f"{n:02d}" for n in range(1, 21))


@dataclass
class Shares:
    """Gold acts counted, found with the right type, found with the exact code."""
    n: int = 0
    typed: int = 0
    exact: int = 0

    def add(self, typed: bool, exact: bool) -> None:
        self.n += 1
        self.typed += typed
        self.exact += exact

    def line(self, label: str) -> str:
        if not self.n:
            return f"{label:<8} {0:>4}      -       -"
        return f"{label:<8} {self.n:>4} {self.typed / self.n:7.3f} {self.exact / self.n:7.3f}"


def _variant(item_id: str) -> str:
    """'a' or 'b' from 'cameo-190-a'; '' for anything else."""
    tail = item_id.rsplit("-", 1)[-1]
    return tail if tail in ("a", "b") else ""


def code_shares(scorer: EventScorer) -> tuple[dict[str, Shares], dict[str, Shares]]:
    """Per CAMEO root and per sentence variant: how many gold acts the coder found with
    the right type (the scorer's type matching) and with the exact CAMEO code (a
    predicted event of that type in the item carries the gold code)."""
    roots = {root: Shares() for root in ROOTS}
    variants = {"a": Shares(), "b": Shares()}
    for out in scorer.outcomes:
        typed = {g for g, _ in out.type_pairs}
        for g, ev in enumerate(out.item.events):
            if not ev.cameo:
                continue
            exact = any(p.type == ev.type and p.cameo == ev.cameo for p in out.pred)
            roots.setdefault(ev.cameo[:2], Shares()).add(g in typed, exact)
            variant = _variant(out.item.id)
            if variant:
                variants[variant].add(g in typed, exact)
    return roots, variants


def shares_table(roots: dict[str, Shares], variants: dict[str, Shares]) -> str:
    lines = [f"{'root':<8} {'acts':>4} {'type':>7} {'exact':>7}"]
    lines += [shares.line(root) for root, shares in sorted(roots.items())]
    if not any(v.n for v in variants.values()):  # the check split has no a/b sentences
        return "\n".join(lines)
    lines.append(f"{'sentence':<8} {'acts':>4} {'type':>7} {'exact':>7}"
                 "   (a: the canonical verb or noun, b: another common wording)")
    lines += [variants[v].line(v) for v in ("a", "b")]
    return "\n".join(lines)


def score_cameo(items: Sequence[GoldItem], preds: Sequence[Sequence[PredEvent]],
                options: EvalOptions | None = None, suite: str = SUITE) -> SuiteResult:
    """The events scorer's result on the coded items, with the per-root table, named
    `suite` (on the result and on any error records)."""
    scorer = score(items, preds, options.min_confidence if options else 0.0)
    roots, variants = code_shares(scorer)
    metrics = scorer.metrics()
    acts = sum(s.n for s in roots.values())
    if acts:
        metrics["code_exact_share"] = sum(s.exact for s in roots.values()) / acts
    for v, shares in variants.items():
        if shares.n:
            metrics[f"type_recall_{v}"] = shares.typed / shares.n
    if options and options.error_sink is not None:
        options.error_sink.extend(scorer.errors(suite))
    report = scorer.report() + "\nper CAMEO root (share of acts found)\n" + \
        shares_table(roots, variants)
    return SuiteResult(name=suite, metrics=metrics, report=report, counts=scorer.counts())


def _run(coder: Coder, options: EvalOptions | None, path: Path,
         suite: str) -> SuiteResult | None:
    if not path.is_file():
        return None
    items = read_own(path)
    if options and options.limit:
        items = items[:options.limit]
    preds, n_failed = code_items(coder, items)
    result = score_cameo(items, preds, options, suite)
    result.counts["coding_errors"] = n_failed
    if n_failed:
        result.report += f"\n{n_failed} item(s) had coding errors (see `tidings code` on them)"
    return result


def run(coder: Coder, options: EvalOptions | None = None,
        path: Path | None = None) -> SuiteResult | None:
    """Score eval/gold/events_cameo.jsonl (or `path`); None when the file is absent."""
    return _run(coder, options, path or CAMEO_GOLD, SUITE)


def run_check(coder: Coder, options: EvalOptions | None = None,
              path: Path | None = None) -> SuiteResult | None:
    """Score the CHECK split eval/gold/events_cameo_check.jsonl (or `path`) exactly as
    `run` scores the dev set; None when the file is absent. A blind check: it is only
    ever scored, never read while tuning the coder, and never run with --errors."""
    return _run(coder, options, path or CAMEO_CHECK_GOLD, CHECK_SUITE)
