"""source -> Article. `read_paths` detects each input's format by content."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..models import ReadResult


def read_paths(paths: Iterable[str], published: str | None = None) -> Iterator[ReadResult]:
    raise NotImplementedError
