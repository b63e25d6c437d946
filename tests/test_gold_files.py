"""The hand-written data files are well formed: eval/gold/events.jsonl and examples/.

These tests read only our own files (and, when present, ../shared to make sure no text
was copied from it). Each check names the line or file that breaks it.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from tidings.evaluate.events import read_own
from tidings.ontology.cameo import GOLDSTEIN
from tidings.paths import PROJECT_ROOT, shared_file

GOLD = PROJECT_ROOT / "eval" / "gold" / "events.jsonl"
HELDOUT = PROJECT_ROOT / "eval" / "gold" / "events_heldout.jsonl"
BLIND = PROJECT_ROOT / "eval" / "gold" / "events_blind.jsonl"
EXAMPLES = PROJECT_ROOT / "examples"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES = {"asserted", "reported", "future", "hypothetical", "historical"}

# PLOVER 2.0 modes per type (manual tables); types without a table take no mode.
MODES: dict[str, set[str]] = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone",
                "heavy-weapons", "crowd-control", "unconventional"},
}

# CAMEO code prefixes each PLOVER type may carry. Follows CAMEO2PLOVER, plus the PLOVER
# manual's own rulings where it overrides the table: apologies (055), declared ceasefires
# (0871) and eased curfews (081x) are CONCEDE; court-ordered payments (116) are SANCTION
# 'convict'; formal sanctions (163) are SANCTION 'discontinue'; appeals (02x) are REQUEST.
# Occupying or capturing territory (192) is ASSAULT, as PLV and the PLOVER GSR code a
# military capture ("captured three cities"), not CAMEO2PLOVER's COERCE 'seize'.
CAMEO_PREFIXES: dict[str, tuple[str, ...]] = {
    "AGREE": ("03",),
    "CONSULT": ("04",),
    "SUPPORT": ("05",),
    "CONCEDE": ("080", "081", "082", "083", "055", "0871"),
    "COOPERATE": ("06",),
    "AID": ("07",),
    "RETREAT": ("084", "085", "086", "087"),
    "REQUEST": ("02", "10"),
    "ACCUSE": ("09", "11"),
    "REJECT": ("12",),
    "THREATEN": ("13",),
    "PROTEST": ("14",),
    "SANCTION": ("16", "116"),
    "MOBILIZE": ("15",),
    "COERCE": ("17", "191"),
    "ASSAULT": ("18", "190", "192", "193", "194", "195", "196", "20", "175", "1712"),
}

SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "REB", "OPP", "PTY", "MED", "CVL", "BUS", "EDU",
           "REL", "SPY", "UAF", "IGO", "NGO", "LAB", "AGR", "HLH", "REF", "ELI", "CRM"}

TAGS = {"passive", "nominal", "compound_actor", "multi_event", "light_verb",
        "reported_speech", "negation", "future", "hypothetical", "historical", "metonymy",
        "igo", "armed_group", "conditional", "reciprocal", "distractor"}
# Hard cases the gold must exercise, each several times.
HARD_TAGS = ("passive", "nominal", "compound_actor", "multi_event", "light_verb",
             "reported_speech", "negation", "future", "hypothetical", "historical",
             "metonymy", "igo", "armed_group")

EVENT_KEYS = {"type", "mode", "cameo", "source", "target", "date", "negated", "modality",
              "trigger"}


def _gold_records(path: Path = GOLD) -> list[tuple[int, dict]]:
    records = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{path.name}:{lineno}: blank line"
        try:
            records.append((lineno, json.loads(line)))
        except ValueError as exc:
            pytest.fail(f"{path.name}:{lineno}: not JSON ({exc})")
    return records


@pytest.fixture(scope="module")
def gold() -> list[tuple[int, dict]]:
    return _gold_records()


def _valid_country(code: str | None) -> bool:
    return code is None or code == "IGO" or pycountry.countries.get(alpha_3=code) is not None


def _check_actor(actor: dict, text: str, where: str) -> None:
    assert set(actor) == {"text", "country", "sector"}, f"{where}: actor keys {sorted(actor)}"
    assert actor["text"] and actor["text"] in text, \
        f"{where}: actor text {actor['text']!r} is not in the sentence"
    assert _valid_country(actor["country"]), f"{where}: bad country {actor['country']!r}"
    assert actor["sector"] is None or actor["sector"] in SECTORS, \
        f"{where}: unknown sector {actor['sector']!r}"


def _check_event(ev: dict, rec: dict, where: str) -> None:
    assert set(ev) == EVENT_KEYS, f"{where}: event keys {sorted(ev)}"
    etype = ev["type"]
    assert etype in PLOVER_TYPES, f"{where}: unknown type {etype!r}"
    if ev["mode"] is not None:
        assert ev["mode"] in MODES.get(etype, set()), f"{where}: mode {ev['mode']!r} not a {etype} mode"
    cameo = ev["cameo"]
    if cameo is not None:
        assert re.fullmatch(r"\d{3,4}", cameo), f"{where}: CAMEO code {cameo!r}"
        assert cameo[:3] in GOLDSTEIN, f"{where}: CAMEO code {cameo!r} unknown"
        assert cameo.startswith(CAMEO_PREFIXES[etype]), \
            f"{where}: CAMEO {cameo} does not code a {etype} event"
    assert isinstance(ev["negated"], bool), f"{where}: negated must be a bool"
    assert ev["modality"] in MODALITIES, f"{where}: modality {ev['modality']!r}"
    assert ev["trigger"] and ev["trigger"] in rec["text"], \
        f"{where}: trigger {ev['trigger']!r} is not in the sentence"
    assert isinstance(ev["source"], list) and isinstance(ev["target"], list), \
        f"{where}: source/target must be lists"
    for actor in ev["source"] + ev["target"]:
        _check_actor(actor, rec["text"], where)
    if ev["date"] is not None:
        happened = dt.date.fromisoformat(ev["date"])
        published = dt.date.fromisoformat(rec["published"])
        if ev["modality"] == "future":
            assert happened >= published, f"{where}: future event dated before publication"
        else:
            assert happened <= published, f"{where}: past event dated after publication"


def test_gold_lines_are_well_formed(gold):
    ids = Counter(rec["id"] for _, rec in gold)
    assert not [i for i, n in ids.items() if n > 1], "duplicate ids"
    texts = Counter(rec["text"] for _, rec in gold)
    assert not [t for t, n in texts.items() if n > 1], "duplicate sentences"
    for lineno, rec in gold:
        where = f"{GOLD.name}:{lineno}"
        assert set(rec) == {"id", "text", "published", "events", "tags"}, f"{where}: keys {sorted(rec)}"
        assert re.fullmatch(r"own-\d{4}", rec["id"]), f"{where}: id {rec['id']!r}"
        assert dt.date.fromisoformat(rec["published"]), where
        assert rec["text"] == rec["text"].strip() and "\n" not in rec["text"], \
            f"{where}: text must be one sentence on one line"
        assert set(rec["tags"]) <= TAGS, f"{where}: unknown tags {set(rec['tags']) - TAGS}"
        assert ("distractor" in rec["tags"]) == (rec["events"] == []), \
            f"{where}: exactly the event-less sentences are tagged distractor"
        for n, ev in enumerate(rec["events"]):
            _check_event(ev, rec, f"{where} event {n}")


def test_gold_covers_every_type_and_hard_case(gold):
    assert len(gold) >= 170
    per_type = Counter(t for _, rec in gold for t in {ev["type"] for ev in rec["events"]})
    thin = {t: per_type[t] for t in PLOVER_TYPES if per_type[t] < 8}
    assert not thin, f"types with fewer than 8 sentences: {thin}"
    assert sum(1 for _, rec in gold if not rec["events"]) >= 12
    tags = Counter(tag for _, rec in gold for tag in rec["tags"])
    assert all(tags[t] >= 3 for t in HARD_TAGS), {t: tags[t] for t in HARD_TAGS}
    modalities = Counter(ev["modality"] for _, rec in gold for ev in rec["events"])
    assert all(modalities[m] >= 3 for m in MODALITIES), modalities
    assert sum(ev["negated"] for _, rec in gold for ev in rec["events"]) >= 10


def _check_tags_coded(rec: dict, where: str) -> None:
    events, tags = rec["events"], set(rec["tags"])
    if "multi_event" in tags:
        assert len(events) >= 2, where
    if "compound_actor" in tags:
        assert any(len(ev["source"]) >= 2 for ev in events), where
    if "negation" in tags:
        assert any(ev["negated"] for ev in events), where
    for modality in ("future", "hypothetical", "historical"):
        if modality in tags:
            assert any(ev["modality"] == modality for ev in events), where
    if "reported_speech" in tags:
        # future / hypothetical / historical outrank "reported" (eval/README.md)
        assert any(ev["modality"] != "asserted" for ev in events), where


def test_tagged_hard_cases_are_coded_as_tagged(gold):
    for lineno, rec in gold:
        _check_tags_coded(rec, f"{GOLD.name}:{lineno}")


@pytest.mark.parametrize("path, prefix", [(HELDOUT, "held"), (BLIND, "blind")])
def test_blind_gold_is_well_formed_and_shares_no_sentence_with_ours(gold, path, prefix):
    blind = _gold_records(path)
    assert len(blind) >= 100
    ours = {rec["text"] for _, rec in gold}
    for lineno, rec in blind:
        where = f"{path.name}:{lineno}"
        assert re.fullmatch(prefix + r"-\d{4}", rec["id"]), f"{where}: id {rec['id']!r}"
        assert rec["text"] not in ours, f"{where}: sentence also in {GOLD.name}"
        assert ("distractor" in rec["tags"]) == (rec["events"] == []), where
        for n, ev in enumerate(rec["events"]):
            _check_event(ev, rec, f"{where} event {n}")
    per_type = Counter(ev["type"] for _, rec in blind for ev in rec["events"])
    assert all(per_type[t] >= 3 for t in PLOVER_TYPES), per_type
    assert len(read_own(path)) == len(blind)


def test_the_project_reader_accepts_the_gold_file():
    items = read_own(GOLD)
    assert len(items) == len(_gold_records())
    assert sum(len(i.events) for i in items) == sum(len(r["events"]) for _, r in _gold_records())


def test_gold_validation_rejects_a_broken_event(gold):
    # The checks above must catch real mistakes, not pass everything.
    _, rec = next((ln, r) for ln, r in gold if r["events"])
    bad = json.loads(json.dumps(rec))
    bad["events"][0]["type"] = "FIGHT"
    with pytest.raises(AssertionError, match="unknown type"):
        _check_event(bad["events"][0], bad, "probe")
    bad = json.loads(json.dumps(rec))
    bad["events"][0]["source"] = [{"text": "Ruritania", "country": "RUR", "sector": None}]
    with pytest.raises(AssertionError, match="not in the sentence"):
        _check_event(bad["events"][0], bad, "probe")
    bad["text"] += " Ruritania"
    with pytest.raises(AssertionError, match="bad country"):
        _check_event(bad["events"][0], bad, "probe")


# ------------------------------------------------------------------ examples

def _txt_examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*.txt"))


def _wire() -> list[dict]:
    path = EXAMPLES / "wire.jsonl"
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            rows.append(json.loads(line))
        except ValueError as exc:
            pytest.fail(f"wire.jsonl:{lineno}: not JSON ({exc})")
    return rows


def test_text_dumps_have_the_scraped_header_and_junk():
    files = _txt_examples()
    assert len(files) >= 7
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert re.fullmatch(r"News ID: \d+", lines[0]), f"{path.name}: no News ID header"
        m = re.fullmatch(r"Published: (\d{4} GMT \w+ \d{1,2}, \d{4})", lines[1])
        assert m, f"{path.name}: no Published line"
        dt.datetime.strptime(m.group(1), "%H%M GMT %B %d, %Y")
        assert any(line.endswith("Desk") for line in lines[:12]), f"{path.name}: no desk label"
        assert any(line.startswith("Page Generated in") for line in lines[-3:]), \
            f"{path.name}: no trailing page junk"
        words = len(" ".join(lines[2:-3]).split())
        assert 250 <= words <= 600, f"{path.name}: {words} words"


def test_wire_jsonl_articles():
    rows = _wire()
    assert len(rows) >= 3
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert set(row) == {"id", "title", "published", "url", "source", "text"}, row.get("id")
        assert row["id"] and row["text"], row
        dt.datetime.fromisoformat(row["published"])
        paragraphs = row["text"].split("\n\n")
        assert len(paragraphs) >= 5 and all(p.strip() == p and p for p in paragraphs), row["id"]
        assert 250 <= len(row["text"].split()) <= 600, row["id"]


def test_examples_readme_lists_every_file_and_all_types():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for path in [*_txt_examples(), EXAMPLES / "wire.jsonl"]:
        assert path.name in readme, f"README.md does not list {path.name}"
    for row in _wire():
        assert row["id"] in readme, f"README.md does not list {row['id']}"
    missing = [t for t in PLOVER_TYPES if t not in readme]
    assert not missing, f"README.md claims no example for {missing}"


def test_examples_share_no_text_with_the_seed_article():
    seed = shared_file("samples", "seed-article.txt")
    if seed is None:
        pytest.skip("../shared not available")
    words = seed.read_text(encoding="utf-8").split()
    # Any 10-word run of the seed found in our files would mean copied text.
    shingles = {" ".join(words[i:i + 10]) for i in range(len(words) - 9)}
    ours = [p.read_text(encoding="utf-8") for p in _txt_examples()]
    ours += [r["text"] for r in _wire()] + [GOLD.read_text(encoding="utf-8")]
    for text in ours:
        ws = text.split()
        assert not {" ".join(ws[i:i + 10]) for i in range(len(ws) - 9)} & shingles
