"""``openai:MODEL``: OpenAI itself or any compatible server (``--base-url``)."""

from __future__ import annotations

import os

from extractor.llm.endpoint import Endpoint
from extractor.llm.flavour import guess_flavour
from extractor.llm.mode import pick_mode
from extractor.scrub import remember
from extractor.types import Article, ExtractOptions


def openai_endpoint(model: str, options: ExtractOptions, _article: Article) -> Endpoint:
    base_url = options.base_url or os.environ.get("OPENAI_BASE_URL")
    api_key = os.environ.get("OPENAI_API_KEY")
    remember(api_key)  # whatever its format, it never leaves the process
    flavour = guess_flavour(base_url)
    if not api_key:
        if flavour == "openai":
            raise ValueError("--llm openai:MODEL needs OPENAI_API_KEY in the environment")
        api_key = "not-needed"  # local compatible servers accept any key
    return Endpoint(
        model=model,
        base_url=base_url,
        api_key=api_key,
        flavour=flavour,
        mode=pick_mode(flavour, options.mode),
        label=f"openai:{model}",
    )
