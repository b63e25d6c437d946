"""The analyst's web app: an HTTP API and an offline dashboard over one store.

`tidings serve --db FILE` runs it (tidings.cli.serve); `create_app` builds it;
`tidings report` writes the same timeline, map and dyads into one HTML file
(tidings.web.report). docs/web.md describes the routes. `create_app` is imported on
first use, so `tidings.web.owner` (which the CLI's error guard reads) stays light.
"""
from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
