"""docs/tutorial.md works as written: every `bash` and `python` block is run, in order,
in a folder holding a copy of examples/ (python blocks share one namespace), and what
the tutorial promises is there at the end: a store, the exports, a timeline chart."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "docs" / "tutorial.md"
RUN = {"bash", "python"}
SHOWN_ONLY = {"r"}  # R is not installed on the test machines
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks() -> list[tuple[str, str]]:
    return [(lang, code) for lang, code in _BLOCK.findall(TUTORIAL.read_text("utf-8"))]


def test_every_block_is_run_or_said_not_to_be():
    found = blocks()
    assert {lang for lang, _ in found} <= RUN | SHOWN_ONLY, "a block nobody runs"
    assert sum(lang == "bash" for lang, _ in found) >= 5
    assert sum(lang == "python" for lang, _ in found) >= 4


@pytest.fixture
def folder(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    return tmp_path


def run_bash(code: str, cwd: Path) -> str:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}"
                                f"{os.environ.get('PATH', '')}", COLUMNS="100")
    result = subprocess.run(["bash", "-e", "-c", code], check=False, cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{code}\n--- stdout\n{result.stdout}\n--- stderr\n" \
                                   f"{result.stderr}"
    return result.stdout


def test_the_tutorial_runs_from_a_folder_to_a_chart(folder):
    namespace: dict = {"__name__": "tutorial"}
    outputs = []
    for lang, code in blocks():
        if lang == "bash":
            outputs.append(run_bash(code, folder))
        elif lang == "python":
            exec(compile(code, str(TUTORIAL), "exec"), namespace)  # noqa: S102
    read_count = outputs[0].split()[-1]
    assert read_count == "11"  # "eleven articles", as the tutorial says
    assert (folder / "news.duckdb").exists()
    for name in ("events.parquet", "acled.csv", "events.gdelt.tsv",
                 "events.gdelt.tsv.sidecar.tsv", "timeline.png"):
        assert (folder / name).stat().st_size > 0, name
    assert (folder / "timeline.png").read_bytes().startswith(b"\x89PNG")
    monthly = namespace["monthly"]
    assert monthly.to_numpy().sum() == len(namespace["happened"]) > 0
    assert "PROTEST" in monthly.columns
    assert len(namespace["acled"]) > 0 and str(namespace["acled"]["event_date"].dtype) \
        .startswith("datetime64")
