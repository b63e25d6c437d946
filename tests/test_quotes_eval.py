"""The PolNeAR scorer's train/dev suites and its two speaker measures, on texts we wrote."""
from __future__ import annotations

from tidings.evaluate import quotes as qeval
from tidings.evaluate.suites import SUITES
from tidings.models import Quote


def _gold(text: str, quoted: str, source: str | None) -> qeval.GoldQuote:
    a = text.index(quoted)
    return qeval.GoldQuote(quoted, [(a, a + len(quoted))], True, source)


def test_speaker_accuracy_counts_missed_named_quotes():
    text = ('"The bridge will open by the spring of next year," Mayor Lund said.\n'
            '"We never saw the contract before the vote took place," Ana Ruiz said.\n'
            '"Nobody asked the people who live along the river," he said.\n')
    golds = [_gold(text, "The bridge will open by the spring of next year,", "Mayor Lund"),
             _gold(text, "We never saw the contract before the vote took place,",
                   "Ana Ruiz"),
             _gold(text, "Nobody asked the people who live along the river,", "he")]
    art = qeval.GoldArticle("a", text, golds)
    # found: the first (right speaker) and the third (a pronoun source: not scored);
    # the second, a named source, is missed.
    preds = [Quote("q1", golds[0].text, 1, 49, True, None, "Erik Lund", "said"),
             Quote("q2", golds[2].text, 150, 200, True, None, "Erik Lund", "said")]
    res = qeval.score([art], [preds], suite="quotes-polnear-train", split="train")
    assert res.name == "quotes-polnear-train"
    assert res.metrics["speaker_accuracy"] == 1.0          # 1 of 1 found and named
    assert res.metrics["speaker_accuracy_all"] == 0.5      # 1 of 2 named
    assert res.counts["speaker_named_gold"] == 2 and res.counts["speaker_scored"] == 1
    assert "PolNeAR train" in res.report
    sink: list = []
    wrong = [Quote("q1", golds[0].text, 1, 49, True, None, "Ana Ruiz", "said")]
    res = qeval.score([art], [wrong], sink)
    assert res.metrics["speaker_accuracy"] == 0.0
    kinds = sorted(e["kind"] for e in sink)
    assert kinds == ["missed", "missed", "wrong_speaker"]
    assert all(e["suite"] == "quotes-polnear" for e in sink)


def test_brat_span_text_over_a_line_break(tmp_path):
    text = "Intro.\n\n\"Taxes will go down for every family,\" the ad says.\n"
    a = text.index("Taxes")
    b = text.index(",\"")
    ann = tmp_path / "x.ann"
    ann.write_text(f"T1\tContent {a} {b}\tTaxes will go down\n"
                   "for every family\n"
                   "T2\tSource 52 58\tthe ad\n"
                   "E1\tAttribution:T9 Content:T1 Source:T2\n", encoding="utf-8")
    gold = qeval.read_brat(ann, text)
    assert len(gold) == 1 and gold[0].direct and gold[0].source == text[52:58]


def test_train_and_dev_suites_registered():
    assert SUITES["quotes-polnear"].endswith(":run")
    assert SUITES["quotes-polnear-train"].endswith(":run_train")


def test_quote_cut_into_sentence_fragments_is_direct(tmp_path):
    text = ('"The plant stays open," Mayor Lund said. "We found the money. The jobs '
            'stay here."\nLund said the plan "is fragile" and that the vote was close.\n')
    a1, b1 = 1, text.index(",\"")
    a2, b2 = text.index("We found"), text.index(" The jobs")
    a3, b3 = text.index("The jobs"), text.index('here."') + 5
    r1, r2 = text.index("the plan"), text.index("close") + 5
    ann = tmp_path / "y.ann"
    ann.write_text(f"T1\tContent {a1} {b1};{a2} {b2};{a3} {b3}\tx\n"
                   "E1\tAttribution:T9 Content:T1\n"
                   f"T2\tContent {r1} {r2}\ty\n"
                   "E2\tAttribution:T8 Content:T2\n"
                   f"T3\tContent {a3} {b3}\tz\n"
                   "E3\tAttribution:T7 Content:T3\n", encoding="utf-8")
    gold = qeval.read_brat(ann, text)
    # the third sentence, a fragment of the first quote, starts inside its quotation;
    # a content span that only contains a quoted phrase, or starts mid-quote, is not
    assert [g.direct for g in gold] == [True, False, False]


def test_source_head_names_nobody_for_a_described_source():
    assert qeval.source_head("a longtime adviser to Trump") is None
    assert qeval.source_head("a spokesman for committee Democrats") is None
    assert qeval.source_head("a Trump supporter who runs a fan page") is None
    assert qeval.source_head("a person close to the Clintons") is None
    assert qeval.source_head("Pentagon spokesman Navy Capt. Jeff Davis") == "Davis"
    assert qeval.source_head("Mr. Morgan of the Sierra Club") == "Morgan"
