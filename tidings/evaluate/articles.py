"""The events-articles suite: the event coder scored on whole news articles (issue 13).

Gold: eval/gold/events_articles.jsonl (a dev set; eval/README.md) and, scored the same way
by the suite events-articles-check, eval/gold/events_articles_check.jsonl (a CHECK split:
only scored, never read, nor run with --errors, while tuning). One article a line in
the events gold's format, its paragraphs separated by "\\n\\n" in "text". Each gold event is
one real-world occurrence: `trigger` is its first telling and `paragraph` (1-based) the
paragraph that telling is in; an act told again later ("the raid", "Monday's strike")
lists those tellings in an optional `retold`, each {"trigger", "paragraph"}.

How the coder's events meet the gold:
- Each article becomes one Article with one Paragraph per "\\n\\n" block, coded whole.
- The coder emits one record per occurrence, its other tellings in `Event.mentions`; a
  record counts once (not once per telling, as `Event.tellings()` would give).
- An occurrence the coder did not join is not spurious twice over: when two or more
  records of the same type each sit on a telling of one gold event (the trigger word
  there, in that paragraph), the first is kept and the others are counted as
  `unjoined_tellings` and left out of the scoring.
- Type and dyad P/R/F1 are then the events scorer's (tidings/evaluate/events.py), with the
  article as the item: a gold event matches a record of the same type anywhere in it.
- Recall by position is stricter: a gold event is *found in place* when a record of its
  type tells it in one of the paragraphs the gold tells it in (maximum matching per
  article). It is reported for events first told in paragraphs 1-2 and in 3 or later,
  to show whether late events are missed.
"""
from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EvalError
from ..models import Article, CodedDocument, Paragraph
from ..paths import PROJECT_ROOT
from .base import SuiteResult
from .events import GoldEvent, GoldItem, PredEvent, max_matching, read_own, score

if TYPE_CHECKING:
    from ..nlp import Coder
    from .suites import EvalOptions

ARTICLES_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_articles.jsonl"
ARTICLES_CHECK_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_articles_check.jsonl"
ARTICLES2_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_articles2.jsonl"
ARTICLES3_GOLD = PROJECT_ROOT / "eval" / "gold" / "events_articles3.jsonl"
SUITE = "events-articles"
CHECK_SUITE = "events-articles-check"
SUITE2 = "events-articles2"
SUITE3 = "events-articles3"
LATE_FROM = 3  # paragraphs 1-2 are the lead; an event first told from the 3rd on is late


@dataclass(frozen=True)
class Telling:
    trigger: str
    paragraph: int  # 1-based


@dataclass(frozen=True)
class ArticleItem:
    """One gold article: the events scorer's item, and where each gold event is told."""
    item: GoldItem
    paragraphs: tuple[Paragraph, ...]
    tellings: tuple[tuple[Telling, ...], ...]  # per gold event, the first telling first

    def first_paragraph(self, g: int) -> int:
        return self.tellings[g][0].paragraph


@dataclass(frozen=True)
class PredRecord:
    """A coded event with the paragraphs (1-based) and trigger words of its tellings."""
    pred: PredEvent
    paragraphs: frozenset[int]
    triggers: tuple[tuple[str, int], ...]  # (lower-cased trigger, paragraph)


def paragraph_spans(text: str) -> list[Paragraph]:
    """One Paragraph per "\\n\\n" block of the text."""
    paras, pos = [], 0
    for block in text.split("\n\n"):
        paras.append(Paragraph(pos, pos + len(block)))
        pos += len(block) + 2
    return paras


def article_of(art: ArticleItem) -> Article:
    item = art.item
    return Article(id=item.id, origin=item.origin or item.id, text=item.text,
                   published=item.published, paragraphs=list(art.paragraphs))


def _tellings(ev: dict[str, Any], blocks: list[str], origin: str) -> tuple[Telling, ...]:
    told = [{"trigger": ev.get("trigger"), "paragraph": ev.get("paragraph")},
            *ev.get("retold", [])]
    out = []
    for t in told:
        word, par = t.get("trigger"), t.get("paragraph")
        if not isinstance(par, int) or not 1 <= par <= len(blocks):
            raise EvalError(f"event {word!r}: paragraph {par!r} is not one of the article's "
                            f"{len(blocks)} paragraphs", origin)
        if not word or word not in blocks[par - 1]:
            raise EvalError(f"trigger {word!r} is not in paragraph {par}", origin)
        out.append(Telling(word, par))
    return tuple(out)


def read_articles(path: Path) -> list[ArticleItem]:
    """The gold articles of `path`; an EvalError names the article and what is wrong."""
    items = read_own(path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    out = []
    for item, rec in zip(items, records, strict=True):
        origin = f"{item.origin} ({item.id})"
        blocks = item.text.split("\n\n")
        if len(blocks) < 2:
            raise EvalError("an article needs paragraphs separated by a blank line", origin)
        try:
            tellings = tuple(_tellings(ev, blocks, origin) for ev in rec["events"])
        except (TypeError, AttributeError) as exc:
            raise EvalError(f"malformed paragraph or retold ({exc})", origin) from exc
        out.append(ArticleItem(item, tuple(paragraph_spans(item.text)), tellings))
    return out


def _paragraph_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)  # 1-based: starts[0] is 0


def pred_records(doc: CodedDocument, art: ArticleItem) -> list[PredRecord]:
    """Every coded event of the article once, with the paragraphs that tell it."""
    starts = [p.start for p in art.paragraphs]
    out = []
    for ev in doc.events:
        told: list[tuple[str, int]] = [(ev.trigger.text.lower(),
                                        _paragraph_of(starts, ev.trigger.start))]
        told += [(m.trigger.text.lower(), _paragraph_of(starts, m.trigger.start))
                 for m in ev.mentions]
        out.append(PredRecord(PredEvent.of(ev), frozenset(p for _, p in told), tuple(told)))
    return out


def _tells(rec: PredRecord, tellings: Sequence[Telling]) -> bool:
    """Whether the record's trigger sits on one of the gold event's tellings."""
    for word, par in rec.triggers:
        for t in tellings:
            gold = t.trigger.lower()
            if par == t.paragraph and (word in gold or gold in word):
                return True
    return False


def collapse_tellings(art: ArticleItem, recs: Sequence[PredRecord]) -> tuple[list[PredRecord], int]:
    """The records with unjoined tellings of one gold occurrence left out, and how many."""
    dropped: set[int] = set()
    for g, ev in enumerate(art.item.events):
        on = [i for i, r in enumerate(recs)
              if i not in dropped and r.pred.type == ev.type and _tells(r, art.tellings[g])]
        dropped.update(on[1:])
    return [r for i, r in enumerate(recs) if i not in dropped], len(dropped)


@dataclass
class PositionRecall:
    """Gold events found in place, split by the paragraph they are first told in."""
    found: list[int]  # [lead, late]
    total: list[int]

    def add(self, art: ArticleItem, recs: Sequence[PredRecord]) -> set[int]:
        def agrees(g: int, r: PredRecord) -> bool:
            gold: GoldEvent = art.item.events[g]
            told = {t.paragraph for t in art.tellings[g]}
            return gold.type == r.pred.type and bool(told & r.paragraphs)
        pairs = max_matching(list(range(len(art.item.events))), list(recs), agrees)
        hit = {g for g, _ in pairs}
        for g in range(len(art.item.events)):
            late = int(art.first_paragraph(g) >= LATE_FROM)
            self.total[late] += 1
            self.found[late] += g in hit
        return hit

    def metrics(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0
        return {"located_recall": ratio(sum(self.found), sum(self.total)),
                "recall_p12": ratio(self.found[0], self.total[0]),
                "recall_p3plus": ratio(self.found[1], self.total[1])}


def code_articles(coder: Coder, arts: Sequence[ArticleItem]) -> tuple[list[CodedDocument], int]:
    docs: list[CodedDocument] = list(coder.code_many(article_of(a) for a in arts))
    if len(docs) != len(arts):
        raise EvalError(f"coder returned {len(docs)} documents for {len(arts)} articles")
    return docs, sum(bool(d.errors) for d in docs)


def _error_records(scorer: Any, arts: Sequence[ArticleItem],
                   suite: str = SUITE) -> Iterable[dict[str, Any]]:
    """The events scorer's error records, a missed event's with its first paragraph."""
    by_id = {a.item.id: a for a in arts}
    missed_left: dict[str, list[int]] = {o.item.id: list(o.missed) for o in scorer.outcomes}
    for rec in scorer.errors(suite):
        if rec["kind"] == "missed":
            g = missed_left[rec["id"]].pop(0)
            rec = {**rec, "paragraph": by_id[rec["id"]].first_paragraph(g),
                   "trigger": by_id[rec["id"]].item.events[g].trigger}
        yield rec


def score_articles(arts: Sequence[ArticleItem], docs: Sequence[CodedDocument],
                   min_confidence: float = 0.0) -> tuple[Any, PositionRecall, int]:
    """The events scorer over the articles, recall by position, and unjoined tellings."""
    kept_all, unjoined = [], 0
    position = PositionRecall([0, 0], [0, 0])
    for art, doc in zip(arts, docs, strict=True):
        recs = [r for r in pred_records(doc, art) if r.pred.confidence >= min_confidence]
        kept, n = collapse_tellings(art, recs)
        unjoined += n
        position.add(art, kept)
        kept_all.append([r.pred for r in kept])
    return score([a.item for a in arts], kept_all), position, unjoined


def _position_report(position: PositionRecall, unjoined: int) -> str:
    m = position.metrics()
    found, total = position.found, position.total
    lines = [f"recall in place: {m['located_recall']:.3f} ({sum(found)}/{sum(total)})",
             f"  first told in paragraphs 1-2: {m['recall_p12']:.3f} ({found[0]}/{total[0]})",
             f"  first told in paragraph 3+:   {m['recall_p3plus']:.3f} ({found[1]}/{total[1]})",
             f"unjoined tellings (extra records on one occurrence, not scored): {unjoined}"]
    return "\n".join(lines)


def _anywhere_by_position(scorer: Any, arts: Sequence[ArticleItem]) -> str:
    """Type recall (a record of the type anywhere in the article) split the same way."""
    found, total = [0, 0], [0, 0]
    for out, art in zip(scorer.outcomes, arts, strict=True):
        hit = {g for g, _ in out.type_pairs}
        for g in range(len(art.item.events)):
            late = int(art.first_paragraph(g) >= LATE_FROM)
            total[late] += 1
            found[late] += g in hit
    return (f"type recall anywhere in the article: paragraphs 1-2 {found[0]}/{total[0]}, "
            f"paragraph 3+ {found[1]}/{total[1]}")


def run_articles(coder: Coder, options: EvalOptions | None = None,
                 path: Path | None = None) -> SuiteResult | None:
    """The long-article dev set; None when its file is absent."""
    return _run_suite(coder, options, path or ARTICLES_GOLD, SUITE)


def run_articles_check(coder: Coder, options: EvalOptions | None = None,
                       path: Path | None = None) -> SuiteResult | None:
    """The long-article CHECK split (eval/gold/events_articles_check.jsonl), scored exactly
    as the dev set; None when its file is absent. It is only ever scored: never read, nor
    run with --errors, while tuning the coder."""
    return _run_suite(coder, options, path or ARTICLES_CHECK_GOLD, CHECK_SUITE)


def run_articles2(coder: Coder, options: EvalOptions | None = None,
                  path: Path | None = None) -> SuiteResult | None:
    """The second long-article dev set (eval/gold/events_articles2.jsonl), scored as the
    first; None when its file is absent."""
    return _run_suite(coder, options, path or ARTICLES2_GOLD, SUITE2)


def run_articles3(coder: Coder, options: EvalOptions | None = None,
                  path: Path | None = None) -> SuiteResult | None:
    """The third long-article dev set (eval/gold/events_articles3.jsonl), scored as the
    first; None when its file is absent."""
    return _run_suite(coder, options, path or ARTICLES3_GOLD, SUITE3)


def _run_suite(coder: Coder, options: EvalOptions | None, path: Path,
               suite: str) -> SuiteResult | None:
    if not path.is_file():
        return None
    arts = read_articles(path)
    if options and options.limit:
        arts = arts[:options.limit]
    docs, n_failed = code_articles(coder, arts)
    scorer, position, unjoined = score_articles(
        arts, docs, options.min_confidence if options else 0.0)
    report = "\n".join([scorer.report(), _position_report(position, unjoined),
                        _anywhere_by_position(scorer, arts)])
    if n_failed:
        report += f"\n{n_failed} article(s) had coding errors (see `tidings code` on them)"
    if options and options.error_sink is not None:
        options.error_sink.extend(_error_records(scorer, arts, suite))
    counts = {**scorer.counts(), "coding_errors": n_failed, "unjoined_tellings": unjoined,
              "gold_p12": position.total[0], "gold_p3plus": position.total[1]}
    return SuiteResult(name=suite, metrics={**scorer.metrics(), **position.metrics()},
                       report=report, counts=counts)
