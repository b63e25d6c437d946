"""The scraped-text-dump reader and publication-time parsing.

All dump texts here are our own writing; only the seed test reads the shared sample.
"""
from __future__ import annotations

import hashlib

import pytest

from tidings.paths import shared_file
from tidings.readers.textdump import read_text_dump, read_text_dump_with_notes
from tidings.readers.timestamps import normalize_published

SEED_BODY_START = "Iran’s foreign minister condemned the United States’ “dangerous” decision"
SEED_LAST = ("The Iraqi Interior Ministry also rejected the US claims, saying the cooperation "
             "with the coalition is only focused on boosting the capabilities of Iraqi security "
             "forces in policing works.")

QUOTA_DUMP = """Story ID: 9001
Date: March 3, 2022 14:05 +0330
Source: Caspian Wire

Fishermen protest new quota rules in Bandar Anzali

Hundreds of fishermen gathered outside the port authority in Bandar Anzali on Wednesday, \
demanding that the government suspend new catch quotas.

“We cannot feed our families on half a season,” one boat owner told reporters.

Officials promised to review the rules within a month.

Share this article
Facebook | Twitter | WhatsApp
© 2022 Caspian Wire. All rights reserved.
"""

RATES_DUMP = """Economy Desk

Central bank holds rates steady as inflation cools
Central bank holds rates steady as inflation cools

Governor signals cuts possible later in the year

The central bank left its benchmark rate unchanged on Tuesday, citing slowing price growth \
and a stable currency.


Outlook


Analysts expect the first cut in the autumn if inflation keeps falling.

“We are not there yet”

The governor told a news conference that any cut would depend on wage data.

We use cookies to improve your experience. By continuing you accept our cookie policy.
Page Generated in 0.0412 sec
"""

WRAPPED_DUMP = """Published: 2023-11-08 09:15

Flooding cuts road links to northern villages

By Amina Yusuf

Heavy rain overnight washed away two bridges on the main road north of the provincial
capital, leaving at least a dozen villages cut off, the regional governor's office said
on Wednesday.

Rescue teams used boats to reach families stranded on rooftops.
"""


def _paragraph_texts(article) -> list[str]:
    return [article.text[p.start:p.end] for p in article.paragraphs]


def test_seed_article_reads_exactly():
    path = shared_file("samples", "seed-article.txt")
    if path is None:
        pytest.skip("shared seed article not available")
    article = read_text_dump(path.read_text(encoding="utf-8"), "seed-article.txt")
    assert article.id == "281145"
    assert article.published == "2021-02-27T03:30:00Z"
    assert article.title == "Zarif: US attack on Iraqi forces ‘dangerous’"
    assert article.subtitles == ["Shamkhani: US raid new round of ‘organized terrorism’",
                                 "Iraqi resistance groups call for probe into airstrikes"]
    assert article.section == "International Desk"
    assert article.origin == "seed-article.txt"
    assert article.language == "en"
    assert article.text.startswith(SEED_BODY_START)
    assert article.text.endswith(SEED_LAST)
    headings = [article.text[p.start:p.end] for p in article.paragraphs if p.heading]
    assert headings == ["Reviving ‘organized terrorism’", "Calls for probe",
                        "Iraq rejects US claims on intel cooperation"]
    texts = _paragraph_texts(article)
    assert "\n\n".join(texts) == article.text
    assert all(t == t.strip() for t in texts)
    for junk in ("Security Key", "Captcha", "Page Generated", "International Desk"):
        assert junk not in article.text
    assert article.title not in article.text
    # Quote-only paragraphs are body, never crossheads.
    assert not any(p.heading for p, t in zip(article.paragraphs, texts, strict=True)
                   if t.startswith(("“", '"')))


def test_header_variants_zone_and_trailing_junk():
    article, notes = read_text_dump_with_notes(QUOTA_DUMP, "quota.txt")
    assert notes == []
    assert article.id == "9001"
    assert article.published == "2022-03-03T10:35:00Z"  # 14:05 at +03:30
    assert article.source == "Caspian Wire"
    assert article.title == "Fishermen protest new quota rules in Bandar Anzali"
    assert article.subtitles == []
    assert article.section is None
    assert _paragraph_texts(article) == [
        ("Hundreds of fishermen gathered outside the port authority in Bandar Anzali on "
         "Wednesday, demanding that the government suspend new catch quotas."),
        "“We cannot feed our families on half a season,” one boat owner told reporters.",
        "Officials promised to review the rules within a month.",
    ]
    assert not any(p.heading for p in article.paragraphs)


def test_no_id_gives_content_hash_and_published_fallback():
    article = read_text_dump(RATES_DUMP, "rates.txt", published="2022-05-10T00:00:00Z")
    assert article.id == hashlib.sha1(article.text.encode("utf-8")).hexdigest()[:16]
    assert article.id == read_text_dump(RATES_DUMP, "again.txt").id  # stable
    assert article.published == "2022-05-10T00:00:00Z"
    assert article.section == "Economy Desk"
    assert article.title == "Central bank holds rates steady as inflation cools"
    assert article.subtitles == ["Governor signals cuts possible later in the year"]
    flagged = [(t, p.heading) for p, t in zip(article.paragraphs, _paragraph_texts(article),
                                                strict=True)]
    assert ("Outlook", True) in flagged
    assert ("“We are not there yet”", False) in flagged
    assert "cookies" not in article.text and "Page Generated" not in article.text
    assert article.text.endswith("any cut would depend on wage data.")


def test_hard_wrapped_body_byline_and_no_deck():
    article = read_text_dump(WRAPPED_DUMP, "floods.txt")
    assert article.published == "2023-11-08T09:15:00Z"
    assert article.title == "Flooding cuts road links to northern villages"
    assert article.subtitles == []
    texts = _paragraph_texts(article)
    assert len(texts) == 2
    assert texts[0].startswith("Heavy rain overnight washed away two bridges on the main road "
                               "north of the provincial capital, leaving")
    assert "\n" not in texts[0]
    assert "Amina Yusuf" not in article.text


def test_stated_time_beats_fallback_and_bad_time_is_noted():
    dump = "Published: week 9 of 2021\n\nPower restored\n\nThe grid operator said all " \
           "districts had electricity again by noon.\n"
    article, notes = read_text_dump_with_notes(dump, "grid.txt", "2024-01-02T00:00:00Z")
    assert article.published == "2024-01-02T00:00:00Z"
    assert len(notes) == 1 and "week 9 of 2021" in notes[0].message
    assert notes[0].origin == "grid.txt"
    stated = read_text_dump(QUOTA_DUMP, "quota.txt", published="2000-01-01T00:00:00Z")
    assert stated.published == "2022-03-03T10:35:00Z"


def test_body_without_title():
    body = ("The ministry said on Monday that a delegation would travel to Geneva for a new "
            "round of talks on prisoner exchanges, the first such meeting in more than a year.")
    article = read_text_dump(body + "\n\nNo date was given.\n", "untitled.txt")
    assert article.title == ""
    assert _paragraph_texts(article) == [body, "No date was given."]


def test_dump_without_body_raises_value_error():
    with pytest.raises(ValueError, match="no body"):
        read_text_dump("News ID: 5\n\nSecurity Key:\nCaptcha refresh\n", "junk.txt")


@pytest.mark.parametrize(("stated", "expected"), [
    ("0330 GMT February 27, 2021", "2021-02-27T03:30:00Z"),
    ("February 27, 2021 03:30 GMT", "2021-02-27T03:30:00Z"),
    ("2021-02-27 03:30", "2021-02-27T03:30:00Z"),
    ("2021-02-27", "2021-02-27T00:00:00Z"),
    ("2021-02-27T03:30Z", "2021-02-27T03:30:00Z"),
    ("2021-02-27T07:00:00+03:30", "2021-02-27T03:30:00Z"),
    ("27 Feb 2021, 7:00 am IRST", "2021-02-27T03:30:00Z"),
    ("Sat, 27 Feb 2021 03:30:00 +0000", "2021-02-27T03:30:00Z"),
    ("Friday, February 26, 2021 - 10:30 PM EST", "2021-02-27T03:30:00Z"),
    ("Feb. 27, 2021 0700 hrs IRST", "2021-02-27T03:30:00Z"),
    ("27/02/2021", "2021-02-27T00:00:00Z"),
    ("05/06/2021", None),          # day/month order unknowable
    ("2021-02-30", None),          # no such day
    ("next Tuesday", None),
    ("", None),
])
def test_normalize_published(stated, expected):
    assert normalize_published(stated) == expected


def test_sentence_deck_before_desk_crlf_and_late_header():
    dump = ("Ministers agree on grain corridor\r\n\r\n"
            "The deal covers three ports and runs for a year.\r\n\r\n"
            "World Desk\r\n\r\n"
            "Published: 2022-07-22 16:40 UTC\r\n\r\n"
            "Ministers from both countries signed the accord in Istanbul on Friday after weeks "
            "of talks.\r\n\r\nShipping firms welcomed the news.\r\n")
    article = read_text_dump(dump, "grain.txt")
    assert article.subtitles == ["The deal covers three ports and runs for a year."]
    assert article.section == "World Desk"
    assert article.published == "2022-07-22T16:40:00Z"
    assert "\r" not in article.text
    assert _paragraph_texts(article) == [
        ("Ministers from both countries signed the accord in Istanbul on Friday after weeks "
         "of talks."), "Shipping firms welcomed the news."]


def test_headline_that_looks_like_a_header_line():
    dump = ("Time: the enemy of every negotiator\n\nDiplomats say the clock is running out for "
            "a deal on the reactor, with inspectors due to leave next week.\n")
    article = read_text_dump(dump, "clock.txt")
    assert article.title == "Time: the enemy of every negotiator"
    assert article.published is None
