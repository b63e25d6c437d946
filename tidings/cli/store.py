"""CLI commands over the store: ingest, load, query, stats, errors, export.

Each command turns its options into one call into the run layer or `tidings.store`;
failures are told by the group's guard (tidings.cli.guard); no SQL here.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

import click

from ..errors import StoreError
from ..run import ingesting
from ..run.executors import dask_executor
from ..run.options import CODE_BATCH, LAKE_BATCH, RunOptions, default_batch_size
from ..store.db import Store
from ..store.exports import BINARY_FORMATS, FORMATS
from ..store.exports import export as write_events
from ..store.lake_load import lake_store, load_lake
from ..store.query import EventFilter
from ..store.render import render_errors, render_events, render_stats, summary
from .formats import format_options, terminal_width
from .guard import one_line
from .show import show
from .table_options import table_options

DEFAULT_DB = "tidings.duckdb"


def check_db(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--db must name a file: an empty one would make DuckDB use a store in memory,
    which is gone when the command ends."""
    if value is not None and not value.strip():
        raise click.BadParameter("give a file name (an empty --db would store nothing)")
    return value


db_option = click.option("--db", default=DEFAULT_DB, show_default=True, callback=check_db,
                         help="DuckDB store file.")

# What --dask accepts: local, local:N, or a scheduler address [scheme://]host:port.
_DASK_SPEC = re.compile(r"local(:.*)?"  # local:N itself is checked by dask_executor
                        r"|([a-z][a-z0-9+.-]*://)?"  # tcp://, tls://, ucx://...
                        r"(\[[0-9a-fA-F:.]+\]|[^\s:/\[\]]+):\d+/?")  # host:port


def check_dask(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not _DASK_SPEC.fullmatch(value.strip()):
        raise click.BadParameter(f"{value!r}: give local:N or a scheduler address "
                                 "such as tcp://host:8786")
    return value if value is None else value.strip()


def filter_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The event filters shared by `query` and `export` (and the Python API's
    `events(...)`: tidings.store.query.EventFilter)."""
    opts = [
        click.option("--type", "type_", help="PLOVER types, comma-separated (ASSAULT,COERCE)."),
        click.option("--country", help="A country (IRN, ir, Iran) as the source, the target "
                     "or the location."),
        click.option("--source", help="Who acted: a country (IRN, ir, Iran) or an actor "
                     "code (IRNGOV; COP for any police)."),
        click.option("--target", help="Who was acted on, as --source."),
        click.option("--dyad", metavar="SOURCE-TARGET", help="Source and target at once, "
                     "directed (USA-IRN: USA acting on Iran); add --undirected for both ways."),
        click.option("--undirected", is_flag=True, help="With --dyad: either side may act."),
        click.option("--actor", help="Substring of a participant's code or name (IRNGOV, Zarif)."),
        click.option("--place", help="Where: a country (Iraq, IQ) or part of a place name "
                     "(Basra)."),
        click.option("--modality", help="asserted, reported, future, hypothetical, "
                     "historical (comma-separated)."),
        click.option("--negated/--no-negated", default=None,
                     help="Only negated events (\"did not attack\"), or none of them "
                     "[default: both]."),
        click.option("--min-confidence", type=click.FloatRange(0.0, 1.0),
                     help="Only events at or above this confidence (0 to 1)."),
        click.option("--quad-class", help="1 verbal-cooperation, 2 material-cooperation, "
                     "3 verbal-conflict, 4 material-conflict (numbers or names, "
                     "comma-separated)."),
        click.option("--since", help="On or after: YYYY, YYYY-MM or YYYY-MM-DD; an event "
                     "dated only to a month or year counts when that whole period is inside."),
        click.option("--until", help="On or before: YYYY (its end), YYYY-MM or YYYY-MM-DD."),
        click.option("--text", help="Substring of a mention's sentence or article title."),
        click.option("--limit", type=click.IntRange(min=0), help="At most this many events."),
    ]
    for opt in reversed(opts):
        fn = opt(fn)
    return fn


def _filter(type_: str | None, **kw: Any) -> EventFilter:
    """The options as a checked EventFilter; a bad value is a usage error (exit 2)
    naming its flag and the closest valid values."""
    try:
        return EventFilter(type=type_, **kw).checked()
    except StoreError as exc:
        if not exc.option:
            raise
        message = exc.message.removeprefix(exc.option).lstrip()
        raise click.BadParameter(message, param_hint="'--" + exc.option.replace("_", "-")
                                 + "'") from exc


@contextmanager
def _lake_or_store(db: str, lake: str | None) -> Iterator[Store]:
    """The store at `db` opened read-only, or with `lake` that lake in memory."""
    if lake is None:
        with Store.open(db, read_only=True) as store:
            yield store
    else:
        with lake_store(lake) as store:
            yield store


@click.command()
@click.argument("paths", nargs=-1)
@db_option
@click.option("--published", help="Publication time where the input has none "
              "(YYYY-MM-DD[THH:MMZ]).")
@click.option("--recode", is_flag=True, help="Code stored articles again with the current "
              "coder and replace their rows; with no PATHs, every stored article.")
@click.option("--batch-size", type=click.IntRange(min=1),
              help="Documents coded together (one task per worker with --workers/--dask, "
              f"one set of part files with --lake) [default: {CODE_BATCH}; with --lake "
              f"{LAKE_BATCH}: `tidings load` reads a few large files much faster than many "
              "small ones]. Transactions hold up to 512 documents or 2 seconds of coding, "
              "whichever comes first.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0,
              show_default=True, help="Do not store events below this confidence (0 to 1).")
@click.option("--summary", "summary_", is_flag=True,
              help="Print what the store holds afterwards.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Coding processes, each loading the model once; the store is the same "
              "as with 1.")
@click.option("--dask", "dask_spec", metavar="local:N|tcp://HOST:PORT", callback=check_dask,
              help="Code on a Dask cluster: local:N starts N single-threaded worker "
              "processes, an address connects to a running scheduler.")
@click.option("--lake", metavar="DIR", help="Write a Parquet lake (partitioned by "
              "publication month) from the workers instead of the DuckDB store.")
@click.option("--follow", is_flag=True, help="RSS/Atom: fetch each item's link.")
@click.option("--allow-private", is_flag=True,
              help="With --follow: allow private and loopback addresses.")
@click.option("--server", metavar="URL", help="Send the articles to a running `tidings "
              "serve` at URL (it owns its store) instead of writing --db here; needs the "
              "write token (TIDINGS_TOKEN or --token-file).")
@click.option("--token-file", type=click.Path(dir_okay=False),
              help="With --server: file whose first line is the write token.")
@table_options
def ingest(paths: tuple[str, ...], db: str, published: str | None, recode: bool,
           batch_size: int | None, min_confidence: float, summary_: bool, quiet: bool,
           workers: int, dask_spec: str | None, lake: str | None, follow: bool,
           allow_private: bool, server: str | None, token_file: str | None,
           columns: Any) -> None:
    """Read, code and store articles; re-running the same input changes nothing.

    Exits 1 when PATHs were given and no document in them could be read (the store
    still records why, see `tidings errors`), as `read` and `code` do."""
    if server is not None:
        _ingest_remote(paths, server, token_file, published, follow,
                       bool(recode or lake or workers > 1 or dask_spec),
                       progress=not quiet and sys.stderr.isatty())
        return
    if not paths and not recode:
        raise click.UsageError("give at least one PATH (or --recode to re-code the store)")
    if lake and recode:
        raise click.UsageError("--recode works on a store, not a --lake")
    if recode and not paths and not os.path.exists(db):
        raise click.ClickException(f"{db}: no such store to re-code")
    if dask_spec and workers > 1:
        raise click.UsageError("give --workers or --dask, not both")
    options = RunOptions(published=published, recode=recode,
                         batch_size=batch_size or default_batch_size(lake),
                         min_confidence=min_confidence, workers=workers, follow=follow,
                         allow_private=allow_private, columns=columns,
                         progress=not quiet and sys.stderr.isatty())
    try:
        with dask_executor(dask_spec) if dask_spec else nullcontext() as executor:
            report = ingesting.ingest(paths, db, options, executor=executor, lake=lake)
    except OSError as exc:
        if lake is None or exc.filename:
            raise  # one line naming its file, from the guard
        # Arrow's write errors name no file: say which lake it was.
        raise click.ClickException(f"{lake}: {one_line(exc)}") from exc
    if lake:
        click.echo(f"{lake}: wrote {report.after['articles']} articles, "
                   f"{report.after['event_mentions']} event mentions, "
                   f"{report.after['errors']} errors ({report.skipped} repeated, "
                   f"{report.unreadable} unreadable); next: tidings load --lake {lake} "
                   f"--db {db}")
    elif summary_:
        click.echo(summary(db, report))
    else:
        click.echo(f"{db}: {report.after['articles']} articles, "
                   f"{report.after['events']} events, {report.after['errors']} errors "
                   f"({report.coded} coded, {report.skipped} already stored, "
                   f"{report.unreadable} unreadable)")
    if paths and report.read == report.unreadable:
        raise click.ClickException("no article could be read")


def _ingest_remote(paths: tuple[str, ...], server: str, token_file: str | None,
                   published: str | None, follow: bool, local_only: bool,
                   progress: bool = False) -> None:
    """`ingest --server URL`: the articles go to the server, which codes and stores them."""
    from . import remote
    if local_only:
        raise click.UsageError("--server sends articles to a server; --recode, --lake, "
                               "--workers and --dask are for a store written here")
    if not paths:
        raise click.UsageError("give at least one PATH to send to --server")
    url = remote.check_server(server)
    sent = remote.send(paths, url, remote.read_token(token_file), published, follow,
                       progress)
    click.echo(sent.line(url))
    if sent.stored + sent.known == 0:
        raise click.ClickException("no article was stored by the server")


@click.command()
@db_option
@filter_options
@format_options(json_means="json")
@click.option("--lake", metavar="DIR", help="Query a Parquet lake (from `ingest --lake`) "
              "instead of --db; its mentions are merged in memory first.")
def query(db: str, fmt: str, lake: str | None, **filters: Any) -> None:
    """Print merged events, newest first.

    The table gives each event's id (its start), date and how precise it is, type,
    source, target, place, how many mentions and outlets report it, and its sentence;
    csv, json and jsonl give every column."""
    f = _filter(**filters)
    with _lake_or_store(db, lake) as store:
        text = render_events(store, f, fmt, width=terminal_width())
    if text:  # no events as JSON lines is no line at all
        click.echo(text)


@click.command()
@db_option
@format_options(json_means="json")
def stats(db: str, fmt: str) -> None:
    """Counts: articles, events (by type), mentions, errors, top dyads."""
    with Store.open(db, read_only=True) as store:
        click.echo(render_stats(store.stats(), fmt=fmt))


@click.command()
@db_option
@format_options(json_means="jsonl")
def errors(db: str, fmt: str) -> None:
    """Documents that could not be read or coded, and why."""
    with Store.open(db, read_only=True) as store:
        text = render_errors(store, fmt=fmt)
    if text:
        click.echo(text)


@click.command()
@db_option
@click.option("--format", "fmt", required=True,
              type=click.Choice(FORMATS))
@click.option("--out", "-o", required=True, help="File to write; - for standard output "
              "(not with parquet).")
@filter_options
def export(db: str, fmt: str, out: str, **filters: Any) -> None:
    """Write merged events (one row each) as Parquet, CSV, JSONL, GDELT 2.0 (and a
    .sidecar.tsv of date precisions), ACLED-style CSV or POLECAT."""
    out = out.strip()
    if out == "-" and fmt in BINARY_FORMATS:
        raise click.BadParameter(f"{fmt} is binary: give a file name, not -",
                                 param_hint="'--out'")
    f = _filter(**filters)
    with Store.open(db, read_only=True) as store:
        n = write_events(store, fmt, click.get_text_stream("stdout") if out == "-" else out, f)
    click.echo(f"wrote {n} events to {'standard output' if out == '-' else out}", err=True)


@click.command()
@click.option("--lake", required=True, help="Parquet lake written by `ingest --lake`.")
@click.option("--db", default="tidings.duckdb", show_default=True,
              callback=check_db,
              help="DuckDB store file (created if missing).")
def load(lake: str, db: str) -> None:
    """Load a Parquet lake into a DuckDB store; loading twice changes nothing."""
    with Store.open(db, create=True) as store:
        done = load_lake(lake, store, progress=sys.stderr.isatty())
        events = store.count("events")
    click.echo(f"{db}: loaded {done['articles']} articles from {done['parts']} parts "
               f"({done['skipped']} already stored); {events} events")
    if done["unreadable_parts"]:
        click.echo(f"{done['unreadable_parts']} unreadable parts left out: "
                   f"tidings errors --db {db}", err=True)


COMMANDS: list[click.Command] = [ingest, load, query, show, stats, errors, export]
