"""Issue 14, places: one test per error class, in sentences written for these tests."""
from __future__ import annotations

import pytest
from conftest import make_article

from tidings.ontology.gazetteer import gazetteer


def _coded(coder, text):
    return coder.code(make_article(text)).places


def _at(places, text, surface, nth=0):
    """The place whose mention covers the nth occurrence of `surface`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    for p in places:
        if any(m.start <= start < m.end for m in p.mentions):
            return p
    return None


# -- adjectives and places inside names ---------------------------------------------------
@pytest.mark.parametrize("text, surface, country, feature_class", [
    ("Turkish troops crossed the border before dawn.", "Turkish", "TUR", "country"),
    ("The U.S.-led coalition said it had hit a depot.", "U.S.", "USA", "country"),
    ("Saudi-backed forces moved on the port.", "Saudi", "SAU", "country"),
    ("European leaders met to discuss the budget.", "European", None, "continent"),
    ("Thousands of Canadians marched on Saturday.", "Canadians", "CAN", "country"),
    ("A North Korean missile fell into the sea.", "North Korean", "PRK", "country"),
    ("Dubai police arrested two men at the airport.", "Dubai", "ARE", "city"),
])
def test_adjectives_and_places_inside_names(coder, text, surface, country, feature_class):
    place = _at(_coded(coder, text), text, surface)
    assert place is not None, surface
    assert (place.country, place.feature_class) == (country, feature_class)
    assert place.lat is not None and place.lon is not None


def test_adjectives_do_not_place_events(coder):
    """The event stages see the located places only: the attacker's nationality is
    not where an attack happened."""
    text = "A Russian airstrike on Idlib killed five civilians on Tuesday."
    doc = coder.parse(make_article(text))
    for name, proc in coder.components.pipeline:
        doc = proc(doc)
        if name == "tidings_places":
            assert [p.name for p in doc._.places] == ["Idlib"]
    names = {p.name for p in doc._.places}
    assert {"Idlib", "Russia"} <= names


# -- counties, regions, abbreviations -----------------------------------------------------
def test_county_is_not_the_city_of_its_name(coder):
    text = "Deputies in Dallas County and Laurel County searched for the driver."
    places = _coded(coder, text)
    for surface in ("Dallas County", "Laurel County"):
        place = _at(places, text, surface)
        assert place.feature_class == "county" and place.country == "USA", surface
        assert place.lat is not None


def test_county_of_the_state_the_article_names(coder):
    """Thirty states have a Washington County: the one in the state named is meant."""
    text = "Officials in Dallas County, Iowa, closed roads."
    place = _at(_coded(coder, text), text, "Dallas County")
    assert (place.feature_class, place.country) == ("county", "USA")
    assert 40 < place.lat < 44 and -97 < place.lon < -90  # Iowa, not Texas
    text = "Deputies in Plymouth Co. searched the woods near Brockton, Mass."
    place = _at(_coded(coder, text), text, "Plymouth Co.")
    assert place.name == "Plymouth County" and place.lon > -72  # Massachusetts
    assert len([e for e in gazetteer().lookup("Washington County")]) > 20


def test_region_has_geonames_id_and_point(coder):
    text = "Wildfires forced thousands from their homes in Alberta and Queensland."
    places = _coded(coder, text)
    alberta, queensland = _at(places, text, "Alberta"), _at(places, text, "Queensland")
    assert (alberta.geonameid, alberta.feature_class) == (5883102, "region")
    assert (queensland.geonameid, queensland.country) == (2152274, "AUS")
    assert 45 < alberta.lat < 60 and -120 < alberta.lon < -110


@pytest.mark.parametrize("text, surface, region, country", [
    ("The crash happened near Winnipeg, Man., late on Friday.", "Man.", "Manitoba", "CAN"),
    ("Schools in Bowling Green, Ky., stayed closed.", "Ky.", "Kentucky", "USA"),
    ("He grew up in Kamloops, B.C., and moved east.", "B.C.", "British Columbia", "CAN"),
])
def test_region_abbreviations(coder, text, surface, region, country):
    place = _at(_coded(coder, text), text, surface)
    assert (place.name, place.country, place.feature_class) == (region, country, "region")


# -- same-name places resolved by the article ---------------------------------------------
@pytest.mark.parametrize("text, surface, country, lat_range", [
    ("Police in Athens, Georgia, said the campus was locked down.", "Athens", "USA",
     (33, 35)),
    ("Police in Alexandria, Virginia, said the suspect fled on foot.", "Alexandria", "USA",
     (38, 39.5)),
    ("A storm knocked out power in London, Ontario, on Monday.", "London", "CAN", (42, 44)),
    (("Kentucky officials said Paris and Georgetown would open shelters. The Paris mayor "
     "asked residents to stay home."), "Paris", "USA", (37, 39)),
])
def test_same_name_places_by_context(coder, text, surface, country, lat_range):
    place = _at(_coded(coder, text), text, surface)
    assert place.country == country, (place.name, place.country)
    assert lat_range[0] < place.lat < lat_range[1]


def test_small_town_in_its_named_region(coder):
    """A town under 5,000 people is found inside the region the text names, not as a
    large namesake abroad; one GeoNames lacks altogether sits at its region's point."""
    text = "EDMONTON, Ky. - The county fair opened on Thursday."
    place = _at(_coded(coder, text), text, "EDMONTON")
    assert (place.country, place.feature_class, place.geonameid) == ("USA", "city", 4290886)
    text = "Storms flattened barns near Zorbaville, Ky., on Sunday."
    place = _at(_coded(coder, text), text, "Zorbaville")
    kentucky = gazetteer().abbreviation("Ky.")
    assert (place.name, place.country, place.geonameid) == ("Zorbaville", "USA", None)
    assert (place.lat, place.lon) == (kentucky.lat, kentucky.lon)


def test_small_town_in_a_story_about_its_region(coder):
    text = ("Kentucky state police closed roads on Monday. In Edmonton, the county "
            "seat, schools stayed shut.")
    place = _at(_coded(coder, text), text, "Edmonton")
    assert (place.country, place.geonameid) == ("USA", 4290886)


def test_georgia_the_country_beside_russia_though_the_us_is_named(coder):
    text = "U.S. officials said Georgia's bid to join NATO angered Russia."
    assert _at(_coded(coder, text), text, "Georgia").country == "GEO"
    text = "The U.S. Senate runoff in Georgia drew record turnout."
    assert _at(_coded(coder, text), text, "Georgia").country == "USA"


def test_georgia_state_in_a_us_story(coder):
    text = "ATHENS, Ga. - The University of Georgia said classes would resume."
    place = _at(_coded(coder, text), text, "Georgia")
    assert (place.country, place.feature_class) == ("USA", "region")


# -- alternate-name traps and person names ------------------------------------------------
def test_alternate_name_traps(coder):
    text = "Aid agencies warned that Africa and Asia faced a drought."
    places = _coded(coder, text)
    assert _at(places, text, "Africa").feature_class == "continent"
    assert _at(places, text, "Asia").feature_class == "continent"


def test_seas_and_parts_of_continents_are_not_towns_or_continents(coder):
    text = ("Storms over the Pacific and the Atlantic closed ports. Ebola spread across "
            "West Africa; cases also rose in Southeast Asia. Asia's markets fell.")
    places = _coded(coder, text)
    assert _at(places, text, "Pacific") is None  # not Pacific, Missouri
    assert _at(places, text, "Atlantic") is None  # not Atlantic, Iowa
    assert _at(places, text, "West Africa") is None  # not the continent's centre
    assert _at(places, text, "Southeast Asia") is None
    assert _at(places, text, "Asia", nth=1).feature_class == "continent"


def test_person_names_are_not_places(coder):
    text = ("Cuban leader Raul Castro met the visiting delegation. Castro said the talks "
            "had gone well.")
    places = _coded(coder, text)
    assert _at(places, text, "Castro", nth=1) is None
    assert _at(places, text, "Cuban").country == "CUB"


def test_a_country_as_a_first_name(coder):
    text = ("Nine-year-old Georgia Stevens is lacing her skates. Georgia said she loves "
            "hockey. Her family moved from Georgia last year.")
    places = _coded(coder, text)
    assert _at(places, text, "Georgia", nth=1) is None  # the girl
    assert _at(places, text, "Georgia", nth=2) is not None  # "from Georgia"


def test_new_york_by_its_short_name(coder):
    text = "The New York Times said protesters marched in New York on Sunday."
    places = _coded(coder, text)
    assert _at(places, text, "New York", nth=1).geonameid == 5128581
    assert _at(places, text, "York") is not None and \
        _at(places, text, "York").name == "New York City"


# -- a point for every place --------------------------------------------------------------
def test_countries_at_their_centre_not_their_capital(coder):
    text = "Canada and Russia signed the agreement."
    places = _coded(coder, text)
    canada, russia = _at(places, text, "Canada"), _at(places, text, "Russia")
    assert canada.lat > 50 and russia.lon > 60  # Ottawa is at 45 N, Moscow at 37 E
    assert all(p.lat is not None and p.lon is not None and p.feature_class
               for p in places)


# -- the small-town files -----------------------------------------------------------------
def test_small_towns_are_kept_one_country_to_a_file(tmp_path, monkeypatch):
    """Built once into the cache folder, one file per country, then read back per
    country; a country with no small town is an empty table, not a rebuild."""
    from tidings.ontology import towns

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("TIDINGS_NO_CACHE", raising=False)
    built = {"US": {("KY", "edmonton"): ("Edmonton", 4290886, 36.98, -85.61, 1568)}}
    calls = []
    monkeypatch.setattr(towns, "_build", lambda: calls.append(1) or built)
    towns._country.cache_clear()
    try:
        hit = towns.town("EDMONTON", "US", "KY")
        assert (hit.name, hit.geonameid, hit.feature_class) == ("Edmonton", 4290886, "city")
        assert towns.town("Edmonton", "US", "TX") is None
        assert towns.town("Edmonton", "FR", "11") is None
        folder = towns._folder()
        assert (folder / "US.pickle").exists() and (folder / "complete").exists()
        towns._country.cache_clear()
        assert towns.town("Edmonton", "US", "KY").geonameid == 4290886
        assert calls == [1]  # read back from its file, not built again
    finally:
        towns._country.cache_clear()
