"""The coder's output on examples/, the seed and our gold texts is the recorded one
(scripts/output_digest.py): a refactoring that changes any output fails here. When an
output change is intended, record the new reference with
`python scripts/output_digest.py --write` in the same commit and say why."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("output_digest",
                                                  ROOT / "scripts" / "output_digest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_output_is_the_recorded_one():
    script = _script()
    reference = json.loads(script.REFERENCE.read_text())
    found = script.digests()
    for name, digest in found.items():
        assert digest == reference[name], f"coded output of {name} changed"
    assert set(found) >= {"examples", "eval-gold"}
