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
fullest earlier mention. Pronouns take the most recent person before the quote; the
writer's "we" is the outlet (`article.source`); a role word ("one aide") is the
person the article names with it; a recording ("audio obtained by X") is nobody. A
quote with no attribution at the start of a paragraph continues the previous
paragraph's quote and takes its speaker, as does a second quote of one paragraph.
Without a verb of speaking beside the quote (`quote_lists`): a name and any verb
after it ('"...," Trump barked'), the subject of the clause a comma or colon ends
before it, a list line ('Jane Roe, The Daily Ledger: "..."', a title-case headline
'Ted Cruz: "..."'), the line before ending in a colon, a signature ('— Jane Roe') in
the same or the next paragraph.

Reported speech (direct=False): "X said (that) CLAUSE", "X warned that ...",
"according to X, CLAUSE": `text` is the content clause.

The quotation-mark rules are `quote_marks`, the speaker rules `quote_speakers` and
`quote_lists`.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..models import Quote
from .doc import doc_text, register_extensions
from .quote_lists import fallback_speaker
from .quote_marks import (
    _CLOSE_DOUBLE,
    _MIN_WORDS,
    _OPEN_DOUBLE,
    REPORT_VERBS,
    _is_title,
    _mark_kind,
    _merge_continuations,
    _merge_interrupted,
    _own_attribution,
    _paragraph_bounds,
    _paragraph_quotes,
    _quoted_words,
    _Raw,
    _token_at,
    _woven,
)
from .quote_speakers import _Speaker, _SpeakerFinder

register_extensions()


# ---- speakers -------------------------------------------------------------------------

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
        if sp is None and prev_speaker is not None and (
                starts_para and prev_speaker[0] >= _para_of(bounds, raw.open_at) - 1
                or prev_speaker[0] == raw.open_para):
            # a paragraph opening with a quote continues the last speaker's words, as
            # does a second quote of the same paragraph with no attribution of its own
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
    # the quote's own last mark, past a nested quote's close ('... say, 'Well done,' ')
    last_char = text[raw.start:raw.end].rstrip(" '\u2019\"")[-1:]
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
    return fallback_speaker(doc, finder, raw, bounds, n)


@Language.factory("tidings_quotes", assigns=["doc._.quotes"],
                  default_config={"reported": True})
def make_component(nlp: Language, name: str, reported: bool):
    """Direct quotes and (with `reported`) reported speech, with speakers."""
    def component(doc: Doc) -> Doc:
        doc._.quotes = extract_quotes(doc, reported=reported)
        return doc
    return component
