"""The body of a news page made clean: what trafilatura keeps that is not the story is
dropped (a repeated headline, bylines, "Read more" and related-story teasers, "Also on
<site>" boxes, date lines, the tag and comment rails that end a story), and a lead
paragraph it left out is put back. Used by readers.html on trafilatura's paragraphs.
"""
from __future__ import annotations

import re
from typing import Any

from lxml.html import HtmlElement

_WS = re.compile(r"\s+")


def clean(text: str) -> str:
    """`text` with runs of white space as one space, stripped."""
    return _WS.sub(" ", text).strip()


# Paragraphs that are page furniture, not reporting. Anchored and short on purpose:
# a real sentence that merely mentions "subscribe" must survive.
_JUNK = re.compile(
    r"^(?:(?:read|see|watch|listen)(?: also| more)?\s*[:|>»]|related(?: (?:articles?|stories|"
    r"coverage|content))?\s*:?$|advertisement$|sponsored(?: content)?$|"
    r"(?:sign up|subscribe)(?: now| today)? (?:for|to) (?:our|the) .{0,60}newsletters?\b|"
    r"(?:share|follow us) on (?:facebook|twitter|x)\b.{0,40}$|"
    r"(?:click|tap) here (?:to|for) .{0,60}$|image:|photo:|credit:|"
    r"this (?:article|story) (?:has been|was) (?:updated|corrected)\s*\.?$|"
    # teaser boxes inside the story: "Read more...", "Also read: ...", "More on this story"
    r"(?:read|see|view) (?:more|full story)\s*(?:\.\.\.|…|»|>>|here)?\s*\.?$|"
    r"(?:also read|read also|more on this(?: story)?|more from [\w .]{2,30})\s*[:|>»]|"
    r"more on this story\s*$)", re.IGNORECASE)
# A related-story box the extractor kept: "Related: <headline>", "[Related post: ...]",
# "Also on rt.com <headline>" (a site's name as a domain, or followed by a colon - "Also
# on Tuesday, ..." is reporting). Only short blocks: a teaser is a headline, not a story.
_TEASER = re.compile(
    r"^\[?(?:related(?: (?:articles?|stor(?:y|ies)|posts?|videos?|coverage|content|"
    r"reading|news|links?))?\s*:\s*\S|also on (?:[\w-]+\.)+[a-z]{2,}\b|"
    r"also on [\w .-]{2,30}:\s*\S)", re.IGNORECASE)
_TEASER_CHARS = 250
# The label of a teaser box standing alone ("Also on rt.com", "Read more", "See also"):
# the headline after it is the teaser's, when it reads like one (short, no full stop).
_TEASER_LABEL = re.compile(
    r"^(?:also on (?:[\w-]+\.)+[a-z]{2,}|(?:read|see) (?:more|also)|also read|read next|"
    r"more on this(?: story)?)\s*[:|>»]?$", re.IGNORECASE)
_HEADLINE_CHARS = 150
# A byline at the top of the story ("By Mara Velasquez").
_BYLINE = re.compile(r"^(?:[Bb]y|[Ww]ritten by|[Rr]eporting by|[Ww]ords by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
                     r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})*\s*$")
# A lead paragraph set apart in its own box ("article__summary", "story-lead", "intro")
# that trafilatura leaves out as page furniture; a class word of the element names it.
_LEAD_CLASS = re.compile(r"^(?:lead|lede|intro|summary|leadin|lead-?text|lead-?paragraph)$",
                         re.IGNORECASE)
_LEAD_WORD = re.compile(r"lead|lede|intro|summary", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?$")


def with_lead(tree: HtmlElement, blocks: list[tuple[str, bool]],
               meta: dict[str, Any]) -> list[tuple[str, bool]]:
    """`blocks` with the page's lead paragraph first when trafilatura left it out: the
    first element whose class names a lead or summary, holding one or more whole
    sentences (15 words or more) found nowhere in the body, and standing before the
    body's first paragraph on the page."""
    if not blocks:
        return blocks
    for el in tree.xpath("//body//*[@class]"):
        classes = el.get("class", "")
        if not _LEAD_WORD.search(classes):  # cheap test first: most pages have no lead box
            continue
        words = re.split(r"[\s_]+|--", classes)
        if not any(_LEAD_CLASS.match(w) for w in words) or el.tag in ("script", "style"):
            continue
        text = clean(el.text_content())
        if len(text.split()) < 15 or len(text) > 800 or not _SENTENCE_END.search(text):
            continue
        body_key = key(" ".join(text for text, _ in blocks))
        known = {key(meta.get("title") or "")} | {key(d) for d in meta.get("subtitles", [])}
        if key(text) in body_key or key(text) in known:
            return blocks
        page = clean(" ".join(tree.xpath("//body//text()[not(ancestor::script)]"
                                          "[not(ancestor::style)]")))
        first = page.find(blocks[0][0][:60])
        at = page.find(text[:60])
        if 0 <= at and (first < 0 or at < first):
            return [(text, False), *blocks]
        return blocks
    return blocks


# A block that is only one of these ends the story: what follows is a teaser rail,
# tag cloud or comment box, never more of the article.
_END_MARKER = re.compile(
    r"^(?:tags?|topics|top stories|partner news|related(?: (?:articles?|stories|news|"
    r"coverage|content|posts?))?|more (?:from|on|stories|news)\b.{0,40}|most (?:read|popular)|"
    r"recommended(?: for you)?|you (?:may|might) also like|trending(?: now)?|"
    r"join (?:our|the) (?:commenting forum|conversation)|comments?|leave a (?:comment|reply)|"
    r"share this(?: article| story)?|latest (?:news|stories))\s*:?$", re.IGNORECASE)
_DATE_ONLY = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?(?:\d{1,2}\s+\w+\s+\d{4}|"
    r"\w+\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:\s*(?:[-|,•·]|at|às|um)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?\s*$",
    re.IGNORECASE)


def clean_blocks(blocks: list[tuple[str, bool]], title: str,
                  subtitles: list[str]) -> list[tuple[str, bool]]:
    """Drop the repeated headline/deck, bylines and page-furniture lines."""
    skip = {key(title)} | {key(s) for s in subtitles}
    out: list[tuple[str, bool]] = []
    teaser = False  # the block before was a teaser box's label
    for text, heading in blocks:
        if not text:
            continue
        after_label, teaser = teaser, bool(_TEASER_LABEL.match(text))
        if teaser or (after_label and len(text) <= _HEADLINE_CHARS
                      and not _SENTENCE_END.search(text)):
            continue
        if (not out and key(text) in skip) or _JUNK.match(text):
            continue
        if len(text) <= _TEASER_CHARS and _TEASER.match(text):
            continue
        if len(out) < 3 and _BYLINE.match(text):
            continue
        if len(out) >= 2 and len(text) < 60 and _END_MARKER.match(text):
            break
        if len(text) < 60 and _DATE_ONLY.match(text):
            continue
        out.append((text, heading))
    while out and out[-1][1]:  # a trailing heading introduces nothing
        out.pop()
    return out


def key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()
