"""What the model may answer for one anchor: options built from the anchor's own window.

Small models choose among listed options far better than they generate: the partner,
item, period and comparison are offered as the mentions found around the number (plus
"none"), nearest first, and the metric is narrowed by the number's unit. The model
still decides; only its output space shrinks. A key with a single option is not asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extractor.llm.anchored.anchors import Anchor, Scan
from extractor.llm.anchored.hints import Hint, offered, period_words, usable
from extractor.numbers import Unit
from extractor.rules.document import lower
from extractor.rules.slots.basis import of_comparison  # the phrase → basis table
from extractor.types import Basis, Flow, Metric, Period, Sector

NONE = "0"
LETTERS = "abcdefghijklmnopqrstuvwxyz"
MAX_OPTIONS = 6

FLOWS: dict[str, Flow | None] = {
    "x": Flow.EXPORT,
    "n": Flow.IMPORT,
    "t": Flow.TOTAL,
    "b": Flow.BALANCE,
    NONE: None,  # not a figure of Vietnam's trade
}
METRICS: dict[str, Metric] = {
    "v": Metric.VALUE,
    "a": Metric.CHANGE_ABS,
    "c": Metric.CHANGE_PCT,
    "s": Metric.SHARE_PCT,
    "q": Metric.QUANTITY,
}
FLOW_CODES: dict[str, str] = {"export": "x", "import": "n", "total": "t", "balance": "b"}
# the metric options of a number whose clause has a change or share word: that one first
METRICS_BY_CUE: dict[tuple[Unit, str | None], tuple[str, ...]] = {
    (Unit.USD, "change"): ("a", "v"),
    (Unit.PERCENT, "share"): ("s", "c"),
}
METRICS_BY_UNIT: dict[Unit, tuple[str, ...]] = {
    Unit.USD: ("v", "a"),
    Unit.PERCENT: ("c", "s"),
    Unit.TONNE: ("q",),
}
LEVELS = frozenset({"v", "q", "s"})
CHANGES = frozenset({"a", "c"})
SECTORS: dict[str, Sector | None] = {NONE: None, "d": Sector.DOMESTIC, "f": Sector.FDI}
SERVICES_WORDS = ("dịch vụ", "service")


@dataclass(frozen=True)
class Option:
    code: str  # what the model answers
    text: str  # what the model reads
    value: str | Period | None  # what the answer means


@dataclass(frozen=True)
class Choices:
    """The options of one anchor; ``keys`` are the answer keys worth asking."""

    anchor: Anchor
    flows: tuple[Option, ...]
    metrics: tuple[str, ...]
    periods: tuple[Option, ...]
    partners: tuple[Option, ...]
    items: tuple[Option, ...]
    comparisons: tuple[Option, ...]
    sectors: tuple[str, ...]
    services: bool
    # the article's words (lower case, spaces folded) when the item may also be written as
    # in them, not only chosen: a hosted model names a product no vocabulary list holds
    written: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        """Every key this anchor may be asked, after "f" (the basis only of a change)."""
        changes = [m for m in self.metrics if m in CHANGES]
        levels = [m for m in self.metrics if m in LEVELS]
        found = self.keys_for(changes[0]) if changes else ()
        found += self.keys_for(levels[0]) if levels else ()
        order = ("m", "b", "p", "r", "i", "s", "c")
        return ("f", *(k for k in order if k in found))

    def keys_for(self, metric: str) -> tuple[str, ...]:
        """The keys a fact of this metric is asked, after "f"."""
        asked = {
            "m": len(self.metrics) > 1,
            "b": len(self.comparisons) > 1 and metric in CHANGES,
            "p": len(self.periods) > 1,
            "r": len(self.partners) > 1,
            "i": len(self.items) > 1 or bool(self.written),
            "s": len(self.sectors) > 1,
            "c": self.services,
        }
        return tuple(k for k, on in asked.items() if on)


def build_choices(
    scan: Scan,
    anchor: Anchor,
    main_year: int | None,
    hint: Hint | None = None,
    *,
    year_asked: bool = False,
    written: str = "",
) -> Choices:
    """The anchor's options; with ``hint`` (``hints``: the rule reading, the article's
    subject), also those the window does not hold; with ``year_asked`` (``years``), a
    period that names no year is of the article's year, which the model gives; with
    ``written`` (``written_words``), the item may be written as in the text."""
    w0, w1 = anchor.window
    lead = _lead(anchor)
    low = scan.low
    unit = anchor.amount.unit
    hint = hint or Hint()
    return Choices(
        anchor=anchor,
        flows=_flows(scan, anchor, lead),
        metrics=METRICS_BY_CUE.get((unit, anchor.metric_cue), METRICS_BY_UNIT[unit]),
        periods=_with_periods(_periods(scan, anchor, main_year, year_asked), hint),
        partners=_with_partners(_partners(scan, anchor, lead), hint),
        items=_with_items(_items(scan, anchor, _previous_sentence(scan, anchor)), hint)
        or ((Option(NONE, "none", None),) if written else ()),
        comparisons=_comparisons(scan, anchor),
        sectors=_sectors(scan, anchor, _previous_sentence(scan, anchor)),
        services=any(w in low[lead[0] : w1] for w in SERVICES_WORDS)
        or any(w in low[w0:w1] for w in SERVICES_WORDS),
        written=written,
    )


MAX_WRITTEN_CHARS = 80


def written_words(scan: Scan) -> str:
    """The article's words as a written item is checked against (``Choices.written``)."""
    return " ".join(scan.low.split())


def written_item(choices: Choices, raw: object) -> str:
    """An item the model wrote: words of the text (any case), else ValueError."""
    if isinstance(raw, str) and 2 <= len(raw.strip()) <= MAX_WRITTEN_CHARS:
        words = " ".join(raw.split())
        if " ".join(lower(words).split()) in choices.written:
            return words
    raise ValueError(f"i {raw!r} is neither an option nor words written in the text")


def _lead(anchor: Anchor) -> tuple[int, int]:
    """Where the paragraph's subject may be named: from its start up to the window."""
    return anchor.paragraph[0], anchor.window[0]


def _previous_sentence(scan: Scan, anchor: Anchor) -> tuple[int, int]:
    """The sentence before the window, inside the paragraph: where a subject the number's own
    sentence continues ("Trong đó, ...") is named. Further back, a long paragraph (or an article
    whose sentences are glued into one) offers the items and sectors of unrelated figures."""
    w0 = anchor.window[0]
    p0 = anchor.paragraph[0]
    if w0 <= p0:
        return w0, w0
    start = max(scan.regions.sentence_of(w0 - 1)[0], p0)
    return start, w0


Mention = tuple[int, str, str | Period | None]  # where, as written, what it means


def _nearest_first(mentions: Sequence[Mention], pos: int) -> list:
    """Mentions before the number nearest first, then those after it, each value once."""
    before = sorted((m for m in mentions if m[0] < pos), key=lambda m: -m[0])
    after = sorted((m for m in mentions if m[0] >= pos), key=lambda m: m[0])
    seen: list = []
    out = []
    for _, text, value in before + after:
        if value in seen:
            continue
        seen.append(value)
        out.append((text, value))
    return out[:MAX_OPTIONS]


def _lettered(found: list, *, none: str | None) -> tuple[Option, ...]:
    options = [Option(LETTERS[i], text, value) for i, (text, value) in enumerate(found)]
    if none is not None:
        options.append(Option(NONE, none, None))
    return tuple(options)


def _flows(scan: Scan, anchor: Anchor, lead: tuple[int, int]) -> tuple[Option, ...]:
    """The flow words around the number first, nearest first ("n=nhập khẩu"), then the
    other flows and "0" (no trade figure): small models lean to the first option."""
    w0, w1 = anchor.window
    mentions: list[Mention] = [
        (c.start, scan.text[c.start : c.end], FLOW_CODES[c.value])
        for c in scan.flows
        if c.value in FLOW_CODES and (w0 <= c.start < w1 or lead[0] <= c.start < lead[1])
    ]
    found = _nearest_first(mentions, anchor.amount.start)
    named = [Option(str(code), text, code) for text, code in found]
    rest = [Option(c, c, c) for c in FLOW_CODES.values() if c not in {o.code for o in named}]
    return (*named, *rest, Option(NONE, NONE, None))


def _partners(scan: Scan, anchor: Anchor, lead: tuple[int, int]) -> tuple[Option, ...]:
    w0, w1 = anchor.window
    mentions = [
        (c.start, scan.text[c.start : c.end], c.value)
        for c in scan.partners
        if w0 <= c.start < w1 or (lead[0] <= c.start < lead[1] and c.start >= lead[1] - 600)
    ]
    if scan.article_partner:
        mentions.append((-1, scan.article_partner, scan.article_partner))
    found = _nearest_first(mentions, anchor.amount.start)
    options = [Option(str(value), text, value) for text, value in found]
    return (*options, Option(NONE, "none", None)) if options else ()


def _items(scan: Scan, anchor: Anchor, lead: tuple[int, int]) -> tuple[Option, ...]:
    """The items of the number's window first, then "none", then those of the sentence
    before: a small model leans to the first options, and an item named only before the
    number's sentence is its subject less often than not."""
    w0, w1 = anchor.window
    here: list[Mention] = []
    before: list[Mention] = []
    named: str | None = None  # the item named last: what "nhóm hàng này" refers back to
    for m in scan.items:
        item = m.item if m.item else (named if m.back_reference else None)
        named = m.item or named
        if item and w0 <= m.start < w1:
            here.append((m.start, item, item))
        elif item and lead[0] <= m.start < lead[1]:
            before.append((m.start, item, item))
    found = _nearest_first(here, anchor.amount.start)
    earlier = [f for f in _nearest_first(before, anchor.amount.start) if f not in found]
    if not found and not earlier:
        return ()
    options = [Option(LETTERS[i], text, value) for i, (text, value) in enumerate(found)]
    options.append(Option(NONE, "none", None))
    start = len(found)
    options += [Option(LETTERS[start + i], t, v) for i, (t, v) in enumerate(earlier)]
    return tuple(options[: MAX_OPTIONS + 1])


def _periods(
    scan: Scan, anchor: Anchor, main_year: int | None, year_asked: bool = False
) -> tuple[Option, ...]:
    """Periods named in the paragraph up to the window's end, and the one in force before it
    (one that names no year in ``main_year``, or, when the year is asked, of the article's)."""
    main_year = None if year_asked else main_year
    p0 = anchor.paragraph[0]
    w1 = anchor.window[1]
    found = [p for p in scan.periods if usable(p)]
    here = [p for p in found if p0 <= p.start < w1]
    earlier = [p for p in found if p.start < p0]
    if earlier:
        here.append(earlier[-1])
    mentions: list[Mention] = [
        (p.start, scan.text[p.start : p.end], period)
        for p in here
        if (period := offered(p, main_year)) is not None
    ]
    if not mentions and (main_year is not None or year_asked):
        whole = Period(year=main_year, start_month=1, end_month=12)
        mentions.append((-1, f"năm {main_year}" if main_year else period_words(whole), whole))
    return _lettered(_nearest_first(mentions, anchor.amount.start), none=None)


def _comparisons(scan: Scan, anchor: Anchor) -> tuple[Option, ...]:
    """The comparison phrases of the number's sentence ("so với cùng kỳ năm trước")."""
    s0, s1 = anchor.sentence
    spans = [(a, b) for a, b in scan.regions.comparisons if s0 <= a < s1]
    spans += [(c.start, c.end) for c in scan.standalone_bases if s0 <= c.start < s1]
    mentions = [(a, scan.text[a:b].strip(" ,"), scan.text[a:b].strip(" ,")) for a, b in spans]
    # a comparison follows the change it qualifies ("giảm 4% so với cùng kỳ"): those after
    # the number come first
    pos = anchor.amount.start
    after = sorted((m for m in mentions if m[0] >= pos), key=lambda m: m[0])
    before = sorted((m for m in mentions if m[0] < pos), key=lambda m: -m[0])
    found = _nearest_first(after, pos) + _nearest_first(before, pos)
    found = [f for i, f in enumerate(found) if f[1] not in [g[1] for g in found[:i]]]
    return _lettered(found[:MAX_OPTIONS], none="none") if found else ()


def _sectors(scan: Scan, anchor: Anchor, lead: tuple[int, int]) -> tuple[str, ...]:
    w0, w1 = anchor.window
    named = {c.value for c in scan.sectors if w0 <= c.start < w1 or lead[0] <= c.start < lead[1]}
    codes = [code for code, sector in SECTORS.items() if sector is not None and sector in named]
    return (NONE, *codes) if codes else ()


def _with_partners(options: tuple[Option, ...], hint: Hint) -> tuple[Option, ...]:
    """The hint's partners not yet offered, before "none"."""
    taken = {o.value for o in options}
    new = [p for p in hint.partners if p not in taken]
    if not new:
        return options
    named = [o for o in options if o.code != NONE]
    return (*named, *(Option(p, p, p) for p in new), Option(NONE, "none", None))


def _with_items(options: tuple[Option, ...], hint: Hint) -> tuple[Option, ...]:
    """The hint's items not yet offered, after those of the window, before "none"."""
    taken = {o.value for o in options}
    new = [i for i in hint.items if i not in taken]
    new = new[: len(LETTERS) - len(options)]  # one letter each
    if not new:
        return options
    cut = next((k for k, o in enumerate(options) if o.code == NONE), len(options))
    values = [(o.text, o.value) for o in options[:cut]] + [(i, i) for i in new]
    values += [(o.text, o.value) for o in options[cut + 1 :]]
    lettered = [Option(LETTERS[k], t, v) for k, (t, v) in enumerate(values)]
    here = cut + len(new)
    return (*lettered[:here], Option(NONE, "none", None), *lettered[here:])


def _with_periods(options: tuple[Option, ...], hint: Hint) -> tuple[Option, ...]:
    """The hint's periods not yet offered, after the others; not the months of one offered
    with the article's year against one in a year (the same months read twice)."""
    taken = [o.value for o in options if isinstance(o.value, Period)]
    new = [p for p in hint.periods if not any(_same_months(p, o) for o in taken)]
    new = new[: len(LETTERS) - len(options)]  # one letter each
    if not new:
        return options
    start = len(options)
    return (*options, *(Option(LETTERS[start + k], period_words(p), p) for k, p in enumerate(new)))


def _same_months(a: Period, b: Period) -> bool:
    """One period, or the same months where one of the two is of the article's year."""
    months = (a.start_month, a.end_month) == (b.start_month, b.end_month)
    return months and (a.year == b.year or a.year is None or b.year is None)


def basis_of(phrase: str | None, period: Period) -> Basis:
    """The basis a chosen comparison phrase names; a change with none stated is year-on-year."""
    if phrase is None:
        return Basis.YOY
    named = of_comparison(phrase.lower(), (period.year, period.start_month, period.end_month))
    return Basis(named) if named else Basis.YOY
