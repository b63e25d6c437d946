"""Command line: thin wrappers that turn options into calls on the package."""
from __future__ import annotations

import json
import sys

import click

from . import __version__
from .errors import TidingsError


def _emit(obj: dict, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(obj, ensure_ascii=False, indent=2))
    else:
        click.echo(json.dumps(obj, ensure_ascii=False))


class _Group(click.Group):
    """The `tidings` group, whose store and eval commands are added on first need.

    Their modules import pandas and DuckDB (about 0.6 s). `tidings code` does not need
    them, nor does any worker process `--workers` spawns (spawn re-imports the command's
    main module, hence this module, in every worker)."""

    _added = False

    def _add_all(self) -> None:
        if not self._added:
            type(self)._added = True
            _add_commands()

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._add_all()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and not self._added:
            self._add_all()
            command = super().get_command(ctx, cmd_name)
        return command


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="tidings")
def main() -> None:
    """tidings: news in, checkable event data out."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="jsonl",
              show_default=True)
@click.option("--published", help="Publication time where the input has none "
              "(YYYY-MM-DD[THH:MMZ]).")
@click.option("--follow", is_flag=True, help="RSS/Atom: fetch each item's link.")
@click.option("--allow-private", is_flag=True,
              help="With --follow: allow private and loopback addresses.")
def read(paths: tuple[str, ...], fmt: str, published: str | None, follow: bool,
         allow_private: bool) -> None:
    """Read articles (no NLP) and print {"article", "errors"} per document."""
    from .readers import read_paths

    n_ok = 0
    try:
        for result in read_paths(paths, published=published, follow=follow,
                                 allow_private=allow_private):
            n_ok += result.article is not None
            _emit(result.to_dict(), fmt)
    except TidingsError as exc:
        raise click.ClickException(str(exc)) from exc
    if n_ok == 0:
        raise click.ClickException("no article could be read")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="jsonl",
              show_default=True)
@click.option("--published", help="Publication time where the input has none.")
@click.option("--min-confidence", type=float, default=0.0, show_default=True,
              help="Drop events below this confidence: trades recall for precision.")
@click.option("--follow", is_flag=True, help="RSS/Atom: fetch each item's link.")
@click.option("--allow-private", is_flag=True,
              help="With --follow: allow private and loopback addresses.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes, each loading the model once; output order and "
              "content are the same as with 1.")
def code(paths: tuple[str, ...], fmt: str, published: str | None,
         min_confidence: float, follow: bool, allow_private: bool, workers: int) -> None:
    """Code articles into actors, events, quotes, places, dates and casualties."""
    from .pipeline import code_paths

    n_ok = 0
    try:
        for doc in code_paths(paths, published=published, min_confidence=min_confidence,
                              follow=follow, allow_private=allow_private, workers=workers):
            n_ok += doc.get("article") is not None
            _emit(doc, fmt)
    except TidingsError as exc:
        raise click.ClickException(str(exc)) from exc
    if n_ok == 0:
        raise click.ClickException("no article could be read")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def info(as_json: bool) -> None:
    """Version, spaCy model and knowledge-base sizes."""
    from .pipeline import describe

    facts = describe()
    if as_json:
        click.echo(json.dumps(facts, indent=2))
    else:
        for key, value in facts.items():
            click.echo(f"{key}: {value}")


@main.command()
@click.option("--lake", required=True, help="Parquet lake written by `ingest --lake`.")
@click.option("--db", default="tidings.duckdb", show_default=True,
              help="DuckDB store file (created if missing).")
def load(lake: str, db: str) -> None:
    """Load a Parquet lake into a DuckDB store; loading twice changes nothing."""
    from .lake import load_lake
    from .store.db import Store

    try:
        with Store.open(db, create=True) as store:
            done = load_lake(lake, store, progress=sys.stderr.isatty())
            events = store.count("events")
    except TidingsError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{db}: loaded {done['articles']} articles from {done['parts']} parts "
               f"({done['skipped']} already stored); {events} events")
    if done["unreadable_parts"]:
        click.echo(f"{done['unreadable_parts']} unreadable parts left out: "
                   f"tidings errors --db {db}", err=True)


def _add_commands() -> None:
    from .evaluate.commands import COMMANDS as eval_commands
    from .store.commands import COMMANDS as store_commands

    for cmd in [*store_commands, *eval_commands]:
        main.add_command(cmd)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
