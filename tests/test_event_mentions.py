"""One event per real-world occurrence in an article, dated and placed where the text
allows (tidings/extract/events/article.py): retellings join, new acts stay apart."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import make_article

from tidings.extract.event_rules import switched_off
from tidings.models import content_hash
from tidings.store.db import Store
from tidings.store.rows import RowBatch, document_rows
from tidings.store.schema import SCHEMA_VERSION

STORY = (
    "On Thursday, US warplanes struck a militia base in Syria, killing 17 fighters.\n\n"
    "Iraq's foreign minister condemned the US strike on Saturday.\n\n"
    "A separate attack on a market in Kirkuk wounded four people, police said.\n\n"
    "Militia leaders said the deadly US raid was a violation of sovereignty.\n\n"
    "The Pentagon said the strikes were authorized."
)


def write(store, doc):
    rows = document_rows(doc, dt.datetime(2024, 3, 16, 10), "test")
    store.write_batch(RowBatch.of(rows).to_arrow(), replace=[content_hash(doc.article)])


def coded(coder, text, published="2024-03-16T09:00:00Z"):
    return coder.code(make_article(text, published=published))


def assaults(doc):
    return [e for e in doc.events if e.type == "ASSAULT"]


def test_retellings_of_one_strike_are_one_event(coder):
    doc = coded(coder, STORY)
    us = [e for e in assaults(doc) if any(r.country == "USA" for r in e.source)]
    assert len(us) == 1, [(e.trigger.text, [m.trigger.text for m in e.mentions]) for e in us]
    strike = us[0]
    told = [m.trigger.text for m in strike.mentions]
    assert "struck" in told and "raid" in told, told
    assert strike.date == "2024-03-14"  # "On Thursday", from the first telling
    assert strike.location is not None and strike.location.country == "SYR"
    # every mention points into the article's own text
    for m in strike.mentions:
        assert STORY[m.trigger.start:m.trigger.end] == m.trigger.text
        assert STORY[m.sentence.start:m.sentence.end] == m.sentence.text


def test_an_indefinite_new_attack_stays_its_own_event(coder):
    doc = coded(coder, STORY)
    kirkuk = [e for e in assaults(doc) if e.location and e.location.name == "Kirkuk"]
    assert len(kirkuk) == 1
    assert [m.trigger.text for m in kirkuk[0].mentions] == [kirkuk[0].trigger.text]


def test_switching_joins_off_gives_each_telling_back(coder):
    with switched_off("join_anaphor", "join_coordinated", "join_account",
                      "retold_in_passing"):
        apart = coded(coder, STORY)
    joined = coded(coder, STORY)
    assert len(apart.events) > len(joined.events)
    # nothing is lost: the joined mentions are exactly the events coded apart, plus
    # the event nouns a veto had dropped ("the US strike" a minister condemned)
    told = sorted(m.id for e in joined.events for m in e.mentions
                  if "retold_in_passing" not in m.by)
    assert told == sorted(e.id for e in apart.events)
    assert all(len(e.mentions) == 1 for e in apart.events)


def test_casualties_link_to_the_joined_event(coder):
    doc = coded(coder, STORY)
    ids = {e.id for e in doc.events}
    seventeen = [c for c in doc.casualties if c.killed == 17]
    assert seventeen and seventeen[0].event in ids


def test_different_sides_and_history_do_not_join(coder):
    doc = coded(coder, "Israeli jets struck a camp in Gaza on Monday.\n\n"
                       "Hamas fired rockets at Israel.\n\n"
                       "In 2014, Israeli forces attacked Gaza for seven weeks.\n\n"
                       "The Israeli strike killed nine people.")
    israeli = [e for e in assaults(doc) if any(r.country == "ISR" for r in e.source)]
    hamas = [e for e in assaults(doc) if all(r.country != "ISR" for r in e.source)]
    assert hamas, [(e.trigger.text, e.source) for e in doc.events]
    current = [e for e in israeli if e.modality != "historical"]
    assert len(current) == 1
    # "The Israeli strike killed nine": the strike, and what it did
    assert {m.trigger.text for m in current[0].mentions} >= {"struck", "killed"}
    assert all(e.modality == "historical" for e in israeli if e not in current)


def test_negated_acts_do_not_join(coder):
    doc = coded(coder, "Troops attacked the village on Monday.\n\n"
                       "The army denied the attack did not happen; it did not attack "
                       "the village again.")
    for e in doc.events:
        assert not (e.negated and len(e.mentions) > 1)


@pytest.mark.parametrize(("text", "date", "source"), [
    # the frame that opens the sentence dates what it governs
    ("In a meeting with the envoy on Tuesday, the minister denounced the sanctions.",
     "2024-03-12", "clause"),
    # nothing in the text: the publication date, marked
    ("The minister denounced the sanctions.", "2024-03-16", "published"),
])
def test_every_real_event_is_dated(coder, text, date, source):
    doc = coded(coder, text)
    ev = doc.events[0]
    assert (ev.date, ev.date_from) == (date, source)
    if source == "published":
        assert ev.date_precision == "published"


def test_lead_date_and_history_undated(coder):
    doc = coded(coder, "Rebels attacked an army post near Kidal on Monday.\n\n"
                       "The army said it arrested two men.\n\n"
                       "Rebels had attacked Gao before, officials said, in a raid that "
                       "historians date to 2012.")
    arrest = next(e for e in doc.events if e.type == "COERCE")
    assert (arrest.date, arrest.date_from) == ("2024-03-11", "lead")
    for e in doc.events:
        if e.modality in ("future", "hypothetical"):
            assert e.date_from != "published"


def test_trip_places_the_meeting(coder):
    doc = coded(coder, "During his visit to Cairo on Monday, the minister signed a trade "
                       "agreement with Egypt.")
    assert {e.location.name for e in doc.events if e.location} == {"Cairo"}
    assert all(e.location is not None for e in doc.events)


def test_store_keeps_the_mentions(coder, tmp_path):
    doc = coded(coder, STORY)
    path = tmp_path / "s.duckdb"
    with Store.open(path, create=True) as store:
        write(store, doc)
        rows = store.con.execute(
            "SELECT mentions, date_from FROM event_mentions").fetchall()
    told = [json.loads(m) for m, _ in rows]
    assert max(len(t) for t in told) >= 2
    assert all(t[0]["trigger"]["text"] for t in told)
    assert {d for _, d in rows} <= {"clause", "mention", "lead", "published", None}


def test_a_version_1_store_is_upgraded_in_place(coder, tmp_path):
    path = tmp_path / "old.duckdb"
    with Store.open(path, create=True) as store:
        store.con.execute('ALTER TABLE event_mentions DROP COLUMN "mentions"')
        store.con.execute('ALTER TABLE event_mentions DROP COLUMN "date_from"')
        store.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with Store.open(path) as store:
        write(store, coded(coder, STORY))
        version = store.con.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        n = store.con.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
    assert int(version) == SCHEMA_VERSION and n > 0


def test_dateline_places_the_lead_and_dates_nothing(coder):
    doc = coded(coder, "KABUL, March 3 (AFP) - Police arrested 12 protesters on Monday.\n\n"
                       "Officials later condemned the protests.",
                published="2024-03-13T09:00:00Z")
    arrest = next(e for e in doc.events if e.type == "COERCE")
    assert arrest.location is not None and arrest.location.name == "Kabul"
    assert arrest.date == "2024-03-11"  # "on Monday", not the dateline's "March 3"
    later = [e for e in doc.events if e.sentence.start > arrest.sentence.end]
    assert all(e.location is None for e in later)  # only the lead paragraph


def test_a_condemned_attack_is_a_telling_not_an_event(coder):
    doc = coded(coder, "Rebels attacked an army post near Kidal on Monday.\n\n"
                       "Gunmen attacked a market in Gao on Wednesday.\n\n"
                       "The government condemned Monday's attack.")
    kidal = next(e for e in doc.events if e.location and e.location.name == "Kidal")
    assert any("retold_in_passing" in m.by and m.trigger.text == "attack"
               for m in kidal.mentions)  # Monday's, not the latest (Wednesday's)
    assert sum(e.type == "ASSAULT" for e in doc.events) == 2


def test_a_coordinated_clause_with_its_own_subject_is_its_own_act(coder):
    doc = coded(coder, "The two leaders agreed in Hanoi to reopen their embassies, and "
                       "Japan's prime minister promised to visit Vietnam in May.")
    agreed = [e for e in doc.events if e.type == "AGREE"]
    assert sorted(e.trigger.text for e in agreed) == ["agreed", "promised"]
    assert all(len(e.mentions) == 1 for e in agreed)


def test_coordinated_verbs_sharing_a_subject_stay_one_act(coder):
    doc = coded(coder, "Gunmen killed or wounded 30 villagers in Kasese on Monday.")
    assert len(assaults(doc)) == 1
