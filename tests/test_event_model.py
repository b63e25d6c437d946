"""The learned stage of event coding (tidings/extract/events/learned.py): its fitting
learns a separable pattern, the shipped model loads and predicts the same every time,
it catches what the rules miss and says so in `by`, and off it leaves the rules alone."""
from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import make_article

from tidings.evaluate import plv
from tidings.extract.event_rules import switched_off
from tidings.extract.events.learned import (
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


def test_it_is_off_by_default(monkeypatch):
    monkeypatch.delenv(SWITCH_ENV, raising=False)
    assert current_model() is None
    monkeypatch.setenv(SWITCH_ENV, "1")
    assert current_model() is shipped_model()


def test_the_model_catches_what_the_rules_miss(coder, monkeypatch):
    monkeypatch.setenv(SWITCH_ENV, "1")
    events = coder.code(make_article(CAUGHT)).events
    (event,) = events
    assert event.type == "ACCUSE" and event.trigger.text == "challenged"
    tag = event.by[0]
    assert tag.startswith("model:ACCUSE:") and float(tag.rsplit(":", 1)[1]) >= 0.75
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
    with using_model(shipped_model()):
        events = coder.code(make_article(CAUGHT)).events
    score = plv.score_plv([item], [events])
    assert (score.tp, score.fp, score.fn, score.dyad_tp) == (1, 0, 0, 1)
    assert plv.score_plv([item], [[]]).fn == 1


def test_the_plv_suite_skips_without_shared_data(coder, monkeypatch, tmp_path):
    monkeypatch.setenv("TIDINGS_SHARED", str(tmp_path / "absent"))
    monkeypatch.setattr(plv, "plv_path", lambda: None)
    assert plv.run_train(coder) is None
