"""A folder of what real crawls contain, good and hostile, built on demand.

    python tests/hostile_corpus.py /tmp/hostile          # full size (a 4 GB gzip bomb,
                                                         # a 40 MB page; ~1 minute)
    tidings ingest /tmp/hostile --db /tmp/h.duckdb --workers 2

tests/test_hostile_input.py builds it small (`scale` < 1) with the limits lowered to
match, so the same bounds are crossed in seconds. `GOOD` and `BAD` name what each file
must become: stored articles, or rows in `errors`.
"""
from __future__ import annotations

import gzip
import io
import json
import random
import sys
from pathlib import Path

GOOD_STORIES = {
    "good-harbour.txt": (
        "Title: Dock workers end strike in Valmora\nPublished: 2024-05-02\n\n"
        "Dock workers in Valmora voted on Tuesday to end a nine-day strike after the "
        "port operator agreed to raise wages by six percent, union officials said.\n\n"
        "The walkout had left more than forty container ships waiting offshore, "
        "according to the harbour authority.\n"),
    "good-border.txt": (
        "Title: Troops clash near the northern border\nPublished: 2024-05-03\n\n"
        "Soldiers exchanged fire with gunmen near the northern border on Wednesday, "
        "killing four of them, the defence ministry said in a statement.\n\n"
        "The ministry accused a rebel group of attacking an army outpost overnight.\n"),
    "good-talks.txt": (
        "Title: Ministers meet in Geneva\nPublished: 2024-05-04\n\n"
        "The foreign ministers of Norway and Chile met in Geneva on Thursday and "
        "agreed to resume trade talks next month, officials said.\n"),
}
PAGE = """<!DOCTYPE html><html lang="en"><head><title>{title}</title>
<meta property="article:published_time" content="2024-05-05T09:15:00Z"></head>
<body><article><h1>{title}</h1>
<p>Police in Ostberg arrested twelve protesters on Friday after a march against fuel
prices turned violent, the city's police chief told reporters.</p>
<p>Several shop windows were smashed and two officers were slightly hurt, he said.</p>
</article></body></html>"""

# file -> what it must become. A WARC or JSON Lines file may hold good and bad records.
GOOD = ["good-harbour.txt", "good-border.txt", "good-talks.txt", "image-first.warc",
        "records.jsonl", "bad-utf8.txt", "arabic-cp1256.txt", "one-line.txt"]
BAD = ["bomb.txt.gz", "huge.html", "truncated.txt.gz", "random.bin", "entity-bomb.xml",
       "records.jsonl", "truncated.warc"]


def build(folder: str | Path, scale: float = 1.0) -> dict[str, int]:
    """Write the corpus into `folder`; the sizes used back. At scale 1: a gzip bomb of
    4 GB of zeros, a 40 MB HTML page, a 2 MB single-line text."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sizes = {"bomb": int(4_000_000_000 * scale), "html": int(40_000_000 * scale),
             "line": int(2_000_000 * scale)}
    for name, text in GOOD_STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    _gzip_bomb(folder / "bomb.txt.gz", sizes["bomb"])
    _huge_page(folder / "huge.html", sizes["html"])
    words = "the council said that the river rose again and the roads were closed "
    (folder / "one-line.txt").write_text((words * (sizes["line"] // len(words) + 1))
                                         [:sizes["line"]], encoding="utf-8")
    story = GOOD_STORIES["good-harbour.txt"].encode()
    (folder / "truncated.txt.gz").write_bytes(gzip.compress(story * 50)[:300])
    rng = random.Random(7)
    (folder / "random.bin").write_bytes(bytes(rng.randrange(256) for _ in range(50_000)))
    (folder / "bad-utf8.txt").write_bytes(
        GOOD_STORIES["good-border.txt"].replace("Wednesday", "Wednesday \xe9t\xe9")
        .encode("latin-1") + b"\xff\xfe broken \xc3\x28 bytes\n")
    (folder / "arabic-cp1256.txt").write_bytes(
        ("أعلنت وزارة الداخلية يوم الثلاثاء أن الشرطة اعتقلت عشرة أشخاص بعد اشتباكات "
         "في وسط المدينة، وقالت إن التحقيقات ما زالت جارية.\n\n" * 3).encode("cp1256"))
    (folder / "entity-bomb.xml").write_text(_ENTITY_BOMB, encoding="utf-8")
    good = {"id": "jsonl-1", "title": "Council votes", "published": "2024-05-06",
            "text": "The city council voted on Monday to close the old bridge\u2028"
                    "after engineers found cracks in its supports, the mayor said."}
    (folder / "records.jsonl").write_text(
        json.dumps(good, ensure_ascii=False) + "\n{\"id\": \"broken\", \"text\": \n",
        encoding="utf-8")
    (folder / "image-first.warc").write_bytes(_warc(rng))
    (folder / "truncated.warc").write_bytes(_warc(rng, image=False)[:900])
    return sizes


def _gzip_bomb(path: Path, size: int) -> None:
    """`size` bytes of zeros, gzipped as a stream (never held whole)."""
    block = bytes(1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as fh:
        for _ in range(size >> 20):
            fh.write(block)
        fh.write(bytes(size & ((1 << 20) - 1)))


def _huge_page(path: Path, size: int) -> None:
    head = PAGE.format(title="An enormous page").split("</article>")[0]
    row = "<p>Filler paragraph about the weather, the markets and the ferry timetable.</p>\n"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(head)
        fh.writelines(row for _ in range(max(size - len(head), 0) // len(row)))
        fh.write("</article></body></html>")


_ENTITY_BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "lollollollollollollollollollol">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
<rss version="2.0"><channel><title>&h;</title>
<item><title>&h;</title><description>&h;</description></item>
</channel></rss>
"""


def _warc(rng: random.Random, image: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    records = []
    if image:
        records.append(("https://news.example.org/photo.jpg", "image/jpeg",
                        b"\xff\xd8\xff\xe0" + bytes(rng.randrange(256) for _ in range(8000))))
    records.append(("https://news.example.org/ostberg-protest", "text/html; charset=utf-8",
                    PAGE.format(title="Protesters arrested in Ostberg").encode()))
    for uri, content_type, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), length=len(body),
            http_headers=headers))
    return buf.getvalue()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/hostile_corpus.py FOLDER")
    print(build(sys.argv[1]))
