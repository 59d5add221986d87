"""The answer cache for labels: same store as the direct strategy's, its own keys.

The key covers the model and endpoint identity, the request as sent (prompt, options,
schema, settings): a changed prompt or choice list is a miss, never a stale hit.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from openai.types.chat import ChatCompletionMessageParam

from extractor.llm.anchored.answer import answer_schema
from extractor.llm.anchored.choices import Choices, Option
from extractor.llm.endpoint import SEED, TEMPERATURE, Endpoint
from extractor.types import Usage


def label_key(
    endpoint: Endpoint,
    messages: list[ChatCompletionMessageParam],
    batch: list[Choices],
    years: tuple[Option, ...] = (),
) -> str:
    material = {
        "strategy": "anchored",
        "model": endpoint.cache_identity,
        "mode": endpoint.mode.value,
        "settings": [TEMPERATURE, SEED],
        "messages": messages,
        "schema": answer_schema(batch, years),
    }
    blob = json.dumps(material, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()


@dataclass(frozen=True)
class CachedLabels:
    answer: str  # the labels as one JSON object
    usage: Usage  # what they cost when first obtained


class LabelCache:
    def __init__(self, root: Path) -> None:
        self.root = root / "anchored"

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedLabels | None:
        path = self._path(key)
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return CachedLabels(str(data["answer"]), Usage.model_validate(data["usage"]))
        except (ValueError, KeyError):
            return None  # a damaged entry is a miss, not an error

    def put(self, key: str, answer: str, usage: Usage) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(
            json.dumps({"answer": answer, "usage": usage.model_dump()}, ensure_ascii=False),
            encoding="utf-8",
        )
        tmp.replace(path)
