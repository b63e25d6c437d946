"""The store's tables, declared once: DuckDB DDL and the matching Arrow schemas come from here.

Every per-document table carries `article_hash`, the content hash of the article it came
from (see `tidings.store.rows.content_hash`). Nested contract fields that analysts rarely
filter on (mentions, paragraphs, full actor lists) are kept as JSON columns.
No PRIMARY KEY constraints: DuckDB rejects delete-then-reinsert of a key inside one
transaction, which `--recode` needs; uniqueness is kept by the writer and checked in tests.
"""
from __future__ import annotations

from functools import cache

import pyarrow as pa

SCHEMA_VERSION = 2

# How a store of an older version is brought up to this one, statement by statement
# (run in one transaction when a writer opens it); a version missing here cannot be.
MIGRATIONS: dict[int, list[str]] = {
    # 2: an article's retellings of one event joined (docs/output.md, `mentions`), and
    #    where each event's date came from
    1: ['ALTER TABLE event_mentions ADD COLUMN "mentions" JSON',
        'ALTER TABLE event_mentions ADD COLUMN "date_from" VARCHAR'],
}

_ARROW = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),  # JSON text; DuckDB casts it on INSERT ... SELECT
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
}

TABLES: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("hash", "VARCHAR"), ("id", "VARCHAR"), ("origin", "VARCHAR"), ("url", "VARCHAR"),
        ("source", "VARCHAR"), ("title", "VARCHAR"), ("subtitles", "JSON"),
        ("section", "VARCHAR"), ("published", "VARCHAR"), ("language", "VARCHAR"),
        ("text", "VARCHAR"), ("paragraphs", "JSON"), ("coded_at", "TIMESTAMP"),
        ("coder_version", "VARCHAR"), ("n_events", "INTEGER"), ("n_errors", "INTEGER"),
    ],
    "actors": [
        ("article_hash", "VARCHAR"), ("actor_id", "VARCHAR"), ("name", "VARCHAR"),
        ("kind", "VARCHAR"), ("country", "VARCHAR"), ("sector", "VARCHAR"),
        ("code", "VARCHAR"), ("title", "VARCHAR"), ("n_mentions", "INTEGER"),
        ("mentions", "JSON"),
    ],
    # One row per event as one article coded it; `event_id` points at the merged event.
    "event_mentions": [
        ("mention_id", "VARCHAR"), ("event_id", "VARCHAR"), ("article_hash", "VARCHAR"),
        ("local_id", "VARCHAR"), ("merge_key", "VARCHAR"), ("type", "VARCHAR"),
        ("mode", "VARCHAR"), ("context", "JSON"), ("cameo", "VARCHAR"),
        ("goldstein", "DOUBLE"), ("quad_class", "INTEGER"),
        ("source_code", "VARCHAR"), ("source_name", "VARCHAR"),
        ("source_country", "VARCHAR"), ("source_sector", "VARCHAR"),
        ("target_code", "VARCHAR"), ("target_name", "VARCHAR"),
        ("target_country", "VARCHAR"), ("target_sector", "VARCHAR"),
        ("source_actors", "JSON"), ("target_actors", "JSON"),
        ("date", "VARCHAR"), ("date_precision", "VARCHAR"), ("day", "DATE"),
        ("location_key", "VARCHAR"), ("location_name", "VARCHAR"),
        ("location_country", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"),
        ("geonameid", "BIGINT"), ("location_feature", "VARCHAR"),
        ("negated", "BOOLEAN"), ("modality", "VARCHAR"), ("confidence", "DOUBLE"),
        ("sentence_start", "INTEGER"), ("sentence_end", "INTEGER"),
        ("sentence", "VARCHAR"), ("trigger_start", "INTEGER"), ("trigger_end", "INTEGER"),
        ("trigger", "VARCHAR"), ("quote_id", "VARCHAR"), ("in_lead", "BOOLEAN"),
        ("outlet", "VARCHAR"), ("url", "VARCHAR"), ("published", "VARCHAR"),
        # every telling of the event in the article: [{id, sentence, trigger, by,
        # modality}], offsets into the article's text
        ("mentions", "JSON"), ("date_from", "VARCHAR"),
    ],
    # One row per real-world event, merged across articles (rule: docs/store.md).
    "events": [
        ("event_id", "VARCHAR"), ("merge_key", "VARCHAR"), ("type", "VARCHAR"),
        ("mode", "VARCHAR"), ("context", "JSON"), ("cameo", "VARCHAR"),
        ("goldstein", "DOUBLE"), ("quad_class", "INTEGER"),
        ("source_code", "VARCHAR"), ("source_name", "VARCHAR"),
        ("source_country", "VARCHAR"), ("source_sector", "VARCHAR"),
        ("target_code", "VARCHAR"), ("target_name", "VARCHAR"),
        ("target_country", "VARCHAR"), ("target_sector", "VARCHAR"),
        ("source_actors", "JSON"), ("target_actors", "JSON"),
        ("date", "VARCHAR"), ("date_precision", "VARCHAR"), ("day", "DATE"),
        ("location_name", "VARCHAR"), ("location_country", "VARCHAR"),
        ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("geonameid", "BIGINT"),
        ("location_feature", "VARCHAR"), ("negated", "BOOLEAN"), ("modality", "VARCHAR"),
        ("confidence", "DOUBLE"), ("is_root", "BOOLEAN"), ("sentence", "VARCHAR"),
        ("num_mentions", "INTEGER"), ("num_articles", "INTEGER"), ("num_sources", "INTEGER"),
        ("first_published", "VARCHAR"), ("source_url", "VARCHAR"),
        ("representative_mention", "VARCHAR"),
    ],
    "quotes": [
        ("article_hash", "VARCHAR"), ("quote_id", "VARCHAR"), ("text", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("direct", "BOOLEAN"),
        ("speaker", "VARCHAR"), ("speaker_name", "VARCHAR"), ("cue", "VARCHAR"),
    ],
    "places": [
        ("article_hash", "VARCHAR"), ("name", "VARCHAR"), ("country", "VARCHAR"),
        ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("geonameid", "BIGINT"),
        ("feature", "VARCHAR"), ("n_mentions", "INTEGER"), ("mentions", "JSON"),
    ],
    "dates": [
        ("article_hash", "VARCHAR"), ("text", "VARCHAR"), ("start", "INTEGER"),
        ("end", "INTEGER"), ("value", "VARCHAR"), ("precision", "VARCHAR"),
    ],
    "casualties": [
        ("article_hash", "VARCHAR"), ("killed", "INTEGER"), ("injured", "INTEGER"),
        ("killed_or_injured", "INTEGER"), ("text", "VARCHAR"), ("start", "INTEGER"),
        ("end", "INTEGER"), ("event_local_id", "VARCHAR"),
    ],
    "sources_cited": [
        ("article_hash", "VARCHAR"), ("name", "VARCHAR"), ("start", "INTEGER"),
        ("end", "INTEGER"),
    ],
    # `error_key` makes re-reading the same broken input idempotent.
    "errors": [
        ("error_key", "VARCHAR"), ("article_hash", "VARCHAR"), ("origin", "VARCHAR"),
        ("stage", "VARCHAR"), ("message", "VARCHAR"), ("at", "TIMESTAMP"),
    ],
}

# Tables whose rows belong to one article and are replaced together on --recode.
PER_ARTICLE = ["actors", "event_mentions", "quotes", "places", "dates", "casualties",
               "sources_cited"]


def ddl() -> list[str]:
    """CREATE statements for every table plus the meta table (idempotent)."""
    stmts = ["CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)"]
    for name, cols in TABLES.items():
        body = ", ".join(f'"{c}" {t}' for c, t in cols)
        stmts.append(f"CREATE TABLE IF NOT EXISTS {name} ({body})")
    return stmts


@cache
def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema whose columns line up one-to-one with `table`."""
    return pa.schema([(c, _ARROW[t]) for c, t in TABLES[table]])


def to_arrow(table: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts keyed by column name; missing keys are NULL) as an Arrow table."""
    # Arrow's own converter: several times faster than building Python column lists.
    return pa.Table.from_pylist(rows, schema=arrow_schema(table))


@cache
def _columns(table: str) -> tuple[str, ...]:
    return tuple(c for c, _ in TABLES[table])


def columns(table: str) -> list[str]:
    """The table's column names, in order."""
    return list(_columns(table))
