"""What the fault cases share: test articles, a CLI run and what it wrote, the checks."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from extractor.io import load_result
from extractor.types import ArticleResult

# The configured key: not shaped like any known key, so only its own value can catch it.
SECRET = "fk-live-7Qz9Wm2Lx4Rt8Vb1Nc6"
FILLER = "Các doanh nghiệp tiếp tục mở rộng thị trường và nâng cao chất lượng sản phẩm. "


def paragraph(k: int) -> str:
    """One passage's worth of text (about 500 characters) with one figure, ``k``,5 tỷ USD."""
    return f"Trong tháng 3/2024, xuất khẩu gạo đạt {k},5 tỷ USD. " + FILLER * 6


def write_articles(folder: Path, count: int, paragraphs: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        # figures differ across articles too, so no answer comes from the cache by accident
        body = "\n\n".join(paragraph(i * paragraphs + k + 1) for k in range(paragraphs))
        path = folder / f"a{i:03d}.txt"
        path.write_text(f"Xuất khẩu gạo tháng 3/2024\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


@dataclass
class CliRun:
    code: int
    stdout: str
    stderr: str
    seconds: float
    out: Path

    def results(self) -> dict[str, ArticleResult]:
        found = {p.stem: load_result(p) for p in sorted(self.out.glob("*.json"))}
        return {stem: r for stem, r in found.items() if r is not None}

    def written(self) -> dict[str, str]:
        """Each written article: complete, incomplete or error."""
        return {stem: _state(r) for stem, r in self.results().items()}


def _state(result: ArticleResult) -> str:
    if result.error is not None:
        return "error"
    return "incomplete" if result.incomplete else "complete"


def assert_no_secret(run: CliRun, root: Path) -> None:
    """The key is in no output: terminal, stderr, or any file written under ``root``."""
    assert SECRET not in run.stdout and SECRET not in run.stderr
    for path in root.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def record(case: str, run: CliRun, requests: int) -> None:
    """Append the case to the fault table (a file named by FAULT_TABLE, when set)."""
    table = os.environ.get("FAULT_TABLE")
    if not table:
        return
    states = sorted(run.written().values())
    written = ", ".join(f"{states.count(s)} {s}" for s in dict.fromkeys(states)) or "nothing"
    with open(table, "a", encoding="utf-8") as handle:
        handle.write(f"| {case} | {run.code} | {requests} | {run.seconds:.2f} s | {written} |\n")
