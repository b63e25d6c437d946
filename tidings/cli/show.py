"""`tidings show ID --db FILE`: one stored article in the terminal, its text with
triggers, actors, places, dates and quotes marked, then its events."""
from __future__ import annotations

import click

from ..store.db import Store
from ..store.documents import stored_document
from ..tabular import json_text
from .formats import terminal_width
from .pretty import (
    console,
    events_table,
    facts,
    heading,
    legend,
    marked_spans,
    marked_text,
    section,
)


@click.command()
@click.argument("ident", metavar="ID")
@click.option("--db", default="tidings.duckdb", show_default=True, help="DuckDB store file.")
@click.option("--format", "fmt", type=click.Choice(["pretty", "json"]), default="pretty",
              show_default=True, help="pretty: the marked text, then its events; json: the "
              "article as `tidings code` prints it (without `by`).")
@click.option("--color/--no-color", default=None,
              help="Colour even when not printing to a terminal (or never).")
def show(ident: str, db: str, fmt: str, color: bool | None) -> None:
    """Show a stored article: its text with triggers, actors, places, dates and quotes
    marked, then its events.

    ID is an article id, an article hash (or its first 6+ characters), or an event id
    (or its start, as the `event` column of `tidings query` prints it)."""
    with Store.open(db, read_only=True) as store:
        doc = stored_document(store, ident)
    if fmt == "json":
        click.echo(json_text(doc, indent=2))
        return
    out = console(width=terminal_width(), color=color)
    out.print(heading(doc))
    out.print(facts(doc))
    out.print(legend())
    out.print(marked_text(doc["article"]["text"] or "", marked_spans(doc)))
    out.print()
    out.print(section("Events", len(doc["events"])))
    out.print(events_table(doc["events"], out.width) if doc["events"] else "  none")
