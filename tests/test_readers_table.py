"""CSV, TSV and Parquet tables of articles (tidings.readers.table): columns found by
header name or named by the --*-col options; a bad row is an error naming the file and
row and the others are read on. Every table here is written by the tests."""
from __future__ import annotations

import csv
import gzip
import json

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.cli import main
from tidings.models import ReadResult
from tidings.readers import TableColumns, read_bytes, read_paths
from tidings.run.options import RunOptions

LIMA = "Thousands of teachers marched in Lima on Monday, demanding higher wages."
QUITO = "Police arrested a journalist in Quito on Tuesday.\n\nShe was released hours later."


def read(path, **kw):
    return list(read_paths([str(path)], **kw))


def test_csv_columns_by_header_name(tmp_path):
    path = tmp_path / "news.csv"
    pd.DataFrame({"ID": ["a1", "a2"], "Headline": ["Teachers march", "Journalist held"],
                  "Body": [LIMA, QUITO], "publish_date": ["2024-05-06", "2024-05-07 10:30"],
                  "Link": ["https://x.example/1", None],
                  "outlet": ["Andes Post", "Andes Post"]}).to_csv(path, index=False)
    results = read(path)
    assert [r.errors for r in results] == [[], []]
    first, second = (r.article for r in results)
    assert (first.id, first.title, first.text) == ("a1", "Teachers march", LIMA)
    assert first.published == "2024-05-06T00:00:00Z" and first.url == "https://x.example/1"
    assert first.source == "Andes Post" and first.origin == f"{path}#1"
    assert second.text == QUITO and len(second.paragraphs) == 2  # a quoted multi-line cell
    assert second.url is None and second.published.startswith("2024-05-07T10:30")


def test_tsv_with_named_columns(tmp_path):
    path = tmp_path / "dump.tsv"
    path.write_text("story\tsummary\twhen\nSoldiers shot two men in Goma.\tGoma\t2024-01-02\n",
                    encoding="utf-8")
    columns = TableColumns(text="story", title="summary", published="when")
    [result] = read(path, columns=columns)
    assert result.article.text == "Soldiers shot two men in Goma."
    assert result.article.title == "Goma" and result.article.published.startswith("2024-01-02")


def test_a_bad_row_is_an_error_naming_file_and_row_and_the_rest_is_read(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text("id,title,text\n1,Lima,Teachers marched in Lima.\n2,Empty,\n"
                    "3,Too,many,fields\n4,Quito,Police arrested a journalist in Quito.\n",
                    encoding="utf-8")
    results = read(path)
    assert [r.article.id if r.article else None for r in results] == ["1", None, None, "4"]
    empty, wide = results[1].errors[0], results[2].errors[0]
    assert empty.origin == f"{path}#2" and "row 2" in empty.message and "no text" in empty.message
    assert wide.origin == f"{path}#3" and "row 3 has 4 fields" in wide.message


def test_a_column_asked_for_that_is_missing_names_the_columns(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text("id,title,text\n1,Lima,Teachers marched in Lima.\n", encoding="utf-8")
    [result] = read(path, columns=TableColumns(text="body_text"))
    assert result.article is None
    message = result.errors[0].message
    assert "body_text" in message and "id, title, text" in message


def test_a_table_without_a_text_column_is_told(tmp_path):
    path = tmp_path / "news.tsv"
    path.write_text("id\ttitle\tstory\n1\tLima\tTeachers marched.\n", encoding="utf-8")
    [result] = read(path, columns=TableColumns(title="title"))
    assert result.article is None and "--text-col" in result.errors[0].message


@pytest.mark.parametrize("text", [
    "Reuters, London\n\nProtesters marched in London on Saturday, police said.\n",
    "Text, body and content were the words of the day, the minister said on Monday.\n",
])
def test_prose_with_commas_is_not_a_table(text):
    [result] = list(read_bytes(text.encode(), "story.txt"))
    assert result.article is not None and "marched" in result.article.text or \
        "minister" in result.article.text
    assert not result.article.origin.endswith("#1")


def test_gzipped_csv_and_a_utf8_bom(tmp_path):
    path = tmp_path / "news.csv.gz"
    path.write_bytes(gzip.compress(("\ufeffid,text\n9,\"" + LIMA + "\"\n").encode("utf-8")))
    [result] = read(path)
    assert result.article.id == "9" and result.article.text == LIMA


def test_parquet_of_articles(tmp_path):
    path = tmp_path / "news.parquet"
    pd.DataFrame({
        "doc_id": [7, 8, 9],
        "headline": ["Convoy attacked", "Nothing", "Teachers march"],
        "content": ["Rebels attacked a convoy near Gao on Friday.", None, LIMA],
        "pubdate": [pd.Timestamp("2024-02-02 10:00", tz="UTC"), pd.Timestamp("2024-02-03"),
                    pd.NaT],
    }).to_parquet(path)
    results = read(path, published="2024-03-01")
    assert [r.article.id if r.article else None for r in results] == ["7", None, "9"]
    assert results[0].article.published == "2024-02-02T10:00:00Z"
    assert results[0].article.title == "Convoy attacked"
    assert results[1].errors[0].origin == f"{path}#2"
    assert results[2].article.published == "2024-03-01T00:00:00Z"  # --published fills in


def test_a_broken_parquet_file_is_an_error(tmp_path):
    path = tmp_path / "news.parquet"
    path.write_bytes(b"PAR1" + b"\x00garbage" * 10 + b"PAR1")
    [result] = read(path)
    assert result.article is None and "Parquet" in result.errors[0].message


def test_run_options_carry_the_columns(tmp_path):
    path = tmp_path / "dump.tsv"
    path.write_text("story\tname\nSoldiers shot two men in Goma.\tx\n", encoding="utf-8")
    options = RunOptions.of(columns=TableColumns(text="story"))
    [result] = list(options.read([str(path)]))
    assert result.article.text == "Soldiers shot two men in Goma."


def test_read_command_takes_the_column_options(tmp_path):
    path = tmp_path / "dump.tsv"
    path.write_text("story\theadline\nSoldiers shot two men in Goma.\tGoma\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["read", str(path), "--text-col", "story",
                                       "--title-col", "headline"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["article"]["title"] == "Goma" and doc["errors"] == []
    for command in ("read", "code", "ingest"):
        help_text = CliRunner().invoke(main, [command, "--help"]).output
        for option in ("--text-col", "--title-col", "--date-col", "--url-col", "--id-col"):
            assert option in help_text, (command, option)


def test_a_large_table_is_read_as_a_stream(tmp_path, monkeypatch, set_limits):
    """Past STREAM_BYTES a CSV is read a row at a time, so a table larger than one
    document may be (TIDINGS_MAX_DOCUMENT_BYTES) is read whole, row by row."""
    from tidings import readers

    monkeypatch.setattr(readers, "STREAM_BYTES", 1024)
    set_limits(max_document_bytes=4096)
    path = tmp_path / "big.csv.gz"
    rows = [f'{i},"Report {i}","{LIMA} Row {i}."' for i in range(200)]
    path.write_bytes(gzip.compress(("id,title,text\n" + "\n".join(rows) + "\n").encode()))
    assert len(gzip.decompress(path.read_bytes())) > 4096 and path.stat().st_size > 1024
    results = read(path)
    assert len(results) == 200 and all(r.article for r in results)
    assert results[-1].article.id == "199" and results[-1].article.origin == f"{path}#200"


def test_a_repeated_id_is_noted(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text("id,text\n7,Teachers marched in Lima.\n7,Police arrested a journalist.\n",
                    encoding="utf-8")
    first, second = read(path)
    assert first.errors == [] and second.article is not None
    assert "duplicate id '7' (first at row 1)" in second.errors[0].message


cells = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
                max_size=60)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(cells, min_size=1, max_size=4), max_size=8),
       delimiter=st.sampled_from([",", "\t"]), parquet=st.booleans())
def test_any_table_gives_results_and_never_raises(rows, delimiter, parquet, tmp_path_factory):
    """Random cells, ragged rows, quotes and newlines inside cells: every document is a
    ReadResult, every error names the file, every article's text is a cell."""
    folder = tmp_path_factory.mktemp("prop")
    header = ["id", "text", "title"]
    if parquet:
        path = folder / "t.parquet"
        width = [(r + ["", "", ""])[:3] for r in rows]
        pd.DataFrame(width, columns=header).to_parquet(path)
    else:
        path = folder / ("t.tsv" if delimiter == "\t" else "t.csv")
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, delimiter=delimiter)
            writer.writerow(header)
            writer.writerows(rows)
    results = read(path)
    assert all(isinstance(r, ReadResult) for r in results)
    for result in results:
        assert all(e.origin and e.origin.startswith(str(path)) for e in result.errors)
        if result.article is not None:
            assert result.article.text.strip()
            assert any(result.article.text == cell for row in rows for cell in row)


def test_a_lone_carriage_return_is_a_line_end_not_a_table():
    """Found by hypothesis (test_readers_properties): "\\r," made csv raise on the first line."""
    from tidings.readers.table import delimiter_of
    assert delimiter_of("\r,", None) is None
    assert delimiter_of("id,text\r\n1,Rebels attacked a post.\r\n", None) == ","
