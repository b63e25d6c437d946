"""PLOVER contexts of events (tidings/ontology/contexts.py, data/event_contexts.tsv):
from the act, the sides' sectors and the sentence's words; every value is one PLOVER
names. Sentences of our own."""
from __future__ import annotations

import pytest
from conftest import make_article

from tidings.ontology import contexts
from tidings.ontology.contexts import PLOVER_CONTEXTS, contexts_of


@pytest.mark.parametrize(("text", "context"), [
    ("Al-Shabaab militants attacked an army base in Lower Shabelle.", "terrorism"),
    ("The air force bombed rebel positions in the north.", "military"),
    ("Police fired tear gas at students protesting in Dhaka.", "repression"),
    ("The UN sent peacekeepers to the Central African Republic.", "peacekeeping"),
    ("Authorities deported 200 migrants to Afghanistan.", "migration"),
    ("Gunmen stormed a mosque in Katsina and kidnapped 40 worshippers.",
     "religion_ethnicity"),
    ("Chile and Peru agreed to share intelligence on drug trafficking.", "trafficking"),
])
def test_event_context(coder, text, context):
    events = coder.code(make_article(text, published="2024-03-14T10:00:00Z")).events
    assert any(context in e.context for e in events), [(e.type, e.context) for e in events]
    assert all(set(e.context) <= PLOVER_CONTEXTS for e in events)


def test_no_context_from_nothing():
    assert contexts_of("Pakistan accused India of violating the ceasefire.") == []


def test_phrases_and_word_edges():
    assert contexts_of("a row over human rights and press freedom") == \
        ["human_rights", "rights_freedoms"]
    assert contexts_of("the gasworks closed") == []  # "gas" only as a word


def test_the_table_names_only_plover_contexts(tmp_path, monkeypatch):
    bad = tmp_path / "event_contexts.tsv"
    bad.write_text("warfare\tbattle\n", encoding="utf-8")
    monkeypatch.setattr(contexts, "DATA_DIR", tmp_path)
    contexts._table.cache_clear()
    try:
        with pytest.raises(contexts.ContextTableError, match="line 1"):
            contexts._table()
    finally:
        contexts._table.cache_clear()
