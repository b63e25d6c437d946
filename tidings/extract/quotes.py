"""tidings_quotes: placeholder until the real extractor lands (assigns doc._.quotes)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .doc import register_extensions

register_extensions()


@Language.factory("tidings_quotes", assigns=["doc._.quotes"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.quotes = []
        return doc
    return component
