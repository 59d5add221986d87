"""Content-addressed store of validated model answers, so a re-run costs nothing.

The key covers everything that could change the answer: the model (a local
model by its file's hash, not the server's port), mode, prompt and schema
hashes, generation settings, and the dates, context and passage sent.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from extractor.llm.endpoint import SEED, TEMPERATURE, Endpoint
from extractor.llm.prompts import load_prompts
from extractor.llm.schema import LlmAnswer, schema_hash
from extractor.types import ExtractOptions, Usage


def default_cache_dir() -> Path:
    env = os.environ.get("EXTRACTOR_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "vn-trade-extractor" / "answers"


def cache_root(options: ExtractOptions) -> Path:
    """The answer caches' folder: ``--cache-dir``, else $EXTRACTOR_CACHE_DIR, else ~/.cache."""
    return Path(options.cache_dir) if options.cache_dir else default_cache_dir()


def answer_key(endpoint: Endpoint, max_tokens: int, user: str) -> str:
    """``user``: the passage's message as sent (dates, context and passage)."""
    material = {
        "model": endpoint.cache_identity,
        "mode": endpoint.mode.value,
        "prompt": load_prompts().hash,
        "schema": schema_hash(),
        "settings": [max_tokens, TEMPERATURE, SEED],
        "user": user,
    }
    blob = json.dumps(material, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()


@dataclass(frozen=True)
class Cached:
    answer: LlmAnswer  # the valid facts
    usage: Usage  # what the answer cost when it was first obtained
    notes: list[str] = field(default_factory=list)  # warnings it left (invalid facts)


class AnswerCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> Cached | None:
        path = self._path(key)
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Cached(
                LlmAnswer.model_validate(data["answer"]),
                Usage.model_validate(data["usage"]),
                [str(n) for n in data.get("notes", [])],
            )
        except (ValueError, KeyError, TypeError):
            return None  # a damaged entry is a miss, not an error

    def put(self, key: str, cached: Cached) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        payload = {
            "answer": cached.answer.model_dump(mode="json"),
            "usage": cached.usage.model_dump(),
            "notes": cached.notes,
        }
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
