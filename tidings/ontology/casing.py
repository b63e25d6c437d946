"""Case restoration for lower-cased text: whole archives come lower-cased (or upper-cased:
lines written all in capitals are lower-cased first, then restored), and the parser, the
entity recogniser and the knowledge base (which wants "US", not "us") all read capitals.

`restore_case(text)` returns a copy of the same length, character for character, with
the capitals put back where they can be known: sentence starts, the pronoun "I",
weekdays and months, and every name the knowledge base lists in its listed form
("islamic state" -> "Islamic State", "u.s." -> "U.S."). A listed name that is also a
common English word ("us", "who", "may") is left alone. Because only case changes,
every offset into the copy is an offset into the original.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from .gazetteer import gazetteer
from .kb import _tokenizer, get_kb, norm
from .words import words

# Fewer capitals than this share of the letters: the text was lower-cased.
LOWER_CASED_SHARE = 0.005
MIN_LETTERS = 20
# ("May" and "March" are words first.)
CALENDAR = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
            "January", "February", "April", "June", "July", "August", "September",
            "October", "November", "December")
# Multiword gazetteer names made only of these are ordinary phrases in lower case.
GENERIC_PLACE_WORDS = words("generic_place_words")
# "in lagos", "police of hyderabad", "sitapur district": where a one-word name known as
# a word is a place
LOCATIVES = frozenset({"in", "near", "at", "from", "outside", "to", "into", "across", "of"})
REGION_WORDS = frozenset({"district", "province", "state", "division", "tehsil", "taluk",
                          "county", "region", "governorate", "oblast", "city", "town",
                          "village", "prefecture", "department"})
_LETTER = re.compile(r"[^\W\d_]")
# "u.s.", "U.N." ending just before a sentence start: an abbreviation, not a full stop
_ABBREVIATION_BEFORE = re.compile(r"(?:^|[\s(])(?:[A-Za-z]\.){2,}$")
_UPPER = re.compile(r"[A-Z]")
# A sentence start: the text's start, a paragraph break, or after . ! ? and quotes.
_SENTENCE_START = re.compile(r"(?:^|\n|[.!?][\"'”’)\]]*\s+)[\"'“‘(\[]*([a-z])")


def needs_case(text: str) -> bool:
    """Whether `text` reads as lower-cased (almost no capitals among many letters) or
    holds a line written all in capitals (an upper-cased archive, a shouted headline)."""
    letters = len(_LETTER.findall(text))
    if letters >= MIN_LETTERS and len(_UPPER.findall(text)) <= letters * LOWER_CASED_SHARE:
        return True
    return any(_all_capitals(line) or _title_cased(line) for line in text.split("\n"))


# A headline in title case ("U.S. Lifts Travel Ban to Lebanon"): at most this many words,
# and at least this many capitalised common words after the first
HEADLINE_WORDS = 16
TITLE_WORDS = 2
_WORD = re.compile(r"[A-Za-z][a-z]+")


def _title_cased(line: str) -> bool:
    """A short line whose words (of four letters or more) all start with a capital, two
    or more of them common English words, not names: a headline in title case."""
    found = list(islice(_WORD.finditer(line), HEADLINE_WORDS + 1))  # a paragraph: stop early
    if not 3 <= len(found) <= HEADLINE_WORDS or line.rstrip().endswith((",", ";", ":")):
        return False
    long_words = [m for m in found if len(m.group()) >= 4]
    if len(long_words) < 3 or any(m.group()[0].islower() for m in long_words):
        return False
    every, _ = _english_words()
    start = len(line) - len(line.lstrip())
    common = [m for m in long_words if m.start() > start and _plain(m.group())
              and _listed_word(m.group().lower(), every)]
    return len(common) >= TITLE_WORDS


def _plain(word: str) -> bool:
    """Not a name the knowledge base lists as one word."""
    return (norm(word),) not in cased_names()[0]


def _listed_word(low: str, lemmas: frozenset[str]) -> bool:
    """A word of the English lists, as it stands or inflected ("lifts" - "lift")."""
    return low in lemmas or _inflected_from(low, lemmas)


def _all_capitals(line: str) -> bool:
    """A line of at least MIN_LETTERS letters with no lower-case letter, whose
    lower-cased form has the same length (so offsets hold)."""
    letters = _LETTER.findall(line)
    return len(letters) >= MIN_LETTERS and not any(ch.islower() for ch in letters) and \
        len(line.lower()) == len(line)


# Short words a title-case headline capitalises: "Gunmen Kill 12 In Attack On a Village"
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "in", "on", "at", "to", "of", "for", "with",
                               "by", "from", "and", "or", "as", "after", "over", "into",
                               "against", "amid", "near", "off", "up", "out"})


def _sentence_cased(line: str) -> str:
    """A title-case headline with its common words lower-cased and its names kept: "U.S.
    Lifts Travel Ban to Lebanon" -> "U.S. lifts travel ban to Lebanon" (same length). A
    noun right after a name is kept with it ("Kenya Police", "Ruth Calder"); verbs and
    small words are lowered wherever they stand."""
    every, verbal = _english_words()
    chars = list(line)
    after_name = False
    for n, m in enumerate(re.finditer(r"\S+", line)):
        token = m.group()
        w = _WORD.match(token.lstrip("\"'‘“("))
        if w is None or not w.group()[0].isupper():
            after_name = False
            continue
        low = w.group().lower()
        at = m.start() + token.index(w.group())
        verb = low in TITLE_SMALL_WORDS or _listed_word(low, verbal)
        if n > 0 and _plain(w.group()) and (verb or _listed_word(low, every)
                                            and not after_name):
            chars[at] = low[0]
            after_name = False
        else:
            after_name = True
    return "".join(chars)


def _lowered_capitals(text: str) -> str:
    """`text` with its all-capital lines lower-cased and its title-case headlines
    sentence-cased (same length)."""
    return "\n".join(line.lower() if _all_capitals(line) else
                     _sentence_cased(line) if _title_cased(line) else line
                     for line in text.split("\n"))


@lru_cache(maxsize=1)
def cased_names() -> tuple[dict[tuple[str, ...], tuple[str, ...]], int]:
    """{normalised tokens: the listed tokens with their capitals}, and the longest name."""
    from spacy.lang.en.stop_words import STOP_WORDS

    kb = get_kb()
    tok = _tokenizer()
    names: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key, entries in kb.names.items():
        if len(key) == 1 and (key[0] in STOP_WORDS or len(key[0]) < 2):
            continue  # "us", "who", "may": a word first, a name only with capitals
        for surface, _entry in entries:
            cased = tuple(t.text for t in tok(surface))
            if len(cased) == len(key) and surface != surface.lower():
                names.setdefault(key, cased)
                break
    for key, place in _place_names().items():
        if len(key) > 1 or key[0] not in STOP_WORDS:
            names.setdefault(key, place)
    for day in CALENDAR:
        names.setdefault((day.lower(),), (day,))
    return names, max([len(k) for k in names] or [1])


def _place_names() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Gazetteer names safe to capitalise: names of more than one word ("bint jbeil"),
    and countries and regions; a one-word city may be a common word ("sale", "man")."""
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for entries in gazetteer()._index.values():
        for e in entries:
            if not e.primary or e.name == e.name.lower() or (
                    " " not in e.name and e.feature not in ("country", "admin")):
                continue
            cased = tuple(e.name.split())  # plain words: a name split otherwise won't match
            if all(w.lower() in GENERIC_PLACE_WORDS for w in cased):
                continue  # "old city", "new town": words first, a name only with capitals
            out.setdefault(tuple(norm(t) for t in cased), cased)
    return out


@lru_cache(maxsize=1)
def _town_names() -> dict[str, str]:
    """One-word towns, districts and regions of the gazetteer, {lower: Cased}: a one-word
    place is capitalised only where restore_case finds it safe (see `_is_town_at`). The
    key is the name as written without accents ("Ghāziābād" is found as "ghaziabad")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    out: dict[str, str] = {}
    for entries in gazetteer()._index.values():
        for e in entries:
            name = e.name
            if e.primary and e.feature in ("city", "admin") and " " not in name and \
                    len(name) >= 4 and name.isalpha() and name[0].isupper() and \
                    norm(name) not in STOP_WORDS:
                out.setdefault(norm(name), name)
    return out


@lru_cache(maxsize=1)
def _english_words() -> tuple[frozenset[str], frozenset[str]]:
    """(every word of the spaCy model's lemmatizer index, the words in it as a verb,
    adjective or adverb): the installed English model's WordNet-based lists tell a
    common word ("sale", "reading") from a town name ("meerut"). Empty without a model."""
    import spacy.util
    from spacy.lookups import Lookups
    from spacy.strings import StringStore

    for name in spacy.util.get_installed_models():
        if not name.startswith("en_core_web"):
            continue
        for path in spacy.util.get_package_path(name).glob("*/lemmatizer/lookups"):
            lookups = Lookups().from_disk(path)
            index, irregular = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")
            strings = StringStore(["noun", "verb", "adj", "adv"])
            # the lemmas, and the irregular forms ("borne", "fled", "worse") of each
            lists = {pos: set(index.get(strings[pos], [])) | set(irregular.get(strings[pos], {}))
                     for pos in ("noun", "verb", "adj", "adv")}
            every = frozenset().union(*lists.values())
            return every, frozenset(lists["verb"] | lists["adj"] | lists["adv"])
    return frozenset(), frozenset()


def _is_town_at(keys: list[str], i: int) -> str | None:
    """The capitalised town at token i of a lower-cased text, when it is safe to say:
    a gazetteer town no English word list knows ("meerut", "narayanpur"), or a known
    noun after a locative preposition or before a region word ("in lagos", "sitapur
    district"); never a word that is also a verb, adjective or adverb ("reading")."""
    town = _town_names().get(keys[i])
    every, other_pos = _english_words()
    if town is None or not every or _inflected_from(keys[i], other_pos):
        return None
    if keys[i] not in every:
        return town
    before = keys[i - 1] if i else ""
    after = keys[i + 1] if i + 1 < len(keys) else ""
    return town if before in LOCATIVES or after in REGION_WORDS else None


def _inflected_from(word: str, lemmas: frozenset[str]) -> bool:
    """`word`, or the stem it is inflected from ("reading" -> read), is in `lemmas`."""
    stems = {word}
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix):
            stem = word[:-len(suffix)]
            stems |= {stem, stem + "e"}
    return bool(stems & lemmas)


def _put(chars: list[str], start: int, cased: str) -> None:
    """Write the capitals of `cased` over the same letters at `start`."""
    for i, ch in enumerate(cased):
        j = start + i
        if j < len(chars) and ch != chars[j] and ch.lower() == chars[j] and len(ch) == 1:
            chars[j] = ch


def restore_case(text: str) -> str:
    """A copy of `text` of the same length with capitals restored (see the module);
    lines written all in capitals or in title case ("U.S. Lifts Travel Ban") are
    lower-cased first, then restored the same way."""
    text = _lowered_capitals(text)
    chars = list(text)
    for m in _SENTENCE_START.finditer(text):
        if not _ABBREVIATION_BEFORE.search(text, 0, m.start() + 1):  # "U.S. lifts ..."
            chars[m.start(1)] = text[m.start(1)].upper()
    names, longest = cased_names()
    toks = list(_tokenizer()(text))
    keys = [norm(t.text) for t in toks]
    i = 0
    while i < len(toks):
        if keys[i] == "i" and toks[i].text == "i":
            chars[toks[i].idx] = "I"
        for n in range(min(longest, len(toks) - i), 0, -1):
            cased = names.get(tuple(keys[i:i + n]))
            if cased is not None:
                for t, form in zip(toks[i:i + n], cased, strict=True):
                    if norm(form) == norm(t.text) and len(form) == len(t.text):
                        _put(chars, t.idx, form)
                i += n
                break
        else:
            town = _is_town_at(keys, i)
            if town is not None and len(town) == len(toks[i].text):
                _put(chars, toks[i].idx, town)
            i += 1
    return "".join(chars)
