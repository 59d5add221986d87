"""Per-fact validation of an answer: keep what is valid, name what is not.

One bad field must not lose a passage: each fact of the answer is validated on
its own (partner names and alpha-3 codes are mapped first, in ``LlmFact``), the
valid ones are kept, and only the invalid ones go back to the model with their
errors. An answer that is not JSON of the right envelope is invalid as a whole.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from extractor.llm.schema import MAX_FACTS_PER_ANSWER, LlmFact

MAX_ECHO_CHARS = 2000  # how much of an unreadable answer a re-ask quotes back


@dataclass(frozen=True)
class Invalid:
    """One fact of an answer that failed validation, as the model wrote it."""

    written: Any
    errors: tuple[str, ...]


@dataclass
class Checked:
    valid: list[LlmFact] = field(default_factory=list)
    invalid: list[Invalid] = field(default_factory=list)
    unreadable: str | None = None  # why the answer as a whole could not be read

    def error_lines(self) -> list[str]:
        """What the re-ask tells the model, one line per invalid fact."""
        if self.unreadable:
            return [self.unreadable]
        return [
            f"fact {i} ({_label(bad.written)}): {'; '.join(bad.errors)}"
            for i, bad in enumerate(self.invalid, 1)
        ]


def _label(written: Any) -> str:
    if isinstance(written, dict) and isinstance(written.get("number"), str):
        return f"number {written['number']!r}"
    return "not an object"


def _messages(exc: ValidationError) -> tuple[str, ...]:
    out = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(p) for p in err["loc"])
        message = err["msg"].removeprefix("Value error, ")
        out.append(f"{where}: {message}" if where else message)
    return tuple(out)


def check_answer(raw: str) -> Checked:
    """Each fact of ``raw`` validated on its own."""
    try:
        data = json.loads(raw)
    except ValueError as exc:
        return Checked(unreadable=f"the answer is not valid JSON ({exc})")
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        return Checked(unreadable='the answer must be one JSON object {"facts": [...]}')
    checked = Checked()
    for written in data["facts"][:MAX_FACTS_PER_ANSWER]:
        try:
            checked.valid.append(LlmFact.model_validate(written))
        except ValidationError as exc:
            checked.invalid.append(Invalid(written, _messages(exc)))
    return checked


def echo(raw: str) -> str:
    """What of an unreadable answer a re-ask quotes back (bounded)."""
    return raw if len(raw) <= MAX_ECHO_CHARS else raw[:MAX_ECHO_CHARS] + "…"
