"""Bounds on what one article may cost the coder (tidings/limits.py): long paragraphs
are parsed in pieces with offsets exact, over-long articles are cut with a note, an
article over its time budget keeps what was coded, and non-English articles are stored
without events."""
from __future__ import annotations

from tidings.models import Article, Paragraph
from tidings.nlp import Coder, split_long

STORY = ("Police arrested three protesters in Nairobi on Monday. "
         "The government condemned the attack on the embassy. ")


def _one_paragraph(text: str, origin: str = "long", language: str = "en") -> Article:
    return Article(id=origin, origin=origin, text=text, language=language,
                   paragraphs=[Paragraph(0, len(text))])


def test_split_long_cuts_at_sentences_and_rejoins():
    text = STORY * 200
    pieces = split_long(text, 1_000)
    assert "".join(pieces) == text
    assert all(len(p) <= 1_000 for p in pieces)
    assert all(p.endswith(". ") for p in pieces[:-1])


def test_split_long_without_any_space_still_bounded():
    text = "x" * 2_500
    assert [len(p) for p in split_long(text, 1_000)] == [1_000, 1_000, 500]


def test_long_paragraph_is_coded_in_pieces_with_exact_offsets(coder, set_limits):
    set_limits(max_piece_chars=500)
    text = STORY * 40  # one 4,200-character paragraph
    doc = coder.code(_one_paragraph(text))
    assert doc.article.text == text
    assert not doc.errors
    assert len(doc.events) >= 40
    for event in doc.events:
        t = event.trigger
        assert text[t.start:t.end] == t.text


def test_over_long_article_is_cut_with_a_note(coder, set_limits):
    set_limits(max_chars=2_000)
    text = STORY * 40
    doc = coder.code(_one_paragraph(text, origin="huge.txt"))
    assert 1_500 <= len(doc.article.text) <= 2_000
    assert text.startswith(doc.article.text) and doc.article.text.endswith(". ")
    assert doc.article.paragraphs[-1].end <= len(doc.article.text)
    (note,) = doc.errors
    assert note.origin == "huge.txt" and "TIDINGS_MAX_CHARS" in note.message
    assert doc.events


def test_time_budget_skips_the_remaining_stages(coder, set_limits):
    set_limits(doc_seconds=1e-9)
    doc = coder.code(_one_paragraph(STORY, origin="slow.txt"))
    assert not doc.events
    assert any("time budget" in e.message and e.origin == "slow.txt" for e in doc.errors)


def test_non_english_article_is_kept_without_events(coder):
    text = "La police a arrêté trois manifestants à Nairobi lundi. " * 3
    doc = coder.code(_one_paragraph(text, origin="fr.txt", language="fr"))
    assert doc.article.text == text and doc.article.language == "fr"
    assert not doc.events and not doc.actors
    assert any("language 'fr'" in e.message for e in doc.errors)


def test_a_failing_parse_is_pinned_on_its_article(monkeypatch):
    coder = Coder()
    real_pipe = coder.nlp.pipe

    def pipe(texts, **kw):
        texts = list(texts)
        if any("POISON" in t for t in texts):
            raise ValueError("parser exploded")
        return real_pipe(texts, **kw)

    monkeypatch.setattr(coder.nlp, "pipe", pipe)
    docs = list(coder.code_many([_one_paragraph(STORY, "a"),
                                 _one_paragraph("POISON " + STORY, "bad"),
                                 _one_paragraph(STORY, "b")]))
    assert [d.article.origin for d in docs] == ["a", "bad", "b"]
    assert docs[0].events and docs[2].events and not docs[0].errors
    assert "parser exploded" in docs[1].errors[0].message
