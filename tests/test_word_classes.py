"""The extractors' word classes are data (tidings/ontology/data/word_classes.tsv), read
and checked once: malformed rows, split or empty classes and missing classes are errors."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tidings.ontology.words import WordClassError, read_word_classes, word_classes, words

EXTRACT = Path(__file__).resolve().parent.parent / "tidings" / "extract"
DATA = EXTRACT.parent / "ontology" / "data"


def test_every_class_has_words_and_is_used():
    classes = word_classes()
    assert all(classes.values())
    used = {m for p in EXTRACT.parent.rglob("*.py")  # the coder, nlp.py's tokenizer too
            for m in re.findall(r'words\("([a-z0-9_]+)"\)', p.read_text(encoding="utf-8"))}
    # the trigger lexicon and the CAMEO content table name classes as `@name`
    used |= {m for p in DATA.glob("*.tsv")
             for m in re.findall(r"@([a-z0-9_]+)", "".join(
                 ln for ln in p.read_text(encoding="utf-8").splitlines(True)
                 if not ln.startswith("#")))}
    assert used == set(classes)


def test_classes_hold_the_words_the_code_tests():
    from tidings.extract.event_triggers import LIGHT_VERBS
    from tidings.extract.quote_marks import CUE_VERBS, REPORT_VERBS

    assert "carry" in LIGHT_VERBS and "'ll" in words("future_aux")
    assert "said" in REPORT_VERBS and "asked" in CUE_VERBS - REPORT_VERBS


def test_a_missing_class_is_an_error():
    with pytest.raises(WordClassError, match="no_such_class"):
        words("no_such_class")


@pytest.mark.parametrize(("text", "message"), [
    ("light_verbs\tcarry\nnouns\ttalks\nlight_verbs\thold\n", "not together"),
    ("light_verbs\t \n", "no words"),
    ("Light Verbs\tcarry\n", "line 1"),
    ("light_verbs carry\n", "line 1"),
    ("# only a comment\n", "no word classes"),
])
def test_a_malformed_file_is_an_error(tmp_path, text, message):
    path = tmp_path / "word_classes.tsv"
    path.write_text(text)
    with pytest.raises(WordClassError, match=message):
        read_word_classes(path)


def test_a_class_may_run_over_rows(tmp_path):
    path = tmp_path / "word_classes.tsv"
    path.write_text("# why\nlight_verbs\tcarry hold\nlight_verbs\tstage\n")
    assert read_word_classes(path) == {"light_verbs": frozenset({"carry", "hold", "stage"})}
