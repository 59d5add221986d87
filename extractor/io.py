"""Reading articles from disk and writing results, with clear messages for bad input.

Every problem with an input becomes an ``InputError`` that names the path and the
cause; nothing here raises on bad input. Encodings accepted: UTF-8 (with or without
BOM) and UTF-16 with BOM. Anything else is rejected rather than guessed: legacy
Vietnamese encodings (cp1258, TCVN3, VNI) all decode "successfully" into wrong
letters, and facts read from wrong letters would not be grounded in the source.
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.types import Article, ArticleResult

_MB = 1024 * 1024
MAX_BYTES = 5 * _MB
ARTICLE_GLOB = "*.txt"
_MAX_CONTROL_SHARE = 0.05  # above this share of control characters a file is not text
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # category Cc but tab, newlines, \f, \v
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class InputError:
    """A path that yields no article, and why.

    ``name`` is the file name when one file was refused (its result is written to
    ``<stem>.json`` like any other); it is ``None`` for a missing path or an empty folder.
    """

    path: str
    reason: str
    name: str | None = None

    @property
    def message(self) -> str:
        return f"{self.path}: {self.reason}"

    def to_result(self) -> ArticleResult:
        return ArticleResult(article=self.name or self.path, error=self.message)


Loaded = Article | InputError


def read_paths(paths: Iterable[str | Path], *, max_bytes: int = MAX_BYTES) -> list[Loaded]:
    """Articles from files and folders (a folder gives its ``*.txt`` files, sorted)."""
    loaded: list[Loaded] = []
    for path in paths:
        loaded.extend(_read_path(Path(path), max_bytes))
    return _refuse_duplicate_names(loaded)


def _read_path(path: Path, max_bytes: int) -> list[Loaded]:
    if path.is_dir():
        files = sorted(p for p in path.glob(ARTICLE_GLOB) if p.is_file())
        if not files:
            return [InputError(str(path), f"folder has no {ARTICLE_GLOB} articles")]
        return [read_article(f, max_bytes=max_bytes) for f in files]
    if not path.exists():
        return [InputError(str(path), _missing(path))]
    return [read_article(path, max_bytes=max_bytes)]


def _missing(path: Path) -> str:
    """Why a path that does not resolve to anything is missing."""
    if not path.is_symlink():
        return "no such file or folder"
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 raises this for a loop
        return "symbolic link loop"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
    return f"broken symbolic link (to {os.readlink(path)})"


def read_article(path: Path, *, max_bytes: int = MAX_BYTES) -> Loaded:
    """One file as an ``Article``, or the reason it cannot be one."""

    def refuse(reason: str) -> InputError:
        return InputError(str(path), reason, name=path.name)

    if not path.is_file():
        return refuse("not a regular file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return refuse(f"file is {size / _MB:.1f} MB, over the limit of {max_bytes / _MB:g} MB")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat()
        if len(data) > max_bytes:
            return refuse(f"file is over the limit of {max_bytes / _MB:g} MB")
    except OSError as exc:
        return refuse(f"cannot read file ({exc.strerror or exc})")
    text, problem = decode(data)
    if problem:
        return refuse(problem)
    return Article(name=path.name, text=text, path=str(path))


def decode(data: bytes) -> tuple[str, str | None]:
    """The text of an article file, or ``("", reason)`` when it is not a text we accept."""
    if not data.strip():
        return "", "file is empty"
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data:
        return "", "binary file (contains NUL bytes); articles must be UTF-8 text"
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        if encoding:
            return "", f"not valid {encoding} despite its byte-order mark ({exc.reason})"
        if exc.reason == "unexpected end of data" and len(data) - exc.start > 1:
            # a lead byte and its continuation bytes, then the end: a UTF-8 file cut short
            return "", (
                f"UTF-8 text cut off in the middle of a character at offset {exc.start} "
                "(the file looks truncated)"
            )
        return "", (
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "legacy encodings are not guessed: convert it, e.g. "
            "`iconv -f cp1258 -t utf-8 FILE > FILE.utf8.txt`"
        )
    if not text.strip():
        return "", "file is empty"
    if _control_share(text) > _MAX_CONTROL_SHARE:
        return "", "binary file (mostly control characters, not text)"
    return text, None


def _control_share(text: str) -> float:
    return len(_CONTROL.findall(text)) / len(text)


def _refuse_duplicate_names(loaded: Sequence[Loaded]) -> list[Loaded]:
    """One file given twice is read once; a second file with the same name is refused,
    as the two outputs would overwrite each other."""
    seen: dict[str, Path] = {}
    kept: list[Loaded] = []
    for item in loaded:
        if isinstance(item, Article):
            where = Path(item.path or item.name).resolve()
            first = seen.get(item.name)
            if first == where:
                continue  # the same file given twice (e.g. alone and in its folder)
            if first is not None:
                reason = f"same file name as {first}; outputs would overwrite each other"
                kept.append(InputError(item.path or item.name, reason))
                continue
            seen[item.name] = where
        kept.append(item)
    return kept


def output_path(out_dir: Path, article_name: str) -> Path:
    """Where the result for ``article_name`` goes: ``OUT/<stem>.json``."""
    return out_dir / f"{Article(name=article_name, text='').stem}.json"


def result_to_json(result: ArticleResult) -> dict[str, Any]:
    """The gold file shape (article, numbers_masked, facts first) plus our extras."""
    return result.model_dump(mode="json", exclude_none=False)


_TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()  # what open() would give a new file


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON so that a reader never sees a half-written file, even after a crash.

    The temporary file is named ``.<name>.<pid>.<random>.tmp``, so one left by a killed
    process is recognised and removed by ``remove_stale_temporaries``; the result gets
    the mode a plain new file would get under the umask."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
    )
    try:
        os.fchmod(fd, _FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(out_dir: Path) -> list[Path]:
    """Delete the temporary files of writes whose process is gone (killed mid-write)."""
    removed = []
    for tmp in out_dir.glob(".*.tmp") if out_dir.is_dir() else ():
        m = _TEMPORARY.fullmatch(tmp.name)
        if m and not _alive(int(m["pid"])):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def write_result(out_dir: Path, result: ArticleResult) -> Path:
    path = output_path(out_dir, result.article)
    write_json_atomic(path, result_to_json(result))
    return path


def load_result(path: Path) -> ArticleResult | None:
    """A finished result from disk, or ``None`` if it is missing, partial or invalid."""
    try:
        return ArticleResult.model_validate_json(path.read_bytes())
    except (OSError, ValueError):
        return None
