"""Write docs/codebook.md: every output field and every code list, from the package's own
tables where there is one (the output dataclasses, the CAMEO/PLOVER tables, the trigger
lexicon's modes, the knowledge base's sectors, the store schema, the GDELT, ACLED and
tone tables). The meanings of fields are written here, once.

    .venv/bin/python scripts/codebook.py          # rewrite docs/codebook.md
    .venv/bin/python scripts/codebook.py --check  # exit 1 when it is out of date

tests/test_codebook.py checks the file against the output contract (docs/output.md) and
the keys `tidings code` really prints.
"""
from __future__ import annotations

import csv
import dataclasses
import sys
import types
import typing
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from codebook_text import (
    ACLED_NOTES,
    CAMEO_ROOTS,
    EVENTS_TABLE,
    FIELDS,
    GDELT_FILLED,
    INTRO,
    SECTORS,
    SIDECAR,
    VALUES,
)

from tidings import models
from tidings.ontology import cameo
from tidings.ontology.acled import ARMED_SECTORS, UNARMED_SECTORS, acled_rules
from tidings.ontology.tone import tone_words
from tidings.paths import DATA_DIR
from tidings.store import schema
from tidings.store.export_acled import ACLED_COLUMNS
from tidings.store.export_gdelt import GDELT_COLUMNS, SIDECAR_COLUMNS
from tidings.store.exports import QUAD_LABELS

OUT = ROOT / "docs" / "codebook.md"
# The top-level keys of a coded document, in output order, and what each list holds.
TOP = [f.name for f in dataclasses.fields(models.CodedDocument)]


def type_name(hint: object) -> str:
    """A field's type as an analyst reads it: "text", "integer or null", "list of ..."."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        named = [type_name(a) for a in args if a is not type(None)]
        return " or ".join(named) + (" or null" if type(None) in args else "")
    if origin is list:
        return f"list of {type_name(args[0])}"
    simple = {str: "text", int: "integer", float: "number", bool: "true/false"}
    if hint in simple:
        return simple[hint]
    return f"`{getattr(hint, '__name__', str(hint))}`"


def field_rows(cls: type, prefix: str, seen: set[type]) -> list[tuple[str, str]]:
    """(dotted path, type) of every field of `cls`, nested dataclasses expanded."""
    hints = typing.get_type_hints(cls, vars(models))
    rows = []
    for f in dataclasses.fields(cls):
        if f.name == "errors" and cls is models.CodedDocument:
            rows.append((f"{prefix}{f.name}", "list of `{stage, message, origin}`"))
            continue
        hint = hints[f.name]
        rows.append((f"{prefix}{f.name}", type_name(hint)))
        inner = _dataclass_in(hint)
        if inner is not None and inner not in seen:
            rows += field_rows(inner, f"{prefix}{f.name}.", seen | {inner})
    return rows


def _dataclass_in(hint: object) -> type | None:
    if dataclasses.is_dataclass(hint):
        return hint  # type: ignore[return-value]
    for arg in typing.get_args(hint):
        found = _dataclass_in(arg)
        if found is not None:
            return found
    return None


def output_paths() -> list[tuple[str, str]]:
    """Every field path of a coded document ("events.source.country"), with its type."""
    rows = field_rows(models.CodedDocument, "", {models.CodedDocument})
    errors = [(f"errors.{f.name}", type_name(h)) for f, h in
              ((f, typing.get_type_hints(models.DocumentError)[f.name])
               for f in dataclasses.fields(models.DocumentError))]
    return rows + errors


def table(header: list[str], rows: list[list[object]]) -> list[str]:
    def cell(value: object) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ") if value is not None else ""
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return out + [""]


def document_section() -> list[str]:
    lines = ["## 1. The coded document", "",
             ("What `tidings code` prints for each input document and `tidings.api.code_text` "
             "returns (docs/output.md is the contract). Offsets are character offsets into "
             "`article.text`, end exclusive. Every key is always present; a value the text "
             "does not give is null (or an empty list)."), ""]
    by_top: dict[str, list[list[object]]] = defaultdict(list)
    for path, kind in output_paths():
        by_top[path.split(".")[0]].append([f"`{path}`", kind, FIELDS.get(path, "")])
    for top in TOP:
        lines += [f"### `{top}`", "", FIELDS.get(top, ""), ""]
        lines += table(["field", "type", "meaning"], [r for r in by_top[top]
                                                      if r[0] != f"`{top}`"])
    return lines


def _lexicon_by_type() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """{PLOVER type: CAMEO codes} and {PLOVER type: modes} the lexicon files give."""
    codes: dict[str, set[str]] = defaultdict(set)
    modes: dict[str, set[str]] = defaultdict(set)
    for name in ("event_triggers.tsv", "event_nouns.tsv", "event_retypes.tsv"):
        path = DATA_DIR / name
        if not path.exists():
            continue
        lines = [x for x in path.read_text(encoding="utf-8").splitlines()
                 if x.strip() and not x.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t"):
            kind = (row.get("type") or "").strip()
            if kind not in cameo.PLOVER_TYPES:
                continue
            if (row.get("cameo") or "").strip().isdigit():
                codes[kind].add(row["cameo"].strip())
            mode = (row.get("mode") or "").strip()
            if mode and mode not in ("=", "-"):
                modes[kind].add(mode)
    return codes, modes


def plover_section() -> list[str]:
    codes, modes = _lexicon_by_type()
    rows = []
    for kind in cameo.PLOVER_TYPES:
        default = cameo.DEFAULT_CAMEO[kind]
        rows.append([f"`{kind}`", cameo.quad_class(default), f"`{default}`",
                     ", ".join(sorted(codes[kind] | {default})),
                     ", ".join(sorted(modes[kind])) or "-"])
    aliases = ", ".join(f"{old} -> {new}" for old, new in sorted(cameo.PLOVER_ALIASES.items()))
    return (["## 2. Code lists", "", "### PLOVER event types and their CAMEO codes", "",
             ("`events.type` is one of the 16 PLOVER 2.0 types. `cameo` is the CAMEO code "
             "the trigger and its object give (to the third digit where the text says "
             "enough), else the type's default. `mode` refines the type; the modes listed "
             "are those the lexicon files (`tidings/ontology/data/event_*.tsv`) assign. "
             f"Older PLOVER labels are read as: {aliases}."), ""]
            + table(["PLOVER type", "quad class", "default CAMEO", "CAMEO codes coded",
                     "modes"], rows))


def cameo_section() -> list[str]:
    roots = [[f"`{root}`", name, cameo.quad_class(root), cameo.GOLDSTEIN.get(root)]
             for root, name in CAMEO_ROOTS.items()]
    codes = sorted(c for c in cameo.GOLDSTEIN if len(c) == 3)
    per_line = [", ".join(f"{c} {cameo.GOLDSTEIN[c]:+.1f}" for c in codes if c[:2] == root)
                for root in CAMEO_ROOTS]
    return (["### CAMEO roots, quad classes and the Goldstein scale", "",
             ("`goldstein` is the Goldstein (1992) conflict-cooperation score of the CAMEO "
             "code, -10 (most conflictual) to +10 (most cooperative); a code not listed "
             "takes its root's. `quad_class` groups the roots:"), ""]
            + table(["quad class", "label", "CAMEO roots"],
                    [[n, QUAD_LABELS[n], ", ".join(r for r in CAMEO_ROOTS
                                                   if cameo.quad_class(r) == n)]
                     for n in sorted(QUAD_LABELS)])
            + table(["CAMEO root", "name", "quad class", "Goldstein"], roots)
            + ["Goldstein score of every three-digit code:", ""]
            + table(["root", "codes"], [[f"`{r}`", line] for r, line
                                        in zip(CAMEO_ROOTS, per_line, strict=True)]))


def _kb_sectors() -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for name in ("actors_roles.tsv", "actors_entities.tsv", "actors_organizations.tsv",
                 "actors_people.tsv"):
        path = DATA_DIR / name
        if not path.exists():
            continue
        lines = [x for x in path.read_text(encoding="utf-8").splitlines()
                 if x.strip() and not x.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t"):
            sector = (row.get("sector") or "").strip().upper()
            if sector:
                counts[sector] += 1
    return counts


def sector_section() -> list[str]:
    counts = _kb_sectors()
    names = sorted(set(SECTORS) | set(counts))
    rows = [[f"`{s}`", SECTORS.get(s, "(a sector the knowledge base uses)"),
             counts.get(s, 0),
             "armed" if s in ARMED_SECTORS else "unarmed" if s in UNARMED_SECTORS else ""]
            for s in names]
    return (["### Sectors", "",
             ("`sector` (actors, event sides, `source_sector`/`target_sector`) is a CAMEO "
             "role code; `code` is the country's ISO alpha-3 code followed by the sector "
             "(`IRNGOV`), the country alone for a state or a person of no known sector, "
             "`IGO` for intergovernmental bodies. The count is how many entries of the "
             "knowledge base (`tidings/ontology/data/actors_*.tsv`) carry the sector; the "
             "last column is how the ACLED export reads a target of that sector."), ""]
            + table(["sector", "meaning", "knowledge-base entries", "ACLED target"], rows))


def values_section() -> list[str]:
    lines = []
    for title, (intro, rows) in VALUES.items():
        lines += [f"### {title}", "", intro, ""]
        lines += table(["value", "meaning"], [[f"`{v}`", m] for v, m in rows])
    return lines


def store_section() -> list[str]:
    rows = [[f"`{c}`", kind, EVENTS_TABLE.get(c, "")] for c, kind in schema.TABLES["events"]]
    return (["## 3. Merged events: the store, Parquet, CSV and JSONL exports", "",
             ("`tidings ingest` stores each article's events as mentions and merges the "
             "mentions of one real-world event across articles (docs/store.md). `tidings "
             "query` and `tidings export --format parquet|csv|jsonl` give one row per merged "
             "event with these columns. In Parquet, `day` is a DATE, `first_published` a "
             "TIMESTAMP (UTC), `context` a LIST<STRING> and the actor lists "
             "LIST<STRUCT<actor, text, name, country, sector, code, inferred>>; in CSV the "
             "lists are JSON text."), ""]
            + table(["column", "type", "meaning"], rows))


def gdelt_section() -> list[str]:
    rows = [[f"`{c}`", GDELT_FILLED.get(c, "empty: tidings does not code it")]
            for c in GDELT_COLUMNS]
    side = [[f"`{c}`", SIDECAR.get(c, "")] for c in SIDECAR_COLUMNS]
    return (["## 4. GDELT 2.0 export", "",
             ("`tidings export --format gdelt --out FILE` writes GDELT 2.0's 61 event "
             "columns, tab-separated, no header, one merged event a row, and beside it "
             "`FILE.sidecar.tsv` (with a header), one row per event in the same order, "
             "which says what GDELT's columns cannot (to standard output, `--out -`, no "
             "sidecar is written)."), ""]
            + table(["column", "how tidings fills it"], rows)
            + ["The sidecar:", ""] + table(["column", "meaning"], side))


def acled_section() -> list[str]:
    mapping = [[f"`{r.plover}`", r.cameo, r.target, r.event_type or "- (not exported)",
                r.sub_event_type or "", r.why] for r in acled_rules()]
    columns = [[f"`{c}`", ACLED_NOTES.get(c, "")] for c in ACLED_COLUMNS]
    return (["## 5. ACLED-style export", "",
             ("`tidings export --format acled` writes a CSV with ACLED's columns (and two "
             "of ours at the end), one row for each merged event ACLED would record: its "
             "PLOVER type maps to an ACLED event type, it is not negated, and its modality "
             "is asserted, reported or historical. `pandas.read_csv(FILE, "
             "parse_dates=['event_date'])` gives typed columns."), ""]
            + table(["column", "meaning"], columns)
            + [("PLOVER -> ACLED (`tidings/ontology/data/plover_acled.tsv`; the first row "
               "that matches wins; `target` armed: the target names a sector among "
               f"{', '.join(sorted(ARMED_SECTORS))}; unarmed: among "
               f"{', '.join(sorted(UNARMED_SECTORS))}):"), ""]
            + table(["PLOVER", "CAMEO prefix", "target", "ACLED event type",
                     "sub-event type", "why"], mapping))


def tone_section() -> list[str]:
    words = tone_words()
    positive = sum(1 for v in words.values() if v > 0)
    return ["## 6. Tone (GDELT `AvgTone`)", "",
            ("An approximation of GDELT's tone, not a copy: for each sentence an event was "
            "coded from, 100 x (positive words - negative words) / all words, with the "
            f"{len(words)} words of `tidings/ontology/data/tone_words.tsv` ({positive} "
            f"positive, {len(words) - positive} negative; inflected forms count, a word "
            "right after a negation counts the other way); `AvgTone` is the mean over the "
            "event's distinct sentences. GDELT scores whole articles with its own "
            "dictionaries, so the scale is alike (about -25 to +25 for a sentence, 0 for "
            "one with no tone word) but the values are not comparable one for one."), ""]


def render() -> str:
    lines = INTRO + document_section() + plover_section() + cameo_section() \
        + sector_section() + values_section() + store_section() + gdelt_section() \
        + acled_section() + tone_section()
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run .venv/bin/python scripts/codebook.py")
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
