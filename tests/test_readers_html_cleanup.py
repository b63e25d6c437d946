"""HTML reader cleanup (issue 16): related-story, "Also on <site>" and "read more" boxes
removed, HTML entities decoded in every metadata field, a lead paragraph set apart in
its own box kept. The pages are our own writing."""
from __future__ import annotations

import json

import pytest

from tidings.readers.html import read_html, unescaped

BODY = [
    ("Dock workers walked off the job at the southern port on Monday, halting the loading "
     "of grain ships for the third time this month over unpaid overtime."),
    ("The port authority said talks with the union would resume on Wednesday, and that "
     "perishable cargo would be moved to a second terminal in the meantime."),
    ("Also on Tuesday, police said two men were detained after a scuffle at the gate; "
     "both were released without charge later in the evening."),
]
LEAD = ("Thousands of dock workers have stopped work at the country's busiest port, "
        "leaving grain ships stranded as a row over unpaid overtime deepens.")


def page(head: str = "", before: str = "", inside: str = "", body=BODY) -> bytes:
    paragraphs = []
    for i, text in enumerate(body):
        paragraphs.append(f"<p>{text}</p>")
        if i == 0:
            paragraphs.append(inside)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Dock strike halts grain exports | Harbour Daily</title>
{head}
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Dock strike halts grain exports</h1>
{before}
{"".join(paragraphs)}
</article>
<footer>Contact us. Privacy policy.</footer>
</body></html>""".encode()


@pytest.mark.parametrize("box", [
    "<p>Also on harbourdaily.com Grain prices climb as second port shuts its gates</p>",
    "<p>Also on Harbour Daily: Grain prices climb as second port shuts</p>",
    "<p>Related: Grain prices climb as second port shuts its gates</p>",
    "<p>[Related post: Why the grain corridor matters]</p>",
    "<p>READ MORE: Union leaders threaten a national strike</p>",
    "<p>Read more...</p>",
    "<p>Also read: Union leaders threaten a national strike</p>",
])
def test_teaser_boxes_are_removed(box):
    result = read_html(page(inside=box), "port.html", None)
    text = result.article.text
    assert text == "\n\n".join(BODY), text
    assert "Also on Tuesday, police said" in text  # reporting that starts alike stays


def test_entities_are_decoded_in_every_metadata_field():
    ld = {"@type": "NewsArticle", "headline": "Port fees rise to &#163;40 &#8211; union",
          "alternativeHeadline": "Workers&#8217; pay talks stall at the docks again",
          "articleSection": "Business &amp; Economy",
          "publisher": {"name": "Harbour &amp;amp; Coast Daily"}}
    head = (f'<script type="application/ld+json">{json.dumps(ld)}</script>'
            '<meta property="og:site_name" content="Harbour &amp;amp; Coast Daily">')
    art = read_html(page(head=head), "port.html", None).article
    assert art.title == "Port fees rise to £40 – union"
    assert art.subtitles == ["Workers’ pay talks stall at the docks again"]
    assert art.section == "Business & Economy"
    assert art.source == "Harbour & Coast Daily"


def test_unescaped_leaves_plain_text_alone():
    assert unescaped("AT&T and R&D, 5 & 6") == "AT&T and R&D, 5 & 6"
    assert unescaped("&amp;#8220;Yes&amp;#8221;") == "“Yes”"


def test_a_lead_paragraph_in_its_own_box_is_kept():
    before = f'<div class="article__summary summary">{LEAD}</div>'
    art = read_html(page(before=before), "port.html", None).article
    assert art.paragraph_texts()[0] == LEAD
    assert art.paragraph_texts()[1:] == BODY


def test_a_lead_box_already_in_the_body_is_not_repeated():
    before = f'<div class="story-lead"><p>{BODY[0]}</p></div>'
    body = BODY[1:]
    art = read_html(page(before=before, body=body), "port.html", None).article
    assert art.paragraph_texts().count(BODY[0]) == 1


def test_a_summary_box_after_the_story_is_not_its_lead():
    """A summary further down the page (a teaser of another story) is not put first."""
    other = ("Grain prices climbed for a fourth day on Thursday as traders weighed the "
             "risk of a longer stoppage at the country's two largest ports.")
    art = read_html(page().replace(b"</article>", f'</article><aside><div class="summary">'
                                   f"{other}</div></aside>".encode()),
                    "port.html", None).article
    assert art.paragraph_texts()[0] == BODY[0]


@pytest.mark.parametrize("label", ["Also on harbourdaily.com", "Read more", "SEE ALSO:",
                                   "More on this story"])
def test_a_teaser_label_and_its_headline_are_removed(label):
    box = (f"<div class='teaser'><p>{label}</p>"
           "<p>Grain prices climb as second port shuts its gates</p></div>")
    text = read_html(page(inside=box), "port.html", None).article.text
    assert text == "\n\n".join(BODY), text


def test_a_sentence_after_a_teaser_label_stays():
    box = "<p>Read more</p>"
    body = [BODY[0], "The strike began after talks broke down late on Sunday night.",
            *BODY[1:]]
    art = read_html(page(inside=box, body=body), "port.html", None).article
    assert "The strike began after talks broke down late on Sunday night." in art.text
