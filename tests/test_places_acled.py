"""Place strings of ACLED-style notes and wire leads ("Town, District, Region"): the
country of each place, in sentences written for these tests."""
from __future__ import annotations

import pytest
from conftest import make_article

from tidings.extract.places_pairs import inside, paired, qualifier
from tidings.ontology.gazetteer import gazetteer, generic_region


def _at(coder, text, surface):
    """The place whose mention covers the first occurrence of `surface`, or None."""
    start = text.index(surface)
    for p in coder.code(make_article(text)).places:
        if any(m.start <= start < m.end for m in p.mentions):
            return p
    return None


# (sentence, {surface: ISO3 of its place}): one note per country the notes cover
NOTES = [
    (("On 14 January 2023, police arrested 15 members of a separatist group in Bamenda, "
     "Northwest region, during a search operation."), {"Bamenda": "CMR", "Northwest": "CMR"}),
    ("Islamic State fighters ambushed an army convoy near Palmyra, Homs governorate.",
     {"Palmyra": "SYR", "Homs": "SYR"}),
    ("On 3 May 2023, gunmen abducted 12 travellers near Gusau, Zamfara state.",
     {"Gusau": "NGA", "Zamfara": "NGA"}),
    ("On 9 June 2022, Boko Haram fighters raided Gwoza, Borno state, and burned houses.",
     {"Gwoza": "NGA", "Borno": "NGA"}),
    ("On 5 March 2024, insurgents attacked a military post in Mora, Far North region.",
     {"Mora": "CMR", "Far North": "CMR"}),
    (("On 21 February 2024, soldiers killed two separatist fighters in Kumba, Southwest "
     "region."), {"Kumba": "CMR", "Southwest": "CMR"}),
    (("On 2 April 2023, ADF fighters killed 20 civilians in Beni territory, North Kivu "
     "province."), {"Beni": "COD", "North Kivu": "COD"}),
    ("On 12 July 2023, CODECO militiamen attacked a displacement camp near Djugu, Ituri.",
     {"Djugu": "COD", "Ituri": "COD"}),
    ("On 15 May 2023, RSF fighters looted the market in Geneina, West Darfur.",
     {"Geneina": "SDN", "West Darfur": "SDN"}),
    ("On 11 January 2024, fighting was reported in Wad Madani, Gezira state.",
     {"Wad Madani": "SDN"}),
    ("On 8 January 2024, government forces shelled Ariha, Idlib governorate.",
     {"Ariha": "SYR", "Idlib": "SYR"}),
    ("On 4 June 2023, a drone struck a fuel depot in Marib, Marib governorate.",
     {"Marib": "YEM"}),
    (("On 19 February 2024, Russian forces struck an apartment block in Kupiansk, "
     "Kharkiv oblast."), {"Kupiansk": "UKR", "Kharkiv": "UKR"}),
    (("On 4 March 2023, Wagner Group fighters advanced into eastern Bakhmut, Donetsk "
     "oblast."), {"Bakhmut": "UKR", "Donetsk": "UKR"}),
    (("On 25 December 2023, resistance fighters attacked a police station in Kalay, "
     "Sagaing region."), {"Kalay": "MMR", "Sagaing": "MMR"}),
    ("On 11 November 2023, the military bombed a camp in Laiza, Kachin state.",
     {"Laiza": "MMR", "Kachin": "MMR"}),
    ("On 14 June 2023, gunmen killed five people in Celaya, Guanajuato state.",
     {"Celaya": "MEX", "Guanajuato": "MEX"}),
    (("On 22 September 2023, gunmen attacked a checkpoint in Ciudad Juarez, Chihuahua "
     "state."), {"Ciudad Juarez": "MEX", "Chihuahua": "MEX"}),
    (("On 28 April 2024, ELN fighters attacked a military base in Saravena, Arauca "
     "department."), {"Saravena": "COL", "Arauca": "COL"}),
    ("On 3 September 2023, FARC dissidents detonated a bomb in Jamundi, Valle del Cauca.",
     {"Jamundi": "COL", "Valle del Cauca": "COL"}),
    ("On 10 May 2023, police used tear gas against protesters in Imphal, Manipur.",
     {"Imphal": "IND", "Manipur": "IND"}),
    ("On 4 May 2023, farmers protested in Ludhiana, Punjab, over crop prices.",
     {"Ludhiana": "IND", "Punjab": "IND"}),
    ("On 19 June 2023, police dispersed protesters in Lahore, Punjab.",
     {"Lahore": "PAK", "Punjab": "PAK"}),
    (("On 2 February 2024, militants attacked a checkpoint in Bannu, Khyber Pakhtunkhwa "
     "province."), {"Bannu": "PAK", "Khyber Pakhtunkhwa": "PAK"}),
    (("On 13 October 2023, al-Shabaab fighters attacked an army base in Beledweyne, "
     "Hiraan region."), {"Beledweyne": "SOM", "Hiraan": "SOM"}),
    ("On 9 August 2023, an IED struck a convoy near Baidoa, Bay region.",
     {"Baidoa": "SOM"}),
    (("On 4 December 2023, suspected jihadists killed civilians in Kaya, Centre-Nord "
     "region."), {"Kaya": "BFA", "Centre-Nord": "BFA"}),
    (("On 3 October 2023, unidentified gunmen killed a village chief near Dori, Sahel "
     "region."), {"Dori": "BFA", "Sahel": "BFA"}),
    ("On 1 October 2023, JNIM fighters attacked a convoy near Bourem, Gao region.",
     {"Bourem": "MLI", "Gao": "MLI"}),
    ("On 18 February 2024, soldiers raided a village near Niono, Segou region.",
     {"Niono": "MLI", "Segou": "MLI"}),
    ("On 3 December 2022, the first aid convoy in two months entered Mekelle, Tigray.",
     {"Mekelle": "ETH", "Tigray": "ETH"}),
]


@pytest.mark.parametrize("text, expected", NOTES, ids=[next(iter(e)) for _, e in NOTES])
def test_note_places_get_their_region_country(coder, text, expected):
    for surface, iso3 in expected.items():
        place = _at(coder, text, surface)
        assert place is not None, surface
        assert place.country == iso3, (surface, place.name, place.country)


def test_known_town_keeps_its_gazetteer_entry(coder):
    text = ("On 14 January 2023, police arrested 15 members of a separatist group in "
            "Bamenda, Northwest region, during a search operation.")
    bamenda = _at(coder, text, "Bamenda")
    assert bamenda.geonameid is not None and bamenda.feature_class == "city"
    region = _at(coder, text, "Northwest")
    assert (region.feature_class, region.name) == ("region", "North-West")


def test_palmyra_is_tadmur_with_its_governorate(coder):
    text = "Islamic State fighters ambushed an army convoy near Palmyra, Homs governorate."
    palmyra = _at(coder, text, "Palmyra")
    assert (palmyra.name, palmyra.country, palmyra.feature_class) == ("Tadmur", "SYR", "city")
    homs = _at(coder, text, "Homs")
    assert (homs.country, homs.feature_class) == ("SYR", "region")


def test_region_word_is_context_for_the_other_places_of_its_sentence(coder):
    # "Palmyra" is not paired with the governorate here, but its sentence names it
    text = ("Government troops clashed with Islamic State fighters near Palmyra and "
            "al-Sukhnah, Homs governorate, on Sunday.")
    assert _at(coder, text, "Palmyra").country == "SYR"


@pytest.mark.parametrize("text, surface, iso3", [
    # the region named beside it keeps a US town in the US
    (("Police in Paris, Texas, arrested two men after a brawl, the Texas Department of "
     "Public Safety said."), "Paris", "USA"),
    ("On 5 June 2024, police arrested protesters in Springfield, Illinois.",
     "Springfield", "USA"),
    (("Georgia recalled its ambassador after the violence in Tbilisi, and Russia said it "
     "would respond."), "Georgia", "GEO"),
    # a famous city with no region named stays the famous one
    ("Police dispersed a rally in Paris on Saturday.", "Paris", "FRA"),
    # Gaza beside Israel is the Palestinian city, not Mozambique's province
    ("Hospitals in Gaza were running out of fuel as Israel kept up its bombardment.",
     "Gaza", "PSE"),
    # a compass-named region with no town beside it and no country is no place
    ("Fans in Portland cheered as the Northwest team won the title.", "Portland", "USA"),
])
def test_negatives_and_famous_places(coder, text, surface, iso3):
    place = _at(coder, text, surface)
    assert place is not None and place.country == iso3, (surface, place)


@pytest.mark.parametrize("text, surface", [
    ("President Putin said Russia would not bow to pressure from the West.", "West"),
    ("Fans in Portland cheered as the Northwest team won the title.", "Northwest"),
])
def test_a_bare_compass_word_is_no_region(coder, text, surface):
    assert _at(coder, text, surface) is None


def test_generic_region_names():
    for name in ("Northwest", "North-West", "Far North", "Central Region", "Eastern",
                 "South West"):
        assert generic_region(name), name
    for name in ("Upper Nile", "Homs", "North Kivu", "Tigray"):
        assert not generic_region(name), name


def test_pairs_agree_or_force_nothing():
    gaz = gazetteer()
    text = "in Bamenda, Northwest region, during"
    start = text.index("Bamenda")
    end = start + len("Bamenda")
    areas = qualifier(text, end, gaz)
    assert {a.iso2 for a in areas} >= {"CM", "IS"}
    bamenda = gaz.lookup("Bamenda")
    assert paired(text, start, end, bamenda, gaz) == [c for c in bamenda if c.iso2 == "CM"]
    # the region half: only the Northwest holding Bamenda
    at = text.index("Northwest")
    regions = paired(text, at, at + len("Northwest"), gaz.lookup("Northwest"), gaz)
    assert [(r.iso2, r.feature) for r in regions] == [("CM", "admin")]
    # a town and a region that do not agree confirm nothing
    text = "near Kampala, Homs governorate"
    at = text.index("Kampala")
    assert paired(text, at, at + len("Kampala"), gaz.lookup("Kampala"), gaz) == []
    homs = next(c for c in gaz.lookup("Homs") if c.feature == "admin")
    tadmur = next(c for c in gaz.lookup("Palmyra") if c.iso2 == "SY")
    assert inside(tadmur, homs) and not inside(homs, homs)


@pytest.mark.parametrize("text, surface, iso3, feature_class", [
    # three levels: the town lies in the province written after its district
    (("On 4 November 2022, rebels took control of the town of Kiwanja, Rutshuru territory, "
     "North Kivu, after clashes."), "Kiwanja", "COD", "city"),
    ("On 9 May 2023, gunmen killed a farmer in Bokkos LGA, Plateau state.", "Bokkos", "NGA",
     "city"),
    # a region named after its seat, known to the gazetteer by the city's name only
    ("On 12 June 2023, shelling hit Orikhiv, Zaporizhzhia oblast.", "Zaporizhzhia", "UKR",
     "region"),
    ("On 12 June 2023, shelling hit Orikhiv, Zaporizhzhia oblast.", "Orikhiv", "UKR", "city"),
    # ... but a country with a region word stays the country's
    ("Serbia lifted a curfew in Montenegro province on Wednesday.", "Montenegro", "MNE",
     "country"),
    # a US county is no region named after its seat
    ("Deputies in Dallas County arrested two men on Friday.", "Dallas County", "USA",
     "county"),
])
def test_district_levels_and_seats(coder, text, surface, iso3, feature_class):
    place = _at(coder, text, surface)
    assert place is not None, surface
    assert (place.country, place.feature_class) == (iso3, feature_class), place


def test_a_list_of_towns_is_no_place_string(coder):
    # "Bentley Park, Trinity Beach": a list, not a town in a region named "Trinity"
    text = ("Cases were confirmed in the Cairns suburbs of Edmonton, Mount Sheridan, "
            "Bentley Park, Trinity Beach and Mooroobool.")
    assert _at(coder, text, "Mount Sheridan").country == "AUS"


def test_a_region_written_with_its_word_is_one_mention(coder):
    text = "Protesters gathered in Hyderabad, Sindh province, on Friday."
    places = coder.code(make_article(text)).places
    sindh = [p for p in places if p.name == "Sindh"]
    assert len(sindh) == 1 and [m.text for m in sindh[0].mentions] == ["Sindh province"]
    assert _at(coder, text, "Hyderabad").country == "PAK"


@pytest.mark.parametrize("text, surface, iso3", [
    ("Kano State governor Abba Yusuf imposed a curfew.", "Kano", "NGA"),
    ("Police in Victoria, British Columbia, arrested a man.", "Victoria", "CAN"),
    ("Clashes erupted in Tripoli, Lebanon, between rival groups.", "Tripoli", "LBN"),
    ("Police in Alexandria, Virginia, said the suspect fled.", "Alexandria", "USA"),
])
def test_wire_place_strings(coder, text, surface, iso3):
    place = _at(coder, text, surface)
    assert place is not None and place.country == iso3, (surface, place)


def test_region_words_inside_other_names_make_no_place_string(coder):
    # "Ohio" is only the modifier a name inside a name makes, never "Ohio State"
    text = "Students at Ohio State University staged a sit-in with the Secretary of State."
    places = coder.code(make_article(text)).places
    assert [[m.text for m in p.mentions] for p in places] == [["Ohio"]]


@pytest.mark.parametrize("text, surface, iso3", [
    ("Fighting raged near Palmyra in Homs province on Sunday.", "Palmyra", "SYR"),
    ("Government forces shelled Palmyra and Qaryatayn in Homs governorate.", "Palmyra",
     "SYR"),
    ("Shelling hit Sloviansk in the Donetsk region on Tuesday.", "Sloviansk", "UKR"),
    ("Protesters rallied in Hyderabad in Telangana state on Friday.", "Hyderabad", "IND"),
    # a looser string places a town among its regions but never makes one up there
    ("Snow closed schools in Toronto and Buffalo, New York, on Monday.", "Toronto", "CAN"),
    ("The company has offices in London and Birmingham, Alabama.", "London", "GBR"),
])
def test_town_in_region_and_coordinated_towns(coder, text, surface, iso3):
    place = _at(coder, text, surface)
    assert place is not None and place.country == iso3, (surface, place)


@pytest.mark.parametrize("text, surface, iso3", [
    # the country a lead says the region is in: a possessive before, "region of" after
    ("Police said the Eastern region of Ghana was calm after the vote.", "Eastern", "GHA"),
    ("Boko Haram fighters killed six people in Cameroon's Far North on Sunday.",
     "Far North", "CMR"),
])
def test_owner_country_of_a_region(coder, text, surface, iso3):
    place = _at(coder, text, surface)
    assert place is not None and (place.country, place.feature_class) == (iso3, "region")


@pytest.mark.parametrize("text, surface, iso3", [
    # an event note's region in brackets
    ("On 5 May 2024, an airstrike hit Kalay (Sagaing region), killing three.", "Kalay",
     "MMR"),
    ("On 8 March 2024, insurgents looted a village near Mora (Far North).", "Mora", "CMR"),
    # two regions of one country, tagged as one organisation
    (("Separatists have enforced lockdowns in Cameroon's Northwest and Southwest regions "
     "since 2017."), "Southwest", "CMR"),
    (("Separatists have enforced lockdowns in Cameroon's Northwest and Southwest regions "
     "since 2017."), "Northwest", "CMR"),
])
def test_brackets_and_coordinated_regions(coder, text, surface, iso3):
    place = _at(coder, text, surface)
    assert place is not None and place.country == iso3, (surface, place)


@pytest.mark.parametrize("text, surface, iso3, feature_class", [
    ("Shelling hit Kharkiv region overnight.", "Kharkiv", "UKR", "region"),
    ("Shelling hit Kharkiv overnight.", "Kharkiv", "UKR", "city"),
    ("Airstrikes hit several towns in Aleppo governorate on Monday.", "Aleppo", "SYR",
     "region"),
    ("Voters in the state of Georgia went to the polls on Tuesday.", "Georgia", "USA",
     "region"),
])
def test_a_region_word_makes_a_region(coder, text, surface, iso3, feature_class):
    place = _at(coder, text, surface)
    assert place is not None and (place.country, place.feature_class) == (iso3,
                                                                          feature_class)


@pytest.mark.parametrize("text, surface, iso3", [
    # names joined by "and" that are one region, after "province of" or a town
    (("Gunmen attacked a police station in Iran's southeastern province of Sistan and "
     "Baluchestan."), "Sistan and Baluchestan", "IRN"),
    ("On 8 July 2023, suspected militants ambushed a patrol in Kupwara, Jammu and Kashmir.",
     "Jammu and Kashmir", "IND"),
])
def test_region_names_joined_by_and(coder, text, surface, iso3):
    place = _at(coder, text, surface)
    assert place is not None and (place.country, place.feature_class) == (iso3, "region")
    assert [m.text for m in place.mentions] == [surface]


@pytest.mark.parametrize("text, surface, iso3", [
    # Arabic names written without the article
    ("On 12 June 2024, an airstrike hit a port warehouse in Hodeidah, Yemen.", "Hodeidah",
     "YEM"),
    (("Houthi forces said on Monday that a strike on Hodeidah had killed two workers in "
     "Yemen."), "Hodeidah", "YEM"),
    ("On 3 May 2024, RSF fighters shelled a hospital in Fasher, North Darfur.", "Fasher",
     "SDN"),
])
def test_arabic_names_without_their_article(coder, text, surface, iso3):
    place = _at(coder, text, surface)
    assert place is not None and (place.country, place.feature_class) == (iso3, "city")
