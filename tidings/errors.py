"""The error tree. Each error names the document it concerns; all pickle across processes.

TidingsError             `option` names the parameter a bad value came in by
 |                        ("published", "workers"), so the CLI can name its flag
 +-- ReadError        a document could not be read (empty, binary, undecodable, bad JSON)
 +-- ModelError       the spaCy model is missing or broken
 +-- StoreError       the database could not be opened or written
 +-- EvalError        a gold file is missing or malformed
"""
from __future__ import annotations


class TidingsError(Exception):
    def __init__(self, message: str, origin: str | None = None, option: str | None = None):
        super().__init__(message, origin)
        self.message = message
        self.origin = origin
        # A bad value of this parameter: the message starts with its name, which the CLI
        # spells as its flag. Kept in __dict__, which pickling carries across processes.
        self.option = option

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}" if self.origin else self.message


class ReadError(TidingsError):
    pass


class ModelError(TidingsError):
    pass


class StoreError(TidingsError):
    pass


class EvalError(TidingsError):
    pass
