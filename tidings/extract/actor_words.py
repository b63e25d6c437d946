"""Word lists and small text helpers of the actor extractor (tidings.extract.actors):
which words qualify a role, mark a place, join an organisation's name, and how names
are cleaned and actor codes built."""
from __future__ import annotations

from spacy.tokens import Span

from ..ontology.kb import norm

# Adjectives that qualify a role without being part of it ("the top Iranian diplomat").
_QUALIFIERS = {"top", "senior", "new", "visiting", "former", "outgoing", "incoming", "acting",
               "hawkish", "recent", "current", "then", "late", "powerful", "influential",
               "veteran", "chief", "main", "several", "many", "some", "other", "local",
               "popular", "not"}
# A country after these prepositions is where something happens, not who does it.
_LOCATIVE = {"in", "inside", "within", "into", "across", "throughout", "near", "around",
             "outside", "from", "at", "over"}
_PLACE_NOUNS = {"area", "areas", "region", "regions", "border", "borders", "part", "parts",
                "province", "provinces", "city", "cities", "capital", "territory", "soil",
                "north", "south", "east", "west", "centre", "center", "outskirts", "airport",
                "skies", "airspace", "waters", "coast", "side", "streets", "town", "village"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_NAME_PARTICLES = {"al", "el", "bin", "ibn", "abu", "van", "von", "de"}
# How far (characters) a title phrase may look ahead for the person it names.
_CATAPHORA_CHARS = 700
_PRONOUN_CHARS = 2500


# Role nouns whose place is another country's ("the embassy in Tehran", "the
# ambassador in Kabul"): "in <country>" says where they sit, not whose they are.
_POSTED_ABROAD = {"embassy", "consulate", "ambassador", "envoy", "mission", "delegation",
                  "correspondent", "attache", "diplomat"}
# Small words inside an organisation's name ("Union of Teachers").
_NAME_LINKS = {"of", "for", "and", "on"}
_ORG_HEADS = {"union", "council", "commission", "association", "front", "party", "movement",
              "committee", "federation", "organization", "organisation", "league",
              "alliance", "congress", "assembly", "institute", "foundation", "society",
              "observatory", "centre", "center", "agency", "ministry", "network", "coalition",
              "forum", "confederation", "syndicate", "chamber", "bureau", "board", "office"}
_KIND_RANK = {"person": 0, "organization": 1, "group": 1, "country": 2, "capital": 3,
              "demonym": 4}
_GENERIC = {"official", "officials", "leader", "head", "chief", "the", "of"}


def _is_dateline(span: Span) -> bool:
    """"MOGADISHU — A suicide bomber ...": a capitalised place opening a paragraph is
    where the story was filed, not its government."""
    doc = span.doc
    opens = span.start == 0 or "\n" in doc[span.start - 1].text or \
        doc[span.start].is_sent_start
    return opens and span.text.isupper() and span.end < len(doc) and \
        doc[span.end].text in ("—", "–", "-", ",", ":")


def _tokens_of(text: str) -> list[str]:
    return [w for w in (norm(p) for p in text.replace("-", " ").split()) if w.isalpha()]


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,")


def _code(country: str | None, sector: str | None) -> str | None:
    if country and sector and sector != country:
        return country + sector
    return country or sector
