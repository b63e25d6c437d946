"""The options naming the columns of CSV, TSV and Parquet tables of articles, shared by
`read`, `code` and `ingest`: the command receives them as one `columns` argument
(a readers.table.TableColumns, or None when none was given)."""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

# option name -> (TableColumns field, what the column holds)
_OPTIONS = {
    "text_col": ("text", "the article text [default: text, body, content, article...]"),
    "title_col": ("title", "the headline [default: title, headline]"),
    "date_col": ("published", "the publication time [default: date, published...]"),
    "url_col": ("url", "the article's URL [default: url, link]"),
    "id_col": ("id", "the article's id [default: id]"),
    "source_col": ("source", "the outlet [default: source, outlet, publisher]"),
}


def table_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Add --text-col ... --source-col to a command, handed to it as `columns`."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        given = {field: kwargs.pop(name) for name, (field, _) in _OPTIONS.items()}
        columns = None
        if any(given.values()):
            from ..readers.table import TableColumns
            columns = TableColumns(**given)
        return fn(*args, columns=columns, **kwargs)

    for name, (_, what) in reversed(_OPTIONS.items()):
        wrapper = click.option(f"--{name.replace('_', '-')}", name, metavar="NAME",
                               help=f"CSV/TSV/Parquet input: the column of {what}.")(wrapper)
    return wrapper
