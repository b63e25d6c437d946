"""Dates on AQUAINT (../shared/benchmarks/dates/aquaint): 73 news articles with their
publication time and 489 gold DATE expressions normalised to TimeML values.

For every gold date the first predicted DateRef overlapping its span is taken:
- found: a predicted date overlaps the gold span;
- value_accuracy: ... and its value is the gold value at the gold's precision, over all
  gold dates (value_accuracy_found: among found ones).
Values are compared after normalisation: a time or part of day is dropped to its day
("2000-01-05TEV" -> "2000-01-05"), unknown trailing parts to the known precision
("1998-12-XX" -> "1998-12"), ISO week numbers compared as numbers ("2000-W7" ==
"2000-W07"). A gold value we never produce (a season "1998-FA", a duration "P1D") counts
as a miss, not as skipped.

The documents are split in file order: the first 50 to develop on ("dev"), the last 23
to check that a change generalises ("check"); each has its own value accuracy.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EvalError
from ..models import Article, DateRef, Paragraph
from ..paths import shared_file
from .base import SuiteResult

if TYPE_CHECKING:
    from ..nlp import Coder

AQUAINT_PARTS = ("benchmarks", "dates", "aquaint", "aquaint.jsonl")
DEV_DOCS = 50
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")
_TRAILING_UNKNOWN = re.compile(r"(?:-XX)+$")


def load_aquaint(path: Path) -> list[dict[str, Any]]:
    """The documents of aquaint.jsonl; EvalError names a line that is not a document
    or a gold span that does not match its text."""
    docs = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(f"{path}:{lineno}: not JSON ({exc})") from exc
            missing = [k for k in ("id", "text", "published", "gold") if k not in doc]
            if missing:
                raise EvalError(f"{path}:{lineno}: missing {', '.join(missing)}")
            for gold in doc["gold"]:
                if doc["text"][gold["start"]:gold["end"]] != gold["text"]:
                    raise EvalError(f"{path}:{lineno} ({doc['id']}): gold {gold['text']!r} "
                                    f"is not at {gold['start']}-{gold['end']}")
            docs.append(doc)
    return docs


def article_of(doc: dict[str, Any]) -> Article:
    """The Article for one document: its text in blank-line separated paragraphs."""
    text = doc["text"]
    paragraphs, pos = [], 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk is not None else len(text)
        if text[pos:end].strip():
            paragraphs.append(Paragraph(pos, end))
        pos = brk.end() if brk is not None else len(text)
    return Article(id=doc["id"], origin=f"aquaint:{doc['id']}", text=text,
                   published=doc["published"], paragraphs=paragraphs or [Paragraph(0, len(text))])


def normalise(value: str | None) -> str | None:
    """A TimeML DATE value at its own precision, comparable as a string (see the module
    docstring); None stays None."""
    if value is None:
        return None
    value = value.split("T", 1)[0] if re.match(r"^\d{4}-\d\d-\d\dT", value) else value
    value = _TRAILING_UNKNOWN.sub("", value)
    week = _WEEK.match(value)
    if week:
        return f"{week.group(1)}-W{int(week.group(2)):02d}"
    return value


class _Tally:
    def __init__(self) -> None:
        self.total = self.found = self.right = 0

    def add(self, found: bool, right: bool) -> None:
        self.total += 1
        self.found += found
        self.right += right

    def share(self, part: int) -> float:
        return part / self.total if self.total else 0.0


def score(docs: list[dict[str, Any]], predicted: list[list[DateRef]]) -> SuiteResult:
    """Score predicted dates (one list per document, in order) against the gold."""
    every, dev, check = _Tally(), _Tally(), _Tally()
    misses = []
    for n, (doc, dates) in enumerate(zip(docs, predicted)):
        part = dev if n < DEV_DOCS else check
        for gold in doc["gold"]:
            s, e = gold["start"], gold["end"]
            hit = next((d for d in dates if d.start < e and s < d.end), None)
            want = normalise(gold["value"])
            right = hit is not None and normalise(hit.value) == want
            every.add(hit is not None, right)
            part.add(hit is not None, right)
            if not right:
                got = f"{hit.text!r} {hit.value}" if hit is not None else "not found"
                misses.append(f"{doc['id']} ({doc['published']}) {gold['text']!r}: "
                              f"want {want} got {got}")
    metrics = {"found": every.share(every.found),
               "value_accuracy": every.share(every.right),
               "value_accuracy_found": every.right / every.found if every.found else 0.0,
               "value_accuracy_dev": dev.share(dev.right),
               "value_accuracy_check": check.share(check.right)}
    report = [f"dates-aquaint: {every.total} gold dates in {len(docs)} documents",
              (f"  found {metrics['found']:.3f}  value right {metrics['value_accuracy']:.3f}"
               f"  (among found {metrics['value_accuracy_found']:.3f})"),
              (f"  dev (first {DEV_DOCS} documents) {metrics['value_accuracy_dev']:.3f}"
               f" of {dev.total}; check (the rest) {metrics['value_accuracy_check']:.3f}"
               f" of {check.total}")]
    report += [f"  miss {m}" for m in misses[:60]]
    counts = {"documents": len(docs), "gold": every.total, "found": every.found,
              "right": every.right, "dev_gold": dev.total, "check_gold": check.total}
    return SuiteResult("dates-aquaint", metrics, "\n".join(report), counts)


def run(coder: Coder, options: Any = None) -> SuiteResult | None:
    """Score `coder` on AQUAINT; None when the data is absent. `options.limit` scores
    only the first N documents."""
    path = shared_file(*AQUAINT_PARTS)
    if path is None:
        return None
    docs = load_aquaint(path)
    limit = getattr(options, "limit", None) if options is not None else None
    if limit:
        docs = docs[:limit]
    coded = list(coder.code_many(article_of(d) for d in docs))
    for doc in coded:
        for err in doc.errors:
            if err.stage == "tidings_dates":
                raise EvalError(f"date extraction failed on {doc.article.origin}: "
                                f"{err.message}")
    return score(docs, [c.dates for c in coded])
