"""The worked examples of ``prompts/anchored/examples.json``, rendered as real requests.

An example is a short passage of our own and its answer; its question is built by the
same code as every request (scan, anchors, choices, options block), so the example can
never drift from the format the model is asked in.
"""

from __future__ import annotations

import json
from functools import cache

from extractor.llm.anchored.anchors import find_anchors
from extractor.llm.anchored.answer import answer_schema, read_answer
from extractor.llm.anchored.choices import Choices, build_choices
from extractor.llm.anchored.prompt import load_anchored_prompt
from extractor.llm.anchored.requests import passage
from extractor.rules.document import Document


def example_choices(example: dict) -> tuple[str, list[Choices]]:
    text = example["text"]
    scan = Document(text)
    return text, [build_choices(scan, a, example["year"]) for a in find_anchors(scan)]


@cache
def rendered_examples() -> tuple[tuple[str, str, dict], ...]:
    """(question, answer, schema) per example; an answer that does not fit its choices fails."""
    prompt = load_anchored_prompt()
    out = []
    for example in prompt.examples:
        text, batch = example_choices(example)
        answer = json.dumps(example["answer"], ensure_ascii=False, separators=(",", ":"))
        reading = read_answer(batch, answer)
        if reading.errors:
            raise ValueError(f"worked example does not fit its choices: {reading.errors}")
        question = prompt.user(passage(text, batch, example["year"]), batch)
        out.append((question, answer, answer_schema(batch)))
    return tuple(out)
