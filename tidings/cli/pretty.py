"""Coded documents for a person at a terminal (rich): `tidings code --format pretty` and
`tidings show`.

Both render the contract dict of one document (docs/output.md): a heading, a table of
its events (who did what to whom, when, where, and why: the rules in `by`), then its
quotes, casualty reports and places; `show` first prints the text with triggers,
actors, places, dates and quotes marked (`marked_text`).
"""
from __future__ import annotations

import textwrap
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

# What `marked_text` styles, in the order a later one wins where spans overlap.
STYLES = {
    "quote": "italic green",
    "date": "magenta",
    "place": "bold cyan",
    "actor": "bold yellow",
    "trigger": "bold white on red",
}


def _one_line(value: Any) -> str:
    return " ".join(str(value or "").split())


def _fit(text: str, width: int, lines: int = 2) -> str:
    """`text` wrapped to `width`, cut to `lines` lines with an ellipsis."""
    rows = textwrap.wrap(text, width=max(4, width), break_on_hyphens=False) or [""]
    if len(rows) > lines:
        rows = rows[:lines]
        rows[-1] = rows[-1][:max(1, width - 1)].rstrip() + "…"
    return "\n".join(rows)


def _side(refs: list[dict[str, Any]], width: int) -> Text:
    """A side of an event: each participant's words with its actor code (dimmed)."""
    if not refs:
        return Text("—", style="dim")
    words = "; ".join(_one_line(r.get("text")) + (f" {r['code']}" if r.get("code") else "")
                      for r in refs)
    out = Text(_fit(words, width))
    out.highlight_words([r["code"] for r in refs if r.get("code")], style="dim")
    return out


def _when_where(event: dict[str, Any], width: int) -> Text:
    """The date (its precision when coarser than a day), the place beneath."""
    date = event.get("date")
    precision = event.get("date_precision")
    out = Text(date or "—", style="" if date else "dim")
    if date and precision == "published":  # the text does not date it
        out.append(" (pub.)", style="dim")
    elif date and precision and precision != "day" and precision not in date:
        out.append(f" ({precision})", style="dim")
    place = _one_line((event.get("location") or {}).get("name"))
    out.append("\n" + (_fit(place, width, 1) if place else "—"),
               style="cyan" if place else "dim")
    return out


def _what(event: dict[str, Any], width: int) -> Text:
    """Type, CAMEO code and modality; the trigger words and confidence beneath."""
    out = Text()
    if event.get("negated"):
        out.append("NOT ", style="bold red")
    out.append(str(event.get("type") or "?"), style="bold")
    if event.get("cameo"):
        out.append(f" {event['cameo']}")
    if event.get("modality") not in (None, "asserted"):
        out.append(f" {event['modality']}", style="italic")
    trigger = _one_line((event.get("trigger") or {}).get("text"))
    sure = event.get("confidence")
    out.append("\n“" + _fit(trigger, width - 7, 1) + "”" if trigger else "\n", style="red")
    if sure is not None:
        out.append(f" {float(sure):.2f}", style="dim")
    return out


def _why(event: dict[str, Any]) -> str:
    """The named rules that made the event (`by`)."""
    return ", ".join(event.get("by") or []) or "—"


def _widths(total: int) -> dict[str, int]:
    """Column widths for a console `total` columns wide (each cell at most two lines)."""
    fixed = {"#": 3, "when / where": 17}
    rest = max(40, total - sum(fixed.values()) - 2 * (len(fixed) + 4))
    share = {"who": 0.23, "did what": 0.27, "to whom": 0.22, "why (rules)": 0.28}
    out = {name: max(8, int(rest * part)) for name, part in share.items()}
    return fixed | out


def events_table(events: list[dict[str, Any]], total: int = 100) -> Table:
    """Who, did what, to whom, when and where, why: one row (two lines) per event. The
    why column is left out when no event carries its rules (`by`: a stored article)."""
    widths = _widths(total)
    names = ["#", "who", "did what", "to whom", "when / where", "why (rules)"]
    with_why = any(event.get("by") for event in events)
    if not with_why:
        names.pop()
        widths["who"] += widths["why (rules)"] // 3
        widths["to whom"] += widths["why (rules)"] // 3
        widths["did what"] += widths["why (rules)"] // 3 - 2
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for name in names:
        table.add_column(name, width=widths[name], no_wrap=True, overflow="ellipsis",
                         style="dim" if name in ("#", "why (rules)") else None)
    for event in events:
        cells: list[Any] = [str(event.get("id") or ""),
                            _side(event.get("source") or [], widths["who"]),
                            _what(event, widths["did what"]),
                            _side(event.get("target") or [], widths["to whom"]),
                            _when_where(event, widths["when / where"])]
        if with_why:
            cells.append(_fit(_why(event), widths["why (rules)"]))
        table.add_row(*cells)
    return table


def _quotes(doc: dict[str, Any]) -> list[Text]:
    lines = []
    for quote in doc.get("quotes") or []:
        line = Text("  ")
        line.append(_one_line(quote.get("speaker_name")) or "unattributed", style="bold")
        if quote.get("cue"):
            line.append(f" ({quote['cue']})", style="dim")
        line.append(": ")
        line.append(("“{}”" if quote.get("direct") else "{}").format(
            _one_line(quote.get("text"))), style=STYLES["quote"])
        line.no_wrap, line.overflow = True, "ellipsis"
        lines.append(line)
    return lines


def _casualties(doc: dict[str, Any]) -> list[Text]:
    lines = []
    for item in doc.get("casualties") or []:
        counts = [f"{n} {what}" for what, n in (("killed", item.get("killed")),
                                                ("injured", item.get("injured")),
                                                ("killed or injured",
                                                 item.get("killed_or_injured")))
                  if n is not None]
        line = Text("  " + (", ".join(counts) or "unknown count"), style="bold")
        line.append(f": “{_one_line(item.get('text'))}”")
        if item.get("event"):
            line.append(f" (event {item['event']})", style="dim")
        lines.append(line)
    return lines


def _places(doc: dict[str, Any]) -> Text:
    out = Text("  ")
    for i, place in enumerate(doc.get("places") or []):
        if i:
            out.append(", ")
        out.append(_one_line(place.get("name")), style=STYLES["place"])
        where = " ".join(str(v) for v in (place.get("country"), place.get("feature")) if v)
        n = len(place.get("mentions") or [])
        out.append(f" ({where}{' ×' + str(n) if n > 1 else ''})", style="dim")
    return out


def heading(doc: dict[str, Any]) -> Rule:
    article = doc.get("article") or {}
    title = _one_line(article.get("title")) or _one_line(article.get("origin")) or "(untitled)"
    return Rule(Text(title, style="bold"), align="left")


def facts(doc: dict[str, Any]) -> Text:
    article = doc.get("article") or {}
    bits = [f"{k} {_one_line(article.get(k))}" for k in ("id", "published", "source", "url")
            if article.get(k)]
    if article.get("origin") and article.get("title"):
        bits.append(_one_line(article["origin"]))
    counts = [f"{len(doc.get(k) or [])} {k}" for k in ("events", "actors", "quotes", "places")]
    return Text(" · ".join(bits + counts), style="dim")


def section(title: str, n: int) -> Text:
    return Text(f"{title} ({n})", style="bold underline")


def document_view(doc: dict[str, Any], width: int = 100, with_text: bool = False) -> Group:
    """One coded document (the contract dict) for the terminal, with its text marked
    first if `with_text`; a failed read as its origin and errors."""
    parts: list[Any] = []
    if doc.get("article") is None:
        for error in doc.get("errors") or []:
            parts.append(Text(f"✗ {error.get('origin') or 'document'}: "
                              f"[{error.get('stage')}] {error.get('message')}", style="red"))
        return Group(*(parts or [Text("✗ document not read", style="red")]))
    parts += [heading(doc), facts(doc)]
    if with_text:
        parts += [legend(), marked_text(doc["article"].get("text") or "", marked_spans(doc)),
                  Text()]
    events = doc.get("events") or []
    parts.append(section("Events", len(events)))
    parts.append(events_table(events, width) if events else Text("  none", style="dim"))
    for title, lines in (("Quotes", _quotes(doc)), ("Casualties", _casualties(doc))):
        if lines:
            parts += [section(title, len(lines)), *lines]
    if doc.get("places"):
        parts += [section("Places", len(doc["places"])), _places(doc)]
    for error in doc.get("errors") or []:
        parts.append(Text(f"! [{error.get('stage')}] {error.get('message')}", style="red"))
    return Group(*parts)


def marked_spans(doc: dict[str, Any]) -> dict[str, list[tuple[int, int]]]:
    """Character spans of the document's text to mark, by kind: actor mentions, place
    mentions, dates, quotes and event triggers."""
    def spans(items: list[dict[str, Any]]) -> list[tuple[int, int]]:
        return [(m["start"], m["end"]) for m in items
                if m.get("start") is not None and m.get("end") is not None]

    return {
        "actor": spans([m for a in doc["actors"] for m in a.get("mentions") or []]),
        "place": spans([m for p in doc["places"] for m in p.get("mentions") or []]),
        "date": spans(doc["dates"]),
        "quote": spans(doc["quotes"]),
        "trigger": spans([e["trigger"] for e in doc["events"]]),
    }


def marked_text(text: str, spans: dict[str, list[tuple[int, int]]]) -> Text:
    """`text` with each kind's character spans styled (STYLES); later kinds win."""
    out = Text(text)
    for kind, style in STYLES.items():
        for start, end in spans.get(kind, []):
            if 0 <= start < end <= len(text):
                out.stylize(style, start, end)
    return out


def legend() -> Text:
    out = Text("marked: ")
    for i, (kind, style) in enumerate(reversed(STYLES.items())):
        out.append("" if i == 0 else "  ")
        out.append(kind, style=style)
    return out


def console(width: int | None = None, color: bool | None = None) -> Console:
    """A console on standard output: the terminal's width (or `width`), colour only on a
    terminal unless `color` says otherwise (NO_COLOR is honoured by rich)."""
    return Console(width=width, force_terminal=color, no_color=color is False,
                   highlight=False, soft_wrap=False)
