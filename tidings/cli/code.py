"""Commands that code without a store: read, code, info."""
from __future__ import annotations

import json

import click


def _emit(obj: dict, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(obj, ensure_ascii=False, indent=2))
    else:
        click.echo(json.dumps(obj, ensure_ascii=False))


@click.command()
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
    # Imported here (as in every command): `tidings --help` and the worker processes
    # that re-import this module need none of it.
    from ..run.options import RunOptions

    options = RunOptions(published=published, follow=follow, allow_private=allow_private)
    n_ok = 0
    for result in options.read(paths):
        n_ok += result.article is not None
        _emit(result.to_dict(), fmt)
    if n_ok == 0:
        raise click.ClickException("no article could be read")


@click.command()
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
    from ..run.jsonl import code_documents
    from ..run.options import RunOptions

    options = RunOptions(published=published, min_confidence=min_confidence, follow=follow,
                         allow_private=allow_private, workers=workers)
    n_ok = 0
    for doc in code_documents(options.read(paths), options):
        n_ok += doc.get("article") is not None
        _emit(doc, fmt)
    if n_ok == 0:
        raise click.ClickException("no article could be read")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def info(as_json: bool) -> None:
    """Version, spaCy model and knowledge-base sizes."""
    from ..pipeline import describe

    facts = describe()
    if as_json:
        click.echo(json.dumps(facts, indent=2))
    else:
        for key, value in facts.items():
            click.echo(f"{key}: {value}")


COMMANDS: list[click.Command] = [read, code, info]
