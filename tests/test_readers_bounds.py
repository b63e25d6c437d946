"""Hostile and broken input, built small at test time: gzip bombs and cut-short streams,
crawls that open with an image, oversized pages, legacy encodings, NUL bytes, language,
symbolic link loops, JSON Lines line breaks and repeated ids."""
from __future__ import annotations

import gzip
import io
import json
import os
import time
import zlib

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.readers import read_bytes, read_paths
from tidings.readers.html import read_html
from tidings.readers.warc import read_warc

EN = ("Dock workers in Valmora voted on Tuesday to end a nine-day strike after the port "
      "operator agreed to raise wages by six percent, union officials said. The walkout had "
      "left more than forty container ships waiting offshore.")
AR = ("قال وزير الخارجية يوم الاثنين إن المحادثات مع الجانب الآخر ستستأنف الأسبوع المقبل في "
      "العاصمة، وأضاف أن الحكومة تأمل في التوصل إلى اتفاق قريبا بشأن تبادل الأسرى والمساعدات.")
RU = ("Министр иностранных дел заявил в понедельник, что переговоры возобновятся на следующей "
      "неделе в столице, а делегация прибудет завтра для обсуждения обмена пленными.")
FR = ("Le ministre a déclaré lundi que les négociations reprendraient la semaine prochaine à "
      "Paris, après l'arrestation de dix manifestants près du Parlement, selon la police.")


def _messages(results) -> list[str]:
    return [e.message for r in results for e in r.errors]


def _bomb(size: int, prefix: bytes = b"", fill: bytes = b"\0") -> bytes:
    """gzip of `prefix` plus `size` bytes of `fill`, compressed as a stream."""
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [c.compress(prefix)]
    block = fill * (1 << 16)
    for _ in range(size // len(block)):
        parts.append(c.compress(block))
    parts.append(c.flush())
    return b"".join(parts)


# -- 1. streamed decompression with a cap ------------------------------------------------

def test_gzip_bomb_stops_at_the_document_limit(set_limits):
    set_limits(max_document_bytes=1 << 20)
    bomb = _bomb(64 << 20)  # 64 MiB of zeros in ~64 KB
    assert len(bomb) < 100_000
    started = time.monotonic()
    [result] = read_bytes(bomb, "bomb.gz")
    assert time.monotonic() - started < 2
    assert result.article is None
    assert result.errors[0].message == ("decompresses to more than 1048576 bytes "
                                        "(TIDINGS_MAX_DOCUMENT_BYTES)")
    assert result.errors[0].origin == "bomb.gz"


def test_truncated_gzip_document_is_reported_as_truncated():
    data = gzip.compress((EN + "\n\n" + EN).encode())
    [result] = read_bytes(data[: len(data) // 2], "cut.txt.gz")
    assert result.article is None
    assert "truncated gzip stream" in result.errors[0].message


def test_truncated_gzip_json_lines_keeps_the_records_before_the_cut():
    lines = "\n".join(json.dumps({"id": f"r{n}", "text": f"Report {n}: troops left the town."})
                      for n in range(500))
    data = gzip.compress(lines.encode())
    results = list(read_bytes(data[: len(data) * 2 // 3], "cut.jsonl.gz"))
    good = [r for r in results if r.article is not None]
    assert 0 < len(good) < 500
    assert results[-1].article is None and "truncated gzip stream" in results[-1].errors[0].message


def test_streamed_json_lines_bomb_of_one_endless_line(tmp_path, set_limits, monkeypatch):
    from tidings import readers

    set_limits(max_document_bytes=1 << 20)
    monkeypatch.setattr(readers, "STREAM_BYTES", 0)
    good = json.dumps({"id": "ok", "text": EN}).encode() + b"\n"
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(_bomb(32 << 20, good + b'{"id": "x", "text": "', b"a"))
    results = list(read_paths([str(path)]))
    assert results[0].article.id == "ok"
    assert len(results) == 2 and results[1].article is None
    assert "line 2 is longer than 1048576 bytes" in results[1].errors[0].message


def test_file_over_the_input_limit_is_refused_unread(tmp_path, set_limits, monkeypatch):
    from tidings import readers

    set_limits(max_input_bytes=1000)
    monkeypatch.setattr(readers, "STREAM_BYTES", 0)
    path = tmp_path / "big.txt"
    path.write_text(EN * 20)
    monkeypatch.setattr(readers, "read_bytes", lambda *a, **k: pytest.fail("read whole"))
    [result] = read_paths([str(path)])
    assert result.article is None
    assert "over the limit of 1000 bytes (TIDINGS_MAX_INPUT_BYTES)" in result.errors[0].message


# -- 2. WARC per record ------------------------------------------------------------------

def _page(headline: str, body: str = EN) -> bytes:
    return (f"<!DOCTYPE html><html><head><title>{headline}</title></head><body><article>"
            f"<h1>{headline}</h1><p>{body}</p><p>{body}</p></article></body></html>").encode()


def _warc(records, gzip_records: bool = False) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip_records)
    for uri, content_type, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers))
    return buf.getvalue()


CRAWL = [("https://ex.org/logo.jpg", "image/jpeg", b"\xff\xd8\xff\xe0" + os.urandom(6000)),
         ("https://ex.org/a", "text/html", _page("Port strike ends")),
         ("https://ex.org/b.jpg", "image/jpeg", b"\xff\xd8\xff\xe0" + bytes(3000)),
         ("https://ex.org/r.pdf", "application/pdf", b"%PDF-1.4" + bytes(100)),
         ("https://ex.org/fake", "text/html", b"\x89PNG\r\n\x1a\n" + bytes(500)),
         ("https://ex.org/c", "text/html; charset=utf-8", _page("Rail strike ends"))]


@pytest.mark.parametrize("gzip_records", [False, True])
def test_crawl_opening_with_an_image_is_read_record_by_record(gzip_records):
    results = list(read_bytes(_warc(CRAWL, gzip_records), "crawl.warc"))
    assert [r.article.title for r in results] == ["Port strike ends", "Rail strike ends"]
    assert results[0].errors == []
    assert _messages(results[1:]) == [
        ("skipped 4 non-HTML records (image/jpeg: 2, application/pdf: 1, "
        "text/html, binary content: 1)")]


def test_big_warc_file_is_streamed_not_read_whole(tmp_path, monkeypatch):
    from tidings import readers

    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc(CRAWL, gzip_records=True))
    monkeypatch.setattr(readers, "STREAM_BYTES", 0)
    monkeypatch.setattr(readers, "read_bytes", lambda *a, **k: pytest.fail("read whole"))
    results = list(read_paths([str(path)]))
    assert [r.article.title for r in results] == ["Port strike ends", "Rail strike ends"]
    assert results[0].article.origin.startswith(f"{path}#urn:uuid:")


def test_truncated_record_is_reported_as_truncated():
    data = _warc(CRAWL[1:2] + CRAWL[5:])
    results = list(read_warc(data[:-200], "cut.warc", None))
    assert results[0].article.title == "Port strike ends"
    assert results[1].article is None
    assert "truncated WARC record" in results[1].errors[0].message


def test_oversized_html_record_is_an_error_and_the_rest_is_read(set_limits):
    set_limits(max_document_bytes=5000)
    big = _page("Huge", EN * 40)
    results = list(read_warc(_warc([("https://ex.org/h", "text/html", big)] + CRAWL[1:2]),
                             "w.warc", None))
    assert results[0].article is None
    assert "record of more than 5000 bytes" in results[0].errors[0].message
    assert results[1].article.title == "Port strike ends"


def test_warc_with_no_html_says_what_it_held():
    [result] = read_warc(_warc(CRAWL[:1]), "img.warc", None)
    assert result.article is None
    assert result.errors[0].message == ("no HTML records in the WARC file; "
                                        "skipped 1 non-HTML record (image/jpeg: 1)")


# -- 3. HTML bound -----------------------------------------------------------------------

def test_page_over_the_html_limit_is_refused_quickly(set_limits):
    set_limits(max_html_bytes=200_000)
    page = _page("Long", " ".join([EN] * 2000))  # ~ 800 KB of paragraphs
    started = time.monotonic()
    [result] = read_bytes(page, "long.html")
    assert time.monotonic() - started < 2
    assert result.article is None
    assert result.errors[0].message.startswith(f"HTML page of {len(page)} bytes")
    assert "over the limit of 200000 bytes (TIDINGS_MAX_HTML_BYTES)" in result.errors[0].message


def test_page_big_only_by_its_scripts_is_read(set_limits):
    set_limits(max_html_bytes=100_000)
    script = "<script>var x = [" + ",".join(["1"] * 200_000) + "];</script><!-- " + "c" * 50_000
    page = _page("Scripted").replace(b"<body>", b"<body>" + script.encode() + b" -->")
    [result] = read_bytes(page, "s.html")
    assert result.article.title == "Scripted" and "Dock workers" in result.article.text


def test_page_with_very_many_links_is_unwrapped_and_fast():
    words = EN.split()
    para = "<p>" + " ".join(f'<a href="/w{n}">{w}</a>' for n, w in enumerate(words)) + "</p>"
    page = _page("Links").replace(b"</article>", (para * 700).encode() + b"</article>")
    started = time.monotonic()
    result = read_html(page, "links.html", None)
    assert time.monotonic() - started < 10
    assert result.article is not None
    assert any("inline tags" in e.message for e in result.errors)


# -- 4. encodings by content -------------------------------------------------------------

@pytest.mark.parametrize(("text", "encoding", "named"), [
    (AR, "cp1256", "cp1256"), (RU, "cp1251", "cp1251"), (FR, "cp1252", "Windows-1252"),
    (FR.replace("'", " "), "latin-1", "Windows-1252")])
def test_legacy_encodings_are_detected_by_content(text, encoding, named):
    [result] = read_bytes((text + "\n\n" + text).encode(encoding), "legacy.txt")
    assert result.article is not None and text.split()[3] in result.article.text
    assert f"not valid UTF-8; decoded as {encoding if encoding != 'latin-1' else 'cp1252'}" \
        in result.errors[0].message
    assert named in result.errors[0].message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom(encoding):
    [result] = read_bytes((RU + "\n\n" + RU).encode(encoding), "u16.txt")
    assert result.article is not None and "Министр" in result.article.text
    assert "UTF-16" in result.errors[0].message


# -- 5. NUL bytes ------------------------------------------------------------------------

def test_nul_bytes_anywhere_are_stripped_with_a_note():
    data = ("Ceasefire holds\n\n" + EN + "\n\n" + EN).encode()
    data = data[:10] + b"\x00" + data[10:5000] + b"\x00\x00" + data[5000:]
    [result] = read_bytes(data, "nul.txt")
    assert result.article is not None and "\x00" not in result.article.text
    assert "removed 3 NUL bytes" in _messages([result])[0]


@pytest.mark.parametrize("data", [os.urandom(5000), b"\x89PNG\r\n\x1a\n" + os.urandom(500),
                                  b"\xff\xd8\xff\xe0" + bytes(5000), bytes(3000) + b"text"])
def test_binary_files_are_still_refused(data):
    [result] = read_bytes(data, "bin.dat")
    assert result.article is None
    assert any(w in result.errors[0].message for w in ("binary", "undecodable"))


def test_nul_escape_in_json_lines_is_removed():
    line = json.dumps({"id": "n", "text": "Troops\u0000 withdrew from the town."})
    [result] = read_bytes(line.encode(), "n.jsonl")
    assert result.article.text == "Troops withdrew from the town."
    assert "removed 1 NUL characters" in result.errors[0].message


# -- 6. language -------------------------------------------------------------------------

def test_language_is_detected_and_a_disagreeing_declaration_noted():
    lines = [{"id": "ar", "text": AR}, {"id": "ru", "text": RU, "language": "ru"},
             {"id": "fr", "text": FR, "language": "en"}, {"id": "short", "text": "Hola amigos."},
             {"id": "en", "text": EN}]
    data = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines).encode()
    results = {r.article.id: r for r in read_bytes(data, "l.jsonl")}
    assert {k: r.article.language for k, r in results.items()} == {
        "ar": "ar", "ru": "ru", "fr": "fr", "short": "en", "en": "en"}
    assert results["ru"].errors == [] and results["en"].errors == []
    assert "language detected as 'fr'" in results["fr"].errors[0].message
    assert "not 'en'" in results["fr"].errors[0].message


def test_html_page_language_detected():
    [result] = read_bytes(_page("Новости", RU), "ru.html")
    assert result.article.language == "ru"


# -- 7. paths ----------------------------------------------------------------------------

def test_symlink_loops_and_broken_links_are_recorded(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Ceasefire holds\n\n" + EN)
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    (tmp_path / "a" / "self").symlink_to(tmp_path / "a" / "self")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    results = list(read_paths([str(tmp_path)]))
    by_origin = {os.path.relpath(r.errors[0].origin if r.errors else r.article.origin,
                                 tmp_path): r for r in results}
    assert by_origin["a/one.txt"].article is not None
    assert "symbolic link loop" in by_origin["a/loop"].errors[0].message
    assert "symbolic link loop" in by_origin["a/self"].errors[0].message
    assert "broken symbolic link" in by_origin["dangling.txt"].errors[0].message
    assert len(results) == 4


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_and_folder_are_recorded(tmp_path):
    (tmp_path / "secret.txt").write_text(EN)
    (tmp_path / "secret.txt").chmod(0)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked").chmod(0)
    try:
        results = list(read_paths([str(tmp_path)]))
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert all(r.article is None and "Permission denied" in r.errors[0].message
               for r in results) and len(results) == 2


def test_glob_through_a_symlink_loop_terminates(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Ceasefire holds\n\n" + EN)
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    results = list(read_paths([str(tmp_path / "**" / "*.txt")]))
    assert [r.article.origin for r in results] == [str(tmp_path / "a" / "one.txt")]


# -- 8. JSON Lines -----------------------------------------------------------------------

@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c", "\x1e"])
def test_unicode_line_separators_inside_a_record_do_not_split_it(sep):
    line = json.dumps({"id": "u", "text": f"First part.{sep}Second part."}, ensure_ascii=False)
    data = (line + "\r\n" + json.dumps({"id": "v", "text": "Next record."}) + "\r\n").encode()
    results = list(read_bytes(data, "sep.jsonl"))
    assert [r.article.id for r in results] == ["u", "v"]
    assert results[0].article.text == f"First part.{sep}Second part."
    assert results[1].article.origin == "sep.jsonl#2"


def test_duplicate_ids_are_noted_on_the_later_record():
    lines = [{"id": "x", "text": "One story."}, {"id": "y", "text": "Other story."},
             {"id": "x", "text": "A different story."}]
    data = "\n".join(json.dumps(x) for x in lines).encode()
    results = list(read_bytes(data, "d.jsonl"))
    assert [r.article.id for r in results] == ["x", "y", "x"]
    assert results[0].errors == []
    assert results[2].errors[0].message == "duplicate id 'x' (first at line 1)"


def test_feed_declaring_entities_is_refused():
    feed = (b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "lol"><!ENTITY b "&a;&a;">]>\n'
            b'<rss version="2.0"><channel><item><title>&b;</title>'
            b"<description>&b;</description></item></channel></rss>")
    [result] = read_bytes(feed, "bomb.xml")
    assert result.article is None and "<!ENTITY>" in result.errors[0].message


def test_plain_english_never_loads_the_language_model(monkeypatch):
    from tidings.readers import language

    def no_model():
        raise AssertionError("the classifier was loaded for English text")

    monkeypatch.setattr(language, "_identifier", no_model)
    text = ("The government said on Monday that it would reopen the border crossing "
            "after talks with the rebels, who have been fighting in the north for a year.")
    assert language.detect_language(text) == ("en", 1.0)
