"""`tidings report`: one offline HTML file, no script, everything from the store escaped."""
from __future__ import annotations

import re
import subprocess
import sys

from web_store import make_store

from tidings.web.report import dyads_table, write_report


def test_report_is_one_offline_file_with_timeline_map_and_dyads(tmp_path):
    db = make_store(tmp_path / "r.duckdb")
    out = tmp_path / "report.html"
    facts = write_report(db, out, title="Ukraine <weekly>")
    assert facts == {"events": 7, "located": 4, "dyads": 7}
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert not re.search(r"\s(src|href)=", page)  # nothing to fetch, nowhere to go
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<title>Ukraine &lt;weekly&gt;</title>" in page
    assert page.count('<circle class="point') == 4
    assert 'class="conflict"' in page and 'class="coop"' in page
    assert page.count('<path class="country"') > 150
    assert "<td>RUSMIL</td><td>Kharkiv</td>" in page


def test_store_values_are_escaped():
    html = dyads_table([{"source": "<img src=x onerror=alert(1)>", "target": "A&B",
                         "events": 1, "conflict": 1, "cooperation": 0,
                         "mean_goldstein": -5.0}])
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "A&amp;B" in html


def test_report_of_a_missing_store_is_one_line(tmp_path):
    r = subprocess.run([sys.executable, "-m", "tidings.cli", "report", "--db",
                        str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "r.html")],
                       check=False, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and "none.duckdb" in r.stderr
    assert not (tmp_path / "r.html").exists()
