"""End to end on the seed page (../shared, skipped when absent): what a careful analyst
lists must be there, with its actors, dates and places, and not much else."""
from __future__ import annotations

import pytest

from tidings.paths import shared_file
from tidings.readers import read_paths

SEED = shared_file("samples", "seed-article.txt")
pytestmark = pytest.mark.skipif(SEED is None, reason="../shared/samples is absent")


@pytest.fixture(scope="module")
def seed(coder):
    result = next(read_paths([str(SEED)]))
    return coder.code(result.article)


def find(doc, etype, source=None, target=None):
    out = []
    for e in doc.events:
        if e.type != etype:
            continue
        if source and not any((s.code or "").startswith(source) for s in e.source):
            continue
        if target and not any((t.code or "").startswith(target) for t in e.target):
            continue
        out.append(e)
    return out


def test_metadata(seed):
    art = seed.article
    assert art.id == "281145" and art.published == "2021-02-27T03:30:00Z"
    assert art.section == "International Desk"
    assert len(art.subtitles) == 2
    assert "Captcha" not in art.text and "Page Generated" not in art.text


def test_condemnations_of_the_united_states(seed):
    accusations = find(seed, "ACCUSE", "IRN", "USA")
    assert len(accusations) >= 2  # Zarif twice, Shamkhani once
    assert find(seed, "ACCUSE", "IRQ", "USA")  # the resistance groups


def test_the_airstrikes(seed):
    strikes = [e for e in find(seed, "ASSAULT", "USA") if e.mode == "aerial"
               and e.date == "2021-02-25"]
    assert strikes, "the Thursday US airstrikes"
    assert strikes[0].location is not None and strikes[0].location.country == "SYR"


def test_meetings_in_tehran(seed):
    meetings = find(seed, "CONSULT")
    pairs = {frozenset(s.country for s in e.source + e.target) for e in meetings}
    assert frozenset({"IRN", "IRQ"}) in pairs
    assert any(e.date == "2021-02-27" for e in meetings)


def test_requests_threat_and_rejections(seed):
    assert find(seed, "REQUEST", "IRQ", "IRQGOV")  # al-Amiri calls on al-Kadhimi
    assert find(seed, "THREATEN", "IRQ", "USA")  # al-Nujaba's warning
    assert find(seed, "REJECT", "IRQGOV", "USA")  # the Interior Ministry


def test_historical_assassination(seed):
    killings = [e for e in find(seed, "ASSAULT") if e.date == "2020-01-03"]
    assert killings and killings[0].modality == "historical"


def test_casualties_link_to_events(seed):
    linked = [c for c in seed.casualties if c.event]
    ids = {e.id for e in seed.events}
    assert linked and all(c.event in ids for c in linked)
    assert any(c.killed_or_injured == 30 for c in seed.casualties)


def test_quotes_and_speakers(seed):
    speakers = {q.speaker_name for q in seed.quotes if q.direct}
    assert {"Qais Khazali", "Ali Shamkhani"} <= speakers


def test_cited_sources(seed):
    names = {s.name for s in seed.sources_cited}
    assert {"Tasnim News Agency", "Press TV"} <= names


def test_not_much_else(seed):
    # the page reports about twenty codable acts; a coder stitching every sentence
    # would emit far more
    assert 15 <= len(seed.events) <= 40
    for e in seed.events:
        assert e.source or e.target
