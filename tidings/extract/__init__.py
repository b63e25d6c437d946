"""spaCy components that turn a parsed article into actors, events, quotes, places,
dates, casualties and cited sources. Each is a registered factory (`tidings_*`), so
it can be added to any English pipeline; `tidings.nlp.Coder` runs them in order
over a whole article after the model has parsed it paragraph by paragraph.
"""
from __future__ import annotations

# Order matters: later components read what earlier ones assigned.
COMPONENTS = [
    "tidings_dates",
    "tidings_places",
    "tidings_sources",
    "tidings_actors",
    "tidings_quotes",
    "tidings_events",
    "tidings_casualties",
    # adjectives and names inside names ("Turkish troops", "Dubai police") join the
    # places last: they say who, not where, and the event stages must not place by them
    "tidings_place_modifiers",
]


def register_all() -> None:
    """Import every component module so its factory is registered with spaCy."""
    from . import actors, casualties, dates, events, places, quotes, sources  # noqa: F401
