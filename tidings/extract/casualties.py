"""tidings_casualties: placeholder until the real extractor lands (assigns doc._.casualties)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .doc import register_extensions

register_extensions()


@Language.factory("tidings_casualties", assigns=["doc._.casualties"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.casualties = []
        return doc
    return component
