"""The rules' vocabulary is data that validates itself, and every list of it is read."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import extractor.llm.convert
import extractor.rules.extract
from extractor.rules.vocab import PATTERNS, VOCAB, Patterns, VocabError, Vocabulary


def _folder(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        (tmp_path / f"{name}.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_every_list_is_read_by_a_rule() -> None:
    assert extractor.llm.convert  # the LLM path reads its sign words from here too
    assert VOCAB.unread() == []


def test_a_list_is_named_by_its_path_without_words(tmp_path: Path) -> None:
    vocab = Vocabulary(
        _folder(tmp_path, a='[flow]\nexport = ["xuất khẩu"]\n[share]\nwords = ["chiếm"]')
    )
    assert vocab.names() == ["flow.export", "share"]
    assert vocab.group("flow") == {"export": ("xuất khẩu",)}
    assert vocab.unread() == ["share"]


def test_a_table_of_strings_is_a_mapping(tmp_path: Path) -> None:
    vocab = Vocabulary(_folder(tmp_path, a='[partner]\n"hoa kỳ" = "US"\n"mỹ" = "US"'))
    assert vocab.mapping("partner") == {"hoa kỳ": "US", "mỹ": "US"}


@pytest.mark.parametrize(
    ("files", "says"),
    [
        ({"a": 'x = ["mua", "bán", "mua"]'}, "listed twice"),
        ({"a": "x = []"}, "empty list"),
        ({"a": 'x = ["Mua"]'}, "lower-cased"),
        ({"a": 'x = [" mua"]'}, "trimmed"),
        ({"a": "x = [1]"}, "not a non-empty string"),
        ({"a": 'x = ["mua"]', "b": 'x = ["bán"]'}, "another file"),
    ],
)
def test_bad_data_is_refused(tmp_path: Path, files: dict[str, str], says: str) -> None:
    with pytest.raises(VocabError, match=says):
        Vocabulary(_folder(tmp_path, **files))


def test_the_shipped_data_keeps_its_order() -> None:
    """The first entry listed can win (plain alternations): the order is the data's."""
    assert VOCAB.words("flow.export")[:2] == ("thị trường xuất khẩu", "thị trường tiêu thụ")


RULES = Path(extractor.rules.extract.__file__).parent


@pytest.mark.parametrize("module", PATTERNS.modules())
def test_every_pattern_is_read_by_its_module(module: str) -> None:
    files = [p for p in (RULES / f"{module}.py", RULES / "slots" / f"{module}.py") if p.exists()]
    assert len(files) == 1, f"patterns/{module}.toml names no single rule module"
    source = files[0].read_text(encoding="utf-8")
    data = (RULES / "vocab" / "patterns" / f"{module}.toml").read_text(encoding="utf-8")
    unread = [
        name
        for name, _ in PATTERNS.of(module).items()
        if f"_P.{name}" not in source and f"{{pat:{name}}}" not in data  # or a fragment
    ]
    assert not unread, f"{files[0].name} never reads {unread}"


def test_a_broken_pattern_is_refused_at_load(tmp_path: Path) -> None:
    (tmp_path / "m.toml").write_text("x = '(?:unclosed'\n", encoding="utf-8")
    with pytest.raises(VocabError, match=r"m\.toml: x"):
        Patterns(tmp_path)
    (tmp_path / "m.toml").write_text("x = 'gấp|lần'\n", encoding="utf-8")
    assert Patterns(tmp_path).of("m").x.pattern == "gấp|lần"
    (tmp_path / "m.toml").write_text("x = '{pat:nowhere}'\n", encoding="utf-8")
    with pytest.raises(VocabError, match="no pattern 'nowhere'"):
        Patterns(tmp_path)


def test_a_pattern_spells_word_lists_and_fragments_from_the_data(tmp_path: Path) -> None:
    vocab = Vocabulary(_folder(tmp_path, a='[w]\nwords = ["tp.", "tỉnh", "thành phố"]'))
    folder = tmp_path / "patterns"
    folder.mkdir()
    (folder / "m.toml").write_text(
        "y = 'x'\nalt = '{alt:w}{pat:y}'\nraw = '{raw:w}'\nlongest = '{longest:w}'\n",
        encoding="utf-8",
    )
    p = Patterns(folder, vocab).of("m")
    assert p.alt.pattern == r"tp\.|tỉnh|thành\ phốx"
    assert p.raw.pattern == "tp.|tỉnh|thành phố"
    assert p.longest.pattern == "thành phố|tỉnh|tp."
    assert vocab.unread() == []


def _literal_words(node: ast.AST) -> list[str]:
    """Words (two letters or more) that string constants under ``node`` spell, leaving out
    escapes ("\\w"), character classes' flags and group names ("(?P<name>")."""
    words = []
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            text = re.sub(r"\\.|\(\?P<\w+>|\(\?P=\w+\)", " ", n.value)
            words += re.findall(r"[^\W\d_]{2,}", text)
    return words


@pytest.mark.parametrize(
    "path", sorted(p for p in RULES.rglob("*.py") if "vocab" not in p.parts), ids=lambda p: p.name
)
def test_no_rule_module_spells_words_in_a_regex(path: Path) -> None:
    """Words a pattern matches live in vocab/ (patterns/<module>.toml), not in code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    spelled = [
        (node.lineno, words)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "re"
        and node.args
        and (words := _literal_words(node.args[0]))
    ]
    assert not spelled, f"{path.name}: move these patterns to vocab/patterns/: {spelled}"
