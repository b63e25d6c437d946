"""Arguments a trigger shares with the words around it (issue 13, session 13): the noun a
relative clause hangs on is its object ("a charge Hanoi dismissed") or its subject
("forces which crossed into"), a participle's noun is its doer ("rebels holding
policemen"), two coordinated verbs share a following object ("rammed and boarded a
boat"), and peacekeepers make a deployment aid only in its own clause. Also: walking up
from a word in a sentence with no verb stops. Sentences of our own."""
from __future__ import annotations

import pytest
from conftest import events_of as _events

from tidings.extract.event_args import governing_clause


def _on(coder, text, trigger):
    return [e for e in _events(coder, text) if e.trigger.text.startswith(trigger)]


@pytest.mark.parametrize(("text", "trigger", "etype"), [
    # the noun a relative clause with its own subject hangs on is what the verb acts on
    (("Amnesty accused the army of killing civilians, an allegation the ministry "
      "dismissed as propaganda."), "dismissed", "REJECT"),
    ("Kenya made an offer that Ethiopia dismissed as meddling.", "dismissed", "REJECT"),
    # two verbs joined by "and" share the object after the second
    ("Coast guard cutters from Manila rammed and boarded a Vietnamese trawler on Friday.",
     "rammed", "ASSAULT"),
    # a relative pronoun stands for the noun it follows
    ("Sudanese fighters, who entered the town on Monday, looted the market.", "entered",
     "ASSAULT"),
])
def test_an_argument_the_parser_hangs_elsewhere_still_counts(coder, text, trigger, etype):
    on = _on(coder, text, trigger)
    assert on and on[0].type == etype, (text, [(e.type, e.trigger.text) for e in on])


def test_the_shared_object_is_the_target(coder):
    text = "Coast guard cutters from Manila rammed and boarded a Vietnamese trawler on Friday."
    rammed = _on(coder, text, "rammed")
    assert rammed and "VNM" in {t.country for t in rammed[0].target}


def test_a_relative_clause_about_something_else_gives_no_object(coder):
    # "where" names a place, not what was dismissed
    assert not _on(coder, "They met in the town where the mayor dismissed his deputy.",
                   "dismissed")


@pytest.mark.parametrize("text", [
    "Ghana sent 500 soldiers to join the UN peacekeeping force in Lebanon.",
    "Kenya deployed 400 police officers to Haiti as peacekeepers.",
])
def test_peacekeepers_in_the_deployments_own_clause_make_it_aid(coder, text):
    evs = [e for e in _events(coder, text) if e.trigger.text in ("sent", "deployed")]
    assert evs and evs[0].type == "AID", [(e.type, e.trigger.text) for e in evs]


def test_peacekeepers_named_in_another_clause_leave_a_deployment_alone(coder):
    text = ("Djibouti's army moved an armoured company to its northern border, a strip the "
            "Qatari peacekeepers had left two years earlier.")
    moved = _on(coder, text, "moved")
    assert moved and moved[0].type == "MOBILIZE", [(e.type, e.cameo) for e in moved]


def test_walking_up_a_sentence_without_a_verb_ends(coder):
    doc = coder.nlp("Sanctions on Iran.")
    assert all(governing_clause(t) is None for t in doc if t.pos_ != "VERB")


@pytest.mark.parametrize(("text", "trigger", "target"), [
    (("Kenya freed a Tanzanian trader, hours after Dodoma released a Kenyan pilot it had "
      "detained in March."), "detained", "KEN"),
    ("Rebels freed four Chadian soldiers they had captured near the border.", "captured", "TCD"),
])
def test_what_a_relative_clause_with_its_own_subject_acts_on_is_its_target(
        coder, text, trigger, target):
    ev = next(e for e in _events(coder, text) if e.trigger.text == trigger)
    assert target in {t.country for t in ev.target}, (text, [t.text for t in ev.target])
