"""CLI commands for the web: `serve` (the API and dashboard) and `report` (one HTML file).

Thin: options become one `create_app(...)` run by uvicorn, or one `write_report(...)`;
failures are told by the group's guard (tidings.cli.guard).
"""
from __future__ import annotations

import click

DEFAULT_DB = "tidings.duckdb"  # as tidings ingest's


def _check_db(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not value.strip():
        raise click.BadParameter("give a store file (tidings ingest PATH --db FILE makes one)")
    return value


db_option = click.option("--db", default=DEFAULT_DB, show_default=True, callback=_check_db,
                         help="DuckDB store file (made by tidings ingest).")


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface; mind the token).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--token-file", type=click.Path(dir_okay=False),
              help="File whose first line is the write token (else TIDINGS_TOKEN; "
                   "with neither, writes are refused).")
@click.option("--guard-reads", is_flag=True,
              help="Reads need the token too (default: reads are open).")
def serve(db: str, host: str, port: int, token_file: str | None, guard_reads: bool) -> None:
    """Serve the store: the HTTP API (/api/v1, /openapi.json) and the dashboard (/).

    While it runs the server owns the store file: other tidings commands on it are
    refused; ingest through POST /api/articles with `Authorization: Bearer <token>`.
    """
    import uvicorn

    from ..web.app import create_app
    from ..web.state import SHORT_TOKEN, load_token

    token = load_token(token_file=token_file)
    if token is not None and len(token) < SHORT_TOKEN:
        click.echo(f"warning: the write token has {len(token)} characters; use "
                   f"{SHORT_TOKEN} or more (openssl rand -hex 16)", err=True)
    if guard_reads and token is None:
        raise click.UsageError("--guard-reads needs a token (TIDINGS_TOKEN or --token-file)")
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}/"
    app = create_app(db, token=token, guard_reads=guard_reads, served_at=url,
                     preload_coder=True)
    writes = "need the token" if token else "refused: no token"
    reads = "need the token" if guard_reads else "open"
    click.echo(f"tidings serve: {db} at {url} (writes {writes}; reads {reads}); Ctrl-C stops",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


@click.command()
@db_option
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="HTML file to write (one self-contained file, works offline).")
@click.option("--title", default="tidings report", show_default=True, help="Page title.")
def report(db: str, out: str, title: str) -> None:
    """Write one offline HTML file: conflict/cooperation timeline, map, top dyads."""
    from ..web.report import write_report

    facts = write_report(db, out, title=title)
    click.echo(f"{out}: {facts['events']} events, {facts['located']} on the map, "
               f"{facts['dyads']} dyads", err=True)


COMMANDS = [serve, report]
__all__ = ["COMMANDS", "DEFAULT_DB"]
