"""Scoring the coder against gold files."""
