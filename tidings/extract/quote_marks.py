"""Direct quotes from the quotation marks, paragraph by paragraph, for tidings_quotes
(the rules are in its docstring): the cue words, the marks, and the quoted stretches
merged across paragraphs and attributions; scare quotes, titles and woven partial
quotes set apart."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..ontology.words import words
from .doc import doc_text

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
_SPEECH_LEADS = ("saying", "added", "writing")
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


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


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
            # a mark between spaces closes a quote that ends in a nested one
            # ('... say, 'Well done,' " said Russell'); it never opens one
            return "open" if not nxt.isspace() else ("close" if prev.isspace() else None)
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
    shelved: list[_Raw] = []   # a title inside an attribution ('on NBC's "Meet the Press."')
    for n, raw in enumerate(raws):
        prev = out[-1] if out else None
        nxt = raws[n + 1] if n + 1 < len(raws) else None
        if prev is not None and prev.close_at is not None and raw.open_para == prev.para \
                and _quoted_words(text, raw) < _MIN_WORDS and raw.close_at is not None \
                and nxt is not None and nxt.open_para == raw.para:
            shelved.append(raw)
            continue
        if prev is not None and prev.close_at is not None and raw.open_para == prev.para:
            gap = text[prev.close_at + 1:raw.open_at]
            last = text[prev.frags[-1][0]:prev.end].rstrip(" '\u2019\"")[-1:]
            tail = text[(raw.close_at or raw.end) + 1:(raw.close_at or raw.end) + 60]
            tail = re.split(r"[\u201c\"\n]", tail)[0]
            if (len(gap) <= _GAP_CHARS and _has_cue(gap) and last in ",\u2014-:"
                    and word_count(gap) <= _GAP_WORDS and not _own_attribution(tail)
                    and not _continues_sentence(tail) and not _woven_in_gap(text, gap, raw)):
                _absorb(prev, raw, (prev.close_at + 1, raw.open_at))
                continue
        out.append(raw)
    return sorted(out + shelved, key=lambda r: r.open_at)


def _woven_in_gap(text: str, gap: str, raw: _Raw) -> bool:
    """True when the quote after an attribution is a partial quote of a new sentence of
    the writer's ('... Trump said. Instead, "he just acts ..."', 'said Beck, who said
    there were "too many ..."'), not the rest of the interrupted quote."""
    if not text[raw.start:raw.start + 1].islower():
        return False
    lead = gap.rstrip()
    if lead[-1:].isalpha():
        return True
    # the last sentence end in the gap (not the point of "Mr." or "Sen.")
    ends = [m.end() for m in re.finditer(r"(\S+)[.!?]\s", lead)
            if not (m.group(1)[:1].isupper() and len(m.group(1)) <= 4)]
    return bool(ends) and word_count(lead[ends[-1]:]) > 0


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


def _quoted_words(text: str, raw: _Raw) -> int:
    return sum(word_count(text[a:b]) for a, b in raw.frags)


def _is_title(text: str, raw: _Raw) -> bool:
    before = text[max(0, raw.open_at - 40):raw.open_at]
    if before.rstrip(" \t").endswith(":"):
        return False  # a headline's quote: 'Ted Cruz: "Assault Is A Fireable Offense"'
    words = [w.lower() for w in _WORD.findall(before)][-2:]
    if words and words[-1] in CUE_VERBS and before[-1:].isspace():
        return False  # 'Clinton Says "We Will Win Ohio"'
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
    if raw.close_at is not None and len(raw.frags) == 1 and \
            text[raw.start:raw.start + 1].islower() and \
            _continues_sentence(text[raw.close_at + 1:raw.close_at + 60]):
        return True  # 'Sanders said "the wind is at our backs" despite the loss'
    i = raw.open_at - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] in "\n:([\u2014\u2013-\u2026" or text[i] in ".!?":
        return False
    if text[i] in "\"\u201d\u2019":
        return False
    first = text[raw.start:raw.start + 1]
    if text[i] == ",":
        # '..., "because those afflicted ..."' goes on the writer's sentence; after
        # 'he said,' or with a capital the quote stands on its own
        before = _token_at(doc, i - 1) if i > 0 else None
        return first.islower() and before is not None and not (
            before.lower_ in CUE_VERBS or before.lower_ in _SPEECH_LEADS)
    tok = _token_at(doc, i)
    if tok is None:
        return False
    if tok.lower_ == "and":
        return first.islower()  # 'the layoffs and "that group of employees are ..."'
    if tok.lower_ in CUE_VERBS or tok.lower_ in _SPEECH_LEADS:
        return False
    # A capitalised opening word after a verb of speaking further left still reads as
    # a full quote ('said in a statement: "We ..."'); lower-case content is woven in.
    return not (first.isupper() and tok.pos_ in ("VERB", "AUX") and tok.lower_ in CUE_VERBS)


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None

