"""Compile a word list into one regex shaped like a trie.

Python's ``re`` tries the branches of ``a|b|c`` one after the other at every
position; a list of 150 country names then costs 150 attempts per character.
Factoring common prefixes ("trung quốc|trung đông" → "trung (?:quốc|đông)")
lets a failing position give up after one or two characters. ``WordLists`` finds
several word lists at once with an Aho–Corasick automaton, as their tries would.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence

import ahocorasick


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
    entry in list order (a plain ``a|b|c`` alternation). One Aho–Corasick pass finds every
    entry of every list, whatever the number of lists.
    """

    def __init__(
        self, lists: Mapping[str, Sequence[str]], in_order: frozenset[str] = frozenset()
    ) -> None:
        union = {w for words in lists.values() for w in words}
        # Every entry wherever it stands (inside other words and entries too), in one pass
        # of C code; ``_longest`` keeps what the union's own scan would take.
        self._automaton = ahocorasick.Automaton()
        for word in union:
            self._automaton.add_word(word, (word, len(word) - 1))
        self._automaton.make_automaton()
        self._names = tuple(lists)
        self._table: dict[str, tuple[tuple[str, int], ...]] = {}
        for u in union:
            self._table[u] = tuple(
                (name, n)
                for name, words in lists.items()
                if (n := _length_at(u, words, name in in_order))
            )

    def _longest(self, low: str) -> list[tuple[int, str]]:
        """Where ``(?<![\\w])(?=(union)(?![\\w]))`` matches and what it takes: at each start
        not inside a word, the longest entry that ends before a non-word character."""
        longest: dict[int, str] = {}
        # " " before the text and after it: no word character (``_is_word_char``, inlined)
        padded = f" {low} "
        for end, (word, back) in self._automaton.iter(low):
            before, after = padded[end - back], padded[end + 2]
            if before.isalnum() or before == "_" or after.isalnum() or after == "_":
                continue
            start = end - back
            if len(longest.get(start, "")) < len(word):
                longest[start] = word
        return sorted(longest.items())

    def find(self, low: str) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = {name: [] for name in self._names}
        ends = dict.fromkeys(self._names, 0)
        table = self._table
        for start, word in self._longest(low):
            for name, n in table[word]:
                if start >= ends[name]:  # finditer of that list resumes after its last match
                    found[name].append((start, start + n))
                    ends[name] = start + n
        return found
