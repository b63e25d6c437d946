"""Word lists and small text helpers of the actor extractor (tidings.extract.actors):
which words qualify a role, mark a place, join an organisation's name, and how names
are cleaned and actor codes built."""
from __future__ import annotations

from spacy.tokens import Span

from ..ontology.kb import norm
from ..ontology.words import words

# Adjectives that qualify a role without being part of it ("the top Iranian diplomat").
_QUALIFIERS = words("role_qualifiers")
# A country after these prepositions is where something happens, not who does it.
_LOCATIVE = words("actor_locative_preps")
_PLACE_NOUNS = words("actor_place_nouns")
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_NAME_PARTICLES = words("name_particles")
# How far (characters) a title phrase may look ahead for the person it names.
_CATAPHORA_CHARS = 700
_PRONOUN_CHARS = 2500


# Role nouns whose place is another country's ("the embassy in Tehran", "the
# ambassador in Kabul"): "in <country>" says where they sit, not whose they are.
_POSTED_ABROAD = words("posted_abroad")
# Small words inside an organisation's name ("Union of Teachers").
_NAME_LINKS = words("name_links")
_ORG_HEADS = words("org_heads")
_KIND_RANK = {"person": 0, "organization": 1, "group": 1, "country": 2, "capital": 3,
              "demonym": 4}
_GENERIC = words("generic_role_words")


def _is_dateline(span: Span) -> bool:
    """"MOGADISHU — A suicide bomber ...": a capitalised place opening a paragraph is
    where the story was filed, not its government."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    if span.start >= 2 and doc[span.start - 1].text == "," and \
            doc[span.end].text in _DATELINE_DASHES:
        # "MOGADISHU, Somalia -- A U.S. airstrike ...": the country after the city too
        return _is_dateline(doc[span.start - 2:span.start - 1])
    opens = span.start == 0 or "\n" in doc[span.start - 1].text or \
        doc[span.start].is_sent_start
    return opens and span.text.isupper() and doc[span.end].text in (*_DATELINE_DASHES, ",", ":")


_DATELINE_DASHES = ("—", "–", "-", "--")


def _tokens_of(text: str) -> list[str]:
    return [w for w in (norm(p) for p in text.replace("-", " ").split()) if w.isalpha()]


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,")


def _code(country: str | None, sector: str | None) -> str | None:
    if country and sector and sector != country:
        return country + sector
    return country or sector
