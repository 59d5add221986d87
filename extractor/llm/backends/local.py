"""``local[:PATH.gguf]``: the bundled small model, served by llama.cpp on 127.0.0.1."""

from __future__ import annotations

import os

from extractor.llm.endpoint import Endpoint
from extractor.llm.mode import pick_mode
from extractor.llm.model import model_digest, resolve_model
from extractor.llm.server import ensure_server
from extractor.types import Article, ExtractOptions


def local_endpoint(path: str, options: ExtractOptions, _article: Article) -> Endpoint:
    model = resolve_model(path or None)
    server = ensure_server(model)
    return Endpoint(
        model=model.name,
        base_url=server.base_url,
        api_key=os.environ.get("OPENAI_API_KEY", "local"),
        flavour="llama_cpp",
        mode=pick_mode("llama_cpp", options.mode),
        label="local",
        identity=f"{model.name}@sha256:{model_digest(model)}",
        down=server.death,
    )
