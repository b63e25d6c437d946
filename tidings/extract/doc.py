"""Doc extension attributes shared by the tidings components.

`doc._.article` carries the article's metadata (publication time for dates).
Each component fills its own list; none of them import each other.
"""
from __future__ import annotations

from spacy.tokens import Doc

EXTENSIONS = {
    "article": None,        # tidings.models.Article
    "actors": None,         # list[Actor]
    "actor_spans": None,    # list[(start_char, end_char, actor_id)] sorted by start
    "events": None,         # list[Event]
    "event_vetoes": None,   # list[events.Vetoed]: candidates a named veto dropped
    "quotes": None,         # list[Quote]
    "places": None,         # list[Place]
    "dates": None,          # list[DateRef]
    "sources_cited": None,  # list[SourceCited]
    "casualties": None,     # list[Casualty]
    "tidings_errors": None,  # list[DocumentError]
}


def register_extensions() -> None:
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()


def published_of(doc: Doc) -> str | None:
    art = doc._.article
    return art.published if art is not None else None


def actor_at(doc: Doc, start_char: int, end_char: int) -> str | None:
    """The id of the actor mention overlapping [start_char, end_char), if any."""
    for s, e, actor_id in doc._.actor_spans or []:
        if s < end_char and start_char < e:
            return actor_id
        if s >= end_char:
            break
    return None


def doc_text(doc: Doc) -> str:
    """The article text the Doc was built from. `Doc.text` rebuilds the string from its
    tokens on every access (milliseconds on a long article); the Article keeps it."""
    art = doc._.article
    # Coder._join checks doc.text == article.text once; a Doc built elsewhere (a user's
    # own pipeline) has no article and pays the rebuild.
    return art.text if art is not None else doc.text
