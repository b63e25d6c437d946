"""The words of docs/codebook.md that no package table holds: what each field and code
means. scripts/codebook.py puts them beside the tables it reads from the package."""
from __future__ import annotations

INTRO = [
    "# Codebook",
    "",
    ("What every field tidings writes means, and every code it uses. Written by "
    "`scripts/codebook.py` from the package's own tables (the output dataclasses, the "
    "CAMEO/PLOVER tables, the lexicon, the knowledge base, the store schema, the export "
    "tables); edit the script or `scripts/codebook_text.py`, not this file, then run "
    "`.venv/bin/python scripts/codebook.py`. `tests/test_codebook.py` fails when a field "
    "of the output is not described here."),
    "",
    ("Contents: 1. the coded document (`tidings code`, the Python API); 2. code lists "
    "(PLOVER and CAMEO, quad classes, Goldstein, sectors, modality, precisions, places); "
    "3. merged events (the store, Parquet, CSV, JSONL); 4. the GDELT 2.0 export and its "
    "sidecar; 5. the ACLED-style export; 6. tone."),
    "",
]

FIELDS: dict[str, str] = {
    "article": "The article as read: its text and what the input said about it.",
    "article.id": "The input's own id (JSON Lines `id`, a table's id column), else a hash "
                  "of the URL or the text.",
    "article.origin": "Where it was read from: a path, `path#line` (JSON Lines), `path#row` "
                      "(CSV/TSV/Parquet), `file.warc.gz#record`, or a URL.",
    "article.text": "The body: paragraphs joined by a blank line. All offsets point here.",
    "article.title": "The headline (empty when the input has none).",
    "article.subtitles": "Deck lines under the headline.",
    "article.section": "The outlet's section (\"World\", \"Politics\").",
    "article.published": "Publication time, ISO 8601 UTC (`2021-02-27T03:30:00Z`); from the "
                         "input, else `--published`.",
    "article.url": "The article's canonical URL.",
    "article.source": "The outlet's name.",
    "article.language": "ISO 639-1 code of the text's language.",
    "article.paragraphs": "The paragraphs of `text`.",
    "article.paragraphs.start": "Offset of the paragraph's first character.",
    "article.paragraphs.end": "Offset after its last character.",
    "article.paragraphs.heading": "True for a crosshead (a heading inside the body).",
    "actors": "One entry per real-world actor named in the article (all its mentions "
              "joined).",
    "actors.id": "The actor's id in this document (`a1`, `a2`...); event sides point to it.",
    "actors.name": "Canonical name (the knowledge base's, else the longest mention).",
    "actors.kind": "`person`, `organization`, `country` or `group`.",
    "actors.country": "ISO 3166-1 alpha-3 code of the actor's country, `IGO` for an "
                      "intergovernmental body, null when unknown.",
    "actors.sector": "CAMEO sector (section 2, Sectors), null when unknown.",
    "actors.code": "CAMEO-style actor code: country + sector (`IRNGOV`).",
    "actors.title": "Role words the text gives the actor (\"foreign minister\").",
    "actors.mentions": "Every span naming the actor: names, pronouns, title phrases.",
    "actors.mentions.start": "Offset of the mention.",
    "actors.mentions.end": "Offset after the mention.",
    "actors.mentions.text": "The mention's words.",
    "events": "One entry per event the article reports, coded in PLOVER with CAMEO codes.",
    "events.id": "The event's id in this document (`e1`...); casualties point to it.",
    "events.type": "PLOVER event type (section 2).",
    "events.mode": "PLOVER mode: how it was done (`arrest`, `aerial`, `demo`...), or null.",
    "events.context": "Context labels: `military` (assaults, mobilisations, air strikes), "
                      "`diplomatic` (consultations, agreements, support).",
    "events.cameo": "CAMEO event code, two to four digits (section 2).",
    "events.goldstein": "Goldstein score of the CAMEO code, -10 to +10.",
    "events.quad_class": "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
                         "4 material conflict.",
    "events.source": "Who acted: the actors the sentence names for that side.",
    "events.target": "Whom it was done to: the actors the sentence names for that side.",
    "events.source.actor": "Id of a document actor (`actors.id`); null for a country or "
                           "role read from a modifier (\"French nationals\") or an unnamed "
                           "side kept as text.",
    "events.source.text": "The words naming the side.",
    "events.source.country": "ISO alpha-3 country of the side.",
    "events.source.sector": "CAMEO sector of the side.",
    "events.source.code": "Country + sector code of the side.",
    "events.source.inferred": "True when the coder filled in the side's country from "
                              "context (docs/output.md, \"Event sides and inferred\").",
    "events.target.actor": "As `events.source.actor`, for the target side.",
    "events.target.text": "The words naming the target side.",
    "events.target.country": "ISO alpha-3 country of the target side.",
    "events.target.sector": "CAMEO sector of the target side.",
    "events.target.code": "Country + sector code of the target side.",
    "events.target.inferred": "True when the target's country was filled in from context.",
    "events.date": "When it happened: `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or another value of "
                   "`dates.value`; null when the text does not say (the publication date "
                   "is not copied here).",
    "events.date_precision": "How precise `date` is (section 2, Date precision).",
    "events.date_from": "Where `date` came from: `clause` (a date in the event's own "
                        "clause), `mention` (another mention of the event), `lead` (the "
                        "story's lead), `published` (the publication day, for an event "
                        "told as today's); null when undated.",
    "events.location": "Where it happened (a place of its clause), or null.",
    "events.location.name": "The place's name.",
    "events.location.country": "ISO alpha-3 country of the place.",
    "events.location.lat": "Latitude (WGS84).",
    "events.location.lon": "Longitude (WGS84).",
    "events.location.geonameid": "GeoNames id, when the gazetteer has one.",
    "events.location.feature": "`city`, `admin`, `country` or `other`.",
    "events.negated": "True when the text says it did not happen (\"did not attack\").",
    "events.modality": "Whether it happened as told (section 2, Modality).",
    "events.confidence": "Calibrated probability (0.05 to 0.99) that the type is right.",
    "events.sentence": "The sentence it was coded from.",
    "events.sentence.start": "Offset of the sentence.",
    "events.sentence.end": "Offset after the sentence.",
    "events.sentence.text": "The sentence's text.",
    "events.trigger": "The word or phrase that names the event.",
    "events.trigger.start": "Offset of the trigger.",
    "events.trigger.end": "Offset after the trigger.",
    "events.trigger.text": "The trigger's words.",
    "events.quote": "Id of the quote (`quotes.id`) the event was said in, or null.",
    "events.by": "The named rules that made the event, in order (docs/output.md, \"Why an "
                 "event is there\"); provenance, not coding.",
    "events.mentions": "Every telling of the event in the article, in text order.",
    "events.mentions.id": "The id the telling had before the tellings were joined.",
    "events.mentions.sentence": "The telling's sentence.",
    "events.mentions.sentence.start": "Offset of the sentence.",
    "events.mentions.sentence.end": "Offset after the sentence.",
    "events.mentions.sentence.text": "The sentence's text.",
    "events.mentions.trigger": "The telling's trigger.",
    "events.mentions.trigger.start": "Offset of the trigger.",
    "events.mentions.trigger.end": "Offset after the trigger.",
    "events.mentions.trigger.text": "The trigger's words.",
    "events.mentions.by": "The rules that made this telling.",
    "events.mentions.modality": "This telling's modality.",
    "quotes": "Direct and reported speech.",
    "quotes.id": "The quote's id (`q1`...).",
    "quotes.text": "What was said.",
    "quotes.start": "Offset of the quote.",
    "quotes.end": "Offset after the quote.",
    "quotes.direct": "True inside quotation marks, false for reported speech.",
    "quotes.speaker": "Id of the speaking actor (`actors.id`), or null.",
    "quotes.speaker_name": "The speaker as named.",
    "quotes.cue": "The speech verb (\"said\", \"told\").",
    "places": "Every place named, geocoded with the offline gazetteer.",
    "places.name": "The place's name.",
    "places.country": "ISO alpha-3 country of the place.",
    "places.lat": "Latitude (WGS84).",
    "places.lon": "Longitude (WGS84).",
    "places.geonameid": "GeoNames id, when the gazetteer has one.",
    "places.feature": "`city`, `admin` (a province, state or region), `country` or `other`.",
    "places.feature_class": "The finer class: `country`, `region`, `county`, `city`, "
                            "`continent` or `other`.",
    "places.mentions": "Every span naming the place.",
    "places.mentions.start": "Offset of the mention.",
    "places.mentions.end": "Offset after the mention.",
    "places.mentions.text": "The mention's words.",
    "dates": "Every date expression, resolved against the publication date.",
    "dates.text": "The words (\"last Tuesday\").",
    "dates.start": "Offset of the expression.",
    "dates.end": "Offset after it.",
    "dates.value": "Resolved value, TimeML-like: `YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`, "
                   "`YYYY-Qn`, `YYYY` and the like; null when it cannot be resolved.",
    "dates.precision": "Section 2, Date precision.",
    "dates.range_start": "For a part of a range (\"between 1985 and 1987\"): the range's "
                         "first value.",
    "dates.range_end": "The range's last value.",
    "sources_cited": "Outlets named as the origin of a claim (\"Tasnim News Agency "
                     "reported\").",
    "sources_cited.name": "The outlet as named.",
    "sources_cited.start": "Offset of the name.",
    "sources_cited.end": "Offset after it.",
    "casualties": "People killed or injured, as the text counts them.",
    "casualties.killed": "Number killed; null when vague (\"dozens\").",
    "casualties.injured": "Number injured; null when vague.",
    "casualties.killed_or_injured": "A count that does not say which (\"casualties\").",
    "casualties.text": "The words of the count.",
    "casualties.start": "Offset of the words.",
    "casualties.end": "Offset after them.",
    "casualties.event": "Id of the event that caused them (`events.id`), or null.",
    "errors": "Every problem met with the document; reading goes on.",
    "errors.stage": "`read`, `nlp`, `code` or `store`.",
    "errors.message": "What went wrong, in words.",
    "errors.origin": "The document (file, `file#line`) it concerns.",
}

CAMEO_ROOTS: dict[str, str] = {
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate",
    "04": "Consult", "05": "Engage in diplomatic cooperation",
    "06": "Engage in material cooperation", "07": "Provide aid", "08": "Yield",
    "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject",
    "13": "Threaten", "14": "Protest", "15": "Exhibit force posture",
    "16": "Reduce relations", "17": "Coerce", "18": "Assault", "19": "Fight",
    "20": "Use unconventional mass violence",
}

SECTORS: dict[str, str] = {
    "GOV": "government: executive, ministers, officials",
    "MIL": "military, armed forces",
    "LEG": "legislature, parliament",
    "JUD": "judiciary, courts, prosecutors",
    "COP": "police, security forces",
    "REB": "rebels, insurgents, armed groups",
    "OPP": "political opposition",
    "PTY": "political party",
    "MED": "media, journalists",
    "CVL": "civilians, people at large",
    "BUS": "business",
    "EDU": "education: students, teachers, universities",
    "REL": "religious",
    "SPY": "intelligence services",
    "UAF": "unidentified armed forces, militias",
    "IGO": "intergovernmental organisation (UN, EU, AU...)",
    "NGO": "non-governmental organisation",
    "LAB": "labour, trade unions, workers",
    "AGR": "agriculture, farmers",
    "REF": "refugees, displaced people",
    "CRM": "criminals, gangs",
}

VALUES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "Modality": (("`events.modality`: whether the event happened as the text tells it. "
                 "Filter on it (`tidings query --modality`) to keep only what happened."), [
                     ("asserted", "the text says it happened"),
                     ("reported", "someone in the text says it happened (\"police said\")"),
                     ("future", "planned, promised or threatened, not yet done"),
                     ("hypothetical", "a condition, a possibility or a question"),
                     ("historical", ("long before the story (more than 60 days before "
                                    "publication): background, not news")),
                 ]),
    "Date precision": (("`events.date_precision`, `dates.precision`: how much of the date "
                        "the text gives, and the shape of `value`. A year-only date is "
                        "stored as `YYYY` with precision `year` (never silently as 1 "
                        "January). `PRESENT_REF`, `FUTURE_REF` and `PAST_REF` (\"now\", "
                        "\"the future\") have precision null."), [
                           ("day", "`2021-02-27`"), ("week", "`2021-W08`"),
                           ("month", "`2021-02`"), ("quarter", "`2021-Q3`"),
                           ("half", "`2021-H1`"),
                           ("season", "`2021-SU` (SP, SU, FA, WI)"), ("year", "`2021`"),
                           ("decade", "`199X`"),
                           ("published", ("events only: the text never dates the event and "
                                         "the publication day stands in")),
                       ]),
    "Place features": ("`places.feature`, `events.location.feature`, `location_feature`.", [
        ("city", "a populated place"), ("admin", "a province, state, region or district"),
        ("country", "a country (at the gazetteer's point for it)"),
        ("other", "anything else the gazetteer knows"),
    ]),
    "Actor kinds": ("`actors.kind`.", [
        ("person", "one human"), ("organization", "a body: ministry, army, party, company"),
        ("country", "a state named as such (\"Iran said\")"),
        ("group", "a collective of people (\"protesters\", \"residents\")"),
    ]),
    "Merging, roots and ids (store)": (
        "How the store turns mentions into events (docs/store.md).", [
            ("merge_key", ("`TYPE|pos-or-neg|source codes|target codes` (each side's codes "
                          "sorted and joined by `+`; a side without a code by country + "
                          "sector, else its words): mentions merge only when it is equal, "
                          "their dates agree (within a day, or the same month/year) and "
                          "their places do not differ")),
            ("event_id", "24 hex digits, stable for the same mentions"),
            ("is_root", ("true when a mention of the event is in its article's first body "
                        "paragraph: the story's main event (GDELT's IsRootEvent)")),
            ("num_mentions / num_articles / num_sources", ("mentions merged, distinct "
                                                          "articles, distinct outlets (an "
                                                          "article with no outlet counts "
                                                          "as its own)")),
            ("confidence", ("calibrated on our gold and the PLOVER records "
                           "(`tidings/ontology/data/confidence_calibration.tsv`)")),
        ]),
}

EVENTS_TABLE: dict[str, str] = {
    "event_id": "The merged event's id (24 hex digits).",
    "merge_key": "Section 2, \"Merging, roots and ids\".",
    "type": "PLOVER type.", "mode": "PLOVER mode.", "context": "Context labels (list).",
    "cameo": "CAMEO code.", "goldstein": "Goldstein score.", "quad_class": "Quad class 1-4.",
    "source_code": "Code of the source side's main actor.",
    "source_name": "Name of the source side's main actor.",
    "source_country": "ISO alpha-3 country of the source side.",
    "source_sector": "Sector of the source side.",
    "target_code": "Code of the target side's main actor.",
    "target_name": "Name of the target side's main actor.",
    "target_country": "ISO alpha-3 country of the target side.",
    "target_sector": "Sector of the target side.",
    "source_actors": "Every actor of the source side: actor, text, name, country, sector, "
                     "code, inferred.",
    "target_actors": "Every actor of the target side.",
    "date": "Event date as coded (the earliest dated mention's).",
    "date_precision": "Precision of `date`.",
    "day": "`date` as a day (DATE): the first day of a month or year when the date is that "
           "coarse, so read it with `date_precision`.",
    "location_name": "Where it happened.", "location_country": "ISO alpha-3 of the place.",
    "lat": "Latitude.", "lon": "Longitude.", "geonameid": "GeoNames id.",
    "location_feature": "city, admin, country or other.",
    "negated": "Said not to have happened.", "modality": "Section 2, Modality.",
    "confidence": "The highest confidence of its mentions.",
    "is_root": "A mention is in its article's lead.",
    "sentence": "The representative mention's sentence.",
    "num_mentions": "Mentions merged into the event.",
    "num_articles": "Distinct articles telling it.",
    "num_sources": "Distinct outlets telling it.",
    "first_published": "Publication time of the earliest article (ISO 8601 UTC).",
    "source_url": "URL of the earliest article with one.",
    "representative_mention": "The mention whose fields the event takes "
                               "(`article hash:event id`).",
}

GDELT_FILLED: dict[str, str] = {
    "GLOBALEVENTID": "The first 15 hex digits of `event_id` as an integer.",
    "SQLDATE": "Event day `YYYYMMDD`, else the first publication day; the sidecar says "
               "which and how precise (a year-only date is `YYYY0101` here, `year` there).",
    "MonthYear": "`YYYYMM` of SQLDATE.", "Year": "Year of SQLDATE.",
    "FractionDate": "Year + day of year / 365.",
    "Actor1Code": "`source_code`.", "Actor1Name": "`source_name`, upper case.",
    "Actor1CountryCode": "`source_country` (ISO alpha-3).",
    "Actor1Type1Code": "`source_sector`.",
    "Actor2Code": "`target_code`.", "Actor2Name": "`target_name`, upper case.",
    "Actor2CountryCode": "`target_country`.", "Actor2Type1Code": "`target_sector`.",
    "IsRootEvent": "`is_root` as 1/0.", "EventCode": "`cameo`.",
    "EventBaseCode": "First three digits of `cameo`.",
    "EventRootCode": "First two digits of `cameo`.", "QuadClass": "`quad_class`.",
    "GoldsteinScale": "`goldstein`.", "NumMentions": "`num_mentions`.",
    "NumSources": "`num_sources`.", "NumArticles": "`num_articles`.",
    "AvgTone": "Mean tone of the event's sentences (section 6): an approximation.",
    "DATEADDED": "First publication time `YYYYMMDDHHMMSS` (UTC).",
    "SOURCEURL": "The article's URL, else its origin (file path, `path#line`, URI).",
}
for _actor in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
    _where = ("the event's location, else the most specific place its sentence names "
              "(outside an actor's name)" if _actor == "ActionGeo" else
              "the action's place when the actor is of that country, else the actor's "
              "country (at the gazetteer's point for it)")
    GDELT_FILLED.update({
        f"{_actor}_Type": f"1 country, 2 US state, 3 US city, 4 world city, 5 world state "
                          f"(0: none) of {_where}.",
        f"{_actor}_FullName": "Place name, then the country's name.",
        f"{_actor}_CountryCode": "FIPS 10-4 country code (GDELT's).",
        f"{_actor}_ADM1Code": "FIPS country code + the GeoNames code of the place's "
                              "first-order division (GDELT's own for most countries; the "
                              "state for the US); the country code alone for a country.",
        f"{_actor}_Lat": "Latitude.", f"{_actor}_Long": "Longitude.",
        f"{_actor}_FeatureID": "GeoNames id, else the FIPS country code.",
    })

SIDECAR: dict[str, str] = {
    "GLOBALEVENTID": "As in the GDELT file: join on it.",
    "event_id": "The tidings event id (the store, `tidings query`).",
    "SQLDATE": "As in the GDELT file.",
    "date": "The coded date as text (`2024`, `2024-03`, `2024-03-12`); empty when undated.",
    "date_precision": "`day`, `week`, `month`, `year`...: how much of SQLDATE the text "
                      "gave (a week's SQLDATE is its Monday, a month's or year's its first "
                      "day); `published` when SQLDATE is the publication day.",
    "date_from": "`event` (the coded date), `publication` (the text does not date the "
                 "event) or `none`.",
    "action_geo_from": "`event` (its location), `sentence` (a place its sentence names) "
                       "or `none`.",
    "actor1_geo_from": "`action` (the action's place), `country` (the actor's country) "
                       "or `none`.",
    "actor2_geo_from": "As actor1_geo_from.",
    "source_url_from": "`url` or `origin` (the input's path or URI).",
}

ACLED_NOTES: dict[str, str] = {
    "event_date": "The event day (`YYYY-MM-DD`), else its first article's publication day.",
    "year": "Year of event_date.",
    "time_precision": "1 the day is known; 2 within a week (an undated event, dated by its "
                      "article); 3 only the month or year.",
    "event_type": "ACLED event type (table below).",
    "sub_event_type": "ACLED sub-event type.",
    "actor1": "The source side's main actor.",
    "assoc_actor_1": "The source side's other actors, `; `-separated.",
    "inter1": "ACLED actor type of actor1: 1 state forces, 2 rebel groups, 3 political "
              "militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces "
              "(state forces of another country, IGOs, NGOs); empty when unknown.",
    "actor2": "The target side's main actor.",
    "assoc_actor_2": "The target side's other actors.",
    "inter2": "ACLED actor type of actor2.",
    "interaction": "The two inter codes, smaller first (`17`: state forces and civilians; "
                   "`60`: protesters alone).",
    "country": "Country name of the event's place, else of both sides when they agree.",
    "admin1": "The first-order division (province, state) the place is in, as the "
              "gazetteer names it; the place itself when it is one.",
    "location": "The place: the event's location, else a place its sentence names.",
    "latitude": "Latitude.", "longitude": "Longitude.",
    "geo_precision": "1 a town, 2 part of a region, 3 a province or a country.",
    "source": "The outlets, `; `-separated (else the URL's host or the origin).",
    "notes": "The sentence the event was coded from.",
    "fatalities": "Deaths the articles tie to this event (the highest count one article "
                  "gives), 0 when none is told.",
    "event_id": "Ours: the tidings event id.",
    "plover_type": "Ours: the PLOVER type.",
}
