"""Who said a quote when no verb of speaking stands beside it (issue 14): list lines,
the paragraph before or after, title-case headlines, recordings, role words and the
writer's "we". Sentences written for these tests."""
from __future__ import annotations

import dataclasses

import pytest
from conftest import make_article


def _speakers(coder, text, source=None):
    article = make_article(text)
    if source is not None:
        article = dataclasses.replace(article, source=source)
    doc = coder.code(article)
    assert not [e for e in doc.errors if e.stage == "tidings_quotes"], doc.errors
    return [(q.text, q.speaker_name) for q in doc.quotes if q.direct]


def test_list_line_name_and_outlet(coder):
    text = ("Here is how the columnists saw the debate.\n\n"
            "Jane Porter, The Daily Ledger: \u201cNeither candidate said one word about "
            "the deficit tonight.\u201d\n\n"
            "Mark Ellison, Harbor Times: \"The moderators lost control of the stage in "
            "the first ten minutes.\"")
    got = _speakers(coder, text)
    assert [s for _, s in got] == ["Jane Porter", "Mark Ellison"]


def test_list_line_two_names_after_a_dash(coder):
    text = ("WHY THE POLLS MISSED THE SWING - Ellen Hart and Victor Moss: \u201cWe found "
            "that late deciders broke for the challenger by a wide margin.\u201d")
    got = _speakers(coder, text)
    assert len(got) == 1
    assert "Ellen Hart" in got[0][1] and "Victor Moss" in got[0][1]


def test_signature_after_the_quote(coder):
    same = ("\u201cI have never seen a campaign this nasty in my whole life.\u201d "
            "- Rosa Mendez, retired teacher")
    assert _speakers(coder, same)[0][1] == "Rosa Mendez"
    next_para = ("\u201cThe governor has simply stopped listening to the people of this "
                 "county.\u201d\n\n\u2014 Harold Finch, county commissioner")
    assert _speakers(coder, next_para)[0][1] == "Harold Finch"


def test_attribution_in_the_paragraph_before(coder):
    text = ("Several readers wrote in after the debate.\n\n"
            "Alice Grant, a nurse from Tucson:\n\n"
            "\u201cI cannot vote for a man who mocks disabled people on television.\u201d")
    assert _speakers(coder, text)[0][1] == "Alice Grant"


def test_colon_clause_without_a_verb_of_speaking(coder):
    text = ("Mayor Dana Whitfield delivered a blunt message to the council: \u201cEither "
            "you pass the budget this week or the buses stop running.\u201d\n\n"
            "Governor Paul Amsel issued the following statement:\n\n"
            "\u201cOur thoughts are with the families of the miners tonight.\u201d")
    got = _speakers(coder, text)
    assert [s for _, s in got] == ["Dana Whitfield", "Paul Amsel"]


def test_title_case_headline_quote(coder):
    text = ("Ruth Calder: \u2018We Will Not Let This Bill Pass The Senate\u2019\n\n"
            "The senator spoke to reporters on Tuesday.")
    got = _speakers(coder, text)
    assert len(got) == 1 and got[0][0] == "We Will Not Let This Bill Pass The Senate"
    assert got[0][1] == "Ruth Calder"


def test_title_case_quote_without_colon_stays_a_title(coder):
    text = "She starred in \u201cThe Last Summer On Harbor Street\u201d in 1998."
    assert _speakers(coder, text) == []


def test_audio_obtained_by_is_not_the_speaker(coder):
    text = ("Mayor Dan Ortiz met the donors behind closed doors in March.\n\n"
            "\u201cWe are going to crush the union before the summer is over,\u201d "
            "according to audio obtained by the Coastal Herald.")
    got = _speakers(coder, text)
    assert len(got) == 1
    assert got[0][1] is None or "Herald" not in got[0][1] and "audio" not in got[0][1]
    told = ("\u201cWe are going to crush the union before the summer is over,\u201d Ortiz "
            "told the donors, according to a recording obtained by the Coastal Herald.")
    assert _speakers(coder, told)[0][1] == "Ortiz"


@pytest.mark.parametrize("intro,nominal,name", [
    ("Campaign aide Brian Kessler declined to answer questions about the poll.",
     "one aide", "Brian Kessler"),
    ("The senator's chief of staff, Laura Jensen, flew to Denver on Monday.",
     "the chief of staff", "Laura Jensen"),
    ("Helen Park, a spokeswoman for the utility, met reporters at the plant.",
     "the spokeswoman", "Helen Park"),
])
def test_role_word_is_the_named_person(coder, intro, nominal, name):
    text = (f"{intro}\n\n\u201cNobody is going to resign over a single bad vote this "
            f"week,\u201d {nominal} said.")
    assert _speakers(coder, text)[0][1] == name


def test_anonymous_or_other_role_word_is_not_linked(coder):
    text = ("Campaign aide Brian Kessler declined to answer questions about the poll.\n\n"
            "\u201cThe internal numbers are much worse than anyone admits,\u201d another "
            "aide said.\n\n"
            "\u201cWe will lose three of the four swing counties,\u201d said one aide, who "
            "spoke on condition of anonymity.")
    got = _speakers(coder, text)
    assert len(got) == 2
    assert all(s != "Brian Kessler" for _, s in got)


def test_editorial_we_is_the_outlet(coder):
    text = ("The Sanders Report; the council ignored our questions again this week.\n\n"
            "\u201cThe council owes the public a full account of where the money went,\u201d "
            "we wrote in an editorial last month. Mayor Ana Duarte did not answer.")
    assert _speakers(coder, text, source="The Valley Courier")[0][1] == "The Valley Courier"
    # without a known outlet the writer's "we" is nobody, never the last name before it
    assert _speakers(coder, text)[0][1] is None


def test_quote_ending_in_a_nested_quote_then_said_name(coder):
    text = ("\"If you lose squarely, you walk off the court, shake hands and say, 'Well "
            "played,' \" said Rep. Nora Quinn, a Maine legislator. \"If the game was "
            "rigged, you do not want to shake anybody's hand.\"")
    got = _speakers(coder, text)
    assert len(got) == 1  # one quote interrupted by its attribution
    assert got[0][1] == "Nora Quinn"
    assert got[0][0].endswith("shake anybody's hand.")


def test_second_quote_of_a_paragraph_keeps_the_speaker(coder):
    text = ("Victor Hale told the council: \"The mayor has lied to this city for three "
            "years.\" Then he sat down. \"Every budget he sent us was padded with "
            "invented savings.\"")
    got = _speakers(coder, text)
    assert [s for _, s in got] == ["Victor Hale", "Victor Hale"]


def test_any_verb_beside_the_quote(coder):
    after = ("\u201cGet that man out of my hall before the cameras see him!\u201d Darnell "
             "Voss barked, and the guards moved in.")
    assert _speakers(coder, after)[0][1] == "Darnell Voss"
    before = ("A flabbergasted Lena Ortiz quipped, \u201cIt is like a lawyer with the "
              "dumbest client in the whole state.\u201d")
    assert _speakers(coder, before)[0][1] == "Lena Ortiz"
    # a clause that does not name anyone gives no speaker
    nobody = ("In the hallway, \u201cthe vote is rigged and everybody in this building "
              "knows it\u201d was painted on the wall.")
    assert all(s is None for _, s in _speakers(coder, nobody))


def test_who_is_spoken_to_is_not_the_speaker(coder):
    text = ("Senator Alma Reyes walked onto the stage in Dayton.\n\n"
            "\u201cSome people get a little carried away at these rallies, have you "
            "noticed that?\u201d she asked the crowd.")
    assert _speakers(coder, text)[0][1] == "Alma Reyes"


def test_title_abbreviation_before_the_name(coder):
    text = ("\u201cI do not see how the attack would change our operations in the "
            "region,\u201d said Pentagon spokesman Navy Capt. Jeffrey Dunmore.")
    assert "Dunmore" in _speakers(coder, text)[0][1]


def test_colon_clause_with_a_state_abbreviation(coder):
    text = ("Senate leader Rosa Tillman, D-Ore., delivered a blunt message to the "
            "governor: \u201cIt is time to stop attacking the people who disagree with "
            "you.\u201d")
    assert _speakers(coder, text)[0][1] == "Rosa Tillman"


def test_attribution_at_the_end_of_the_writers_sentence(coder):
    text = ("\u201cTroops on the ground in the valley\u201d would be the only answer, "
            "Republican candidate Dale Foster said after the attacks.")
    assert _speakers(coder, text)[0][1] == "Dale Foster"
    verb_and = ("\u201cGo back to your own station and stay there,\u201d Trask barked and "
                "a guard walked the reporter out.")
    assert _speakers(coder, verb_and)[0][1] == "Trask"


def test_party_and_state_in_brackets_are_not_the_speaker(coder):
    text = ("\u201cI am getting ready to rent a covered wagon for the trip,\u201d Gov. "
            "Walter Brandt (R-OH) said.")
    assert "Brandt" in _speakers(coder, text)[0][1]


def test_rank_abbreviations_before_the_name(coder):
    text = ("\u201cI really do not understand how a better candidate did not jump in,\u201d "
            "said Air Force 1st Lt. Tyler Ames.")
    assert "Ames" in _speakers(coder, text)[0][1]


def test_bare_surname_that_is_also_a_demonym(coder):
    text = ("Mark Cuban, the owner of a basketball team, spoke on Sunday.\n\n"
            "\u201cIt is certainly more of a consideration than it was a year ago,\u201d "
            "Cuban said.")
    assert _speakers(coder, text)[0][1] == "Mark Cuban"


def test_roundup_signature_line_without_a_dash(coder):
    text = ("Here is what the economists think.\n\n"
            "\u201cI worry that we will see a return of budget hawks singing the virtues of "
            "balanced budgets next year.\n\n"
            "Dean Barker, Center for Economic Research.\u201d\n\n"
            "\u201cThe next recession will come without any consensus on stimulus.\u201d\n\n"
            "Getty Images.")
    got = _speakers(coder, text)
    assert got[0][1] == "Dean Barker"
    assert got[1][1] != "Getty Images"


def test_nearest_of_two_parsed_subjects(coder):
    text = ("Tuesday at a college in Berea, OH, after winning the primary, Gov. Walter "
            "Brandt (R-OH), said, \u201cI am getting ready to rent a covered wagon for "
            "the trip west.\u201d")
    assert "Brandt" in _speakers(coder, text)[0][1]


def test_inverted_list_line(coder):
    text = ("Continued Stone: \u201cSo I think it is a very real problem for the party in "
            "the swing states.\u201d")
    assert _speakers(coder, text)[0][1] == "Stone"


def test_title_case_headline_after_a_verb_of_speaking(coder):
    text = ("Marta Lind Says \u2018We Will Win Every County In Ohio\u2019\n\n"
            "The campaign opened four offices this week.")
    got = _speakers(coder, text)
    assert len(got) == 1 and got[0][0] == "We Will Win Every County In Ohio"
    assert got[0][1] == "Marta Lind"
