"""tidings_events: placeholder until the real extractor lands (assigns doc._.events)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .doc import register_extensions

register_extensions()


@Language.factory("tidings_events", assigns=["doc._.events"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.events = []
        return doc
    return component
