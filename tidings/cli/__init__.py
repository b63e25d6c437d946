"""Command line: thin wrappers that turn options into calls on the package.

`code` (read, code, info), `store` (ingest, load, query, stats, errors, export) and
`eval` hold the commands; `guard` tells failures.

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

import sys
import traceback
from typing import Any

import click

from .. import __version__
from ..limits import limits
from . import code
from .guard import debug, expected, one_line, quiet_stdout

__all__ = ["main", "one_line"]


class _Group(click.Group):
    """The `tidings` group, whose store and eval commands are added on first need.

    Their modules import pandas and DuckDB (about 0.6 s). `tidings code` does not need
    them, nor does any worker process `--workers` spawns (spawn re-imports the command's
    main module, hence this module, in every worker)."""

    _added = False

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, with an expected failure turned into one line (see the
        module docstring): a click error, which click prints and exits with. The one
        place a command's failure becomes a CLI error."""
        try:
            limits()  # a bad TIDINGS_MAX_... setting stops the run before any work
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            if debug() and exc.__cause__ is not None:  # a command's own mapping
                traceback.print_exception(exc.__cause__)
            raise
        except (click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # `tidings query | head`: the reader left, not an error
            quiet_stdout()
            ctx.exit(1)
        except Exception as exc:
            if not expected(exc) or debug():
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


EPILOG = ("Exit status: 0 when the work was done (for read, code and ingest: at least "
          "one document read); 1 on an error, told in one line (TIDINGS_DEBUG=1 adds "
          "its traceback); 2 on a usage error.")


@click.group(cls=_Group, epilog=EPILOG)
@click.version_option(__version__, prog_name="tidings")
def main() -> None:
    """tidings: news in, checkable event data out."""


for _command in code.COMMANDS:
    main.add_command(_command)


def _add_commands() -> None:
    # Here, not at the top: these modules import pandas and DuckDB (see _Group).
    from . import eval as eval_commands
    from . import serve as serve_commands
    from . import store as store_commands

    for cmd in [*store_commands.COMMANDS, *eval_commands.COMMANDS, *serve_commands.COMMANDS]:
        main.add_command(cmd)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
