"""Where memory goes on a long run: checkpoints while streaming N tiny articles.

    .venv/bin/python bench/memory_growth.py 30000                  # every 5,000 articles
    .venv/bin/python bench/memory_growth.py 30000 --every 2500 --trace-from 10000

The corpus is bench/memory.py's (one-sentence articles, each with its own report
number, as news has new numbers and names), coded in this process through
`pipeline.code_results`. At every checkpoint one JSON line gives: current and peak RSS;
glibc's heap (in use, free inside the heap, mmapped); spaCy's StringStore and Vocab
sizes and the Coder's model reloads; how many spaCy Language and Vocab objects are
alive (a model that outlives its reload shows here); the entries of every lru_cache
and per-word memo of tidings. With `--trace-from K`, tracemalloc starts at article K
and each later checkpoint prints the 12 source lines whose live allocations grew most
since then (what was allocated after K and is still held).
"""
from __future__ import annotations

import argparse
import ctypes
import functools
import gc
import json
import resource
import sys
import tempfile
import tracemalloc
import weakref
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from memory import write_corpus  # the same corpus as bench/memory.py


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
        "uordblks", "fordblks", "keepcost")]


def heap_mb() -> dict[str, float]:
    """glibc's view of the heap (mallinfo2): bytes in use, free inside the heap, mmapped."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
        info = libc.mallinfo2()
    except (OSError, AttributeError):
        return {}
    mb = 2 ** 20
    return {"heap_in_use_mb": round(info.uordblks / mb, 1),
            "heap_free_mb": round(info.fordblks / mb, 1),
            "mmapped_mb": round(info.hblkhd / mb, 1)}


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def tidings_caches() -> dict[str, int]:
    """Entries held by every lru_cache of a tidings module (by qualified name)."""
    out = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith("tidings") or module is None:
            continue
        for attr, value in list(vars(module).items()):
            if isinstance(value, functools._lru_cache_wrapper) \
                    and getattr(value, "__module__", None) == name:
                size = value.cache_info().currsize
                if size:
                    out[f"{name}.{attr}"] = size
    return out


def coder_memos(coder: Any) -> dict[str, int]:
    """The per-word maps the model's fast pipes keep (tidings/nlp.py)."""
    out = {}
    for name, pipe in coder.nlp.pipeline:
        memo = pipe.__dict__.get("_tidings_memo") if hasattr(pipe, "__dict__") else None
        if memo is not None:
            out[f"{name}.memo"] = len(memo)
        plan = getattr(pipe, "_tidings_plan", None)
        if plan and plan[1]:
            out[f"{name}.rule_keys"] = len(plan[1][2])
            out[f"{name}.folds"] = len(plan[1][3])
    return out


_MODELS: list[weakref.ref] = []  # every model the Coder has held, weakly


def live_models(coder: Any) -> dict[str, int]:
    """How many of the models the Coder has loaded are still alive (after a collection),
    and how many objects gc.freeze has put out of the collector's sight."""
    if not any(ref() is coder.nlp for ref in _MODELS):
        _MODELS.append(weakref.ref(coder.nlp))
    gc.collect()
    return {"models_loaded": len(_MODELS),
            "models_alive": sum(ref() is not None for ref in _MODELS),
            "gc_frozen": gc.get_freeze_count()}


def checkpoint(n: int, coder: Any) -> dict[str, Any]:
    vocab = coder.nlp.vocab
    row: dict[str, Any] = {
        "articles": n, "rss_mb": rss_mb(),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        **heap_mb(), "strings": len(vocab.strings), "lexemes": len(vocab),
        "reloads": getattr(coder, "reloads", None), **live_models(coder)}
    row["caches"] = tidings_caches() | coder_memos(coder)
    return row


def top_growth(start: tracemalloc.Snapshot, limit: int = 12) -> list[str]:
    now = tracemalloc.take_snapshot().filter_traces(
        [tracemalloc.Filter(False, tracemalloc.__file__)])
    stats = now.compare_to(start, "lineno")
    return [f"{s.size_diff / 2**20:+.2f} MB {s.count_diff:+d} blocks "
            f"{s.traceback[0].filename}:{s.traceback[0].lineno}" for s in stats[:limit]]


def run(n: int, every: int, trace_from: int | None, vocab_growth: int | None) -> None:
    from tidings import nlp
    from tidings.nlp import Coder
    from tidings.pipeline import code_results
    from tidings.readers import read_paths

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"tiny-{n}.jsonl"
        write_corpus(path, n)
        if vocab_growth is not None:
            nlp.VOCAB_GROWTH = vocab_growth
        coder = Coder()
        list(coder.code_many([]))
        print(json.dumps(checkpoint(0, coder)), flush=True)
        start = None
        docs = code_results(read_paths([str(path)]), coder=coder)
        for count, _doc in enumerate(docs, 1):
            if trace_from is not None and count == trace_from:
                tracemalloc.start()
                start = tracemalloc.take_snapshot()
            if count % every == 0 or count == n:
                print(json.dumps(checkpoint(count, coder)), flush=True)
                if start is not None and count > trace_from:
                    for line in top_growth(start):
                        print("   ", line, flush=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, nargs="?", default=30_000, help="articles to code")
    ap.add_argument("--every", type=int, default=5_000, help="articles between checkpoints")
    ap.add_argument("--trace-from", type=int, default=None,
                    help="start tracemalloc at this article")
    ap.add_argument("--vocab-growth", type=int, default=None,
                    help="new strings before the Coder reloads its model, if it does "
                    "(tidings.nlp.VOCAB_GROWTH): small values show what a reload keeps")
    args = ap.parse_args(argv)
    run(args.n, args.every, args.trace_from, args.vocab_growth)


if __name__ == "__main__":
    main()
