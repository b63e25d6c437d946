"""The --format option every data-printing command shares (table, csv, json, jsonl),
with the older --json kept as a hidden alias, and the terminal width tables wrap to."""
from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import Any

import click

from ..tabular import FORMATS


def format_options(json_means: str = "json") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--format table|csv|json|jsonl (default table) and the hidden --json, which means
    `json_means` (what it printed before --format existed). The command gets `fmt`."""

    def pick(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
        if value:
            chosen = ctx.params.get("fmt")
            if chosen not in (None, "table", json_means):
                raise click.UsageError(f"--json means --format {json_means}; "
                                       f"give one of them, not --format {chosen}")
            ctx.params["fmt"] = json_means
        return value

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        fn = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                          show_default=True, is_eager=True,
                          help="table for reading; csv, json (one array or object) or "
                          "jsonl (one record a line) for other tools.")(fn)
        return click.option("--json", "as_json", is_flag=True, hidden=True,
                            expose_value=False, callback=pick,
                            help=f"The same as --format {json_means}.")(fn)

    return decorate


def terminal_width() -> int:
    """Columns to lay a table out in: the terminal's, or 100 when not a terminal."""
    return max(60, shutil.get_terminal_size((100, 24)).columns)
