"""Content-addressed store of validated model answers, so a re-run costs nothing.

The key covers everything that could change the answer: model and endpoint,
prompt hash, schema hash, generation settings and the passage itself.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from extractor.llm.endpoint import MAX_TOKENS, SEED, TEMPERATURE, Endpoint
from extractor.llm.prompts import load_prompts
from extractor.llm.schema import LlmAnswer, schema_hash
from extractor.types import Usage


def default_cache_dir() -> Path:
    env = os.environ.get("EXTRACTOR_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "vn-trade-extractor" / "answers"


def answer_key(endpoint: Endpoint, context: str, passage: str) -> str:
    material = {
        "model": endpoint.cache_identity,
        "mode": endpoint.mode.value,
        "prompt": load_prompts().hash,
        "schema": schema_hash(),
        "settings": [MAX_TOKENS, TEMPERATURE, SEED],
        "context": context,
        "passage": passage,
    }
    blob = json.dumps(material, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()


@dataclass(frozen=True)
class Cached:
    answer: LlmAnswer
    usage: Usage  # what the answer cost when it was first obtained


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
                LlmAnswer.model_validate(data["answer"]), Usage.model_validate(data["usage"])
            )
        except (ValueError, KeyError):
            return None  # a damaged entry is a miss, not an error

    def put(self, key: str, answer: LlmAnswer, usage: Usage) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        payload = {"answer": answer.model_dump(mode="json"), "usage": usage.model_dump()}
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
