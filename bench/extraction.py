"""HTML body extraction benchmark: the tidings reader vs plain trafilatura, same run.

    .venv/bin/python bench/extraction.py [--worst N]

Scores both extractors on the ScrapingHub and Fundus pages under ../shared (word
4-gram shingle precision/recall/F1, see tidings/evaluate/html_extraction.py) and
prints pages per second on this machine. Exits 0 with a note when the data is absent.
"""
from __future__ import annotations

import argparse
import sys

from tidings.evaluate import html_extraction as hx

EXTRACTORS = {"tidings.read_html": hx.tidings_extract,
              "trafilatura.extract": hx.trafilatura_extract}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", type=int, default=0,
                        help="also list the N lowest-F1 pages for each run")
    args = parser.parse_args(argv)
    sets = {"scrapinghub": hx.load_scrapinghub(), "fundus": hx.load_fundus()}
    if all(pages is None for pages in sets.values()):
        print("benchmark data absent (../shared/benchmarks/extraction); nothing to do")
        return 0
    # Warm-up: the first call pays for imports and trafilatura's lazy setup.
    first = next(pages for pages in sets.values() if pages)[0]
    for extract in EXTRACTORS.values():
        extract(first.html, first.name)
    print(f"{'benchmark':<12} {'extractor':<20} {'pages':>5} {'P':>6} {'R':>6} "
          f"{'F1':>6} {'pages/s':>8}")
    for set_name, pages in sets.items():
        if not pages:
            continue
        for name, extract in EXTRACTORS.items():
            result = hx.score(pages, extract)
            print(f"{set_name:<12} {name:<20} {result.pages:>5} {result.precision:>6.3f} "
                  f"{result.recall:>6.3f} {result.f1:>6.3f} {result.pages_per_second:>8.1f}")
            for page, p, r in hx.worst_pages(result, args.worst):
                print(f"    {page[:40]:<40} P={p:.3f} R={r:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
