"""The learned stage of event coding (tidings/extract/events/learned.py, the proposer;
learned_retype.py, the re-typer): its fitting learns a separable pattern, the shipped
models load and predict the same every time, training is reproducible, the stage catches
what the rules miss and re-types what they mistype, says so in `by`, and off it leaves
the rules alone."""
from __future__ import annotations

import importlib.util
import json
from dataclasses import replace

import numpy as np
import pytest
from conftest import make_article

from tidings.evaluate import plv
from tidings.extract.event_rules import switched_off
from tidings.extract.events.learned import (
    DEFAULT_PARTS,
    MODEL_PATH,
    NONE,
    RULE,
    SWITCH_ENV,
    EventModel,
    current_model,
    features,
    is_scored,
    shipped_model,
    using_model,
    word_vectors,
)
from tidings.extract.events.learned_fit import FitSettings, fit
from tidings.extract.events.learned_retype import (
    RETYPED,
    RETYPER_PATH,
    current_retyper,
    retype_events,
    sentence_features,
    shipped_retyper,
    type_probabilities,
    using_retyper,
)
from tidings.paths import PROJECT_ROOT

# Written for this test: the lexicon has no "challenge"; the model learned it from PLV.
CAUGHT = "Activists challenged the police over the killings."


def _synthetic(n: int = 60):
    """Rows where the verb's lemma decides the label; the vectors are noise."""
    rng = np.random.default_rng(7)
    feats, labels = [], []
    for i in range(n):
        verb, label = [("smash", "ASSAULT"), ("hail", "SUPPORT"), ("walk", NONE)][i % 3]
        feats.append([f"w={verb}", f"d={'ROOT' if i % 2 else 'ccomp'}"])
        labels.append(label)
    return feats, rng.normal(size=(n, 8)).astype(np.float32), labels


def test_fitting_learns_a_separable_pattern():
    feats, vecs, labels = _synthetic()
    model = fit(feats, vecs, labels, FitSettings(iterations=150, l2=1e-4, min_count=1))
    probs = model.probabilities([["w=smash"], ["w=hail"], ["w=walk"]], np.zeros((3, 8)))
    assert [model.labels[i] for i in probs.argmax(axis=1)] == ["ASSAULT", "SUPPORT", NONE]
    assert probs.max(axis=1).min() > 0.8


def test_fitting_is_deterministic_and_round_trips():
    feats, vecs, labels = _synthetic()
    settings = FitSettings(iterations=50, min_count=1)
    a, b = fit(feats, vecs, labels, settings), fit(feats, vecs, labels, settings)
    assert a.to_json() == b.to_json()
    again = EventModel.from_json(a.to_json())
    assert again.to_json() == a.to_json()


def test_the_shipped_model_loads_and_predicts_deterministically(coder):
    model = shipped_model()
    assert model is not None and MODEL_PATH.stat().st_size < 600_000
    assert NONE in model.labels and 0.0 < model.threshold < 1.0
    doc = coder.parse(make_article(CAUGHT))
    toks = [t for t in doc if is_scored(t)]
    args = ([features(t) for t in toks], word_vectors(doc[:], toks))
    first, second = model.probabilities(*args), model.probabilities(*args)
    assert np.array_equal(first, second)
    assert np.allclose(first.sum(axis=1), 1.0, atol=1e-5)


def test_the_default_parts_and_the_ways_off(monkeypatch):
    """Unset, the parts in DEFAULT_PARTS are on (the re-typer: docs/model.md, "Verdict");
    =0 both off; =1 both on; a part's name that part alone."""
    monkeypatch.delenv(SWITCH_ENV, raising=False)
    assert DEFAULT_PARTS <= {"propose", "retype"}
    assert (current_model() is not None) == ("propose" in DEFAULT_PARTS)
    assert (current_retyper() is not None) == ("retype" in DEFAULT_PARTS)
    for off in ("0", "off", "no"):
        monkeypatch.setenv(SWITCH_ENV, off)
        assert current_model() is None and current_retyper() is None
    monkeypatch.setenv(SWITCH_ENV, "1")
    assert current_model() is shipped_model() and current_retyper() is shipped_retyper()
    monkeypatch.setenv(SWITCH_ENV, "retype")
    assert current_model() is None and current_retyper() is shipped_retyper()
    monkeypatch.setenv(SWITCH_ENV, "propose")
    assert current_model() is shipped_model() and current_retyper() is None


@pytest.mark.parametrize("text", [
    "Ankara said it will not lift the ban on Greek imports until the dispute is settled.",
    "The government accepted the demands of the striking doctors.",
    CAUGHT,
])
def test_rules_off_model_is_the_default_parts_off(coder, monkeypatch, text):
    """The rule switch (TIDINGS_RULES_OFF=model) and =0 give the rules' output alone,
    whatever the default."""
    monkeypatch.setenv(SWITCH_ENV, "0")
    rules = coder.code(make_article(text)).to_dict()
    monkeypatch.delenv(SWITCH_ENV)
    with switched_off(RULE):
        assert coder.code(make_article(text)).to_dict() == rules
    by = [b for e in rules["events"] for b in e["by"]]
    assert not any(b.startswith(RULE + ":") for b in by)


def test_the_model_catches_what_the_rules_miss(coder):
    """The shipped proposer, at 0.7 (the shipped threshold is chosen on the CV and may be
    stricter), finds the act the lexicon lacks and the rules read its sides."""
    model = shipped_model()
    with using_model(replace(model, threshold=min(model.threshold, 0.7))):
        events = coder.code(make_article(CAUGHT)).events
        (event,) = events
        assert event.type == "ACCUSE" and event.trigger.text == "challenged"
        tag = event.by[0]
        assert tag.startswith("model:ACCUSE:") and float(tag.rsplit(":", 1)[1]) >= 0.7
        assert [a.text for a in event.source] == ["Activists"]
        assert [a.text for a in event.target] == ["police"]
        json.dumps(coder.code(make_article(CAUGHT)).to_dict())  # the tag is plain output
        with switched_off(RULE):
            assert coder.code(make_article(CAUGHT)).events == []


@pytest.mark.parametrize("text", [
    "Iran condemned Israel on Tuesday.",
    "Protesters marched in Lagos, and police fired tear gas at them.",
    "The council met on Monday. Nothing else happened.",
    CAUGHT,
])
def test_switching_the_model_off_restores_the_rules_output(coder, text):
    with using_model(None):
        rules = coder.code(make_article(text)).to_dict()
    with using_model(shipped_model()), switched_off(RULE):
        off = coder.code(make_article(text)).to_dict()
    assert off == rules
    with using_model(shipped_model()):
        on = coder.code(make_article(text))
    model_made = [e for e in on.events if any(b.startswith(RULE + ":") for b in e.by)]
    assert len(on.events) == len(rules["events"]) + len(model_made)


def test_plv_scoring_counts_any_listed_type(coder):
    item = plv.PlvItem("x", CAUGHT, (plv.PlvPair("ACCUSE", ("ACCUSE", "SANCTION"),
                                                  (0, 9), (30, 36), "Activists", "police"),))
    with using_model(replace(shipped_model(), threshold=0.7)):
        events = coder.code(make_article(CAUGHT)).events
    score = plv.score_plv([item], [events])
    assert (score.tp, score.fp, score.fn, score.dyad_tp) == (1, 0, 0, 1)
    assert plv.score_plv([item], [[]]).fn == 1


def test_the_plv_suite_skips_without_shared_data(coder, monkeypatch, tmp_path):
    monkeypatch.setenv("TIDINGS_SHARED", str(tmp_path / "absent"))
    monkeypatch.setattr(plv, "plv_path", lambda: None)
    assert plv.run_train(coder) is None


# ---------------------------------------------------------------- the re-typer

CONDEMNED = "Iran condemned Israel on Tuesday."   # the rules: ACCUSE, Iran -> Israel


def _probs(labels, **scores):
    p = np.zeros(len(labels), dtype=np.float32)
    for label, v in scores.items():
        p[labels.index(label)] = v
    return p


def test_retype_events_changes_the_least_likely_event_only_when_sure(coder):
    events = coder.code(make_article(CONDEMNED)).events
    labels = ("ACCUSE", "REJECT", "SUPPORT", NONE)
    sure = retype_events(events, labels, _probs(labels, REJECT=0.9, ACCUSE=0.05), 0.7)
    (new,) = sure
    assert new.type == "REJECT" and new.cameo == "120" and new.goldstein < 0
    assert new.by[:2] == ["model:REJECT:0.90", f"{RETYPED}:ACCUSE"]
    assert new.by[2:] == events[0].by and new.source == events[0].source
    assert new.target == events[0].target and new.trigger == events[0].trigger
    # below the threshold, a type the sentence already has, an event the model finds
    # likely enough as it is: nothing changes
    assert retype_events(events, labels, _probs(labels, REJECT=0.6), 0.7) == events
    assert retype_events(events, labels, _probs(labels, ACCUSE=0.9), 0.7) == events
    assert retype_events(events, labels, _probs(labels, REJECT=0.7, ACCUSE=0.3), 0.7) \
        == events
    assert retype_events([], labels, _probs(labels, REJECT=0.9), 0.7) == []
    assert retype_events(events, labels, _probs(labels, REJECT=0.9), 0.7, [False]) == events
    # "will not lift the ban" re-typed REJECT is the refusal, not a negated one
    negated = [replace(events[0], negated=True)]
    assert not retype_events(negated, labels, _probs(labels, REJECT=0.9), 0.7)[0].negated
    assert retype_events(negated, labels, _probs(labels, SUPPORT=0.9), 0.7)[0].negated


def test_a_retyped_event_says_so_in_by(coder):
    """A re-typer fitted here to read "condemn" as REJECT re-types the rules' ACCUSE,
    keeping its sides and the rules that made it."""
    doc = coder.parse(make_article(CONDEMNED))
    sent = next(iter(doc.sents))
    with using_retyper(None):
        (rule_event,) = coder.code(make_article(CONDEMNED)).events
    feats = sentence_features(sent, [rule_event])
    assert "rt=ACCUSE" in feats and "tr=condemn" in feats
    rows = [feats, ["l=praise", "rt=SUPPORT"], ["l=meet", "rt=CONSULT"]] * 10
    labels = ["REJECT", "SUPPORT", "CONSULT"] * 10
    vecs = np.zeros((len(rows), 0), dtype=np.float32)
    model = fit(rows, vecs, labels, FitSettings(iterations=150, min_count=1), threshold=0.5)
    assert type_probabilities(model, sent, [rule_event]).argmax() == \
        model.labels.index("REJECT")
    with using_retyper(model):
        (event,) = coder.code(make_article(CONDEMNED)).events
        assert event.type == "REJECT" and event.by[1] == f"{RETYPED}:ACCUSE"
        assert event.by[0].startswith("model:REJECT:") and event.by[2:] == rule_event.by
        assert [a.text for a in event.source] == ["Iran"]
        with switched_off(RULE):  # the learned stage's one switch
            assert coder.code(make_article(CONDEMNED)).events[0].type == "ACCUSE"


def test_the_shipped_retyper_loads_and_scores(coder):
    model = shipped_retyper()
    assert model is not None and RETYPER_PATH.stat().st_size < 600_000
    assert 0.0 < model.threshold <= 1.0 and "ACCUSE" in model.labels
    doc = coder.parse(make_article(CONDEMNED))
    sent = next(iter(doc.sents))
    with using_retyper(None):
        events = coder.code(make_article(CONDEMNED)).events
    first = type_probabilities(model, sent, events)
    assert np.array_equal(first, type_probabilities(model, sent, events))
    assert abs(float(first.sum()) - 1.0) < 1e-5
    assert model.dense.shape == (0, len(model.labels))  # sparse features only
    # the rules' ACCUSE is what the model reads this sentence as too
    assert model.labels[int(first.argmax())] == "ACCUSE"


def _train_script():
    path = PROJECT_ROOT / "scripts" / "train_event_model.py"
    spec = importlib.util.spec_from_file_location("train_event_model", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_training_is_reproducible_from_the_script(coder):
    """The script's training, on the first 60 PLV sentences and 30 of ours, twice: the
    same bytes; the report has each source's cross-validated figures."""
    path = plv.plv_path()
    if path is None:
        pytest.skip("PLV train is not in ../shared")
    script = _train_script()
    items = plv.read_plv(path)[:60] + plv.read_own_train(plv.OWN_TRAIN)[:30]
    first = script.train(items, coder)
    second = script.train(items, coder)
    assert first[0].to_json() == second[0].to_json()
    assert first[1].to_json() == second[1].to_json()
    assert first[2] == second[2] and first[2]["rules"]["type_f1"] > 0.3
    sources = first[2]["per_source"]
    assert sources["plv"]["sentences"] == 60 and sources["own"]["sentences"] == 30
    assert {"rules", "with_model", "propose_alone", "retype_alone"} <= set(sources["own"])


def test_our_sentences_are_labelled_with_their_gold_triggers(coder):
    """An own training item: its gold trigger is the labelled word, every other scored
    word "none" (no weak labelling); its re-typer row takes the gold type; a distractor
    is "none"; the folds hold both sources."""
    text = "Activists challenged the police over the killings, and the mayor praised them."
    item = plv.PlvItem("train-x", text, (plv.PlvPair("ACCUSE", ("ACCUSE",), None, None),),
                       "own", ((10, 20, "ACCUSE"),))
    doc = coder.parse(make_article(text))
    with using_model(None), using_retyper(None):
        rules = coder.code(make_article(text)).events
    feats, vecs, labels = plv.training_rows(doc, item, rules)
    assert len(feats) == len(labels) == len(vecs)
    labelled = {f[0][2:]: lab for f, lab in zip(feats, labels) if lab != NONE}
    assert labelled == {"challenge": "ACCUSE"}
    assert plv.retyper_row(doc, item, rules)[1] == "ACCUSE"
    quiet = plv.PlvItem("train-y", "Oil prices rose.", (), "own", ())
    qdoc = coder.parse(make_article(quiet.text))
    assert plv.retyper_row(qdoc, quiet, [])[1] == NONE
    items = plv.training_items(plv.plv_path(), plv.own_train_path())
    if plv.plv_path() is not None:
        for f in range(plv.FOLDS):
            held = {items[i].origin for i in range(len(items)) if plv.fold_of(i) == f}
            assert held == {"plv", "own"}
