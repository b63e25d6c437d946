"""CLI commands over the store: ingest, query, stats, errors, export (to be filled)."""
COMMANDS: list = []
