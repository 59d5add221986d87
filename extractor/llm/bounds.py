"""Bounds on what a model can make us read, send and store.

A response longer than the cap is refused before it is parsed (a re-ask quotes only
the invalid facts, or a bounded echo: ``validate.py``); a raw answer is kept as an
excerpt with its full length noted. So one runaway answer costs a bounded amount of
memory, of request bytes and of disk, however long it is.
"""

from __future__ import annotations

import httpx2
import openai

MAX_RAW_CHARS = 4000  # of a raw answer, stored in a result


class AnswerTooLarge(openai.OpenAIError):
    """The response is over the byte cap: refused unread, and not asked again."""


class CappedTransport(httpx2.BaseTransport):
    """Reads a response only up to ``cap`` bytes; beyond that the request fails."""

    def __init__(self, inner: httpx2.BaseTransport, cap: int) -> None:
        self.inner = inner
        self.cap = cap

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        response = self.inner.handle_request(request)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.cap:
            response.close()
            raise self._too_large(f"{int(declared):,} bytes announced")
        chunks, size = [], 0
        try:
            for chunk in response.stream:  # type: ignore[union-attr]
                size += len(chunk)
                if size > self.cap:
                    raise self._too_large(f"more than {self.cap:,} bytes sent")
                chunks.append(chunk)
        finally:
            response.close()
        return httpx2.Response(
            response.status_code,
            headers=response.headers,
            content=b"".join(chunks),
            request=request,
            extensions=response.extensions,
        )

    def _too_large(self, what: str) -> AnswerTooLarge:
        return AnswerTooLarge(f"response refused: {what}, over the cap of {self.cap:,} bytes")

    def close(self) -> None:
        self.inner.close()


def excerpt(text: str, limit: int) -> str:
    """``text`` if short enough, else its head with the full length noted."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… [excerpt: {limit:,} of {len(text):,} characters]"
