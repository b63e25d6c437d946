"""tidings_dates: date expressions resolved against the publication time."""
from __future__ import annotations

import pytest
from conftest import make_article

from tidings.extract.dates import resolve

SAT = "2021-02-27T03:30:00Z"  # a Saturday


@pytest.mark.parametrize("text,value,precision", [
    ("January 3, 2020", "2020-01-03", "day"),
    ("September 2014", "2014-09", "month"),
    ("2014", "2014", "year"),
    ("Thursday", "2021-02-25", "day"),
    ("on Thursday", "2021-02-25", "day"),
    ("Saturday", "2021-02-27", "day"),       # publication day itself
    ("last Saturday", "2021-02-20", "day"),
    ("next Monday", "2021-03-01", "day"),
    ("Friday's", "2021-02-26", "day"),
    ("yesterday", "2021-02-26", "day"),
    ("two days ago", "2021-02-25", "day"),
    ("two weeks ago", "2021-W06", "week"),
    ("last week", "2021-W07", "week"),
    ("last month", "2021-01", "month"),
    ("earlier this month", "2021-02", "month"),
    ("March 5", "2021-03-05", "day"),        # the nearest March 5, six days ahead
    ("October 5", "2020-10-05", "day"),      # ... and the nearest October 5 is behind
    ("mid-2019", "2019", "year"),
    ("the 1990s", "199X", "decade"),
    ("18 months", None, None),
    ("the past decade", None, None),
])
def test_resolve(text, value, precision):
    assert resolve(text, SAT) == (value, precision)


def test_relative_without_publication_is_unresolved():
    assert resolve("yesterday", None) == (None, None)
    assert resolve("2014", None) == ("2014", "year")


def test_component_offsets_and_date_at(coder):
    from tidings.extract.dates import date_at

    text = "On Thursday, warplanes hit the depot. The group was founded in September 2014."
    doc = coder.parse(make_article(text, SAT))
    for _name, proc in coder.components.pipeline:
        doc = proc(doc)
    by_text = {d.text: d for d in doc._.dates}
    thursday = by_text["Thursday"]
    assert text[thursday.start:thursday.end] == "Thursday"
    assert (thursday.value, thursday.precision) == ("2021-02-25", "day")
    assert by_text["September 2014"].value == "2014-09"
    pos = text.index("September")
    assert date_at(doc, pos, pos + 1).value == "2014-09"
    assert date_at(doc, 0, 2) is None


def test_dates_gold_accuracy(coder):
    from tidings.evaluate.gold_extraction import run_dates

    result = run_dates(coder)
    assert result is not None and result.counts["scored"] >= 60
    assert result.metrics["date_accuracy"] >= 0.90, result.report


def test_the_years_of_a_bodys_name_are_no_date(coder):
    # ACLED names a force with the years of a government: "(2015-2019)"
    text = ("Military Forces of Kenya (2013-2022) shelled a camp near Mandera. The war "
            "(1992-1995) is over.")
    doc = coder.parse(make_article(text, SAT))
    for _name, proc in coder.components.pipeline:
        doc = proc(doc)
    dated = {d.text for d in doc._.dates}
    assert not any("2013" in t for t in dated), dated
    assert any("1992" in t for t in dated), dated  # a lower-case word's years are dates
