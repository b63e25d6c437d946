"""CLI command `tidings eval` (to be filled)."""
COMMANDS: list = []
