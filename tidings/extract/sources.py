"""tidings_sources: news outlets cited as the origin of a claim (assigns doc._.sources_cited).

An outlet is a known outlet (`ontology/data/sources_outlets.txt`, matched case-
sensitively) or an ORG entity whose name says it is one ("... News Agency",
"... Television", "... Times"). It is recorded only when the text cites it:
- followed by a reporting verb: "Tasnim News Agency reported", "state media IRNA said";
- preceded by a citing phrase: "according to Reuters", "in a statement carried by
  Al-Sumaria television network", "told the BBC", "quoted by AFP".
Other mentions of an outlet ("Reuters journalists were detained") are not sources.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..models import SourceCited
from ..paths import DATA_DIR
from .doc import doc_text, register_extensions

register_extensions()

OUTLET_WORDS = re.compile(
    r"\b(?:News|Agency|TV|Television|Radio|Times|Post|Press|Journal|Broadcasting|"
    r"Network|Channel|Gazette|Tribune|Herald|Daily|Telegraph|Chronicle|Observer|"
    r"Mail|Media|Newspaper|Shimbun|Dispatch)\b")
# Descriptors that may sit between an outlet name and its verb ("Al-Sumaria television
# network") or before the name ("the state news agency IRNA").
_DESCRIPTOR = (r"(?:(?:state|state-run|official|semi-official|private|public|local|"
               r"pan-Arab|Iranian|Iraqi|Russian|Chinese|Turkish|Syrian|Israeli|news|"
               r"television|TV|satellite|radio|broadcaster|media|agency|channel|"
               r"network|newspaper|daily|outlet|website)[\s,]+)")
_AFTER = re.compile(
    rf"^(?:['\u2019]s\s+\w+\s+)?{_DESCRIPTOR}*(?:has\s+|had\s+|also\s+|later\s+)?"
    r"(?:reported|reports|said|says|quoted|quoting|cited|citing|announced|broadcast|"
    r"aired|published|wrote|carried|added|learned|confirmed|showed|claimed)\b", re.IGNORECASE)
_BEFORE = re.compile(
    r"(?:according\s+to|carried\s+by|quoted\s+by|cited\s+by|reported\s+by|published\s+by|"
    r"broadcast\s+(?:by|on)|aired\s+(?:by|on)|told|speaking\s+to|in\s+an\s+interview\s+with|"
    r"citing|quoting|report\s+(?:by|from|in)|reports\s+(?:by|from|in)|said\s+(?:on|in))"
    rf"\s+(?:the\s+|a\s+)?{_DESCRIPTOR}*$", re.IGNORECASE)
# Just before the name, within a clause: "..., state media IRNA said".
_STATE_MEDIA = re.compile(rf"(?:^|[,;]\s*|\b)(?:the\s+)?{_DESCRIPTOR}+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _known() -> re.Pattern:
    names = []
    with open(DATA_DIR / "sources_outlets.txt", encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                names.append(line)
    names.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")


def _outlet_spans(doc: Doc) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _known().finditer(doc_text(doc)):
        spans.append((m.start(), m.end()))
    for ent in doc.ents:
        if ent.label_ in ("ORG", "WORK_OF_ART") and OUTLET_WORDS.search(ent.text):
            start, text = ent.start_char, ent.text
            if text.lower().startswith("the "):
                start, text = start + 4, text[4:]
            spans.append((start, start + len(text)))
    # Longest first, then drop spans inside an already kept one.
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int]] = []
    for s, e in spans:
        if kept and s < kept[-1][1]:
            if e > kept[-1][1]:
                kept[-1] = (kept[-1][0], e)
            continue
        kept.append((s, e))
    return kept


def extract_sources(doc: Doc) -> list[SourceCited]:
    """Outlets cited as the origin of a claim, in text order (one per citation)."""
    text = doc_text(doc)
    out = []
    for start, end in _outlet_spans(doc):
        before = text[max(0, start - 60):start]
        after = text[end:end + 60]
        if _AFTER.match(after.lstrip()) or _BEFORE.search(before) or (
                _STATE_MEDIA.search(before) and _AFTER.match(after.lstrip())):
            out.append(SourceCited(text[start:end], start, end))
    return out


@Language.factory("tidings_sources", assigns=["doc._.sources_cited"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.sources_cited = extract_sources(doc)
        return doc
    return component
