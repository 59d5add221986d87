"""Prompts live as files in ``prompts/``; their content hash versions answers and cassettes.

Editing a prompt file changes ``PromptSet.hash``, which invalidates the answer
cache and makes replay refuse stale cassettes with a message to re-record.
The instructions and worked examples come first and are byte-identical in every
request (providers cache such a prefix); what varies (dates, context, passage)
comes last.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from openai.types.chat import ChatCompletionMessageParam

PROMPT_FILES = ("system.md", "rules.md", "examples.json", "user.md", "reask.md")
OPENING = "(none: the passage is the opening of the article)"


def prompts_dir() -> Path:
    """$EXTRACTOR_PROMPTS_DIR, else ``prompts/`` at the project root."""
    env = os.environ.get("EXTRACTOR_PROMPTS_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "prompts"


@dataclass(frozen=True)
class PromptSet:
    system: str
    rules: str
    examples: tuple[dict, ...]
    user_template: str
    reask_template: str
    hash: str

    def user(self, dates: str, context: str, passage: str) -> str:
        return self.user_template.format(
            dates=dates.strip(), context=context.strip() or OPENING, passage=passage.strip()
        )

    def messages(self, dates: str, context: str, passage: str) -> list[ChatCompletionMessageParam]:
        """System + rules, then each worked example as a user/assistant turn, then the passage."""
        messages: list[ChatCompletionMessageParam] = [
            {"role": "system", "content": f"{self.system.strip()}\n\n{self.rules.strip()}"}
        ]
        for example in self.examples:
            answer = json.dumps({"facts": example["facts"]}, ensure_ascii=False)
            text = self.user(example["dates"], example["context"], example["passage"])
            messages.append({"role": "user", "content": text})
            messages.append({"role": "assistant", "content": answer})
        messages.append({"role": "user", "content": self.user(dates, context, passage)})
        return messages

    def reask(self, errors: list[str]) -> str:
        """The follow-up that names what was invalid in an answer."""
        return self.reask_template.format(errors="\n".join(f"- {e}" for e in errors)).strip()


def load_prompts(directory: Path | None = None) -> PromptSet:
    return _load(str(directory or prompts_dir()))


def read_prompt_files(root: Path, names: tuple[str, ...]) -> tuple[dict[str, str], str]:
    """The texts of a prompt folder's files and their hash (the cassettes' prompt tag)."""
    texts = {name: (root / name).read_text(encoding="utf-8") for name in names}
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
    return texts, digest.hexdigest()[:16]


@cache
def _load(directory: str) -> PromptSet:
    texts, digest = read_prompt_files(Path(directory), PROMPT_FILES)
    return PromptSet(
        system=texts["system.md"],
        rules=texts["rules.md"],
        examples=tuple(json.loads(texts["examples.json"])),
        user_template=texts["user.md"],
        reask_template=texts["reask.md"],
        hash=digest,
    )
