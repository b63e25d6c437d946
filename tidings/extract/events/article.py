"""The article stage: each real-world event once, dated and placed where the text allows.

Sentences are coded one by one; a story then retells its main event ("the US attack",
"the raid", "the strikes", "the deadly US strike") and each retelling is a mention of
the same event, not a new one. This stage runs over the article's events in text order:

    join      a retelling joins the event it retells: a definite or possessive event noun
              ("the attack", "Washington's strike"), an act named as the subject of what
              it did ("the attack killed three"), a verb coordinated with the event's own
              ("killed or injured"), and a full account of an act first named only as a
              noun; never across types, negation, history, or stated dates, places and
              sides that disagree. "a recent attack" and "another raid" are new events.
    in passing  an event noun a veto dropped because it is told inside another act
              ("the government condemned the attack") is a telling of the event it
              names, chosen by the date and place of the noun's own phrase
    setting   a date or place in the sentence's frame ("In a meeting on Saturday, X
              said ...", "During his trip to Tehran, X met ..."), then what a joined
              mention says, then the article's lead paragraphs, then the publication date
              (`date_from` says which; `date_precision` is "published" for the last);
              a place from the paragraph's event before it, or the dateline (lead only).

The joined event keeps every mention (`Event.mentions`, each with its sentence, trigger
and rules), its most informative mention as its own sentence and trigger, and the id of
its first mention. Historical, future and hypothetical events get no date they do not
state themselves.
"""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from ...models import DateRef, Event, EventMention, Location, Mention, Place
from ...ontology.words import words
from ..datelines import body_paragraphs, dateline_span
from ..doc import doc_text
from ..event_context import (
    _best_place,
    _is_historical,
    _published_date,
)
from ..event_rules import active, register
from .countries import place_sides_in_article, place_sides_where

register("join_anaphor", "article",
         "Rebels attacked an army post near Kidal on Monday. The attack killed three "
         "soldiers.",
         "A definite or possessive event noun of the same type is a mention of the "
         "event it retells.")
register("join_coordinated", "article", "Gunmen killed or wounded 30 villagers in Kasese.",
         "Coordinated verbs of one type with the same sides are one act.")
register("join_account", "article",
         "Russia's attack on Kharkiv drew protests. Russian forces shelled Kharkiv with "
         "rockets.",
         "A full account of an act the story first named only as a noun joins it when "
         "its sides are named and agree.")
register("join_toll", "article",
         "Gunmen attacked an army post near Kidal on Monday. Three soldiers were killed.",
         "A sentence that only counts an act's dead or wounded, naming no one as doing "
         "it, right after the act is told, tells the same act.")
register("retold_in_passing", "article",
         "Rebels attacked an army post near Kidal on Monday. The government condemned "
         "the attack.",
         "An event noun a veto kept from being an event of its own ('condemned the "
         "attack') is a telling of the event it names, when one of its type was told.")
register("frame_setting", "article",
         "During his visit to Cairo on Monday, the minister signed a trade agreement "
         "with Egypt.",
         "A date or place in the frame that opens a sentence sets its events.")
register("mention_setting", "article",
         "Rebels attacked an army post near Kidal. The attack on Sunday killed three "
         "soldiers.",
         "An event undated or unplaced in one mention takes what another says.")
register("lead_date", "article",
         "Rebels attacked an army post near Kidal on Monday.\n\nThe army said it "
         "arrested two men.",
         "An undated event in the lead paragraphs takes the date the lead gives.")
register("dateline_place", "article",
         "KABUL, March 3 (AFP) - Police arrested 12 protesters on Monday.",
         "An unplaced event of the lead paragraph happened where the dateline says.")
register("paragraph_place", "article",
         "Crowds rallied outside city hall in Istanbul on Wednesday. Police detained 40 "
         "people.",
         "An unplaced event happened where the event told before it in its paragraph "
         "did.")
register("published_date", "article", "Rebels attacked an army post near Kidal.",
         "An event no sentence dates takes the publication date, marked as such.")

# Event nouns that name an act already told: "the act", "the operation", "the crime".
ACT_NOUNS = words("retold_act_nouns")
# Determiners of a retelling, and modifiers that make a new event ("another attack").
DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
NEW_EVENT = frozenset({"a", "an", "another", "second", "third", "earlier", "previous",
                       "fresh", "separate", "further", "latest", "one", "some", "several",
                       "series", "number"})
CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "maim", "hurt"})
TRAVEL_NOUNS = frozenset({"trip", "visit", "journey", "tour", "arrival", "stay", "mission"})
REAL = ("asserted", "reported")
LEAD_PARAGRAPHS = 3


class _Cluster:
    """One real-world event and the mentions that tell it, in text order."""

    def __init__(self, first: Event, nominal: bool):
        self.events = [first]
        self.all_nominal = nominal

    def countries(self, side: str) -> set[str]:
        return {c for e in self.events for c in _named(getattr(e, side), side)}

    def value(self, attr: str):
        return next((getattr(e, attr) for e in self.events if getattr(e, attr)), None)


def _trigger_span(doc: Doc, ev: Event):
    return doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")


def _trigger_token(doc: Doc, ev: Event) -> Token | None:
    """The trigger's head word: "meeting" of "a meeting", "carried" of "carried out
    airstrikes"."""
    span = _trigger_span(doc, ev)
    return None if span is None else span.root


def _nominal(tok: Token | None) -> bool:
    return tok is not None and tok.pos_ in ("NOUN", "PROPN")


def _determined(noun: Token) -> bool | None:
    """True for a retelling ("the attack", "Washington's strike", "the US raid"),
    False for a new event ("a recent attack", "another raid"), None when unsaid."""
    for cur in (noun, noun.head.head if noun.head.lower_ == "of" else None):
        if cur is None:
            continue
        kids = {c.lower_ for c in cur.children if c.dep_ in ("det", "amod", "nummod",
                                                             "predet")}
        if kids & NEW_EVENT:
            return False
        if kids & DEFINITE or any(c.dep_ == "poss" for c in cur.children):
            return True
    return None


def _anaphoric(doc: Doc, ev: Event) -> bool:
    """Does this mention retell an act already told?"""
    tok = _trigger_token(doc, ev)
    if tok is None:
        return False
    if _nominal(tok):
        return bool(_determined(tok))
    # the act as the subject of what it did: "the attack killed", "the crime that targeted"
    subj = tok.head if tok.dep_ == "relcl" else next(
        (c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.ent_type_ in ("PERSON", "NORP", "GPE", "ORG"):
        return False
    return subj.lemma_.lower() in ACT_NOUNS and bool(_determined(subj))


def _coordinated(doc: Doc, ev: Event, other: Event) -> bool:
    """"killed or injured 30", "killed one soldier and wounded two": one act told by two
    verbs (they share an object, or both count its victims); "beat protesters and fired
    rubber bullets" are two acts, as is a verb with a subject of its own."""
    a, b = _trigger_token(doc, ev), _trigger_token(doc, other)
    if a is None or b is None or a.dep_ != "conj" or a.head != b:
        return False
    if ev.type != "ASSAULT" and any(c.dep_ in ("nsubj", "nsubjpass") for c in a.children):
        return False  # "pledged aid, and both sides agreed to talks": a clause of its own
    own_object = [t for t in (a, b) if any(c.dep_ == "dobj" for c in t.children)]
    return len(own_object) < 2 or {a.lemma_, b.lemma_} <= CASUALTY_VERBS


def _named(refs, side: str = "source") -> set[str]:
    """The countries a side names: not those inferred from where it happened, nor (for
    a target) those of an object known only as text ("facilities in Syria")."""
    return {r.country for r in refs
            if r.country and not r.inferred and (r.actor or side == "source")}


def _agree(ours: set[str], theirs: set[str]) -> bool:
    return not ours or not theirs or bool(ours & theirs)


def _compatible(ev: Event, cl: _Cluster) -> bool:
    head = cl.events[0]
    if ev.type != head.type or ev.negated or head.negated or not _same_act(ev, head):
        return False
    if (ev.modality == "historical") != (head.modality == "historical") or \
            ev.modality not in (*REAL, "historical"):
        return False
    when = cl.value("date")
    if ev.date and when and not (ev.date.startswith(when) or when.startswith(ev.date)):
        return False
    where = cl.value("location")
    if ev.location and where and ev.location.country != where.country:
        return False
    theirs = {r.sector for e in cl.events for r in e.source if r.sector}
    ours = {r.sector for r in ev.source if r.sector}
    if ours and theirs and not ours & theirs:  # the gunmen's fire, the police's reply
        return False
    return all(_agree(_named(getattr(ev, side), side), cl.countries(side))
               for side in ("source", "target"))


def _codes_agree(a: str | None, b: str | None) -> bool:
    """CAMEO codes that can name one act: the same to the third digit, or either the
    type's root ("190" told as "195"); a release (084) is not an easing of sanctions (085)."""
    a, b = (a or "")[:3], (b or "")[:3]
    return not a or not b or a == b or a.endswith("0") or b.endswith("0")


def _same_act(ev: Event, other: Event) -> bool:
    """In one sentence, codes that can name one act: the same CAMEO code to the third
    digit, or one of them only the type's root ("190" told as "195"): "dissolved
    parliament following the arrest of the prime minister" tells two acts (172, 173).
    Across sentences a retelling often words the act otherwise, and may be coded so."""
    if ev.sentence is None or other.sentence is None or \
            ev.sentence.start != other.sentence.start:
        return True
    return _codes_agree(ev.cameo, other.cameo)


def _named_agreement(ev: Event, cl: _Cluster) -> int:
    """How many sides both name, with a country in common."""
    n = 0
    for side in ("source", "target"):
        ours = _named(getattr(ev, side), side)
        if ours and ours & cl.countries(side):
            n += 1
    return n


def _join_rule(doc: Doc, ev: Event, cl: _Cluster) -> str | None:
    """The rule by which `ev` joins `cl`, or None."""
    if not _compatible(ev, cl):
        return None
    if active("join_coordinated") and any(
            _coordinated(doc, ev, m) and m.sentence.start == ev.sentence.start
            for m in cl.events):
        return "join_coordinated"
    if active("join_anaphor") and _anaphoric(doc, ev) and \
            not (_named(ev.source) and not cl.countries("source")):
        # "the US bombing" does not retell "an attack on the airport" by no one named
        return "join_anaphor"
    if active("join_toll") and _toll_of(doc, ev, cl):
        return "join_toll"
    if active("join_account") and cl.all_nominal and ev.source and \
            _named_agreement(ev, cl) and cl.countries("source"):
        tok = _trigger_token(doc, ev)
        if tok is not None and tok.pos_ == "VERB":
            return "join_account"
    return None


def _toll_of(doc: Doc, ev: Event, cl: _Cluster) -> bool:
    """"... shelled Vovchansk. Three civilians were wounded.": a passive count of the
    victims, with no doer named, in the sentence right after the cluster's last telling
    and in its paragraph."""
    tok = _trigger_token(doc, ev)
    if tok is None or tok.lemma_.lower() not in CASUALTY_VERBS or ev.source or \
            any(c.dep_ == "agent" for c in tok.children):
        return False
    told = tok.head if tok.dep_ == "conj" and tok.head.lemma_.lower() in CASUALTY_VERBS \
        else tok  # "Four people were killed and dozens [injured]"
    if not any(c.dep_ == "nsubjpass" for c in told.children):
        return False
    last = cl.events[-1]
    gap = doc_text(doc)[last.sentence.end:ev.sentence.start]
    return 0 <= len(gap) <= 3 and "\n" not in gap


def _named_setting(doc: Doc, ev: Event, cl: _Cluster) -> int:
    tok = _trigger_token(doc, ev)
    if not _nominal(tok):
        return 0
    setting = _np_setting(doc, tok)
    return max(_setting_named(e, *setting) for e in cl.events)


def join_mentions(doc: Doc, events: list[Event]) -> list[list[Event]]:
    """The article's events grouped into real-world events, in order of first mention."""
    clusters: list[_Cluster] = []
    for ev in events:
        best, best_rule, best_score = None, None, -1
        for cl in clusters:
            rule = _join_rule(doc, ev, cl)
            if rule is not None:
                score = _named_agreement(ev, cl) + _named_setting(doc, ev, cl)
                if score >= best_score:  # ties: the latest told
                    best, best_rule, best_score = cl, rule, score
        nominal = _nominal(_trigger_token(doc, ev))
        if best is None:
            clusters.append(_Cluster(ev, nominal))
            continue
        best.events.append(ev)
        best.all_nominal = best.all_nominal and nominal
        ev.by.append(best_rule)
    return [cl.events for cl in clusters]


def _richness(ev: Event) -> tuple:
    return (ev.modality in REAL, bool(ev.source), bool(ev.date), bool(ev.location),
            bool(ev.target), ev.confidence)


def merged_event(group: list[Event]) -> Event:
    """One event of its mentions: the richest mention's fields, gaps filled from the
    others, the first mention's id, every mention listed."""
    first = group[0]
    best = max(group, key=_richness)
    mentions = [EventMention(id=e.id, sentence=e.sentence, trigger=e.trigger, by=e.by,
                             modality=e.modality) for e in group]
    if len(group) == 1:
        first.mentions = mentions
        return first
    out = Event(**{**best.__dict__, "id": first.id, "mentions": mentions,
                   "by": _union(e.by for e in group)})
    out.confidence = max(e.confidence for e in group)
    for attr in ("source", "target", "mode", "quote"):
        if not getattr(out, attr):
            setattr(out, attr, next((getattr(e, attr) for e in group if getattr(e, attr)),
                                    getattr(out, attr)))
    placed = next((e.location for e in group if e.location), None)
    if out.location is None and placed is not None and active("mention_setting"):
        out.location = placed
        out.by.append("mention_setting")
    if out.date:
        out.date_from = "clause"
    else:
        dated = next((e for e in group if e.date), None)
        if dated is not None and active("mention_setting"):
            out.date, out.date_precision, out.date_from = \
                dated.date, dated.date_precision, "mention"
            out.by.append("mention_setting")
    return out


def _union(lists) -> list[str]:
    out: list[str] = []
    for by in lists:
        out.extend(b for b in by if b not in out)
    return out


# ---------------------------------------------------------------- the setting

def _frame_owner(tok: Token, triggers: dict[int, Event]) -> tuple[Event | None,
                                                                  Token | None]:
    """The nearest event whose trigger governs `tok`, and the phrase through which it
    does when that phrase opens the clause before the trigger ("In a meeting on
    Saturday, X denounced"); None for a phrase after it ("accused Y of the killings in
    2019": the clause rules gave that date to what it belongs to, or to nothing)."""
    cur, below = tok.head, tok
    for _ in range(14):
        if cur.i in triggers:
            opener = below if below.dep_ in ("prep", "npadvmod", "advcl", "obl") and \
                below.i < cur.i else None
            return triggers[cur.i], opener
        if cur.head.i == cur.i:
            return _next_in_sentence(cur, below, triggers)
        cur, below = cur.head, cur
    return None, None


def _next_in_sentence(root: Token, opener: Token, triggers: dict[int, Event]) -> tuple[Event | None,
                                                                        Token | None]:
    """A frame that opens its parsed sentence but reaches no event there ("In a meeting
    on Saturday, Secretary of X Ali Shamkhani denounced ...", split by the parser before
    "Ali"): the first event after it before the sentence really ends."""
    if opener.dep_ != "prep" or opener.i != opener.sent.start or root.pos_ == "VERB":
        return None, None
    doc = opener.doc
    for tok in doc[opener.i:]:
        if tok.i in triggers:
            return triggers[tok.i], opener
        if tok.text in (".", "!", "?") or "\n" in tok.text:
            break
    return None, None


def _is_trip_place(tok: Token) -> bool:
    """"his trip to Tehran": where the traveller is."""
    head = tok.head
    return tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in \
        TRAVEL_NOUNS


def frame_settings(doc: Doc, events: list[Event]) -> None:
    """Give undated or unplaced events the date or place of the sentence frame that
    governs them (a fronted "In a meeting on Saturday", "During his trip to Tehran"),
    where the clause-level rules found none."""
    if not active("frame_setting"):
        return
    triggers: dict[int, Event] = {}
    for ev in events:
        span = _trigger_span(doc, ev)
        for tok in span if span is not None else ():
            triggers.setdefault(tok.i, ev)
    for d in doc._.dates or []:
        _set_from_frame(doc, d.start, d.end, triggers, date=d)
    for place in doc._.places or []:
        for m in place.mentions:
            _set_from_frame(doc, m.start, m.end, triggers, place=place)
    for ev in events:  # "In a meeting on Saturday in Tehran, the envoy condemned ..."
        tok = _trigger_token(doc, ev)
        owner, opener = _frame_owner(tok, triggers) if tok is not None else (None, None)
        if owner is None or owner is ev or opener is None or owner.modality not in REAL:
            continue
        if ev.date and owner.date is None:
            owner.date, owner.date_precision = ev.date, ev.date_precision
            owner.by.append("frame_setting")
        if ev.location and owner.location is None:
            owner.location = ev.location
            owner.by.append("frame_setting")


def _set_from_frame(doc: Doc, start: int, end: int, triggers: dict[int, Event],
                    date: DateRef | None = None, place=None) -> None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return
    root = span.root
    if place is not None and not _is_trip_place(root):
        return  # locative places were placed by the clause rules already
    owner, opener = _frame_owner(root, triggers)
    if place is not None and root.head.head.i in triggers:  # "visit to Cairo": the visit
        owner = opener = triggers[root.head.head.i]
    if owner is None or owner.modality not in REAL or opener is None:
        return
    if date is not None and date.value and date.precision and owner.date is None:
        owner.date, owner.date_precision = date.value, date.precision
        owner.by.append("frame_setting")
    elif place is not None and owner.location is None:
        owner.location = _best_place([place])
        owner.by.append("frame_setting")


def _lead_end(doc: Doc) -> int:
    paras = body_paragraphs(doc)
    if not paras:
        return len(doc_text(doc))
    return paras[min(LEAD_PARAGRAPHS, len(paras)) - 1].end


def _lead_date(doc: Doc, published: date | None) -> DateRef | None:
    """The first day-precise, non-historical date of the lead paragraphs."""
    end = _lead_end(doc)
    for d in sorted(doc._.dates or [], key=lambda d: d.start):
        if d.start >= end:
            break
        if d.value and d.precision == "day" and not _is_historical(d.value, published):
            return d
    return None


def settle_dates(doc: Doc, events: list[Event]) -> None:
    """Date every real event the text allows, and say where its date came from."""
    published = _published_date(doc)
    lead = _lead_date(doc, published) if active("lead_date") else None
    lead_end = _lead_end(doc)
    for ev in events:
        if ev.date:
            ev.date_from = ev.date_from or "clause"
            continue
        if ev.modality not in REAL:
            continue
        if lead is not None and ev.sentence.start < lead_end:
            ev.date, ev.date_precision, ev.date_from = lead.value, lead.precision, "lead"
            ev.by.append("lead_date")
        elif published is not None and active("published_date"):
            ev.date, ev.date_precision, ev.date_from = \
                published.isoformat(), "published", "published"
            ev.by.append("published_date")


def _dateline_place(doc: Doc):
    """The place the article's dateline names, if it opens with one."""
    span = dateline_span(doc)
    if span is None:
        return None
    for place in doc._.places or []:
        if any(span[0] <= x.start < span[1] for x in place.mentions):
            return place
    return None


def settle_places(doc: Doc, events: list[Event]) -> None:
    """Place unplaced real events: where the event told before it in the same paragraph
    happened ("Crowds rallied outside city hall in Istanbul ... Police detained 40";
    paragraph_place), else, in the lead paragraph, where the dateline says
    (dateline_place: a correspondent files the story's lead from where it happened, the
    rest maybe not)."""
    paras = body_paragraphs(doc)
    dateline = _dateline_place(doc) if active("dateline_place") else None
    last: dict[int, Location] = {}  # paragraph start -> the last place told in it
    lead = paras[0].start if paras else -1  # a dateline says where the lead happened
    for ev in sorted(events, key=lambda e: e.sentence.start):
        para = next((p.start for p in paras if p.start <= ev.sentence.start < p.end), -1)
        if ev.location is None and ev.modality in REAL:
            if para in last and active("paragraph_place"):
                ev.location = last[para]
                ev.by.append("paragraph_place")
                place_sides_where(ev)
            elif dateline is not None and para == lead:
                ev.location = _best_place([dateline])
                ev.by.append("dateline_place")
                place_sides_where(ev)
        if ev.location is not None and ev.modality in (*REAL, "historical"):
            last[para] = ev.location  # "On 23 May 2023, farmers protested in Warsaw"


# Vetoes that drop a candidate because it is told in passing, inside another act or
# statement ("condemned the attack", "the attack, which killed"): not because it did not
# happen. Such a noun still tells the event it names.
IN_PASSING = frozenset({"argument_of_other_event", "argument_of_speech_act",
                        "content_of_other", "consequence_of", "nominal_without_source",
                        "weak_nominal", "no_sides", "same_act_continued", "charged_with"})


def _np_setting(doc: Doc, noun: Token) -> tuple[str | None, Place | None]:
    """The date and the place an event noun's own phrase names: "Monday's strike", "the
    Nuseirat bombing", "the attack in Kabul"."""
    lo = noun.left_edge.idx
    hi = noun.right_edge.idx + len(noun.right_edge.text)
    when = next((d.value for d in doc._.dates or [] if d.value and d.precision and
                 lo <= d.start and d.end <= hi), None)
    where = next((p for p in doc._.places or [] for m in p.mentions
                  if lo <= m.start and m.end <= hi), None)
    return when, where


def _setting_agrees(ev: Event, when: str | None, where: Place | None) -> bool:
    if when and ev.date and not (ev.date.startswith(when) or when.startswith(ev.date)):
        return False
    return not (where and ev.location and where.country and ev.location.country and
                where.country != ev.location.country)


def _setting_named(ev: Event, when: str | None, where: Place | None) -> int:
    """How much of what the noun names the event has: its date, its place by name."""
    n = bool(when and ev.date and ev.date.startswith(when))
    if where and ev.location:
        a, b = where.name.lower(), ev.location.name.lower()
        n += a in b or b in a
    return n


def attach_retellings(doc: Doc, events: list[Event], vetoed) -> None:
    """Add each definite event noun a veto dropped in passing ("the government condemned
    the attack") to the latest real event of its type told before it, as a telling."""
    if not active("retold_in_passing"):
        return
    for v in vetoed:
        if v.rule not in IN_PASSING:
            continue
        span = doc.char_span(v.trigger.start, v.trigger.end, alignment_mode="expand")
        tok = span.root if span is not None else None
        if tok is None or not _nominal(tok) or not _determined(tok):
            continue
        when, where = _np_setting(doc, tok)
        told = [e for e in events if e.type == v.type and e.modality in REAL and
                not e.negated and e.mentions and e.mentions[0].trigger.start < v.trigger.start
                and _codes_agree(e.cameo, v.cameo) and _setting_agrees(e, when, where)]
        if not told:
            continue
        ev = max(told, key=lambda e: (_setting_named(e, when, where),
                                      max(m.trigger.start for m in e.mentions)))
        sent = tok.sent
        end = sent.start_char + len(sent.text.rstrip())
        ev.mentions.append(EventMention(
            id=f"{ev.id}.v{len(ev.mentions)}", sentence=Mention(sent.start_char, end,
                                                                 doc_text(doc)[sent.start_char:end]),
            trigger=v.trigger, by=[v.rule, "retold_in_passing"], modality=ev.modality))
        ev.mentions.sort(key=lambda m: m.trigger.start)
        if "retold_in_passing" not in ev.by:
            ev.by.append("retold_in_passing")


def code_article(doc: Doc, events: list[Event], vetoed=()) -> list[Event]:
    """The article stage over a document's sentence-coded events (and the candidates the
    vetoes dropped, some of which retell them)."""
    frame_settings(doc, events)
    merged = [merged_event(group) for group in join_mentions(doc, events)]
    attach_retellings(doc, merged, vetoed)
    settle_dates(doc, merged)
    settle_places(doc, merged)
    place_sides_in_article(merged)
    return merged


__all__ = ["attach_retellings", "code_article", "join_mentions", "merged_event",
           "settle_dates", "settle_places"]
