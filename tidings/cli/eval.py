"""CLI command `tidings eval`: run the scoring suites, print their reports, and with
--gate fail when a metric falls below its floor in eval/baseline.json."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..evaluate.gate import BASELINE, check, load_baseline, pinned_floors, unknown_suites
from ..evaluate.suites import OK, EvalOptions, SuiteOutcome, registry, run_suite


def _coder_factory(ctx: click.Context):
    """Loads one Coder on first use and hands the same one to every suite. Tests pass a
    ready Coder as `obj={"coder": ...}` to skip loading the model again."""
    cache: dict[str, Any] = dict(ctx.obj or {})

    def get():
        if "coder" not in cache:
            from ..nlp import Coder  # here: spaCy loads only when a suite codes

            cache["coder"] = Coder()
        return cache["coder"]
    return get


def _header(out: SuiteOutcome) -> str:
    counts = ""
    if out.result is not None and out.result.counts:
        counts = ", " + ", ".join(f"{v} {k}" for k, v in out.result.counts.items())
    note = f": {out.message}" if out.message and out.status != OK else ""
    return f"== {out.name} [{out.status}{counts}, {out.seconds:.1f}s]{note}"


@click.command("eval")
@click.option("--suite", "suites", multiple=True, metavar="NAME",
              help="Run only this suite (repeatable). Default: every registered suite.")
@click.option("--gate", is_flag=True,
              help="Fail (exit 1) naming each metric below its floor in the baseline.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path),
              default=BASELINE, show_default=True, help="Floors file used by --gate.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of reports.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0,
              show_default=True, help="Score only predicted events at or above this confidence.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Score only the first N items of each suite that supports it (quick runs).")
@click.option("--sweep", is_flag=True,
              help="Also print P/R/F1 at confidence thresholds 0.3..0.9 (event suites).")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write each missed/spurious/wrong-dyad event with its text as JSONL here.")
@click.option("--pin-baseline", is_flag=True,
              help="Rewrite the baseline: each suite that ran pinned at its value - 0.01.")
@click.option("--list", "list_only", is_flag=True, help="List the registered suites and exit.")
@click.pass_context
def eval_command(ctx: click.Context, suites: tuple[str, ...], gate: bool, baseline_path: Path,
                 as_json: bool, min_confidence: float, limit: int | None, sweep: bool,
                 errors_path: Path | None, pin_baseline: bool, list_only: bool) -> None:
    """Score the coder against gold data, suite by suite.

    A suite whose data is absent is "skipped" (never a gate failure); one whose module
    cannot be imported is "unavailable" (a gate failure when the baseline pins it)."""
    try:
        reg = registry()
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    if list_only:
        for name, target in reg.items():
            click.echo(f"{name:<16} {target}")
        return
    unknown = [s for s in suites if s not in reg]
    if unknown:
        raise click.BadParameter(f"unknown suite(s) {', '.join(unknown)}; "
                                 f"known: {', '.join(reg)}", param_hint="--suite")
    if pin_baseline and (limit or min_confidence):
        # Floors must describe the full default run that the gate repeats.
        raise click.UsageError("--pin-baseline cannot be combined with --limit or "
                               "--min-confidence")
    floors: dict[str, dict[str, float]] = {}
    if gate or (pin_baseline and baseline_path.exists()):
        floors = load_baseline(baseline_path)

    options = EvalOptions(min_confidence=min_confidence, limit=limit, sweep=sweep,
                          error_sink=[] if errors_path else None)
    get_coder = _coder_factory(ctx)
    outcomes = []
    for name in suites or reg:
        out = run_suite(name, reg[name], get_coder, options)
        outcomes.append(out)
        if not as_json:
            click.echo(_header(out))
            if out.result is not None and out.result.report:
                click.echo(out.result.report)
            click.echo("")

    if errors_path is not None:
        with open(errors_path, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(rec, ensure_ascii=False) + "\n"
                          for rec in options.error_sink or [])

    if pin_baseline:
        baseline_path.write_text(json.dumps(pinned_floors(outcomes, floors), indent=2) + "\n",
                                 encoding="utf-8")
        click.echo(f"pinned floors written to {baseline_path}", err=True)

    failures: list[str] = []
    if gate:
        failures = check(outcomes, floors)
        if not suites:  # a full run also catches floors left behind by a renamed suite
            failures += unknown_suites(floors, reg)

    if as_json:
        payload: dict[str, Any] = {"suites": {o.name: o.to_dict() for o in outcomes}}
        if gate:
            payload["gate"] = {"passed": not failures, "failures": failures}
        click.echo(json.dumps(payload, indent=2))
    elif gate:
        click.echo("gate: passed" if not failures else "gate: FAILED")
    if failures:
        for msg in failures:
            click.echo(f"gate failure: {msg}", err=True)
        ctx.exit(1)


COMMANDS: list[click.Command] = [eval_command]
