"""How the CLI tells a failure: the one place a library error becomes a CLI error.

An expected failure (tidings' own, the operating system's, DuckDB's) is one line on
stderr, exit 1; TIDINGS_DEBUG=1 adds its traceback. Anything else is a bug and keeps
its traceback. A TidingsError about a bad value (`option` set: "published", "workers")
is told with the option's flag ("--published ...").
"""
from __future__ import annotations

import os
import sys

from ..errors import TidingsError


def debug() -> bool:
    return os.environ.get("TIDINGS_DEBUG", "") not in ("", "0")


def expected(exc: BaseException) -> bool:
    """A failure of the world, not of tidings: ours, the OS's, DuckDB's. (DuckDB is not
    imported for it: if it never was, the error cannot be one of its.)"""
    duckdb = sys.modules.get("duckdb")
    return isinstance(exc, TidingsError | OSError) or (
        duckdb is not None and isinstance(exc, duckdb.Error))


def flagged(exc: TidingsError) -> str:
    """The error's text with the parameter it names spelled as its CLI flag."""
    message, option = exc.message, exc.option
    if option and message.startswith(option):
        message = "--" + option.replace("_", "-") + message[len(option):]
    return f"{exc.origin}: {message}" if exc.origin else message


def one_line(exc: BaseException) -> str:
    """`exc` told in one line: an OSError as "file: reason", a TidingsError with its
    flag (see `flagged`), anything else by its message, its whitespace (DuckDB's
    multi-line messages) folded."""
    if isinstance(exc, OSError) and exc.strerror:
        # errno's own words: Arrow's strerror is a sentence with the errno inside
        reason = os.strerror(exc.errno) if exc.errno else exc.strerror
        reason = reason[:1].lower() + reason[1:]
        text = f"{exc.filename}: {reason}" if exc.filename else reason
    elif isinstance(exc, TidingsError):
        text = flagged(exc)
    else:
        text = str(exc) or type(exc).__name__
    text = " ".join(text.split())
    if "Conflicting lock" in text:  # a store `tidings serve` owns: say where it is served
        from ..web.owner import explain_lock

        text = explain_lock(text)
    return text


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so Python's flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests)
        pass
