"""The styles gold splits (eval/README.md, "Styles gold"): each written blind to the coder
in the styles of the held-out sets; dev splits may be read, check splits only scored.
Validated like events.jsonl (tests/test_gold_files.py), plus each split's style mix."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter

import pytest
from test_gold_files import (
    GOLD,
    PLOVER_TYPES,
    TAGS,
    _check_event,
    _check_tags_coded,
    _gold_records,
)

from tidings.evaluate.events import read_own
from tidings.paths import PROJECT_ROOT

STYLES = PROJECT_ROOT / "eval" / "gold" / "events_styles.jsonl"
STYLES_CHECK = PROJECT_ROOT / "eval" / "gold" / "events_styles_check.jsonl"
STYLES2 = PROJECT_ROOT / "eval" / "gold" / "events_styles2.jsonl"
STYLES3 = PROJECT_ROOT / "eval" / "gold" / "events_styles3.jsonl"
STYLES4 = PROJECT_ROOT / "eval" / "gold" / "events_styles4.jsonl"
STYLES5 = PROJECT_ROOT / "eval" / "gold" / "events_styles5.jsonl"
STYLES_CHECK2 = PROJECT_ROOT / "eval" / "gold" / "events_styles_check2.jsonl"
STYLES_CHECK3 = PROJECT_ROOT / "eval" / "gold" / "events_styles_check3.jsonl"
STYLES6 = PROJECT_ROOT / "eval" / "gold" / "events_styles6.jsonl"
STYLES_CHECK4 = PROJECT_ROOT / "eval" / "gold" / "events_styles_check4.jsonl"
STYLES7 = PROJECT_ROOT / "eval" / "gold" / "events_styles7.jsonl"
STYLES8 = PROJECT_ROOT / "eval" / "gold" / "events_styles8.jsonl"
STYLES9 = PROJECT_ROOT / "eval" / "gold" / "events_styles9.jsonl"
STYLES_CHECK5 = PROJECT_ROOT / "eval" / "gold" / "events_styles_check5.jsonl"

# ------------------------------------------------------------------ styles gold
# Two splits written blind to the coder in four styles (eval/README.md, "Styles gold"):
# the dev split's misses may be read, the check split is only scored.

STYLE_SPLITS = [(STYLES, "styles", 8), (STYLES_CHECK, "stylescheck", 4)]
STYLE_SHARES = {"cameo": (0.35, 0.55), "acled": (0.12, 0.30), "wire": (0.12, 0.30),
                "police_lc": (0.10, 0.25)}


def _check_styles_record(rec: dict, prefix: str, where: str,
                         styles: dict[str, tuple[float, float]] = STYLE_SHARES) -> None:
    assert set(rec) == {"id", "text", "published", "events", "tags", "style"}, \
        f"{where}: keys {sorted(rec)}"
    assert re.fullmatch(prefix + r"-\d{4}", rec["id"]), f"{where}: id {rec['id']!r}"
    assert rec["style"] in styles, f"{where}: style {rec['style']!r}"
    assert dt.date.fromisoformat(rec["published"]), where
    assert rec["text"] == rec["text"].strip() and "\n" not in rec["text"], \
        f"{where}: text must be on one line"
    if rec["style"] == "police_lc":
        assert rec["text"] == rec["text"].lower(), f"{where}: police_lc text is all lower case"
    assert set(rec["tags"]) <= TAGS, f"{where}: unknown tags {set(rec['tags']) - TAGS}"
    assert ("distractor" in rec["tags"]) == (rec["events"] == []), \
        f"{where}: exactly the event-less items are tagged distractor"
    for n, ev in enumerate(rec["events"]):
        _check_event(ev, rec, f"{where} event {n}")
    _check_tags_coded(rec, where)


@pytest.mark.parametrize("path, prefix, per_type", STYLE_SPLITS)
def test_styles_gold_is_well_formed(path, prefix, per_type):
    records = _gold_records(path)
    assert not [i for i, n in Counter(r["id"] for _, r in records).items() if n > 1], \
        f"{path.name}: duplicate ids"
    assert not [t for t, n in Counter(r["text"] for _, r in records).items() if n > 1], \
        f"{path.name}: duplicate texts"
    ours = {rec["text"] for _, rec in _gold_records(GOLD)}
    for lineno, rec in records:
        where = f"{path.name}:{lineno}"
        _check_styles_record(rec, prefix, where)
        assert rec["text"] not in ours, f"{where}: text also in {GOLD.name}"
    assert len(read_own(path)) == len(records)


def _check_mix(records: list[dict], name: str, per_type: int,
               shares_wanted: dict[str, tuple[float, float]]) -> None:
    """Every type in at least `per_type` items, each style's share in its bounds, and
    5-12% distractors."""
    per_item = Counter(t for r in records for t in {ev["type"] for ev in r["events"]})
    thin = {t: per_item[t] for t in PLOVER_TYPES if per_item[t] < per_type}
    assert not thin, f"{name}: types in fewer than {per_type} items: {thin}"
    shares = Counter(r["style"] for r in records)
    for style, (low, high) in shares_wanted.items():
        assert low <= shares[style] / len(records) <= high, (style, shares[style])
    distractors = sum(1 for r in records if not r["events"])
    assert 0.05 <= distractors / len(records) <= 0.12, distractors


@pytest.mark.parametrize("path, prefix, per_type", STYLE_SPLITS)
def test_styles_gold_has_the_mix_the_brief_asks_for(path, prefix, per_type):
    records = [rec for _, rec in _gold_records(path)]
    assert len(records) >= (200 if prefix == "styles" else 110), len(records)
    _check_mix(records, path.name, per_type, STYLE_SHARES)
    # the codebook-style items reach every CAMEO root from 02 to 20
    roots = {ev["cameo"][:2] for r in records if r["style"] == "cameo"
             for ev in r["events"] if ev["cameo"]}
    assert roots >= {f"{n:02d}" for n in range(2, 21)}, sorted(roots)


def test_the_styles_splits_share_no_text():
    dev = {rec["text"] for _, rec in _gold_records(STYLES)}
    check = {rec["text"] for _, rec in _gold_records(STYLES_CHECK)}
    assert not dev & check


# The second dev split (issue 13): fresh wording, and a fifth style, `plv` (long clausal
# news sentences on diplomacy and conflict, every act between political actors coded).
STYLES2_SHARES = {"cameo": (0.35, 0.50), "acled": (0.12, 0.25), "wire": (0.12, 0.25),
                  "plv": (0.08, 0.16), "police_lc": (0.07, 0.16)}


# The third dev split (issue 13): fresh wording again, weighted to the weak styles (wire,
# plv, police_lc); fewer codebook one-liners and ACLED notes.
STYLES3_SHARES = {"cameo": (0.20, 0.35), "acled": (0.05, 0.12), "wire": (0.20, 0.32),
                  "plv": (0.18, 0.30), "police_lc": (0.12, 0.20)}
# The fourth dev split (issue 13): fresh wording again, weighted to what recall misses on
# unseen text: plain and light verbs, nouns, long clausal sentences, and the cooperative acts.
STYLES4_SHARES = {"cameo": (0.18, 0.32), "acled": (0.10, 0.20), "wire": (0.20, 0.32),
                  "plv": (0.20, 0.32), "police_lc": (0.05, 0.12)}
# The fifth dev split (issue 13): the styles of the weakest held-out sets: AFP wire
# sentences of 1995-2008 as PETRARCH coded them, GSR-like news sentences, codebook
# one-liners over the CAMEO codes the other splits use least, and ACLED-style notes.
STYLES5_SHARES = {"afp": (0.30, 0.40), "gsr": (0.22, 0.32), "cameo": (0.20, 0.32),
                  "acled": (0.08, 0.15)}
# The sixth dev split (issue 13): the styles of the biggest held-out sets: PLV-like news
# sentences on diplomacy and conflict, GSR-like sentences, and CASE 2021-like ACLED notes.
STYLES6_SHARES = {"plv": (0.40, 0.52), "gsr": (0.17, 0.27), "case": (0.25, 0.35)}
# The seventh dev split (issue 13): the styles of PLV test, the GSR held-out third and
# PETRARCH-2's AFP gold, with wording, stories and regions the other splits use less.
STYLES7_SHARES = {"plv": (0.45, 0.56), "gsr": (0.20, 0.30), "afp": (0.18, 0.28)}
# The eighth dev split (issue 13): the styles of PETRARCH-2's AFP gold and the CAMEO
# codebook's examples, with wording and stories the other splits do not tell.
STYLES8_SHARES = {"afp": (0.48, 0.62), "cameo": (0.38, 0.52)}
# path, id prefix, style shares, minimum size
DEV_SPLITS = [(STYLES2, "styles2", STYLES2_SHARES, 230), (STYLES3, "styles3", STYLES3_SHARES, 270),
              (STYLES4, "styles4", STYLES4_SHARES, 270), (STYLES5, "styles5", STYLES5_SHARES, 250),
              (STYLES6, "styles6", STYLES6_SHARES, 250), (STYLES7, "styles7", STYLES7_SHARES, 240),
              (STYLES8, "styles8", STYLES8_SHARES, 240)]
# the styles that tell several acts in one long sentence
MULTI_ACT_STYLES = ("wire", "afp")


def _split_is_well_formed(path, prefix: str, shares: dict[str, tuple[float, float]]) -> None:
    """Unique ids and texts, every record valid in the split's styles, all read."""
    records = _gold_records(path)
    assert not [i for i, n in Counter(r["id"] for _, r in records).items() if n > 1], \
        f"{path.name}: duplicate ids"
    assert not [t for t, n in Counter(r["text"] for _, r in records).items() if n > 1], \
        f"{path.name}: duplicate texts"
    for lineno, rec in records:
        _check_styles_record(rec, prefix, f"{path.name}:{lineno}", shares)
    assert len(read_own(path)) == len(records)


def _check_plv_mix(recs: list[dict], name: str, size: tuple[int, int],
                   shares: dict[str, tuple[float, float]], negated: int) -> None:
    """A split in PLV's styles: its size, every type in 5+ items, the style shares, a
    distractor in every style, some negated events, and PLV-like sentences that code
    every act (most tell two or more; all 16 types occur among them)."""
    assert size[0] <= len(recs) <= size[1], len(recs)
    _check_mix(recs, name, 5, shares)
    assert all(any(not r["events"] for r in recs if r["style"] == s) for s in shares), \
        "every style has a distractor"
    assert sum(ev["negated"] for r in recs for ev in r["events"]) >= negated
    plv = [r for r in recs if r["style"] == "plv" and r["events"]]
    assert sum(len(r["events"]) >= 2 for r in plv) >= 0.6 * len(plv)
    types = Counter(ev["type"] for r in plv for ev in r["events"])
    assert all(types[t] for t in PLOVER_TYPES), types


def _lengths_and_years_follow(records: list[dict],
                              bounds: dict[str, tuple[int, int, int, int]]) -> None:
    """Sentences of a bounded style have its word counts and years; the other style (an
    ACLED note) is one or two sentences."""
    for r in records:
        if r["style"] in bounds:
            low, high, first, last = bounds[r["style"]]
            assert low <= len(r["text"].split()) <= high, (r["id"], len(r["text"].split()))
            assert first <= int(r["published"][:4]) <= last, (r["id"], r["published"])
        else:
            sentences = re.findall(r"[.!?](?:\s|$)", r["text"])
            assert 1 <= len(sentences) <= 2, r["id"]


@pytest.mark.parametrize("path, prefix, shares, _size", DEV_SPLITS)
def test_dev_split_is_well_formed(path, prefix, shares, _size):
    _split_is_well_formed(path, prefix, shares)


@pytest.mark.parametrize("path, prefix, shares, size", DEV_SPLITS)
def test_dev_split_has_the_mix_the_brief_asks_for(path, prefix, shares, size):
    records = [rec for _, rec in _gold_records(path)]
    assert len(records) >= size, len(records)
    _check_mix(records, path.name, 8, shares)
    assert all(any(not r["events"] for r in records if r["style"] == s) for s in shares), \
        "every style has a distractor"
    roots = {ev["cameo"][:2] for r in records if r["style"] == "cameo"
             for ev in r["events"] if ev["cameo"]}
    assert "cameo" not in shares or roots >= {f"{n:02d}" for n in range(2, 21)}, sorted(roots)
    # wire leads tell several acts; most wire items code two or more
    wire = [r for r in records if r["style"] in MULTI_ACT_STYLES and r["events"]]
    assert not wire or sum(len(r["events"]) >= 2 for r in wire) / len(wire) >= 0.8
    assert sum(ev["negated"] for r in records for ev in r["events"]) >= 5


def _shares_no_text(path) -> None:
    """No text of the split is in any other gold file."""
    ours = {rec["text"] for _, rec in _gold_records(path)}
    for other in sorted(path.parent.glob("*.jsonl")):
        if other == path:
            continue
        for line in other.read_text(encoding="utf-8").splitlines():
            text = json.loads(line).get("text") if line.strip() else None
            assert text not in ours, f"{path.name}: a text is also in {other.name}"


@pytest.mark.parametrize("path", [split[0] for split in DEV_SPLITS])
def test_dev_split_shares_no_text_with_any_other_gold_file(path):
    _shares_no_text(path)


# The second check split (issue 13): all five styles, written blind to the coder and to
# the other check files; only scored (suite events-styles-check2), never read for tuning.
CHECK2_SHARES = {"cameo": (0.25, 0.40), "acled": (0.12, 0.22), "wire": (0.15, 0.25),
                 "plv": (0.15, 0.25), "police_lc": (0.10, 0.20)}
# The third check split (issue 13): the fifth dev split's styles, written blind; only scored.
CHECK3_SHARES = {"afp": (0.25, 0.35), "gsr": (0.20, 0.32), "cameo": (0.22, 0.35),
                 "acled": (0.10, 0.18)}
CHECK_SPLITS = [(STYLES_CHECK2, "stylescheck2", CHECK2_SHARES, ("wire",)),  # +multi-act styles
                (STYLES_CHECK3, "stylescheck3", CHECK3_SHARES, ("afp",))]


@pytest.mark.parametrize("path, prefix, shares, _multi", CHECK_SPLITS)
def test_check_split_is_well_formed(path, prefix, shares, _multi):
    _split_is_well_formed(path, prefix, shares)


@pytest.mark.parametrize("path, _prefix, shares, multi", CHECK_SPLITS)
def test_check_split_has_the_mix_the_brief_asks_for(path, _prefix, shares, multi):
    records = [rec for _, rec in _gold_records(path)]
    assert 170 <= len(records) <= 210, len(records)
    _check_mix(records, path.name, 6, shares)
    assert all(any(not r["events"] for r in records if r["style"] == s)
               for s in shares), "every style has a distractor"
    roots = {ev["cameo"][:2] for r in records if r["style"] == "cameo"
             for ev in r["events"] if ev["cameo"]}
    assert roots >= {f"{n:02d}" for n in range(2, 21)}, sorted(roots)
    wire = [r for r in records if r["style"] in multi and r["events"]]
    assert sum(len(r["events"]) >= 2 for r in wire) / len(wire) >= 0.8
    assert sum(ev["negated"] for r in records for ev in r["events"]) >= 2
    for r in records:
        if r["style"] == "acled":
            assert r["text"].startswith("On "), r["text"]


@pytest.mark.parametrize("path", [split[0] for split in CHECK_SPLITS])
def test_check_split_shares_no_text_with_any_other_gold_file(path):
    _shares_no_text(path)


def test_styles3_weights_the_weak_styles():
    """The third split exists for the styles the coder is weakest on: wire leads and
    plv sentences outnumber the codebook one-liners, and are long."""
    records = [rec for _, rec in _gold_records(STYLES3)]
    shares = Counter(r["style"] for r in records)
    assert shares["wire"] + shares["plv"] + shares["police_lc"] >= 0.6 * len(records), shares
    for r in records:
        words = len(r["text"].split())
        if r["style"] == "wire":
            assert 25 <= words <= 65, (r["id"], words)
        elif r["style"] == "plv":
            assert 20 <= words <= 55, (r["id"], words)


COOPERATIVE = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
               "REQUEST")


def test_styles4_weights_long_sentences_and_cooperative_acts():
    """The fourth split is for what recall misses: long wire and plv sentences telling
    several acts, ACLED notes, and yielding, aid, support, cooperation, consultation,
    requests and agreements at least as often as assaults and coercion."""
    records = [rec for _, rec in _gold_records(STYLES4)]
    for r in records:
        words = len(r["text"].split())
        if r["style"] == "wire":
            assert 28 <= words <= 62, (r["id"], words)
        elif r["style"] == "plv":
            assert 22 <= words <= 52, (r["id"], words)
        elif r["style"] == "acled":
            assert r["text"].startswith("On "), r["id"]
    types = Counter(ev["type"] for r in records for ev in r["events"])
    assert sum(types[t] for t in COOPERATIVE) >= types["ASSAULT"] + types["COERCE"], types
    # long sentences tell several acts: most items code two or more
    multi = [r for r in records if len(r["events"]) >= 2]
    assert len(multi) >= 0.5 * len(records), len(multi)


@pytest.mark.parametrize("path", [STYLES5, STYLES_CHECK3])
def test_styles5_has_the_lengths_of_its_styles(path):
    """AFP wire sentences are long, GSR sentences middling, codebook items one-liners,
    and ACLED notes open with their date (the fifth dev split and the third check split)."""
    records = [rec for _, rec in _gold_records(path)]
    bounds = {"afp": (25, 55), "gsr": (20, 45), "cameo": (8, 20)}
    for r in records:
        words = len(r["text"].split())
        if r["style"] in bounds:
            low, high = bounds[r["style"]]
            assert low <= words <= high, (r["id"], r["style"], words)
        else:
            assert re.match(r"On \d{1,2} [A-Z][a-z]+ \d{4}, ", r["text"]), r["id"]
    # the codebook items lean on the codes the other splits use least (02-03, 08-10, 13-20)
    roots = Counter(ev["cameo"][:2] for r in records if r["style"] == "cameo"
                    for ev in r["events"] if ev["cameo"])
    rare = sum(n for root, n in roots.items() if root in
               {"02", "03", "08", "09", "10", "13", "14", "15", "16", "17", "18", "19", "20"})
    assert path != STYLES5 or rare >= 0.8 * sum(roots.values()), roots


def test_styles6_has_the_lengths_and_acts_of_its_styles():
    """PLV sentences are 18-50 words and code every act (most code two or more), GSR
    sentences 20-45 words, CASE notes short ACLED notes naming actors as ACLED does;
    cooperative acts, the ones coders miss, are well represented."""
    records = [rec for _, rec in _gold_records(STYLES6)]
    bounds = {"plv": (18, 50), "gsr": (20, 45), "case": (8, 60)}
    for r in records:
        low, high = bounds[r["style"]]
        assert low <= len(r["text"].split()) <= high, (r["id"], r["style"])
    case = [r for r in records if r["style"] == "case"]
    dated = [r for r in case if re.match(r"On \d{1,2} [A-Z][a-z]+ \d{4}, ", r["text"])]
    assert 0.7 * len(case) <= len(dated) < len(case), len(dated)
    acled_names = [r for r in case if re.search(r"\((?:\d{4}-(?:\d{4})?|[A-Z][a-z]+)", r["text"])]
    assert len(acled_names) >= 0.5 * len(case), len(acled_names)
    plv = [r for r in records if r["style"] == "plv" and r["events"]]
    assert sum(len(r["events"]) >= 2 for r in plv) >= 0.7 * len(plv)
    per_item = Counter(t for r in records for t in {ev["type"] for ev in r["events"]})
    for kind in ("AID", "COOPERATE", "RETREAT", "CONCEDE", "REJECT", "THREATEN"):
        assert per_item[kind] >= 10, (kind, per_item[kind])


def test_styles7_has_the_lengths_periods_and_acts_of_its_styles():
    """PLV and GSR sentences are news of 2005-2024 (18-50 and 20-45 words), AFP wire
    sentences of 1995-2008 (25-55 words) telling several acts; most PLV items code two or
    more acts; the cooperative acts coders miss are well represented, and some acts are
    denied or failed (negated)."""
    records = [rec for _, rec in _gold_records(STYLES7)]
    bounds = {"plv": (18, 50, 2005, 2024), "gsr": (20, 45, 2005, 2024),
              "afp": (25, 55, 1995, 2008)}
    for r in records:
        low, high, first, last = bounds[r["style"]]
        assert low <= len(r["text"].split()) <= high, (r["id"], r["style"])
        assert first <= int(r["published"][:4]) <= last, (r["id"], r["published"])
    plv = [r for r in records if r["style"] == "plv" and r["events"]]
    assert sum(len(r["events"]) >= 2 for r in plv) >= 0.7 * len(plv)
    per_item = Counter(t for r in records for t in {ev["type"] for ev in r["events"]})
    for kind in ("AID", "COOPERATE", "RETREAT", "CONCEDE", "MOBILIZE", "THREATEN"):
        assert per_item[kind] >= 12, (kind, per_item[kind])
    assert sum(ev["negated"] for r in records for ev in r["events"]) >= 6
    distractors = Counter(r["style"] for r in records if not r["events"])
    assert all(distractors[s] >= 5 for s in bounds), distractors


def test_styles8_has_the_lengths_periods_and_acts_of_its_styles():
    """AFP wire sentences of 1995-2008 (25-55 words) telling several acts, every PLOVER
    type in at least 6 of them; codebook one-liners (8-20 words) reaching every CAMEO root
    01-20 at least twice (root 01, statements, as distractors); some acts denied."""
    records = [rec for _, rec in _gold_records(STYLES8)]
    bounds = {"afp": (25, 55), "cameo": (8, 20)}
    for r in records:
        low, high = bounds[r["style"]]
        assert low <= len(r["text"].split()) <= high, (r["id"], r["style"])
        if r["style"] == "afp":
            assert 1995 <= int(r["published"][:4]) <= 2008, (r["id"], r["published"])
    afp = Counter(t for r in records if r["style"] == "afp" for t in {ev["type"] for ev in r["events"]})
    assert all(afp[t] >= 6 for t in PLOVER_TYPES), afp
    roots = Counter(ev["cameo"][:2] for r in records if r["style"] == "cameo"
                    for ev in r["events"] if ev["cameo"])
    assert all(roots[f"{n:02d}"] >= 2 for n in range(2, 21)), roots
    cameo_distractors = [r for r in records if r["style"] == "cameo" and not r["events"]]
    assert len(cameo_distractors) >= 5, len(cameo_distractors)
    assert sum(ev["negated"] for r in records for ev in r["events"]) >= 8


@pytest.mark.parametrize("suite, attr, path, runner", [
    ("events-styles5", "STYLES5_GOLD", STYLES5, "run_styles5"),
    ("events-styles-check3", "STYLES_CHECK3_GOLD", STYLES_CHECK3, "run_styles_check3"),
    ("events-styles6", "STYLES6_GOLD", STYLES6, "run_styles6"),
    ("events-styles-check4", "STYLES_CHECK4_GOLD", STYLES_CHECK4, "run_styles_check4"),
    ("events-styles7", "STYLES7_GOLD", STYLES7, "run_styles7"),
    ("events-styles8", "STYLES8_GOLD", STYLES8, "run_styles8"),
    ("events-styles9", "STYLES9_GOLD", STYLES9, "run_styles9"),
    ("events-styles-check5", "STYLES_CHECK5_GOLD", STYLES_CHECK5, "run_styles_check5")])
def test_the_styles_suite_is_registered_and_skips_without_its_file(
        tmp_path, monkeypatch, suite, attr, path, runner):
    from tidings.evaluate import styles
    from tidings.evaluate.suites import SKIPPED, SUITES, EvalOptions, run_suite

    assert SUITES[suite] == f"tidings.evaluate.styles:{runner}"
    assert getattr(styles, attr) == path
    monkeypatch.setattr(styles, attr, tmp_path / "none.jsonl")
    out = run_suite(suite, SUITES[suite], object, EvalOptions())
    assert out.status == SKIPPED, out.message


def test_styles_validation_rejects_a_bad_record():
    _, rec = next((ln, r) for ln, r in _gold_records(STYLES) if r["events"])
    bad = json.loads(json.dumps(rec))
    bad["style"] = "tweet"
    with pytest.raises(AssertionError, match="style"):
        _check_styles_record(bad, "styles", "probe")
    bad = json.loads(json.dumps(rec))
    bad["events"] = []
    with pytest.raises(AssertionError, match="distractor"):
        _check_styles_record(bad, "styles", "probe")
    bad = json.loads(json.dumps(rec))
    bad["id"] = "stylescheck-0001"
    with pytest.raises(AssertionError, match="id"):
        _check_styles_record(bad, "styles", "probe")
    bad = json.loads(json.dumps(rec))
    bad["style"] = "plv"
    with pytest.raises(AssertionError, match="style"):
        _check_styles_record(bad, "styles", "probe")
    bad["id"] = "styles2-0001"
    _check_styles_record(bad, "styles2", "probe", STYLES2_SHARES)
