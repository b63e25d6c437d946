"""The FastAPI app: the API (routes.py), the dashboard's static files, security headers.

    from tidings.web import create_app
    app = create_app("news.duckdb", token="...")      # then: uvicorn.run(app)

Every response carries a Content-Security-Policy that allows scripts, styles and data
only from the server itself (no inline script, no CDN), so article text, which is
untrusted, cannot run even if a page ever failed to escape it.
"""
from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from .filters import BadParameter
from .owner import remove_note, write_note
from .routes import bad_parameter, router
from .state import WebState, default_coder

API_VERSION = "1"
STATIC = Path(__file__).parent / "static"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
           "Cross-Origin-Opener-Policy": "same-origin"}


def create_app(db: str | Path, token: str | None = None, guard_reads: bool = False,
               coder_factory: Callable[[], Any] = default_coder,
               served_at: str | None = None, preload_coder: bool = False) -> FastAPI:
    """The app over the store at `db`, which it opens now and owns until shutdown.

    `token`: the bearer token writes need (None: writes refused); `guard_reads`: reads
    need it too. `coder_factory` makes the coder POST /api/articles codes with.
    `served_at`: the server's URL, noted beside the store while the app runs (owner.py).
    `preload_coder`: load the coder in the background at start, so the first write does
    not wait for the model (with a token: writes are possible).
    """
    state = WebState(db, token=token, guard_reads=guard_reads, coder_factory=coder_factory)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if served_at:
            write_note(db, served_at)
        if preload_coder and token is not None:
            threading.Thread(target=state.load_coder, name="tidings-coder", daemon=True).start()
        try:
            yield
        finally:
            if served_at:
                remove_note(db)
            state.close()

    app = FastAPI(title="tidings", version=f"{API_VERSION} (tidings {__version__})",
                  description="News events coded by tidings: filter, page, download. "
                  "Routes answer under /api/v1 (the versioned contract) and /api.",
                  lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.web = state
    app.include_router(router, prefix="/api/v1")
    app.include_router(router, prefix="/api", include_in_schema=False)
    app.add_exception_handler(BadParameter, bad_parameter)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, Any]:
        cur = state.cursor()
        events, articles = cur.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM articles)").fetchone()
        return {"status": "ok", "api": API_VERSION, "events": events, "articles": articles,
                "writes": state.token is not None}

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    return app
