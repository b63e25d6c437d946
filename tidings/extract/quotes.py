"""tidings_quotes: direct quotes and reported speech, with who said them.

Runs over the whole article Doc after `tidings_actors` and assigns `doc._.quotes`
(list[tidings.models.Quote], in text order, ids "q1", "q2", ...).

Direct quotes are found from the quotation marks themselves, paragraph by paragraph:
- straight and curly double marks open and close a quote; curly single marks do too
  when they are not inside a double-quoted stretch (nested quotes stay part of the
  outer one). A single mark between two letters is an apostrophe (Sha’abi, don’t);
- a quote never closed runs to the end of its paragraph, and a following paragraph
  that opens with a quotation mark continues it (the news convention for long quotes);
- a quote interrupted by its attribution ('"A," Mr. Hyers said. "B"') is ONE quote,
  as PolNeAR annotates it: `start`/`end` run from the first quoted word to the last,
  and `text` is the quoted words only, the fragments joined by a space (so `text`
  equals `article.text[start:end]` only for uninterrupted quotes);
- one to three quoted words are scare quotes ("dangerous", ‘organized terrorism’) and
  quoted titles ("the book “Art of the Deal”") are not quotes;
- a partial quote woven into a sentence ('called it "a total disaster for them"',
  'said that "we will win"') is not a direct quote of its own: the reported-speech
  clause around it covers it (PolNeAR annotates these as one mixed content span).

Speakers: the subject of the cue verb next to the quote (after it: '"...," X said',
'"...," said X'; before it: 'X said: "..."'; between the fragments of an interrupted
quote), or the object of "according to". Names map to actor ids through
`doc._.actor_spans` (so "Khazali underlined" gives "Qais Khazali", and title phrases
such as "the top Iranian diplomat" give the person the actors component linked them
to); without an actor the PERSON entity text is used, a surname expanded to the
fullest earlier mention. Pronouns take the most recent person before the quote. A
quote with no attribution at the start of a paragraph continues the previous
paragraph's quote and takes its speaker.

Reported speech (direct=False): "X said (that) CLAUSE", "X warned that ...",
"according to X, CLAUSE": `text` is the content clause.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..models import Actor, Quote
from ..ontology.words import words
from .doc import actor_at, doc_text, register_extensions

register_extensions()

# Word forms (the lemmatizer is disabled in the pipeline, so no lemmas).
CUE_VERBS = words("cue_verbs")
# Cues that introduce reported speech with a content clause.
REPORT_VERBS = CUE_VERBS - words("cue_verbs_not_reporting")
PRONOUNS = {"he": "person", "she": "person", "they": "any", "i": "person", "we": "any",
            "it": "org"}
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Words before a quoted stretch that make it a title, not speech.
_TITLE_WORDS = words("title_words")
_OPEN_DOUBLE, _CLOSE_DOUBLE = "\u201c", "\u201d"
_OPEN_SINGLE, _CLOSE_SINGLE = "\u2018", "\u2019"
_MIN_WORDS = 4
_GAP_CHARS = 250          # longest attribution between two fragments of one quote
_GAP_WORDS = 40
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


@dataclass
class _Raw:
    """One quoted stretch: fragments of quoted content (char offsets, marks excluded)."""
    frags: list[tuple[int, int]]
    open_at: int                    # offset of the opening mark
    close_at: int | None            # offset of the closing mark; None if never closed
    para: int                       # paragraph of the last fragment
    gaps: list[tuple[int, int]] = field(default_factory=list)  # text between fragments
    open_para: int = -1             # paragraph of the opening mark

    def __post_init__(self) -> None:
        if self.open_para < 0:
            self.open_para = self.para

    @property
    def start(self) -> int:
        return self.frags[0][0]

    @property
    def end(self) -> int:
        return self.frags[-1][1]


@dataclass
class _Speaker:
    actor_id: str | None
    name: str | None
    cue: str | None


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


# ---- quotation marks ------------------------------------------------------------------

def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _mark_kind(text: str, i: int) -> str | None:
    """'open', 'close' or None (apostrophe / not a mark) for the character at i."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch == _OPEN_DOUBLE:
        return "open"
    if ch == _CLOSE_DOUBLE:
        return "close"
    if ch == '"':
        if prev.isspace() or prev in "([{\u2014\u2013-/" or i == 0:
            return "open" if not nxt.isspace() else None
        return "close"
    if ch == _OPEN_SINGLE:
        return "open" if (prev.isspace() or prev in "([\"\u201c\u2014") and not nxt.isspace() \
            else None
    if ch == _CLOSE_SINGLE:
        if _is_letter(prev) and _is_letter(nxt):
            return None  # Sha’abi, don’t
        if prev.isspace():
            return None  # ’90s
        return "close" if not _is_letter(nxt) else None
    return None


def _paragraph_quotes(text: str, lo: int, hi: int, para: int) -> list[_Raw]:
    """Double-quoted stretches in text[lo:hi], then single-quoted ones outside them."""
    out: list[_Raw] = []
    open_at: int | None = None
    depth = 0
    last_close: int | None = None   # last closing mark inside the open quote
    for i in range(lo, hi):
        ch = text[i]
        if ch not in ('"', _OPEN_DOUBLE, _CLOSE_DOUBLE):
            continue
        kind = _mark_kind(text, i)
        if kind is None:
            continue
        if open_at is None:
            if kind == "open":
                open_at, depth, last_close = i, 0, None
            continue
        if kind == "open" and not (ch == '"' and text[open_at] == '"' and depth == 0
                                   and i - open_at > 1 and not text[i - 1].isspace()):
            depth += 1  # a nested quotation inside the quote
            continue
        if depth:
            depth -= 1
            last_close = i
            continue
        out.append(_Raw([(open_at + 1, i)], open_at, i, para))
        open_at = None
    if open_at is not None and depth and last_close is not None:
        # Unbalanced nesting: the last closing mark most likely ends the quote.
        out.append(_Raw([(open_at + 1, last_close)], open_at, last_close, para))
        open_at = None
    if open_at is not None:
        end = hi
        while end > open_at + 1 and text[end - 1].isspace():
            end -= 1
        out.append(_Raw([(open_at + 1, end)], open_at, None, para))
    covered = [(r.open_at, r.close_at if r.close_at is not None else hi) for r in out]
    single_open: int | None = None
    for i in range(lo, hi):
        if text[i] not in (_OPEN_SINGLE, _CLOSE_SINGLE):
            continue
        if any(a <= i <= b for a, b in covered):
            continue
        kind = _mark_kind(text, i)
        if kind == "open" and text[i] == _OPEN_SINGLE:
            single_open = i
        elif kind == "close" and single_open is not None:
            out.append(_Raw([(single_open + 1, i)], single_open, i, para))
            single_open = None
    out.sort(key=lambda r: r.open_at)
    return out


def _paragraph_bounds(doc: Doc) -> list[tuple[int, int]]:
    text = doc_text(doc)
    art = doc._.article
    if art is not None and art.paragraphs and art.text == text:
        return sorted((p.start, p.end) for p in art.paragraphs)
    bounds, pos = [], 0
    for m in re.finditer(r"\n\s*\n", text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    return bounds


def _merge_continuations(text: str, raws: list[_Raw],
                         bounds: list[tuple[int, int]]) -> list[_Raw]:
    """An unclosed quote continues into the next paragraph if that one opens with a mark."""
    out: list[_Raw] = []
    for raw in raws:
        prev = out[-1] if out else None
        if (prev is not None and prev.close_at is None and raw.para == prev.para + 1
                and text[bounds[raw.para][0]:raw.open_at].strip() == ""):
            _absorb(prev, raw, (prev.end, raw.start))
            continue
        out.append(raw)
    return out


def _absorb(prev: _Raw, raw: _Raw, gap: tuple[int, int]) -> None:
    """Make `raw` the continuation of `prev`: one quote, with `gap` left out of it."""
    prev.gaps.append(gap)
    prev.gaps.extend(raw.gaps)
    prev.frags.extend(raw.frags)
    prev.close_at, prev.para = raw.close_at, raw.para


def _has_cue(text: str) -> bool:
    return any(w.lower() in CUE_VERBS or w.lower() == "according" for w in _WORD.findall(text))


def _merge_interrupted(text: str, raws: list[_Raw]) -> list[_Raw]:
    """'"A," X said. "B"' -> one quote with two fragments."""
    out: list[_Raw] = []
    for raw in raws:
        prev = out[-1] if out else None
        if prev is not None and prev.close_at is not None and raw.open_para == prev.para:
            gap = text[prev.close_at + 1:raw.open_at]
            last = text[prev.frags[-1][1] - 1] if prev.end > prev.start else ""
            tail = text[(raw.close_at or raw.end) + 1:(raw.close_at or raw.end) + 60]
            tail = re.split(r"[\u201c\"\n]", tail)[0]
            if (len(gap) <= _GAP_CHARS and _has_cue(gap) and last in ",\u2014-:"
                    and word_count(gap) <= _GAP_WORDS and not _own_attribution(tail)
                    and not _continues_sentence(tail)):
                _absorb(prev, raw, (prev.close_at + 1, raw.open_at))
                continue
        out.append(raw)
    return out


def _continues_sentence(tail: str) -> bool:
    """True when a quote is followed by more of the writer's sentence, not an
    attribution ('"You squeezed them" to drive up the price'): a partial quote."""
    m = re.match(r"\s*([a-z][\w'\u2019-]*(?:\s+\S+){0,3})", tail)
    return bool(m) and not _has_cue(m.group(1))


def _own_attribution(tail: str) -> bool:
    """True when the text right after a quote starts its own '..., X said'."""
    m = re.match(r"\s*,?\s*((?:\S+\s+){0,5}?)(\S+)", tail)
    if not m:
        return False
    head = re.split(r"[.;!?]", tail, maxsplit=1)[0]
    return tail.lstrip().startswith(",") and _has_cue(head) or bool(
        re.match(r"\s*,?\s*(?:[A-Z][\w.'\u2019-]*\s+){1,4}(?:" + "|".join(
            sorted(CUE_VERBS)) + r")\b", tail))


# ---- filtering ------------------------------------------------------------------------

def _quoted_words(text: str, raw: _Raw) -> int:
    return sum(word_count(text[a:b]) for a, b in raw.frags)


def _is_title(text: str, raw: _Raw) -> bool:
    before = text[max(0, raw.open_at - 40):raw.open_at]
    words = [w.lower() for w in _WORD.findall(before)][-2:]
    body = text[raw.start:raw.end].strip()
    if any(w in _TITLE_WORDS for w in words) and not re.search(r"[.!?,]$", body):
        return True
    toks = _WORD.findall(body)
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "with", "at", "by"}
    content = [t for t in toks if t.lower() not in small]
    return (len(raw.frags) == 1 and bool(content) and all(t[0].isupper() for t in content)
            and not re.search(r"[.!?,;:]", body))


def _woven(doc: Doc, text: str, raw: _Raw) -> bool:
    """A partial quote inside a sentence ('called it "a disaster for them"')."""
    i = raw.open_at - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] in "\n:([\u2014\u2013-\u2026" or text[i] in ".!?":
        return False
    if text[i] in "\"\u201d\u2019":
        return False
    if text[i] == ",":
        return False
    tok = _token_at(doc, i)
    if tok is None:
        return False
    if tok.lower_ in CUE_VERBS or tok.lower_ in ("saying", "added", "writing", "and"):
        return False
    # A capitalised opening word after a verb of speaking further left still reads as
    # a full quote ('said in a statement: "We ..."'); lower-case content is woven in.
    first = text[raw.start:raw.start + 1]
    return not (first.isupper() and tok.pos_ in ("VERB", "AUX") and tok.lower_ in CUE_VERBS)


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


# ---- speakers -------------------------------------------------------------------------

class _SpeakerFinder:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.actors: dict[str, Actor] = {a.id: a for a in doc._.actors or []}
        self.persons = [e for e in doc.ents if e.label_ == "PERSON"]

    def name_of(self, actor_id: str | None) -> str | None:
        actor = self.actors.get(actor_id) if actor_id else None
        return actor.name if actor else None

    def from_subject(self, subj: Token, before: int) -> _Speaker | None:
        """The speaker a subject token names (resolving pronouns before char `before`)."""
        if subj.lower_ in PRONOUNS:
            aid = actor_at(self.doc, subj.idx, subj.idx + len(subj))
            if aid is not None and self.actors.get(aid) and \
                    self.actors[aid].kind == "person" or (aid and subj.lower_ == "they"):
                return _Speaker(aid, self.name_of(aid), None)
            return self._pronoun(subj.lower_, subj.idx)
        left = subj.left_edge
        # Cut appositions and relative clauses: "Qais Khazali, leader of ..., said".
        toks = [t for t in self.doc[left.i:subj.i + 1]]
        cut = [t.i for t in toks if t.text in (",", "(", "\u2015", "\u2014", "\u2013", "--")]
        start_tok = self.doc[max(cut) + 1] if cut and max(cut) < subj.i else left
        span = self.doc[start_tok.i:subj.i + 1]
        aid = actor_at(self.doc, subj.idx, subj.idx + len(subj)) or \
            actor_at(self.doc, span.start_char, span.end_char)
        if aid is not None and aid in self.actors:
            return _Speaker(aid, self.actors[aid].name, None)
        ent = next((e for e in self.persons if e.start <= subj.i < e.end), None)
        if ent is not None:
            return _Speaker(None, self._full_name(ent), None)
        name = " ".join(span.text.split()).strip(" ,")
        return _Speaker(None, name or None, None)

    def from_name_at(self, char: int) -> _Speaker | None:
        """The person named right at `char` ('" ... " ― Jane Roe, Ohio')."""
        ent = next((e for e in self.doc.ents if e.start_char <= char < e.end_char
                    and e.label_ in ("PERSON", "ORG")), None)
        if ent is not None:
            aid = actor_at(self.doc, ent.start_char, ent.end_char)
            if aid in self.actors:
                return _Speaker(aid, self.actors[aid].name, None)
            return _Speaker(None, ent.text.strip(), None)
        m = re.match(r"([A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,4})",
                     doc_text(self.doc)[char:char + 80])
        return _Speaker(None, m.group(1), None) if m else None

    def _full_name(self, ent: Span) -> str:
        """'Khazali' -> 'Qais Khazali' when an earlier PERSON mention has the full name."""
        last = ent[-1].text
        full = [e.text for e in self.persons if e[-1].text == last and len(e) > len(ent)]
        return max(full, key=len) if full else ent.text

    def _pronoun(self, pron: str, at: int) -> _Speaker | None:
        kind = PRONOUNS.get(pron)
        for s, _e, aid in reversed(doc_spans_before(self.doc, at)):
            actor = self.actors.get(aid)
            if actor is None:
                continue
            if kind == "person" and actor.kind != "person":
                continue
            if kind == "any" and actor.kind not in ("person", "organization", "group"):
                continue
            if kind == "org" and actor.kind not in ("organization", "group", "country"):
                continue
            return _Speaker(aid, actor.name, None)
        if kind == "person" or pron == "they":
            prev = [e for e in self.persons if e.end_char <= at]
            if prev:
                return _Speaker(None, self._full_name(prev[-1]), None)
        return None

    def subject_of(self, cue: Token, quoted: list[tuple[int, int]] | None = None,
                   depth: int = 0) -> Token | None:
        """Who performs the cue verb; never a word of the quote itself (`quoted`)."""
        def outside(t: Token) -> bool:
            return not any(a <= t.idx < b for a, b in quoted or [])
        for child in cue.children:
            if child.dep_ in _SUBJECT_DEPS and outside(child):
                if child.lower_ in ("who", "that", "which") and cue.dep_ == "relcl":
                    return cue.head  # "Smith, who said ..."
                return child
        # "said X" after the quote: the name follows the verb.
        for child in cue.rights:
            if child.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "appos") and \
                    child.pos_ in ("PROPN", "PRON", "NOUN") and outside(child):
                return child
        if cue.dep_ in ("relcl", "acl") and cue.head.pos_ in ("PROPN", "NOUN", "PRON"):
            return cue.head  # "footage of Clinton asking, ..."
        # A conjoined or participial verb shares its subject ("attacked her, saying").
        if cue.dep_ in ("conj", "advcl", "xcomp") and cue.head.i != cue.i and depth < 3:
            return self.subject_of(cue.head, quoted, depth + 1)
        return None

    def according_to(self, tokens: Iterable[Token]) -> tuple[Token, Token] | None:
        """('according' token, its object) in `tokens`, if any."""
        for t in tokens:
            if t.lower_ == "according":
                nxt = self.doc[t.i + 1] if t.i + 1 < len(self.doc) else None
                if nxt is not None and nxt.lower_ == "to":
                    obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        return t, obj
        return None

    def speaker_in(self, tokens: list[Token], before: int,
                   quoted: list[tuple[int, int]] | None = None) -> _Speaker | None:
        """The cue and subject among `tokens` (nearest cue first in the given order)."""
        acc = self.according_to(tokens)
        for t in tokens:
            if acc is not None and t.i == acc[0].i:
                sp = self.from_subject(acc[1], before)
                if sp is not None:
                    sp.cue = "according to"
                    return sp
            if t.lower_ in CUE_VERBS and t.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
                subj = self.subject_of(t, quoted)
                if subj is None:
                    subj = self._nearby_name(tokens, t)
                if subj is None:
                    continue
                sp = self.from_subject(subj, before)
                if sp is not None:
                    sp.cue = t.text
                    return sp
        return None

    def _nearby_name(self, tokens: list[Token], cue: Token) -> Token | None:
        """When the parse missed the subject: a name or pronoun right next to the cue."""
        idx = {t.i for t in tokens}
        for j in (cue.i - 1, cue.i + 1, cue.i - 2, cue.i + 2):
            if j in idx and 0 <= j < len(self.doc):
                t = self.doc[j]
                if t.ent_type_ == "PERSON" or t.lower_ in PRONOUNS:
                    # the last token of a multi-word name is its head
                    while t.i + 1 in idx and self.doc[t.i + 1].ent_type_ == "PERSON" and \
                            self.doc[t.i + 1].ent_iob_ == "I":
                        t = self.doc[t.i + 1]
                    return t
        return None


def doc_spans_before(doc: Doc, at: int) -> list[tuple[int, int, str]]:
    return [s for s in doc._.actor_spans or [] if s[1] <= at]


def _tokens_between(doc: Doc, a: int, b: int) -> list[Token]:
    if b <= a:
        return []
    span = doc.char_span(a, b, alignment_mode="contract")
    return list(span) if span is not None else []


def _sentence_tokens_after(doc: Doc, char: int, limit: int = 25) -> list[Token]:
    """Tokens after `char` up to the end of its sentence (or the next opening mark)."""
    tok = _token_at(doc, char)
    if tok is None:
        return []
    out: list[Token] = []
    for t in doc[tok.i + 1:tok.i + 1 + limit]:
        if "\n" in t.text or t.text in (_OPEN_DOUBLE,) or \
                (t.text == '"' and out and _mark_kind(doc_text(doc), t.idx) == "open"):
            break
        out.append(t)
        if t.text in (".", "!", "?", ";") and len(out) > 1:
            break
    return out


def _sentence_tokens_before(doc: Doc, char: int, para_start: int) -> list[Token]:
    """Tokens of the sentence before `char` (nearest first), within the paragraph."""
    tok = _token_at(doc, char)
    if tok is None:
        return []
    out: list[Token] = []
    i = tok.i - 1
    while i >= 0 and doc[i].idx >= para_start:
        t = doc[i]
        if t.text in (".", "!", "?") and out:
            break
        if t.text in (_CLOSE_DOUBLE, '"') and out and _mark_kind(doc_text(doc), t.idx) == "close":
            break
        out.append(t)
        i -= 1
    return out


# ---- reported speech ------------------------------------------------------------------

def _reported(doc: Doc, finder: _SpeakerFinder,
              direct_spans: list[tuple[int, int]]) -> list[tuple[int, int, _Speaker]]:
    out: list[tuple[int, int, _Speaker]] = []
    for tok in doc:
        if tok.lower_ not in REPORT_VERBS or tok.pos_ not in ("VERB", "AUX"):
            continue
        # "X said (that) CLAUSE" and "CLAUSE, X said"
        clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        if clause is None:
            continue
        toks = [t for t in clause.subtree]
        while toks and (toks[0].dep_ == "mark" or toks[0].is_punct):
            toks.pop(0)
        while toks and (toks[-1].is_space or toks[-1].is_punct
                        and toks[-1].text not in (_CLOSE_DOUBLE, '"')):
            toks.pop()
        if len(toks) < 4:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        if _mostly_inside(start, end, direct_spans):
            continue
        subj = finder.subject_of(tok)
        if subj is None or subj.i > tok.i:
            continue
        sp = finder.from_subject(subj, subj.idx)
        if sp is None:
            continue
        sp.cue = tok.text
        out.append((start, end, sp))
    for tok in doc:
        if tok.lower_ != "according":
            continue
        acc = finder.according_to([tok])
        if acc is None:
            continue
        sent = tok.sent
        obj = acc[1]
        phrase_end = obj.right_edge.i + 1
        if tok.i == sent.start or doc[tok.i - 1].is_punct and tok.i - 1 == sent.start:
            toks = [t for t in doc[phrase_end:sent.end]]
        else:
            toks = [t for t in doc[sent.start:tok.i]]
        while toks and (toks[0].is_punct or toks[0].is_space):
            toks.pop(0)
        while toks and (toks[-1].is_punct or toks[-1].is_space):
            toks.pop()
        if len(toks) < 4:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        if _mostly_inside(start, end, direct_spans):
            continue
        sp = finder.from_subject(obj, obj.idx)
        if sp is None:
            continue
        sp.cue = "according to"
        out.append((start, end, sp))
    return out


def _mostly_inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    length = max(1, end - start)
    covered = sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
    return covered / length > 0.5


# ---- the component --------------------------------------------------------------------

def extract_quotes(doc: Doc, reported: bool = True) -> list[Quote]:
    """Every direct quote (and, with `reported`, reported-speech clause) in the doc,
    in text order, with ids q1.. and the speaker resolved as far as the text allows."""
    text = doc_text(doc)
    bounds = _paragraph_bounds(doc)
    raws: list[_Raw] = []
    for n, (lo, hi) in enumerate(bounds):
        raws.extend(_paragraph_quotes(text, lo, hi, n))
    raws = _merge_continuations(text, raws, bounds)
    raws = _merge_interrupted(text, raws)
    raws = [r for r in raws if _quoted_words(text, r) >= _MIN_WORDS
            and not _is_title(text, r) and not _woven(doc, text, r)]
    finder = _SpeakerFinder(doc)
    found: list[tuple[int, int, str, bool, _Speaker | None]] = []
    prev_speaker: tuple[int, _Speaker] | None = None
    for raw in raws:
        sp = _direct_speaker(doc, finder, raw, bounds)
        para_start = bounds[raw.para if not raw.gaps else _para_of(bounds, raw.open_at)][0]
        starts_para = text[para_start:raw.open_at].strip() == ""
        if sp is None and prev_speaker is not None and starts_para and \
                prev_speaker[0] >= _para_of(bounds, raw.open_at) - 1:
            sp = _Speaker(prev_speaker[1].actor_id, prev_speaker[1].name, None)
        if sp is not None:
            prev_speaker = (raw.para, sp)
        body = _join_frags(text, raw)
        found.append((raw.start, raw.end, body, True, sp))
    if reported:
        spans = [(r.open_at, (r.close_at or r.end) + 1) for r in raws]
        for start, end, sp in _reported(doc, finder, spans):
            found.append((start, end, text[start:end], False, sp))
    found.sort(key=lambda f: (f[0], -f[1]))
    quotes = []
    for n, (start, end, body, direct, sp) in enumerate(found, 1):
        quotes.append(Quote(id=f"q{n}", text=body, start=start, end=end, direct=direct,
                            speaker=sp.actor_id if sp else None,
                            speaker_name=sp.name if sp else None,
                            cue=sp.cue if sp else None))
    return quotes


def _para_of(bounds: list[tuple[int, int]], char: int) -> int:
    for n, (lo, hi) in enumerate(bounds):
        if lo <= char <= hi:
            return n
    return len(bounds) - 1


def _join_frags(text: str, raw: _Raw) -> str:
    parts = [text[a:b].strip() for a, b in raw.frags]
    out = parts[0]
    for (ga, gb), part in zip(raw.gaps, parts[1:]):
        out += ("\n\n" if "\n" in text[ga:gb] else " ") + part
    return out


def _direct_speaker(doc: Doc, finder: _SpeakerFinder, raw: _Raw,
                    bounds: list[tuple[int, int]]) -> _Speaker | None:
    text = doc_text(doc)
    # 1. between the fragments of an interrupted quote
    for a, b in raw.gaps:
        if "\n" in text[a:b]:
            continue
        sp = finder.speaker_in(_tokens_between(doc, a, b), raw.start, raw.frags)
        if sp is not None:
            return sp
    close = raw.close_at
    if close is not None:
        # '" ... " ― Jane Roe': a dash and a name sign the quote.
        m = re.match(r"[^\S\n]*[\u2015\u2014\u2013-]+[^\S\n]*(?=[A-Z])",
                     text[close + 1:close + 10])
        if m:
            sp = finder.from_name_at(close + 1 + m.end())
            if sp is not None:
                return sp
    last_char = text[raw.end - 1] if raw.end > raw.start else ""
    after = _sentence_tokens_after(doc, close) if close is not None else []
    after_first = last_char in ",\u2014-" or (
        after and after[0].text == ",") or (
        last_char in "?!" and after and after[0].text[:1].islower())
    para_start = bounds[_para_of(bounds, raw.open_at)][0]
    before = _sentence_tokens_before(doc, raw.open_at, para_start)
    order = (after, before) if after_first else (before, after)
    for toks in order:
        if not toks:
            continue
        if toks is after and not after_first and not _own_attribution(
                text[close + 1:close + 80] if close is not None else ""):
            continue
        sp = finder.speaker_in(toks, raw.start, raw.frags)
        if sp is not None:
            return sp
    # 'Trump said:' closing the previous paragraph introduces this one.
    n = _para_of(bounds, raw.open_at)
    if n > 0 and text[para_start:raw.open_at].strip() == "":
        plo, phi = bounds[n - 1]
        if text[plo:phi].rstrip().endswith(":"):
            colon = text.rindex(":", plo, phi)
            sp = finder.speaker_in(_sentence_tokens_before(doc, colon, plo), raw.start)
            if sp is not None:
                return sp
    return None


@Language.factory("tidings_quotes", assigns=["doc._.quotes"],
                  default_config={"reported": True})
def make_component(nlp: Language, name: str, reported: bool):
    """Direct quotes and (with `reported`) reported speech, with speakers."""
    def component(doc: Doc) -> Doc:
        doc._.quotes = extract_quotes(doc, reported=reported)
        return doc
    return component
