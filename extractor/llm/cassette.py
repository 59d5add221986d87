"""vcrpy cassettes: one per article, recorded from a real server, replayed offline.

Secrets never reach disk: auth headers are filtered, and the configured key and
key-like strings are scrubbed from bodies. Every request carries the prompt and schema
hashes in a header; replay reads the cassette's hashes first and, if the prompt or
schema changed since it was recorded, says so and how to re-record instead of failing
with a matcher error.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import vcr
import yaml

from extractor.llm.client import ENDPOINT_HEADER, VERSION_HEADER, version_tag
from extractor.scrub import scrub

SECRET_HEADERS = (
    "authorization",
    "api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "set-cookie",
)
RECORD_HINT = "re-record with `make record` (starts the local model and rewrites cassettes/)"


class CassetteError(RuntimeError):
    """A cassette is missing, stale or does not cover a request."""


def cassettes_dir(option: str | None = None) -> Path:
    if option:
        return Path(option)
    env = os.environ.get("EXTRACTOR_CASSETTE_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "cassettes"


def cassette_path(directory: Path, stem: str) -> Path:
    return directory / f"{stem}.yaml"


def _scrub_request(request: Any) -> Any:
    if request.body:
        body = request.body.decode() if isinstance(request.body, bytes) else request.body
        request.body = scrub(body).encode()
    return request


def _scrub_response(response: dict) -> dict:
    body = response.get("body", {}).get("string")
    if isinstance(body, bytes):
        response["body"]["string"] = scrub(body.decode("utf-8", "replace")).encode()
    for name in list(response.get("headers", {})):
        if name.lower() in SECRET_HEADERS:
            del response["headers"][name]
    return response


def _json_body(r1: Any, r2: Any) -> None:
    """Requests match when their JSON bodies are equal (key order and spacing aside)."""
    assert _canonical(_text(r1.body)) == _canonical(_text(r2.body)), "request bodies differ"


def _text(body: bytes | str | None) -> str:
    return body.decode() if isinstance(body, bytes) else (body or "")


@lru_cache(maxsize=1024)
def _canonical(body: str) -> str:
    """One spelling of a JSON body; a replay compares each request with every recorded
    one, so each body is parsed once, not once per comparison."""
    try:
        return json.dumps(json.loads(body), sort_keys=True, ensure_ascii=False)
    except ValueError:
        return body


def make_vcr(record_mode: str) -> vcr.VCR:
    recorder = vcr.VCR(
        record_mode=record_mode,
        filter_headers=list(SECRET_HEADERS),
        before_record_request=_scrub_request,
        before_record_response=_scrub_response,
        match_on=("method", "path", "json_body"),
        decode_compressed_response=True,
    )
    recorder.register_matcher("json_body", _json_body)
    return recorder


def _first_request(path: Path) -> dict[str, Any] | None:
    """The cassette's first recorded request, or None when it holds none."""
    stat = path.stat()
    return _parsed_first_request(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _parsed_first_request(path: str, _mtime_ns: int, _size: int) -> dict[str, Any] | None:
    # libyaml's parser when PyYAML has it: a cassette of a hundred requests is megabytes
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader) or {}
    interactions = data.get("interactions") or []
    return interactions[0]["request"] if interactions else None


def _first_headers(path: Path) -> dict[str, str]:
    request = _first_request(path) or {}
    headers = request.get("headers", {})
    return {k.lower(): (v[0] if isinstance(v, list) else v) for k, v in headers.items()}


def recorded_version(path: Path) -> str | None:
    """The prompt/schema tag the cassette's first request was sent with."""
    return _first_headers(path).get(VERSION_HEADER.lower())


@dataclass(frozen=True)
class Recorded:
    model: str
    base_url: str
    flavour: str
    mode: str


def recorded_endpoint(path: Path) -> Recorded:
    """How the cassette's requests were made, so replayed requests are the same."""
    request = _first_request(path)
    if request is None:
        raise CassetteError(f"cassette {path} holds no requests; {RECORD_HINT}")
    body = json.loads(request["body"]) if request.get("body") else {}
    uri = request["uri"]
    base = uri[: uri.index("/chat/completions")] if "/chat/completions" in uri else uri
    tag = dict(
        part.split("=", 1)
        for part in _first_headers(path).get(ENDPOINT_HEADER.lower(), "").split(";")
        if "=" in part
    )
    return Recorded(
        body.get("model", "replay"),
        base,
        tag.get("flavour", "compatible"),
        tag.get("mode", "json_schema_mode"),
    )


def check_replayable(path: Path, current: str | None = None) -> None:
    """Fail clearly when the cassette is missing or was recorded with another prompt/schema
    (``current``: the tag of the strategy replayed; the direct one by default)."""
    if not path.is_file():
        raise CassetteError(
            f"no cassette {path}: replay answers only recorded articles; run this one with "
            "--llm local or --llm openai:MODEL [--base-url URL] (to add it to the "
            "recordings: `make record RECORD=ARTICLE`)"
        )
    recorded, current = recorded_version(path), current or version_tag()
    if recorded != current:
        raise CassetteError(
            f"cassette {path.name} was recorded with {recorded or 'an unknown prompt/schema'} "
            f"but the current prompt/schema is {current}: {RECORD_HINT}"
        )
