"""read_paths: files, folders, globs, stdin, gzip, format detection, bad input, the CLI."""
from __future__ import annotations

import gzip
import io
import json
import sys
import types

import pytest
from click.testing import CliRunner

from tidings.errors import ReadError
from tidings.models import Article, ReadResult
from tidings.readers import read_bytes, read_paths

DUMP = """News ID: 77
Published: June 4, 2023 18:00 UTC

Port workers end strike after pay deal

Dock workers returned to work on Sunday after union leaders accepted a revised pay offer \
from the port authority.

The strike had halted container traffic for nine days.
"""


def _write(path, data: str | bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _errors(result: ReadResult) -> str:
    return " | ".join(e.message for e in result.errors)


def test_text_dump_file_and_gzip_detected_by_magic_bytes(tmp_path):
    plain = _write(tmp_path / "strike.txt", DUMP)
    # A gzipped dump without a .gz name: the magic bytes decide.
    zipped = _write(tmp_path / "strike.bin", gzip.compress(DUMP.encode("utf-8")))
    results = list(read_paths([str(plain), str(zipped)]))
    assert [r.article.id for r in results] == ["77", "77"]
    assert results[0].article.origin == str(plain)
    assert results[1].article.origin == str(zipped)
    assert results[0].article.text == results[1].article.text
    assert results[0].article.published == "2023-06-04T18:00:00Z"
    assert results[0].errors == []


def test_folder_recursive_sorted_and_hidden_skipped(tmp_path):
    _write(tmp_path / "b" / "two.txt", DUMP.replace("77", "2"))
    _write(tmp_path / "a.txt", DUMP.replace("77", "1"))
    _write(tmp_path / "b" / "c" / "three.txt", DUMP.replace("77", "3"))
    _write(tmp_path / ".git" / "HEAD", "ref: refs/heads/main\n")
    ids = [r.article.id for r in read_paths([str(tmp_path)])]
    # Sorted by path: a.txt, b/c/three.txt, b/two.txt - the same on every machine.
    assert ids == ["1", "3", "2"]


def test_glob_and_unmatched_glob(tmp_path):
    _write(tmp_path / "x1.txt", DUMP.replace("77", "x1"))
    _write(tmp_path / "x2.txt", DUMP.replace("77", "x2"))
    _write(tmp_path / "y.txt", DUMP.replace("77", "y"))
    results = list(read_paths([str(tmp_path / "x*.txt"), str(tmp_path / "z*.txt")]))
    assert [r.article.id for r in results[:2]] == ["x1", "x2"]
    assert results[2].article is None
    assert "no file matches" in _errors(results[2])


def test_stdin_is_read_as_bytes(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(gzip.compress(DUMP.encode("utf-8"))))
    monkeypatch.setattr(sys, "stdin", fake)
    [result] = read_paths(["-"])
    assert result.article.id == "77"
    assert result.article.origin == "-"


def test_published_option_applies_only_where_missing(tmp_path):
    undated = _write(tmp_path / "undated.txt", DUMP.replace("Published: June 4, 2023 18:00 UTC\n",
                                                            ""))
    dated = _write(tmp_path / "dated.txt", DUMP)
    results = list(read_paths([str(undated), str(dated)], published="2023-06-05T08:00Z"))
    assert results[0].article.published == "2023-06-05T08:00:00Z"
    assert results[1].article.published == "2023-06-04T18:00:00Z"
    with pytest.raises(ReadError, match="not a date"):
        list(read_paths([str(dated)], published="yesterday-ish"))


def test_jsonl_lines_bad_lines_and_fallbacks(tmp_path):
    lines = [
        json.dumps({"id": "j1", "text": "Talks resumed.\n\nBoth sides were hopeful.",
                    "title": "Talks resume", "published": "2022-09-01 10:00",
                    "url": "https://example.org/a", "source": "Example Daily"}),
        "",
        "{not json",
        json.dumps({"id": "j3", "title": "No body"}),
        json.dumps({"text": "A quiet day at the border."}),
        json.dumps(["a", "list"]),
    ]
    path = _write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    results = list(read_paths([str(path)], published="2022-09-02"))
    assert len(results) == 5
    first = results[0].article
    assert (first.id, first.origin, first.title, first.url, first.source) == (
        "j1", f"{path}#1", "Talks resume", "https://example.org/a", "Example Daily")
    assert first.published == "2022-09-01T10:00:00Z"
    assert [first.text[p.start:p.end] for p in first.paragraphs] == [
        "Talks resumed.", "Both sides were hopeful."]
    assert results[1].article is None and results[1].errors[0].origin == f"{path}#3"
    assert "not valid JSON" in _errors(results[1])
    assert results[2].article is None and '"text"' in _errors(results[2])
    fourth = results[3].article
    assert fourth.origin == f"{path}#5"
    assert fourth.published == "2022-09-02T00:00:00Z"
    assert len(fourth.id) == 16
    assert "expected a JSON object" in _errors(results[4])


def test_json_array_file(tmp_path):
    path = _write(tmp_path / "arr.json", json.dumps([{"id": 1, "text": "One."},
                                                     {"id": 2, "text": "Two."}]))
    results = list(read_paths([str(path)]))
    assert [(r.article.id, r.article.origin) for r in results] == [
        ("1", f"{path}#0"), ("2", f"{path}#1")]


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b"  \n\n\t ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"\x81\x8d\x8f\x90\x9d" * 20, "undecodable"),
    (b"\x1f\x8b\x08\x00garbage", "gzip"),
    (b"News ID: 4\n\nSecurity Key:\nCaptcha refresh\n", "not an article"),
])
def test_bad_input_becomes_an_error_result(tmp_path, data, reason):
    bad = _write(tmp_path / "bad.dat", data)
    good = _write(tmp_path / "good.txt", DUMP)
    results = list(read_paths([str(bad), str(tmp_path / "missing.txt"), str(good)]))
    assert results[0].article is None
    assert reason in _errors(results[0])
    assert results[0].errors[0].stage == "read" and results[0].errors[0].origin == str(bad)
    assert results[1].article is None and "no such file" in _errors(results[1])
    assert results[2].article.id == "77"


def test_windows_1252_is_decoded_with_a_note(tmp_path):
    data = DUMP.replace("Dock workers", "The union’s dock workers").encode("cp1252")
    assert b"\x92" in data
    [result] = read_paths([str(_write(tmp_path / "cp.txt", data))])
    assert "The union’s dock workers" in result.article.text
    assert "Windows-1252" in _errors(result)


def _fake_module(monkeypatch, name: str, **funcs) -> None:
    module = types.ModuleType(f"tidings.readers.{name}")
    for attr, func in funcs.items():
        setattr(module, attr, func)
    monkeypatch.setitem(sys.modules, f"tidings.readers.{name}", module)


def _article(origin: str, text: str = "Body.") -> Article:
    return Article(id=origin, origin=origin, text=text)


def test_dispatch_to_html_warc_feed_readers(tmp_path, monkeypatch):
    calls = []

    def read_html(data, origin, published):
        calls.append(("html", data[:15], published))
        return ReadResult(_article(origin))

    def read_warc(data, origin, published):
        calls.append(("warc", data[:5], published))
        yield ReadResult(_article(origin + "#r1"))
        yield ReadResult(_article(origin + "#r2"))

    def read_feed(data, origin, published, follow=False, allow_private=False):
        calls.append(("feed", follow, allow_private))
        yield ReadResult(_article(origin + "#item1"))

    _fake_module(monkeypatch, "html", read_html=read_html)
    _fake_module(monkeypatch, "warc", read_warc=read_warc)
    _fake_module(monkeypatch, "feed", read_feed=read_feed)
    page = _write(tmp_path / "page.txt", "<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>")
    warc = _write(tmp_path / "crawl.gz", gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"))
    feed = _write(tmp_path / "news.xml", '<?xml version="1.0"?>\n<rss version="2.0"><channel>'
                                         "</channel></rss>")
    atom = _write(tmp_path / "atom.html", '<feed xmlns="http://www.w3.org/2005/Atom"></feed>')
    origins = [r.article.origin for r in read_paths(
        [str(page), str(warc), str(feed), str(atom)], published="2020-01-01",
        follow=True, allow_private=True)]
    assert origins == [str(page), f"{warc}#r1", f"{warc}#r2", f"{feed}#item1", f"{atom}#item1"]
    assert calls[0] == ("html", b"<!DOCTYPE html>", "2020-01-01T00:00:00Z")
    # A gzipped crawl reaches the WARC reader as it is: warcio inflates record by record.
    assert calls[1][0] == "warc" and calls[1][1].startswith(b"\x1f\x8b")
    assert calls[1][2] == "2020-01-01T00:00:00Z"
    assert calls[2] == ("feed", True, True)


def test_missing_or_failing_reader_is_a_document_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "tidings.readers.html", None)  # import fails

    def read_warc(data, origin, published):
        yield ReadResult(_article(origin + "#r1"))
        raise RuntimeError("truncated record")

    _fake_module(monkeypatch, "warc", read_warc=read_warc)
    page = _write(tmp_path / "p.htm", "<html><body>x</body></html>")
    warc = _write(tmp_path / "w.warc", b"WARC/1.0\r\n")
    good = _write(tmp_path / "good.txt", DUMP)
    results = list(read_paths([str(page), str(warc), str(good)]))
    assert results[0].article is None and "HTML reader not available" in _errors(results[0])
    assert results[1].article.origin == f"{warc}#r1"
    assert results[2].article is None and "truncated record" in _errors(results[2])
    assert results[3].article.id == "77"


def test_read_bytes_without_a_file():
    [result] = read_bytes(DUMP.encode("utf-8"), "memory")
    assert result.article.origin == "memory" and result.article.id == "77"


def test_cli_read_exit_codes(tmp_path):
    from tidings.cli import main

    good = _write(tmp_path / "good.txt", DUMP)
    bad = _write(tmp_path / "bad.txt", b"")
    runner = CliRunner()
    mixed = runner.invoke(main, ["read", str(good), str(bad)])
    assert mixed.exit_code == 0, mixed.output
    rows = [json.loads(line) for line in mixed.stdout.splitlines() if line.strip()]
    assert rows[0]["article"]["id"] == "77" and rows[0]["errors"] == []
    assert rows[1]["article"] is None
    assert rows[1]["errors"][0]["origin"] == str(bad)
    only_bad = runner.invoke(main, ["read", str(bad), str(tmp_path / "nowhere.txt")])
    assert only_bad.exit_code != 0
    assert "no article could be read" in only_bad.output


def test_folder_walk_skips_documentation_files(tmp_path):
    from tidings.readers import read_paths

    (tmp_path / "README.md").write_text("# About this corpus\n\nNotes for analysts.\n")
    (tmp_path / "a.jsonl").write_text('{"id": "x1", "text": "Kenya held talks with Uganda."}\n')
    results = list(read_paths([str(tmp_path)]))
    assert [r.article.id for r in results] == ["x1"]
    explicit = list(read_paths([str(tmp_path / "README.md")]))
    assert explicit[0].article is not None


# -- large JSON Lines files are read line by line ----------------------------------------
def _jsonl_cases(tmp_path):
    """JSON Lines files with the awkward parts: blank and broken lines, a record with no
    text, CRLF endings, a BOM, gzip, and a Windows-1252 file (every line non-ASCII)."""
    lines = [json.dumps({"id": "a", "text": "Police arrested ten people in Quito.",
                         "published": "2024-03-05T10:00:00Z"}),
             "",
             "{not json",
             json.dumps({"id": "b", "title": "No body"}),
             json.dumps({"id": "c", "text": "Rebels shelled the town.\n\nTwo were hurt.",
                         "source": "Wire", "published": "next week"}),
             json.dumps({"id": 7, "text": "Ministers met in Ankara on Monday."})]
    plain = ("\n".join(lines) + "\n").encode()
    cases = {"plain.jsonl": plain,
             "crlf.jsonl": plain.replace(b"\n", b"\r\n"),
             "bom.jsonl": b"\xef\xbb\xbf" + plain,
             "zipped.jsonl.gz": gzip.compress(plain),
             "cp1252.jsonl": "\n".join(
                 json.dumps({"id": f"w{n}", "text": f"Caf\u00e9 owners protested {n} times."},
                            ensure_ascii=False) for n in range(3)).encode("cp1252")}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    return sorted(cases)


def test_large_jsonl_files_stream_and_read_like_whole_ones(tmp_path, monkeypatch):
    """Above readers.STREAM_BYTES a JSON Lines file is read a line at a time (the file
    is never loaded whole); each file gives exactly the records, errors and notes that
    reading it whole gives."""
    from tidings import readers

    names = _jsonl_cases(tmp_path)
    whole = {n: list(read_paths([str(tmp_path / n)])) for n in names}
    monkeypatch.setattr(readers, "STREAM_BYTES", 0)
    monkeypatch.setattr(readers, "read_bytes", lambda *a, **k: pytest.fail("read whole"))
    for name in names:
        streamed = list(read_paths([str(tmp_path / name)]))
        assert streamed == whole[name], name
    plain = whole["plain.jsonl"]
    assert [r.article.id if r.article else None for r in plain] == ["a", None, None, "c", "7"]
    assert "not valid JSON" in plain[1].errors[0].message
    assert all("Windows-1252" in r.errors[0].message for r in whole["cp1252.jsonl"])


def test_a_streamed_file_cut_short_keeps_what_came_before(tmp_path, monkeypatch):
    """A gzipped JSON Lines file truncated mid-stream: the records before the cut are
    read, then one error names the file."""
    from tidings import readers

    lines = [json.dumps({"id": f"r{n}", "text": f"Report {n}: troops withdrew from the town."})
             for n in range(2000)]
    data = gzip.compress("\n".join(lines).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    monkeypatch.setattr(readers, "STREAM_BYTES", 0)
    results = list(read_paths([str(path)]))
    good = [r for r in results if r.article is not None]
    assert 0 < len(good) < 2000 and [r.article.id for r in good] == \
        [f"r{n}" for n in range(len(good))]
    assert results[-1].article is None and results[-1].errors[0].origin == str(path)
    assert "cannot read the rest of the file" in results[-1].errors[0].message
