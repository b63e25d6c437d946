"""tidings_actors: placeholder until the real extractor lands (assigns doc._.actors)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .doc import register_extensions

register_extensions()


@Language.factory("tidings_actors", assigns=["doc._.actors"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.actors = []
        doc._.actor_spans = []
        return doc
    return component
