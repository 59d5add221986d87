"""Secrets never leave the process: every string that does passes ``scrub`` first.

Two nets: the values of the keys this process was configured with, whatever their
format (registered with ``remember``), and the usual shapes of keys and tokens for
anything else (an endpoint echoing another key, a key pasted into an article).
"""

from __future__ import annotations

import json
import os
import re
import threading
from typing import Any, TypeVar

from pydantic import BaseModel

REDACTED = "REDACTED"
KEY_ENVIRONMENT = ("OPENAI_API_KEY", "AZURE_OPENAI_API_KEY", "ANTHROPIC_API_KEY")
_MIN_KEY = 8  # shorter configured values ("x", "none") are placeholders, not secrets

PATTERNS = re.compile(
    "|".join(
        (
            r"sk-[A-Za-z0-9_\-]{6,}",  # OpenAI and compatible
            r"(?i:bearer)\s+[A-Za-z0-9._~+/\-]{6,}=*",  # any bearer token
            r"eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*",  # JWT
            r"AKIA[0-9A-Z]{16}",  # AWS access key id
            r"AIza[0-9A-Za-z_\-]{30,}",  # Google API key
            r"gh[pousr]_[A-Za-z0-9]{20,}",  # GitHub tokens
            r"hf_[A-Za-z0-9]{20,}",  # Hugging Face
            r"xox[abprs]-[A-Za-z0-9\-]{10,}",  # Slack
        )
    )
)
# "api_key": "...", api-key=..., x-api-key: ..., "token": "...": the value after the name
LABELLED = re.compile(
    r"""(?i)(?P<label>(?:api[_-]?key|access[_-]?token|secret|password|token)["']?\s*[:=]\s*["']?)"""
    r"""[^\s"',;&]{6,}"""
)

_known: set[str] = set()
_known_pattern: re.Pattern[str] | None = None
_lock = threading.Lock()


def remember(value: str | None) -> None:
    """Scrub this configured secret (and its JSON-escaped form) from now on, logs included."""
    global _known_pattern
    from extractor.logs import install

    install()
    if not value or len(value) < _MIN_KEY:
        return
    forms = {value, json.dumps(value)[1:-1]}
    with _lock:
        if forms <= _known:
            return
        _known.update(forms)
        ordered = sorted(_known, key=len, reverse=True)
        _known_pattern = re.compile("|".join(map(re.escape, ordered)))


def remember_environment() -> None:
    """The API keys of the environment, whether or not a backend reads them; and from
    now on, log records without secrets (``remember`` installs that, also when no key is
    set: the usual key shapes are scrubbed all the same)."""
    for name in KEY_ENVIRONMENT:
        remember(os.environ.get(name))


def scrub(text: str) -> str:
    """``text`` without any known secret or anything shaped like a key."""
    if _known_pattern is not None:
        text = _known_pattern.sub(REDACTED, text)
    text = PATTERNS.sub(REDACTED, text)
    return LABELLED.sub(lambda m: m.group("label") + REDACTED, text)


def scrub_data(data: Any) -> Any:
    """Every string inside lists and dicts scrubbed (keys too)."""
    if isinstance(data, str):
        return scrub(data)
    if isinstance(data, list):
        return [scrub_data(v) for v in data]
    if isinstance(data, dict):
        return {scrub_data(k): scrub_data(v) for k, v in data.items()}
    return data


Model = TypeVar("Model", bound=BaseModel)


def scrub_model(model: Model) -> Model:
    """A copy of ``model`` whose strings are scrubbed (the same object when none changed)."""
    data = model.model_dump(mode="json")
    clean = scrub_data(data)
    return model if clean == data else type(model).model_validate(clean)
