"""HTML body extraction scored on two public benchmarks with gold article bodies.

- ScrapingHub article-extraction-benchmark (181 pages): the metric is its own - word
  4-gram shingles (multiset) per page, tp/fp/fn normalised per page so long pages do
  not weigh more, precision and recall averaged over pages, F1 from those averages.
- Fundus news benchmark (80 pages, 16 outlets): gold body paragraphs joined by blank
  lines, scored with the same shingle metric so both figures read alike.

`run()` is the `tidings eval` suite "html-extraction"; `bench/extraction.py` prints the
same figures beside plain `trafilatura.extract` for comparison.
"""
from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Any

from ..paths import shared_file
from .base import SuiteResult

SCRAPINGHUB = ("benchmarks", "extraction", "scrapinghub")
FUNDUS = ("benchmarks", "extraction", "fundus")
_WORD = re.compile(r"\w+", re.UNICODE)

# An extractor takes the page's raw bytes and its file name, and returns body text.
Extractor = Callable[[bytes, str], str]


@dataclass
class Page:
    """One benchmark page: raw HTML bytes and the gold article body."""
    name: str
    html: bytes
    gold: str


@dataclass
class Score:
    """Averaged precision/recall over pages, F1 of those, and throughput."""
    precision: float
    recall: float
    f1: float
    pages: int
    seconds: float
    per_page: dict[str, tuple[float, float, float]] = field(default_factory=dict)

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of word n-grams of `text`; a text shorter than n words is one shingle."""
    words = _WORD.findall(text or "")
    if not words:
        return Counter()
    return Counter(tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1)))


def match(gold: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, normalised to sum to 1 (all zeros when both are empty)."""
    want, got = shingles(gold), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def aggregate(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(precision, recall, F1): precision averaged over pages that predicted anything,
    recall over pages whose gold has anything, F1 from the two averages."""
    precs = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recs = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = mean(precs) if precs else 0.0
    r = mean(recs) if recs else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load_scrapinghub() -> list[Page] | None:
    """The ScrapingHub pages with gold bodies, or None when the data is absent."""
    base = shared_file(*SCRAPINGHUB)
    if base is None or not (base / "ground-truth.json").exists():
        return None
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        path = base / "html" / f"{key}.html.gz"
        if path.exists():
            pages.append(Page(key, gzip.decompress(path.read_bytes()),
                              truth[key].get("articleBody") or ""))
    return pages


def load_fundus() -> list[Page] | None:
    """The Fundus pages with gold bodies (paragraphs joined), or None when absent."""
    base = shared_file(*FUNDUS)
    if base is None or not (base / "ground_truth.json").exists():
        return None
    truth = json.loads((base / "ground_truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        path = base / "html" / key
        body = truth[key].get("body") or []
        gold = "\n\n".join(body) if isinstance(body, list) else str(body)
        if path.exists():
            pages.append(Page(key, gzip.decompress(path.read_bytes()), gold))
    return pages


def score(pages: list[Page], extract: Extractor) -> Score:
    """Run `extract` over every page and score it against the gold bodies."""
    per_page: dict[str, tuple[float, float, float]] = {}
    started = time.perf_counter()
    predictions = [(page, extract(page.html, page.name)) for page in pages]
    seconds = time.perf_counter() - started
    for page, predicted in predictions:
        per_page[page.name] = match(page.gold, predicted)
    p, r, f = aggregate(list(per_page.values()))
    return Score(p, r, f, len(pages), seconds, per_page)


def tidings_extract(html: bytes, name: str) -> str:
    """Body text as `tidings.readers.html.read_html` gives it ("" when it finds none)."""
    from ..readers.html import read_html

    result = read_html(html, name, None)
    return result.article.text if result.article else ""


def trafilatura_extract(html: bytes, name: str) -> str:
    """Plain `trafilatura.extract` with the benchmark's own settings, for comparison."""
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def run(coder: Any = None) -> SuiteResult | None:
    """Score the tidings HTML reader on both benchmarks; None when neither is present.

    `coder` is unused (no NLP is involved) but accepted to match the suite signature.
    """
    sets = {"scrapinghub": load_scrapinghub(), "fundus": load_fundus()}
    if all(pages is None for pages in sets.values()):
        return None
    metrics: dict[str, float] = {}
    counts: dict[str, int] = {}
    lines = [f"{'benchmark':<12} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8}"]
    for name, pages in sets.items():
        if not pages:
            continue
        result = score(pages, tidings_extract)
        metrics[f"{name}_f1"] = result.f1
        metrics[f"{name}_precision"] = result.precision
        metrics[f"{name}_recall"] = result.recall
        counts[f"{name}_pages"] = result.pages
        lines.append(f"{name:<12} {result.pages:>5} {result.precision:>6.3f} "
                     f"{result.recall:>6.3f} {result.f1:>6.3f} "
                     f"{result.pages_per_second:>8.1f}")
    return SuiteResult("html-extraction", metrics, "\n".join(lines), counts)


def worst_pages(result: Score, k: int = 10) -> list[tuple[str, float, float]]:
    """The k pages with the lowest F1, as (name, precision, recall), for error analysis."""
    rows = []
    for name, counts in result.per_page.items():
        p, r = _precision(*counts), _recall(*counts)
        rows.append((name, p, r, 2 * p * r / (p + r) if p + r else 0.0))
    rows.sort(key=lambda row: row[3])
    return [(name, p, r) for name, p, r, _ in rows[:k]]


def page_path(name: str) -> Path | None:
    """Where a benchmark page lives on disk, for looking at a bad one."""
    for parts, file in ((SCRAPINGHUB, f"{name}.html.gz"), (FUNDUS, name)):
        path = shared_file(*parts, "html", file)
        if path is not None:
            return path
    return None
