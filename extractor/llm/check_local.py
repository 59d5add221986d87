"""Serve the local model and ask it for one token: the end of ``make install-local``.

A llama.cpp build that uses an instruction this CPU lacks starts fine and dies
on its first request, so an install is only done when a request was answered.

    python -m extractor.llm.check_local [PATH.gguf]
"""

from __future__ import annotations

import sys
import time

import openai

from extractor.llm.model import ModelError, resolve_model
from extractor.llm.server import ServerError, ensure_server


def check(explicit: str | None = None) -> str:
    """One token from the served model, or raises with the cause (signal, log)."""
    model = resolve_model(explicit)
    server = ensure_server(model)
    client = openai.OpenAI(base_url=server.base_url, api_key="local", max_retries=0, timeout=300)
    try:
        reply = client.chat.completions.create(
            model=model.name,
            messages=[{"role": "user", "content": "Say OK."}],
            max_tokens=1,
            temperature=0.0,
        )
    except openai.APIConnectionError as exc:
        raise ServerError(server.death() or f"no answer from {server.base_url}: {exc}") from exc
    finally:
        time.sleep(0.2)  # let a dying server's exit status land before it is stopped
    if cause := server.death():
        raise ServerError(cause)
    server.stop()
    return reply.choices[0].message.content or ""


def main() -> int:
    started = time.monotonic()
    try:
        token = check(sys.argv[1] if len(sys.argv) > 1 else None)
    except (ServerError, ModelError) as exc:
        print(f"local model check failed: {exc}", file=sys.stderr)
        return 1
    print(f"local model answered {token!r} in {time.monotonic() - started:.0f}s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
