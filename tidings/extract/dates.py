"""tidings_dates: placeholder until the real extractor lands (assigns doc._.dates)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .doc import register_extensions

register_extensions()


@Language.factory("tidings_dates", assigns=["doc._.dates"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.dates = []
        return doc
    return component
