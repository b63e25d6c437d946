"""`tidings ingest --server URL`: articles go through a running `tidings serve`, which
owns its store; the token is required, refused documents are named, the rest sent on.
A real server on a free 127.0.0.1 port."""
from __future__ import annotations

import os
import subprocess
import sys

import httpx
import pytest
from web_store import make_store, served

TOKEN = "ingest-through-the-server-token"


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tidings.cli", *args], check=False,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = make_store(tmp_path_factory.mktemp("ingest") / "web.duckdb")
    with served(db, TOKEN) as base:
        yield {"base": base, "db": db}


def test_ingest_through_the_server(server, tmp_path):
    good = tmp_path / "strike.txt"
    good.write_text("Militants attacked an army post near Gao on Monday, killing four "
                    "soldiers, the army said.\n", encoding="utf-8")
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 40)
    def stored() -> set[str]:
        page = httpx.get(server["base"] + "/api/v1/articles", params={"limit": 500})
        return {a["id"] for a in page.json()["items"]}

    before = stored()
    r = run("ingest", str(good), str(junk), "--server", server["base"],
            env={"TIDINGS_TOKEN": TOKEN})
    assert r.returncode == 0, r.stderr
    assert "1 stored" in r.stdout and "1 unreadable" in r.stdout
    assert "junk.bin" in r.stderr
    (new,) = stored() - before
    article = httpx.get(f"{server['base']}/api/v1/articles/{new}").json()
    assert "Gao" in str(article)
    again = run("ingest", str(good), "--server", server["base"],
                env={"TIDINGS_TOKEN": TOKEN})
    assert again.returncode == 0 and "1 already stored" in again.stdout


def test_the_local_store_is_refused_while_serving(server, tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Arrests in Lagos\n\nPolice arrested two men in Lagos on Friday.\n",
                    encoding="utf-8")
    r = run("ingest", str(good), "--db", str(server["db"]))
    assert r.returncode == 1 and r.stderr.count("\n") == 1
    assert server["base"].split("//")[1].split(":")[0] in r.stderr or "serv" in r.stderr


@pytest.mark.parametrize(("token", "needle"), [("wrong-token", "refused the token"),
                                                ("", "needs the write token")])
def test_a_wrong_or_missing_token_is_one_line(server, tmp_path, token, needle):
    good = tmp_path / "a.txt"
    good.write_text("Arrests in Lagos\n\nPolice arrested two men in Lagos on Friday.\n",
                    encoding="utf-8")
    r = run("ingest", str(good), "--server", server["base"],
            env={"TIDINGS_TOKEN": token, "TIDINGS_TOKEN_FILE": ""})
    assert r.returncode in (1, 2) and needle in r.stderr
    assert "Traceback" not in r.stderr


def test_a_bad_url_is_a_usage_error(tmp_path):
    r = run("ingest", "x.txt", "--server", "ftp://nowhere")
    assert r.returncode == 2 and "--server" in r.stderr
