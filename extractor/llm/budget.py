"""How much text one request carries and how long its answer may be, per kind of model.

Fewer, larger passages resend the fixed instructions less often; the limit is the
model's context window and the answer's length (about 80 tokens per fact). The
bundled small model (llama.cpp, ``server.N_CTX`` tokens) gets passages of a few
paragraphs; a hosted model gets the whole article in one or two requests.
``--passage-chars`` overrides the characters (0: the whole article). A small model
on a CPU shared with other work may take many minutes per answer, so its requests
wait at least ``min_timeout_s`` and its articles ``min_deadline_s`` whatever the
hosted-model defaults of ``--timeout`` and ``--deadline`` (a server that dies is
noticed at once anyway, ``server.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from extractor.types import ExtractOptions


@dataclass(frozen=True)
class Budget:
    max_chars: int  # characters of article text per passage
    max_amounts: int  # stated amounts per passage (each is about one fact of the answer)
    max_tokens: int  # answer tokens per request
    min_timeout_s: float = 0.0  # per request, whatever --timeout says
    min_deadline_s: float = 0.0  # per article, whatever --deadline says

    def patient(self, options: ExtractOptions) -> ExtractOptions:
        """``options`` with the waits this kind of model needs at least."""
        return options.model_copy(
            update={
                "timeout_s": max(options.timeout_s, self.min_timeout_s),
                "article_deadline_s": max(options.article_deadline_s, self.min_deadline_s),
            }
        )

    def with_max_tokens(self, cap: int | None) -> Budget:
        """This budget with answers capped at ``cap`` tokens (--max-tokens), if lower."""
        return self if cap is None else replace(self, max_tokens=min(self.max_tokens, cap))

    def with_chars(self, chars: int | None) -> Budget:
        """This budget with the characters a user asked for (0: the whole article)."""
        if chars is None:
            return self
        if chars == 0:
            return replace(self, max_chars=10**9, max_amounts=10**9)
        return replace(self, max_chars=chars)


BUDGETS: dict[str, Budget] = {
    "llama_cpp": Budget(
        max_chars=2000,
        max_amounts=14,
        max_tokens=2048,
        min_timeout_s=1800.0,
        min_deadline_s=4 * 3600.0,
    ),
    "compatible": Budget(max_chars=6000, max_amounts=30, max_tokens=4096),
    "openai": Budget(max_chars=12000, max_amounts=40, max_tokens=8192),
}
