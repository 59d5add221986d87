"""Item phrases: the product, product group or service type a number is about.

An item phrase starts after a flow word ("xuất khẩu máy vi tính, ..."), at an
item lead ("nhóm hàng ...") or at the start of a list element (after ";", ":",
"như", "là", "về", a number and its comma) and ends at the first stop word,
number, partner or punctuation that closes it. Commas may stand inside an item
("máy vi tính, sản phẩm điện tử và linh kiện"). A phrase of generic words only
("kim ngạch xuất khẩu hàng hóa của Việt Nam") says the number is about the
whole, which is a mention too: it ends the reach of an earlier item.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache

from extractor.records import frozen_record
from extractor.rules import lexicon
from extractor.rules.regions import Mask
from extractor.rules.scan import finditer_at, occurrences
from extractor.rules.trie import trie_pattern
from extractor.rules.vocab import PATTERNS, VOCAB
from extractor.rules.words import Spans, find_words

_P = PATTERNS.of("items")


@frozen_record
class ItemMention:
    start: int
    end: int
    item: str | None  # None: the whole (no item)
    back_reference: bool = False
    partner_follows: bool = False  # "giá trị xuất khẩu sang EU": a partner, not a new subject


_STOP_WORDS = (
    *lexicon.ITEM_STOPS,
    *(w for words in lexicon.FLOW_CUES.values() for w in words),
    *lexicon.SHARE_CUES,
    *lexicon.INCREASE_CUES,
    *lexicon.DECREASE_CUES,
    *VOCAB.words("item.phrase_ends"),
)
_STOP = re.compile(  # (a stop word is no part of a hyphened word: "metal-made products")
    r"(?<![\w-])(?:"
    + trie_pattern(set(_STOP_WORDS))
    + r")(?![\w-])|(?<!\w)\d|[;:()\[\]!?\"“”]|\.(?:\s|$)|…|\n"  # not "W320", "ST25"
)
_LIST_WORDS = VOCAB.words("item.list_words")
# A _P.list_starts match begins at 0, at one of _AT, or right after one of _AFTER.
_AT = (";", ":", "(", "\n", ")", *_LIST_WORDS)
_AFTER = (".", "!", "?", "…", "%", ")", *VOCAB.words("item.figure_ends"))
# Sentence openers after which a new subject follows a comma.
_CONNECTIVES = VOCAB.words("item.connectives")
_TOPIC_WORDS = VOCAB.words("item.topic_words")
_SUBJECT_VERBS = VOCAB.words("item.subject_verbs")
# Where an item phrase may begin, the literals such a place begins with, and whether a
# predicate must follow the phrase: sentence openers after which the subject follows a comma
# ("Trong khi đó, hàng dệt may đạt ...", "In the three-month period, cashews were estimated
# to earn ..."), and a goods phrase naming its product last ("Mặt hàng thứ 3 ... là cao su.")
_OPENERS = (
    (_P.connective, _CONNECTIVES, True),
    (_P.period_opener, VOCAB.words("item.period_openers"), True),
    (_P.period_named_opener, ("năm", "tháng", "quý"), True),
    (_P.source_opener, ("theo", "according to"), True),
    (_P.named_as_predicate, ("mặt hàng", "nhóm hàng", "đứng đầu", "dẫn đầu"), False),
    (_P.ranked_group_is, ("largest", "biggest", "leading"), True),
    (_P.with_subject, ("with",), True),
    (_P.buyers_of_vietnamese, ("importer", "buyer", "consumer", "market", "destination"), False),
    (_P.market_of_goods, ("thị trường",), False),
)


@lru_cache(maxsize=1024)
def fact_item(item: str | None) -> str | None:
    """The item a fact names: without the words a phrase's reach left at its ends ("cinnamon
    throughout", "cá tra sẽ") nor a generic head before the product it names ("sản phẩm túi
    xách, va li, ô dù" is of "túi xách, va li, ô dù", as the customs group's name has it).
    Done on the fact, not the mention, so the item options the LLM path shows stay as read."""
    if item is None:
        return None
    item = _without_loose_ends(item)
    low = item.lower()
    head = _P.leading_generic_head.match(low)
    return item[head.end() :] if head and _P.product_head.search(low, head.end()) else item


def _without_loose_ends(item: str) -> str:
    """``item`` trimmed at an end that holds a loose word, of it and of the generic words
    beside it ("mainly bought steel": "steel"), while a product is named; an end with generic
    words only is the mention's as cleaned ("phụ tùng khác", "hàng rau quả" stay)."""
    low = item.lower()
    span = _specific_span(item, low, (lexicon.GENERIC_WORDS, lexicon.LOOSE_ENDS))
    if span is None:
        return item
    start, end = span
    if not any(w.group() in lexicon.LOOSE_ENDS for w in _P.word.finditer(low[:start])):
        start = 0
    if not any(w.group() in lexicon.LOOSE_ENDS for w in _P.word.finditer(low, end)):
        end = len(item)
    trimmed = item[start:end].strip(" ,")
    return trimmed if _P.product_head.search(trimmed.lower()) else item


def _specific_span(
    phrase: str, low: str, ignored: tuple[frozenset[str], ...]
) -> tuple[int, int] | None:
    """From the first to the last word of ``phrase`` in none of the ``ignored`` sets (product
    words that look generic alone, "tư liệu sản xuất", "sầu riêng", kept); None: no such word."""
    words = list(_P.word.finditer(phrase))
    protected = {
        i
        for m in _P.product_words.finditer(low)
        for i, w in enumerate(words)
        if m.start() <= w.start() < m.end()
    }
    specific = [
        w for i, w in enumerate(words) if i in protected or _specific(w.group().lower(), ignored)
    ]
    return (specific[0].start(), specific[-1].end()) if specific else None


def _specific(word: str, ignored: tuple[frozenset[str], ...]) -> bool:
    return all(word not in words for words in ignored)


def _clean(phrase: str, partner_words: frozenset[str]) -> str | None:
    """Trim generic words at both ends; None when nothing specific is left."""
    if not phrase:  # half the list starts stand right before a number or a stop
        return None
    if dateline := _P.dateline_lead.match(phrase):  # "HCMC – Coffee exports": no "HCMC"
        phrase = phrase[dateline.end() :]
    if buyers := _P.buyers_of_vietnamese.search(phrase.lower()):  # "the largest destination
        phrase = phrase[buyers.end() :]  # of Vietnamese suitcases": the goods bought
    low = phrase.lower()
    if _P.goods_and_services.fullmatch(low.strip(" ,")):
        return None  # "worth of goods and services": all that is traded
    if not _P.product_head.search(low) and len(low) == len(phrase) and "Σ" not in phrase:
        # The item kept is cut at word boundaries and lowers to the same characters alone
        # (one per character, no final sigma): no product word in the phrase, none in it.
        return None
    span = _specific_span(phrase, low, (lexicon.GENERIC_WORDS, partner_words))
    if span is None:
        return None
    item = phrase[span[0] : span[1]].strip(" ,")
    return item if _P.product_head.search(item.lower()) else None


def _list_start_ends(low: str) -> list[int]:
    """The ends of ``_P.list_starts.finditer(low)``, trying the pattern only where a match
    can begin. ``finditer`` resumes at a match's end; after an empty match it takes a
    non-empty one at the same place if there is one."""
    candidates = set(occurrences(low, _AT))
    candidates.add(0)
    for literal in _AFTER:
        candidates.update(i + len(literal) for i in occurrences(low, (literal,)))
    ends: list[int] = []
    pos = 0
    for p in sorted(candidates):
        if p < pos:
            continue
        m = _P.list_starts.match(low, p)
        if m is None:
            continue
        ends.append(m.end())
        pos = m.end()
        if m.end() == p:
            again = _P.list_starts_nonempty.match(low, p)
            if again is not None:
                ends.append(again.end())
                pos = again.end()
    return ends


def _phrase_end(low: str, start: int, limit: int) -> int:
    """Where the item phrase from ``start`` ends: at a stop word that is not part of a
    product name ("riêng" ends "Riêng tháng 8" but not "sầu riêng")."""
    pos = start
    while True:
        m = _STOP.search(low, pos, limit)
        if m is None:
            return limit
        stop = m.start()
        starts, ends = _product_spans(low)  # the product name that covers the stop, if any
        i = bisect_right(starts, stop) - 1
        if i < 0 or stop >= ends[i]:
            return stop
        pos = ends[i]


@lru_cache(maxsize=8)
def _product_spans(low: str) -> tuple[list[int], list[int]]:
    """Where the product names of a text start and end (the matches of
    ``_P.product_words``, disjoint), from the one scan of every word list (``find_words``,
    once per text: many item phrases ask)."""
    spans = find_words(low)["item:product"]
    return [a for a, _ in spans], [b for _, b in spans]


def _english_item_before(
    text: str,
    low: str,
    cue_start: int,
    cue_end: int,
    partner_words: frozenset[str],
    quiet: Mask | None = None,
) -> ItemMention | None:
    """The product named right before an English flow word ("coffee exports rose"), if the
    words there hold one (past a source they begin in: ``_past_quiet``)."""
    if not _P.english_flow.fullmatch(low, cue_start, cue_end):
        return None
    ranked = _P.ranked_subject_before.search(low, max(0, cue_start - 90), cue_start)
    if ranked is not None:  # "telephones and components remain the leading export product"
        item = _clean(text[ranked.start(1) : ranked.end(1)], partner_words)
        return ItemMention(ranked.start(1), ranked.end(1), item) if item is not None else None
    m = _P.words_before.search(low, max(0, cue_start - 60), cue_start)
    if m is None:
        return None
    filler = _P.leading_filler.match(m.group(1))
    start = m.start() + (filler.end() if filler else 0)
    comma = low.rfind(",", start, cue_start)
    if comma >= 0 and not _P.list_end.search(low, comma, cue_start):
        start = comma + 1  # "Furthermore, tuna exports", "... and August, shrimp exports"
    start = _phrase_start(low, start)  # "Additionally, machinery and tools exports"
    if quiet is not None and start in quiet:
        start = _past_quiet(low, start, cue_start, quiet)
    for stop in _STOP.finditer(low, start, cue_start):  # "components remain the leading"
        start = stop.end()
    item = _clean(text[start:cue_start], partner_words)
    return ItemMention(start, cue_start, item) if item is not None else None


def _past_quiet(low: str, start: int, end: int, quiet: Mask) -> int:
    """Where the words before an English flow word begin when they begin in a source
    ("According to the Ministry of Industry and Trade, phone and component exports"): after
    the source."""
    while start < end and start in quiet:
        start += 1
    return _phrase_start(low, start)


def _phrase_start(low: str, start: int) -> int:
    """Where an item phrase begins: past spaces, commas and an English opening phrase
    ("Furthermore, tuna exports ...")."""
    while start < len(low) and low[start] in " ,":
        start += 1
    opening = _P.opening_phrase.match(low, start)
    return opening.end() if opening else start


def _predicate_follows(low: str, start: int, end: int, partner_words: frozenset[str]) -> bool:
    """A verb follows the phrase, or "từ" and a partner ("Vải các loại từ Trung Quốc đạt ..."),
    or its change ("including pepper, up 101%")."""
    if _P.predicate.match(low, end):
        return True
    if _P.change_follows.match(low, end):
        return not _P.noun_and_before.search(low, max(0, start - 24), start)
    source = _P.from_word.match(low, end)
    return source is not None and source.group(1) in partner_words


def _past_of(low: str, cue_end: int) -> int:
    """Where the item after a flow word begins: past "của" before an industry or product
    ("xuất khẩu của ngành gỗ"), not past "của Việt Nam"."""
    of = _P.of_item.match(low, cue_end)
    return of.end() if of else cue_end


def _cleaner(partner_words: frozenset[str]) -> Callable[[str], str | None]:
    """``_clean`` with ``partner_words``, each phrase cleaned once (a product named again
    gives the same phrase)."""
    cleaned: dict[str, str | None] = {}

    def clean(phrase: str) -> str | None:
        if phrase not in cleaned:
            cleaned[phrase] = _clean(phrase, partner_words)
        return cleaned[phrase]

    return clean


def _no_mention_at(
    low: str, start: int, end: int, quiet: Mask | None, whole_if_generic: bool
) -> bool:
    """A phrase in a source ("Theo Bộ Nông nghiệp và Phát triển nông thôn, khối lượng gạo"),
    with nothing to clean (a stop or a number right there), or in what holds a sentence's
    subject ("... là nhóm hàng chủ lực trong cơ cấu mặt hàng gỗ và sản phẩm gỗ", which a later
    "nhóm hàng này" does not refer to): no mention."""
    if (quiet is not None and start in quiet) or (end == start and not whole_if_generic):
        return True
    return bool(_P.container_before.search(low, max(0, start - 30), start))


def _before_subject_verbs(low: str) -> list[int]:
    """Starts of the product names right before a share verb or "which saw" ("... and shrimp
    accounting for 35 per cent", "... as well as cars which saw a 95.6 percent surge"): the
    subjects of the shares and changes."""
    heads = (
        _P.product_before_share.search(low, max(0, at - 40), at)
        for at in occurrences(low, _SUBJECT_VERBS)
    )
    return [head.start() for head in heads if head is not None]


def item_mentions(
    text: str,
    low: str,
    flow_ends: list[tuple[int, int, bool]],
    partner_words: frozenset[str],
    words: Spans | None = None,
    quiet: Mask | None = None,
) -> list[ItemMention]:
    """Every item phrase of the text (none begun in ``quiet``, a source that would swallow
    the item after it), and the whole-subject mentions that reset the item."""
    words = words if words is not None else find_words(low)
    mentions: dict[int, ItemMention] = {}
    n, whole, clean = len(low), _P.explicit_whole.search, _cleaner(partner_words)

    def add(
        start: int,
        *,
        whole_if_generic: bool,
        needs_predicate: bool = False,
        names_items: bool = True,
    ) -> None:
        start = _phrase_start(low, start)
        end = _phrase_end(low, start, min(n, start + 120))
        if _no_mention_at(low, start, end, quiet, whole_if_generic):
            return
        if needs_predicate and not _predicate_follows(low, start, end, partner_words):
            return  # no mention either way: checked before the phrase is cleaned
        item = clean(text[start:end])
        if item is not None and names_items:
            mentions[start] = ItemMention(start, end, item)
        elif item is None and whole_if_generic:
            follows = bool(_P.partner_direction.match(low, end)) and not whole(low, start, end)
            mentions.setdefault(start, ItemMention(start, end, None, partner_follows=follows))

    for cue_start, cue_end, names_items in flow_ends:
        before = _english_item_before(text, low, cue_start, cue_end, partner_words, quiet)
        if before is not None:
            mentions.setdefault(before.start, before)
        subject = bool(_P.subject_before.search(low[max(0, cue_start - 14) : cue_start]))
        add(_past_of(low, cue_end), whole_if_generic=subject, names_items=names_items)
    for start in [s for s, _ in words["item:lead"]] + _before_subject_verbs(low):
        add(start, whole_if_generic=False)
    for end in _list_start_ends(low):
        add(end, whole_if_generic=False, needs_predicate=True)
    for _, end in words["item:strong"]:  # the pattern takes the spaces after the marker
        add(_P.spaces.match(low, end).end(), whole_if_generic=False)  # type: ignore[union-attr]
    for opener, literals, predicate in _OPENERS:
        for m in finditer_at(opener, low, occurrences(low, literals)):
            add(m.end(), whole_if_generic=False, needs_predicate=predicate)
    for m in finditer_at(_P.topic_with, low, occurrences(low, _TOPIC_WORDS)):
        # "Với khí đốt hóa lỏng, lượng nhập khẩu ..."
        add(m.end(), whole_if_generic=False)
    for start, end in words["item:whole"]:
        if _P.whole_after.search(low[max(0, start - 8) : start]):
            continue  # "lớn nhất cả nước" compares with the whole; it is not the subject
        mentions.setdefault(start, ItemMention(start, end, None))
    _back_references(low, words["item:back"], mentions)
    _goods_and_services(low, mentions)
    return _outside_items(low, sorted(mentions.values(), key=lambda m: m.start))


def _back_references(
    low: str, spans: list[tuple[int, int]], mentions: dict[int, ItemMention]
) -> None:
    """ "nhóm hàng này", "these goods": the item named last; not the base of a share ("24.6
    per cent of the total imports of these goods"), which is no subject."""
    for start, end in spans:
        if not _P.total_of_before.search(low, max(0, start - 40), start):
            mentions[start] = ItemMention(start, end, None, back_reference=True)


def _goods_and_services(low: str, mentions: dict[int, ItemMention]) -> None:
    """ "worth of goods and services (shipped to Vietnam)": all that is traded, no product;
    the phrase replaces the mentions begun inside it ("services")."""
    if "services" not in low and "dịch vụ" not in low:
        return
    for m in _P.goods_and_services.finditer(low):
        for k in [k for k in mentions if m.start() <= k < m.end()]:
            del mentions[k]
        mentions[m.start()] = ItemMention(m.start(), m.end(), None)


def _outside_items(low: str, ordered: list[ItemMention]) -> list[ItemMention]:
    """A list start inside an item phrase is part of that item: drop it; a phrase holding a
    back reference ("turnover of this fish") is that reference: drop the phrase. A
    whole-subject mention right after an item ("Nhóm hàng gỗ ... của Việt Nam xuất khẩu chủ
    yếu sang Mỹ") has that item for its subject: drop it too."""
    kept: list[ItemMention] = []
    for mention in ordered:
        if mention.back_reference and kept and kept[-1].start < mention.start < kept[-1].end:
            kept.pop()  # "turnover of this fish": the phrase is the back reference
        if kept and kept[-1].item and not mention.back_reference:
            if kept[-1].start < mention.start < kept[-1].end:
                continue
            if mention.item is None and _P.subject_gap.fullmatch(low, kept[-1].end, mention.start):
                continue
        kept.append(mention)
    return kept


def phrase_after(text: str, low: str, start: int, partner_words: frozenset[str]) -> str | None:
    """The item written right after a number ("nhập khẩu 4,4 tỷ USD máy móc ... từ Trung Quốc")."""
    rest = low[start : start + 100]
    if rest.lstrip()[:1] in {",", ".", ";", ")", "("} or _P.next_element.match(rest):
        return None
    m = _P.phrase_after_lead.match(rest)
    begin = start + (m.end() if m else 0)
    if _P.back_ref.match(low, begin):
        return None
    if (
        begin == start + len(rest) - len(rest.lstrip())
        and _P.english_words.match(low, begin)
        and not _P.product_words.match(low, begin)
    ):
        return None  # English names the product after "of" ("$59.9 billion of computers")
    return phrase_at(text, low, begin, partner_words)


def phrase_at(text: str, low: str, start: int, partner_words: frozenset[str]) -> str | None:
    """The item a word such as "for" introduces ("35 percent for telephone and its components"):
    English is a product name there."""
    end = _phrase_end(low, start, min(len(low), start + 100))
    return _clean(text[start:end], partner_words)


def split_list(item: str, parts: int) -> list[str] | None:
    """Split "thủy sản và hàng rau quả" into the ``parts`` items a "lần lượt" list names."""
    for separators in (
        _P.list_by_semicolons,  # "điện thoại; máy móc, thiết bị; hàng dệt, may"
        _P.list_by_commas_and_and,
        _P.list_by_and,
        _P.list_by_commas,
    ):
        pieces = [p for p in separators.split(item) if p.strip()]
        if len(pieces) == parts:
            return pieces
    return None


def respective_names(
    text: str, low: str, start: int, end: int, parts: int, partner_words: frozenset[str]
) -> list[str] | None:
    """The ``parts`` names written before "lần lượt" in ``text[start:end]`` ("Xếp tiếp theo là
    điện thoại...; máy móc...; hàng dệt, may với kim ngạch"), each trimmed of generic words."""
    opening = _P.list_opening.match(low, start, end)
    begin = opening.end() if opening else start
    closing = _P.list_closing.search(low, begin, end)
    finish = closing.start() if closing else end
    pieces = split_list(text[begin:finish].strip(" ,"), parts)
    if pieces is None:
        return None
    names = [name for p in pieces if (name := _clean(p, partner_words)) is not None]
    return names if len(names) == len(pieces) else None
