"""How much text one request carries and how long its answer may be, per kind of model.

Fewer, larger passages resend the fixed instructions less often; the limit is the
model's context window and the answer's length (about 80 tokens per fact). The
bundled small model (llama.cpp, ``server.N_CTX`` tokens) gets passages of a few
paragraphs; a hosted model gets the whole article in one or two requests.
``--passage-chars`` overrides the characters (0: the whole article).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Budget:
    max_chars: int  # characters of article text per passage
    max_amounts: int  # stated amounts per passage (each is about one fact of the answer)
    max_tokens: int  # answer tokens per request

    def with_chars(self, chars: int | None) -> Budget:
        """This budget with the characters a user asked for (0: the whole article)."""
        if chars is None:
            return self
        if chars == 0:
            return Budget(10**9, 10**9, self.max_tokens)
        return Budget(chars, self.max_amounts, self.max_tokens)


BUDGETS: dict[str, Budget] = {
    "llama_cpp": Budget(max_chars=2000, max_amounts=14, max_tokens=2048),
    "compatible": Budget(max_chars=6000, max_amounts=30, max_tokens=4096),
    "openai": Budget(max_chars=12000, max_amounts=40, max_tokens=8192),
}
