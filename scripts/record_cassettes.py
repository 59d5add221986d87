"""Record one cassette per article from the real local model, through the production client.

    python scripts/record_cassettes.py [ARTICLE_OR_DIR ...] [--llm local[:PATH.gguf]]

Starts llama.cpp's server on 127.0.0.1 (via ``--llm local``), runs the LLM path on
each article with recording on, writes ``cassettes/<stem>.yaml`` and the live
result ``cassettes/results/<stem>.json`` (replay must reproduce it exactly).
Auth headers and key-like strings are scrubbed before anything reaches disk.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.llm import extract_article  # noqa: E402
from extractor.llm.cassette import cassettes_dir  # noqa: E402
from extractor.types import Article, ExtractOptions  # noqa: E402


def articles(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for p in map(Path, paths):
        found.extend(sorted(p.glob("*.txt")) if p.is_dir() else [p])
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "samples")])
    parser.add_argument("--llm", default="local")
    parser.add_argument("--skip-existing", action="store_true")
    args = parser.parse_args()
    out_dir = cassettes_dir() / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    options = ExtractOptions(llm=args.llm)
    for path in articles(args.paths):
        cassette = cassettes_dir() / f"{path.stem}.yaml"
        if args.skip_existing and cassette.exists():
            print(f"skip {path.name} (cassette exists)", flush=True)
            continue
        started = time.monotonic()
        article = Article(name=path.name, text=path.read_text(encoding="utf-8"), path=str(path))
        result = extract_article(article, options, record=True)
        payload = result.model_dump(mode="json", exclude_none=False)
        (out_dir / f"{path.stem}.json").write_text(
            json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        usage = result.usage
        failed = f" ERROR {result.error}" if result.error else ""
        print(
            f"{path.name}: {len(result.facts)} facts, "
            f"{usage.requests if usage else 0} requests, "
            f"{usage.total_tokens if usage else 0} tokens, "
            f"{time.monotonic() - started:.0f}s{failed}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
