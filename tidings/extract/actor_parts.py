"""What the passes of tidings_actors build: an actor in the making, a knowledge-base
match, and what the role words near a name say."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..ontology.kb import KbEntry, Role


@dataclass
class _Actor:
    key: tuple
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    words: set[str] = field(default_factory=set)   # title + organisation words, for matching
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans
    from_text: bool = False      # country/sector came from the article, not the KB fallback

    def fill(self, country: str | None, sector: str | None, title: str | None) -> None:
        self.country = self.country or country
        self.sector = self.sector or sector
        self.title = self.title or title


@dataclass
class _Match:
    start: int
    end: int
    surface: str
    entry: KbEntry


@dataclass
class _Descr:
    """What role words near a name or inside a phrase say about an actor."""
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    org: KbEntry | None = None
    roles: list[Role] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    tokens: set[int] = field(default_factory=set)
    role_tokens: set[int] = field(default_factory=set)

    @property
    def person_role(self) -> bool:
        return any(r.kind == "person" for r in self.roles)
