"""Record one cassette per article from a real model server, through the production client.

    python scripts/record_cassettes.py [ARTICLE_OR_DIR ...] [--strategy anchored|direct]
        [--llm local[:PATH.gguf]] [--force]

Runs the LLM path on each article with recording on (``--llm local`` starts llama.cpp's
server on 127.0.0.1) and writes the strategy's cassette (``cassettes/<stem>.yaml`` for
direct, ``cassettes/anchored/<stem>.yaml`` for anchored) and the live result beside it
(``results/<stem>.json``; replay must reproduce it exactly), and the seconds the article
took (``results/timings.tsv``). Auth headers and key-like strings are scrubbed before
anything reaches disk. Resumable: an article whose cassette is complete (recorded with
the current prompt and schema, its result written without error) is skipped unless
``--force``; so a long recording can be stopped and continued. A recording is patient
(``--timeout``, ``--deadline``): a small model on a busy CPU may take many minutes per
answer, and a request that times out would only be sent again.
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
from extractor.llm.breaker import Breakers, shared  # noqa: E402
from extractor.llm.cassette import recorded_version  # noqa: E402
from extractor.llm.strategy import (  # noqa: E402
    STRATEGIES,
    strategy_cassette_path,
    strategy_version_tag,
)
from extractor.normalise import looks_masked  # noqa: E402
from extractor.scrub import remember_environment, scrub_model  # noqa: E402
from extractor.types import Article, ArticleResult, ExtractOptions  # noqa: E402


def articles(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for p in map(Path, paths):
        found.extend(sorted(p.glob("*.txt")) if p.is_dir() else [p])
    return found


def complete(options: ExtractOptions, cassette: Path, result: Path) -> bool:
    """Recorded with the current prompt and schema, and its live result is complete."""
    if not cassette.is_file() or not result.is_file():
        return False
    try:
        recorded = ArticleResult.model_validate_json(result.read_text(encoding="utf-8"))
        return recorded_version(cassette) == strategy_version_tag(options) and recorded.complete
    except ValueError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "samples")])
    parser.add_argument("--llm", default="local")
    parser.add_argument("--strategy", choices=STRATEGIES, default="anchored")
    parser.add_argument("--anchors-per-request", type=int, default=None)
    parser.add_argument("--cassette-dir", default=None)
    parser.add_argument("--force", action="store_true", help="re-record complete cassettes too")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per request")
    parser.add_argument("--deadline", type=float, default=6 * 3600.0, help="seconds per article")
    args = parser.parse_args()
    options = ExtractOptions(
        llm=args.llm,
        strategy=args.strategy,
        anchors_per_request=args.anchors_per_request,
        cassette_dir=args.cassette_dir,
        timeout_s=args.timeout,
        article_deadline_s=args.deadline,
        retry_attempts=2,
    )
    remember_environment()
    with shared(Breakers()):  # a 401 or a dead endpoint stops the recording, not each article
        return _record(articles(args.paths), options, force=args.force)


def _record(paths: list[Path], options: ExtractOptions, *, force: bool) -> int:
    """Each article recorded; 1 when any failed (an auth error included), else 0."""
    failed = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if looks_masked(text):
            print(f"skip {path.name} (numbers masked: never sent to a model)", flush=True)
            continue
        cassette = strategy_cassette_path(options, path.stem)
        out_dir = cassette.parent / "results"
        out_dir.mkdir(parents=True, exist_ok=True)
        if not force and complete(options, cassette, out_dir / f"{path.stem}.json"):
            print(f"skip {path.name} (cassette complete)", flush=True)
            continue
        started = time.monotonic()
        article = Article(name=path.name, text=text, path=str(path))
        result = scrub_model(extract_article(article, options, record=True))
        seconds = time.monotonic() - started
        payload = result.model_dump(mode="json", exclude_none=False)
        (out_dir / f"{path.stem}.json").write_text(
            json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        with (out_dir / "timings.tsv").open("a", encoding="utf-8") as timing:
            timing.write(f"{path.stem}\t{seconds:.1f}\n")  # the last line of a stem counts
        usage = result.usage
        failed += not result.complete
        print(
            f"{path.name}: {len(result.facts)} facts, "
            f"{usage.requests if usage else 0} requests, "
            f"{usage.prompt_tokens if usage else 0}+{usage.completion_tokens if usage else 0} "
            f"tokens, {seconds:.0f}s" + (f" ERROR {result.failure}" if result.failure else ""),
            flush=True,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
