"""A digest of what the coder outputs on a fixed set of inputs, so a refactoring can
prove it changed no output: the examples/, the seed article (when ../shared is there)
and every text of our own gold files under eval/gold.

    .venv/bin/python scripts/output_digest.py            # print the digests
    .venv/bin/python scripts/output_digest.py --write    # record them as the reference

tests/test_output_digest.py compares against the recorded reference
(tests/output_digest.json). Only the events' `by` field (which rules made an event:
provenance, not output) is left out of the digest.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "output_digest.json"
SEED = ROOT.parent / "shared" / "samples" / "seed-article.txt"
IGNORED_EVENT_KEYS = ("by",)


def _canonical(doc: dict[str, Any]) -> str:
    for event in doc.get("events") or []:
        for key in IGNORED_EVENT_KEYS:
            event.pop(key, None)
    # origins hold absolute paths: the digest must not depend on where the clone is
    text = json.dumps(doc, sort_keys=True, ensure_ascii=False)
    return text.replace(str(SEED.parent.parent), "<shared>").replace(str(ROOT), "<root>")


def _gold_articles() -> Iterator[Any]:
    from tidings.models import Article, Paragraph

    for path in sorted((ROOT / "eval" / "gold").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            text = record.get("text")
            if isinstance(text, str) and text:
                yield Article(id=str(record.get("id")), origin=f"{path.name}#{record.get('id')}",
                              text=text, published=record.get("published"),
                              paragraphs=[Paragraph(0, len(text))])


def digests() -> dict[str, str]:
    """{input set: sha256 of its coded output, one canonical JSON line per document}."""
    from tidings.models import ReadResult
    from tidings.nlp import Coder
    from tidings.pipeline import code_results
    from tidings.readers import read_paths

    coder = Coder()
    sets: dict[str, Any] = {
        "examples": read_paths([str(ROOT / "examples")]),
        "eval-gold": (ReadResult(a) for a in _gold_articles()),
    }
    if SEED.exists():
        sets["seed"] = read_paths([str(SEED)], published=None)
    out = {}
    for name, results in sets.items():
        h = hashlib.sha256()
        for doc in code_results(results, coder=coder):
            h.update(_canonical(doc).encode() + b"\n")
        out[name] = h.hexdigest()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="record these as the reference")
    args = ap.parse_args()
    found = digests()
    print(json.dumps(found, indent=2))
    if args.write:
        REFERENCE.write_text(json.dumps(found, indent=2, sort_keys=True) + "\n")
        print(f"wrote {REFERENCE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
