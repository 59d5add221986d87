"""The answer shape we ask the model for: the quote and the keys, the number as written.

A small model copies text far better than it converts "33,19 tỷ USD" to
33190000000 or picks a sign, so it returns the number as written and our own
parser (``extractor.numbers``) computes the value. Every object is closed and
every key required (nulls allowed), the partner is one of the vocabulary's
codes, so the same schema is a strict structured-output contract for hosted
models and a grammar for llama.cpp. Lengths are bounded in the grammar so a
looping model cannot run forever (strict mode does not take them: ``strict.py``).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator, model_validator

from extractor.llm.partners import PARTNER_CODES, partner_code
from extractor.types import Basis, Flow, Metric, Scope, Sector

MAX_FACTS_PER_ANSWER = 16
# Starts with a digit, then the unit words: "33,19 tỷ USD", "7,8%". Also a grammar for llama.cpp.
NUMBER_PATTERN = r"^[0-9][0-9.,]*[ ]?[^0-9\"]{0,24}$"

PartnerCode = Annotated[str, WithJsonSchema({"type": "string", "enum": list(PARTNER_CODES)})]


class LlmFact(BaseModel):
    """One figure as the model reads it; ``number`` is turned into a value by our parser."""

    model_config = ConfigDict(extra="forbid")

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
    partner: PartnerCode | None
    item: str | None = Field(max_length=120)

    @field_validator("partner", mode="before")
    @classmethod
    def _partner_code(cls, value: object) -> object:
        """Names and alpha-3 codes map onto the vocabulary; anything else is re-asked."""
        return partner_code(value) if isinstance(value, str) else value

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

    model_config = ConfigDict(extra="forbid")

    facts: list[LlmFact] = Field(max_length=MAX_FACTS_PER_ANSWER)


@cache
def answer_schema() -> dict:
    """JSON Schema of the answer, $refs inlined (grammar-based servers need that), titles off."""
    return _inline(LlmAnswer.model_json_schema())


@cache
def schema_hash() -> str:
    text = json.dumps(answer_schema(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _inline(schema: dict) -> dict:
    defs = schema.get("$defs", {})

    def walk(node: object) -> object:
        if isinstance(node, dict):
            if "$ref" in node:
                return walk(defs[node["$ref"].rsplit("/", 1)[-1]])
            return {
                k: walk(v)
                for k, v in node.items()
                if k != "$defs" and not (k == "title" and isinstance(v, str))
            }
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)  # type: ignore[return-value]
