"""Reading articles: every bad input gives a clear message naming the file and the cause."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.io import (
    InputError,
    load_result,
    output_path,
    read_article,
    read_paths,
    remove_stale_temporaries,
    result_to_json,
    write_json_atomic,
)
from extractor.types import Article, ArticleResult

VIETNAMESE = "Xuất khẩu tháng 1 đạt 33,19 tỷ USD, giảm 6,6% so với tháng trước.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refusal(path: Path) -> str:
    loaded = read_article(path)
    assert isinstance(loaded, InputError), f"{path.name} should be refused"
    assert loaded.name == path.name
    assert str(path) in loaded.message
    return loaded.reason


def test_utf8_article_is_read_exactly_as_given(tmp_path: Path) -> None:
    loaded = read_article(write(tmp_path, "a.txt", VIETNAMESE.encode()))
    assert loaded == Article(name="a.txt", text=VIETNAMESE, path=str(tmp_path / "a.txt"))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bom8.txt", b"\xef\xbb\xbf" + VIETNAMESE.encode()),
        ("bom16le.txt", VIETNAMESE.encode("utf-16")),
        ("bom16be.txt", b"\xfe\xff" + VIETNAMESE.encode("utf-16-be")),
    ],
)
def test_byte_order_marks_are_honoured(tmp_path: Path, name: str, data: bytes) -> None:
    loaded = read_article(write(tmp_path, name, data))
    assert isinstance(loaded, Article)
    assert loaded.text == VIETNAMESE


@pytest.mark.parametrize(
    ("data", "cause"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 10, "binary"),
        ("Giá cà phê tăng".encode("cp1258"), "not UTF-8"),
        ("Xuất khẩu đạt".encode()[:-1] + b"\xe1", "not UTF-8"),
    ],
    ids=["empty", "blank", "png", "control-characters", "cp1258", "latin-1-tail"],
)
def test_bad_files_are_refused_with_the_cause(tmp_path: Path, data: bytes, cause: str) -> None:
    assert cause in refusal(write(tmp_path, "bad.txt", data))


def test_not_utf8_message_says_where_and_what_to_do(tmp_path: Path) -> None:
    reason = refusal(write(tmp_path, "old.txt", "Giá cà phê".encode("cp1258")))
    assert "offset" in reason
    assert "iconv" in reason


def test_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: 20 MB without writing 20 MB
        handle.truncate(20 * 1024 * 1024)
    reason = refusal(big)
    assert "20.0 MB" in reason
    assert "limit of 5 MB" in reason


def test_something_that_is_not_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    assert refusal(tmp_path / "folder.txt") == "not a regular file"


def test_size_limit_can_be_lowered(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", VIETNAMESE.encode())
    assert isinstance(read_article(path, max_bytes=10), InputError)


def test_missing_path_is_an_error_without_a_file_name(tmp_path: Path) -> None:
    [loaded] = read_paths([tmp_path / "nope.txt"])
    assert isinstance(loaded, InputError)
    assert loaded.name is None
    assert loaded.message == f"{tmp_path / 'nope.txt'}: no such file or folder"


def test_folder_without_articles_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("not an article")
    [loaded] = read_paths([tmp_path])
    assert isinstance(loaded, InputError)
    assert "no *.txt articles" in loaded.message


def test_folder_gives_its_txt_files_sorted(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.md"):
        write(tmp_path, name, VIETNAMESE.encode())
    assert [a.name for a in read_paths([tmp_path])] == ["a.txt", "b.txt"]


def test_same_file_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", VIETNAMESE.encode())
    assert [a.name for a in read_paths([path, tmp_path])] == ["a.txt"]


def test_two_files_with_one_name_are_not_both_kept(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    first = write(tmp_path / "x", "a.txt", VIETNAMESE.encode())
    second = write(tmp_path / "y", "a.txt", VIETNAMESE.encode())
    kept, refused = read_paths([first, second])
    assert isinstance(kept, Article)
    assert isinstance(refused, InputError)
    assert "same file name" in refused.message


def test_output_path_is_stem_json(tmp_path: Path) -> None:
    assert output_path(tmp_path, "001_abc.txt") == tmp_path / "001_abc.json"


def test_result_json_starts_with_the_gold_keys() -> None:
    data = result_to_json(ArticleResult(article="a.txt"))
    assert list(data)[:3] == ["article", "numbers_masked", "facts"]
    assert data["error"] is None  # nulls are kept, not dropped


def test_atomic_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.json"
    write_json_atomic(target, {"article": "á"})
    assert json.loads(target.read_text(encoding="utf-8")) == {"article": "á"}
    assert [p.name for p in target.parent.iterdir()] == ["a.json"]


def test_atomic_write_keeps_the_old_file_when_serialising_fails(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    write_json_atomic(target, {"ok": 1})
    with pytest.raises(TypeError):
        write_json_atomic(target, {"bad": object()})
    assert json.loads(target.read_text()) == {"ok": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


@pytest.mark.parametrize("content", ["", "{", '{"article": 1}', "[]"])
def test_unfinished_or_invalid_result_does_not_load(tmp_path: Path, content: str) -> None:
    path = tmp_path / "a.json"
    path.write_text(content)
    assert load_result(path) is None


def test_cli_reports_each_bad_input_and_goes_on(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    write(articles, "good.txt", VIETNAMESE.encode())
    write(articles, "empty.txt", b"")
    write(articles, "binary.txt", b"\x00\x01\x02binary")
    write(articles, "legacy.txt", "Giá cà phê".encode("cp1258"))
    (tmp_path / "empty_folder").mkdir()
    out = tmp_path / "out"

    result = CliRunner().invoke(
        app,
        [
            "extract",
            str(articles),
            str(tmp_path / "empty_folder"),
            str(tmp_path / "missing.txt"),
            "--path",
            "rules",
            "--out",
            str(out),
        ],
    )

    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    for cause in ("empty", "binary", "not UTF-8", "no *.txt articles", "no such file"):
        assert cause in result.output
    good = json.loads((out / "good.json").read_text(encoding="utf-8"))
    assert good["error"] is None
    assert json.loads((out / "empty.json").read_text())["error"].endswith("file is empty")
    assert sorted(p.name for p in out.iterdir()) == [
        "binary.json",
        "empty.json",
        "good.json",
        "legacy.json",
    ]


def test_text_about_something_else_gives_no_facts(tmp_path: Path) -> None:
    path = write(tmp_path, "weather.txt", "Hôm nay trời nắng đẹp, nhiệt độ 30 độ C.\n".encode())
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "weather.json").read_text(encoding="utf-8"))
    assert data["facts"] == []
    assert data["numbers_masked"] is False


def test_a_symbolic_link_loop_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    [loop] = read_paths([tmp_path / "a.txt"])
    [broken] = read_paths([tmp_path / "gone.txt"])
    assert isinstance(loop, InputError) and loop.reason == "symbolic link loop"
    assert isinstance(broken, InputError) and broken.reason.startswith("broken symbolic link")


def test_a_file_cut_in_the_middle_of_a_character_is_called_truncated(tmp_path: Path) -> None:
    cut = "Xuất khẩu đạt 1,2 tỷ".encode()[:-1]  # "ỷ" loses its last byte
    reason = refusal(write(tmp_path, "cut.txt", cut))
    assert "cut off in the middle of a character" in reason and "iconv" not in reason


def test_results_get_the_mode_a_new_file_gets_under_the_umask(tmp_path: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    write_json_atomic(tmp_path / "r.json", {"a": 1})
    assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == 0o666 & ~umask


def test_temporaries_of_a_dead_writer_are_removed_and_a_live_ones_kept(tmp_path: Path) -> None:
    ended = subprocess.Popen(["true"])
    ended.wait()
    gone = tmp_path / f".a.json.{ended.pid}.x1y2.tmp"
    mine = tmp_path / f".b.json.{os.getpid()}.x1y2.tmp"
    other = tmp_path / ".notes.tmp"
    for path in (gone, mine, other):
        path.write_text("{")
    assert remove_stale_temporaries(tmp_path) == [gone]
    assert mine.exists() and other.exists()


def test_an_unreadable_file_named_on_the_command_line_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = write(tmp_path, "good.txt", VIETNAMESE.encode())
    locked = write(tmp_path, "locked.txt", VIETNAMESE.encode())
    real_open, real_access = Path.open, os.access

    def no_read(path: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if path == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", no_read)
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != locked and real_access(p, mode))
    result = CliRunner().invoke(
        app, ["extract", str(locked), str(good), "--path", "rules", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1, result.output
    assert (tmp_path / "o" / "good.json").is_file()
    assert "cannot read file (Permission denied)" in result.output
