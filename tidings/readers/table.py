"""Tables of articles -> Articles: CSV, TSV and Parquet files, one article a row.

Which column holds what is given by a `TableColumns` (the `--text-col`, `--title-col`,
`--date-col`, `--url-col`, `--id-col` and `--source-col` options), or found by header
name, case-insensitively: text/body/content/article/full_text, title/headline,
date/published/publish_date/pubdate/datetime, url/link, id, source/outlet/publisher.

A CSV or TSV file is told apart from prose by its first line: a header of two or more
short names, one of which is the text column. A bad row - too few or too many fields,
no text, a value of the wrong kind - is an error result naming the file and the row
("news.csv#7": row 7, counted from the first row after the header); the other rows
are read on. Each row becomes an article exactly as a JSON Lines record would
(`jsonl.article_from_record`).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import ReadError
from ..limits import limits
from ..models import ReadResult
from .common import read_error
from .jsonl import Ids, article_from_record

PARQUET_MAGIC = b"PAR1"
# The record fields a table's columns fill, and the header names looked for by default.
DEFAULT_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text", "fulltext", "article_text"),
    "title": ("title", "headline", "heading"),
    "published": ("date", "published", "publish_date", "published_at", "pubdate",
                  "datetime", "publication_date"),
    "url": ("url", "link", "source_url"),
    "id": ("id", "doc_id", "article_id", "guid"),
    "source": ("source", "outlet", "publisher", "source_name"),
}
# A header field: a short name (letters, digits, space, _ . - /) of at most four words,
# not a sentence.
_HEADER_FIELD = re.compile(r"\w[\w.\-/]*(?: [\w.\-/]+){0,3}")


@dataclass(frozen=True)
class TableColumns:
    """The column names a table's fields come from; None: found by header name."""
    text: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    id: str | None = None
    source: str | None = None

    def asked(self) -> set[str]:
        """The column names asked for (lower case)."""
        return {getattr(self, f).strip().lower() for f in DEFAULT_NAMES if getattr(self, f)}

    def names(self) -> set[str]:
        """The header names (lower case) that mark a table: the default names of the
        text column, and with any column asked for, every default and asked name."""
        if not self.asked():
            return set(DEFAULT_NAMES["text"])
        return self.asked().union(*DEFAULT_NAMES.values())

    def resolve(self, header: list[str], origin: str) -> dict[str, int]:
        """{record field: column index}; ReadError naming `origin` when a column asked
        for is not in the header, or no text column is."""
        lowered = [h.strip().lower() for h in header]
        out: dict[str, int] = {}
        for field, defaults in DEFAULT_NAMES.items():
            asked = getattr(self, field)
            if asked:
                if asked.strip().lower() not in lowered:
                    raise ReadError(f"no column {asked!r} for the {_LABEL[field]} "
                                    f"(the columns are {', '.join(header)})", origin)
                out[field] = lowered.index(asked.strip().lower())
                continue
            found = next((lowered.index(n) for n in defaults if n in lowered), None)
            if found is not None:
                out[field] = found
        if "text" not in out:
            raise ReadError("no text column: name one with --text-col (the columns are "
                            f"{', '.join(header)})", origin)
        return out


_LABEL = {"text": "text", "title": "title", "published": "date", "url": "URL", "id": "id",
          "source": "outlet"}
_OPTION = {"text": "text_col", "title": "title_col", "published": "date_col",
           "url": "url_col", "id": "id_col", "source": "source_col"}


def is_parquet(data: bytes) -> bool:
    return data.startswith(PARQUET_MAGIC) and data.endswith(PARQUET_MAGIC) and len(data) > 8


def delimiter_of(text: str, columns: TableColumns | None) -> str | None:
    """"\\t" or "," when `text` starts with a table header (see the module docstring):
    short names, one of them a default text column name; with columns asked for, one
    of them any default or asked name, or any tab-separated header."""
    # the first line by any line ending ("\r\n", "\n" or a lone "\r"), so csv sees no
    # line break inside it
    first = (text.lstrip("\ufeff")[:4096].splitlines() or [""])[0]
    for delimiter in ("\t", ","):
        if delimiter not in first:
            continue
        header = next(csv.reader([first], delimiter=delimiter))
        names = [h.strip() for h in header]
        if len(names) < 2 or not all(len(n) <= 64 and _HEADER_FIELD.fullmatch(n)
                                     and not n.endswith(".") for n in names):
            continue
        lowered = {n.lower() for n in names}
        wanted = columns or TableColumns()
        if lowered & wanted.names() or (delimiter == "\t" and wanted.asked()):
            return delimiter  # a tab-separated header with columns asked for is a table
    return None


def read_delimited(text: str | Iterable[str], origin: str, delimiter: str,
                   published: str | None,
                   columns: TableColumns | None = None) -> Iterator[ReadResult]:
    """One ReadResult per data row of a CSV (`,`) or TSV (tab) text, or of its lines
    (a text file opened with newline="": read a row at a time)."""
    csv.field_size_limit(min(sys.maxsize, max(limits().max_document_bytes, 1 << 17)))
    lines = io.StringIO(text.lstrip("\ufeff"), newline="") if isinstance(text, str) else text
    rows = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(rows)
        fields = (columns or TableColumns()).resolve(header, origin)
    except StopIteration:
        yield read_error(origin, "empty table (no header row)")
        return
    except ReadError as exc:
        yield read_error(origin, exc.message)
        return
    number = 0
    ids = Ids("row")
    while True:
        try:
            row = next(rows)
        except StopIteration:
            if number == 0:
                yield read_error(origin, "the table has a header and no rows")
            return
        except csv.Error as exc:
            yield read_error(f"{origin}#{number + 1}", f"row {number + 1}: not valid "
                             f"{'TSV' if delimiter == chr(9) else 'CSV'} ({exc}); the rest "
                             "of the table is not read")
            return
        number += 1
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        yield ids.check(_row_result(row, len(header), fields, f"{origin}#{number}", number,
                                    published), number)


def _row_result(row: list[Any], width: int, fields: dict[str, int], where: str, number: int,
                published: str | None) -> ReadResult:
    if len(row) != width:
        return read_error(where, f"row {number} has {len(row)} fields, the header has "
                                 f"{width}")
    record: dict[str, Any] = {}
    for field, index in fields.items():
        value = _cell(row[index])
        if value is not None:
            record[field] = value
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        return read_error(where, f"row {number}: no text (the text column is empty)")
    result = article_from_record(record, where, published)
    for error in result.errors:
        if not error.message.startswith("row "):
            error.message = f"row {number}: {error.message}"
    return result


def _cell(value: Any) -> str | None:
    """A table cell as a record value: None when empty; dates and numbers as text."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        stamp = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return stamp.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    text = str(value)
    return text if text.strip() else None


def read_parquet(data: bytes, origin: str, published: str | None,
                 columns: TableColumns | None = None) -> Iterator[ReadResult]:
    """One ReadResult per row of a Parquet file of articles."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(io.BytesIO(data))
        header = parquet.schema_arrow.names
        fields = (columns or TableColumns()).resolve(header, origin)
    except ReadError as exc:
        yield read_error(origin, exc.message)
        return
    except (pa.ArrowException, OSError, ValueError) as exc:
        yield read_error(origin, f"not a readable Parquet file ({exc})")
        return
    names = [header[i] for i in fields.values()]
    by_name = {header[i]: field for field, i in fields.items()}
    number = 0
    ids = Ids("row")
    try:
        for batch in parquet.iter_batches(batch_size=256, columns=names):
            for values in batch.to_pylist():
                number += 1
                row = [values[n] for n in names]
                where = f"{origin}#{number}"
                index = {by_name[n]: i for i, n in enumerate(names)}
                yield ids.check(_row_result(row, len(names), index, where, number, published),
                                number)
    except (pa.ArrowException, OSError, ValueError) as exc:
        yield read_error(f"{origin}#{number + 1}", f"row {number + 1}: cannot read the "
                         f"Parquet file on ({exc}); the rest of it is not read")
