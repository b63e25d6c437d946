"""HTML reader: body, metadata, time zones, charsets, empty pages, benchmark floor."""
from __future__ import annotations

import json

import pytest

from tidings.readers.html import decode_html, read_html, to_utc_iso

BODY = [
    ("Fishermen in the northern bay staged a second day of protests on Wednesday, "
     "blocking the harbour entrance with more than sixty boats to demand compensation "
     "for a fuel price increase announced last month."),
    ("The regional fisheries minister said the government would meet union leaders on "
     "Friday, but warned that the blockade could not continue while ferries carrying "
     "food and medicine were stuck at sea."),
    ("Police said two people were detained after a scuffle near the customs office. "
     "No injuries were reported, and the harbour master said traffic would resume once "
     "the talks had begun."),
]


def news_page(extra_head: str = "", charset: str = "utf-8", body=BODY) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>Fishermen block harbour over fuel prices | The Coastal Herald</title>
<link rel="canonical" href="https://herald.example.com/news/2022/fishermen-block-harbour">
<meta property="og:site_name" content="The Coastal Herald">
<meta property="article:section" content="Regional">
{extra_head}
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Fishermen block harbour over fuel prices</h1>
<p class="standfirst">Union says boats will stay until the ministry agrees to talks</p>
<p>By Mara Velasquez</p>
{paragraphs}
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Council approves new bus lanes</a></li>
<li><a href="/b">Storm warning for the weekend</a></li></ul></aside>
<footer>Contact us. Privacy policy. Terms of use.</footer>
</body></html>"""


def test_body_paragraphs_and_offsets():
    result = read_html(news_page().encode(), "page.html", None)
    art = result.article
    assert result.errors == []
    assert art.text == "\n\n".join(BODY)
    assert art.paragraph_texts() == BODY
    assert "Most read" not in art.text and "Privacy policy" not in art.text
    assert "Mara Velasquez" not in art.text  # the byline is not reporting


def test_metadata_from_meta_tags():
    head = '<meta property="article:published_time" content="2022-03-09T14:05:00+05:30">'
    art = read_html(news_page(head).encode(), "page.html", None).article
    assert art.title == "Fishermen block harbour over fuel prices"
    assert art.subtitles == ["Union says boats will stay until the ministry agrees to talks"]
    assert art.section == "Regional"
    assert art.source == "The Coastal Herald"
    assert art.url == "https://herald.example.com/news/2022/fishermen-block-harbour"
    assert art.published == "2022-03-09T08:35:00Z"
    assert art.origin == "page.html"
    assert art.language == "en"


def test_jsonld_outranks_meta_and_id_is_stable():
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "ignored"},
        {"@type": "NewsArticle", "headline": "Harbour blockade enters second day",
         "datePublished": "2022-03-09T09:00:00-05:00",
         "publisher": {"@type": "Organization", "name": "Herald Media"}}]}
    head = (f'<script type="application/ld+json">{json.dumps(ld)}</script>'
            '<meta property="article:published_time" content="2022-01-01T00:00:00Z">')
    first = read_html(news_page(head).encode(), "a.html", None).article
    second = read_html(news_page(head).encode(), "b.html", None).article
    assert first.title == "Harbour blockade enters second day"
    assert first.published == "2022-03-09T14:00:00Z"
    assert first.source == "The Coastal Herald"  # og:site_name is the outlet's own name
    assert first.id == second.id and len(first.id) == 16


def test_time_element_and_fallback_published():
    head_less = news_page().replace("<article>", '<article><time datetime="2021-11-30T22:15:00Z">'
                                    "30 Nov</time>")
    art = read_html(head_less.encode(), "p.html", "2020-01-01").article
    assert art.published == "2021-11-30T22:15:00Z"
    plain = read_html(news_page().encode(), "p.html", "2020-01-01").article
    assert plain.published == "2020-01-01T00:00:00Z"  # the caller's default, normalised


def test_charset_from_meta_and_fallback():
    text = news_page(charset="windows-1252", body=[
        BODY[0], ("The café owner on the quay, José Núñez, said trade had fallen by half "
                  "since the protest began – “we cannot wait for weeks,” he said."), BODY[2]])
    art = read_html(text.encode("cp1252"), "w.html", None).article
    assert "José Núñez" in art.text and "“we cannot wait" in art.text
    # No declaration at all, not UTF-8: detection must still not give mojibake for é.
    undeclared = text.replace('<meta charset="windows-1252">', "").encode("cp1252")
    decoded, _ = decode_html(undeclared)
    assert "café" in decoded
    # A header charset outranks a wrong meta tag.
    wrong_meta = text.replace("windows-1252", "utf-8").encode("cp1252")
    art = read_html(wrong_meta, "h.html", None, charset="cp1252").article
    assert "José Núñez" in art.text


@pytest.mark.parametrize("value, expected", [
    ("2023-07-01T23:30:00-04:00", "2023-07-02T03:30:00Z"),
    ("2023-07-01T10:00:00.000Z", "2023-07-01T10:00:00Z"),
    ("2023-07-01", "2023-07-01T00:00:00Z"),
    ("Sat, 01 Jul 2023 10:00:00 +0200", "2023-07-01T08:00:00Z"),
    ("not a date", None),
])
def test_to_utc_iso(value, expected):
    assert to_utc_iso(value) == expected


@pytest.mark.parametrize("page", [
    b"",
    b"<html><head><title>Login</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
    b"<html><body><div>   </div></body></html>",
])
def test_empty_pages_give_read_error(page):
    result = read_html(page, "empty.html", None)
    assert result.article is None
    assert [(e.stage, e.message, e.origin) for e in result.errors] == [
        ("read", "no article text found in HTML", "empty.html")]


def test_scrapinghub_floor():
    from tidings.evaluate import html_extraction

    pages = html_extraction.load_scrapinghub()
    if pages is None:
        pytest.skip("ScrapingHub benchmark data absent")
    result = html_extraction.score(pages, html_extraction.tidings_extract)
    assert result.f1 >= 0.965, result


def test_metric_matches_hand_count():
    from tidings.evaluate.html_extraction import aggregate, match

    gold = "one two three four five"          # shingles: 1234, 2345
    assert match(gold, gold) == (1.0, 0.0, 0.0)
    tp, fp, fn = match(gold, "one two three four six")  # shares 1234 only
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    p, r, f = aggregate([match(gold, gold), (tp, fp, fn)])
    assert (p, r) == pytest.approx((0.75, 0.75)) and f == pytest.approx(0.75)
