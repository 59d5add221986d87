"""Every literal the rules look for, found in one pass over a text (Aho–Corasick).

The rules ask where a few literal words start ("tính", "so với", ";") before they try a
pattern there (``scan.occurrences``). Looking for each literal with ``str.find`` costs
one call per occurrence of each; one automaton over every literal asked for so far
finds them all in one pass of C code, once per text.

The automaton learns a literal the first time one is asked for (at warm-up, in
practice). A text scanned before a literal was learnt has no entry for it, which is
noticed (each scan remembers the literals it knew) and answered with ``str.find``, so
every answer is exact, whatever the order of the questions or the threads asking.
"""

from __future__ import annotations

import threading
from collections.abc import KeysView
from functools import lru_cache

import ahocorasick

Hits = dict[str, list[int]]


class _Automaton:
    """The literals learnt so far and their automaton, built again (whole) for the next
    text after some were learnt: the first article teaches many lists, one at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.learnt: frozenset[str] = frozenset()
        self._built: tuple[frozenset[str], ahocorasick.Automaton | None] = (frozenset(), None)

    def learn(self, literals: tuple[str, ...]) -> None:
        if self.learnt.issuperset(literals):
            return
        with self._lock:
            self.learnt = self.learnt | frozenset(literals)

    def current(self) -> tuple[frozenset[str], ahocorasick.Automaton | None]:
        """The literals an automaton knows and the automaton (one tuple: readers see both
        or neither), of all learnt so far."""
        built = self._built
        if built[0] is self.learnt:
            return built
        with self._lock:
            learnt = self.learnt
            if self._built[0] is not learnt:
                automaton = ahocorasick.Automaton()
                for word in learnt:
                    automaton.add_word(word, (word, len(word) - 1))  # how far back it starts
                automaton.make_automaton()
                self._built = (learnt, automaton)
            return self._built


_AUTOMATON = _Automaton()


@lru_cache(maxsize=8)
def _hits(text: str) -> tuple[frozenset[str], Hits]:
    """Where each learnt literal starts in ``text``, in order, and which literals were learnt."""
    known, automaton = _AUTOMATON.current()
    hits: Hits = {}
    if automaton is not None:
        get = hits.get
        for end, (word, back) in automaton.iter(text):
            found = get(word)
            if found is None:
                hits[word] = [end - back]
            else:
                found.append(end - back)
    return known, hits


def _find_all(text: str, literal: str) -> list[int]:
    found = []
    i = text.find(literal)
    while i != -1:
        found.append(i)
        i = text.find(literal, i + 1)
    return found


def learn(literals: tuple[str, ...]) -> None:
    """Find ``literals`` in the one pass over each text from now on."""
    _AUTOMATON.learn(literals)


def learnt_hits(text: str) -> KeysView[str] | None:
    """The learnt literals that stand in ``text``, when every literal learnt so far was
    looked for in it (else None: ask ``present``)."""
    known, hits = _hits(text)
    return hits.keys() if known is _AUTOMATON.learnt else None


def present(text: str, literals: frozenset[str]) -> bool:
    """Whether one of ``literals`` stands anywhere in ``text`` (learn them first, else
    each is looked for on its own)."""
    known, hits = _hits(text)
    if literals <= known:
        return not hits.keys().isdisjoint(literals)
    return any(literal in hits if literal in known else literal in text for literal in literals)


# Each tuple of literals asked for, as a set: learnt when first asked (and ever after).
_ASKED: dict[tuple[str, ...], frozenset[str]] = {}


def starts(text: str, literals: tuple[str, ...]) -> list[int]:
    """Every position where one of ``literals`` starts (overlaps included), sorted."""
    words = _ASKED.get(literals)
    if words is None:
        _AUTOMATON.learn(literals)
        words = _ASKED[literals] = frozenset(literals)
    known, hits = _hits(text)
    if known is _AUTOMATON.learnt:  # every literal learnt, these too, was looked for in it
        get = hits.get  # (a lookup per literal asked: fewer than the text's literals)
        lists = [found for literal in literals if (found := get(literal)) is not None]
    else:
        lists = [
            found
            for literal in literals
            if (found := hits.get(literal) if literal in known else _find_all(text, literal))
        ]
    if len(lists) == 1:
        return list(lists[0])  # each literal's starts come sorted, once each
    return sorted(set().union(*lists))  # (two literals may start at one place)
