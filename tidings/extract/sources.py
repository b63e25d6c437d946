"""tidings_sources: placeholder until the real extractor lands (assigns doc._.sources_cited)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .doc import register_extensions

register_extensions()


@Language.factory("tidings_sources", assigns=["doc._.sources_cited"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.sources_cited = []
        return doc
    return component
