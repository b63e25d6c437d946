"""Quote extraction scored against PolNeAR: the dev split (suite `quotes-polnear`) and
the train split (`quotes-polnear-train`), reported apart.

PolNeAR (`../shared/benchmarks/quotes/polnear/`) annotates attributions in BRAT
standoff: a Source, a Cue and a Content span (Content may be several fragments, e.g.
a quote interrupted by its attribution). Articles annotated by several annotators
are read once, from the first annotation file in name order. Each article text
becomes one Article (paragraphs = non-blank lines) and is coded by `coder.code_many`.

Scoring:
- gold direct quotes are Content spans whose first fragment starts at a quotation
  mark (straight or curly) and whose later fragments start at one or inside the
  quotation ('"A," she said. "B. C."' may come as fragments A, B and C); content
  that merely contains a quoted phrase ('called it "a disaster"') is reported speech;
- the headline metrics count gold direct quotes of at least four words, because the
  output contract treats one to three quoted words as scare quotes, not quotes;
  `direct_f1_all` also counts the short ones;
- a predicted direct quote matches a gold one when each shares at least half of the
  other's words (bag of lower-cased words); pairs are taken greedily by overlap,
  one to one, per article;
- `speaker_accuracy`: over matched pairs whose gold Source is a name (its head word,
  before any comma or bracket, is capitalised and not a pronoun), the predicted
  `speaker_name` contains the gold head word ("Trump" for "Donald Trump");
- `speaker_accuracy_all`: the same test over EVERY gold direct quote (of at least
  four words) whose Source is a name; a gold quote we did not find counts as a wrong
  speaker, so a quote missed for want of an attribution lowers it too;
- reported speech (optional): gold Content spans that are not direct against our
  `direct=False` quotes, same word-overlap rule (`reported_f1`).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EvalError
from ..models import Article, Paragraph, Quote
from ..paths import shared_file
from .base import SuiteResult, prf

if TYPE_CHECKING:
    from ..nlp import Coder
    from .suites import EvalOptions

POLNEAR_PARTS = ("benchmarks", "quotes", "polnear")
SPLIT = "dev"
MIN_WORDS = 4
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_OPENING = "\"\u201c\u2018"
_BRAT_ID = re.compile(r"[TEARN#*]\d*$")
_NOT_NAMES = {"he", "she", "they", "it", "we", "i", "you", "the", "a", "an", "his", "her",
              "its", "their", "this", "that", "these", "those", "who", "which", "one",
              "mr", "mrs", "ms", "dr", "some", "many", "others", "both", "all"}


@dataclass
class GoldQuote:
    text: str                       # the content fragments joined by " | "
    frags: list[tuple[int, int]]
    direct: bool
    source: str | None

    @property
    def words(self) -> Counter[str]:
        return bag(self.text)


@dataclass
class GoldArticle:
    name: str
    text: str
    quotes: list[GoldQuote] = field(default_factory=list)


def bag(text: str) -> Counter[str]:
    """Lower-cased word counts: the unit of the half-overlap match."""
    return Counter(w.lower() for w in _WORD.findall(text))


def overlaps(a: Counter[str], b: Counter[str]) -> bool:
    """True when a and b share at least half of each other's words."""
    if not a or not b:
        return False
    common = sum((a & b).values())
    return common * 2 >= sum(a.values()) and common * 2 >= sum(b.values())


def _fragment_quoted(text: str, start: int, end: int) -> bool:
    frag = text[start:end]
    stripped = frag.lstrip()
    if stripped[:1] in _OPENING:
        return True
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i >= 0 and text[i] in _OPENING


def _inside_quotation(text: str, at: int) -> bool:
    """True when `at` lies inside a double-quoted stretch of its line: PolNeAR may cut
    a quote into one fragment a sentence, and '"A. B."' gives the fragment 'B.' no
    mark of its own."""
    line_start = text.rfind("\n", 0, at) + 1
    inside = False
    for ch in text[line_start:at]:
        if ch == "\u201c":
            inside = True
        elif ch == "\u201d":
            inside = False
        elif ch == '"':
            inside = not inside
    return inside


def read_brat(ann_path: Path, text: str) -> list[GoldQuote]:
    """Attributions of one PolNeAR .ann file as GoldQuotes (Content + Source)."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for lineno, line in enumerate(ann_path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split("\t")
        if not _BRAT_ID.match(parts[0]):
            continue  # blank, or the rest of a span text that runs over a line break
        try:
            if parts[0].startswith("T"):
                label, _, ranges = parts[1].partition(" ")
                frags = [tuple(map(int, r.split())) for r in ranges.split(";")]
                spans[parts[0]] = (label, [(a, b) for a, b in frags])
            elif parts[0].startswith("E"):
                events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
        except (ValueError, IndexError) as exc:
            raise EvalError(f"{ann_path.name}:{lineno}: unreadable BRAT line "
                            f"{line[:60]!r} ({exc})") from exc
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if content is None:
            continue
        frags = sorted(content[1])
        src = spans.get(ev.get("Source", ""))
        source = " ".join(text[a:b] for a, b in src[1]) if src else None
        # a later fragment may start inside the quotation the first one opened
        direct = _fragment_quoted(text, *frags[0]) and all(
            _fragment_quoted(text, a, b) or _inside_quotation(text, a) for a, b in frags[1:])
        out.append(GoldQuote(" | ".join(text[a:b] for a, b in frags), frags, direct, source))
    return out


def load_polnear(base: Path, split: str = SPLIT) -> list[GoldArticle]:
    """The split's articles, each with its first annotator's attributions."""
    ann_dir, text_dir = base / split / "attributions", base / split / "text"
    if not ann_dir.is_dir() or not text_dir.is_dir():
        raise EvalError(f"PolNeAR {split} split incomplete under {base}")
    seen: set[str] = set()
    out = []
    for ann in sorted(ann_dir.glob("*.ann")):
        name = re.sub(r"_[0-9a-f]+$", "", ann.stem)
        if name in seen:
            continue
        seen.add(name)
        txt = text_dir / f"{name}.txt"
        if not txt.exists():
            raise EvalError(f"PolNeAR: {ann.name} has no text file {txt.name}")
        text = txt.read_text(encoding="utf-8")
        out.append(GoldArticle(name, text, read_brat(ann, text)))
    return out


def article_of(name: str, text: str) -> Article:
    """An Article whose paragraphs are the non-blank lines of `text`."""
    paragraphs = [Paragraph(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)
                  if m.group().strip()]
    return Article(id=name, origin=f"polnear:{name}", text=text, paragraphs=paragraphs)


def source_head(source: str | None) -> str | None:
    """The gold source's name head ('Crowley' for 'Rep. Joseph Crowley (D-N.Y.), a ...'),
    or None when the source is not a name (pronoun, 'the businessman')."""
    if not source:
        return None
    # the head ends at an apposition, a bracket or a lower-case link word: "a longtime
    # adviser to Trump" and "a spokesman for committee Democrats" name nobody
    head = re.split(r"[,(\u2014]| (?:of|to|for|with|from|at|in|on|close|who|whose|which|"
                    r"that) ", source.replace("\u2019", "'"), maxsplit=1)[0]
    words = _WORD.findall(head)
    if not words:
        return None
    last = re.sub(r"['\u2019]s$", "", words[-1])
    if not last[:1].isupper() or last.lower() in _NOT_NAMES:
        return None
    return last


def speaker_correct(pred: Quote, gold: GoldQuote) -> bool:
    head = source_head(gold.source)
    if head is None or not pred.speaker_name:
        return False
    words = _WORD.findall(pred.speaker_name.replace("\u2019", "'"))
    if head.lower() in {w.lower() for w in words}:
        return True
    # "the IMF" for "International Monetary Fund"
    initials = "".join(w[0] for w in words if w[0].isupper())
    return head.isupper() and len(head) > 1 and head == initials


def match(preds: list[Quote], golds: list[GoldQuote]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs sharing half of each other's words,
    best overlap first."""
    pbags = [bag(p.text) for p in preds]
    gbags = [g.words for g in golds]
    cands = []
    for i, pb in enumerate(pbags):
        for j, gb in enumerate(gbags):
            if overlaps(pb, gb):
                cands.append((sum((pb & gb).values()), i, j))
    cands.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in cands:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


@dataclass
class _Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, n_pred: int, n_gold: int, n_match: int) -> None:
        self.tp += n_match
        self.fp += n_pred - n_match
        self.fn += n_gold - n_match


def score(articles: Iterable[GoldArticle], coded: Iterable[list[Quote]],
          error_sink: list[dict[str, Any]] | None = None,
          suite: str = "quotes-polnear", split: str = SPLIT) -> SuiteResult:
    """Score predicted quotes (one list per article, same order) against gold."""
    direct, direct_all, reported = _Tally(), _Tally(), _Tally()
    spk = _Speakers()
    n_articles = 0
    for art, quotes in zip(articles, coded):
        n_articles += 1
        preds = [q for q in quotes if q.direct]
        golds_all = [g for g in art.quotes if g.direct]
        golds = [g for g in golds_all if sum(g.words.values()) >= MIN_WORDS]
        pairs = match(preds, golds)
        direct.add(len(preds), len(golds), len(pairs))
        direct_all.add(len(preds), len(golds_all), len(match(preds, golds_all)))
        wrong = spk.add(preds, golds, pairs)
        if error_sink is not None:
            _sink_errors(error_sink, suite, art.name, preds, golds, pairs, wrong)
        rpreds = [q for q in quotes if not q.direct]
        rgolds = [g for g in art.quotes if not g.direct]
        reported.add(len(rpreds), len(rgolds), len(match(rpreds, rgolds)))
    p, r, f = prf(direct.tp, direct.fp, direct.fn)
    _, _, f_all = prf(direct_all.tp, direct_all.fp, direct_all.fn)
    rp, rr, rf = prf(reported.tp, reported.fp, reported.fn)
    metrics = {"direct_f1": f, "direct_precision": p, "direct_recall": r,
               "speaker_accuracy": spk.accuracy_found, "speaker_accuracy_all":
               spk.accuracy_all, "direct_f1_all": f_all,
               "reported_f1": rf, "reported_precision": rp, "reported_recall": rr}
    report = "\n".join([
        f"PolNeAR {split}: {n_articles} articles",
        f"{'':24}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}",
        _row(f"direct (>= {MIN_WORDS} words)", direct),
        _row("direct (all gold)", direct_all),
        _row("reported speech", reported),
        "speaker accuracy, found quotes with a named gold source: "
        + f"{spk.accuracy_found:.3f} ({spk.ok}/{spk.found})",
        "speaker accuracy, every gold quote with a named source (a missed quote is "
        + f"wrong): {spk.accuracy_all:.3f} ({spk.ok}/{spk.named})",
    ])
    counts = {"articles": n_articles, "gold_direct": direct.tp + direct.fn,
              "pred_direct": direct.tp + direct.fp, "speaker_scored": spk.found,
              "speaker_named_gold": spk.named, "gold_reported": reported.tp + reported.fn}
    return SuiteResult(suite, metrics, report, counts)


@dataclass
class _Speakers:
    """Speaker accuracy two ways: over the found quotes whose gold source is a name
    (`accuracy_found`, the measure up to issue 14), and over every gold direct quote
    whose source is a name, a quote we missed counting as a wrong speaker
    (`accuracy_all`)."""
    ok: int = 0
    found: int = 0
    named: int = 0

    def add(self, preds: list[Quote], golds: list[GoldQuote],
            pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Count one article; returns the (pred, gold) pairs with a wrong speaker."""
        self.named += sum(source_head(g.source) is not None for g in golds)
        wrong = []
        for i, j in pairs:
            if source_head(golds[j].source) is None:
                continue
            self.found += 1
            if speaker_correct(preds[i], golds[j]):
                self.ok += 1
            else:
                wrong.append((i, j))
        return wrong

    @property
    def accuracy_found(self) -> float:
        return self.ok / self.found if self.found else 0.0

    @property
    def accuracy_all(self) -> float:
        return self.ok / self.named if self.named else 0.0


def _sink_errors(sink: list[dict[str, Any]], suite: str, name: str, preds: list[Quote],
                 golds: list[GoldQuote], pairs: list[tuple[int, int]],
                 wrong: list[tuple[int, int]]) -> None:
    for i, j in wrong:
        sink.append({"suite": suite, "kind": "wrong_speaker", "article": name,
                     "text": preds[i].text[:200], "gold": golds[j].source,
                     "predicted": preds[i].speaker_name})
    hit_p = {i for i, _ in pairs}
    hit_g = {j for _, j in pairs}
    for i, p in enumerate(preds):
        if i not in hit_p:
            sink.append({"suite": suite, "kind": "spurious", "article": name,
                         "text": p.text[:200], "predicted": p.speaker_name})
    for j, g in enumerate(golds):
        if j not in hit_g:
            sink.append({"suite": suite, "kind": "missed", "article": name,
                         "text": g.text[:200], "gold": g.source})


def _row(label: str, t: _Tally) -> str:
    p, r, f = prf(t.tp, t.fp, t.fn)
    return f"{label:24}{p:7.3f}{r:7.3f}{f:7.3f}{t.tp:6d}{t.fp:6d}{t.fn:6d}"


def run(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """Score `coder` on the whole PolNeAR dev split (84 articles, about a minute on
    two cores); None when the data is absent. `options.limit` scores only the first
    N articles (in file-name order)."""
    return _run_split(coder, options, "dev", "quotes-polnear")


def run_train(coder: Coder, options: EvalOptions | None = None) -> SuiteResult | None:
    """Score `coder` on the PolNeAR train split (840 articles, several minutes), the
    larger set the rules are tuned on; the dev split is scored apart by `run`."""
    return _run_split(coder, options, "train", "quotes-polnear-train")


def _run_split(coder: Coder, options: EvalOptions | None, split: str,
               suite: str) -> SuiteResult | None:
    base = shared_file(*POLNEAR_PARTS)
    if base is None or not (base / split).is_dir():
        return None
    articles = load_polnear(base, split)
    limit = getattr(options, "limit", None) if options is not None else None
    if limit:
        articles = articles[:limit]
    coded = coder.code_many(article_of(a.name, a.text) for a in articles)
    quotes = []
    for doc in coded:
        for err in doc.errors:
            if err.stage == "tidings_quotes":
                raise EvalError(f"quote extraction failed on {doc.article.origin}: "
                                f"{err.message}")
        quotes.append(doc.quotes)
    sink = getattr(options, "error_sink", None) if options is not None else None
    return score(articles, quotes, sink, suite, split)
