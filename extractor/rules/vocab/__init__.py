"""The rules' vocabulary: every word list and pattern, read from the TOML files here.

A list's name is its dotted path in its file ("flow.export", "item.stops"); a last key
``words`` is left out of the name ("share", "forecast"). A table of strings is a mapping
("partner": name as written → code), a table of numbers a numeric one ("number.en").
Loading validates the data (no empty list, no
entry twice in one list, no name in two files, entries lower-cased NFC and trimmed),
and every read is recorded so that a test can ask which lists no rule reads.

The regular expressions of the rules are data too: ``patterns/<module>.toml`` holds
the patterns of one rule module by name, which the module reads as ``_P.<name>``
(``PATTERNS.of("<module>")``). They are compiled when loaded, so a broken one fails
at import; inline flags (``(?i)``) stand where a pattern needs them.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.rules.vocab.first import with_first

FOLDER = Path(__file__).resolve().parent


class VocabError(ValueError):
    """The vocabulary data breaks one of its rules."""


def _check_entry(name: str, entry: Any) -> str:
    if not isinstance(entry, str) or not entry:
        raise VocabError(f"{name}: {entry!r} is not a non-empty string")
    if entry != unicodedata.normalize("NFC", entry).lower().strip():
        raise VocabError(f"{name}: {entry!r} is not lower-cased, NFC and trimmed")
    return entry


def _check_list(name: str, entries: list[Any]) -> tuple[str, ...]:
    if not entries:
        raise VocabError(f"{name}: empty list")
    seen: set[str] = set()
    for entry in entries:
        if _check_entry(name, entry) in seen:
            raise VocabError(f"{name}: {entry!r} is listed twice")
        seen.add(entry)
    return tuple(entries)


def _flatten(
    table: dict[str, Any], prefix: str, lists: dict[str, tuple[str, ...]], maps: dict
) -> None:
    if table and all(isinstance(v, str | int | float) for v in table.values()):
        maps[prefix] = {_check_entry(prefix, k): v for k, v in table.items()}
        return
    for key, value in table.items():
        name = prefix if key == "words" else f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _flatten(value, name, lists, maps)
        elif isinstance(value, list):
            lists[name] = _check_list(name, value)
        else:
            raise VocabError(f"{name}: {value!r} is neither a list nor a table")


class Vocabulary:
    """Named word lists and mappings; remembers which were read."""

    def __init__(self, folder: Path = FOLDER) -> None:
        self._lists: dict[str, tuple[str, ...]] = {}
        self._maps: dict[str, dict[str, Any]] = {}
        for path in sorted(folder.glob("*.toml")):
            lists: dict[str, tuple[str, ...]] = {}
            maps: dict[str, dict[str, Any]] = {}
            with path.open("rb") as f:
                _flatten(tomllib.load(f), "", lists, maps)
            clash = (lists.keys() | maps.keys()) & (self._lists.keys() | self._maps.keys())
            if clash:
                raise VocabError(f"{path.name}: {sorted(clash)} named in another file too")
            self._lists.update(lists)
            self._maps.update(maps)
        self._read: set[str] = set()

    def words(self, name: str) -> tuple[str, ...]:
        """The list ``name``, in its written order (the first entry listed can win)."""
        self._read.add(name)
        return self._lists[name]

    def mapping(self, name: str) -> dict[str, str]:
        """A table of names ("partner": name as written → code)."""
        self._read.add(name)
        found = self._maps[name]
        if not all(isinstance(v, str) for v in found.values()):
            raise VocabError(f"{name}: not a table of names")
        return {k: str(v) for k, v in found.items()}

    def numbers(self, name: str) -> dict[str, float]:
        """A table of numbers ("number.en": "one" → 1, "scale": "triệu" → 1e6)."""
        self._read.add(name)
        found = self._maps[name]
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in found.values()):
            raise VocabError(f"{name}: not a table of numbers")
        return {k: v for k, v in found.items() if isinstance(v, int | float)}

    def group(self, prefix: str) -> dict[str, tuple[str, ...]]:
        """The lists right below ``prefix`` by their last key ("flow" → export, import, ...)."""
        found = {
            name[len(prefix) + 1 :]: self.words(name)
            for name in self._lists
            if name.startswith(prefix + ".") and "." not in name[len(prefix) + 1 :]
        }
        if not found:
            raise KeyError(prefix)
        return found

    def keys(self, name: str) -> tuple[str, ...]:
        """The names a table gives a value to, in written order."""
        self._read.add(name)
        return tuple(self._maps[name])

    def tables(self) -> list[str]:
        """The names of the tables (mappings) rather than lists."""
        return sorted(self._maps)

    def names(self) -> list[str]:
        return sorted(self._lists.keys() | self._maps.keys())

    def unread(self) -> list[str]:
        """Lists and mappings no rule has read (after importing the modules that use them)."""
        return sorted(set(self.names()) - self._read)


VOCAB = Vocabulary()


class PatternSet:
    """The compiled patterns of one rule module, read as attributes.

    Plain attributes and no ``__getattr__``: with one, every read of a pattern (thousands
    per article) would go through the slow generic lookup instead of the interpreter's
    specialised one. A name that is not there is named by the error all the same: each
    set is of its own class, called after its file (``pattern_set``)."""

    def __init__(self, module: str, patterns: dict[str, re.Pattern[str]]) -> None:
        self._module = module
        self._patterns = patterns
        self.__dict__.update(patterns)

    def items(self) -> Iterator[tuple[str, re.Pattern[str]]]:
        return iter(self._patterns.items())

    if TYPE_CHECKING:  # for the type checker only: any name reads as a pattern

        def __getattr__(self, name: str) -> re.Pattern[str]: ...


def pattern_set(module: str, patterns: dict[str, re.Pattern[str]]) -> PatternSet:
    """The ``PatternSet`` of ``patterns/<module>.toml``: reading a name it lacks raises
    "AttributeError: 'patterns/<module>.toml' object has no attribute '<name>'"."""
    named = type(f"patterns/{module}.toml", (PatternSet,), {"__slots__": ()})
    return named(module, patterns)


# "{alt:forecast}": the entries of a word list as an alternation, in list order;
# "{raw:...}" the same unescaped, "{longest:...}" longest first, "{spaced:...}" longest
# first with a space as any white space, "{trie:...}" as a trie (``trie.trie_pattern``);
# "a+b" joins two lists, "a~b" leaves b's entries out of a; "{pat:y}" another pattern
# of the same file (a fragment).
_SLOT = re.compile(r"\{(alt|raw|longest|spaced|trie|pat):([\w.+\-~]+)\}")


def _entries(vocab: Vocabulary, names: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    names, *minus = names.split("~")
    for name in names.split("+"):
        found.update(
            dict.fromkeys(vocab.keys(name) if name in vocab.tables() else vocab.words(name))
        )
    left_out = {w for name in minus for w in _entries(vocab, name)}
    return tuple(w for w in found if w not in left_out)


def _expand(source: str, table: dict[str, Any], vocab: Vocabulary, where: str) -> str:
    from extractor.rules.trie import trie_pattern  # the package imports this module first

    def fill(m: re.Match[str]) -> str:
        kind, name = m.groups()
        if kind == "pat":
            if name not in table:
                raise VocabError(f"{where}: no pattern {name!r} in this file")
            return _expand(table[name], table, vocab, where)
        words = _entries(vocab, name)
        if kind == "trie":
            return trie_pattern(set(words))
        if kind in ("longest", "spaced"):
            words = tuple(sorted(words, key=len, reverse=True))
        if kind == "spaced":
            words = tuple(w.replace(" ", r"\s+") for w in words)
        return "|".join(map(re.escape, words) if kind == "alt" else words)

    return _SLOT.sub(fill, source)


def _compile(where: str, source: Any, table: dict[str, Any], vocab: Vocabulary) -> re.Pattern[str]:
    if not isinstance(source, str) or not source:
        raise VocabError(f"{where}: {source!r} is not a pattern")
    try:
        return with_first(re.compile(_expand(source, table, vocab, where)))
    except (re.error, KeyError) as e:
        raise VocabError(f"{where}: {e}") from None


class Patterns:
    """``patterns/<module>.toml`` files, one ``PatternSet`` each."""

    def __init__(self, folder: Path = FOLDER / "patterns", vocab: Vocabulary | None = None) -> None:
        vocab = vocab if vocab is not None else VOCAB
        self._sets: dict[str, PatternSet] = {}
        for path in sorted(folder.glob("*.toml")):
            with path.open("rb") as f:
                table = tomllib.load(f)
            self._sets[path.stem] = pattern_set(
                path.stem,
                {k: _compile(f"{path.name}: {k}", v, table, vocab) for k, v in table.items()},
            )

    def of(self, module: str) -> PatternSet:
        return self._sets[module]

    def modules(self) -> list[str]:
        return sorted(self._sets)


PATTERNS = Patterns()
