"""The actor knowledge base: countries, capitals, demonyms, role nouns and named actors.

Data lives in `tidings/ontology/data/actors_*.tsv`:

- `actors_countries.tsv`: iso3, name, aliases, demonyms, capitals (lists |-separated);
- `actors_roles.tsv`: phrase, sector, kind, needs_country (role nouns -> CAMEO sector);
- `actors_entities.tsv`: name, kind, country, sector, aliases, title (institutions,
  intergovernmental bodies, armed groups, media, well-known people);
- `actors_people.tsv`, `actors_organizations.tsv`: more people and organisations in
  the same format (heads of state and government, ministers, IGO heads, armed-group
  leaders; NGOs, IGOs, parties, media, militaries and intelligence services).

Users add their own rows in the `actors_entities.tsv` format through the `TIDINGS_KB`
environment variable (paths separated by `os.pathsep`) or `get_kb(extra_paths)`;
see docs/knowledge-base.md. The knowledge base is built once per process and set of
files (`get_kb` is cached); lookups are dictionary hits on normalised token tuples.
"""
from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..diskcache import cache_path, load_or_build
from ..errors import TidingsError
from ..paths import DATA_DIR

ENV_VAR = "TIDINGS_KB"
ENTITY_KINDS = ("person", "organization", "group", "country", "role")
ENTITY_COLUMNS = ("name", "kind", "country", "sector", "aliases", "title")
ROLE_KINDS = ("person", "organization", "group")
# Packaged named-actor files, all in the entity format, loaded in this order.
ENTITY_FILES = ("actors_entities.tsv", "actors_people.tsv", "actors_organizations.tsv")
_COLUMNS_TEXT = " | ".join(ENTITY_COLUMNS)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'",
                              "\u2013": "-", "\u2014": "-"})


class KnowledgeBaseError(TidingsError):
    """A knowledge-base file is missing or has a malformed row (names file and line)."""


@dataclass(frozen=True)
class KbEntry:
    """One name the matcher can find in text and what it stands for.

    `kind` is person | organization | group | country | capital | demonym; a capital
    stands for the country's government, a demonym for the country.
    """
    name: str                 # canonical name ("Iran", "Popular Mobilization Units")
    kind: str
    country: str | None = None
    sector: str | None = None
    title: str | None = None  # people only: the usual role, a fallback


@dataclass(frozen=True)
class Role:
    """A role noun ("minister", "resistance groups") and the CAMEO sector it implies."""
    phrase: str
    sector: str | None
    kind: str                 # person | organization | group
    needs_country: bool


@dataclass
class KnowledgeBase:
    """Name and role lookups. Keys are tuples of normalised tokens (see `norm`)."""
    countries: dict[str, str] = field(default_factory=dict)        # iso3 -> canonical name
    names: dict[tuple[str, ...], list[tuple[str, KbEntry]]] = field(default_factory=dict)
    roles: dict[tuple[str, ...], Role] = field(default_factory=dict)
    people: dict[str, KbEntry] = field(default_factory=dict)       # normalised name -> entry
    # listed people by normalised surname, built on first use by person_near
    _by_last: dict[str, set[KbEntry]] | None = field(default=None, repr=False)
    _by_first: dict[str, set[tuple[str, KbEntry]]] | None = field(default=None, repr=False)
    max_name_len: int = 1
    counts: dict[str, int] = field(default_factory=dict)

    def country_name(self, iso3: str | None) -> str | None:
        return self.countries.get(iso3) if iso3 else None

    def lookup(self, words: Sequence[str]) -> list[tuple[str, KbEntry]]:
        """Entries (with the surface form they were listed as) for these token texts."""
        return self.names.get(tuple(norm(w) for w in words), [])

    def role(self, words: Sequence[str]) -> Role | None:
        return self.roles.get(tuple(norm(w) for w in words))

    def person(self, name: str) -> KbEntry | None:
        """The listed person of this name, tokenized as the list is ("Moon Jae-in")."""
        return self.people.get(_name_key(name))

    def person_near(self, name: str) -> KbEntry | None:
        """A listed person the text names in a shorter or misspelt form, if only one fits.

        "Reagan" (a surname the text gives a title to) -> Ronald Reagan; "Francois
        Mitterand" -> Francois Mitterrand (same first name, surname one edit away);
        "Tayyip Erdogan" -> Recep Tayyip Erdogan (the last words of one full name). When
        several listed people fit but agree on country and sector ("President Bush"),
        an entry with that country and sector and no canonical name is returned; when
        they disagree, None.
        """
        words = [norm(w) for w in name.split()]
        if not words or len(words) > 3:
            return None
        if self._by_last is None:
            self._by_last, self._by_first = {}, {}
            for key, entry in self.people.items():
                parts = key.split()
                if len(parts) >= 2:
                    self._by_last.setdefault(parts[-1], set()).add(entry)
                    self._by_first.setdefault(parts[0], set()).add((parts[-1], entry))
        if len(words) == 1:
            found = self._by_last.get(words[0], set())
        else:
            # "Tayyip Erdogan" -> Recep Tayyip Erdogan: the full name's last words
            found = self._ending_with(words)
            if not found and len(words[-1]) < 6:
                return None  # a short surname one letter off is too often someone else
            if not found:
                first, last = words[0], words[-1]
                found = {e for k, e in self._by_first.get(first, ()) if _one_edit(k, last)}
        if len(found) == 1:
            return next(iter(found))
        if found and len({(e.country, e.sector) for e in found}) == 1:
            one = next(iter(found))
            return KbEntry(name, "person", one.country, one.sector, one.title)
        return None

    def _ending_with(self, words: list[str]) -> set[KbEntry]:
        """Listed people whose full name ends with these two or more words."""
        assert self._by_last is not None
        key = _name_key(" ".join(words))
        return {e for e in self._by_last.get(words[-1], set())
                if _name_key(e.name).endswith(" " + key)}


def _one_edit(a: str, b: str) -> bool:
    """Whether two words differ by at most one inserted, deleted or replaced letter."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


# Every token of every article passes here: 16,384 forms hold the words a news corpus
# repeats (a hit 0.16 us, a miss 5.6 us), at most ~3.5 MB (at 1 << 16 it took ~14 MB as
# a long run met new numbers and names: bench/memory_growth.py).
@lru_cache(maxsize=1 << 14)
def norm(text: str) -> str:
    """Lowercase, fold accents and curly apostrophes/dashes: 'Asa’ib' == "asa'ib"."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def case_ok(surface: str, texts: Sequence[str]) -> bool:
    """Whether text tokens have the capitalisation the listed surface form demands.

    A name listed capitalised must be capitalised in the text ("US" is not "us");
    a short acronym must be upper case throughout ("WHO" is not "Who").
    """
    joined = "".join(texts)
    if surface[:1].isupper() and not joined[:1].isupper():
        return False
    letters = [c for c in surface if c.isalpha()]
    if 2 <= len(letters) <= 5 and all(c.isupper() for c in letters):
        return all(c.isupper() for c in joined if c.isalpha())
    return True


def plural(word: str) -> str:
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x")):
        return word + "es"
    return word + "s"


def _demonym_plural(word: str) -> str | None:
    if word.endswith(("i", "an")):
        return word + "s"
    return None


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(norm(t.text) for t in _tokenizer()(text))


@lru_cache(maxsize=1 << 12)
def _name_key(name: str) -> str:
    """A person's name as the people list keys it: its tokens, normalised."""
    return " ".join(_tokens(name))


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a tab-separated file with a header; '#' lines are comments."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            lines = [(i, ln) for i, ln in enumerate(fh, 1) if ln.strip() and not ln.startswith("#")]
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot read knowledge-base file ({exc})", str(path)) from exc
    if not lines:
        return
    header = [h.strip() for h in lines[0][1].rstrip("\r\n").split("\t")]
    reader = csv.reader([ln for _, ln in lines[1:]], delimiter="\t", quoting=csv.QUOTE_NONE)
    for (lineno, _), values in zip(lines[1:], reader):
        values += [""] * (len(header) - len(values))
        yield lineno, {h: v.strip() for h, v in zip(header, values)}


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


class _Builder:
    def __init__(self) -> None:
        self.kb = KnowledgeBase()
        self.counts: dict[str, int] = {}

    def _count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def add_name(self, surface: str, entry: KbEntry) -> None:
        key = _tokens(surface)
        if not key:
            return
        bucket = self.kb.names.setdefault(key, [])
        # A later file (the user's) overrides an earlier entry of the same kind.
        bucket[:] = [(s, e) for s, e in bucket if e.kind != entry.kind]
        bucket.append((surface, entry))
        self.kb.max_name_len = max(self.kb.max_name_len, len(key))
        self._count("names")

    def add_countries(self, path: Path) -> None:
        for lineno, row in _rows(path):
            iso3 = row.get("iso3", "").upper()
            name = row.get("name", "")
            if len(iso3) != 3 or not name:
                raise KnowledgeBaseError(f"line {lineno}: needs iso3 and name", str(path))
            self.kb.countries[iso3] = name
            self._count("countries")
            country = KbEntry(name, "country", iso3)
            for surface in [name, *_split(row.get("aliases", ""))]:
                self.add_name(surface, country)
            for dem in _split(row.get("demonyms", "")):
                self.add_name(dem, KbEntry(name, "demonym", iso3))
                self._count("demonyms")
                if (pl := _demonym_plural(dem)) is not None:
                    self.add_name(pl, KbEntry(name, "demonym", iso3))
            for cap in _split(row.get("capitals", "")):
                self.add_name(cap, KbEntry(name, "capital", iso3, "GOV"))
                self._count("capitals")

    def add_role(self, phrase: str, sector: str | None, kind: str, needs_country: bool,
                 where: str) -> None:
        if kind not in ROLE_KINDS:
            raise KnowledgeBaseError(f"role kind must be one of {ROLE_KINDS}, got {kind!r}",
                                     where)
        words = tuple(norm(w) for w in phrase.split())
        if not words:
            return
        role = Role(" ".join(words), sector, kind, needs_country)
        # the parser splits "sub-inspector" into "sub", "-", "inspector": both forms
        split = tuple(p for w in words for p in re.split(r"(-)", w) if p)
        for key in {words, split}:
            self.kb.roles[key] = role
            self.kb.roles[(*key[:-1], plural(key[-1]))] = role
        self._count("roles")

    def add_roles(self, path: Path) -> None:
        for lineno, row in _rows(path):
            self.add_role(row.get("phrase", ""), row.get("sector") or None,
                          row.get("kind") or "person", row.get("needs_country") == "1",
                          f"{path}:{lineno}")

    def add_entities(self, path: Path) -> None:
        for lineno, row in _rows(path):
            where = f"{path}:{lineno}"
            missing = [c for c in ("name", "kind") if not row.get(c)]
            if missing:
                raise KnowledgeBaseError(f"line {lineno}: missing column(s) {missing}; "
                                         f"expected columns: {_COLUMNS_TEXT}", str(path))
            kind, name = row["kind"].lower(), row["name"]
            country = row.get("country", "").upper() or None
            sector = row.get("sector", "").upper() or None
            if kind not in ENTITY_KINDS:
                raise KnowledgeBaseError(f"line {lineno}: kind must be one of {ENTITY_KINDS}, "
                                         f"got {kind!r}", str(path))
            if country and country != "IGO" and len(country) != 3:
                raise KnowledgeBaseError(f"line {lineno}: country must be ISO3 or IGO, "
                                         f"got {country!r}", str(path))
            if kind == "role":
                self.add_role(name, sector, "person", False, where)
                continue
            if kind == "country":
                if not country:
                    raise KnowledgeBaseError(f"line {lineno}: a country row needs its ISO3 "
                                             "code in the country column", str(path))
                canonical = self.kb.countries.setdefault(country, name)
                entry = KbEntry(canonical, "country", country)
            else:
                entry = KbEntry(name, kind, country, sector, row.get("title") or None)
                self._count({"person": "people", "organization": "organizations",
                             "group": "groups"}[kind])
                if country == "IGO":
                    self._count("igos")
            for surface in [name, *_split(row.get("aliases", ""))]:
                self.add_name(surface, entry)
                if kind == "person":
                    self.kb.people[" ".join(_tokens(surface))] = entry


def user_paths() -> list[Path]:
    """Extra knowledge-base files named by the TIDINGS_KB environment variable."""
    value = os.environ.get(ENV_VAR, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


def load_kb(extra_paths: Iterable[str | Path] = ()) -> KnowledgeBase:
    """Build a knowledge base from the packaged files plus `extra_paths` (entity format).

    Raises KnowledgeBaseError naming the file and line when a file is unreadable or
    malformed. Prefer `get_kb`, which builds each combination only once.
    """
    builder = _Builder()
    builder.add_countries(DATA_DIR / "actors_countries.tsv")
    builder.add_roles(DATA_DIR / "actors_roles.tsv")
    for filename in ENTITY_FILES:
        builder.add_entities(DATA_DIR / filename)
    for path in extra_paths:
        path = Path(path)
        if not path.is_file():
            raise KnowledgeBaseError("knowledge-base file not found", str(path))
        builder.add_entities(path)
    builder.kb.counts = dict(builder.counts)
    return builder.kb


# Bump when KnowledgeBase's fields or how they are built change, so old caches are not
# loaded.
KB_FORMAT = 3


@lru_cache(maxsize=8)
def _cached(paths: tuple[str, ...]) -> KnowledgeBase:
    """Built once per process, and kept between processes (`tidings.diskcache`) under a
    name that changes with any of the files it is built from."""
    files = [DATA_DIR / "actors_countries.tsv", DATA_DIR / "actors_roles.tsv",
             *(DATA_DIR / f for f in ENTITY_FILES), *map(Path, paths)]
    try:
        parts = [str(KB_FORMAT).encode()] + [str(f).encode() + f.read_bytes() for f in files]
    except OSError:  # a missing user file: load_kb names it
        return load_kb(paths)
    return load_or_build(cache_path("kb", parts), lambda: load_kb(paths), KnowledgeBase)


def get_kb(extra_paths: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The knowledge base for the packaged files + TIDINGS_KB + `extra_paths`, cached."""
    paths = tuple(str(p) for p in [*user_paths(), *extra_paths])
    return _cached(paths)


def kb_sizes() -> dict[str, int]:
    """How many countries, capitals, demonyms, roles, organisations, groups, people, IGOs
    and matchable names the active knowledge base holds (for `tidings info`)."""
    counts = get_kb().counts
    keys = ("countries", "capitals", "demonyms", "roles", "organizations", "groups",
            "people", "igos", "names")
    return {k: counts.get(k, 0) for k in keys}
