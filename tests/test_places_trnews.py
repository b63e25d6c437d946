"""The places-trnews suite's scoring, on articles written here (no shared data needed)."""
from __future__ import annotations

import json

import pytest

from tidings.errors import EvalError
from tidings.evaluate import places_trnews as pt
from tidings.models import Mention, Place


def _place(name, gid, lat, lon, *spans):
    return Place(name, None, lat, lon, gid, "city", [Mention(s, e, "") for s, e in spans])


def _item(text, *gold, unresolved=()):
    golds = []
    for surface, gid, lat, lon in gold:
        start = text.index(surface)
        golds.append({"start": start, "end": start + len(surface), "text": surface,
                      "geonameid": gid, "lat": lat, "lon": lon, "name": surface})
    unres = [{"start": text.index(u), "end": text.index(u) + len(u), "text": u}
             for u in unresolved]
    return {"id": "t", "text": text, "gold": golds, "unresolved": unres}


def test_km_between_and_resolution_rule():
    assert pt.km_between(0, 0, 0, 1) == pytest.approx(111.2, abs=0.5)
    gold = {"geonameid": 6058560, "lat": 42.98, "lon": -81.23}  # London, Ontario
    assert pt.resolved_right(_place("London", 6058560, None, None), gold)
    assert pt.resolved_right(_place("London", None, 43.5, -80.5), gold)  # ~80 km away
    assert not pt.resolved_right(_place("London", 2643743, 51.5, -0.13), gold)
    assert not pt.resolved_right(_place("London", None, None, None), gold)


def test_score_article_counts_found_resolved_and_precision():
    text = "Rain fell on Paris and Lyon; Castro spoke in Nowhereville."
    item = _item(text, ("Paris", 2988507, 48.85, 2.35), ("Lyon", 2996944, 45.75, 4.85),
                 unresolved=("Nowhereville",))
    p0 = text.index("Paris")
    l0 = text.index("Lyon")
    c0 = text.index("Castro")
    n0 = text.index("Nowhereville")
    places = [_place("Paris", 4717560, 33.66, -95.55, (p0, p0 + 5)),       # Paris, Texas
              _place("Lyon", 2996944, 45.75, 4.85, (l0, l0 + 4)),
              _place("Castro", 1, 0.0, 0.0, (c0, c0 + 6)),                  # spurious
              _place("Nowhereville", 2, 0.0, 0.0, (n0, n0 + 12))]           # unresolved
    errors: list[dict] = []
    t = pt.score_article(item, places, errors)
    assert (t.gold, t.found, t.resolved, t.predicted, t.predicted_on_gold) == (2, 2, 1, 4, 3)
    kinds = sorted(e["kind"] for e in errors)
    assert kinds == ["spurious", "wrong"]
    m = t.metrics("dev_")
    assert m["dev_found"] == 1.0 and m["dev_both"] == 0.5
    assert m["dev_mention_precision"] == pytest.approx(0.75)


def test_missed_toponym_is_reported():
    item = _item("Snow in Oslo.", ("Oslo", 3143244, 59.91, 10.75))
    errors: list[dict] = []
    t = pt.score_article(item, [], errors)
    assert (t.found, t.resolved) == (0, 0)
    assert errors[0]["kind"] == "missed" and errors[0]["text"] == "Oslo"


def test_load_names_a_bad_span(tmp_path):
    path = tmp_path / "trnews.jsonl"
    bad = {"id": "x", "text": "Snow in Oslo.", "gold": [
        {"start": 0, "end": 4, "text": "Oslo", "geonameid": 3143244}]}
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"trnews.jsonl:1: x: gold 'Oslo'"):
        pt.load_trnews(path)
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(EvalError, match="not JSON"):
        pt.load_trnews(path)


def test_skipped_when_data_absent(monkeypatch):
    monkeypatch.setattr(pt, "shared_file", lambda *parts: None)
    assert pt.run(coder=None) is None


def test_registered():
    from tidings.evaluate.suites import SUITES

    assert SUITES["places-trnews"] == "tidings.evaluate.places_trnews:run"
