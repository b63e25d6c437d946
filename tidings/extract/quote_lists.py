"""Attributions without a verb of speaking beside the quote, for tidings_quotes: a
name and any verb after a quote ('"...," Trump barked'), the subject of the clause a
comma or a colon ends before it ('Hillary shot back, "..."'), the quote a colon introduces ('Trump leaned in and boomed: "..."', a list line
'Jane Roe, The Daily Ledger: "..."', a title-case headline 'Ted Cruz: "..."', the
line before the quote ending in a colon), and the signature in the paragraph after
('"..."' then a paragraph '— Jane Roe, county clerk'). Tried only when the cue-verb
rules of `quotes` found no speaker."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .doc import doc_text
from .quote_marks import _Raw, _token_at
from .quote_speakers import _Speaker, _SpeakerFinder

_DASHES = ("-", "--", "\u2014", "\u2013", "\u2015", "|")
_SIGNATURE = re.compile(r"[^\S\n]*[\u2015\u2014\u2013-]+[^\S\n]*(?=[A-Z])")
# A list line's name part is short: "Frank Newport and Jim Harter", "Jane Roe, Outlet".
_LIST_TOKENS = 14
_NAME_LABELS = ("PERSON", "ORG")


def fallback_speaker(doc: Doc, finder: _SpeakerFinder, raw: _Raw,
                     bounds: list[tuple[int, int]], para: int) -> _Speaker | None:
    """The speaker of a quote introduced by a colon (in its paragraph or closing the
    one before) or signed in the next paragraph; None when neither applies."""
    text = doc_text(doc)
    lo = bounds[para][0]
    lead = text[lo:raw.open_at].rstrip()
    sp = _any_verb_after(doc, finder, raw) or _tail_attribution(doc, finder, raw)
    if sp is not None:
        return sp
    if lead.endswith(","):
        toks = _line_before(doc, lo + len(lead) - 1, lo)
        sp = _clause_subject(finder, toks) if toks else None
        if sp is not None:
            return sp
    if lead.endswith(":"):
        sp = colon_speaker(doc, finder, lo + len(lead) - 1, lo)
        if sp is not None:
            return sp
    elif not lead and para > 0:
        plo, phi = bounds[para - 1]
        prev = text[plo:phi].rstrip()
        if prev.endswith(":"):
            sp = colon_speaker(doc, finder, plo + len(prev) - 1, plo)
            if sp is not None:
                return sp
    return _next_paragraph_signature(doc, finder, raw, bounds)


def colon_speaker(doc: Doc, finder: _SpeakerFinder, colon: int,
                  para_start: int) -> _Speaker | None:
    """Who speaks in the clause or list line ending at the colon at char `colon`."""
    toks = _line_before(doc, colon, para_start)
    if not toks:
        return None
    sp = _clause_subject(finder, toks)
    if sp is not None:
        return sp
    return _list_name(doc, finder, toks)


def _line_before(doc: Doc, colon: int, para_start: int) -> list[Token]:
    """The tokens (in text order) from the start of the sentence, or the last dash,
    up to the colon."""
    tok = _token_at(doc, colon)
    if tok is None:
        return []
    out: list[Token] = []
    i = tok.i - 1
    while i >= 0 and doc[i].idx >= para_start:
        t = doc[i]
        if t.text in (".", "!", "?", ";", "\u201d", '"') and out or \
                t.text in _DASHES and i > 0 and doc[i - 1].whitespace_:
            break  # a spaced dash, not the one of "R-Ky."
        if not t.is_space:
            out.append(t)
        i -= 1
    out.reverse()
    return out


def _clause_subject(finder: _SpeakerFinder, toks: list[Token]) -> _Speaker | None:
    """The subject of the clause's main verb ('McConnell delivered a blunt message to
    Trump:', 'Trump issued the following statement:', 'Continued Stone:')."""
    span = {t.i for t in toks}
    verbs = [t for t in toks if t.pos_ in ("VERB", "AUX")
             and (t.dep_ in ("ROOT", "conj") or t.head.i not in span)]
    inverted = next((t for t in toks if t.pos_ == "VERB" and t.dep_ == "amod"
                     and t.head.pos_ == "PROPN" and t.head.i in span), None)
    if inverted is not None:  # 'Continued Stone:', 'Added Smith:'
        sp = finder.from_subject(inverted.head, inverted.head.idx)
        if sp is not None and sp.name and sp.name.startswith(inverted.text + " "):
            sp.name = sp.name[len(inverted.text) + 1:]
        return sp
    for verb in verbs:
        subj = finder.subject_of(verb)
        if subj is None or subj.i not in span or not _names_someone(subj):
            continue
        return finder.from_subject(subj, subj.idx)
    return None


def _any_verb_after(doc: Doc, finder: _SpeakerFinder, raw: _Raw) -> _Speaker | None:
    """'"...," Trump barked.' or '"...?" Beck questioned': a quote ending in a comma,
    question or exclamation mark, then a name and any verb, is that name's."""
    text = doc_text(doc)
    body = text[raw.start:raw.end].rstrip(" '\u2019\"")
    if raw.close_at is None or body[-1:] not in (",", "?", "!"):
        return None
    first = _token_at(doc, raw.close_at)
    if first is None:
        return None
    toks: list[Token] = []
    for t in doc[first.i + 1:first.i + 7]:
        if "\n" in t.text or t.text in (".", ";", "\u201c", '"') or t.is_punct and toks:
            break
        if not t.is_punct:
            toks.append(t)
    span = {t.i for t in toks}
    verb = next((t for t in toks if t.pos_ == "VERB"), None)
    if verb is None:
        return None
    subj = finder.subject_of(verb)
    if subj is None and verb.i - 1 in span and doc[verb.i - 1].pos_ in ("PROPN", "PRON"):
        subj = doc[verb.i - 1]  # 'Trump barked and ...' parsed with no subject
    if subj is None or subj.i not in span or not _names_someone(subj) \
            or subj.pos_ == "NOUN" and subj.i > verb.i:
        return None
    return finder.from_subject(subj, subj.idx)


def _tail_attribution(doc: Doc, finder: _SpeakerFinder, raw: _Raw) -> _Speaker | None:
    """'"Boots on the ground" would be appropriate, Ben Carson said after the attacks.':
    the writer's sentence goes on after the quote and ends in ', NAME said ...'."""
    if raw.close_at is None:
        return None
    first = _token_at(doc, raw.close_at)
    if first is None:
        return None
    toks: list[Token] = []
    for t in doc[first.i + 1:first.i + 40]:
        if "\n" in t.text or t.text in ("\u201c", '"', ";", "!", "?"):
            return None
        if t.text == ".":
            break
        toks.append(t)
    commas = [n for n, t in enumerate(toks) if t.text == ","]
    if not commas:
        return None
    clause = toks[commas[-1] + 1:]
    if not clause or not clause[0].text[:1].isupper() and clause[0].pos_ != "PRON":
        return None
    return finder.speaker_in(clause, raw.start, raw.frags)


def _names_someone(tok: Token) -> bool:
    """A subject that can be a speaker: a name, a pronoun, or a word for a person."""
    return (tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in _NAME_LABELS
            or tok.lower_ in _SpeakerFinder.role_nouns())


def _list_name(doc: Doc, finder: _SpeakerFinder, toks: list[Token]) -> _Speaker | None:
    """A list line without a verb: its first name ('Jane Roe, The Daily Ledger:',
    'Pew Research:', 'Frank Newport and Jim Harter:')."""
    if len(toks) > _LIST_TOKENS or any(t.pos_ == "VERB" for t in toks):
        return None
    part: list[Token] = []
    for t in toks:
        if t.text in (",", "(", "\u2014"):
            break
        part.append(t)
    if not part:
        return None
    lo, hi = part[0].idx, part[-1].idx + len(part[-1])
    ents = [e for e in doc.ents if lo <= e.start_char and e.end_char <= hi
            and e.label_ in _NAME_LABELS]
    if len(ents) == 1 and ents[0].start == part[0].i and ents[0].end == part[-1].i + 1:
        return finder.from_name_at(ents[0].start_char)
    if len(part) <= 8 and all(t.text[:1].isupper() or t.lower_ in ("and", "&")
                                       for t in part):
        return _Speaker(None, doc[part[0].i:part[-1].i + 1].text, None)
    if ents:
        return finder.from_name_at(ents[0].start_char)
    return None


def _next_paragraph_signature(doc: Doc, finder: _SpeakerFinder, raw: _Raw,
                              bounds: list[tuple[int, int]]) -> _Speaker | None:
    """'"..."' ending its paragraph, then a paragraph that signs it: '— Jane Roe,
    county clerk', or a short line of a name, a comma and no verb ('Dean Baker, Center
    for Economic and Policy Research.', the way round-ups sign their quotes)."""
    text = doc_text(doc)
    if raw.para + 1 >= len(bounds):
        return None
    if raw.close_at is not None and text[raw.close_at + 1:bounds[raw.para][1]].strip(" .\t"):
        return None
    nlo, nhi = bounds[raw.para + 1]
    m = _SIGNATURE.match(text, nlo, nhi)
    if m is not None and nhi - m.end() <= 120:
        return finder.from_name_at(m.end())
    span = doc.char_span(nlo, nhi, alignment_mode="contract")
    if span is None or not 0 < len(span) <= _LIST_TOKENS or any(
            t.pos_ in ("VERB", "AUX") for t in span):
        return None
    first = next((e for e in doc.ents if e.start == span.start and e.label_ == "PERSON"
                  and e.end < span.end and doc[e.end].text == ","), None)
    return finder.from_name_at(first.start_char) if first is not None else None
