"""tidings_sources: outlets cited as the origin of a claim, not every ORG mention."""
from __future__ import annotations

import pytest
from conftest import make_article


def _names(coder, text):
    return [s.name for s in coder.code(make_article(text)).sources_cited]


@pytest.mark.parametrize("text,expected", [
    ("The talks failed, Tasnim News Agency reported.", ["Tasnim News Agency"]),
    ("The minister resigned on Monday, according to Reuters.", ["Reuters"]),
    ("State media IRNA said the talks would resume.", ["IRNA"]),
    ("In a statement carried by Al-Sumaria television network, the ministry denied it.",
     ["Al-Sumaria"]),
    ("The governor told the BBC that aid was on its way.", ["BBC"]),
    ("Three people died, the Kabul Times newspaper reported.", ["Kabul Times"]),
    ("Reuters journalists were detained at the border.", []),
    ("Protesters marched to the Interior Ministry, according to witnesses.", []),
])
def test_cited_sources(coder, text, expected):
    assert _names(coder, text) == expected


def test_offsets_point_at_the_name(coder):
    text = "Six soldiers were killed, Press TV reported."
    cited = coder.code(make_article(text)).sources_cited
    assert [(text[s.start:s.end], s.name) for s in cited] == [("Press TV", "Press TV")]
