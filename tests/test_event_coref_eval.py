"""The events-coref suite's scoring (tidings/evaluate/event_coref.py): mentions found,
links, counted once, dates and places; a gold offset that is not its text is an error
naming the line."""
from __future__ import annotations

import json

import pytest

from tidings.errors import EvalError
from tidings.evaluate.event_coref import CorefItem, CorefScore, article_of, read_gold
from tidings.models import Event, EventMention, Mention

TEXT = ("Rebels attacked an army post near Kidal on Monday.\n\n"
        "The attack killed three soldiers.\n\n"
        "A separate attack hit a market in Gao.")


def gold_line(**over) -> str:
    rec = {"id": "t1", "published": "2024-03-14T09:00:00Z", "text": TEXT, "events": [
        {"type": "ASSAULT", "date": "2024-03-11", "place": "Kidal",
         "mentions": [{"start": 7, "end": 15, "text": "attacked"},
                      {"start": 56, "end": 62, "text": "attack"}]},
        {"type": "ASSAULT", "date": None, "place": "Gao",
         "mentions": [{"start": 98, "end": 104, "text": "attack"}]}]}
    rec.update(over)
    return json.dumps(rec)


def test_scores_a_coded_article(coder, tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(gold_line() + "\n", encoding="utf-8")
    (item,) = read_gold(path)
    assert isinstance(item, CorefItem) and len(item.events) == 2
    doc = coder.code(article_of(item))
    score = CorefScore()
    score.add(item, doc.events)
    m = score.metrics()
    assert 0.0 <= m["mention_recall"] <= 1.0
    if score.records:  # both tellings of the Kidal attack found: told as one
        assert m["counted_once"] == 1.0
        assert m["link_precision"] == 1.0
    assert m.get("date_accuracy", 1.0) == 1.0


def event(eid: str, spans: list[tuple[int, int]], date=None) -> Event:
    """A predicted event told at these trigger spans (only what the scorer reads)."""
    tellings = [EventMention(f"{eid}.{i}", Mention(0, 10, TEXT[:10]),
                             Mention(s, e, TEXT[s:e])) for i, (s, e) in enumerate(spans)]
    first = tellings[0]
    return Event(id=eid, type="ASSAULT", mode=None, context=[], cameo="190",
                 goldstein=-10.0, quad_class=4, source=[], target=[], date=date,
                 date_precision="day" if date else None, location=None, negated=False,
                 modality="asserted", confidence=0.9, sentence=first.sentence,
                 trigger=first.trigger, mentions=tellings)


def test_links_records_and_dates_by_hand(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(gold_line() + "\n", encoding="utf-8")
    (item,) = read_gold(path)
    right = CorefScore()
    right.add(item, [event("e1", [(7, 15), (56, 62)], "2024-03-11"),
                     event("e2", [(98, 104)])])
    assert right.metrics() == {"mention_recall": 1.0, "link_precision": 1.0,
                               "link_recall": 1.0, "link_f1": 1.0, "counted_once": 1.0,
                               "date_accuracy": 1.0, "place_accuracy": 0.0}
    split = CorefScore()  # the Kidal attack counted twice, the wrong day
    split.add(item, [event("e1", [(7, 15)], "2024-03-12"), event("e2", [(56, 62)]),
                     event("e3", [(98, 104)])])
    m = split.metrics()
    assert m["counted_once"] == 0.0 and m["link_recall"] == 0.0
    assert m["date_accuracy"] == 0.0
    joined = CorefScore()  # both attacks told as one
    joined.add(item, [event("e1", [(7, 15), (56, 62), (98, 104)])])
    assert joined.metrics()["link_precision"] == pytest.approx(1 / 3)


def test_a_wrong_offset_names_the_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    bad = json.loads(gold_line())
    bad["events"][0]["mentions"][0]["start"] = 8
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"gold.jsonl:1"):
        read_gold(path)
