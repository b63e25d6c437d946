"""Peak memory while streaming N tiny articles through reading and coding.

    .venv/bin/python bench/memory.py                    # 10k and 20k articles
    .venv/bin/python bench/memory.py 10000 100000       # any sizes

For each size a JSONL file of N one-paragraph articles is written to a temp folder, then
a fresh process (so peaks do not carry over) reads it twice, as `tidings ingest` does
with a progress bar: once to count documents (the bar's total), once through
`pipeline.code_results`, dropping every coded document as it arrives. Reported: RSS
after the model is loaded, peak RSS after the count, and peak RSS at the end. If
everything streams, the peak does not grow with N beyond the input file itself
(the JSONL reader holds one input file's text while it walks its lines).
"""
from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUBJECTS = ["Police", "Protesters", "The army", "Rebels", "The ministry", "Officials",
            "The government", "Striking workers", "The opposition", "Border guards"]
VERBS = ["arrested", "met", "criticised", "attacked", "praised", "accused", "blocked"]
OBJECTS = ["dozens of students", "union leaders", "a convoy", "the mayor",
           "foreign diplomats", "the election commission", "a checkpoint"]
PLACES = ["in Quito", "near Goma", "in Lagos", "outside Kyiv", "in Manila", "in Bamako"]


def write_corpus(path: Path, n: int, seed: int = 3) -> int:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
                    f"{rng.choice(PLACES)} on Tuesday, officials said (report {i}).")
            fh.write(json.dumps({"id": f"m{i}", "text": text,
                                 "published": "2024-03-05T10:00:00Z"}) + "\n")
    return path.stat().st_size


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def child(path: str) -> None:
    """Runs in a fresh process: count, then code, streaming; print the memory figures."""
    from tidings.nlp import Coder
    from tidings.pipeline import code_results
    from tidings.readers import read_paths

    coder = Coder()
    list(coder.code_many([]))
    base = _rss_kb()
    start = time.perf_counter()
    total = sum(1 for _ in read_paths([path]))
    count_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    events = coded = 0
    for doc in code_results(read_paths([path]), coder=coder):
        coded += 1
        events += len(doc.get("events") or [])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"documents": total, "coded": coded, "events": events,
                      "rss_after_model_mb": round(base / 1024),
                      "peak_after_count_mb": round(count_peak / 1024),
                      "peak_mb": round(peak / 1024),
                      "seconds": round(time.perf_counter() - start, 1)}))


def main(sizes: list[int]) -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"tiny-{n}.jsonl"
            size = write_corpus(path, n)
            out = subprocess.run([sys.executable, __file__, "--child", str(path)],
                                 capture_output=True, text=True, check=True)
            row = json.loads(out.stdout.strip().splitlines()[-1])
            row["input_mb"] = round(size / 2**20, 1)
            rows.append(row)
            print(json.dumps(row), flush=True)
            path.unlink()
    if len(rows) > 1:
        grow = rows[-1]["peak_mb"] - rows[0]["peak_mb"]
        print(f"peak grew {grow} MB from {rows[0]['documents']} to {rows[-1]['documents']} "
              f"articles (input grew {rows[-1]['input_mb'] - rows[0]['input_mb']:.1f} MB)")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main([int(a) for a in sys.argv[1:]] or [10_000, 20_000])
