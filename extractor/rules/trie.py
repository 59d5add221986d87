"""Compile a word list into one regex shaped like a trie.

Python's ``re`` tries the branches of ``a|b|c`` one after the other at every
position; a list of 150 country names then costs 150 attempts per character.
Factoring common prefixes ("trung quốc|trung đông" → "trung (?:quốc|đông)")
lets a failing position give up after one or two characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


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
