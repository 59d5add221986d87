"""Instructions per article of the rule path, and where they go, counted by callgrind.

Wall-clock throughput (``benchmark.py``) moves with the machine's load by more than a round
of code changes does; an instruction count does not. This runs the rule path under
``valgrind --tool=callgrind`` twice, once on a warm-up alone (every dev article read once:
imports, compiled patterns, caches) and once on the warm-up and then ``--articles`` more
(each read as a new article would be), and prints the difference per article: the total,
and its split between the regular-expression engine, the interpreter's loop, memory
allocation, dict lookups, the literal automaton, pydantic and the rest of CPython.

The split says what the 500 articles/s goal asks of a design: the share of the regex
engine is work no amount of Python-level tuning removes, so the budget for everything
else is what is left of 2 ms once that share is paid. A measurement, not a test; it needs
valgrind (Debian's package) and takes about two minutes.

    .venv/bin/python scripts/benchmark_instructions.py [--source DIR] [--articles 30]
        [--seed 0]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT.parent / "shared" / "eval" / "articles", ROOT / "samples")

# The C functions of each part, by name (callgrind's ``file:function`` rows); a row goes
# to the first part whose pattern it matches, the rest to "rest of CPython and libraries".
PARTS = (
    ("regex engine (_sre)", re.compile(r"sre_|_sre|SRE_")),
    ("interpreter loop", re.compile(r"EvalFrame")),
    ("literal automaton", re.compile(r"automaton|ahocorasick")),
    ("pydantic", re.compile(r"pydantic")),
    ("allocation and freeing",
     re.compile(r"[Mm]alloc|[Ff]ree\b|_[Ff]ree|dealloc|GC_|NewReference|mem(cpy|set|move)")),
    ("dict lookups", re.compile(r"[Dd]ict|unicodekeys")),
)  # fmt: skip

# What callgrind counts reads the articles in this process (the script's own ``--child``).
_CHILD = """
import sys
from extractor.io import read_paths
from extractor.normalise.article import article_text
from extractor.paths import get_path
from extractor.types import Article, ExtractOptions
articles = [a for a in read_paths([sys.argv[1]]) if isinstance(a, Article)]
extract, options = get_path("rules"), ExtractOptions()
for i in range(len(articles) + int(sys.argv[2])):
    article_text.cache_clear()  # each read as a new article would be
    extract(articles[i % len(articles)], options)
"""

_ROW = re.compile(r"^\s*([\d,]+)\s+(?:\([\s\d.]+%\)\s+)?(\S.*)$")


def counted(folder: Path, articles: int, seed: int, out: Path) -> dict[str, int]:
    """Instructions per C function of one run (warm-up and ``articles`` more)."""
    env = dict(os.environ, PYTHONHASHSEED=str(seed))
    subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable,
         "-c", _CHILD, str(folder), str(articles)],
        check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    annotated = subprocess.run(
        ["callgrind_annotate", "--inclusive=no", "--threshold=100", str(out)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    rows: dict[str, int] = {}
    for line in annotated.splitlines():
        m = _ROW.match(line)
        if m and "PROGRAM TOTALS" not in line and ":" in m.group(2):
            name = m.group(2)
            rows[name] = rows.get(name, 0) + int(m.group(1).replace(",", ""))
    return rows


def part_of(function: str) -> str:
    return next((name for name, pattern in PARTS if pattern.search(function)), "rest")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="folder of *.txt articles")
    parser.add_argument("--articles", type=int, default=30, help="articles counted after warm-up")
    parser.add_argument("--seed", type=int, default=0, help="PYTHONHASHSEED of both runs")
    args = parser.parse_args()
    if shutil.which("valgrind") is None or shutil.which("callgrind_annotate") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    folder = args.source or next((p for p in SOURCES if p.is_dir()), SOURCES[-1])

    with tempfile.TemporaryDirectory() as tmp:
        warm = counted(folder, 0, args.seed, Path(tmp) / "warm.out")
        full = counted(folder, args.articles, args.seed, Path(tmp) / "full.out")
    parts: dict[str, float] = {}
    for function, n in full.items():
        part = part_of(function)
        parts[part] = parts.get(part, 0.0) + (n - warm.get(function, 0)) / args.articles
    total = sum(parts.values())
    print(f"{args.articles} articles of {folder} after a warm-up on all (seed {args.seed})")
    print(f"{total / 1e6:.2f} million instructions per article")
    for part, share in sorted(parts.items(), key=lambda kv: (kv[0] == "rest", -kv[1])):
        name = "rest of CPython and libraries" if part == "rest" else part
        print(f"  {share / 1e6:6.2f} M  {100 * share / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
