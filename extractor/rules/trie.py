"""Compile a word list into one regex shaped like a trie.

Python's ``re`` tries the branches of ``a|b|c`` one after the other at every
position; a list of 150 country names then costs 150 attempts per character.
Factoring common prefixes ("trung quốc|trung đông" → "trung (?:quốc|đông)")
lets a failing position give up after one or two characters.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence


def trie_pattern(words: Iterable[str]) -> str:
    """A regex (without anchors) matching exactly ``words``, longest alternatives first."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if end else body

    return build(trie)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what ``\w`` means for ``re`` on str


def _length_at(union_match: str, words: Collection[str], in_order: bool) -> int:
    """Length of the entry of ``words`` its own pattern takes where ``union_match`` stands.

    Every entry that matches there (whole word) is a prefix of the longest union entry
    that matches, and whether a word boundary follows it is read off that entry."""
    fits = [
        w
        for w in words
        if union_match.startswith(w)
        and (len(w) == len(union_match) or not _is_word_char(union_match[len(w)]))
    ]
    if not fits:
        return 0
    return len(fits[0]) if in_order else max(len(w) for w in fits)


class WordLists:
    """Several word lists found in one pass over a text.

    ``find`` gives, for each list, exactly the spans that list's own
    ``(?<![\\w])(?:words)(?![\\w])`` ``finditer`` gives: non-overlapping, leftmost first,
    the longest entry (``trie_pattern``) or, for lists named in ``in_order``, the first
    entry in list order (a plain ``a|b|c`` alternation). One scan costs about what one
    list cost before, whatever the number of lists.
    """

    def __init__(
        self, lists: Mapping[str, Sequence[str]], in_order: frozenset[str] = frozenset()
    ) -> None:
        union = {w for words in lists.values() for w in words}
        # Zero-width, so that entries starting inside another entry are found too.
        self._scan = re.compile(r"(?<![\w])(?=(" + trie_pattern(union) + r")(?![\w]))")
        self._names = tuple(lists)
        self._table: dict[str, tuple[tuple[str, int], ...]] = {}
        for u in union:
            self._table[u] = tuple(
                (name, n)
                for name, words in lists.items()
                if (n := _length_at(u, words, name in in_order))
            )

    def find(self, low: str) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = {name: [] for name in self._names}
        ends = dict.fromkeys(self._names, 0)
        table = self._table
        for m in self._scan.finditer(low):
            start = m.start()
            for name, n in table[m.group(1)]:
                if start >= ends[name]:  # finditer of that list resumes after its last match
                    found[name].append((start, start + n))
                    ends[name] = start + n
        return found
