"""date_values: each error class of issue 14 on expressions of our own, read at a fixed
publication time (no spaCy; tests/test_dates_component.py runs them in sentences)."""
from __future__ import annotations

import pytest

from tidings.extract.date_values import FUTURE, PAST, value_of

NOV2 = "2021-11-02T09:00:00Z"   # a Tuesday in ISO week 44, fourth quarter
SAT = "2021-02-27T03:30:00Z"    # a Saturday in ISO week 8, first quarter


@pytest.mark.parametrize("text,tense,value", [
    # a date later in the year than publication is not rolled back a year
    ("Nov. 10", None, "2021-11-10"),
    ("Nov. 10", FUTURE, "2021-11-10"),
    ("November 29", None, "2021-11-29"),
    ("Oct. 30", None, "2021-10-30"),
    ("Oct. 30", FUTURE, "2021-10-30"),         # three days back beats a year ahead
    ("Dec. 5", None, "2021-12-05"),
    ("January 14", None, "2022-01-14"),        # ten weeks ahead, ten months behind
    ("June 3", None, "2021-06-03"),
    ("June 3", FUTURE, "2022-06-03"),
    ("last Nov. 10", None, "2020-11-10"),
    ("next Oct. 30", None, "2022-10-30"),
    ("Sunday, Nov. 7", None, "2021-11-07"),    # the weekday says which year
])
def test_month_day_year_by_distance_and_tense(text, tense, value):
    assert value_of(text, NOV2, tense) == (value, "day")


def test_month_alone_takes_the_nearest_year():
    assert value_of("December", NOV2) == ("2021-12", "month")
    assert value_of("February", NOV2) == ("2022-02", "month")
    assert value_of("February", NOV2, PAST) == ("2021-02", "month")
    assert value_of("April next year", NOV2) == ("2022-04", "month")
    assert value_of("early March", SAT) == ("2021-03", "month")


@pytest.mark.parametrize("text,tense,value", [
    ("Thursday", None, "2021-10-28"),          # news reports what happened
    ("Thursday", PAST, "2021-10-28"),
    ("Thursday", FUTURE, "2021-11-04"),        # "will meet Thursday"
    ("next Thursday", None, "2021-11-04"),
    ("next Tuesday", None, "2021-11-09"),
    ("Tuesday", FUTURE, "2021-11-02"),         # later the same day
    ("last Tuesday", None, "2021-10-26"),
    ("this Friday", None, "2021-11-05"),
    ("Friday night", FUTURE, "2021-11-05"),
    ("late Sunday", None, "2021-10-31"),
])
def test_weekdays(text, tense, value):
    assert value_of(text, NOV2, tense) == (value, "day")


@pytest.mark.parametrize("text,value,precision", [
    ("this week", "2021-W08", "week"),
    ("earlier this week", "2021-W08", "week"),
    ("last week", "2021-W07", "week"),
    ("next week", "2021-W09", "week"),
    ("three weeks ago", "2021-W05", "week"),
    ("the week of March 8", "2021-W10", "week"),
    ("last month", "2021-01", "month"),
    ("the end of the month", "2021-02", "month"),
    ("two months ago", "2020-12", "month"),
    ("the past year", "2020", "year"),
    ("early next year", "2022", "year"),
    ("the end of the year", "2021", "year"),
    ("later this year", "2021", "year"),
    ("a decade ago", "2011", "year"),
    ("the 1990s", "199X", "decade"),
    ("the late 1980s", "198X", "decade"),
    ("the '60s", "196X", "decade"),
    ("the third quarter", "2020-Q3", "quarter"),
    ("the first quarter", "2021-Q1", "quarter"),
    ("the second quarter of 2019", "2019-Q2", "quarter"),
    ("Q4 2020", "2020-Q4", "quarter"),
    ("last quarter", "2020-Q4", "quarter"),
    ("next quarter", "2021-Q2", "quarter"),
    ("last summer", "2020-SU", "season"),
    ("the autumn of 2018", "2018-FA", "season"),
    ("this weekend", "2021-02-27", "day"),
    ("last weekend", "2021-02-20", "day"),
])
def test_relative_units_at_their_precision(text, value, precision):
    assert value_of(text, SAT) == (value, precision)


def test_quarter_ahead_when_the_clause_looks_ahead():
    assert value_of("the third quarter", SAT, FUTURE) == ("2021-Q3", "quarter")


@pytest.mark.parametrize("text,published,value", [
    ("Christmas", NOV2, "2021-12-25"),
    ("Christmas", "2022-01-04", "2021-12-25"),
    ("Thanksgiving Day", NOV2, "2021-11-25"),
    ("last Thanksgiving", NOV2, "2020-11-26"),
    ("New Year's Eve", "2024-01-05", "2023-12-31"),
    ("Easter", SAT, "2021-04-04"),
    ("Election Day", "2020-10-20", "2020-11-03"),
])
def test_holidays(text, published, value):
    assert value_of(text, published) == (value, "day")


def test_references_and_durations():
    assert value_of("now", SAT) == ("PRESENT_REF", None)
    assert value_of("the future", SAT) == ("FUTURE_REF", None)
    assert value_of("18 months", SAT) == (None, None)
    assert value_of("the past decade", SAT) == (None, None)
    assert value_of("later that year", SAT) == (None, None)


def test_absolute_dates_ignore_publication_and_tense():
    for published in (None, SAT):
        assert value_of("March 5, 1946", published, FUTURE) == ("1946-03-05", "day")
        assert value_of("5 March 1946", published) == ("1946-03-05", "day")
        assert value_of("July 1997", published) == ("1997-07", "month")
        assert value_of("the 1960s", published) == ("196X", "decade")
    assert value_of("Thursday", None) == (None, None)
    assert value_of("this week", None) == (None, None)


@pytest.mark.parametrize("text,tense,value", [
    ("9 a.m. Tuesday", None, "2021-11-02"),
    ("4 a.m. EDT Thursday", FUTURE, "2021-11-04"),
    ("Thursday at 9 a.m.", PAST, "2021-10-28"),
    ("10:30 a.m. today", None, "2021-11-02"),
    ("this past Sunday", FUTURE, "2021-10-31"),
])
def test_clock_times_and_this_past_keep_their_day(text, tense, value):
    assert value_of(text, NOV2, tense) == (value, "day")


def test_half_years():
    assert value_of("the first half", NOV2) == ("2021-H1", "half")
    assert value_of("the second half of 2019", NOV2) == ("2019-H2", "half")
    assert value_of("the first half", NOV2, FUTURE) == ("2022-H1", "half")
    assert value_of("the third half", NOV2) == (None, None)


def test_year_end():
    assert value_of("year-end", NOV2) == ("2021", "year")
    assert value_of("by month-end", NOV2) == ("2021-11", "month")
