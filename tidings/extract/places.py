"""tidings_places: placeholder until the real extractor lands (assigns doc._.places)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .doc import register_extensions

register_extensions()


@Language.factory("tidings_places", assigns=["doc._.places"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.places = []
        return doc
    return component
