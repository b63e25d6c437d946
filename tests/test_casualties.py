"""tidings_casualties: killed / injured counts, linked to their events."""
from __future__ import annotations

import pytest
from conftest import make_article

from tidings.extract.casualties import extract_casualties, parse_number
from tidings.models import Event, Mention


def _counts(coder, text):
    return [(c.killed, c.injured, c.killed_or_injured)
            for c in coder.code(make_article(text)).casualties]


@pytest.mark.parametrize("word,value", [
    ("12", 12), ("1,200", 1200), ("one", 1), ("forty-two", 42), ("a dozen", 12),
    ("two hundred", 200), ("dozens", None), ("several", None),
])
def test_parse_number(word, value):
    assert parse_number(word) == value


@pytest.mark.parametrize("text,expected", [
    ("The attack killed one foreign civilian contractor and wounded several others.",
     [(1, None, None)]),
    ("He said the US act of aggression killed or injured 30 people.", [(None, None, 30)]),
    ("At least 12 people were dead after the blast.", [(12, None, None)]),
    ("Three soldiers were wounded by a roadside bomb.", [(None, 3, None)]),
    ("The death toll rose to 41 on Sunday.", [(41, None, None)]),
    ("Dozens were injured in the clashes.", [(None, None, None)]),
    ("No one was hurt in the attack.", []),
    ("The army arrested 40 suspects.", []),
    # one death told of "the" one, declared, or after the wound (session 8, police news)
    ("The robber was shot dead on the spot.", [(1, None, None)]),
    ("The leader of the group was killed in a strike.", [(1, None, None)]),
    ("Doctors declared him dead on arrival.", [(1, None, None)]),
    ("He was hit in the retaliatory fire and died in the encounter.", [(1, None, None)]),
    ("The farm labourer succumbed to his bullet injuries on Monday.", [(1, None, None)]),
    ("The boy, a student, died of bullet wounds at the hospital.", [(1, None, None)]),
    ("The two men were killed in the firing.", [(2, None, None)]),
    ("Doctors at the hospital declared him brought dead.", [(1, None, None)]),
    ("A 23-year-old man, who was waiting in the queue, was hit in the abdomen and died.",
     [(1, None, None)]),
    # the one hurt, then the death (session 10, police news told late)
    ("A young weaver hit by a stray bullet died near the market gate.", [(1, None, None)]),
    ("A porter who was injured in the baton charge on Friday died at the civil hospital.",
     [(1, None, None)]),
    ("One of them, a cart puller, died on the way to hospital.", [(1, None, None)]),
    ("The wounded constable died two days later.", [(1, None, None)]),
    ("She succumbed in the intensive care unit on Tuesday.", [(1, None, None)]),
    # read from the parse: words between the one who died and the death (session 14)
    ("Two of the marchers who were hit, a porter and a student, died on the way to hospital.",
     [(2, None, None)]),
    ("He breathed his last in the emergency ward after the firing.", [(1, None, None)]),
    ("The youth was found dead near the barricade after the firing.", [(1, None, None)]),
    # a death the sentence puts down to no one's act, or nothing that can die
    ("The old farmer died of a heart attack after the clash.", []),
    ("The talks died after the clashes on the border.", []),
    ("Doctors said the wounded porter could die without surgery.", []),
    # the one hurt is not the one who died
    ("A guard was injured when the gang broke in, and a passer-by died in the blast.",
     [(1, 1, None)]),
])
def test_counts(coder, text, expected):
    assert _counts(coder, text) == expected


def test_vague_count_keeps_text(coder):
    coded = coder.code(make_article("The shelling wounded dozens of residents."))
    assert coded.casualties[0].injured is None
    assert "dozens" in coded.casualties[0].text


def _event(eid, etype, text, sentence, trigger):
    s = text.index(sentence)
    t = text.index(trigger)
    return Event(id=eid, type=etype, mode=None, context=[], cameo="190", goldstein=-10.0,
                 quad_class=4, source=[], target=[], date=None, date_precision=None,
                 location=None, negated=False, modality="asserted", confidence=0.9,
                 sentence=Mention(s, s + len(sentence), sentence),
                 trigger=Mention(t, t + len(trigger), trigger))


def test_links_to_event_in_sentence_then_preceding_assault(coder):
    text = ("Militants attacked the base. The assault killed four guards.\n\n"
            "Police said nine people were injured in a separate incident.")
    doc = coder.parse(make_article(text))
    s1 = "Militants attacked the base."
    s2 = "The assault killed four guards."
    doc._.events = [_event("e1", "ASSAULT", text, s1, "attacked"),
                    _event("e2", "COERCE", text, s2, "assault")]
    found = extract_casualties(doc)
    assert [(c.killed, c.injured, c.event) for c in found] == [(4, None, "e2"),
                                                               (None, 9, None)]
    doc._.events = [_event("e1", "ASSAULT", text, s1, "attacked")]
    assert extract_casualties(doc)[0].event == "e1"   # nearest preceding, same paragraph


def test_casualties_gold_accuracy(coder):
    from tidings.evaluate.gold_extraction import run_casualties

    result = run_casualties(coder)
    assert result is not None and result.counts["scored"] >= 60
    assert result.metrics["casualty_accuracy"] >= 0.90, result.report


def test_a_death_goes_to_the_firing_not_to_the_bullet_with_no_doer(coder):
    coded = coder.code(make_article(
        "Another constable fired two rounds at the vehicle and one bullet struck the driver "
        "in the neck. The driver succumbed to his injuries at the civil hospital."))
    fired = next(e for e in coded.events if e.trigger.text == "fired")
    assert [c.event for c in coded.casualties] == [fired.id]


def test_a_death_told_after_the_shot_is_the_shots(coder):
    coded = coder.code(make_article(
        "A constable fired at the cart puller near the toll gate. The cart puller "
        "collapsed and died before help came."))
    fired = next(e for e in coded.events if e.trigger.text == "fired")
    assert [(c.killed, c.event) for c in coded.casualties] == [(1, fired.id)]


def test_a_death_told_late_of_the_one_attacked_is_counted(coder):
    coded = coder.code(make_article(
        "Police beat a 70-year-old teacher with batons at the rally on Friday. He was taken "
        "to the district hospital and then to the medical college. His son stayed with him. "
        "The teacher died there on Sunday without waking."))
    assert [c.killed for c in coded.casualties] == [1]
    assert coded.casualties[0].event in {e.id for e in coded.events if e.type == "ASSAULT"}


def test_a_death_by_illness_after_a_firing_is_no_casualty(coder):
    coded = coder.code(make_article(
        "Police fired in the air to disperse the crowd. An old man in the crowd died of a "
        "heart attack."))
    assert coded.casualties == []
