"""docs/codebook.md describes every field of the output: the fields of the output
dataclasses, the keys `tidings code` really prints, every key the output contract
(docs/output.md) names, every store column and export column, every code list value."""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from tidings.api import code_text
from tidings.ontology.acled import acled_rules
from tidings.ontology.cameo import PLOVER_TYPES
from tidings.store import schema
from tidings.store.export_acled import ACLED_COLUMNS
from tidings.store.export_gdelt import GDELT_COLUMNS, SIDECAR_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
CODEBOOK = ROOT / "docs" / "codebook.md"
STORY = ("Police arrested 40 protesters in Nairobi on 12 March 2024, a police spokesman "
         "said. \"We will not be silenced,\" said union leader Mary Wanjiku. Two people "
         "were killed when soldiers opened fire on the march in Kisumu.")


@pytest.fixture(scope="module")
def script():
    path = ROOT / "scripts" / "codebook.py"
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location("codebook_script", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module


@pytest.fixture(scope="module")
def text() -> str:
    return CODEBOOK.read_text(encoding="utf-8")


def documented_paths(text: str) -> set[str]:
    """The top-level keys (section 1's headings) and the dotted field paths of its tables
    (`events.source.country`)."""
    return (set(re.findall(r"^### `([a-z_]+)`$", text, re.MULTILINE))
            | set(re.findall(r"^\| `([a-z_.]+)` \|", text, re.MULTILINE)))


def key_paths(obj, prefix: str = "") -> set[str]:
    """Every dotted key path of a JSON-like value (lists looked through)."""
    out: set[str] = set()
    if isinstance(obj, dict):
        for key, value in obj.items():
            path = f"{prefix}{key}"
            out.add(path)
            out |= key_paths(value, f"{path}.")
    elif isinstance(obj, list):
        for value in obj:
            out |= key_paths(value, prefix)
    return out


def test_every_dataclass_field_is_described(script, text):
    missing = [path for path, _ in script.output_paths() if not script.FIELDS.get(path)]
    assert not missing, f"describe in scripts/codebook_text.py FIELDS: {missing}"
    undocumented = {p for p, _ in script.output_paths()} - documented_paths(text)
    assert not undocumented, f"run .venv/bin/python scripts/codebook.py: {undocumented}"


def test_every_key_the_coder_prints_is_described(text, coder):
    doc = code_text(STORY, published="2024-03-13T08:00:00Z", coder=coder)
    printed = key_paths(doc)
    tops = {p for p in printed if "." not in p}
    assert tops == {"article", "actors", "events", "quotes", "places", "dates",
                    "sources_cited", "casualties", "errors"}
    assert doc["events"] and doc["casualties"] and doc["quotes"]  # the story has them
    missing = {p for p in printed if "." in p} - documented_paths(text)
    assert not missing, f"keys printed but not in docs/codebook.md: {sorted(missing)}"


def test_every_key_of_the_output_contract_is_in_the_codebook(text):
    """Each `name` in docs/output.md's table of keys is a field, or a value, the
    codebook names."""
    contract = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")
    rows = [line for line in contract.splitlines() if line.startswith("| `")]
    assert len(rows) >= 9
    named = set(re.findall(r"`([A-Za-z_0-9.+ -]+)`", text))
    components = {part for name in named for part in name.split(".")}
    missing = []
    for row in rows:
        top = re.match(r"\| `(\w+)`", row).group(1)
        for token in re.findall(r"`([a-z_]+)`", row):
            if token != top and token not in components:
                missing.append(f"{top}: {token}")
    assert not missing, missing


def test_code_lists_and_export_columns_are_all_there(text):
    for kind in PLOVER_TYPES:
        assert f"| `{kind}` |" in text
    for column in GDELT_COLUMNS + SIDECAR_COLUMNS + ACLED_COLUMNS:
        assert f"| `{column}` |" in text, column
    for column, _ in schema.TABLES["events"]:
        assert f"| `{column}` |" in text, column
    for rule in acled_rules():
        assert rule.why in text
    for value in ("asserted", "reported", "future", "hypothetical", "historical",
                  "merge_key", "is_root"):
        assert f"| `{value}` |" in text


def test_every_sector_the_knowledge_base_uses_has_a_meaning(script):
    unknown = set(script._kb_sectors()) - set(script.SECTORS)
    assert not unknown, f"describe in scripts/codebook_text.py SECTORS: {unknown}"
