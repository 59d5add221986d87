"""How often the literals of the rule patterns stand in the repo's articles.

``vocab.needs`` gates each pattern by sets of words every match holds, and where it can
choose between sets it takes the rarer ones: those rule out more of a text, so fewer
searches run for nothing. Rarity by length alone takes "nhập" or "xuất" over "này",
though a trade article holds the first two almost everywhere. This prints, for each
literal that stands (as a substring of the lower-cased text, as the one scan finds it)
in at least ``--least`` percent of the articles under samples/ and evalsets/ (the
held-out set aside), that percent: the ``[needs.met]`` table of
extractor/rules/vocab/needs.toml. Any choice gives the same matches; only the time
taken changes.

    .venv/bin/python scripts/common_literals.py [--least 5] > /tmp/met.toml
"""

from __future__ import annotations

import argparse
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

from extractor.normalise import normalise
from extractor.rules.document import lower
from extractor.rules.vocab import PATTERNS

ROOT = Path(__file__).resolve().parents[1]


def _articles() -> list[Path]:
    paths = sorted((ROOT / "samples").glob("*.txt"))
    for folder in sorted((ROOT / "evalsets").glob("*/articles")):
        paths += sorted(p for p in folder.rglob("*.txt") if "heldout" not in p.parts)
    return paths


def _literals(parsed: Any) -> set[str]:
    """Every run of literal characters of a parsed pattern, in any branch (whichever sets
    ``needs`` comes to choose, their words are among these)."""
    found: set[str] = set()
    for items in _sequences(parsed):
        for literal, run in itertools.groupby(items, key=lambda item: item[0] is C.LITERAL):
            if literal:
                found.add("".join(chr(code) for _, code in run))
    return found


def _sequences(items: Any) -> Iterator[Any]:
    """A parsed sequence and every sequence nested in it (lookarounds aside: they consume
    nothing)."""
    yield items
    for op, av in items:
        if op is C.BRANCH:
            for alternative in av[1]:
                yield from _sequences(alternative)
        elif op is C.SUBPATTERN:
            yield from _sequences(av[3])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            yield from _sequences(av[2])
        elif op is C.ATOMIC_GROUP:
            yield from _sequences(av)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--least", type=int, default=5, help="percent of articles")
    args = parser.parse_args()
    words = {
        w
        for module in PATTERNS.modules()
        for _, pattern in PATTERNS.of(module).items()
        for w in _literals(P.parse(pattern.pattern, pattern.flags))
        if len(w) >= 2 and not pattern.flags & re.IGNORECASE
    }
    texts = [lower(normalise(p.read_text(encoding="utf-8")).text) for p in _articles()]
    met: dict[str, int] = {}
    for w in words:
        percent = round(100 * sum(w in t for t in texts) / len(texts))
        if w.strip() and percent >= args.least:
            met[w.strip()] = max(met.get(w.strip(), 0), percent)
    print("[needs.met]")
    for w, percent in sorted(met.items()):
        print(f'"{w}" = {percent}')


if __name__ == "__main__":
    main()
