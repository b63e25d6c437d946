"""The dates-aquaint suite: value normalisation, scoring, the dev/check split, bad lines
and a clean skip without ../shared. Documents here are our own."""
from __future__ import annotations

import json

import pytest

from tidings.errors import EvalError
from tidings.evaluate import dates_aquaint
from tidings.models import DateRef


@pytest.mark.parametrize("raw,want", [
    ("2000-01-05TEV", "2000-01-05"), ("2000-04-04T09:00", "2000-04-04"),
    ("1998-12-XX", "1998-12"), ("1949-XX", "1949"), ("1998-XX-XX", "1998"),
    ("2000-W7", "2000-W07"), ("2000-W14", "2000-W14"), ("199X", "199X"),
    ("PRESENT_REF", "PRESENT_REF"), (None, None),
])
def test_normalise(raw, want):
    assert dates_aquaint.normalise(raw) == want


def _doc(n: int, text: str, gold: list[tuple[str, str]]) -> dict:
    spans = []
    for expr, value in gold:
        s = text.index(expr)
        spans.append({"start": s, "end": s + len(expr), "text": expr, "value": value})
    return {"id": f"d{n}", "text": text, "published": "2021-02-27", "gold": spans}


def test_score_counts_found_and_right_and_splits_dev_from_check(monkeypatch):
    monkeypatch.setattr(dates_aquaint, "DEV_DOCS", 1)
    docs = [_doc(0, "Talks ended Friday and resume in March.",
                 [("Friday", "2021-02-26"), ("March", "2021-03")]),
            _doc(1, "The plant shut last week.", [("last week", "2021-W7")])]
    predicted = [[DateRef("Friday", 12, 18, "2021-02-26", "day"),
                  DateRef("in March", 30, 38, "2020-03", "month")],
                 [DateRef("last week", 15, 24, "2021-W07", "week")]]
    result = dates_aquaint.score(docs, predicted)
    assert result.counts["gold"] == 3 and result.counts["found"] == 3
    assert result.metrics["value_accuracy"] == pytest.approx(2 / 3)
    assert result.metrics["value_accuracy_dev"] == pytest.approx(1 / 2)
    assert result.metrics["value_accuracy_check"] == 1.0
    assert "want 2021-03 got 'in March' 2020-03" in result.report


def test_a_gold_span_off_its_text_names_the_document(tmp_path):
    bad = _doc(0, "Talks ended Friday.", [("Friday", "2021-02-26")])
    bad["gold"][0]["start"] += 1
    path = tmp_path / "aquaint.jsonl"
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match="d0"):
        dates_aquaint.load_aquaint(path)
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(EvalError, match="not JSON"):
        dates_aquaint.load_aquaint(path)


def test_skips_without_the_data(monkeypatch):
    monkeypatch.setattr(dates_aquaint, "shared_file", lambda *parts: None)
    assert dates_aquaint.run(coder=None) is None


def test_article_paragraphs_follow_blank_lines():
    art = dates_aquaint.article_of({"id": "x", "text": "\n\nHEAD (AP) _\n\nBody one.\n\nTwo.",
                                    "published": "2021-02-27"})
    assert [art.text[p.start:p.end] for p in art.paragraphs] == \
        ["HEAD (AP) _", "Body one.", "Two."]
