"""Command line: thin wrappers that turn options into calls on the package.

Errors and exit codes, the same for every command:

- 0: the command did its work. `read`, `code` and `ingest` exit 0 when at least one
  document could be read, even if others could not (those are reported per document:
  in the output, or in the store's `errors`).
- 1: an error, told in one line on stderr ("Error: ..."), without a traceback: nothing
  could be read, a store or file that cannot be opened or written (a full disk says
  "no space left on device"). Expected failures are tidings' own errors (TidingsError),
  operating-system errors (OSError) and DuckDB's; set TIDINGS_DEBUG=1 to see their
  traceback too. Anything else is a bug and keeps its traceback.
- 2: a usage error (a missing or invalid option), in click's usual form.
"""
from __future__ import annotations

import json
import os
import sys
import traceback
from typing import Any

import click

from . import __version__
from .errors import TidingsError
from .limits import limits


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

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, with an expected failure turned into one line (see the
        module docstring): a click error, which click prints and exits with."""
        try:
            limits()  # a bad TIDINGS_MAX_... setting stops the run before any work
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            if _debug() and exc.__cause__ is not None:  # a command's own mapping
                traceback.print_exception(exc.__cause__)
            raise
        except (click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # `tidings query | head`: the reader left, not an error
            _quiet_stdout()
            ctx.exit(1)
        except Exception as exc:
            if not _expected(exc) or _debug():
                raise
            raise click.ClickException(one_line(exc)) from exc

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


def _debug() -> bool:
    return os.environ.get("TIDINGS_DEBUG", "") not in ("", "0")


def _expected(exc: BaseException) -> bool:
    """A failure of the world, not of tidings: ours, the OS's, DuckDB's. (DuckDB is not
    imported for it: if it never was, the error cannot be one of its.)"""
    duckdb = sys.modules.get("duckdb")
    return isinstance(exc, TidingsError | OSError) or (
        duckdb is not None and isinstance(exc, duckdb.Error))


def one_line(exc: BaseException) -> str:
    """`exc` told in one line: an OSError as "file: reason", anything else by its
    message, its whitespace (DuckDB's multi-line messages) folded."""
    if isinstance(exc, OSError) and exc.strerror:
        # errno's own words: Arrow's strerror is a sentence with the errno inside
        reason = os.strerror(exc.errno) if exc.errno else exc.strerror
        reason = reason[:1].lower() + reason[1:]
        text = f"{exc.filename}: {reason}" if exc.filename else reason
    else:
        text = str(exc) or type(exc).__name__
    return " ".join(text.split())


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so Python's flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests)
        pass


EPILOG = ("Exit status: 0 when the work was done (for read, code and ingest: at least "
          "one document read); 1 on an error, told in one line (TIDINGS_DEBUG=1 adds "
          "its traceback); 2 on a usage error.")


@click.group(cls=_Group, epilog=EPILOG)
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
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0,
              show_default=True,
              help="Drop events below this confidence (0 to 1): trades recall for precision.")
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


def _check_db(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from .store.commands import check_db

    return check_db(ctx, param, value)


@main.command()
@click.option("--lake", required=True, help="Parquet lake written by `ingest --lake`.")
@click.option("--db", default="tidings.duckdb", show_default=True,
              callback=_check_db,
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
