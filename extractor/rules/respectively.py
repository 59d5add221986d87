"""Lists read "lần lượt" / "respectively": names and figures zipped in order.

"A, B và C lần lượt đạt x; y và z": per metric, the k figures after the cue take the k
partners, items or periods named before it, in order (each key decided again, under a
rule name of this module).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left

from extractor.rules.context import Context, Resolved
from extractor.rules.cues import Cue
from extractor.rules.document import Document
from extractor.rules.items import respective_names, split_list
from extractor.rules.vocab import PATTERNS, VOCAB

_P = PATTERNS.of("respectively")
ZIPPED_PARTNERS = "respectively: partners"
PARTNERS_OF_LEVELS = "respectively: the partners of the levels before"
_LIST_JOIN = PATTERNS.of("partners").list_join  # "Japan, South Korea and China"
_ENGLISH = frozenset(VOCAB.words("respectively.en"))
_FIRST_WORDS = tuple(
    dict.fromkeys(
        w.split()[0]
        for w in VOCAB.words("respectively.vi")
        + VOCAB.words("respectively.vi_before_figures")
        + VOCAB.words("respectively.en_before_figures")
        + tuple(_ENGLISH)
    )
)

Span = tuple[int, int]


def _zip_periods(doc: Document, group: list[Resolved], lo: int, hi: int, span: Span) -> None:
    here = slice(bisect_left(doc.period_starts, lo), bisect_left(doc.period_starts, hi))
    periods = [p for p in doc.periods[here] if not p.previous_year]
    if len(periods) != len(group):
        return
    for r, p in zip(group, periods, strict=True):  # "tháng 12/2023 và cả năm 2023 ... lần lượt"
        year = p.year if p.year is not None else doc.main_year
        r.redecide("period", (year, p.start_month, p.end_month), "respectively: periods", span)


def _partners(doc: Document, lo: int, hi: int) -> list[Cue]:
    named = doc.partners[bisect_left(doc.partner_starts, lo) : bisect_left(doc.partner_starts, hi)]
    # "the European Union (EU) and Japan": a name and its abbreviation are one partner
    return [p for i, p in enumerate(named) if i == 0 or p.value != named[i - 1].value]


def _listed(doc: Document, partners: list[Cue]) -> bool:
    """The partners are written as one list ("Japan, South Korea and China")."""
    return all(
        _LIST_JOIN.fullmatch(doc.low, a.end, b.start) for a, b in itertools.pairwise(partners)
    )


def _zip_names(
    doc: Document, ctx: Context, group: list[Resolved], lo: int, hi: int, span: Span, s0: int
) -> None:
    k = len(group)
    partners = _partners(doc, lo, hi)
    if not partners:  # "A, B, C và D ... chiếm 84,7%, với thị phần lần lượt là ...": the
        partners = _partners(doc, s0, hi)  # names stand before the total's figure
    if len(partners) > k and _listed(doc, partners[-k:]):
        partners = partners[-k:]  # "Besides the US, ... to Japan, South Korea and China"
    if len(partners) == k:
        for r, partner in zip(group, partners, strict=True):
            r.redecide("partner", partner.value, ZIPPED_PARTNERS, span)
        return
    here = slice(bisect_left(ctx.item_starts, lo), bisect_left(ctx.item_starts, hi))
    items = [m for m in ctx.items[here] if m.item]
    names = split_list(items[-1].item or "", k) if items else None
    if names is None and len(items) == k:  # "X; Y; Z với kim ngạch lần lượt đạt"
        names = [m.item or "" for m in items]
    if names is None:  # "... là điện thoại; máy móc; hàng dệt, may với kim ngạch"
        names = respective_names(doc.text, doc.low, lo, hi, k, doc.partner_words)
    if names:
        for r, name in zip(group, names, strict=True):
            r.redecide("item", name, "respectively: items", span)


def _zip_flows(doc: Document, group: list[Resolved], lo: int, hi: int, span: Span) -> None:
    """ "xuất khẩu và nhập khẩu lần lượt đạt x và y": the figures take the two flows in order;
    of more figures, the last two ("two-way trade reached $36.88 billion, of which exports and
    imports were $25.98 billion and $10.9 billion, up 14.1% and 16.8% respectively")."""
    if len(group) < 2:
        return
    if len(group) > 2:  # (the pair named after the figure before the last two)
        lo, hi = group[-3].anchor.amount.end, max(hi, group[-2].anchor.amount.start)
        group = group[-2:]
    pairs = list(_P.flow_pair.finditer(doc.low, lo, hi))
    if not pairs:
        return
    pair = pairs[-1]  # the pair nearest the figures
    flows = ("export", "import") if pair.group("a") else ("import", "export")
    for r, flow in zip(group, flows, strict=True):
        r.redecide("flow", flow, "respectively: flows", span)


def _levels_before(group: list[Resolved], sentence: list[Resolved]) -> list[Resolved] | None:
    """The last levels of the sentence before a list of changes, as many as the changes (None
    when there are fewer): what "respectively" zips the changes with."""
    first = group[0].anchor.amount.start
    levels = [r for r in sentence if r.metric == "value" and r.anchor.amount.end <= first]
    return levels[-len(group) :] if len(levels) >= len(group) else None


def _zip_flows_of_levels(group: list[Resolved], levels: list[Resolved], span: Span) -> None:
    """ "194.3 billion USD in exports and 188.42 billion USD in imports, up 8.2 percent and 8.9
    percent ..., respectively": changes of one flow take the flows of as many levels of
    different flows before them, in order."""
    flows = [r.flow for r in levels]
    if len(set(flows)) < len(flows) or len({r.flow for r in group}) > 1:
        return
    for r, flow in zip(group, flows, strict=True):
        r.redecide("flow", flow, "respectively: the flows of the levels before", span)


def _zip_partners_of_levels(group: list[Resolved], levels: list[Resolved], span: Span) -> None:
    """ "the US was at the top with nearly US$1.2 billion, followed by China with US$1.15
    billion, and Japan nearly US$1.1 billion, down 33 percent, 15 percent and 14 percent
    year-on-year, respectively": the changes take the partners of as many levels before them,
    each of its own partner, in order."""
    partners = [r.partner for r in levels]
    if None in partners or len(set(partners)) < len(partners):
        return
    if len({r.partner for r in group}) == len(group):
        return  # (each change has a partner of its own already)
    for r, partner in zip(group, partners, strict=True):
        r.redecide("partner", partner, PARTNERS_OF_LEVELS, span)


def _zip_bases(group: list[Resolved], sentence: list[Resolved], hi: int, span: Span) -> None:
    """ "tăng x% và y% ..., tương ứng tăng a và b": the amounts take the percents' bases."""
    pcts = [r for r in sentence if r.metric == "change_pct" and r.anchor.amount.start < hi]
    if len(pcts) >= len(group):
        for r, pct in zip(group, pcts[-len(group) :], strict=True):
            r.redecide("basis", pct.basis, "respectively: the bases of the changes before", span)


def _last_list(doc: Document, group: list[Resolved], s0: int) -> tuple[list[Resolved], int]:
    """ "The US ... at $23.4 billion, followed by the EU and China at $21.5 billion and $15.5
    billion respectively": the figures joined as one list before the cue, when as many
    partners stand right before them (else the whole group, from the sentence's start)."""
    k = len(group)
    while k > 1 and _LIST_JOIN.fullmatch(
        doc.low, group[k - 2].anchor.amount.end, group[k - 1].anchor.amount.start
    ):
        k -= 1
    run = group[k - 1 :]
    if k == 1 or len(run) < 2:
        return group, s0
    floor = group[k - 2].anchor.amount.end
    if len(_partners(doc, floor, run[0].anchor.amount.start)) != len(run):
        return group, s0
    return run, floor


def _zip_sentence(doc: Document, ctx: Context, s0: int, s1: int, group: list[Resolved]) -> None:
    cue = doc.search(_P.respectively, s0, s1) or doc.search(_P.respectively_before_figures, s0, s1)
    if not cue:
        return
    english = cue.group() in _ENGLISH
    list_floor = s0
    if english:  # "A and B were $x and $y respectively, which meant ... $z": the figures before it
        before = [r for r in group if r.anchor.amount.end <= cue.start()]
        group = before if len(before) >= 2 else group
        group, list_floor = _last_list(doc, group, s0)
    list_end = group[0].anchor.amount.start if english else cue.start()
    for r in group:
        if r.anchor.amount.end <= list_end:
            list_floor = r.anchor.amount.end
    by_metric: dict[str, list[Resolved]] = {}
    for r in group:
        if r.anchor.amount.start >= list_end or english:
            by_metric.setdefault(r.metric, []).append(r)
    first = next(iter(by_metric), None)
    for metric, same in by_metric.items():
        if len(same) < 2:
            continue
        if english or metric == first:  # "lần lượt 17,4% và 21,4%, tương ứng với 418,7 nghìn
            # tấn, ... nâng ... lên 773,8 nghìn tấn": later figures are no list of periods
            _zip_periods(doc, same, list_floor, list_end, cue.span())
        _zip_names(doc, ctx, same, list_floor, list_end, cue.span(), s0)
        _zip_flows(doc, same, list_floor, list_end, cue.span())
        if metric in ("change_pct", "change_abs") and (levels := _levels_before(same, group)):
            _zip_flows_of_levels(same, levels, cue.span())
            _zip_partners_of_levels(same, levels, cue.span())
        if same[0].metric == "change_abs":
            _zip_bases(same, group, list_end, cue.span())


LISTED_PARTNERS = (
    "a list of partners, then as many values ('Hoa Kỳ, Áo, UAE với kim ngạch đạt ...')"
)


def _zip_partner_list(doc: Document, s0: int, s1: int, group: list[Resolved]) -> None:
    """Three or more partners listed, then as many values: the values take them in order."""
    cue = doc.search(_P.partner_list_figures, s0, s1)
    if not cue:
        return
    before = [r.anchor.amount.end for r in group if r.anchor.amount.end <= cue.start()]
    values = [r for r in group if r.anchor.amount.start >= cue.end() and r.metric == "value"]
    partners = _partners(doc, max(before, default=s0), cue.start())
    if len(values) >= 3 and len(partners) == len(values):
        for r, partner in zip(values, partners, strict=True):
            r.redecide("partner", partner.value, LISTED_PARTNERS, cue.span())


LISTED_FIGURES = (
    "a list of partners, then as many figures written as a list ('The UK, Germany and the "
    "Netherlands ..., and exports to them fell by 9.5 percent, 12.5 percent and 50.2 percent')"
)


def _figure_lists(doc: Document, group: list[Resolved]) -> list[list[Resolved]]:
    """Runs of two or more figures of one metric written as one list ("9.5 percent, 12.5
    percent and 50.2 percent")."""
    runs: list[list[Resolved]] = [[]]
    for r in group:
        run = runs[-1]
        if run and (
            r.metric != run[-1].metric
            or not _LIST_JOIN.fullmatch(doc.low, run[-1].anchor.amount.end, r.anchor.amount.start)
        ):
            runs.append(run := [])
        run.append(r)
    return [run for run in runs if len(run) >= 2]


def _zip_listed_figures(doc: Document, s0: int, group: list[Resolved]) -> None:
    """As many partners listed as figures listed after them, with no "respectively": a writer
    who lists k figures for k names gives them in order."""
    for run in _figure_lists(doc, group):
        start = run[0].anchor.amount.start
        lo = max((r.anchor.amount.end for r in group if r.anchor.amount.end <= start), default=s0)
        partners = _partners(doc, lo, start)
        if len(partners) != len(run) or not _listed(doc, partners):
            continue
        if any(r.partner not in (None, partners[-1].value) for r in run):
            continue
        span = (partners[0].start, partners[-1].end)
        for r, partner in zip(run, partners, strict=True):
            r.redecide("partner", partner.value, LISTED_FIGURES, span)


def zip_respectively(doc: Document, ctx: Context, resolved: list[Resolved]) -> None:
    """Zip every "lần lượt" / "respectively" sentence of ``resolved``."""
    by_sentence: dict[tuple[int, int], list[Resolved]] = {}
    for r in resolved:
        by_sentence.setdefault(r.anchor.sentence, []).append(r)
    for (s0, s1), group in by_sentence.items():
        if len(group) >= 3 and doc.low.find("với", s0, s1) != -1:
            _zip_partner_list(doc, s0, s1, group)
        if all(doc.low.find(w, s0, s1) == -1 for w in _FIRST_WORDS):
            if len(group) >= 2:
                _zip_listed_figures(doc, s0, group)
            continue  # every "respectively" cue starts with one of these words: skip the scan
        _zip_sentence(doc, ctx, s0, s1, group)


# The partner rules of this module: a figure one of them gave its partner is zipped with its list.
PARTNER_RULES = frozenset({ZIPPED_PARTNERS, PARTNERS_OF_LEVELS, LISTED_PARTNERS, LISTED_FIGURES})
