"""The anchored prompt: files in ``prompts/anchored/``, rendered for a batch of anchors.

The instructions and the worked example come first and are byte-identical in every
request (providers' prompt caching and llama.cpp's prefix reuse apply); then the
article's context (headline, year), the text with the asked numbers marked ``[id]``,
and under each number its options. The content hash of the files versions the answer
cache and the cassettes, so an edited prompt makes replay ask for a re-recording.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from openai.types.chat import ChatCompletionMessageParam

from extractor.llm.anchored import years
from extractor.llm.anchored.choices import Choices, Option
from extractor.llm.prompts import prompts_dir, read_prompt_files

PROMPT_FILES = ("system.md", "user.md", "examples.json")
METRIC_NAMES = {
    "v": "value",
    "a": "change USD",
    "c": "change %",
    "s": "share %",
    "q": "tonnes",
}
SECTOR_NAMES = {"0": "whole country", "d": "domestic", "f": "FDI"}
MAX_LEAD_CHARS = 240
WRITTEN = " | or the product's own words, as written in the text"


@dataclass(frozen=True)
class Passage:
    """What one request shows: the article's context and the text around its anchors."""

    headline: str | None
    year: int | None  # the inferred year, stated when it is not asked
    lead: str | None  # the paragraph's opening, when the text shown starts later
    text: str  # with the asked numbers marked
    years: tuple[Option, ...] = ()  # the article's year, asked (``years``)
    dateline: str | None = None  # the article's dateline, shown when the year is asked


@dataclass(frozen=True)
class AnchoredPrompt:
    system: str
    user_template: str
    examples: tuple[dict, ...]
    hash: str

    def user(self, passage: Passage, batch: list[Choices]) -> str:
        context = [f"Headline: {passage.headline}"] if passage.headline else []
        if passage.dateline:
            context.append(f"Dateline: {passage.dateline}")
        if passage.year:
            context.append(f"Year of the article: {passage.year}")
        if passage.lead:
            context.append(f"Paragraph begins: {passage.lead}")
        asked = [years.question(passage.years)] if passage.years else []
        return self.user_template.format(
            context="\n".join(context),
            text=passage.text,
            numbers="\n".join([*asked, *(options_block(c) for c in batch)]),
        ).strip()

    def messages(
        self, passage: Passage, batch: list[Choices], examples: list[tuple[str, str]]
    ) -> list[ChatCompletionMessageParam]:
        """System, then each worked example as a user/assistant turn, then the request."""
        messages: list[ChatCompletionMessageParam] = [
            {"role": "system", "content": self.system.strip()}
        ]
        for question, answer in examples:
            messages.append({"role": "user", "content": question})
            messages.append({"role": "assistant", "content": answer})
        messages.append({"role": "user", "content": self.user(passage, batch)})
        return messages


def _listed(options: tuple[Option, ...]) -> str:
    return " | ".join(f"{o.code}={o.text}" for o in options)


def _flow(option: Option) -> str:
    return option.code if option.text == option.code else f"{option.code}={option.text}"


def options_block(choices: Choices) -> str:
    """``[3] 33,19 tỷ USD`` and one line per asked key with its options."""
    lines = [f"[{choices.anchor.id}] {choices.anchor.amount.text}"]
    listed = {
        "m": lambda: " | ".join(f"{m}={METRIC_NAMES[m]}" for m in choices.metrics),
        "p": lambda: _listed(choices.periods),
        "r": lambda: _listed(choices.partners),
        "i": lambda: _listed(choices.items) + (WRITTEN if choices.written else ""),
        "b": lambda: _listed(choices.comparisons),
        "s": lambda: " | ".join(f"{s}={SECTOR_NAMES[s]}" for s in choices.sectors),
        "c": lambda: "g=goods | s=services",
    }
    lines.append("  f: " + " | ".join(_flow(o) for o in choices.flows))
    lines.extend(f"  {key}: {listed[key]()}" for key in choices.keys[1:])
    return "\n".join(lines)


def anchored_prompts_dir() -> Path:
    return prompts_dir() / "anchored"


def load_anchored_prompt(directory: Path | None = None) -> AnchoredPrompt:
    return _load(str(directory or anchored_prompts_dir()))


@cache
def _load(directory: str) -> AnchoredPrompt:
    texts, digest = read_prompt_files(Path(directory), PROMPT_FILES)
    return AnchoredPrompt(
        system=texts["system.md"],
        user_template=texts["user.md"],
        examples=tuple(json.loads(texts["examples.json"])),
        hash=digest,
    )
