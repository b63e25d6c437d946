"""Shared fixtures. The model is loaded once per test session."""
from __future__ import annotations

import pytest

from tidings.models import Article, Paragraph


@pytest.fixture(scope="session")
def coder():
    from tidings.nlp import Coder

    return Coder()


def make_article(text: str, published: str | None = "2021-02-27T03:30:00Z",
                 article_id: str = "t1") -> Article:
    """An article whose paragraphs are the blank-line-separated blocks of `text`."""
    paragraphs, pos = [], 0
    for block in text.split("\n\n"):
        paragraphs.append(Paragraph(pos, pos + len(block)))
        pos += len(block) + 2
    return Article(id=article_id, origin="test", text=text, published=published,
                   paragraphs=paragraphs)


def events_of(coder, text: str, published: str = "2024-05-02T10:00:00Z") -> list:
    """The events the coder finds in one article of `text`."""
    return coder.code(make_article(text, published=published)).events


def assert_trigger_codes(events, text: str, trigger: str, etype: str, cameo: str) -> None:
    """The first event on the word starting with `trigger` has this type and CAMEO code."""
    on = [e for e in events if e.trigger.text.startswith(trigger)]
    assert on, f"no event on {trigger!r}: {text}"
    assert (on[0].type, on[0].cameo) == (etype, cameo)


@pytest.fixture
def article_of():
    return make_article


@pytest.fixture
def set_limits(monkeypatch):
    """Set TIDINGS_* bounds (tidings/limits.py) for one test: set_limits(max_chars=2000);
    they are forgotten after it."""
    from tidings import limits

    def set_(**values):
        for name, value in values.items():
            monkeypatch.setenv(f"TIDINGS_{name.upper()}", str(value))
        limits.reset()
    yield set_
    monkeypatch.undo()
    limits.reset()


def assert_suite_skips(module, suite: str, runner: str, gold_attr: str, tmp_path,
                       monkeypatch) -> None:
    """A gold-file suite skips cleanly, runner and registry alike, when its file is absent."""
    from tidings.evaluate.suites import SKIPPED, EvalOptions, run_suite

    class _NoCoder:
        pass

    assert getattr(module, runner)(_NoCoder(), path=tmp_path / "none.jsonl") is None
    monkeypatch.setattr(module, gold_attr, tmp_path / "none.jsonl")
    out = run_suite(suite, f"{module.__name__}:{runner}", _NoCoder, EvalOptions())
    assert out.status == SKIPPED, out.message

