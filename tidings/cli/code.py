"""Commands that code without a store: read, code, info."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import click

from .formats import format_options, terminal_width
from .table_options import table_options


def _emit_all(docs: Iterable[dict[str, Any]], fmt: str,
              with_text: bool = False) -> Iterator[dict[str, Any]]:
    """Print each document as it comes (and pass it on): `json` as ONE array over all
    documents (json.load reads it), `jsonl` one object a line, `pretty` for reading."""
    if fmt == "pretty":
        from .pretty import console, document_view

        out = console(width=terminal_width())
        for doc in docs:
            out.print(document_view(doc, out.width, with_text))
            yield doc
        return
    first = True
    if fmt == "json":
        click.echo("[", nl=False)
    try:
        for doc in docs:
            if fmt == "json":
                click.echo(("\n" if first else ",\n")
                           + json.dumps(doc, ensure_ascii=False, indent=2), nl=False)
            else:
                click.echo(json.dumps(doc, ensure_ascii=False))
            first = False
            yield doc
    finally:  # a run that fails half-way still leaves valid JSON behind
        if fmt == "json":
            click.echo("\n]" if not first else "]")


def _read_record(record: dict[str, Any]) -> dict[str, Any]:
    """A `read` record with every error's keys, `origin` None when unknown."""
    record["errors"] = [{"stage": e.get("stage"), "message": e.get("message"),
                         "origin": e.get("origin")} for e in record["errors"]]
    return record


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="jsonl",
              show_default=True, help="jsonl: one object a line; json: one array.")
@click.option("--published", help="Publication time where the input has none "
              "(YYYY-MM-DD[THH:MMZ]).")
@click.option("--follow", is_flag=True, help="RSS/Atom: fetch each item's link.")
@click.option("--allow-private", is_flag=True,
              help="With --follow: allow private and loopback addresses.")
@table_options
def read(paths: tuple[str, ...], fmt: str, published: str | None, follow: bool,
         allow_private: bool, columns: Any) -> None:
    """Read articles (no NLP) and print {"article", "errors"} per document."""
    # Imported here (as in every command): `tidings --help` and the worker processes
    # that re-import this module need none of it.
    from ..run.options import RunOptions

    options = RunOptions(published=published, follow=follow, allow_private=allow_private,
                         columns=columns)
    n_ok = 0
    for doc in _emit_all((_read_record(r.to_dict()) for r in options.read(paths)), fmt):
        n_ok += doc["article"] is not None
    if n_ok == 0:
        raise click.ClickException("no article could be read")


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "pretty"]),
              default="jsonl", show_default=True,
              help="jsonl: one object a line; json: one array of all documents; pretty: "
              "for reading (a table of events, then quotes, casualties and places).")
@click.option("--published", help="Publication time where the input has none.")
@click.option("--with-text", is_flag=True, help="With --format pretty: first the text, "
              "with triggers, actors, places, dates and quotes marked.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0,
              show_default=True,
              help="Drop events below this confidence (0 to 1): trades recall for precision.")
@click.option("--follow", is_flag=True, help="RSS/Atom: fetch each item's link.")
@click.option("--allow-private", is_flag=True,
              help="With --follow: allow private and loopback addresses.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes, each loading the model once; output order and "
              "content are the same as with 1.")
@table_options
def code(paths: tuple[str, ...], fmt: str, published: str | None, with_text: bool,
         min_confidence: float, follow: bool, allow_private: bool, workers: int,
         columns: Any) -> None:
    """Code articles into actors, events, quotes, places, dates and casualties."""
    from ..run.jsonl import code_documents
    from ..run.options import RunOptions

    options = RunOptions(published=published, min_confidence=min_confidence, follow=follow,
                         allow_private=allow_private, workers=workers, columns=columns)
    if with_text and fmt != "pretty":
        raise click.UsageError("--with-text goes with --format pretty")
    n_ok = 0
    for doc in _emit_all(code_documents(options.read(paths), options), fmt, with_text):
        n_ok += doc.get("article") is not None
    if n_ok == 0:
        raise click.ClickException("no article could be read")


@click.command()
@format_options(json_means="json")
def info(fmt: str) -> None:
    """Version, spaCy model and knowledge-base sizes."""
    from ..pipeline import describe
    from ..tabular import mapping_text

    facts = describe()
    if fmt != "table":
        click.echo(mapping_text(facts, fmt))
    else:
        for key, value in facts.items():
            click.echo(f"{key}: {value}")


COMMANDS: list[click.Command] = [read, code, info]
