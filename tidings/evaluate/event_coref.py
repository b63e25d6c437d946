"""Events as analysts count them, scored on whole articles (eval/gold/event_coref.jsonl):
is each real-world occurrence one event, and is it dated and placed right?

The gold lists, per article, every occurrence once with all its mentions (character
offsets of the word of each telling), its date and its place. A gold mention is found
when a telling (an `Event.mentions` trigger) of a predicted event overlaps it. Metrics:

- mention_recall: gold mentions found;
- link_precision / link_recall / link_f1: over pairs of found gold mentions, "told as
  one event" by us (the same predicted event) against the gold (the same occurrence);
- counted_once: of the occurrences told two or more times and found at least twice,
  the share whose found mentions are all in one predicted event (the report also gives
  the mean number of records per such occurrence);
- date_accuracy: occurrences the gold dates, found: our event's date at the gold's
  precision (a day for a day, a month for a month);
- place_accuracy: occurrences the gold places, found: our event's place is the gold's
  (the same name, or one inside the other: "Deir ez-Zor" / "Deir ez-Zor Governorate").
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from itertools import combinations
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..models import Article, Event, Paragraph
from ..nlp import Coder
from ..paths import PROJECT_ROOT
from .base import SuiteResult, prf

GOLD = PROJECT_ROOT / "eval" / "gold" / "event_coref.jsonl"


@dataclass(frozen=True)
class GoldOccurrence:
    type: str
    mentions: tuple[tuple[int, int], ...]
    date: str | None
    place: str | None


@dataclass(frozen=True)
class CorefItem:
    id: str
    text: str
    published: str | None
    events: tuple[GoldOccurrence, ...]


def read_gold(path: Path) -> list[CorefItem]:
    """The gold file; a malformed line or an offset that is not its text is an error
    naming the line."""
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        origin = f"{path}:{n}"
        try:
            rec = json.loads(line)
            text = rec["text"]
            events = []
            for ev in rec["events"]:
                spans = []
                for m in ev["mentions"]:
                    if text[m["start"]:m["end"]] != m["text"]:
                        raise EvalError(f"mention {m['text']!r} is not at "
                                        f"{m['start']}:{m['end']}", origin)
                    spans.append((m["start"], m["end"]))
                events.append(GoldOccurrence(ev["type"], tuple(spans), ev.get("date"),
                                             ev.get("place")))
            items.append(CorefItem(str(rec["id"]), text, rec.get("published"),
                                   tuple(events)))
        except (ValueError, KeyError, TypeError) as exc:
            raise EvalError(f"malformed gold line ({type(exc).__name__}: {exc})",
                            origin) from exc
    return items


def article_of(item: CorefItem) -> Article:
    paras, pos = [], 0
    for block in item.text.split("\n\n"):
        paras.append(Paragraph(pos, pos + len(block)))
        pos += len(block) + 2
    return Article(id=item.id, origin=f"{GOLD.name}#{item.id}", text=item.text,
                   published=item.published, paragraphs=paras)


def _owner(span: tuple[int, int], events: list[Event]) -> Event | None:
    """The predicted event one of whose tellings overlaps the gold mention."""
    for ev in events:
        for m in ev.mentions or []:
            if m.trigger.start < span[1] and span[0] < m.trigger.end:
                return ev
    return None


def _same_date(gold: str, ours: str | None) -> bool:
    """Ours agrees with the gold at the gold's precision: "2024-03-11" with "2024-03",
    a week "2024-W19" (read as its Monday) with the month it starts in."""
    if not ours:
        return False
    week = re.fullmatch(r"(\d{4})-W(\d{2})", ours)
    if week:
        ours = date.fromisocalendar(int(week[1]), int(week[2]), 1).isoformat()
    return ours[:len(gold)] == gold


def _folded(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower())
                   if not unicodedata.combining(c))


def _same_place(gold: str, ev: Event) -> bool:
    """The same name, one inside the other, or one spelling of it ("Rafah" / "Rafaḩ",
    "Feodosia" / "Feodosiya")."""
    if ev.location is None:
        return False
    a, b = _folded(gold), _folded(ev.location.name)
    return a in b or b in a or SequenceMatcher(None, a, b).ratio() >= 0.85


@dataclass
class CorefScore:
    mentions: list[int] = field(default_factory=lambda: [0, 0])   # found, gold
    links: list[int] = field(default_factory=lambda: [0, 0, 0])  # tp, fp, fn
    records: list[int] = field(default_factory=list)
    dates: list[int] = field(default_factory=lambda: [0, 0])      # right, scored
    places: list[int] = field(default_factory=lambda: [0, 0])

    def add(self, item: CorefItem, events: list[Event]) -> None:
        found: list[tuple[int, Event]] = []  # (gold occurrence index, our event)
        for g, occ in enumerate(item.events):
            owners = [_owner(span, events) for span in occ.mentions]
            self.mentions[0] += sum(o is not None for o in owners)
            self.mentions[1] += len(owners)
            ours = [o for o in owners if o is not None]
            found += [(g, o) for o in ours]
            if len(ours) >= 2:
                self.records.append(len({id(o) for o in ours}))
            if ours and occ.date:
                self.dates[1] += 1
                self.dates[0] += _same_date(occ.date, ours[0].date)
            if ours and occ.place:
                self.places[1] += 1
                self.places[0] += _same_place(occ.place, ours[0])
        for (g1, e1), (g2, e2) in combinations(found, 2):
            gold_link, our_link = g1 == g2, e1 is e2
            self.links[0] += gold_link and our_link
            self.links[1] += our_link and not gold_link
            self.links[2] += gold_link and not our_link

    def metrics(self) -> dict[str, float]:
        p, r, f = prf(*self.links)
        out = {"mention_recall": self.mentions[0] / self.mentions[1] if self.mentions[1]
               else 0.0, "link_precision": p, "link_recall": r, "link_f1": f}
        if self.records:
            out["counted_once"] = sum(n == 1 for n in self.records) / len(self.records)
        for name, (right, n) in (("date_accuracy", self.dates),
                                 ("place_accuracy", self.places)):
            if n:
                out[name] = right / n
        return out


def run(coder: Coder, options: Any = None) -> SuiteResult | None:
    """Score the coder on eval/gold/event_coref.jsonl; None when the file is absent."""
    if not GOLD.is_file():
        return None
    items = read_gold(GOLD)
    if options is not None and getattr(options, "limit", None):
        items = items[:options.limit]
    score = CorefScore()
    for item, doc in zip(items, coder.code_many(article_of(i) for i in items),
                         strict=True):
        score.add(item, doc.events)
    m = score.metrics()
    mean = sum(score.records) / len(score.records) if score.records else 0.0
    report = "\n".join(f"{k:<18} {v:.3f}" for k, v in m.items()) + (
        f"\nrecords per occurrence told 2+ times: {mean:.2f} (1.00: each counted once); "
        "lower link_precision means different occurrences joined")
    return SuiteResult("events-coref", m, report,
                       counts={"articles": len(items),
                               "occurrences": sum(len(i.events) for i in items),
                               "gold_mentions": score.mentions[1],
                               "dated": score.dates[1], "placed": score.places[1]})
