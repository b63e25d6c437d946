"""tidings_dates in sentences of our own: the tense of the clause, ranges and lists, and
dates the model does not tag. Runs the spaCy model and the date extraction only."""
from __future__ import annotations

import pytest
from conftest import make_article

from tidings.extract.dates import extract_dates

NOV2 = "2021-11-02T09:00:00Z"   # a Tuesday


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_model

    return load_model()


def dates_of(nlp, text: str, published: str = NOV2) -> dict[str, tuple]:
    doc = nlp(text)
    doc._.article = make_article(text, published)
    out = {}
    for ref in extract_dates(doc):
        assert text[ref.start:ref.end] == ref.text
        out[ref.text] = (ref.value, ref.precision, ref.range_start, ref.range_end)
    return out


@pytest.mark.parametrize("text,expr,value", [
    ("The foreign ministers will meet Thursday in Vienna.", "Thursday", "2021-11-04"),
    ("The delegation is due to arrive on Friday.", "Friday", "2021-11-05"),
    ("Talks are scheduled to resume on Monday.", "Monday", "2021-11-08"),
    ("The court postponed the hearing until Wednesday.", "Wednesday", "2021-11-03"),
    ("He could travel as soon as Saturday, aides said.", "Saturday", "2021-11-06"),
    ("The envoy met the rebels on Thursday.", "Thursday", "2021-10-28"),
    ("Police arrested three men Sunday night.", "Sunday night", "2021-10-31"),
    ("Friday's attack killed four soldiers.", "Friday", "2021-10-29"),
    ("The prime minister travels to Paris next Thursday.", "next Thursday", "2021-11-04"),
])
def test_weekday_follows_the_tense_of_its_clause(nlp, text, expr, value):
    got = dates_of(nlp, text)
    hit = next(v for k, v in got.items() if expr in k or k in expr)
    assert hit[:2] == (value, "day"), got


@pytest.mark.parametrize("text,expr,value", [
    ("Voters will go to the polls on Nov. 10.", "Nov. 10", "2021-11-10"),
    ("The Nov. 28 deadline leaves little time.", "Nov. 28", "2021-11-28"),
    ("The treaty was signed on Oct. 12 in Geneva.", "Oct. 12", "2021-10-12"),
    ("The summit will open on January 20.", "January 20", "2022-01-20"),
    ("The rebels seized the town on June 3.", "June 3", "2021-06-03"),
    ("The new law takes effect on Feb. 1.", "Feb. 1", "2022-02-01"),
    ("The appeal is heard in March in the capital.", "March", "2022-03"),
    ("Turnout was low when parliament was elected in March.", "March", "2021-03"),
])
def test_month_day_is_not_rolled_back(nlp, text, expr, value):
    got = dates_of(nlp, text)
    hit = next(v for k, v in got.items() if expr in k)
    assert hit[0] == value, got


@pytest.mark.parametrize("text,parts,is_range", [
    ("Output fell between 1985 and 1987.", {"1985": "1985", "1987": "1987"}, True),
    ("He was governor from 2009 to 2013.", {"2009": "2009", "2013": "2013"}, True),
    ("She served as mayor in 2009-2012.", {"2009": "2009", "2012": "2012"}, True),
    ("The famine lasted from March to May 2017.",
     {"March": "2017-03", "May 2017": "2017-05"}, True),
    ("The envoys meet on November 24 and 25.",
     {"November 24": "2021-11-24", "25": "2021-11-25"}, False),
    ("Floods struck in 1994, 1995 and 1997.",
     {"1994": "1994", "1995": "1995", "1997": "1997"}, False),
])
def test_ranges_and_lists_keep_every_date(nlp, text, parts, is_range):
    got = dates_of(nlp, text)
    for expr, value in parts.items():
        assert expr in got, got
        assert got[expr][0] == value, got
        if is_range:
            values = list(parts.values())
            first, last = values[0], values[-1]
            assert got[expr][2:] == (first, last), got
        else:
            assert got[expr][2:] == (None, None), got


def test_relative_expressions_at_their_precision(nlp):
    text = ("Prices rose this week after a fall last month. Growth in the third quarter "
            "was the weakest since the 1990s, and the bank expects a recovery early next "
            "year, before the end of the year at the latest.")
    got = {k: v[:2] for k, v in dates_of(nlp, text).items()}
    want = {"2021-W44": "week", "2021-10": "month", "2021-Q3": "quarter",
            "199X": "decade", "2022": "year", "2021": "year"}
    assert {v: p for v, p in got.values() if v in want} == want, got


def test_dates_the_model_misses(nlp):
    text = ("The boy was rescued on Thanksgiving Day, and officials say the case is now "
            "before the courts.")
    got = dates_of(nlp, text, "2021-12-10")
    assert got["Thanksgiving Day"][:2] == ("2021-11-25", "day")
    assert got["now"][:2] == ("PRESENT_REF", None)


def test_anaphoric_dates_read_against_the_date_before(nlp):
    text = ("The rebels took the airport on Oct. 12, 2019. Later that day, the army "
            "withdrew. The ministry had fled to the coast in June 2018 and returned later "
            "that year. The envoy arrived on March 3, 2020 and left the next morning.")
    got = {k: v[:2] for k, v in dates_of(nlp, text).items()}
    assert got["Later that day"] == ("2019-10-12", "day")
    assert got["later that year"] == ("2018", "year")
    assert got["the next morning"] == ("2020-03-04", "day")


def test_an_anaphor_with_nothing_before_it_has_no_value(nlp):
    got = dates_of(nlp, "That same day, the talks collapsed.")
    assert all(v[0] is None for v in got.values()), got


def test_shifts_from_the_date_before(nlp):
    text = ("Profit in the third quarter rose to $4 million from $3 million a year earlier. "
            "Sales in the second quarter matched those of the year-earlier quarter. "
            "The plant closed on May 10, 2020; a week earlier, workers had walked out.")
    got = {k: v[:2] for k, v in dates_of(nlp, text).items()}
    assert got["a year earlier"] == ("2020-Q3", "quarter")
    assert got["the year-earlier quarter"] == ("2020-Q2", "quarter")
    assert got["a week earlier"] == ("2020-W18", "week")
