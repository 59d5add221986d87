"""The answer shape we ask the model for: the quote and the keys, the number as written.

A small model copies text far better than it converts "33,19 tỷ USD" to
33190000000 or picks a sign, so it returns the number as written and our own
parser (``extractor.numbers``) computes the value. Every key is required (nulls
allowed) so the schema works for strict structured outputs and for llama.cpp
grammars alike; lengths are bounded so a looping model cannot run forever.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import cache

from pydantic import BaseModel, Field, field_validator, model_validator

from extractor.rules.vocab import VOCAB
from extractor.types import PARTNER_PATTERN, Basis, Flow, Metric, Scope, Sector

MAX_FACTS_PER_ANSWER = 16
# Starts with a digit, then the unit words: "33,19 tỷ USD", "7,8%". Also a grammar for llama.cpp.
NUMBER_PATTERN = r"^[0-9][0-9.,]*[ ]?[^0-9\"]{0,24}$"

# Names a small model tends to write instead of a code: the rules' partner names (one
# vocabulary), mapped rather than re-asked.
PARTNER_NAMES: dict[str, str] = VOCAB.mapping("partner")


class LlmFact(BaseModel):
    """One figure as the model reads it; ``number`` is turned into a value by our parser."""

    quote: str = Field(max_length=240, description="exact words of the passage stating the number")
    number: str = Field(
        max_length=40,
        pattern=NUMBER_PATTERN,
        description='the number and unit as written, "12,5 tỷ USD"',
    )
    flow: Flow
    scope: Scope
    metric: Metric
    basis: Basis | None
    year: int | None
    start_month: int
    end_month: int
    sector: Sector | None
    partner: str | None
    item: str | None = Field(max_length=120)

    @field_validator("partner", mode="before")
    @classmethod
    def _partner_code(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        text = re.sub(r"\s*\(.*?\)\s*", "", unicodedata.normalize("NFC", value)).strip()
        if not text:
            return None
        code = PARTNER_NAMES.get(text.lower(), text.upper() if len(text) == 2 else text)
        if not PARTNER_PATTERN.match(code):
            raise ValueError(
                f"partner {value!r} must be a two-letter country code such as 'US', 'CN', "
                "or 'EU' / 'ASEAN', or null"
            )
        return code

    @model_validator(mode="after")
    def _period_is_months(self) -> LlmFact:
        for month in (self.start_month, self.end_month):
            if not 1 <= month <= 12:
                raise ValueError(f"month {month} must be between 1 and 12")
        if self.start_month > self.end_month:
            raise ValueError(
                f"start_month {self.start_month} is after end_month {self.end_month}; "
                "a period runs from start_month to end_month of one year"
            )
        if self.year is not None and not 1990 <= self.year <= 2100:
            raise ValueError(f"year {self.year} is not a plausible year")
        return self


class LlmAnswer(BaseModel):
    """What the model returns for one passage."""

    facts: list[LlmFact] = Field(max_length=MAX_FACTS_PER_ANSWER)


@cache
def answer_schema() -> dict:
    """JSON Schema sent to the endpoint, with $refs inlined for grammar-based servers."""
    return _inline(LlmAnswer.model_json_schema())


@cache
def schema_hash() -> str:
    text = json.dumps(LlmAnswer.model_json_schema(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _inline(schema: dict) -> dict:
    defs = schema.get("$defs", {})

    def walk(node: object) -> object:
        if isinstance(node, dict):
            if "$ref" in node:
                return walk(defs[node["$ref"].rsplit("/", 1)[-1]])
            return {k: walk(v) for k, v in node.items() if k != "$defs"}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)  # type: ignore[return-value]
