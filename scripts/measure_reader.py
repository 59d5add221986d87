"""Score the LLM and reconciled paths with a careful reader's answers to the anchored requests.

No capable model is reachable here. To measure what one would make of the anchored path,
a careful reader (a helper who saw neither the gold nor the code) answered the exact
whole-article request the path sends a hosted model, written out as messages, checked
against the request's closed options; ``evalsets/real/reader/`` keeps each answer with the
hash of the request it answers. This script serves those answers from an OpenAI-compatible
endpoint of its own on 127.0.0.1 (a request it holds no answer for gets HTTP 400: the
request changed since the answer was written, and the script says which articles) and runs
``extractor eval`` with the rules, llm and reconciled paths through it. A measurement, not
a test, and not a cassette: the answers were written by a reader, not recorded from a model.

    .venv/bin/python scripts/measure_reader.py --dump-requests DIR STEM...   # for the reader
    .venv/bin/python scripts/measure_reader.py --check DIR STEM...   # its answers, DIR/STEM.json
    .venv/bin/python scripts/measure_reader.py --store DIR STEM...   # checked, into --answers
    .venv/bin/python scripts/measure_reader.py --verdicts [STEM...]   # who is right, by verdict
    .venv/bin/python scripts/measure_reader.py [--answers evalsets/real/reader/answers]
        (the dev set's: --answers evalsets/dev/reader/answers)
        [--reconcile agreed] [--dump-requests DIR STEM...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple

from extractor.io import read_article
from extractor.llm.anchored.answer import answer_schema, read_answer
from extractor.llm.anchored.choices import Choices, Option
from extractor.llm.anchored.examples import rendered_examples
from extractor.llm.anchored.extract import anchor_choices
from extractor.llm.anchored.prompt import load_anchored_prompt
from extractor.llm.anchored.requests import batches, passage
from extractor.llm.anchored.years import dateline, year_options
from extractor.rules.document import Document
from extractor.types import Article

ROOT = Path(__file__).resolve().parents[1]
EVALSETS = (ROOT / "evalsets" / "real", ROOT / "evalsets" / "dev")


def article_path(stem: str) -> Path:
    """An evalset's article (a held-out one too): evalsets/real, then evalsets/dev."""
    for evalset in EVALSETS:
        for folder in (evalset / "articles", evalset / "heldout" / "articles"):
            if (folder / f"{stem}.txt").is_file():
                return folder / f"{stem}.txt"
    sys.exit(f"no article {stem}.txt in {', '.join(str(e) for e in EVALSETS)}")


class Asked(NamedTuple):
    """One article's whole-article request as a hosted model gets it."""

    article: Article
    year: int | None  # the inferred year
    batch: list[Choices]  # every anchor's options
    years: tuple[Option, ...]  # the article's year, asked
    dateline: str | None  # shown beside the year question


def anchors_of(stem: str) -> Asked:
    """The article, its year, its anchors' options and the year question, as a hosted
    model is asked them."""
    article = read_article(article_path(stem))
    assert isinstance(article, Article), stem
    scan = Document(article.text)
    years = year_options(scan)
    [batch] = batches(anchor_choices(article, scan, offer_rules=True, years=years), 0)
    return Asked(article, scan.main_year, batch, years, dateline(scan))


def request_of(stem: str) -> list[dict[str, Any]]:
    """The one whole-article request the anchored path sends a hosted model for ``stem``."""
    return messages_of(anchors_of(stem))


def messages_of(asked: Asked) -> list[dict[str, Any]]:
    """The request's messages for an article's anchors (``anchors_of``)."""
    shown = passage(asked.article.text, asked.batch, asked.year, asked.years, asked.dateline)
    examples = [(q, a) for q, a, _ in rendered_examples()]
    return list(load_anchored_prompt().messages(shown, asked.batch, examples))  # type: ignore[arg-type]


def request_hash(messages: list[dict[str, Any]]) -> str:
    return hashlib.sha256(str(messages[-1]["content"]).strip().encode()).hexdigest()


def serve(answers: dict[str, str]) -> tuple[ThreadingHTTPServer, list[str]]:
    """An endpoint answering each request whose hash it holds; the hashes it lacked."""
    missed: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def _send(self, code: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            key = request_hash(request["messages"])
            if key not in answers:
                missed.append(key)
                self._send(400, {"error": {"message": "no answer for this request"}})
                return
            message = {"role": "assistant", "content": answers[key]}
            choice = {"index": 0, "message": message, "finish_reason": "stop"}
            usage = {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
            self._send(
                200,
                {
                    "id": key[:12],
                    "object": "chat.completion",
                    "created": 0,
                    "model": "reader",
                    "choices": [choice],
                    "usage": usage,
                },
            )

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, missed


def checked(folder: Path, stems: list[str]) -> tuple[int, dict[str, Asked]]:
    """Each answer against its request's closed options ("STEM OK" or what is wrong): how
    many were wrong, and the requests they answer."""
    wrong = 0
    requests: dict[str, Asked] = {}
    for stem in stems:
        raw = (folder / f"{stem}.json").read_text(encoding="utf-8")
        asked = requests[stem] = anchors_of(stem)
        errors = read_answer(asked.batch, raw, asked.years).errors
        wrong += bool(errors)
        print(
            f"{stem} OK"
            if not errors
            else "\n".join(f"{stem} [{k}] {e}" for k, e in errors.items())
        )
    return wrong, requests


def check_answers(folder: Path, stems: list[str]) -> int:
    """Each answer against its request's closed options: "STEM OK" or what is wrong."""
    return 1 if checked(folder, stems)[0] else 0


def store_answers(folder: Path, stems: list[str], answers: Path) -> int:
    """Each checked answer DIR/STEM.json into ``answers``, with the hash of its request."""
    wrong, requests = checked(folder, stems)
    if wrong:
        return 1
    answers.mkdir(parents=True, exist_ok=True)
    for stem in stems:
        answer = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
        request = messages_of(requests[stem])
        stored = {"request_sha256": request_hash(request), "answer": answer}
        text = json.dumps(stored, ensure_ascii=False) + "\n"
        (answers / f"{stem}.json").write_text(text, encoding="utf-8")
    return 0


def verdict_table(stems: list[str], base_url: str) -> int:
    """Per cross-check verdict, how often each path's fact matches a gold fact (any gold
    fact, so a fact that repeats a matched one counts as right): which side to trust."""
    from extractor import api
    from extractor.evaluate.match import facts_match

    tally: dict[tuple[str, str, str], list[int]] = {}
    for stem in stems:
        path = article_path(stem)
        golds = json.loads((path.parents[1] / "gold" / f"{stem}.json").read_text())["facts"]
        compared = api.compare(path, llm="openai:reader", base_url=base_url, retry_backoff_s=0)
        for pair in compared.pairs:
            for name, side in (("rules", pair.rules), ("llm", pair.llm)):
                if side is not None:
                    fact = side.fact.model_dump(mode="json")
                    right = any(facts_match(fact, gold) for gold in golds)
                    key = (pair.verdict.value, pair.aligned_by.value, name)
                    tally.setdefault(key, [0, 0])[0 if right else 1] += 1
    print("verdict      aligned  side    right  wrong  share")
    for (verdict, by, name), (right, wrong) in sorted(tally.items()):
        share = right / (right + wrong)
        print(f"{verdict:12} {by:8} {name:6} {right:6} {wrong:6}  {share:.2f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=Path, default=EVALSETS[0] / "reader" / "answers")
    parser.add_argument("--reconcile", default="agreed")
    parser.add_argument(
        "--dump-requests",
        type=Path,
        metavar="DIR",
        help="write STEM.md (the messages) and STEM.schema.json for the stems given, then stop",
    )
    parser.add_argument(
        "--check",
        type=Path,
        metavar="DIR",
        help="check DIR/STEM.json (a reader's raw answer) against each stem's options, then stop",
    )
    parser.add_argument(
        "--store",
        type=Path,
        metavar="DIR",
        help="check DIR/STEM.json, then store each in --answers with its request's hash",
    )
    parser.add_argument(
        "--verdicts",
        action="store_true",
        help="instead of scoring: per verdict, how often each path's fact is right",
    )
    parser.add_argument(
        "stems",
        nargs="*",
        help="articles to score (default: every answer; an article without one, such as a "
        "masked article the path never sends, is scored as the path leaves it)",
    )
    args = parser.parse_args()
    if args.check:
        return check_answers(args.check, args.stems)
    if args.store:
        return store_answers(args.store, args.stems, args.answers)
    if args.dump_requests:
        args.dump_requests.mkdir(parents=True, exist_ok=True)
        for stem in args.stems:
            asked = anchors_of(stem)  # (the rules run once per article)
            messages = messages_of(asked)
            text = "\n\n".join(f"=== {m['role']} ===\n{m['content']}" for m in messages)
            (args.dump_requests / f"{stem}.md").write_text(text, encoding="utf-8")
            schema = answer_schema(asked.batch, asked.years)
            schema = json.dumps(schema, ensure_ascii=False, indent=1)
            (args.dump_requests / f"{stem}.schema.json").write_text(schema, encoding="utf-8")
        return 0
    files = sorted(args.answers.glob("*.json"))
    stems = args.stems or [f.stem for f in files]
    stale = []
    answers: dict[str, str] = {}
    for stem in stems:
        if not (args.answers / f"{stem}.json").is_file():
            continue
        stored = json.loads((args.answers / f"{stem}.json").read_text(encoding="utf-8"))
        if stored["request_sha256"] != request_hash(request_of(stem)):
            stale.append(stem)
        answers[stored["request_sha256"]] = json.dumps(stored["answer"], ensure_ascii=False)
    if stale:
        print(f"the request changed since the answer was written: {' '.join(stale)}")
    server, missed = serve(answers)
    if args.verdicts:
        os.environ.setdefault("OPENAI_API_KEY", "not-a-key")
        code = verdict_table(stems, f"http://127.0.0.1:{server.server_port}/v1")
        server.shutdown()
        return code
    with tempfile.TemporaryDirectory() as tmp:
        for stem in stems:
            shutil.copy(article_path(stem), Path(tmp) / f"{stem}.txt")
        gold = Path(tmp) / "gold"
        gold.mkdir()
        for stem in stems:
            home = article_path(stem).parents[1]
            shutil.copy(home / "gold" / f"{stem}.json", gold / f"{stem}.json")
        command = [
            str(Path(sys.executable).with_name("extractor")),
            "eval",
            "--gold",
            str(gold),
            "--articles",
            tmp,
            "--path",
            "rules",
            "--path",
            "llm",
            "--path",
            "reconciled",
            "--llm",
            "openai:reader",
            "--base-url",
            f"http://127.0.0.1:{server.server_port}/v1",
            "--reconcile",
            args.reconcile,
            "--cache-dir",
            str(Path(tmp) / "cache"),
            "--retry-wait",
            "0",
            "--no-per-article",
            "--no-per-metric",
        ]
        env = {**os.environ, "OPENAI_API_KEY": "not-a-key"}
        code = subprocess.call(command, env=env)
    server.shutdown()
    if missed:
        print(f"{len(missed)} requests had no answer (changed since the answers were written)")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
